"""Paragraph-level view of a story for the event and quote grammars.

Quotes run across sentence ends and a pronoun points back to the previous
sentence, so the grammars read a whole paragraph at once: its sentences joined
by one space, with entity spans and time expressions moved to paragraph
offsets.  Every mark remembers its sentence, so provenance stays exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.dates.model import TimeExpression
from bot.ingest.model import Sentence


class SpanLike(Protocol):
    """What the grammars need of `bot.ingest.mentions.entities.EntitySpan`."""

    start: int
    end: int
    key: str
    kind: str
    text: str


@dataclass(frozen=True)
class Mark:
    """An entity mention at paragraph offsets."""

    start: int
    end: int
    key: str
    kind: str
    text: str


@dataclass(frozen=True)
class TimeMark:
    start: int
    end: int
    expression: TimeExpression


@dataclass
class Passage:
    paragraph: int
    text: str
    sentences: list[tuple[int, int, int]]  # (sentence index, start, end) at paragraph offsets
    marks: list[Mark] = field(default_factory=list)
    times: list[TimeMark] = field(default_factory=list)
    quoted: list[QuoteSpan] = field(default_factory=list)
    blank: str = ""  # `text` with quoted words blanked, for grammars that must not read them

    def sentence_at(self, offset: int) -> int:
        starts = [start for _, start, _ in self.sentences]
        pos = max(bisect_right(starts, offset) - 1, 0)
        return self.sentences[pos][0]

    def bounds(self, sentence_index: int) -> tuple[int, int]:
        for index, start, end in self.sentences:
            if index == sentence_index:
                return start, end
        raise KeyError(sentence_index)

    def marks_in(self, start: int, end: int, kinds: Iterable[str] | None = None) -> list[Mark]:
        wanted = set(kinds) if kinds is not None else None
        return [
            m for m in self.marks
            if m.start >= start and m.end <= end and (wanted is None or m.kind in wanted)
        ]

    def times_in(self, start: int, end: int) -> list[TimeMark]:
        return [t for t in self.times if t.start >= start and t.end <= end]


def build_passages(
    sentences: Sequence[Sentence],
    spans_of: Callable[[int], Sequence[SpanLike]],
    times_of: Callable[[int, str], Sequence[TimeExpression]],
) -> list[Passage]:
    """Group sentences by paragraph; `times_of` resolves a paragraph's joined text, given
    the paragraph's number."""
    passages: list[Passage] = []
    for sentence in sentences:
        if not passages or passages[-1].paragraph != sentence.paragraph:
            passages.append(Passage(sentence.paragraph, "", []))
        passage = passages[-1]
        offset = len(passage.text) + (1 if passage.text else 0)
        passage.text = f"{passage.text} {sentence.text}" if passage.text else sentence.text
        passage.sentences.append((sentence.index, offset, offset + len(sentence.text)))
        passage.marks.extend(
            Mark(offset + s.start, offset + s.end, s.key, s.kind, s.text)
            for s in spans_of(sentence.index)
        )
    for passage in passages:
        passage.times = [
            TimeMark(t.start_char, t.end_char, t) for t in times_of(passage.paragraph, passage.text)
        ]
        passage.quoted = quote_spans(passage.text)
        passage.blank = outside_quotes(passage.text, passage.quoted)
    return passages


# Each pattern with the mark it opens with: a text without the mark is not scanned.
_QUOTE_PAIRS = (
    ("“", re.compile(r"“([^”“]{1,1500})”")),
    ('"', re.compile(r'(?<![\w])"([^"]{1,1500})"')),
    # Inside single marks, an apostrophe between letters ("don't") does not close them.
    ("‘", re.compile(
        r"(?:(?<=^)|(?<=[\s:(\[—–-]))‘((?:[^‘’]|(?<=\w)’(?=\w)){2,1500}?)’(?![\w])")),
    ("'", re.compile(
        r"(?:(?<=^)|(?<=[\s:(\[—–-]))'((?:[^']|(?<=\w)'(?=\w)){2,1500}?)'(?![\w])")),
)


@dataclass(frozen=True)
class QuoteSpan:
    """Words inside quote marks: `start`/`end` include the marks, `text` does not."""

    start: int
    end: int
    text: str


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of `text`, curly or straight, double or single.

    Single marks double as apostrophes ("Hamas’s"), so a single-quoted stretch
    must open after a space or colon and close before a non-letter.
    """
    found: list[QuoteSpan] = []
    for mark, pattern in _QUOTE_PAIRS:
        if mark not in text:
            continue
        for m in pattern.finditer(text):
            if any(q.start <= m.start() < q.end for q in found):
                continue
            inner = m.group(1).strip()
            if inner:
                found.append(QuoteSpan(m.start(), m.end(), inner))
    if (run_on := _run_on(text, found)) is not None:
        found.append(run_on)
    return sorted(found, key=lambda q: q.start)


# A quotation of several paragraphs leaves each but the last open: "The Prime Minister's
# Office stated: "In light of the response ... for further consultations.
_OPENED = re.compile(r"(?:(?<=^)|(?<=[\s:(\[—–-]))[“\"](?=[A-Z])")


def _run_on(text: str, found: list[QuoteSpan]) -> QuoteSpan | None:
    """The quotation a paragraph opens and never closes, to the paragraph's end."""
    last_end = max((q.end for q in found), default=0)
    for m in _OPENED.finditer(text, last_end):
        rest = text[m.end() :]
        if "”" in rest or '"' in rest:
            return None
        inner = rest.strip()
        if len(inner.split()) >= 4:
            return QuoteSpan(m.start(), len(text.rstrip()), inner)
        return None
    return None


def outside_quotes(text: str, quotes: Sequence[QuoteSpan]) -> str:
    """`text` with quoted stretches blanked out, offsets unchanged."""
    chars = list(text)
    for q in quotes:
        chars[q.start : q.end] = " " * (q.end - q.start)
    return "".join(chars)
