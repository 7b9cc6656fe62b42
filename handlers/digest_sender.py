"""The fan-out: enqueue what is due, claim it, compose it once per filter, send it paced.

Telegram's answers, and what each one does:
- 429 RetryAfter: that chat waits `retry_after` and the page is retried (a long wait gives
  the row back for later instead of holding it);
- 403 Forbidden (blocked, kicked, deactivated), or "chat not found": the subscription is
  deactivated with the reason and the delivery fails for good;
- ChatMigrated: the subscription follows the group to its supergroup and the page is resent;
- 5xx and timeouts (NetworkError, TimedOut): retried with backoff a few times in place,
  then the row goes back to pending for a later tick, up to `deliveries.MAX_ATTEMPTS`.

One page is in flight at a time: it is recorded as sent the moment Telegram accepts it,
in a small transaction of its own, before the next page leaves.  A hard kill therefore
repeats at most that one page, however many digests are being sent.  The workers still
run side by side, each waiting for its chat's turn, so the overall pace stays the limit
as long as a round trip and a commit take under a thirtieth of a second.  A resumed
delivery sends the pages stored at its first claim (`bot.digest.editions`), not a new
composition whose page breaks an article ingested meanwhile would have moved.  When the
task is cancelled (shutdown, restart) the message in flight is finished and recorded
first, so a resumed send neither repeats nor drops a page.
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

from bot.digest import deliveries
from bot.digest.deliveries import ClaimedDelivery
from bot.digest.editions import editions_for
from bot.digest.pacing import Pacing
from bot.digest.subscriptions import deactivate, move_chat, subscription_for
from bot.store.database import session_scope

log = logging.getLogger(__name__)

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")


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


@dataclass
class SendReport:
    enqueued: int = 0
    late_skipped: int = 0
    claimed: int = 0
    sent: int = 0
    messages: int = 0
    skipped_empty: int = 0
    deactivated: int = 0
    failed: int = 0
    retry_later: int = 0
    flood_waits: int = 0
    migrated: int = 0
    composes: int = 0


@dataclass
class _Job:
    delivery: ClaimedDelivery
    pages: list[str]
    chat_id: int
    sent: int = 0
    network_failures: int = 0
    flood_waits: int = 0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class DigestSender:
    """Sends every digest that is due, through `bot` (a `telegram.Bot` or PTB's ExtBot)."""

    bot: Bot
    engine: Engine
    late_window: timedelta = timedelta(hours=6)
    worker: str = field(default_factory=worker_name)
    pacing: Pacing = field(default_factory=Pacing)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    concurrency: int = 64
    batch: int = 200
    now: Callable[[], datetime] = _utcnow
    # Asked before each message and during waits: False makes the run finish what is in
    # flight, give its rows back and return (the application is stopping).
    keep_going: Callable[[], bool] = lambda: True
    _started: bool = False
    _in_flight: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def run_once(self) -> SendReport:
        """Enqueue what is due, then claim and send batches until none is left."""
        report = SendReport()
        if not self._started:
            await self._db(self._start)
            self._started = True
        queued = await self._db(deliveries.enqueue_due, self.now(), late_window=self.late_window)
        report.enqueued, report.late_skipped = queued.pending, queued.skipped
        try:
            while self.keep_going():
                jobs = await self._db(self._claim_and_compose, report)
                if not jobs:
                    break
                await self._fan_out(jobs, report)
            return report
        finally:
            await asyncio.shield(self._db(self._release))

    def _start(self, session) -> None:
        # SQLite serves a single process: any claim found at start is a dead run's.
        if session.get_bind().dialect.name == "sqlite":
            freed = deliveries.release_claims(session)
            if freed:
                log.info("resuming %d digest deliveries claimed before a restart", freed)

    def _release(self, session) -> None:
        deliveries.release_claims(session, worker=self.worker)

    async def _db(self, function: Callable, *args, **kwargs):
        def call():
            with session_scope(self.engine) as session:
                return function(session, *args, **kwargs)

        return await asyncio.to_thread(call)

    def _claim_and_compose(self, session, report: SendReport) -> list[_Job]:
        now = self.now()
        claimed = deliveries.claim(
            session, worker=self.worker, now=now, late_window=self.late_window, limit=self.batch
        )
        report.claimed += len(claimed)
        editions = editions_for(session, claimed, now=now)
        for delivery in editions.nothing_new:
            deliveries.mark_skipped(
                session, delivery, worker=self.worker, reason="nothing new", advance=True
            )
        report.skipped_empty += len(editions.nothing_new)
        report.composes += editions.loads
        return [
            _Job(delivery, pages, delivery.chat_id, sent=delivery.messages_sent)
            for delivery, pages in editions.ready
        ]

    async def _fan_out(self, jobs: list[_Job], report: SendReport) -> None:
        queue: asyncio.Queue[_Job] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def work() -> None:
            while not queue.empty() and self.keep_going():
                await self._deliver(queue.get_nowait(), report)

        workers = [asyncio.create_task(work()) for _ in range(min(self.concurrency, len(jobs)))]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _deliver(self, job: _Job, report: SendReport) -> None:
        if job.sent >= len(job.pages):
            # Every page went out before an interruption; only the closing write was lost.
            await self._db(
                deliveries.mark_sent, job.delivery, worker=self.worker, messages_sent=job.sent,
                now=self.now(),
            )
            return
        while job.sent < len(job.pages):
            await self.pacing.wait_turn(job.chat_id, sleep=self._nap)
            if not self.keep_going():
                return
            try:
                async with self._in_flight:
                    kept = await _finish_when_cancelled(self._send_page(job, report))
            except RetryAfter as error:
                if not await self._wait_flood(job, _seconds(error), report):
                    return
                continue
            except ChatMigrated as error:
                if not await self._follow(job, error.new_chat_id, report):
                    return
                continue
            except Forbidden as error:
                await self._stop_chat(job, f"Telegram refused: {error.message}", report)
                return
            except BadRequest as error:
                if any(text in error.message.lower() for text in _GONE):
                    await self._stop_chat(job, f"Telegram refused: {error.message}", report)
                else:
                    await self._fail(job, f"bad request: {error.message}", None, report)
                return
            except InvalidToken:
                raise
            except NetworkError as error:
                if not await self._wait_network(job, error, report):
                    return
                continue
            except TelegramError as error:
                await self._fail(job, f"{type(error).__name__}: {error.message}", True, report)
                return
            if not kept:
                log.warning("digest delivery %s was taken over by another worker", job.delivery.id)
                return
        report.sent += 1

    async def _follow(self, job: _Job, new_chat_id: int, report: SendReport) -> bool:
        """Move the subscription to the supergroup; False if that one has its own already."""
        def follow(session) -> bool:
            there = subscription_for(session, new_chat_id)
            if there is not None:  # moved already, on the group's service message
                return there.id == job.delivery.subscription_id
            return move_chat(session, job.chat_id, new_chat_id) > 0

        if not await self._db(follow):
            reason = f"group moved to supergroup {new_chat_id}, which has its own subscription"
            await self._db(
                deliveries.mark_skipped, job.delivery, worker=self.worker, reason=reason,
                advance=False,
            )
            return False
        log.info("digest for chat %s follows it to %s", job.chat_id, new_chat_id)
        job.chat_id = new_chat_id
        report.migrated += 1
        return True

    async def _send_page(self, job: _Job, report: SendReport) -> bool:
        """Send the next page and record it; False if our claim on the row was lost."""
        await self.bot.send_message(
            chat_id=job.chat_id,
            text=job.pages[job.sent],
            parse_mode=ParseMode.HTML,
            link_preview_options=_NO_PREVIEW,
        )
        job.sent += 1
        report.messages += 1
        now = self.now()
        if job.sent < len(job.pages):
            return await self._db(
                deliveries.record_progress,
                job.delivery.id,
                worker=self.worker,
                messages_sent=job.sent,
                now=now,
            )
        return await self._db(
            deliveries.mark_sent, job.delivery, worker=self.worker, messages_sent=job.sent, now=now
        )

    async def _wait_flood(self, job: _Job, seconds: float, report: SendReport) -> bool:
        job.flood_waits += 1
        report.flood_waits += 1
        if seconds > self.retry.max_inline_wait or job.flood_waits > self.retry.max_flood_waits:
            until = self.now() + timedelta(seconds=seconds)
            await self._db(
                deliveries.postpone,
                job.delivery,
                worker=self.worker,
                until=until,
                messages_sent=job.sent,
            )
            report.retry_later += 1
            return False
        log.info("chat %s: flood control, waiting %.0f s", job.chat_id, seconds)
        self.pacing.hold_chat(job.chat_id, seconds)
        return True

    async def _wait_network(self, job: _Job, error: NetworkError, report: SendReport) -> bool:
        job.network_failures += 1
        if job.network_failures >= self.retry.tries:
            await self._fail(job, f"{type(error).__name__}: {error.message}", True, report)
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

    async def _stop_chat(self, job: _Job, reason: str, report: SendReport) -> None:
        def stop(session) -> None:
            deactivate(session, job.chat_id, reason, now=self.now())
            deliveries.mark_failed(
                session,
                job.delivery,
                worker=self.worker,
                error=reason,
                now=self.now(),
                retry_in=None,
                messages_sent=job.sent,
            )

        await self._db(stop)
        report.deactivated += 1

    async def _fail(self, job: _Job, error: str, transient: bool, report: SendReport) -> None:
        attempt = job.delivery.attempts + 1
        status = await self._db(
            deliveries.mark_failed,
            job.delivery,
            worker=self.worker,
            error=error,
            now=self.now(),
            retry_in=self.retry.later * attempt if transient else None,
            messages_sent=job.sent,
        )
        if status == "failed":
            report.failed += 1
            log.warning("digest delivery %s failed: %s", job.delivery.id, error)
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
