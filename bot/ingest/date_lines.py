"""The publication date an article states in its own text, when no one gave one.

Sites print it near the top on a line of its own: "Published Tuesday, October 14, 2025 -
09:12", "Issued on: 13/02/2024 - 18:42", "Posted 7 Oct 2025, 10:05 GMT".  A clock time
counts only with its zone: without one it could be any of a day's 24 hours around the
world, so the article keeps only its day.  Slashed dates are read day first, as most of
the world writes them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from bot.dates.vocabulary import DAY, MONTH_ANY, WEEKDAY_ANY, YEAR, month_number

LINES_SEARCHED = 15  # the date line sits with the headline and the byline

_LEAD = r"(?:first\s+)?(?:published|issued|posted)(?:\s+on)?\s*:?\s*"
_WEEKDAY = rf"(?:{WEEKDAY_ANY},?\s+)?"
_DAY_OF = (
    rf"(?:(?P<md_month>{MONTH_ANY})\s+(?P<md_day>{DAY}),?\s+(?P<md_year>{YEAR})"
    rf"|(?P<dm_day>{DAY})\s+(?P<dm_month>{MONTH_ANY}),?\s+(?P<dm_year>{YEAR})"
    r"|(?P<s_day>\d{1,2})[/.](?P<s_month>\d{1,2})[/.](?P<s_year>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
)
_CLOCK = (
    r"(?:(?:\s*(?:[-–—,|]|\bat\b)\s*|\s+)(?P<hour>\d{1,2})[:.](?P<minute>\d\d)"
    r"(?:\s*(?P<half>[ap])\.?m\.?)?"
    r"(?:\s*\(?(?P<zone>GMT|UTC|Z|[+-]\d\d:?\d\d)(?P<shift>[+-]\d{1,2})?\)?)?)?"
)
DATE_LINE = re.compile(rf"^\s*{_LEAD}{_WEEKDAY}{_DAY_OF}{_CLOCK}", re.IGNORECASE)


def stated_publication(text: str) -> str | None:
    """The date (or datetime with offset) of the first date line near the top, as ISO text
    that `parse_published` reads, or None."""
    for line in text.splitlines()[:LINES_SEARCHED]:
        if match := DATE_LINE.match(line):
            when = _read(match)
            if when is not None:
                return when.isoformat()
    return None


def _read(m: re.Match[str]) -> date | datetime | None:
    try:
        day = _day(m)
    except (ValueError, KeyError):
        return None
    if m["hour"] is None or m["zone"] is None:
        return day
    hour, minute = int(m["hour"]), int(m["minute"])
    if m["half"]:
        hour = hour % 12 + (12 if m["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return day
    return datetime.combine(day, time(hour, minute), tzinfo=_zone(m["zone"], m["shift"]))


def _day(m: re.Match[str]) -> date:
    if m["iso"]:
        return date.fromisoformat(m["iso"])
    if m["s_day"]:
        return date(int(m["s_year"]), int(m["s_month"]), int(m["s_day"]))
    prefix = "md" if m["md_month"] else "dm"
    month = month_number(m[f"{prefix}_month"].capitalize())
    day = int(re.match(r"\d+", m[f"{prefix}_day"])[0])
    return date(int(m[f"{prefix}_year"]), month, day)


def _zone(zone: str, shift: str | None) -> timezone:
    if zone.upper() in {"GMT", "UTC", "Z"}:
        return timezone(timedelta(hours=int(shift or 0)))
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
