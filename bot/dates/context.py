"""What every rule receives (the text and its publication day) and what it hands back."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from bot.dates.cues import Lean, lean
from bot.dates.model import Granularity

# How an expression repeats, so that the end of a range can be moved past its start:
# "from Friday to Monday" is a week cycle, "from November to February" a year cycle.
Cycle = Literal["week", "year"]


@dataclass(frozen=True)
class Found:
    """A span a rule has resolved, before ranges and anniversaries are joined up."""

    start_char: int
    end_char: int
    start: date
    end: date
    granularity: Granularity
    is_range: bool = False
    cycle: Cycle | None = None
    yearless: bool = False  # a month and day with no year: an anniversary may set it


@dataclass
class Context:
    text: str
    published: date
    _leans: dict[tuple[int, int], Lean] = field(default_factory=dict)

    def lean(self, start: int, end: int) -> Lean:
        key = (start, end)
        if key not in self._leans:
            self._leans[key] = lean(self.text, start, end)
        return self._leans[key]

    def points_forward(self, start: int, end: int) -> bool:
        return self.lean(start, end) == "forward"

    def before(self, position: int, width: int = 40) -> str:
        return self.text[max(0, position - width) : position]


class Rule(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Found | None]
    needs: tuple[str, ...]  # the rule runs only if the lower-cased text holds one of these


def span(match: re.Match[str], group: str = "x") -> tuple[int, int]:
    """The span of the expression proper, without the prepositions around it."""
    if match.group(group) is None:
        return match.span()
    return match.span(group)
