"""`/on <when>`: the whole query is one time expression, counted from now."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.dates import format_when, read_date, resolve_when

NOW = datetime(2025, 10, 8, 14, 30, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(
    ("query", "start", "end", "granularity"),
    [
        ("last week", date(2025, 9, 29), date(2025, 10, 5), "week"),
        ("July 2025", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("july 2025", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("may 2025", date(2025, 5, 1), date(2025, 5, 31), "month"),
        ("2025-10-07", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("yesterday", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("Tuesday", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("monday", date(2025, 10, 6), date(2025, 10, 6), "day"),
        ("on 7 October 2023", date(2023, 10, 7), date(2023, 10, 7), "day"),
        ("October 7", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("last month", date(2025, 9, 1), date(2025, 9, 30), "month"),
        ("in November", date(2024, 11, 1), date(2024, 11, 30), "month"),
        ("this week", date(2025, 10, 6), date(2025, 10, 12), "week"),
        ("3 days ago", date(2025, 10, 5), date(2025, 10, 5), "day"),
        ("summer 2024", date(2024, 6, 1), date(2024, 8, 31), "season"),
        ("7/10/2025", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("7.10.2025", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("12/08/2025", date(2025, 8, 12), date(2025, 8, 12), "day"),
        ("7-10-25", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("7.10.", date(2025, 10, 7), date(2025, 10, 7), "day"),
        ("12/31/2024", date(2024, 12, 31), date(2024, 12, 31), "day"),
    ],
)
def test_resolve_when_reads_the_whole_query_as_one_date(
    query: str, start: date, end: date, granularity: str
) -> None:
    found = resolve_when(query, NOW)
    assert found is not None, query
    assert (found.start, found.end, found.granularity) == (start, end, granularity)


@pytest.mark.parametrize(
    "query",
    ["", "Hamas", "talks in Cairo", "yesterday and today", "the talks last week", "may",
     "four hours", "second", "1", "#2", "2", "31.02.2025", "13/13/2025"],
)
def test_resolve_when_refuses_what_is_not_one_date(query: str) -> None:
    assert resolve_when(query, NOW) is None


def test_resolve_when_counts_from_now_not_from_any_article() -> None:
    found = resolve_when("yesterday", datetime(2024, 3, 1, 9, 0))
    assert found is not None
    assert found.start == date(2024, 2, 29)
    assert found.direction == "past"


@pytest.mark.parametrize(
    ("start", "end", "granularity"),
    [
        (date(2025, 8, 12), date(2025, 8, 12), "day"),
        (date(2023, 10, 7), date(2023, 10, 7), "day"),
        (date(2025, 10, 6), date(2025, 10, 9), "day"),
        (date(2025, 9, 29), date(2025, 10, 2), "day"),
        (date(2024, 12, 30), date(2025, 1, 2), "day"),
        (date(2025, 8, 4), date(2025, 8, 10), "week"),
        (date(2025, 9, 29), date(2025, 10, 12), "week"),
        (date(2024, 12, 23), date(2025, 1, 5), "week"),
        (date(2025, 8, 1), date(2025, 8, 31), "month"),
        (date(2025, 9, 21), date(2025, 9, 30), "month"),
        (date(2025, 1, 1), date(2025, 3, 31), "month"),
        (date(2024, 11, 1), date(2025, 2, 28), "month"),
        (date(2025, 6, 1), date(2025, 8, 31), "season"),
        (date(2024, 12, 1), date(2025, 2, 28), "season"),
        (date(2024, 1, 1), date(2024, 12, 31), "year"),
        (date(2024, 9, 1), date(2024, 12, 31), "year"),
        (date(2008, 1, 1), date(2021, 12, 31), "year"),
    ],
)
def test_a_displayed_date_pasted_into_on_reads_back_as_the_same_span(
    start: date, end: date, granularity: str
) -> None:
    shown = format_when(start, end, granularity)
    found = resolve_when(shown, NOW)
    assert found is not None, shown
    assert (found.start, found.end, found.granularity) == (start, end, granularity), shown


def test_a_slashed_date_says_how_it_was_read() -> None:
    reading = read_date("12/08/2025", NOW)
    assert reading is not None
    assert (reading.start, reading.granularity) == (date(2025, 8, 12), "day")
    assert reading.note == "12/08/2025 read day first, as 12 Aug 2025"


def test_a_slashed_date_that_can_only_be_month_first_is_read_so_and_says_it() -> None:
    reading = read_date("12/31/2024", NOW)
    assert reading is not None and reading.start == date(2024, 12, 31)
    assert reading.note is not None and "month first" in reading.note


def test_a_dotted_date_is_day_first_without_a_note() -> None:
    reading = read_date("7.10.2025", NOW)
    assert reading is not None and reading.start == date(2025, 10, 7)
    assert reading.note is None
