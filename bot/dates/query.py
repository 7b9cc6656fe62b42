"""`/on <when>`: a whole query read as one time expression, counted from now."""

from __future__ import annotations

import re
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


def resolve_when(query: str, now: datetime) -> TimeExpression | None:
    """The time expression that the whole query is, or None if it is not one."""
    text = _NAMES.sub(lambda m: m.group(0).capitalize(), " ".join(query.split()))
    today = now.date()
    if not text:
        return None
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
    if found or len(text) > _FALLBACK_MAX_CHARS:
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
    """Forms the rules leave alone in news text, such as "7/10/2025", read by dateparser.

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
