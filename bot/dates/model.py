"""What the date resolver returns: a time expression found in text, with its value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.ingest.model import Granularity

Direction = Literal["past", "present", "future"]

__all__ = ["Direction", "Granularity", "TimeExpression", "coarseness", "direction_of"]

_COARSENESS = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


@dataclass(frozen=True)
class TimeExpression:
    """A time expression as the text says it, resolved against the publication day."""

    text: str  # the matched words, as in the input
    start_char: int  # span in the input string
    end_char: int
    start: date
    end: date  # inclusive; == start for a single day
    granularity: Granularity
    direction: Direction  # relative to publication
    is_range: bool = False
    yearless: bool = False  # "November 22": the year was chosen, not written


def coarseness(granularity: str | None) -> int:
    """0 for a day up to 4 for a year; a date of unknown precision counts as a year's."""
    return _COARSENESS.get(granularity or "year", _COARSENESS["year"])


def direction_of(start: date, end: date, published: date) -> Direction:
    """Where a period lies relative to the publication day; one that contains it is present."""
    if end < published:
        return "past"
    if start > published:
        return "future"
    return "present"
