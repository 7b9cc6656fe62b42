"""Delivery rows: written before sending, idempotent, late within a window, claimed once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.digest import deliveries
from bot.digest.deliveries import claim, enqueue_due, mark_sent, release_claims
from bot.digest.subscriptions import deactivate, move_chat
from bot.store.database import session_scope
from bot.store.models import Delivery, Subscription

DUE = datetime(2025, 10, 7, 7, 0, tzinfo=UTC)
WINDOW = timedelta(hours=6)


def _subscriptions(engine, count: int, *, next_due: datetime = DUE) -> None:
    with session_scope(engine) as session:
        for n in range(count):
            session.add(
                Subscription(
                    chat_id=100 + n,
                    local_time="07:00",
                    timezone="UTC",
                    next_due_at=next_due,
                    updated_at=next_due - timedelta(days=40),
                    created_at=next_due - timedelta(days=40),
                )
            )


def _rows(engine) -> list[Delivery]:
    with session_scope(engine) as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.local_date, Delivery.id)))


def test_enqueueing_twice_writes_one_row_per_subscription_and_day(engine):
    _subscriptions(engine, 3)
    for _ in range(2):
        with session_scope(engine) as session:
            enqueue_due(session, DUE + timedelta(minutes=1), late_window=WINDOW)
    rows = _rows(engine)
    assert len(rows) == 3
    assert {(r.status, r.local_date) for r in rows} == {("pending", date(2025, 10, 7))}
    with session_scope(engine) as session:
        nexts = set(session.scalars(select(Subscription.next_due_at)))
    assert nexts == {DUE + timedelta(days=1)}


def test_a_digest_missed_while_down_is_sent_late_within_the_window(engine):
    _subscriptions(engine, 1)
    with session_scope(engine) as session:
        report = enqueue_due(session, DUE + timedelta(hours=5), late_window=WINDOW)
        claimed = claim(session, worker="w", now=DUE + timedelta(hours=5), late_window=WINDOW)
    assert report.pending == 1 and len(claimed) == 1


def test_a_digest_missed_beyond_the_window_is_recorded_as_skipped(engine):
    _subscriptions(engine, 1)
    with session_scope(engine) as session:
        report = enqueue_due(session, DUE + timedelta(hours=7), late_window=WINDOW)
    row = _rows(engine)[0]
    assert report.skipped == 1
    assert row.status == "skipped" and "6 h" in row.last_error


def test_days_missed_during_a_long_outage_are_each_recorded(engine):
    _subscriptions(engine, 1)
    with session_scope(engine) as session:
        enqueue_due(session, DUE + timedelta(days=2, hours=1), late_window=WINDOW)
    assert [(r.local_date.day, r.status) for r in _rows(engine)] == [
        (7, "skipped"),
        (8, "skipped"),
        (9, "pending"),
    ]


def test_a_pending_row_that_waited_past_the_window_is_skipped_not_sent(engine):
    _subscriptions(engine, 1)
    with session_scope(engine) as session:
        enqueue_due(session, DUE, late_window=WINDOW)
    with session_scope(engine) as session:
        assert claim(session, worker="w", now=DUE + timedelta(hours=7), late_window=WINDOW) == []
    row = _rows(engine)[0]
    assert row.status == "skipped" and row.last_error.startswith("late")


def test_a_claim_is_exclusive_until_its_lease_expires(engine):
    _subscriptions(engine, 2)
    now = DUE + timedelta(minutes=1)
    with session_scope(engine) as session:
        enqueue_due(session, now, late_window=WINDOW)
        assert len(claim(session, worker="crashed", now=now, late_window=WINDOW)) == 2
    a_minute_later = now + timedelta(minutes=1)
    with session_scope(engine) as session:
        assert claim(session, worker="other", now=a_minute_later, late_window=WINDOW) == []
    later = now + deliveries.LEASE + timedelta(seconds=1)
    with session_scope(engine) as session:
        taken = claim(session, worker="other", now=later, late_window=WINDOW)
    assert len(taken) == 2
    assert {r.claimed_by for r in _rows(engine)} == {"other"}


def test_released_claims_are_resumed_at_once_after_a_restart(engine):
    _subscriptions(engine, 1)
    now = DUE + timedelta(minutes=1)
    with session_scope(engine) as session:
        enqueue_due(session, now, late_window=WINDOW)
        claim(session, worker="before-restart", now=now, late_window=WINDOW)
    with session_scope(engine) as session:
        assert release_claims(session) == 1
        assert len(claim(session, worker="after", now=now, late_window=WINDOW)) == 1


def test_sending_moves_the_cursor_so_the_next_digest_starts_there(engine):
    _subscriptions(engine, 1)
    now = DUE + timedelta(minutes=1)
    with session_scope(engine) as session:
        enqueue_due(session, now, late_window=WINDOW)
        (first,) = claim(session, worker="w", now=now, late_window=WINDOW)
        assert first.since == DUE - timedelta(days=1)  # a first digest covers the day before
        assert mark_sent(session, first, worker="w", messages_sent=1, now=now)
    tomorrow = now + timedelta(days=1)
    with session_scope(engine) as session:
        enqueue_due(session, tomorrow, late_window=WINDOW)
        (second,) = claim(session, worker="w", now=tomorrow, late_window=WINDOW)
    assert second.since == DUE and second.due_at == DUE + timedelta(days=1)


def test_rows_of_a_stopped_subscription_are_skipped(engine):
    _subscriptions(engine, 1)
    now = DUE + timedelta(minutes=1)
    with session_scope(engine) as session:
        enqueue_due(session, now, late_window=WINDOW)
        assert deactivate(session, 100, "the user blocked or removed the bot")
    with session_scope(engine) as session:
        assert claim(session, worker="w", now=now, late_window=WINDOW) == []
    assert _rows(engine)[0].status == "skipped"


def test_moving_a_chat_keeps_its_subscription_and_pending_rows(engine):
    _subscriptions(engine, 1)
    with session_scope(engine) as session:
        enqueue_due(session, DUE, late_window=WINDOW)
        assert move_chat(session, 100, -100777) == 1
        assert move_chat(session, 100, -100777) == 0  # hearing of it twice is harmless
        (claimed,) = claim(session, worker="w", now=DUE, late_window=WINDOW)
    assert claimed.chat_id == -100777


def test_concurrent_claims_on_postgresql_take_disjoint_rows(engine, backend):
    if backend != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serves one process")
    _subscriptions(engine, 40)
    now = DUE + timedelta(minutes=1)
    with session_scope(engine) as session:
        enqueue_due(session, now, late_window=WINDOW)
    start = threading.Barrier(4)
    taken: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        start.wait()
        mine: list[int] = []
        while True:
            with session_scope(engine) as session:
                batch = claim(session, worker=name, now=now, late_window=WINDOW, limit=3)
            if not batch:
                break
            mine += [c.id for c in batch]
        taken[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for ids in taken.values() for i in ids]
    assert len(every) == len(set(every)) == 40
    assert sum(1 for ids in taken.values() if ids) >= 2
