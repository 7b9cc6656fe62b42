"""The paced sender: claims an outbox's rows and sends them through Telegram, paced, one
message in flight.  Digests and watch alerts both go through it (`bot.digest.outbox`).

Telegram's answers, and what each one does:
- 429 RetryAfter: that chat waits `retry_after` and the page is retried (a long wait gives
  the row back for later instead of holding it);
- 403 Forbidden (blocked, kicked, deactivated), or "chat not found": the outbox stops the
  chat (a digest is deactivated, a chat's alerts paused) with the reason, and the row fails
  for good;
- ChatMigrated: the chat's rows follow the group to its supergroup and the page is resent;
- 5xx and timeouts (NetworkError, TimedOut): retried with backoff a few times in place,
  then the row goes back to pending for a later tick, up to `deliveries.MAX_ATTEMPTS`.

One message is in flight at a time, across every outbox sharing the `Pacing`: it is
recorded the moment Telegram accepts it, in a small transaction of its own, before the
next leaves.  A hard kill therefore repeats at most that one message.  The workers still
run side by side, each waiting for its chat's turn, so the overall pace stays the limit
as long as a round trip and a commit take under a thirtieth of a second.  When the task
is cancelled (shutdown, restart) the message in flight is finished and recorded first, so
a resumed send neither repeats nor drops a page.  An edit (a watch card another outlet
reported too) is sent the same way; an edit Telegram finds unchanged or gone is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.digest.outbox import Job, Outbox, SendReport
from bot.digest.pacing import Pacing
from bot.store.database import session_scope

log = logging.getLogger(__name__)

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")
# An edit of a message that says this already, or that the reader deleted: nothing to do.
_EDIT_DONE = ("message is not modified", "message to edit not found",
              "message can't be edited")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries for 5xx answers and timeouts, and for flood waits."""

    tries: int = 4  # sends of one page before the row goes back to pending
    first_delay: float = 1.0
    max_delay: float = 30.0
    later: timedelta = timedelta(minutes=5)  # times the attempt number, for the next tick
    max_flood_waits: int = 5
    max_inline_wait: float = 120.0  # longer retry_after: give the row back instead

    def delay(self, failures: int) -> float:
        return min(self.max_delay, self.first_delay * 2 ** (failures - 1))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class PacedSender:
    """Sends an outbox's messages through `bot` (a `telegram.Bot` or PTB's ExtBot)."""

    bot: Bot
    engine: Engine
    worker: str = field(default_factory=worker_name)
    pacing: Pacing = field(default_factory=Pacing)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    concurrency: int = 64
    batch: int = 200
    now: Callable[[], datetime] = _utcnow
    # Asked before each message and during waits: False makes the run finish what is in
    # flight, give its rows back and return (the application is stopping).
    keep_going: Callable[[], bool] = lambda: True
    _started: set[str] = field(default_factory=set)

    async def run(self, outbox: Outbox) -> SendReport:
        """Prepare the outbox, then claim and send batches until none is left."""
        report = SendReport()
        if outbox.name not in self._started:
            await self._db(outbox.start)
            self._started.add(outbox.name)
        await self._db(outbox.prepare, self.now(), report)
        try:
            while self.keep_going():
                jobs = await self._db(
                    lambda session: outbox.claim(
                        session, worker=self.worker, now=self.now(), limit=self.batch,
                        report=report,
                    )
                )
                if not jobs:
                    break
                await self._fan_out(outbox, jobs, report)
            return report
        finally:
            await asyncio.shield(self._db(lambda s: outbox.release(s, worker=self.worker)))

    async def _db(self, function: Callable, *args, **kwargs):
        def call():
            with session_scope(self.engine) as session:
                return function(session, *args, **kwargs)

        return await asyncio.to_thread(call)

    async def _fan_out(self, outbox: Outbox, jobs: list[Job], report: SendReport) -> None:
        queue: asyncio.Queue[Job] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def work() -> None:
            while not queue.empty() and self.keep_going():
                await self._deliver(outbox, queue.get_nowait(), report)

        workers = [asyncio.create_task(work()) for _ in range(min(self.concurrency, len(jobs)))]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _deliver(self, outbox: Outbox, job: Job, report: SendReport) -> None:
        if job.sent >= len(job.pages):
            # Every page went out before an interruption; only the closing write was lost.
            await self._db(lambda s: outbox.progress(s, job, worker=self.worker, now=self.now()))
            return
        while job.sent < len(job.pages):
            try:
                async with self.pacing.sending(job.chat_id, urgent=outbox.urgent,
                                               sleep=self._nap):
                    if not self.keep_going():
                        return
                    kept = await _finish_when_cancelled(self._send_page(outbox, job, report))
            except RetryAfter as error:
                if not await self._wait_flood(outbox, job, _seconds(error), report):
                    return
                continue
            except ChatMigrated as error:
                if not await self._follow(outbox, job, error.new_chat_id, report):
                    return
                continue
            except Forbidden as error:
                await self._stop_chat(outbox, job, f"Telegram refused: {error.message}", report)
                return
            except BadRequest as error:
                message = error.message.lower()
                if job.edit_of is not None and any(text in message for text in _EDIT_DONE):
                    job.sent = len(job.pages)
                    await self._db(
                        lambda s: outbox.progress(s, job, worker=self.worker, now=self.now())
                    )
                elif any(text in message for text in _GONE):
                    await self._stop_chat(outbox, job, f"Telegram refused: {error.message}",
                                          report)
                else:
                    await self._fail(outbox, job, f"bad request: {error.message}", False,
                                     report)
                return
            except InvalidToken:
                raise
            except NetworkError as error:
                if not await self._wait_network(outbox, job, error, report):
                    return
                continue
            except TelegramError as error:
                await self._fail(outbox, job, f"{type(error).__name__}: {error.message}", True,
                                 report)
                return
            if not kept:
                log.warning("%s row %s was taken over by another worker", outbox.name, job.id)
                return
        report.sent += 1

    async def _send_page(self, outbox: Outbox, job: Job, report: SendReport) -> bool:
        """Send (or edit) the next page and record it; False if our claim was lost."""
        if job.edit_of is not None:
            await self.bot.edit_message_text(
                job.pages[0], chat_id=job.chat_id, message_id=job.edit_of,
                parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW,
            )
            report.edits += 1
        else:
            message = await self.bot.send_message(
                chat_id=job.chat_id,
                text=job.pages[job.sent],
                parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
            )
            job.message_ids.append(message.message_id)
            report.messages += 1
        job.sent += 1
        return await self._db(lambda s: outbox.progress(s, job, worker=self.worker, now=self.now()))

    async def _follow(self, outbox: Outbox, job: Job, new_chat_id: int,
                      report: SendReport) -> bool:
        follows = await self._db(
            lambda s: outbox.follow(s, job, worker=self.worker, new_chat_id=new_chat_id)
        )
        if not follows:
            return False
        log.info("%s for chat %s follows it to %s", outbox.name, job.chat_id, new_chat_id)
        job.chat_id = new_chat_id
        report.migrated += 1
        return True

    async def _wait_flood(self, outbox: Outbox, job: Job, seconds: float,
                          report: SendReport) -> bool:
        job.flood_waits += 1
        report.flood_waits += 1
        if seconds > self.retry.max_inline_wait or job.flood_waits > self.retry.max_flood_waits:
            until = self.now() + timedelta(seconds=seconds)
            await self._db(lambda s: outbox.postpone(s, job, worker=self.worker, until=until))
            report.retry_later += 1
            return False
        log.info("chat %s: flood control, waiting %.0f s", job.chat_id, seconds)
        self.pacing.hold_chat(job.chat_id, seconds)
        return True

    async def _wait_network(self, outbox: Outbox, job: Job, error: NetworkError,
                            report: SendReport) -> bool:
        job.network_failures += 1
        if job.network_failures >= self.retry.tries:
            await self._fail(outbox, job, f"{type(error).__name__}: {error.message}", True,
                             report)
            return False
        await self._nap(self.retry.delay(job.network_failures))
        return True

    async def _nap(self, seconds: float) -> None:
        """Sleep, but wake early when the run is told to stop."""
        deadline = asyncio.get_running_loop().time() + seconds
        while self.keep_going():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            await asyncio.sleep(min(left, 0.5))

    async def _stop_chat(self, outbox: Outbox, job: Job, reason: str,
                         report: SendReport) -> None:
        await self._db(
            lambda s: outbox.stop_chat(s, job, worker=self.worker, reason=reason, now=self.now())
        )
        report.deactivated += 1

    async def _fail(self, outbox: Outbox, job: Job, error: str, transient: bool,
                    report: SendReport) -> None:
        retry_in = self.retry.later * (job.attempts + 1) if transient else None
        status = await self._db(
            lambda s: outbox.fail(s, job, worker=self.worker, error=error, now=self.now(),
                                  retry_in=retry_in)
        )
        if status == "failed":
            report.failed += 1
            log.warning("%s row %s failed: %s", outbox.name, job.id, error)
        else:
            report.retry_later += 1


async def _finish_when_cancelled(step):
    """Run `step` to its end even if we are cancelled meanwhile, then honour the cancel."""
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        # asyncio.wait, unlike gather, leaves the step running when we are cancelled again.
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({task})
        raise


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
