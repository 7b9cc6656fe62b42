"""Dates the text spells out: "March 4, 2025", "4 March", "Oct. 13", "July 2025", "2025".

Each pattern captures month, day and year as separate groups, so turning a span into a
value is a `date(...)` call (which refuses "February 30"); calling dateparser here cost
1-2 ms a span for nothing it could add.  Our rules give a year to "Oct. 13" and check
that a "2023" is a year.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from datetime import date

from bot.dates.context import Context, Found, Rule, span
from bot.dates.periods import month_end, month_part, season_of, year_part
from bot.dates.vocabulary import (
    CENTURIES,
    DASH,
    DAY,
    DAY_WORD,
    DAY_WORDS,
    DIGITS,
    MONTH_ANY,
    MONTH_STEMS,
    RANGE_JOIN,
    SEASON,
    SEASON_WORDS,
    WEEKDAY_ANY,
    WEEKDAY_FULL,
    YEAR,
    month_number,
    weekday_number,
)
from bot.paths import DATA_DIR


def _named_days() -> dict[tuple[int, int], date]:
    """Days news names by month and day alone ("since Oct. 7"), from data/named_days.toml:
    guessing the most recent such day would give the wrong year."""
    path = DATA_DIR / "named_days.toml"
    days = tomllib.loads(path.read_text(encoding="utf-8")).get("days", [])
    return {(d["date"].month, d["date"].day): d["date"] for d in days}


KNOWN_EVENT_DAYS = _named_days()

_PARTS = (
    r"(?P<part>(?i:early|mid|late|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of"
    r"|(?:the\s+)?start\s+of))[\s-]+"
)
# Words after a number that make it a count, not a year: "in 2000 homes".
_COUNT_AFTER = re.compile(
    r"\s+(?:people|persons|prisoners|hostages|detainees|troops|soldiers|fighters|residents"
    r"|civilians|children|women|men|families|homes|houses|buildings|trucks|tons|tonnes"
    r"|dollars|euros|shekels|members|militants|rockets|missiles|killed|dead|wounded"
    r"|percent|per\s+cent)\b"
)
# A year with no preposition is a date only as the subject of a singular verb ("2024 was
# the deadliest year", "2024 saw"); a count takes a plural one ("2000 were killed").
_YEAR_AS_SUBJECT = re.compile(
    r"\s+(?:was|is|has|had|saw|sees|will|marked|marks|brought|began|ended|became|proved"
    r"|remains|remained)\b"
)
_NAMED_EVENT_BEFORE = re.compile(r"(?i:\b(?:since|the|of)\s+|['’]s?\s+)$")
# "Sunday afternoon, Jan. 19": a weekday set beside the date says which year it is in.
_WEEKDAY_BEFORE = re.compile(
    rf"(?P<wd>{WEEKDAY_FULL})(?:\s+(?i:morning|afternoon|evening|night))?,\s*$"
)


def _day_number(words: str) -> int:
    return DAY_WORDS.get(words.lower()) or int(words.rstrip("stndrh"))


def _stated_day(m: re.Match[str]) -> date | None:
    """The day the groups name; a missing year reads as 2000, a leap year, so that a
    yearless 29 February stands until a year is chosen."""
    year = int(m.group("year")) if m.group("year") else 2000
    try:
        return date(year, month_number(m.group("month")), _day_number(m.group("day")))
    except ValueError:  # "February 30"
        return None


def part_name(words: str | None) -> str | None:
    if words is None:
        return None
    words = words.lower()
    if words in {"early", "mid", "late"}:
        return words
    return "late" if "end" in words else "early"


def year_for_month_day(month: int, day: int, ctx: Context, start: int, end: int) -> date | None:
    """The most recent such day, or the next one when the clause points forward; for a
    plan told in the past perfect, whichever of the two is nearer."""
    published = ctx.published
    lean = ctx.lean(start, end)
    behind = _month_day_near(month, day, published, forward=False)
    if lean == "past" or behind == published:
        return behind
    ahead = _month_day_near(month, day, published, forward=True)
    if lean == "forward" or behind is None:
        return ahead
    return behind if ahead is None or published - behind <= ahead - published else ahead


def _month_day_near(month: int, day: int, published: date, forward: bool) -> date | None:
    for offset in ((0, 1, 2, 3, 4) if forward else (0, -1, -2, -3, -4)):
        try:
            candidate = date(published.year + offset, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if (candidate >= published) if forward else (candidate <= published):
            return candidate
    return None


def _resolve_day(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span(m)
    parsed = _stated_day(m)
    if parsed is None:
        return None
    if m.group("year") is not None:
        return Found(start, end, parsed, parsed, "day")
    known = KNOWN_EVENT_DAYS.get((parsed.month, parsed.day))
    if known is not None and known <= ctx.published and _NAMED_EVENT_BEFORE.search(
        ctx.before(start, 12)
    ):
        return Found(start, end, known, known, "day")
    day = _year_from_weekday(m, ctx, parsed) or year_for_month_day(
        parsed.month, parsed.day, ctx, start, end
    )
    if day is None:
        return None
    return Found(start, end, day, day, "day", cycle="year", yearless=True)


def _year_from_weekday(m: re.Match[str], ctx: Context, parsed: date) -> date | None:
    """The occurrence nearest to publication whose weekday is the one the text gives."""
    named = m.group("wd") or (
        (before := _WEEKDAY_BEFORE.search(ctx.before(m.start("x"), 40))) and before.group("wd")
    )
    if not named:
        return None
    weekday = weekday_number(named)
    candidates = []
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        try:
            candidates.append(date(year, parsed.month, parsed.day))
        except ValueError:
            continue
    matching = [c for c in candidates if c.weekday() == weekday]
    return min(matching, key=lambda c: abs(c - ctx.published)) if matching else None


def _resolve_ordinal_day(m: re.Match[str], ctx: Context) -> Found | None:
    """ "since the 18th", "from the 7th until yesterday", "the 4th and 5th": a day (or
    two) of the month the report is in, or of the month before when that day has not come
    yet (or the next such day when the clause looks ahead)."""
    start, end = span(m)
    number = int(m.group("d"))
    last = int(m.group("d2")) if m.group("d2") else number
    if last < number:
        return None
    day = next(_nearest_days(number, ctx.published, ctx.points_forward(start, end)), None)
    if day is None:
        return None
    try:
        return Found(start, end, day, day.replace(day=last), "day", is_range=last > number)
    except ValueError:
        return None


def _nearest_days(number: int, published: date, forward: bool) -> Iterator[date]:
    """Day `number` of the report's month and of the two months before it (after it, when
    the clause looks ahead), on publication's side, nearest first."""
    for months_away in ((0, 1, 2) if forward else (0, -1, -2)):
        year, month = published.year, published.month + months_away
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        try:
            day = date(year, month, number)
        except ValueError:
            continue
        if (day >= published) if forward else (day <= published):
            yield day


def _resolve_weekday_the_day(m: re.Match[str], ctx: Context) -> Found | None:
    """ "On Sunday the eighth": the day of a month near publication that falls on that
    weekday, before it unless the clause looks ahead."""
    start, end = span(m)
    number, weekday = _day_number(m.group("d")), weekday_number(m.group("wd"))
    day = next((d for d in _nearest_days(number, ctx.published, ctx.points_forward(start, end))
                if d.weekday() == weekday), None)
    return Found(start, end, day, day, "day") if day is not None else None


def _resolve_iso(m: re.Match[str], ctx: Context) -> Found | None:
    try:
        day = date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return Found(m.start(), m.end(), day, day, "day")


def _resolve_day_range(m: re.Match[str], ctx: Context) -> Found | None:
    join = m.group("x")[m.end("d1") - m.start("x") : m.start("d2") - m.start("x")].strip()
    first, last = _day_number(m.group("d1")), _day_number(m.group("d2"))
    # "on 3 and 10 March" are two days; "on 15 and 16 August" two days that make a span.
    if join == "and" and (m.group("prep") or "").lower() != "between" and last != first + 1:
        return None
    month = month_number(m.group("month"))
    start, end = span(m)
    if m.group("year") is not None:
        year = int(m.group("year"))
    else:
        anchor = year_for_month_day(month, min(first, 28), ctx, start, end)
        if anchor is None:
            return None
        year = anchor.year
    if first >= last or last > month_end(year, month).day:
        return None
    # "from August 22 to 25" after "August 2024": a year chosen, not written, that a year
    # the paragraph wrote out moves (as for one yearless day).
    return Found(start, end, date(year, month, first), date(year, month, last), "day", True,
                 cycle="year", yearless=m.group("year") is None)


def _resolve_month_year(m: re.Match[str], ctx: Context) -> Found | None:
    first, last = month_part(int(m.group("year")), month_number(m.group("month")),
                             part_name(m.group("part")))
    return Found(m.start(), m.end(), first, last, "month")


def _resolve_month_range_year(m: re.Match[str], ctx: Context) -> Found | None:
    join = m.group("x")[m.end("m1") - m.start("x") : m.start("m2") - m.start("x")].strip()
    if join == "and" and (m.group("prep") or "").lower() != "between":
        return None
    year, first, last = int(m.group("year")), month_number(m.group("m1")), month_number(
        m.group("m2")
    )
    if first == last:
        return None
    start_year = year if first < last else year - 1
    start, end = span(m)
    return Found(start, end, date(start_year, first, 1), month_end(year, last), "month", True)


def _resolve_season_year(m: re.Match[str], ctx: Context) -> Found | None:
    year = int(m.group("year"))
    # "Winter 2024–25" (how display.py shows a winter) names the two years it spans.
    following = m.group("next")
    if following is not None and int(following[-2:]) != (year + 1) % 100:
        return None
    first, last = season_of(year, m.group("season").lower())
    start, end = span(m)
    return Found(start, end, first, last, "season")


def _resolve_year(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("prep") is None and m.group("part") is None and not _YEAR_AS_SUBJECT.match(
        ctx.text, m.end()
    ):
        return None
    if _COUNT_AFTER.match(ctx.text, m.end()):
        return None
    first, last = year_part(int(m.group("year")), part_name(m.group("part")))
    start, end = span(m)
    return Found(start, end, first, last, "year")


def _resolve_year_range(m: re.Match[str], ctx: Context) -> Found | None:
    join = m.group("x")[m.end("y1") - m.start("x") : m.start("y2") - m.start("x")].strip()
    if join == "and" and (m.group("prep") or "").lower() != "between":
        return None
    first = int(m.group("y1"))
    last_text = m.group("y2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if last <= first or _COUNT_AFTER.match(ctx.text, m.end()):
        return None
    start, end = span(m)
    return Found(start, end, date(first, 1, 1), date(last, 12, 31), "year", True)


# Early, mid and late thirds of a decade, as first and last year within it.
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _resolve_decade(m: re.Match[str], ctx: Context) -> Found | None:
    first_year = int(m.group("decade"))
    low, high = _DECADE_PARTS.get((m.group("part") or "").lower(), (0, 9))
    start, end = span(m)
    return Found(start, end, date(first_year + low, 1, 1), date(first_year + high, 12, 31),
                  "year", True)


_B = r"(?<![\w.,$£€])"
RULES = [
    Rule("iso", re.compile(
        rf"(?<![\d-])(?P<year>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"
    ), _resolve_iso, DIGITS),
    Rule("month_day", re.compile(
        rf"{_B}(?P<x>(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?P<month>{MONTH_ANY})\s+(?P<day>{DAY})"
        rf"(?:,?\s+(?P<year>{YEAR}))?)"
    ), _resolve_day, MONTH_STEMS),
    Rule("day_month", re.compile(
        rf"{_B}(?:the\s+)?(?P<x>(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?P<day>{DAY})\s+(?:of\s+)?"
        rf"(?P<month>{MONTH_ANY})(?:,?\s+(?P<year>{YEAR}))?)"
    ), _resolve_day, MONTH_STEMS),
    # "the first of December", "Sunday the first of December"
    Rule("day_word_month", re.compile(
        rf"{_B}(?:the\s+)?(?P<x>(?:(?P<wd>{WEEKDAY_ANY}),?\s+(?:the\s+)?)?(?P<day>{DAY_WORD})"
        rf"\s+of\s+(?P<month>{MONTH_ANY})(?:,?\s+(?P<year>{YEAR}))?)"
    ), _resolve_day, MONTH_STEMS),
    # "On Sunday the eighth, a delegation saw Rashad again"
    Rule("weekday_the_day", re.compile(
        rf"(?<![\w-])(?P<x>(?P<wd>{WEEKDAY_FULL})\s+the\s+"
        rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{DAY_WORD}))\b(?!\s+of\b)"
    ), _resolve_weekday_the_day, ("day",)),
    Rule("day_range_month", re.compile(
        rf"{_B}(?:(?P<prep>(?i:from|between))\s+)?(?:the\s+)?(?P<x>(?P<d1>{DAY}){RANGE_JOIN}"
        rf"(?P<d2>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_ANY})(?:,?\s+(?P<year>{YEAR}))?)"
    ), _resolve_day_range, MONTH_STEMS),
    Rule("month_day_range", re.compile(
        rf"{_B}(?:(?P<prep>(?i:from|between))\s+)?(?P<x>(?P<month>{MONTH_ANY})\s+"
        rf"(?P<d1>{DAY}){RANGE_JOIN}(?P<d2>{DAY})(?:,?\s+(?P<year>{YEAR}))?)"
    ), _resolve_day_range, MONTH_STEMS),
    # "the 18th" with no month: a day of this month.  Only where a date may stand: before
    # punctuation or a joining word, never before a noun ("the 10th round", "the 20th
    # century") or a month ("the 7th of March" is day_month's).
    Rule("ordinal_day", re.compile(
        r"\b(?P<x>(?i:the)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
        r"(?:\s+(?:and|to|-|–)\s+(?:the\s+)?(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))?)\b"
        r"(?=\s*(?:[,.;:)—–]|-\s|$)|\s+(?:and|until|till|to|through|when|in|at|with|for|on|"
        r"as|after|before|but|while|or)\b)"
    ), _resolve_ordinal_day, ("1st", "2nd", "3rd", "th")),
    Rule("month_year", re.compile(
        rf"{_B}(?:{_PARTS})?(?P<month>{MONTH_ANY}),?\s+(?:of\s+)?(?P<year>{YEAR})"
    ), _resolve_month_year, MONTH_STEMS),
    Rule("month_range_year", re.compile(
        rf"{_B}(?:(?P<prep>(?i:from|between))\s+)?(?P<x>(?P<m1>{MONTH_ANY}){RANGE_JOIN}"
        rf"(?P<m2>{MONTH_ANY}),?\s+(?P<year>{YEAR}))"
    ), _resolve_month_range_year, MONTH_STEMS),
    Rule("season_year", re.compile(
        rf"\b(?:(?i:the)\s+)?(?P<x>(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
        rf"(?P<season>(?i:{SEASON}))\s+(?:of\s+)?(?P<year>{YEAR})"
        rf"(?:{DASH}(?P<next>(?:19|20)?\d{{2}})(?![\d-]))?)"
    ), _resolve_season_year, SEASON_WORDS),
    Rule("year", re.compile(
        rf"(?:\b(?P<prep>(?i:in|since|by|during|until|till|through|throughout|from|before"
        rf"|after|of|for|around|the\s+year|the|spent|spend|spends|spending))\s+)?"
        rf"(?P<x>(?:{_PARTS})?\b(?P<year>{YEAR}))"
        r"(?!\s*(?:-|–|—|,\d|\.\d))"
    ), _resolve_year, CENTURIES),
    Rule("decade", re.compile(
        r"(?<![\w-])(?P<x>(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
        r"(?P<decade>(?:19|20)\d0)['’]?s)\b"
    ), _resolve_decade, CENTURIES),
    Rule("year_range", re.compile(
        rf"\b(?:(?P<prep>(?i:from|between))\s+)?(?P<x>(?P<y1>{YEAR}){RANGE_JOIN}"
        rf"(?P<y2>{YEAR}|\d{{2}}(?![\d-])))"
    ), _resolve_year_range, CENTURIES),
]
