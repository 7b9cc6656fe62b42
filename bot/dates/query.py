"""Dates typed by users: a whole query read as one time expression, counted from now.

`/on`, `/round` and every other reader of a date a user typed go through `read_date`,
so they read "7.10.2025" alike.  Dotted and slashed dates are day first, as most of the
world writes them; a slashed date may be an American month-first one, so the answer
says how it was read (`DateReading.note`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.dates.expressions import find_time_expressions
from bot.dates.model import Granularity, TimeExpression, direction_of
from bot.dates.periods import month_of, week_of
from bot.dates.vocabulary import MONTH_ABBREVIATIONS, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

# People type "/on july 2025"; news text capitalises, and the rules rely on it.
_NAMES = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS, *WEEKDAY_ABBREVIATIONS],
                               key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"[\s,.;:!?]*(?:(?i:on|in|during|of|the|for|at|from|between)\s+)*"
)
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
# A month or season alone is a whole query: "/on september", "/on winter".  News needs a
# preposition before one ("in May", "in the fall") because "may" and "fall" are verbs;
# typed alone and in lower case, "may" still is.
_LONE_MONTH = re.compile(r"(?:" + "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS],
                                                 key=len, reverse=True)) + r")\.?")
_LONE_SEASON = re.compile(r"(?i:spring|summer|autumn|fall|winter)")
_VERB_NOT_MONTH = "may"
# No date needs more characters than this ("Wednesday, 8 October 2025, 10:30 a.m."), and
# dateparser takes a tenth of a second on a paragraph: longer queries skip the fallback.
_FALLBACK_MAX_CHARS = 64
# The bot shows a week as "week of Mon 4 Aug 2025"; a reader may paste it back.
_WEEK_OF = re.compile(r"(?i:(?:the\s+)?weeks?\s+of)\s+(?P<day>.+)")
_PERIODS: dict[str, Granularity] = {"day": "day", "week": "week", "month": "month",
                                    "year": "year"}
# "7.10.2025", "12/08/2025", "7-10-25", "7.10.": day, month and maybe a year.
_NUMERIC = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2}))?\.?"
)


@dataclass(frozen=True)
class DateReading:
    """What a user's date means, and how an ambiguous form of it was read."""

    start: date
    end: date
    granularity: Granularity
    note: str | None = None  # "12/08/2025 read day first, as 12 Aug 2025"


def read_date(query: str, now: datetime) -> DateReading | None:
    """The span a user's date names, or None; every command that reads a date calls this."""
    try:
        found = resolve_when(query, now)
    except ValueError:
        return None
    if found is None:
        return None
    return DateReading(found.start, found.end, found.granularity,
                       _slashed_note(query.strip(), found.start))


def read_day(text: str) -> DateReading | None:
    """A whole day written with its year in digits ("7.10.2025", "12/08/2025"), read as
    `read_date` reads it: for dates that name no span and need no "now", such as an
    article's publication date."""
    text = text.strip()
    found = _NUMERIC.fullmatch(text)
    if found is None or not found["year"]:
        return None
    day = _numeric_day(text, date.max)
    if day is None:
        return None
    return DateReading(day.start, day.end, "day", _slashed_note(text, day.start))


def _slashed_note(text: str, day: date) -> str | None:
    numeric = _NUMERIC.fullmatch(text)
    if numeric is None or numeric["sep"] != "/":
        return None
    shown = f"{day.day} {day:%b %Y}"
    if int(numeric["a"]) == day.month and int(numeric["a"]) != day.day:
        return f"{text} read month first, as {shown}: {numeric['b']} cannot be a month"
    return f"{text} read day first, as {shown}"


def _numeric_day(text: str, today: date) -> TimeExpression | None:
    """ "7.10.2025" is 7 October; "12/31/2025" can only be month first, and is read so.
    Without a year, the latest such day up to today."""
    found = _NUMERIC.fullmatch(text)
    if found is None:
        return None
    day, month = int(found["a"]), int(found["b"])
    if month > 12 >= day:
        day, month = month, day
    year_text = found["year"]
    try:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            value = date(year, month, day)
        else:
            value = date(today.year, month, day)
            if value > today:
                value = date(today.year - 1, month, day)
    except ValueError:
        return None
    return TimeExpression(text, 0, len(text), value, value, "day",
                          direction_of(value, value, today), yearless=not year_text)


def resolve_when(query: str, now: datetime) -> TimeExpression | None:
    """The time expression that the whole query is, or None if it is not one."""
    text = _NAMES.sub(lambda m: m.group(0).capitalize(), " ".join(query.split()))
    today = now.date()
    if not text:
        return None
    numeric = _numeric_day(text, today)
    if numeric is not None or _NUMERIC.fullmatch(text):
        return numeric
    if _YEAR_ONLY.fullmatch(text):
        year = int(text)
        return TimeExpression(text, 0, len(text), date(year, 1, 1), date(year, 12, 31), "year",
                              direction_of(date(year, 1, 1), date(year, 12, 31), today))
    if _LONE_MONTH.fullmatch(text) and query.strip() != _VERB_NOT_MONTH:
        text = f"in {text}"
    elif _LONE_SEASON.fullmatch(text):
        text = f"in the {text.lower()}"
    week_of_day = _WEEK_OF.fullmatch(text)
    if week_of_day is not None:
        return _weeks_containing(resolve_when(week_of_day.group("day"), now), text, today)
    found = find_time_expressions(text, today)
    if len(found) == 1:
        only = found[0]
        lead = _FILLER.fullmatch(text, 0, only.start_char)
        tail = text[only.end_char :].strip(" .,;:!?")
        if lead is not None and not tail:
            return only
    # What has no letter is no date dateparser should guess at: "1", "#2" are not months.
    if found or len(text) > _FALLBACK_MAX_CHARS or not re.search(r"[^\W\d_]", text):
        return None
    return _dateparser_fallback(text, now)


def _weeks_containing(day: TimeExpression | None, text: str, today: date
                      ) -> TimeExpression | None:
    """The weeks a day or a span of days falls in: "week of Mon 4 Aug 2025"."""
    if day is None or day.granularity != "day":
        return None
    start, end = week_of(day.start)[0], week_of(day.end)[1]
    return TimeExpression(text, 0, len(text), start, end, "week",
                          direction_of(start, end, today))


def _dateparser_fallback(text: str, now: datetime) -> TimeExpression | None:
    """Forms the rules leave alone in news text, such as "the 7th of Oct", read by dateparser.

    Imported here: the extractor imports this package and never needs dateparser.
    """
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "past",
                  "STRICT_PARSING": False},
    )
    data = parser.get_date_data(text)
    granularity = _PERIODS.get(data.period or "")
    if data.date_obj is None or granularity is None or not re.search(r"\d", text):
        return None
    day = data.date_obj.date()
    if granularity == "day":
        start = end = day
    elif granularity == "week":
        start, end = week_of(day)
    elif granularity == "month":
        start, end = month_of(day.year, day.month)
    else:
        start, end = date(day.year, 1, 1), date(day.year, 12, 31)
    return TimeExpression(text, 0, len(text), start, end, granularity,
                          direction_of(start, end, now.date()))
