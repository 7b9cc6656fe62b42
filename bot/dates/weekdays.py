"""Weekdays and weekends the way news uses them.

A bare weekday means the publication day when it is the publication weekday ("talks
resumed Tuesday" in Tuesday's paper), otherwise the most recent such day, unless the verb
points forward ("will meet on Thursday"), then the next one.  A plan told in the past
perfect ("had been expected on Saturday") takes the nearer of the two: written on Friday it
means tomorrow, written on Monday the Saturday just gone.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.dates.context import Context, Found, Rule, span
from bot.dates.cues import Lean
from bot.dates.vocabulary import WEEKDAY_FULL, WEEKDAY_WORDS, weekday_number

_MODIFIER = r"(?P<mod>(?i:this\s+past|last|next|this|past|coming))\s+"
# Named days that are not the days of this week: "Black Friday", "every Monday".
_NOT_A_DAY_BEFORE = re.compile(
    r"(?:\b(?:Black|Good|Bloody|Super|Easter|Palm|Ash|Holy|Cyber|Maundy)|\b(?i:every|each))"
    r"\s+$"
    # Mastheads named for a day: "the Mail on Sunday", "Scotland on Sunday".
    r"|\b(?:Mail|Independent|Scotland)\s+on\s+$"
)
# "The Sunday Times", "Sunday Telegraph", "Saturday Night Live": a title, not a day.
_NOT_A_DAY_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Independent|Observer|Mail"
    r"|Sport|Standard|Star|World|Night\s+Live|Night\s+Football)\b"
)


def _modifier(words: str | None) -> str | None:
    if words is None:
        return None
    words = words.lower().split()[-1]
    return {"past": "last", "coming": "next"}.get(words, words)


def weekday_near(weekday: int, published: date, modifier: str | None, lean: Lean) -> date:
    today = published.weekday()
    if modifier == "last":
        # Yesterday is "Monday" or "yesterday"; a writer who says "last Monday" the next
        # day means the one of the week before (AP style names days within the week bare).
        back = (today - weekday) % 7
        return published - timedelta(days=7 if back == 0 else 8 if back == 1 else back)
    if modifier == "next":
        return published + timedelta(days=(weekday - today) % 7 or 7)
    if modifier == "this":
        return published + timedelta(days=weekday - today)
    if weekday == today:
        return published
    ahead, behind = (weekday - today) % 7, (today - weekday) % 7
    if lean == "forward" or (lean == "either" and ahead < behind):
        return published + timedelta(days=ahead)
    return published - timedelta(days=behind)


def _resolve_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    if _NOT_A_DAY_BEFORE.search(ctx.before(m.start(), 16)) or _NOT_A_DAY_AFTER.match(
        ctx.text, m.end("wd")
    ):
        return None
    start, end = span(m)
    day = weekday_near(weekday_number(m.group("wd")), ctx.published, _modifier(m.group("mod")),
                       ctx.lean(start, end))
    return Found(start, end, day, day, "day", cycle="week")


def _weekend_behind(ctx: Context, m: re.Match[str], coming_saturday: date) -> bool:
    lean = ctx.lean(*span(m))
    # On a weekday the last weekend ended one to five days back and the coming one starts
    # five to one days ahead: from Monday to Wednesday the last one is no further away.
    if lean == "either":
        return (coming_saturday - ctx.published).days > 2
    return lean == "past"


def _resolve_weekend(m: re.Match[str], ctx: Context) -> Found | None:
    published = ctx.published
    modifier = _modifier(m.group("mod"))
    saturday = published + timedelta(days=5 - published.weekday())
    on_weekend = published.weekday() >= 5
    if modifier == "last":
        saturday -= timedelta(days=7)
    elif modifier == "next":
        saturday += timedelta(days=7) if on_weekend else timedelta(0)
    elif not on_weekend and modifier != "this" and _weekend_behind(ctx, m, saturday):
        saturday -= timedelta(days=7)
    start, end = span(m)
    return Found(start, end, saturday, saturday + timedelta(days=1), "day", True, "week")


RULES = [
    Rule("weekday", re.compile(
        rf"(?<![\w-])(?P<x>(?:{_MODIFIER})?(?:(?i:late|early|overnight)\s+)?"
        rf"(?P<wd>{WEEKDAY_FULL})(?:['’]s)?"
        rf"(?:\s+(?i:morning|afternoon|evening|night|overnight))?)\b"
    ), _resolve_weekday, WEEKDAY_WORDS),
    Rule("weekend", re.compile(
        rf"(?<![\w-])(?P<x>(?:{_MODIFIER}|(?i:the)\s+)(?i:weekend))\b"
    ), _resolve_weekend, ("weekend",)),
]
