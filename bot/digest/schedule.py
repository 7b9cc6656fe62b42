"""When a digest is due: a local time of day in a zone, turned into UTC instants.

The subscription row holds the local time and the zone; `next_due_at` caches the next
instant in UTC so that the minute tick needs one indexed query.  Daylight saving:
a local time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00)
is due at the first instant after the gap; a local time that happens twice (01:30 when
clocks fall back) is due at its first occurrence only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlmodel import Session

from bot.store.models import Subscription

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


def parse_clock(text: str) -> time | None:
    """A time of day as people type it: 07:30, 7:30, 7.30, 19h30, 7am, 7:30pm."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if match[2] is None and not meridiem:
        return None  # a bare number is more likely a filter ("2025") than a time
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def format_clock(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def occurrence(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which `day` reaches `at` on the local clock of `zone`."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone, fold=0)
    utc_first = first.astimezone(UTC)
    if utc_first.astimezone(zone).replace(tzinfo=None) == wall:
        return utc_first  # exists; in a fold, fold=0 is the earlier of the two
    return _end_of_gap(wall, zone)


def _end_of_gap(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant whose local time is past `wall`, which fell in a spring-forward gap."""
    # fold=1 reads the wall time with the offset after the jump, fold=0 with the one before:
    # the transition lies between the two readings.
    low = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if low > high:
        low, high = high, low
    after_offset = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == after_offset:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def next_due(at: time, zone: ZoneInfo, after: datetime) -> datetime:
    """The first instant strictly after `after` at which the digest at `at` in `zone` is due."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        due = occurrence(day, at, zone)
        if due > after:
            return due
        day += timedelta(days=1)


def local_date(due: datetime, zone: ZoneInfo) -> date:
    """The local day a due instant belongs to: the key of that day's delivery."""
    return due.astimezone(zone).date()


def occurrences(at: time, zone: ZoneInfo, start: datetime, until: datetime) -> Iterator[datetime]:
    """Every due instant from `start` (inclusive) up to `until` (inclusive), oldest first."""
    due = start if _is_occurrence(start, at, zone) else next_due(at, zone, start)
    while due <= until:
        yield due
        due = next_due(at, zone, due)


def _is_occurrence(instant: datetime, at: time, zone: ZoneInfo) -> bool:
    return occurrence(local_date(instant, zone), at, zone) == instant


@dataclass(frozen=True)
class DueSubscription:
    """A subscription whose next digest instant has come (or was never computed)."""

    id: int
    chat_id: int
    local_time: time
    zone: ZoneInfo
    next_due_at: datetime | None
    updated_at: datetime


def due_subscriptions(session: Session, now: datetime) -> list[DueSubscription]:
    """Active subscriptions due at or before `now`, plus those whose schedule is not yet known."""
    rows = session.execute(
        select(
            Subscription.id,
            Subscription.chat_id,
            Subscription.local_time,
            Subscription.timezone,
            Subscription.next_due_at,
            Subscription.updated_at,
        ).where(
            Subscription.active.is_(True),
            or_(Subscription.next_due_at <= now, Subscription.next_due_at.is_(None)),
        )
    ).all()
    zones: dict[str, ZoneInfo] = {}
    clocks: dict[str, time] = {}
    due = []
    for sub_id, chat_id, clock_text, zone_name, next_at, updated_at in rows:
        if zone_name not in zones:
            zones[zone_name] = ZoneInfo(zone_name)
        if clock_text not in clocks:
            # Rows are written through `format_clock`; a hand-edited one falls back to 07:00
            # rather than stopping everyone's digest.
            clocks[clock_text] = parse_clock(clock_text) or time(7, 0)
        due.append(
            DueSubscription(
                sub_id, chat_id, clocks[clock_text], zones[zone_name], next_at, updated_at
            )
        )
    return due
