"""The real Application, polling the Bot API emulator, and ways to talk to it as users.

Shared by the tests/test_bot_e2e_*.py modules.  Waiting is on conditions only: the
harness counts the updates the emulator queued and the ones the Application has
finished handling (a last-group TypeHandler sees each update after every handler and
the error handler have run), so `settled()` returns exactly when the bot is done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Update
from telegram.ext import Application, BaseRateLimiter, ContextTypes, TypeHandler

from bot.config import Settings, load_settings
from handlers.app import ALLOWED_UPDATES, build_application, webhook_arguments
from tests.emulator.server import BotApiEmulator
from tests.emulator.state import ChatRef, SentMessage

# BotFather's shape (the settings check it); the secret half must never reach a log.
TOKEN = "7000000001:AAE2eSecretPartOfTheTokenNotForLogs_x"
TOKEN_SECRET = TOKEN.split(":", 1)[1]
BOT_USERNAME = "TimelineTestBot"
ADMIN_ID = 5001
SETTLE_TIMEOUT = 15.0
_DONE_GROUP = 1_000


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    """Settings from explicit values only: no .env file, nothing from the developer's shell."""
    values: dict[str, Any] = {
        "_env_file": None,
        "telegram_bot_token": TOKEN,
        "database_url": f"sqlite:///{tmp / 'unused.db'}",
        "admin_user_ids": frozenset({ADMIN_ID}),
        "default_timezone": "UTC",
        "webhook_url": None,
        "webhook_secret": None,
        "log_level": "INFO",
    }
    values.update(overrides)
    return load_settings(**values)


@dataclass
class BotUnderTest:
    emulator: BotApiEmulator
    application: Application
    pushed: list[int] = field(default_factory=list)
    handled: set[int] = field(default_factory=set)
    progress: asyncio.Event = field(default_factory=asyncio.Event)

    def watch_queue(self) -> None:
        """Notes the id of every update the emulator really queues for the bot."""
        queue = self.emulator.state.queue
        push = queue.push

        def recording_push(kind: str, payload: dict[str, Any]) -> int:
            before = len(queue.pending)
            update_id = push(kind, payload)
            if len(queue.pending) > before:
                self.pushed.append(update_id)
            return update_id

        queue.push = recording_push  # type: ignore[method-assign]

    async def mark_handled(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        self.handled.add(update.update_id)
        self.progress.set()

    async def settled(self, timeout: float = SETTLE_TIMEOUT) -> None:
        """Returns once the bot has finished with every update queued so far."""
        async with asyncio.timeout(timeout):
            while not set(self.pushed) <= self.handled:
                self.progress.clear()
                await self.progress.wait()

    async def _after(self, action: Callable[[], Any], chat_id: int | None) -> list[SentMessage]:
        start = len(self.emulator.sent)
        action()
        await self.settled()
        return [m for m in self.emulator.sent[start:] if chat_id is None or m.chat_id == chat_id]

    async def say(
        self, chat: ChatRef, user_id: int, text: str, *, reply_to: int | None = None
    ) -> list[SentMessage]:
        """What the bot sent to this chat in answer to `text`."""
        return await self._after(
            lambda: self.emulator.send_text(chat, user_id, text, reply_to=reply_to), chat.id
        )

    async def upload(
        self,
        chat: ChatRef,
        user_id: int,
        file_name: str,
        content: bytes,
        caption: str | None = None,
        mime_type: str = "text/plain",
    ) -> list[SentMessage]:
        return await self._after(
            lambda: self.emulator.send_document(
                chat, user_id, file_name, content, caption, mime_type
            ),
            chat.id,
        )

    async def press(
        self, chat: ChatRef, user_id: int, message_id: int, data: str
    ) -> tuple[str, list[SentMessage]]:
        """Taps a button; the query id (to read its answer) and what the bot sent or edited."""
        query_ids: list[str] = []
        sent = await self._after(
            lambda: query_ids.append(self.emulator.press_button(chat, user_id, message_id, data)),
            chat.id,
        )
        return query_ids[0], sent

    async def inline(self, user_id: int, query: str) -> list[dict[str, Any]]:
        query_ids: list[str] = []
        await self._after(
            lambda: query_ids.append(self.emulator.inline_query(user_id, query)), None
        )
        answers = self.emulator.inline_answers(query_ids[0])
        assert len(answers) == 1, f"expected one answer to the inline query, got {answers}"
        assert answers[0].is_personal is False
        return answers[0].results


async def start_polling_bot(
    emulator: BotApiEmulator,
    settings: Settings,
    engine: Engine,
    *,
    rate_limiter: BaseRateLimiter | None = None,
) -> BotUnderTest:
    """Our bot, built as production builds it, pointed at the emulator."""
    application = build_application(
        settings,
        engine,
        base_url=emulator.base_url,
        base_file_url=emulator.base_file_url,
        rate_limiter=rate_limiter,
    )
    return await start_polling(emulator, application)


def _watch(emulator: BotApiEmulator, application: Application) -> BotUnderTest:
    bot = BotUnderTest(emulator, application)
    bot.watch_queue()
    application.add_handler(TypeHandler(Update, bot.mark_handled), group=_DONE_GROUP)
    return bot


async def _initialize(application: Application) -> None:
    await application.initialize()
    # run_polling/run_webhook call post_init; starting by hand, as tests must, we call it.
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()


async def start_polling(emulator: BotApiEmulator, application: Application) -> BotUnderTest:
    """Starts any Application the way run_polling would, with a short long-poll."""
    bot = _watch(emulator, application)
    await _initialize(application)
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES
    )
    return bot


async def start_webhook_bot(
    emulator: BotApiEmulator, settings: Settings, engine: Engine
) -> BotUnderTest:
    """Our bot serving WEBHOOK_URL as run_bot would; it registers the webhook itself."""
    application = build_application(
        settings, engine, base_url=emulator.base_url, base_file_url=emulator.base_file_url
    )
    bot = _watch(emulator, application)
    await _initialize(application)
    assert application.updater is not None
    await application.updater.start_webhook(**webhook_arguments(settings))
    return bot


async def stop_bot(bot: BotUnderTest) -> None:
    application = bot.application
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()


@contextlib.asynccontextmanager
async def polling_bot(
    settings: Settings, engine: Engine, **emulator_options: Any
) -> AsyncIterator[BotUnderTest]:
    async with BotApiEmulator(
        token=TOKEN, bot_username=BOT_USERNAME, **emulator_options
    ) as emulator:
        bot = await start_polling_bot(emulator, settings, engine)
        try:
            yield bot
        finally:
            await stop_bot(bot)


def texts(sent: list[SentMessage]) -> str:
    """What the users saw, all messages joined: for assertions on content."""
    return "\n".join(m.plain_text or "" for m in sent)
