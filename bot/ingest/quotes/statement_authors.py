"""Who issued a statement: "according to a statement from <role words> X" quotes X.

Kept apart from quotes.py so its grammar stays one rule to read: the statement is an
unnamed speaker only when no person is named as its author right after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.ingest.mentions.roles import ROLE_MODIFIERS, ROLE_WORDS

_FROM = re.compile(r"\s+(?:from|by|issued by)\s+(?:the\s+)?")


_CLAUSE_WORDS = frozenset("that which who whom whose said says and or but to of on".split())


def _role_word(word: str) -> bool:
    """A word of a role before a name ("presidential spokesperson"), not of a clause."""
    bare = word.strip(",.'’").lower().removesuffix("'s")
    if word[:1].isupper() or bare in ROLE_WORDS or bare in ROLE_MODIFIERS:
        return True
    return bare.isalpha() and bare not in _CLAUSE_WORDS and not bare.endswith(("ing", "ed"))


def statement_author(
    blank: str, statement_end: int, candidates: Sequence[tuple[int, int, str]]
) -> int | None:
    """Index in `candidates` (start, end, kind) of the person who issued the statement
    ending at `statement_end`, if only role words stand between "from" and the name."""
    joined = _FROM.match(blank, statement_end)
    if joined is None:
        return None
    for i, (start, _end, kind) in enumerate(candidates):
        if start < joined.end():
            continue
        gap = blank[joined.end() : start].split()
        if len(gap) > 5 or not all(_role_word(w) for w in gap):
            return None
        if kind == "person":
            # "a statement from Netanyahu's office": the office issued it, not the man.
            return None if _OFFICE_AFTER.match(blank, _end) else i
    return None


_OFFICE_AFTER = re.compile(r"['’]s\s+(?:office|government|bureau|aides|spokes\w+)\b",
                           re.IGNORECASE)
