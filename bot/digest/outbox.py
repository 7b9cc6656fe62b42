"""Outboxes: rows of messages written before they are sent, which one paced sender sends.

The digest's deliveries and the watches' alerts are both outboxes.  An outbox prepares
its rows (digests that fell due, alerts for new facts), claims some for a lease with the
pages each will send, and records what Telegram did with each page, in small transactions
of their own: the sender (`handlers/paced_sender.py`) knows nothing of either table, and
the rules for 429, 403, migration and retries are written once, there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlmodel import Session

from bot.digest import deliveries
from bot.digest.editions import editions_for
from bot.digest.subscriptions import deactivate, move_chat, subscription_for

log = logging.getLogger(__name__)


@dataclass
class Job:
    """A claimed row's messages: `pages` from `sent` on, or, with `edit_of`, pages[0] as the
    new text of a message already sent."""

    id: int
    chat_id: int
    pages: list[str]
    sent: int = 0
    attempts: int = 0
    edit_of: int | None = None
    row: Any = None  # the outbox's own record of the claim
    message_ids: list[int] = field(default_factory=list)
    network_failures: int = 0
    flood_waits: int = 0


@dataclass
class SendReport:
    enqueued: int = 0
    late_skipped: int = 0
    held: int = 0
    claimed: int = 0
    sent: int = 0
    messages: int = 0
    edits: int = 0
    skipped_empty: int = 0
    deactivated: int = 0
    failed: int = 0
    retry_later: int = 0
    flood_waits: int = 0
    migrated: int = 0
    composes: int = 0


class Outbox(Protocol):
    """What the paced sender needs of a table of outgoing messages."""

    name: str
    urgent: bool  # its messages go before those of outboxes that are not

    def start(self, session: Session) -> None: ...

    def prepare(self, session: Session, now: datetime, report: SendReport) -> None: ...

    def claim(
        self, session: Session, *, worker: str, now: datetime, limit: int, report: SendReport
    ) -> list[Job]: ...

    def progress(self, session: Session, job: Job, *, worker: str, now: datetime) -> bool:
        """Record `job.sent` pages out (the row is done at the last); False: claim lost."""
        ...

    def fail(
        self, session: Session, job: Job, *, worker: str, error: str, now: datetime,
        retry_in: timedelta | None,
    ) -> str: ...

    def postpone(self, session: Session, job: Job, *, worker: str, until: datetime) -> None: ...

    def stop_chat(self, session: Session, job: Job, *, worker: str, reason: str,
                  now: datetime) -> None: ...

    def follow(self, session: Session, job: Job, *, worker: str, new_chat_id: int) -> bool:
        """The chat became a supergroup: move its rows; False (and the row closed) if the
        job cannot follow it."""
        ...

    def release(self, session: Session, *, worker: str) -> None: ...


@dataclass
class DigestOutbox:
    """The daily digest's deliveries (`bot.digest.deliveries`) as an outbox."""

    late_window: timedelta = timedelta(hours=6)
    name: str = "digest"
    urgent: bool = False

    def start(self, session: Session) -> None:
        # SQLite serves a single process: any claim found at start is a dead run's.
        if session.get_bind().dialect.name == "sqlite":
            freed = deliveries.release_claims(session)
            if freed:
                log.info("resuming %d digest deliveries claimed before a restart", freed)

    def prepare(self, session: Session, now: datetime, report: SendReport) -> None:
        queued = deliveries.enqueue_due(session, now, late_window=self.late_window)
        report.enqueued += queued.pending
        report.late_skipped += queued.skipped

    def claim(
        self, session: Session, *, worker: str, now: datetime, limit: int, report: SendReport
    ) -> list[Job]:
        claimed = deliveries.claim(
            session, worker=worker, now=now, late_window=self.late_window, limit=limit
        )
        report.claimed += len(claimed)
        editions = editions_for(session, claimed, now=now)
        for delivery in editions.nothing_new:
            deliveries.mark_skipped(
                session, delivery, worker=worker, reason="nothing new", advance=True
            )
        report.skipped_empty += len(editions.nothing_new)
        report.composes += editions.loads
        return [
            Job(delivery.id, delivery.chat_id, pages, sent=delivery.messages_sent,
                attempts=delivery.attempts, row=delivery)
            for delivery, pages in editions.ready
        ]

    def progress(self, session: Session, job: Job, *, worker: str, now: datetime) -> bool:
        if job.sent < len(job.pages):
            return deliveries.record_progress(
                session, job.id, worker=worker, messages_sent=job.sent, now=now
            )
        return deliveries.mark_sent(
            session, job.row, worker=worker, messages_sent=job.sent, now=now
        )

    def fail(
        self, session: Session, job: Job, *, worker: str, error: str, now: datetime,
        retry_in: timedelta | None,
    ) -> str:
        return deliveries.mark_failed(
            session, job.row, worker=worker, error=error, now=now, retry_in=retry_in,
            messages_sent=job.sent,
        )

    def postpone(self, session: Session, job: Job, *, worker: str, until: datetime) -> None:
        deliveries.postpone(session, job.row, worker=worker, until=until, messages_sent=job.sent)

    def stop_chat(self, session: Session, job: Job, *, worker: str, reason: str,
                  now: datetime) -> None:
        deactivate(session, job.chat_id, reason, now=now)
        self.fail(session, job, worker=worker, error=reason, now=now, retry_in=None)

    def follow(self, session: Session, job: Job, *, worker: str, new_chat_id: int) -> bool:
        there = subscription_for(session, new_chat_id)
        if there is None:
            follows = move_chat(session, job.chat_id, new_chat_id) > 0
        else:  # moved already, on the group's service message
            follows = there.id == job.row.subscription_id
        if not follows:
            reason = f"group moved to supergroup {new_chat_id}, which has its own subscription"
            deliveries.mark_skipped(session, job.row, worker=worker, reason=reason,
                                    advance=False)
        return follows

    def release(self, session: Session, *, worker: str) -> None:
        deliveries.release_claims(session, worker=worker)
