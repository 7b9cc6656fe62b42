"""Dates shown the way journalists write them, never more precise than what is known:
"Tue 12 Aug 2025", "6–7 Oct 2025", "week of Mon 4 Aug 2025", "late Sep 2025", "Aug 2025",
"Summer 2025", "2025"."""

from __future__ import annotations

from datetime import date

from bot.dates.model import Granularity
from bot.dates.periods import MONTH_THIRDS, YEAR_THIRDS, month_end, season_containing, week_of

_SEASON_NAMES = {"spring": "Spring", "summer": "Summer", "autumn": "Autumn", "winter": "Winter"}


def format_when(start: date, end: date, granularity: Granularity) -> str:
    if end < start:
        start, end = end, start
    if granularity == "day":
        return _days(start, end)
    if granularity == "week":
        return _weeks(start, end)
    if granularity == "month":
        return _months(start, end)
    if granularity == "season":
        return _seasons(start, end)
    return _years(start, end)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _days(start: date, end: date) -> str:
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _weeks(start: date, end: date) -> str:
    first_monday, last_monday = week_of(start)[0], week_of(end)[0]
    if first_monday == last_monday:
        return f"week of {_day(first_monday)}"
    if first_monday.year == last_monday.year:
        return f"weeks of {first_monday.day} {first_monday:%b} – {_short(last_monday)}"
    return f"weeks of {_short(first_monday)} – {_short(last_monday)}"


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _third(low: int, high: int, thirds: dict[str, tuple[int, int]], last: int) -> str | None:
    for name, (first, final) in thirds.items():
        if low == first and high == min(final, last):
            return name
    return None


def _months(start: date, end: date) -> str:
    if (start.year, start.month) == (end.year, end.month):
        last = month_end(end.year, end.month).day
        part = _third(start.day, end.day, MONTH_THIRDS, last)
        return f"{part} {end:%b %Y}" if part else f"{end:%b %Y}"
    if start.year == end.year:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def _season(day: date) -> str:
    year, name = season_containing(day)
    label = _SEASON_NAMES[name]
    return f"{label} {year}–{(year + 1) % 100:02d}" if name == "winter" else f"{label} {year}"


def _seasons(start: date, end: date) -> str:
    first, last = _season(start), _season(end)
    return first if first == last else f"{first} – {last}"


def _years(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{start.year}–{end.year}"
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31):
        return str(start.year)
    if start.day == 1 and end == month_end(end.year, end.month):
        part = _third(start.month, end.month, YEAR_THIRDS, 12)
        if part:
            return f"{part} {start.year}"
    return str(start.year)
