"""Delivery rows: one per subscription and local day, written before anything is sent.

The unique key (subscription, local day) makes enqueueing idempotent: two ticks, two
processes or a restart can all try, and one row results.  A row is `pending` until a
sender claims it for a lease (`claimed_by`, `claimed_until`), sends it page by page and
marks it `sent`, `failed` (with `attempts` and `last_error`) or `skipped` (with the reason
in `last_error`).  Its pages are stored at the first claim (`edition_id`, see
`bot.digest.editions`) and `messages_sent`, committed as each page is accepted, counts the
pages already out: a resumed send sends the pages it began with and repeats at most the
one page that was in flight.  On PostgreSQL claims use `FOR UPDATE SKIP LOCKED`, so
several bot processes share the work without sending one delivery twice; a crashed
process's claims expire with their lease.  SQLite serves one process, which releases stale
claims on start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from bot.digest.schedule import (
    DueSubscription,
    due_subscriptions,
    local_date,
    next_due,
    occurrences,
)
from bot.store import leases
from bot.store.models import Delivery, Subscription

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
# A first digest covers the day before it; later ones start where the last one ended.
FIRST_DIGEST_SPAN = timedelta(days=1)
# After a long outage, missed days are recorded as skipped this far back, no further.
MAX_BACKFILL_DAYS = 31

_DELIVERY = Delivery.__table__
_SUBSCRIPTION = Subscription.__table__


@dataclass(frozen=True)
class EnqueueReport:
    pending: int = 0
    skipped: int = 0


def enqueue_due(session: Session, now: datetime, *, late_window: timedelta) -> EnqueueReport:
    """Write the delivery rows of every subscription due by `now` and move its schedule on.

    A due instant older than `late_window` becomes a `skipped` row (the bot was down);
    a fresh one a `pending` row.  Existing rows are left alone.
    """
    due = due_subscriptions(session, now)
    if not due:
        return EnqueueReport()
    rows: list[dict] = []
    schedule: list[dict] = []
    pending = skipped = 0
    cache: dict[tuple, tuple[list[datetime], datetime]] = {}
    for sub in due:
        start = sub.next_due_at or next_due(sub.local_time, sub.zone, sub.updated_at)
        key = (sub.local_time, sub.zone.key, start)
        if key not in cache:
            cache[key] = _instants(sub, start, now)
        instants, following = cache[key]
        for instant in instants:
            late = now - instant > late_window
            rows.append(_row(sub, instant, late, late_window))
            skipped += late
            pending += not late
        schedule.append({"b_id": sub.id, "b_next": following})
    _insert_ignoring_duplicates(session, rows)
    session.execute(
        update(_SUBSCRIPTION)
        .where(_SUBSCRIPTION.c.id == bindparam("b_id"))
        .values(next_due_at=bindparam("b_next")),
        schedule,
    )
    return EnqueueReport(pending=pending, skipped=skipped)


def _instants(sub: DueSubscription, start: datetime, now: datetime) -> tuple[list, datetime]:
    """The due instants from `start` to `now` (bounded), and the first one after `now`."""
    oldest = now - timedelta(days=MAX_BACKFILL_DAYS)
    instants = [i for i in occurrences(sub.local_time, sub.zone, start, now) if i >= oldest]
    following = start if start > now else next_due(sub.local_time, sub.zone, now)
    return instants, following


def _row(sub: DueSubscription, instant: datetime, late: bool, window: timedelta) -> dict:
    hours = window.total_seconds() / 3600
    return {
        "subscription_id": sub.id,
        "local_date": local_date(instant, sub.zone),
        "status": "skipped" if late else "pending",
        "due_at": instant,
        "next_attempt_at": instant,
        "attempts": 0,
        "last_error": f"missed: the bot was not running within {hours:g} h of the due time"
        if late
        else None,
        "messages_sent": 0,
    }


def _insert_ignoring_duplicates(session: Session, rows: list[dict]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(_DELIVERY).on_conflict_do_nothing(
        index_elements=["subscription_id", "local_date"]
    )
    session.execute(statement, rows)


@dataclass(frozen=True)
class ClaimedDelivery:
    """A delivery this worker holds, with what the sender needs to compose and send it."""

    id: int
    subscription_id: int
    chat_id: int
    chat_type: str
    filter: str | None
    skip_empty: bool
    zone: ZoneInfo
    local_date: date
    due_at: datetime
    since: datetime
    messages_sent: int
    attempts: int
    edition_id: int | None  # the pages stored at the first claim (`bot.digest.editions`)


def claim(
    session: Session,
    *,
    worker: str,
    now: datetime,
    late_window: timedelta,
    limit: int = 200,
    lease: timedelta = LEASE,
) -> list[ClaimedDelivery]:
    """Take up to `limit` pending deliveries whose time has come, oldest due first.

    Rows too late to send are skipped first, and rows of stopped subscriptions too.
    """
    _skip_unsendable(session, now, late_window)
    query = (
        select(
            Delivery.id,
            Delivery.subscription_id,
            Delivery.local_date,
            Delivery.due_at,
            Delivery.since,
            Delivery.messages_sent,
            Delivery.attempts,
            Delivery.edition_id,
            Subscription.chat_id,
            Subscription.chat_type,
            Subscription.filter,
            Subscription.skip_empty,
            Subscription.timezone,
            Subscription.last_digest_at,
        )
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(
            Delivery.status == "pending",
            Delivery.next_attempt_at <= now,
            leases.free(_DELIVERY, now),
            Subscription.active.is_(True),
        )
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
    )
    claimed = []
    for row in session.execute(leases.locking(query, _DELIVERY)).all():
        since = row.since or row.last_digest_at or row.due_at - FIRST_DIGEST_SPAN
        claimed.append(
            ClaimedDelivery(
                id=row.id,
                subscription_id=row.subscription_id,
                chat_id=row.chat_id,
                chat_type=row.chat_type,
                filter=row.filter,
                skip_empty=row.skip_empty,
                zone=ZoneInfo(row.timezone),
                local_date=row.local_date,
                due_at=row.due_at,
                since=min(since, row.due_at),
                messages_sent=row.messages_sent,
                attempts=row.attempts,
                edition_id=row.edition_id,
            )
        )
    # `since` is fixed at the first claim, in the transaction that stores its pages.
    leases.lease(
        session, _DELIVERY, [c.id for c in claimed], until=now + lease, worker=worker,
        per_row={"since": [c.since for c in claimed]},
    )
    return claimed


def _skip_unsendable(session: Session, now: datetime, late_window: timedelta) -> None:
    free = leases.free(_DELIVERY, now)
    hours = late_window.total_seconds() / 3600
    session.execute(
        update(Delivery)
        .where(Delivery.status == "pending", Delivery.due_at < now - late_window, free)
        .values(
            status="skipped",
            claimed_by=None,
            claimed_until=None,
            last_error=f"late: not sent within {hours:g} h of the due time",
        )
    )
    stopped = select(Subscription.id).where(Subscription.active.is_(False))
    session.execute(
        update(Delivery)
        .where(Delivery.status == "pending", Delivery.subscription_id.in_(stopped), free)
        .values(status="skipped", last_error="subscription stopped before sending")
    )


def record_progress(
    session: Session,
    delivery_id: int,
    *,
    worker: str,
    messages_sent: int,
    now: datetime,
    lease: timedelta = LEASE,
) -> bool:
    """Note that `messages_sent` pages are out and renew the lease; False if the claim was lost."""
    result = session.execute(
        update(Delivery)
        .where(*leases.held(_DELIVERY, delivery_id, worker))
        .values(messages_sent=messages_sent, claimed_until=now + lease)
    )
    return bool(result.rowcount)


def mark_sent(
    session: Session, delivery: ClaimedDelivery, *, worker: str, messages_sent: int, now: datetime
) -> bool:
    """The digest is out: close the row and move the subscriber's cursor to its due instant."""
    result = session.execute(
        update(Delivery)
        .where(*leases.held(_DELIVERY, delivery.id, worker))
        .values(
            status="sent",
            sent_at=now,
            messages_sent=messages_sent,
            attempts=Delivery.attempts + 1,
            claimed_by=None,
            claimed_until=None,
        )
    )
    _advance_cursor(session, delivery)
    return bool(result.rowcount)


def mark_skipped(
    session: Session, delivery: ClaimedDelivery, *, worker: str, reason: str, advance: bool
) -> bool:
    """Close the row unsent; `advance` when nothing is lost by it (an empty day)."""
    result = session.execute(
        update(Delivery)
        .where(*leases.held(_DELIVERY, delivery.id, worker))
        .values(status="skipped", last_error=reason[:500], claimed_by=None, claimed_until=None)
    )
    if advance and result.rowcount:
        _advance_cursor(session, delivery)
    return bool(result.rowcount)


def mark_failed(
    session: Session,
    delivery: ClaimedDelivery,
    *,
    worker: str,
    error: str,
    now: datetime,
    retry_in: timedelta | None,
    messages_sent: int,
) -> str:
    """Record a failed attempt: `pending` again after `retry_in`, or `failed` for good.

    Returns the status written.  `retry_in=None` means the failure is permanent.
    """
    attempts = delivery.attempts + 1
    final = retry_in is None or attempts >= MAX_ATTEMPTS
    status = "failed" if final else "pending"
    session.execute(
        update(Delivery)
        .where(*leases.held(_DELIVERY, delivery.id, worker))
        .values(
            status=status,
            attempts=attempts,
            last_error=error[:500],
            messages_sent=messages_sent,
            next_attempt_at=now if final else now + retry_in,
            claimed_by=None,
            claimed_until=None,
        )
    )
    return status


def postpone(
    session: Session, delivery: ClaimedDelivery, *, worker: str, until: datetime, messages_sent: int
) -> None:
    """Give the row back until `until` without counting an attempt (a long flood wait)."""
    session.execute(
        update(Delivery)
        .where(*leases.held(_DELIVERY, delivery.id, worker))
        .values(
            next_attempt_at=until,
            messages_sent=messages_sent,
            claimed_by=None,
            claimed_until=None,
        )
    )


def release_claims(session: Session, *, worker: str | None = None) -> int:
    """Free pending rows held by `worker`, or by anyone (SQLite's one process, on start)."""
    return leases.release(session, _DELIVERY, worker=worker)


def _advance_cursor(session: Session, delivery: ClaimedDelivery) -> None:
    session.execute(
        update(Subscription)
        .where(
            Subscription.id == delivery.subscription_id,
            or_(
                Subscription.last_digest_at.is_(None),
                Subscription.last_digest_at < delivery.due_at,
            ),
        )
        .values(last_digest_at=delivery.due_at)
    )
