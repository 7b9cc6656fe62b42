"""Several states or bodies speaking as one: "the leaders of the US, Egypt and Qatar said".

The words are no single state's, so the quote gets no speaker key; its label names
them all, in a fixed order so that two articles label the same statement alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.ingest.document.passages import Mark, Passage

_COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+&)\s+(?:the\s+)?")
_GROUP_HEAD = re.compile(
    r"(?:\bthe\s+)?(?:[\w-]+\s+){0,2}?(?:leaders|heads|governments|ministers|presidents|"
    r"mediators|officials|representatives|envoys)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_STATEMENT = re.compile(r"\bjoint statement\b", re.IGNORECASE)


def joint_speakers(
    passage: Passage, blank: str, name_of: Callable[[str], str]
) -> list[tuple[int, int, str]]:
    """(start, end, label) of each group of two or more coordinated states or bodies,
    at paragraph offsets, with a head like "the leaders of" it stands after."""
    sides = [m for m in passage.marks if m.kind in ("country", "organisation")
             and blank[m.start : m.end] == m.text]
    groups: list[list[Mark]] = []
    for mark in sides:
        last = groups[-1][-1] if groups else None
        if last is not None and _COORDINATION.fullmatch(passage.text[last.end : mark.start]):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    found: list[tuple[int, int, str]] = []
    for group in groups:
        names = sorted({name_of(m.key) for m in group})
        if len(names) < 2:
            continue
        first = group[0].start
        head = _GROUP_HEAD.search(blank[max(0, first - 60) : first])
        if head is not None:
            first -= len(head.group(0))
        start, end = passage.bounds(passage.sentence_at(first))
        named = [_with_article(n) for n in names]
        listed = f"{', '.join(named[:-1])} and {named[-1]}"
        joint = _STATEMENT.search(blank[start:end])
        found.append((first, group[-1].end, f"a joint statement by {listed}" if joint else listed))
    return found


def _with_article(name: str) -> str:
    plural = name.endswith(("States", "Nations", "Emirates", "Kingdom", "Union", "Authority"))
    return f"the {name}" if plural else name
