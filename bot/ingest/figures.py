"""Reported figures of the war's toll and who reported them.

A figure is a count ("56,500 killed", "more than 400 people") next to a toll
verb, and its source is whoever the sentence credits: "according to the
Palestinian Health Ministry", or the subject of "said"/"reported".
"""

from __future__ import annotations

import re
from datetime import date

from bot.ingest.model import ExtractedEvent, Participant, When
from bot.ingest.passages import Passage

_TOLL_VERB = r"killed|injured|wounded|dead|displaced|detained|arrested|abducted|missing"
_COUNT = r"(?:at least |more than |over |nearly |almost |some |about |around )?" \
    r"(?P<num>\d[\d,.]*(?:\s+(?:million|thousand))?)"
_TOLL_AFTER_VERB = re.compile(rf"\b(?P<verb>{_TOLL_VERB})\s+{_COUNT}\b", re.IGNORECASE)
_TOLL_AFTER_COUNT = re.compile(
    rf"{_COUNT}\s+(?:(?!and\b|or\b)[A-Za-z]+\s+){{0,2}}?(?:(?:have|had|were|was|are)\s+"
    r"(?:been\s+)?)?"
    rf"(?P<verb>{_TOLL_VERB})\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)


def find_figures(passages: list[Passage], published: date) -> list[ExtractedEvent]:
    """Counts of the toll, each with who reported it when the sentence says."""
    events: list[ExtractedEvent] = []
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            text = blank[start:end]
            seen: set[str] = set()
            for pattern in (_TOLL_AFTER_VERB, _TOLL_AFTER_COUNT):
                for m in pattern.finditer(text):
                    if _is_year(m.group("num")):
                        continue
                    title = f"{m.group('num')} {_verb(m.group('verb'))}"
                    if title in seen:
                        continue
                    seen.add(title)
                    source = _attribution(text, start, passage)
                    events.append(ExtractedEvent(
                        kind="figure",
                        title=title,
                        summary=passage.text[start:end][:400],
                        when=When(published, published, "day"),
                        sentence=index,
                        participants=[Participant(source, "speaker")] if source else [],
                    ))
    return events


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _verb(word: str) -> str:
    word = word.lower()
    return "killed" if word == "dead" else word


def _attribution(text: str, offset: int, passage: Passage) -> str | None:
    m = _ACCORDING.search(text)
    if m:
        after = [k for k in passage.marks_in(offset + m.end(), offset + len(text))
                 if k.kind in ("organisation", "person", "country")]
        if after and after[0].start - offset - m.end() <= 30:
            return after[0].key
    said = re.search(r"\b(?:said|says|reported|reports|announced)\b", text)
    if said:
        before = [k for k in passage.marks_in(offset, offset + said.start())
                  if k.kind in ("organisation", "person", "country")]
        if before:
            return before[-1].key
    return None
