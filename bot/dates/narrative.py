"""The year a passage is telling of, for the days it names without one.

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
from datetime import date

from bot.dates.model import TimeExpression, direction_of

_WRITTEN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def written_point(expressions: list[TimeExpression]) -> date | None:
    """Where the last date a paragraph writes out with its year begins, if any."""
    points = [e.start for e in expressions if _WRITTEN_YEAR.search(e.text)]
    return points[-1] if points else None


def after_point(
    expressions: list[TimeExpression], point: date | None, published: date
) -> list[TimeExpression]:
    """Yearless past days moved to their first occurrence from the story's point on (the
    last date written out before them, else `point`), before publication; the others as
    they are."""
    moved = []
    for e in expressions:
        if _WRITTEN_YEAR.search(e.text):
            point = e.start
        elif e.yearless and e.direction == "past" and point is not None:
            e = _first_from(e, point, published)
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
