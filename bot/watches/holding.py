"""When an instant alert goes out, and when it is held for a summary: quiet hours and the
hourly cap.  Pure functions of the moment, the chat's zone and its budget.

Quiet hours are a span of the local clock (22:00–07:00 runs past midnight); an alert that
arrives in them is held until they end.  Outside them a chat gets at most `cap` alerts in
each hour of its local clock; the rest are held until the hour ends.  Held alerts arrive
as one summary when they are released, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.digest.schedule import format_clock, next_due, parse_clock

_SPAN = re.compile(r"^\s*(\S+?)\s*(?:-|–|—|to)\s*(\S+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def text(self) -> str:
        return f"{format_clock(self.start)}–{format_clock(self.end)}"

    def covers(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def parse_quiet_hours(text: str) -> QuietHours:
    """ "22:00-07:00", "22:00–07:00", "10pm to 7am", "22-7"; ValueError otherwise."""
    match = _SPAN.match(text)
    if not match:
        raise ValueError("not a span of hours")
    start, end = _clock(match[1]), _clock(match[2])
    if start is None or end is None:
        raise ValueError("not a time of day")
    if start == end:
        raise ValueError("the span is empty")
    return QuietHours(start, end)


def _clock(text: str) -> time | None:
    if text.isdigit() and int(text) < 24:
        return time(int(text))  # "22-7": whole hours
    return parse_clock(text)


def stored_quiet_hours(start: str | None, end: str | None) -> QuietHours | None:
    if not start or not end:
        return None
    first, last = parse_clock(start), parse_clock(end)
    return QuietHours(first, last) if first and last and first != last else None


def quiet_until(now: datetime, quiet: QuietHours | None, zone: ZoneInfo) -> datetime | None:
    """When the quiet hours around `now` end, or None when `now` is not in them."""
    if quiet is None or not quiet.covers(now.astimezone(zone).time()):
        return None
    return next_due(quiet.end, zone, now)


def hour_window(now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The hour of the local clock that holds `now`, as UTC instants."""
    local = now.astimezone(zone)
    # Whole-hour zones and half-hour zones alike: the hour begins where the local minutes are 0.
    start = (local - timedelta(minutes=local.minute, seconds=local.second,
                               microseconds=local.microsecond)).astimezone(UTC)
    return start, start + timedelta(hours=1)


@dataclass(frozen=True)
class Budget:
    """How many instant alerts the chat had in the hour that began at `hour_start`."""

    hour_start: datetime | None = None
    count: int = 0


@dataclass(frozen=True)
class Verdict:
    send: bool
    budget: Budget  # the chat's budget after this alert
    held_until: datetime | None = None
    reason: str | None = None  # quiet, cap


def decide(
    now: datetime, zone: ZoneInfo, quiet: QuietHours | None, budget: Budget, cap: int
) -> Verdict:
    """Send one more instant alert now, or hold it (quiet hours first, then the cap)."""
    until = quiet_until(now, quiet, zone)
    if until is not None:
        return Verdict(False, budget, until, "quiet")
    start, end = hour_window(now, zone)
    count = budget.count if budget.hour_start == start else 0
    if count >= cap:
        return Verdict(False, Budget(start, count), end, "cap")
    return Verdict(True, Budget(start, count + 1))
