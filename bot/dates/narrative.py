"""The year a passage is telling of, for the days it names without one; and the days it
names only by pointing back ("the same day", "the next day").

An analysis that reaches back writes "In November 2023, Qatar announced a truce. On
November 22 ...": the second day is of 2023, not of the year the report is published in,
though a bare "November 22" read alone is the nearest one before publication.  A story
told in order moves forward: after "in October 2024", "January 15" is January 2025.  A
paragraph that writes a year out sets the point its own yearless days and the next
paragraph's follow.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from bot.dates.cues import lean
from bot.dates.model import TimeExpression, direction_of
from bot.dates.periods import month_part
from bot.dates.vocabulary import MONTH_FULL, WEEKDAY_FULL, weekday_number
from bot.needles import may_hold

# A year written out, or named from the report's own day ("this summer", "last year"): the
# story's point moves there.
_WRITTEN_YEAR = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:this|last)\s+(?:year|summer|spring|autumn|fall|winter)\b",
    re.IGNORECASE,
)


def written_point(expressions: list[TimeExpression], text: str = "") -> date | None:
    """Where the last date a paragraph writes out with its year begins, if any."""
    points = [e.start for e in expressions if _sets_point(e, text)]
    return points[-1] if points else None


# "2,000 Gazans detained since October 2023": where a state began, not where the story is.
_SINCE = re.compile(r"\b(?:since|ever since)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def _sets_point(e: TimeExpression, text: str) -> bool:
    return bool(_WRITTEN_YEAR.search(e.text)) and not (
        text and _SINCE.search(text, max(0, e.start_char - 20), e.start_char)
    )


def after_point(
    expressions: list[TimeExpression], point: date | None, published: date, text: str = ""
) -> list[TimeExpression]:
    """Yearless past days moved to their first occurrence from the story's point on (the
    last date written out before them, else `point`), before publication; the others as
    they are."""
    moved = []
    written_here = False
    for e in expressions:
        if _sets_point(e, text):
            point, written_here = e.start, True
        elif e.yearless and point is not None and (
                e.direction == "past" or (e.direction == "present" and written_here)):
            # ("to November 2023 ... That truce, which began on November 24", filed on a
            # November 24: the story's year, not the report's own day)
            e = _first_from(e, point, published)
        elif e.yearless and e.direction == "future" and written_here and point is not None:
            # "talks opened on 6 July 2025, only for Israel to recall its team on 24 July":
            # the story's own year, though the verb looked ahead from its day.
            e = _next_from(e, point, published)
        moved.append(e)
    return moved


def _first_from(e: TimeExpression, point: date, published: date) -> TimeExpression:
    for year in (point.year, point.year + 1):
        try:
            start, end = e.start.replace(year=year), e.end.replace(year=year)
        except ValueError:  # 29 February
            continue
        if start >= point.replace(day=1) and end <= published:
            if start == e.start:
                return e
            return replace(e, start=start, end=end, direction=direction_of(start, end, published))
    return e


def _next_from(e: TimeExpression, point: date, published: date) -> TimeExpression:
    """A yearless day looked at from a written date: its first occurrence after it."""
    for year in (point.year, point.year + 1):
        try:
            start, end = e.start.replace(year=year), e.end.replace(year=year)
        except ValueError:
            continue
        if start >= point:
            if start == e.start:
                return e
            return replace(e, start=start, end=end, direction=direction_of(start, end, published))
    return e


# "The same day an Israeli team travelled to Cairo": a day named by the one told before.
_POINTING_BACK = re.compile(
    r"\b(?:(?P<same>(?:on\s+)?(?:the\s+same|that\s+same|that)\s+day"
    # "On Thursday morning Hamas answered. A few hours later ...": still that day.
    r"|(?:a\s+few\s+|several\s+|some\s+|two\s+|three\s+|\d{1,2}\s+)?hours\s+later"
    r"|later\s+that\s+(?:day|morning|afternoon|evening|night)"
    r"|that\s+(?:morning|afternoon|evening|night))"
    # ("On November 27 the truce was extended. The day after, Burns sat down in Doha")
    r"|(?P<next>the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after(?=\s*,))"
    r"|(?P<before>the\s+(?:day\s+before|previous\s+day)|a\s+day\s+earlier)"
    r"|(?P<count>two|three|four|five|six|\d|a|one)\s+days?\s+(?P<way>later|afterwards|earlier|"
    # "Tuesday's talks came two days after the delegation met": that meeting was Sunday.
    r"after|before))\b",
    re.IGNORECASE,
)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# Every match of _POINTING_BACK, _THE_NEXT_WEEK, _THE_OTHER_WEEKDAY ("...day") and
# _THAT_MONTH holds one of these.
_POINTING_WORDS = ("day", "hours", "morning", "afternoon", "evening", "night", "week", "month",
                   "year")


def pointing_back(
    text: str, expressions: list[TimeExpression], previous: date | None, published: date
) -> list[TimeExpression]:
    """The expressions, with "the same day", "the next day" and "the day before" resolved
    against the last day named before them (in this paragraph, else `previous`)."""
    if not may_hold(text, _POINTING_WORDS):
        return sorted(expressions, key=lambda e: e.start_char)
    added = []
    for m in _POINTING_BACK.finditer(text):
        if any(e.start_char <= m.start() < e.end_char for e in expressions):
            continue
        earlier = [e for e in expressions if e.end_char <= m.start() and e.granularity == "day"]
        anchor = earlier[-1].end if earlier else previous
        if anchor is None:
            continue
        if m["count"] and m["count"].lower() in ("a", "one") and not (
                earlier and re.fullmatch(r",\s*", text[earlier[-1].end_char : m.start()])):
            # "took effect on October 10, a day after the sides agreed": the day just
            # told; not "Doha: a day after the truce broke down, a team ...", whose day
            # is the item's own.
            continue
        if m["count"]:
            n = _COUNTS.get(m["count"].lower()) or int(m["count"])
            shift = -n if m["way"].lower() in ("earlier", "after") else n
        else:
            shift = 1 if m["next"] else -1 if m["before"] else 0
        day = anchor + timedelta(days=shift)
        added.append(TimeExpression(
            text=m.group(0), start_char=m.start(), end_char=m.end(), start=day, end=day,
            granularity="day", direction=direction_of(day, day, published),
        ))
    for m in _THE_NEXT_WEEK.finditer(text):
        # "talks in Doha on Aug. 15 ... the follow-up in Cairo the next week": the week
        # after the day told, not the week after the report.
        earlier = [e for e in expressions if e.end_char <= m.start() and e.granularity == "day"]
        anchor = earlier[-1].end if earlier else previous
        if anchor is None:
            continue
        monday, sunday = _week_around(anchor + timedelta(days=-7 if m["back"] else 7))
        expressions, added = _in_place_of(m, expressions, added, monday, sunday, "week",
                                          published)
    if "week of" in text.lower():
        # "talks in Doha during the week of March 10": the week that day falls in.
        weeks = []
        for e in expressions:
            if e.granularity == "day" and e.start == e.end \
                    and _WEEK_OF.search(text, max(0, e.start_char - 16), e.start_char):
                monday, sunday = _week_around(e.start)
                e = replace(e, start=monday, end=sunday, granularity="week",
                            direction=direction_of(monday, sunday, published))
            weeks.append(e)
        expressions = weeks
    for m in _THE_OTHER_WEEKDAY.finditer(text):
        # "reached last Wednesday after talks that had run since the previous Sunday": the
        # Sunday before that Wednesday, not the one before the report.
        earlier = [e for e in expressions if e.end_char <= m.start() and e.granularity == "day"]
        anchor = earlier[-1].start if earlier else previous
        if anchor is None:
            continue
        weekday = _WEEKDAYS.index(m["weekday"][:3].lower())
        if m["back"]:
            day = anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
        else:
            day = anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
        expressions, added = _in_place_of(m, expressions, added, day, day, "day", published)
    for m in _THAT_MONTH.finditer(text):
        if any(e.start_char <= m.start() < e.end_char for e in expressions):
            continue
        # "The effort revived in December. A team spent ten days in Doha that month."
        earlier = [e for e in expressions if e.end_char <= m.start()
                   and e.granularity in ("day", "month")]
        # ("... from May 7 to May 9." and a new paragraph: "At the end of that month ...")
        told = earlier[-1].start if earlier else previous
        if told is None:
            continue
        first = told.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        added.append(TimeExpression(
            text=m.group(0), start_char=m.start(), end_char=m.end(), start=first, end=last,
            granularity="month", direction=direction_of(first, last, published),
        ))
    if "year" in text:
        for m in _THAT_YEAR.finditer(text):
            # "In Paris at the end of January 2024 ... in Rome at the end of July that
            # year": July of the year last written out, not of the report's.
            told = [e for e in expressions if e.end_char <= m.start()]
            named = [e for e in told if _WRITTEN_YEAR.search(e.text)]
            if not told or not named or told[-1] is named[-1] \
                    or not re.fullmatch(r"[\s,]*(?:of\s+)?", text[told[-1].end_char : m.start()]):
                continue
            e, year = told[-1], named[-1].start.year
            if e.granularity not in ("day", "month") or e.start.year == year:
                continue
            try:
                start, end = e.start.replace(year=year), e.end.replace(year=year)
            except ValueError:
                continue
            expressions = [replace(x, start=start, end=end,
                                   direction=direction_of(start, end, published))
                           if x is e else x for x in expressions]
    for m in _PART_OF_THE_MONTH.finditer(text):
        # "The most sustained attempt came in July. Talks opened in Doha at the start of
        # the month": July's first days. Only when this paragraph named a past month
        # before and the clause tells what was done; "will meet at the end of the month"
        # is the report's own month.
        earlier = [e for e in expressions if e.end_char <= m.start()
                   and e.granularity in ("day", "month") and e.end < published.replace(day=1)]
        if not earlier or lean(text, m.start(), m.end()) == "forward":
            continue
        told = earlier[-1].start
        first, last = month_part(told.year, told.month, _PARTS[m["part"].lower()])
        expressions, added = _in_place_of(m, expressions, added, first, last, "month",
                                          published)
    for m in _NTH_WEEKDAY_OF.finditer(text):
        # "July began with optimism ... on the first Friday of the month Barnea flew to
        # Doha": that month's first Friday; "the last Sunday of May": May's.
        named = [e for e in expressions if m.start("month") <= e.start_char < m.end()
                 and e.granularity == "month"] if m["month"] else []
        earlier = [e for e in expressions if e.end_char <= m.start()
                   and e.granularity in ("day", "month")]
        month = named[0].start if named else earlier[-1].start if earlier else published
        day = nth_weekday(month.year, month.month, _NTH[m["nth"].lower()],
                          weekday_number(m["weekday"]))
        expressions, added = _in_place_of(m, expressions, added, day, day, "day", published)
    return sorted([*expressions, *added], key=lambda e: e.start_char)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_NTH_WEEKDAY_OF = re.compile(
    rf"\bthe\s+(?P<nth>first|second|third|fourth|last)\s+(?P<weekday>{WEEKDAY_FULL})\s+of\s+"
    rf"(?:the\s+month\b|(?P<month>{MONTH_FULL})(?:\s+\d{{4}})?\b)", re.IGNORECASE)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The nth (or, for -1, the last) given weekday of a month."""
    first = date(year, month, 1)
    if nth > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_THAT_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_PART_OF_THE_MONTH = re.compile(
    r"\b(?:the\s+)?(?P<part>start|beginning|end|middle)\s+of\s+the\s+month\b", re.IGNORECASE)
_PARTS = {"start": "early", "beginning": "early", "end": "late", "middle": "mid"}
_THE_NEXT_WEEK = re.compile(
    r"\bthe\s+(?:(?:next|following)\s+week|week\s+after)\b"
    r"|\b(?P<back>the\s+(?:previous|preceding)\s+week|the\s+week\s+before)\b",
    re.IGNORECASE,
)
def _week_around(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of `day`'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _in_place_of(
    m: re.Match[str], expressions: list[TimeExpression], added: list[TimeExpression],
    start: date, end: date, granularity: str, published: date,
) -> tuple[list[TimeExpression], list[TimeExpression]]:
    """The expressions with the one `m` names put in place of any it covers."""
    def inside(e: TimeExpression) -> bool:
        return m.start() <= e.start_char and e.end_char <= m.end()

    return [e for e in expressions if not inside(e)], [a for a in added if not inside(a)] + [
        TimeExpression(text=m.group(0), start_char=m.start(), end_char=m.end(), start=start,
                       end=end, granularity=granularity,
                       direction=direction_of(start, end, published))]


_WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$", re.IGNORECASE)
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_THE_OTHER_WEEKDAY = re.compile(
    r"\bthe\s+(?:(?P<back>previous|preceding)|following)\s+"
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
    re.IGNORECASE,
)
# ("went to Doha during the month", under a "March:" label)
_THAT_MONTH = re.compile(
    r"\b(?:(?:that|the\s+same)\s+month|(?:during|later\s+in|earlier\s+in)\s+the\s+month)\b",
    re.IGNORECASE,
)


def last_day(expressions: list[TimeExpression], text: str = "") -> date | None:
    """The last day a paragraph told, which "that night" in the next one points back to;
    not the day a span is told to have run "since" when another day was told: "reached
    last Wednesday after talks that had run since the previous Sunday. ... announced
    that night" is Wednesday night."""
    days = [e for e in expressions if e.granularity == "day"]
    told = [e for e in days if not _SINCE.search(text, 0, e.start_char)] or days
    return told[-1].end if told else None


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
