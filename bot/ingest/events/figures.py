"""Reported figures of the war's toll and who reported them.

A figure is a count ("56,500 killed", "more than 400 people", "five fighters had
been killed", "killing about 1,200") next to a toll verb.  Its source is whoever
the sentence credits for that count: the "according to" phrase that follows it in
its clause, else the subject of the "says"/"said" that comes before it.  A cause
phrase ("killed in Israel's bombardment") names no source.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.ingest.document.passages import Passage
from bot.ingest.model import ExtractedEvent, Participant, When

_TOLL_VERB = r"killed|injured|wounded|dead|displaced|detained|arrested|abducted|missing"
_NUMBER_WORD = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds"
_COUNT = r"(?:at least |more than |over |nearly |almost |some |about |around )?" \
    rf"(?P<num>\d[\d,.]*(?:\s+(?:million|thousand))?|(?:{_NUMBER_WORD})(?=\s))"
# "killing about 1,200 people": the participle puts the verb first, as "killed 1,200" does.
_TOLL_AFTER_VERB = re.compile(
    rf"\b(?P<verb>{_TOLL_VERB}|killing|injuring|wounding)\s+{_COUNT}\b", re.IGNORECASE
)
_TOLL_AFTER_COUNT = re.compile(
    rf"{_COUNT}\s+(?:(?!and\b|or\b)[A-Za-z]+\s+){{0,2}}?(?:(?:have|had|were|was|are)\s+"
    r"(?:been\s+)?)?"
    rf"(?P<verb>{_TOLL_VERB})\b",
    re.IGNORECASE,
)
# Every toll pattern holds one of these (its verb): a sentence with none tells no toll,
# and is not scanned a character at a time for a count.
_TOLL_WORD = re.compile(
    r"(?=[kiwdam])(?:kill|injur|wound|dead|displaced|detained|arrested|abducted|missing)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)
_SAID = re.compile(r"\b(?:said|says|reported|reports|announced)\b")
_SOURCE_KINDS = ("organisation", "person", "country")
# How far an "according to" may sit after its count and still credit it.
_ACCORDING_REACH = 120


def find_figures(passages: list[Passage], published: date) -> list[ExtractedEvent]:
    """Counts of the toll, each with who reported it when the sentence says."""
    events: list[ExtractedEvent] = []
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            text = blank[start:end]
            if not _TOLL_WORD.search(text):
                continue
            seen: set[str] = set()
            for pattern in (_TOLL_AFTER_VERB, _TOLL_AFTER_COUNT):
                for m in pattern.finditer(text):
                    if _is_year(m.group("num")):
                        continue
                    title = f"{m.group('num')} {_verb(m.group('verb'))}"
                    if title in seen:
                        continue
                    seen.add(title)
                    source = _attribution(text, start, passage, m.start(), m.end())
                    when = _when_counted(passage, start, end, m) or When(
                        published, published, "day"
                    )
                    events.append(ExtractedEvent(
                        kind="figure",
                        title=title,
                        summary=passage.text[start:end][:400],
                        when=when,
                        sentence=index,
                        participants=[Participant(source, "speaker")] if source else [],
                        background=when.end < published - timedelta(days=7),
                    ))
    return events


# "killed in October 2023", "on Oct. 7, 2023, about 1,200 people were killed": the day the
# count is of; "killed since October 2023" is a running toll, of the report's day.
_COUNTED_ON = re.compile(r"\b(?:in|on|during|between)\s+(?:the\s+)?$", re.IGNORECASE)
_COUNT_REACH = 60


def _when_counted(passage: Passage, start: int, end: int, m: re.Match[str]) -> When | None:
    low, high = start + m.start(), start + m.end()
    for t in passage.times_in(max(start, low - _COUNT_REACH), min(end, high + _COUNT_REACH)):
        before = passage.text[max(start, t.start - 10) : t.start]
        if t.expression.direction == "future" or not _COUNTED_ON.search(before):
            continue
        e = t.expression
        return When(e.start, e.end, e.granularity)
    return None


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _verb(word: str) -> str:
    word = word.lower()
    return {"dead": "killed", "killing": "killed", "injuring": "injured",
            "wounding": "wounded"}.get(word, word)


def _attribution(
    text: str, offset: int, passage: Passage, at: int, figure_end: int
) -> str | None:
    """Who the sentence credits for the count at `at`..`figure_end`: the nearer of an
    "according to" after it and a "says" before it, so that in "the ministry says 13,300
    were killed ..., killing 1,200 according to Israeli tallies" each count keeps its own."""
    credits: list[tuple[int, str]] = []
    according = _ACCORDING.search(text, figure_end)
    if according and according.start() - figure_end <= _ACCORDING_REACH:
        after = [k for k in passage.marks_in(offset + according.end(), offset + len(text))
                 if k.kind in _SOURCE_KINDS]
        if after and after[0].start - offset - according.end() <= 30:
            credits.append((according.start() - figure_end, after[0].key))
    said = next(iter(reversed(list(_SAID.finditer(text, 0, at)))), None)
    if said is not None:
        distance = at - said.end()
    elif not credits and not _ACCORDING.search(text, 0, at):
        said, distance = _SAID.search(text, figure_end), len(text)
    if said is not None:
        before = [k for k in passage.marks_in(offset, offset + said.start())
                  if k.kind in _SOURCE_KINDS]
        if before:
            credits.append((distance, before[-1].key))
    return min(credits)[1] if credits else None
