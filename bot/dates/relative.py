"""Words that count from the publication day: "yesterday", "last week", "earlier this
month", "three days ago", "in the coming days", "in recent weeks"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.dates.context import Context, Found, Rule, span
from bot.dates.model import Granularity
from bot.dates.periods import (
    DAY,
    add_months,
    month_end,
    month_of,
    month_part,
    week_of,
    year_part,
)
from bot.dates.vocabulary import NUMBER, count_of

_DAY_OFFSETS = {
    "day before yesterday": -2, "day after tomorrow": 2, "yesterday": -1, "today": 0,
    "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0, "this afternoon": 0,
    "this evening": 0,
}
# "A few" days or weeks, and plain plurals ("the coming days"), as a number of units.
_VAGUE_COUNT = {"few": 3, "several": 5}
_DEFAULT_SPAN = {"hour": 1, "day": 7, "week": 3, "month": 3}
_POSITION = (
    r"(?P<pos>(?i:earlier|later|early|late|mid|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of"
    r"|(?:the\s+)?start\s+of))[\s-]+"
)


def _unit(words: str) -> str:
    return words.lower().rstrip("s")


def _resolve_relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    words = " ".join(m.group("x").lower().replace("the ", "").split())
    # "USA Today", "Israel Today": a capitalised Today after a name is a newspaper.
    if m.group("x").startswith("Today") and re.search(r"[A-Z]\w*\s+$", ctx.before(m.start(), 20)):
        return None
    key = next(k for k in _DAY_OFFSETS if words.endswith(k))
    day = ctx.published + timedelta(days=_DAY_OFFSETS[key])
    start, end = span(m)
    return Found(start, end, day, day, "day")


def _week_period(published: date, shift: int, pos: str | None) -> tuple[date, date]:
    monday, sunday = week_of(published + timedelta(weeks=shift))
    if pos == "earlier":
        return monday, max(monday, published - DAY)
    if pos == "later":
        return min(sunday, published + DAY), sunday
    thirds = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}
    if pos in thirds:
        low, high = thirds[pos]
        return monday + timedelta(days=low), monday + timedelta(days=high)
    return monday, sunday


def _month_period(published: date, shift: int, pos: str | None) -> tuple[date, date]:
    year, month = add_months(published.year, published.month, shift)
    first, last = month_of(year, month)
    if pos == "earlier":
        return first, max(first, published - DAY)
    if pos == "later":
        return min(last, published + DAY), last
    return month_part(year, month, pos)


def _year_period(published: date, shift: int, pos: str | None) -> tuple[date, date]:
    year = published.year + shift
    if pos == "earlier":
        return date(year, 1, 1), max(date(year, 1, 1), published - DAY)
    if pos == "later":
        return min(date(year, 12, 31), published + DAY), date(year, 12, 31)
    return year_part(year, pos)


_PERIODS = {"week": _week_period, "month": _month_period, "year": _year_period}
_GRANULARITY: dict[str, Granularity] = {"week": "week", "month": "month", "year": "year"}


def _position(words: str | None) -> str | None:
    if words is None:
        return None
    words = words.lower()
    if "end" in words:
        return "late"
    if "beginning" in words or "start" in words:
        return "early"
    return words


def _resolve_calendar_period(m: re.Match[str], ctx: Context) -> Found | None:
    shift = {"last": -1, "next": 1, "this": 0, "the": 0}[m.group("rel").lower()]
    pos = _position(m.group("pos"))
    if pos in {"earlier", "later"} and shift != 0:
        pos = None
    unit = _unit(m.group("unit"))
    first, last = _PERIODS[unit](ctx.published, shift, pos)
    start, end = span(m)
    return Found(start, end, first, last, _GRANULARITY[unit])


def _resolve_possessive_end(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    first, last = _PERIODS[unit](ctx.published, 0, "late")
    start, end = span(m)
    return Found(start, end, first, last, _GRANULARITY[unit])


def _rolling(published: date, unit: str, count: int, forward: bool) -> Found | None:
    """A window that starts or ends at the publication day, on calendar boundaries."""
    count = count or _DEFAULT_SPAN[unit]
    if unit == "hour":
        days = max(1, -(-count // 24))
        first, last = (published, published + timedelta(days=days)) if forward else (
            published - timedelta(days=days), published)
        return Found(0, 0, first, last, "day", True)
    if unit == "day":
        if forward:
            return Found(0, 0, published + DAY, published + timedelta(days=count), "day",
                         count > 1)
        return Found(0, 0, published - timedelta(days=count), published - DAY, "day", count > 1)
    if unit == "week":
        if forward:
            return Found(0, 0, published + DAY, week_of(published + timedelta(weeks=count))[1],
                         "week", True)
        return Found(0, 0, week_of(published - timedelta(weeks=count))[0], published - DAY,
                     "week", True)
    if forward:
        year, month = add_months(published.year, published.month, count)
        return Found(0, 0, published + DAY, month_end(year, month), "month", True)
    year, month = add_months(published.year, published.month, -count)
    return Found(0, 0, date(year, month, 1), published - DAY, "month", True)


def _count(words: str | None) -> int:
    if words is None:
        return 0
    return _VAGUE_COUNT.get(words.lower()) or count_of(words)


def _resolve_rolling(m: re.Match[str], ctx: Context) -> Found | None:
    rel = m.group("rel").lower()
    # "the next day" and "the past week" in a story's narrative count from another event;
    # only "in/within/over the next ..." counts from publication, and "the past four days
    # had seen" (not "the last two days of the truce"): a counted span back from now.
    if rel != "coming" and m.group("prep") is None and not (
        rel in ("past", "final") and m.group("n") and m.group("unit").lower().endswith("s")
        and not re.match(r"\s+of\b", ctx.text[m.end():])
    ):
        return None
    unit = _unit(m.group("unit"))
    count = _count(m.group("n"))
    plural = m.group("unit").lower().endswith("s")
    if not plural and count == 0:
        count = 1
    found = _rolling(ctx.published, unit, count, rel in {"coming", "next"})
    return _placed(found, m)


def _resolve_recent(m: re.Match[str], ctx: Context) -> Found | None:
    found = _rolling(ctx.published, _unit(m.group("unit")), 0, forward=False)
    return _placed(found, m)


def _placed(found: Found | None, m: re.Match[str]) -> Found | None:
    if found is None:
        return None
    start, end = span(m)
    return Found(start, end, found.start, found.end, found.granularity, found.is_range)


def _resolve_ago(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    published = ctx.published
    start, end = span(m)
    words = m.group("n").lower()
    if words in {"a few", "several"}:
        if unit != "day":
            return None
        return Found(start, end, published - timedelta(days=7), published - timedelta(days=2),
                     "day", True)
    count = count_of(words)
    if unit == "day":
        day = published - timedelta(days=count)
        return Found(start, end, day, day, "day")
    if unit == "week":
        first, last = week_of(published - timedelta(weeks=count))
        return Found(start, end, first, last, "week")
    if unit == "month":
        first, last = month_of(*add_months(published.year, published.month, -count))
        return Found(start, end, first, last, "month")
    first, last = year_part(published.year - count, None)
    return Found(start, end, first, last, "year")


def _resolve_in_count(m: re.Match[str], ctx: Context) -> Found | None:
    # "the first talks in two weeks" looks back; only a forward verb makes it a date.
    start, end = span(m)
    if not ctx.points_forward(m.start(), end):
        return None
    count = count_of(m.group("n"))
    days = count * (7 if _unit(m.group("unit")) == "week" else 1)
    target = ctx.published + timedelta(days=days)
    if m.group("prep").lower() == "within":
        return Found(start, end, ctx.published, target, "day", True)
    return Found(start, end, target, target, "day")


# "Overnight" is the night before a morning story, unless it qualifies a noun ("an
# overnight curfew") or means "suddenly" ("almost overnight", "will not end overnight").
_NOT_A_NIGHT_BEFORE = re.compile(
    r"(?i:\b(?:a|an|the|every|each|almost|virtually|nearly|practically|literally|seemingly)"
    r"\s+$|(?:\bnot|\bnever|n't)\b[^.;,]{0,30}$)"
)


def _resolve_overnight(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span(m)
    if _NOT_A_NIGHT_BEFORE.search(ctx.before(start, 40)) or ctx.points_forward(start, end):
        return None
    return Found(start, end, ctx.published - DAY, ctx.published, "day", True)


def _resolve_within_period(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    first, last = _PERIODS[unit](ctx.published, 0, m.group("pos").lower())
    start, end = span(m)
    return Found(start, end, first, last, _GRANULARITY[unit])


RULES = [
    Rule("relative_day", re.compile(
        r"(?<![\w-])(?P<x>(?i:(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+"
        r"tomorrow|(?:(?:late|early|earlier|later)\s+)?(?:yesterday|today|tomorrow)|tonight"
        r"|last\s+night|this\s+(?:morning|afternoon|evening)))(?:['’]s)?\b"
    ), _resolve_relative_day, ("yesterday", "today", "tomorrow", "night", "morning", "afternoon",
                               "evening")),
    Rule("calendar_period", re.compile(
        rf"(?<![\w-])(?P<x>(?:{_POSITION})?(?P<rel>(?i:last|next|this))\s+"
        r"(?P<unit>(?i:week|month|year)))\b"
    ), _resolve_calendar_period, ("week", "month", "year")),
    Rule("end_of_period", re.compile(
        r"(?<![\w-])(?P<x>(?P<pos>(?i:(?:the\s+)?(?:end|beginning|start)\s+of))\s+"
        r"(?P<rel>(?i:the|this))\s+(?P<unit>(?i:week|month|year)))\b"
    ), _resolve_calendar_period, ("end of", "beginning of", "start of")),
    Rule("within_period", re.compile(
        r"(?<![\w-])(?P<x>(?P<pos>(?i:earlier|later))\s+(?i:in\s+the)\s+"
        r"(?P<unit>(?i:week|month|year)))\b"
    ), _resolve_within_period, ("in the week", "in the month", "in the year")),
    Rule("overnight", re.compile(
        r"(?<![\w-])(?P<x>(?i:overnight))\b(?!\s+(?i:into|to|on|from|between)\b)"
    ), _resolve_overnight, ("overnight",)),
    Rule("possessive_end", re.compile(
        r"(?<![\w-])(?P<x>(?:(?i:this)\s+)?(?P<unit>(?i:year|month))['’]s\s+end)\b"
    ), _resolve_possessive_end, ("'s end", "’s end")),
    Rule("rolling", re.compile(
        r"(?:\b(?P<prep>(?i:in|over|during|within|for|throughout))\s+)?(?P<x>(?i:the)\s+"
        r"(?P<rel>(?i:past|last|final|coming|next))\s+"
        rf"(?:(?P<n>(?i:few|several)|{NUMBER})\s+)?(?P<unit>(?i:hours?|days?|weeks?|months?)))\b"
    ), _resolve_rolling, ("past", "last", "final", "coming", "next")),
    Rule("recent", re.compile(
        r"(?P<x>(?i:recent)\s+(?P<unit>(?i:days|weeks|months)))\b"
    ), _resolve_recent, ("recent",)),
    Rule("ago", re.compile(
        rf"(?<![\w-])(?P<x>(?P<n>(?i:a\s+few|several)|{NUMBER})\s+"
        r"(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago))\b"
    ), _resolve_ago, (" ago",)),
    Rule("in_count", re.compile(
        rf"\b(?P<prep>(?i:in|within))\s+(?P<x>(?P<n>{NUMBER})\s+(?P<unit>(?i:days?|weeks?)))\b"
        r"(?!\s+(?:of|after|before|later|since|into|earlier))"
    ), _resolve_in_count, ("in ", "within")),
]
