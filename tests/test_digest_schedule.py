"""When digests fall due: local times across zones and daylight-saving changes, once a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from bot.digest.commands import subscribe
from bot.digest.deliveries import enqueue_due
from bot.digest.schedule import next_due, occurrence, occurrences, parse_clock
from bot.replies.reply import Asker
from bot.store.database import session_scope
from bot.store.models import Delivery

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
JERUSALEM = ZoneInfo("Asia/Jerusalem")
WINDOW = timedelta(hours=6)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        (LONDON, date(2025, 3, 29), time(7, 0), utc(2025, 3, 29, 7, 0)),  # GMT
        (LONDON, date(2025, 3, 30), time(7, 0), utc(2025, 3, 30, 6, 0)),  # BST from today
        (LONDON, date(2025, 10, 26), time(7, 0), utc(2025, 10, 26, 7, 0)),  # GMT again
        (NEW_YORK, date(2025, 3, 8), time(7, 30), utc(2025, 3, 8, 12, 30)),
        (NEW_YORK, date(2025, 3, 9), time(7, 30), utc(2025, 3, 9, 11, 30)),
        (JERUSALEM, date(2025, 3, 27), time(8, 0), utc(2025, 3, 27, 6, 0)),
        (JERUSALEM, date(2025, 3, 28), time(8, 0), utc(2025, 3, 28, 5, 0)),
    ],
)
def test_local_time_is_the_same_wall_clock_on_both_sides_of_a_change(zone, day, at, expected):
    assert occurrence(day, at, zone) == expected


def test_a_time_skipped_by_spring_forward_is_due_when_the_clocks_jump():
    # London, 30 Mar 2025: 01:00 GMT becomes 02:00 BST; 01:30 never happens.
    assert occurrence(date(2025, 3, 30), time(1, 30), LONDON) == utc(2025, 3, 30, 1, 0)
    # New York, 9 Mar 2025: 02:00 EST becomes 03:00 EDT.
    assert occurrence(date(2025, 3, 9), time(2, 30), NEW_YORK) == utc(2025, 3, 9, 7, 0)


def test_a_time_repeated_by_fall_back_is_due_once_at_its_first_occurrence():
    # London, 26 Oct 2025: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    first = utc(2025, 10, 26, 0, 30)
    assert occurrence(date(2025, 10, 26), time(1, 30), LONDON) == first
    assert next_due(time(1, 30), LONDON, first) == utc(2025, 10, 27, 1, 30)
    week = list(occurrences(time(1, 30), LONDON, utc(2025, 10, 25), utc(2025, 10, 28)))
    assert [d.astimezone(LONDON).date().day for d in week] == [25, 26, 27]


def test_next_due_is_strictly_after_the_given_instant():
    at = utc(2025, 6, 1, 6, 0)  # 07:00 in London
    assert next_due(time(7, 0), LONDON, at) == utc(2025, 6, 2, 6, 0)
    assert next_due(time(7, 0), LONDON, at - timedelta(seconds=1)) == at


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("07:30", time(7, 30)), ("7.30", time(7, 30)), ("7am", time(7)), ("7:30pm", time(19, 30)),
     ("12am", time(0)), ("19h05", time(19, 5)), ("24:00", None), ("7", None), ("2025", None)],
)
def test_clock_times_are_read_as_people_type_them(typed, expected):
    assert parse_clock(typed) == expected


def _due_dates(engine) -> list[tuple[date, datetime]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(Delivery.local_date, Delivery.due_at).order_by(Delivery.local_date)
        ).all()
    return [(day, due) for day, due in rows]


def _tick_every_half_hour(engine, start: datetime, end: datetime) -> None:
    moment = start
    with time_machine.travel(start, tick=False) as traveller:
        while moment <= end:
            traveller.move_to(moment)
            with session_scope(engine) as session:
                enqueue_due(session, datetime.now(UTC), late_window=WINDOW)
            moment += timedelta(minutes=30)


@pytest.mark.parametrize(
    ("args", "start", "expected_utc_hours"),
    [
        # London, across the March change: 07:00 GMT, then 07:00 BST (06:00 UTC).
        ("07:00 London", utc(2025, 3, 28, 12), [7, 6, 6, 6]),
        # London, across the October change: BST, then GMT.
        ("07:00 Europe/London", utc(2025, 10, 24, 12), [6, 7, 7, 7]),
        # New York, second Sunday of March: EST (UTC-5) then EDT (UTC-4).
        ("07:30 New York", utc(2025, 3, 7, 18), [12, 11, 11, 11]),
        # Jerusalem moves on the Friday before the last Sunday of March.
        ("08:00 Asia/Jerusalem", utc(2025, 3, 26, 12), [6, 5, 5, 5]),
    ],
)
def test_time_travel_through_a_clock_change_gives_one_digest_a_day_at_local_time(
    engine, args, start, expected_utc_hours
):
    with time_machine.travel(start, tick=False), session_scope(engine) as session:
        subscribe(session, args, Asker(user_id=7, chat_id=7))
    _tick_every_half_hour(engine, start, start + timedelta(days=4))
    rows = _due_dates(engine)
    assert [due.hour for _, due in rows] == expected_utc_hours
    days = [day for day, _ in rows]
    assert days == [start.date() + timedelta(days=n + 1) for n in range(4)]


def test_subscribing_after_todays_time_starts_tomorrow(engine):
    with time_machine.travel(utc(2025, 5, 5, 9, 0), tick=False), session_scope(engine) as session:
        subscribe(session, "07:00 UTC", Asker(user_id=8, chat_id=8))
        report = enqueue_due(session, datetime.now(UTC), late_window=WINDOW)
    assert report.pending == 0
    with time_machine.travel(utc(2025, 5, 6, 7, 0, 30), tick=False), session_scope(engine) as s:
        report = enqueue_due(s, datetime.now(UTC), late_window=WINDOW)
    assert report.pending == 1
    assert _due_dates(engine) == [(date(2025, 5, 6), utc(2025, 5, 6, 7, 0))]
