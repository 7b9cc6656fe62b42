"""A subscriber's digest filter: a place, person or organisation the timeline knows,
matched forgivingly, or else plain words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from bot.names import match_name, name_key
from bot.store.models import Alias, Entity

_FILTER_KINDS = ("person", "place", "organisation", "country")


@dataclass(frozen=True)
class DigestFilter:
    """What a subscriber's filter narrows to: known entities, or else words in the text."""

    text: str | None
    entity_ids: frozenset[int] = frozenset()
    label: str | None = None  # the entity's name when the filter named one

    @property
    def key(self) -> str:
        return filter_key(self.text)

    def describe(self) -> str:
        if not self.text:
            return "everything"
        if self.entity_ids:
            return self.label or self.text
        return f"“{self.text}”"


def filter_key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def resolve_filter(session: Session, text: str | None) -> DigestFilter:
    """A place, person or organisation the timeline knows, matched forgivingly; else words."""
    text = " ".join((text or "").split()) or None
    if text is None:
        return DigestFilter(None)
    rows = session.execute(
        select(Alias.text, Entity.id, Entity.name)
        .join(Entity, Entity.id == Alias.entity_id)
        .where(Entity.kind.in_(_FILTER_KINDS))
    ).all()
    names = {entity_id: name for _, entity_id, name in rows}
    candidates = [(spelling, entity_id) for spelling, entity_id, _ in rows]
    candidates += [(name, entity_id) for entity_id, name in names.items()]
    match = match_name(text, candidates)
    if match.confident and match.best is not None:
        return DigestFilter(text, frozenset({match.best}), names[match.best])
    # Equal keys on several entities (two "Cairo" rows from different articles) are one place.
    same = frozenset(eid for spelling, eid in candidates if name_key(spelling) == name_key(text))
    if same:
        return DigestFilter(text, same, names[min(same)])
    return DigestFilter(text)
