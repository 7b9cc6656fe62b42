"""Calendar arithmetic for periods: weeks from Monday, months, seasons, thirds of a period."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from bot.dates.vocabulary import SEASONS

DAY = timedelta(days=1)

# Wire copy's "early", "mid" and "late" split a month into thirds of about ten days
# and a year into thirds of four months; display.py turns the same spans back into words.
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_of(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def month_part(year: int, month: int, part: str | None) -> tuple[date, date]:
    """The whole month, or its early / mid / late third."""
    first, last = month_of(year, month)
    if part is None:
        return first, last
    low, high = MONTH_THIRDS[part]
    return date(year, month, low), min(last, date(year, month, min(high, last.day)))


def year_part(year: int, part: str | None) -> tuple[date, date]:
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    low, high = YEAR_THIRDS[part]
    return date(year, low, 1), month_end(year, high)


def season_of(year: int, name: str) -> tuple[date, date]:
    """A season that starts in `year`: winter 2024 runs from December 2024 into 2025."""
    first_month = SEASONS[name]
    end_year, end_month = add_months(year, first_month, 2)
    return date(year, first_month, 1), month_end(end_year, end_month)


def season_containing(day: date) -> tuple[int, str]:
    """The (start year, name) of the season a day falls in."""
    for name, first_month in (("winter", 12), ("autumn", 9), ("summer", 6), ("spring", 3)):
        if day.month >= first_month:
            return day.year, name
    return day.year - 1, "winter"


def shift_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
