"""The digest's Telegram side: the minute tick and the my_chat_member handler.

The tick holds no schedule of its own (the database is the schedule): each minute it
starts a send run unless one is still going; the run enqueues what is due, then claims,
composes and sends until nothing is left.  It runs beside the JobQueue rather than in it,
so a long fan-out never makes the scheduler skip ticks, and it stops between messages
when the application stops.  Watch alerts have a tick of their own (handlers/watches.py)
and share the digest's pacing, so alerts go before digest pages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from telegram import ChatMember, Update
from telegram.ext import Application, ChatMemberHandler, ContextTypes

from bot.config import Settings
from bot.digest.outbox import SendReport
from bot.digest.pacing import Pacing
from bot.digest.subscriptions import deactivate
from bot.store.database import session_scope
from bot.watches.store import pause_chat
from handlers.digest_sender import DigestSender

log = logging.getLogger(__name__)

TICK_SECONDS = 60
SENDER_KEY = "digest_sender"
_GONE = {ChatMember.BANNED: "blocked or removed the bot", ChatMember.LEFT: "removed the bot"}


class SendTick:
    """A JobQueue callback that starts a send run unless the last one is still going."""

    def __init__(self, run: Callable[[], Awaitable[SendReport]], what: str) -> None:
        self.run = run
        self.what = what
        self.current: asyncio.Task | None = None

    async def __call__(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self.current is not None and not self.current.done():
            return
        self.current = context.application.create_task(self._send(), name=f"{self.what} run")

    async def _send(self) -> None:
        try:
            report = await self.run()
        except Exception:
            log.exception("%s run failed; the next tick resumes it", self.what)
            return
        if report.claimed or report.enqueued or report.late_skipped or report.held:
            log.info("%s run: %s", self.what, report)


def install_digest(
    application: Application, engine: Engine, settings: Settings, pacing: Pacing | None = None
) -> None:
    """Add the minute tick and the handler that stops digests and alerts to chats that
    dropped the bot."""
    sender = DigestSender(
        application.bot,
        engine,
        late_window=timedelta(hours=settings.digest_late_window_hours),
        keep_going=lambda: application.running,
        pacing=pacing or Pacing(),
    )
    application.bot_data[SENDER_KEY] = sender
    application.add_handler(
        ChatMemberHandler(_on_my_chat_member(engine), ChatMemberHandler.MY_CHAT_MEMBER)
    )
    if application.job_queue is None:
        log.warning("No JobQueue (install python-telegram-bot[job-queue]): digests are not sent")
        return
    application.job_queue.run_repeating(
        SendTick(sender.run_once, "digest send"), interval=TICK_SECONDS,
        first=_to_next_minute(), name="digest tick",
    )


def _to_next_minute() -> float:
    # Ticks on the minute send a 07:30 digest at 07:30:01, not at 07:30:59.
    now = datetime.now(UTC)
    return 60 - now.second - now.microsecond / 1e6 + 1


def _on_my_chat_member(engine: Engine):
    async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        if change is None:
            return
        what = _GONE.get(change.new_chat_member.status)
        if what is None:
            return  # added back or promoted: a new /subscribe is the admins' choice
        who = "the user" if change.chat.type == "private" else f"the {change.chat.type}"
        reason = f"{who} {what}"

        def stop() -> None:
            with session_scope(engine) as session:
                deactivate(session, change.chat.id, reason, now=change.date)
                pause_chat(session, change.chat.id, reason, now=change.date)

        await asyncio.to_thread(stop)

    return on_my_chat_member
