"""Developments: what one sentence of one report says happened, however many events the
extractor made of it.

A sentence such as "A Hamas delegation arrived in Cairo for talks on a 60-day ceasefire"
gives a round and a proposal; "killed 56,500 people and injured 133,419" gives two
figures.  A reader sees one development per sentence: a round absorbs the proposals its
sentence names, and figures of one sentence are told together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.names import name_key
from bot.timeline.records import EventView

ROUND = "round"
PROPOSAL = "proposal"


@dataclass
class Development:
    """The lead event of a sentence, and the events of the same sentence it tells with it."""

    lead: EventView
    with_it: list[EventView] = field(default_factory=list)

    @property
    def events(self) -> list[EventView]:
        return [self.lead, *self.with_it]

    @property
    def title(self) -> str:
        """ "Negotiations in Cairo, on the 60-day ceasefire"; "56,500 killed; 133,419 injured"."""
        if self.lead.kind == ROUND:
            named = [_as_object(e.title) for e in self.with_it if e.kind == PROPOSAL]
            others = [e.title for e in self.with_it if e.kind != PROPOSAL]
            title = self.lead.title + (f", on {' and '.join(named)}" if named else "")
            return "; ".join(dict.fromkeys([title, *others]))
        return "; ".join(dict.fromkeys(e.title for e in self.events))


def _as_object(title: str) -> str:
    """ "the 60-day ceasefire", but "Donald Trump's proposal": a named thing takes no article."""
    return title if title[:1].isupper() else f"the {title}"


def sentence_key(event: EventView) -> tuple[int, str] | None:
    """The first report's article and sentence, as the event was first told."""
    told = [s for s in event.sources if s.sentence]
    if not told:
        return None
    first = min(told, key=lambda s: (s.published, s.article_id))
    return first.article_id, _normal(first.sentence or "")


def one_per_sentence(events: Sequence[EventView]) -> list[Development]:
    """The events grouped by the sentence that first told them, in the order given; a round
    leads its sentence's group, wherever it stood, and takes in a proposal told apart
    whose sentence names the round's talks (`_names_round`)."""
    groups: dict[object, list[EventView]] = {}
    for event in events:
        key = sentence_key(event) or ("event", event.id)
        groups.setdefault(key, []).append(event)
    rounds = [e for e in events if e.kind == ROUND]
    for key, members in list(groups.items()):
        if any(e.kind != PROPOSAL for e in members):
            continue
        host = next((r for r in rounds if _names_round(members[0], r)), None)
        if host is not None:
            groups[sentence_key(host) or ("event", host.id)].extend(groups.pop(key))
    developments = []
    for members in groups.values():
        members.sort(key=lambda e: e.id)
        lead = next((e for e in members if e.kind == ROUND), members[0])
        developments.append(Development(lead, [e for e in members if e is not lead]))
    return developments


def _names_round(proposal: EventView, round_: EventView) -> bool:
    """ "Talks resumed in Sharm el-Sheikh over Trump's proposal": the same report tells of
    the talks, at the round's place, within the round's days."""
    if not round_.place or proposal.start is None or round_.start is None:
        return False
    articles = {s.article_id for s in round_.sources}
    place = name_key(round_.place)
    within = round_.start <= proposal.start <= (round_.end or round_.start)
    return within and any(
        s.article_id in articles and s.sentence and place in name_key(s.sentence)
        for s in proposal.sources
    )


def _normal(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence).strip().rstrip(".").lower()
