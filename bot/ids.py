"""Typed ids: `r12` a round, `e12` another event, `p7` a person, `q3` a quote, `a4` an article.

The number is the row's id (see `bot.store.ids`, which never gives one out twice), the
letter says what it is, so a typed id read back names one row of one table.  Users may
write `#r12`, `r12` or, for rounds as before, `#12`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LETTERS = {"r": "round", "e": "event", "p": "person", "q": "quote", "a": "article"}
_TYPED = re.compile(r"^#?(?P<letter>[repqa])?(?P<number>\d{1,9})$", re.IGNORECASE)


@dataclass(frozen=True)
class TypedId:
    letter: str | None  # None: a bare number ("#12"), which older buttons and commands use
    number: int

    def __str__(self) -> str:
        return f"{self.letter or ''}{self.number}"


def event_id(kind: str, number: int) -> str:
    return f"{'r' if kind == 'round' else 'e'}{number}"


def person_id(number: int) -> str:
    return f"p{number}"


def quote_id(number: int) -> str:
    return f"q{number}"


def article_id(number: int) -> str:
    return f"a{number}"


def parse_typed_id(text: str) -> TypedId | None:
    """`#r12`, `r12`, `R12` or `#12`; None for anything else (a bare `12` is a number,
    not an id, unless the caller asked for one)."""
    text = text.strip()
    found = _TYPED.match(text)
    if found is None or (found["letter"] is None and not text.startswith("#")):
        return None
    letter = found["letter"].lower() if found["letter"] else None
    return TypedId(letter, int(found["number"]))
