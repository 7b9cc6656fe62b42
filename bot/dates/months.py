"""A month or season named without a year: "the truce in November", "last summer".

It is the most recent one (the current one counts) unless the clause points forward;
"last", "next" and "this" say which one outright.
"""

from __future__ import annotations

import re
from datetime import date

from bot.dates.context import Context, Found, Rule
from bot.dates.explicit import part_name
from bot.dates.periods import month_end, month_part, season_of
from bot.dates.vocabulary import (
    MONTH_FULL,
    MONTH_STEMS,
    RANGE_JOIN,
    SEASON_WORDS,
    YEAR,
    month_number,
)

_PREPOSITIONS = (
    r"in|since|by|until|till|during|through|throughout|from|before|after|of|for|around"
)
_MODIFIERS = (
    r"last|next|this|early|late|mid|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of"
    r"|(?:the\s+)?start\s+of"
)


def _month_year(month: int, published: date, modifier: str | None, forward: bool) -> int:
    this_year = published.year
    if modifier == "last":
        return this_year if month < published.month else this_year - 1
    if modifier == "next":
        return this_year if month > published.month else this_year + 1
    if modifier == "this":
        return this_year
    if forward:
        return this_year if month >= published.month else this_year + 1
    return this_year if month <= published.month else this_year - 1


def _resolve_month(m: re.Match[str], ctx: Context) -> Found | None:
    name = m.group("month")
    modifier = (m.group("mod") or "").lower() or None
    prep = (m.group("prep") or "").lower() or None
    # "May" is also a verb and a surname ("Theresa May"): only a preposition or a
    # modifier makes it the month.  Other months may also stand as "the November truce".
    if modifier is None and prep is None and (name == "May" or not m.group("poss")):
        return None
    start, end = m.span("x")
    year = _month_year(month_number(name), ctx.published,
                       modifier if modifier in {"last", "next", "this"} else None,
                       ctx.points_forward(start, end))
    first, last = month_part(year, month_number(name),
                             None if modifier in {None, "last", "next", "this"}
                             else part_name(modifier))
    # "In Paris, in January 2024, ... In May of that year": the year the paragraph wrote out
    # before it, which moves a month told as yearless there.
    return Found(start, end, first, last, "month", cycle="year",
                 yearless=modifier is None and bool(_THAT_YEAR.match(ctx.text, end)))


_THAT_YEAR = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def _resolve_month_range(m: re.Match[str], ctx: Context) -> Found | None:
    """"From March to May": the end is placed by the usual rule when looking back, the
    start when looking forward, and the other end follows it."""
    join = ctx.text[m.end("m1") : m.start("m2")].strip()
    if join == "and" and m.group("prep").lower() != "between":
        return None
    first, last = month_number(m.group("m1")), month_number(m.group("m2"))
    if first == last:
        return None
    start, end = m.span("x")
    if ctx.points_forward(start, end):
        first_year = _month_year(first, ctx.published, None, True)
        last_year = first_year if last > first else first_year + 1
    else:
        last_year = _month_year(last, ctx.published, None, False)
        first_year = last_year if first < last else last_year - 1
    return Found(start, end, date(first_year, first, 1), month_end(last_year, last), "month",
                 True)


def _resolve_season(m: re.Match[str], ctx: Context) -> Found | None:
    modifier = (m.group("mod") or "").lower() or None
    if modifier is None and m.group("prep") is None:
        return None
    if m.group("season") == "fall" and modifier not in {"last", "next", "this"} and not (
        m.group("the")
    ):
        return None
    name = "autumn" if m.group("season") == "fall" else m.group("season")
    published = ctx.published
    candidates = [season_of(year, name) for year in range(published.year - 2, published.year + 2)]
    containing = next((c for c in candidates if c[0] <= published <= c[1]), None)
    past = [c for c in candidates if c[1] < published]
    future = [c for c in candidates if c[0] > published]
    start, end = m.span("x")
    if modifier == "last":
        chosen = past[-1]
    elif modifier == "next":
        chosen = future[0]
    elif containing is not None:
        chosen = containing
    elif modifier == "this":
        chosen = season_of(published.year, name)
    else:
        chosen = future[0] if ctx.points_forward(start, end) else past[-1]
    return Found(start, end, chosen[0], chosen[1], "season", cycle="year")


_WEEK_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _resolve_week_of_month(m: re.Match[str], ctx: Context) -> Found | None:
    """"The first week of March" is its first seven days, not a Monday-to-Sunday week;
    "the last week of March" its last seven."""
    month = month_number(m.group("month"))
    start, end = m.span("x")
    year = int(m.group("year")) if m.group("year") else _month_year(
        month, ctx.published, None, ctx.points_forward(start, end))
    last_day = month_end(year, month)
    nth = _WEEK_NUMBERS.get(m.group("nth").lower())
    if nth is None:
        return Found(start, end, last_day.replace(day=last_day.day - 6), last_day, "day", True)
    first = date(year, month, 7 * nth - 6)
    return Found(start, end, first, first.replace(day=7 * nth), "day", True)


RULES = [
    Rule("month", re.compile(
        rf"(?<![\w-])(?:(?P<prep>(?i:{_PREPOSITIONS}|the|a|an))\s+)?"
        rf"(?P<x>(?:(?P<mod>(?i:{_MODIFIERS}))[\s-]+)?(?P<month>{MONTH_FULL}))(?P<poss>['’]s)?\b"
    ), _resolve_month, MONTH_STEMS),
    Rule("month_range", re.compile(
        rf"(?<![\w-])(?P<prep>(?i:from|between))\s+(?P<x>(?P<m1>{MONTH_FULL}){RANGE_JOIN}"
        rf"(?P<m2>{MONTH_FULL}))\b(?!\s*,?\s*\d)"
    ), _resolve_month_range, MONTH_STEMS),
    Rule("week_of_month", re.compile(
        rf"(?<![\w-])(?P<x>(?P<nth>(?i:first|second|third|fourth|last|final))\s+"
        rf"(?i:week)\s+of\s+(?P<month>{MONTH_FULL})(?:,?\s+(?P<year>{YEAR}))?)\b"
    ), _resolve_week_of_month, MONTH_STEMS),
    Rule("season", re.compile(
        rf"(?<![\w-])(?:(?P<prep>(?i:{_PREPOSITIONS}|over|into))\s+(?P<the>the\s+)?)?"
        r"(?P<x>(?:(?P<mod>(?i:last|next|this|early|late|mid))[\s-]+)?"
        r"(?P<season>spring|summer|autumn|fall|winter))\b(?!\s+of\b)"
    ), _resolve_season, SEASON_WORDS),
]
