"""Sentence-level inputs for the event and quote grammars, with hand-made entity marks.

The grammars read entity spans; giving them by hand keeps a grammar test about the
grammar, whatever the entity finder does with the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.ingest.document.passages import Passage, build_passages
from bot.ingest.document.sentences import split_sentences
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.pipeline import narrative_dates


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str
    kind: str
    text: str


def passages_of(
    text: str, entities: dict[str, tuple[str, str]], published: date
) -> list[Passage]:
    """`entities` maps a surface form to (key, kind); paragraphs are split on blank lines."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    sentences = split_sentences(paragraphs)
    surfaces = sorted(entities, key=len, reverse=True)

    def spans_of(index: int) -> list[Span]:
        sentence = sentences[index].text
        taken: list[Span] = []
        for surface in surfaces:
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", sentence):
                if any(s.start < m.end() and m.start() < s.end for s in taken):
                    continue
                key, kind = entities[surface]
                taken.append(Span(m.start(), m.end(), key, kind, surface))
        return sorted(taken, key=lambda s: s.start)

    # The pipeline's own dating: yearless days in the story's year, "the same day" and
    # "two days after" read against the day told before.
    return build_passages(sentences, spans_of, narrative_dates(published))


PLACES = {
    "cairo": PlaceFacts("Cairo", "Egypt", "city"),
    "doha": PlaceFacts("Doha", "Qatar", "city"),
    "amman": PlaceFacts("Amman", "Jordan", "city"),
    "istanbul": PlaceFacts("Istanbul", "Turkey", "city"),
    "egypt": PlaceFacts("Egypt", None, "country"),
    "gaza strip": PlaceFacts("Gaza Strip", "Palestine", "region"),
    "sharm": PlaceFacts("Sharm el-Sheikh", "Egypt", "city"),
    "rio": PlaceFacts("Rio de Janeiro", "Brazil", "city"),
}


def describe(key: str) -> PlaceFacts | None:
    return PLACES.get(key)
