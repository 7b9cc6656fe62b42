"""Dates shown the way journalists write them, never more precise than what is known."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import format_when


@pytest.mark.parametrize(
    ("start", "end", "granularity", "shown"),
    [
        (date(2025, 8, 12), date(2025, 8, 12), "day", "Tue 12 Aug 2025"),
        (date(2025, 10, 6), date(2025, 10, 7), "day", "6–7 Oct 2025"),
        (date(2025, 9, 30), date(2025, 10, 2), "day", "30 Sep – 2 Oct 2025"),
        (date(2024, 12, 30), date(2025, 1, 2), "day", "30 Dec 2024 – 2 Jan 2025"),
        (date(2025, 8, 4), date(2025, 8, 10), "week", "week of Mon 4 Aug 2025"),
        (date(2025, 1, 13), date(2025, 1, 15), "week", "week of Mon 13 Jan 2025"),
        (date(2024, 1, 1), date(2024, 1, 22), "week", "weeks of 1 Jan – 22 Jan 2024"),
        (date(2024, 12, 23), date(2025, 1, 12), "week", "weeks of 23 Dec 2024 – 6 Jan 2025"),
        (date(2025, 8, 1), date(2025, 8, 31), "month", "Aug 2025"),
        (date(2025, 9, 21), date(2025, 9, 30), "month", "late Sep 2025"),
        (date(2025, 7, 1), date(2025, 7, 10), "month", "early Jul 2025"),
        (date(2024, 3, 11), date(2024, 3, 20), "month", "mid Mar 2024"),
        (date(2025, 10, 1), date(2025, 10, 14), "month", "Oct 2025"),
        (date(2025, 7, 1), date(2025, 8, 31), "month", "Jul–Aug 2025"),
        (date(2024, 7, 1), date(2025, 1, 31), "month", "Jul 2024 – Jan 2025"),
        (date(2024, 6, 1), date(2024, 8, 31), "season", "Summer 2024"),
        (date(2024, 12, 1), date(2025, 2, 28), "season", "Winter 2024–25"),
        (date(2025, 1, 1), date(2025, 12, 31), "year", "2025"),
        (date(2024, 1, 1), date(2024, 4, 30), "year", "early 2024"),
        (date(2025, 1, 1), date(2025, 10, 14), "year", "2025"),
        (date(2008, 1, 1), date(2014, 12, 31), "year", "2008–2014"),
    ],
)
def test_format_when_writes_dates_like_a_journalist(
    start: date, end: date, granularity: str, shown: str
) -> None:
    assert format_when(start, end, granularity) == shown  # type: ignore[arg-type]


def test_format_when_never_shows_a_day_for_a_month() -> None:
    shown = format_when(date(2023, 11, 1), date(2023, 11, 30), "month")
    assert shown == "Nov 2023"
    assert not any(part.isdigit() and len(part) <= 2 for part in shown.split())


def test_format_when_accepts_its_ends_in_either_order() -> None:
    assert format_when(date(2025, 10, 7), date(2025, 10, 6), "day") == "6–7 Oct 2025"
