"""Resolve an article's entities against the store: alias key, then fuzzy with a margin.

Different people who merely look alike stay apart because `bot.names.match_name`
refuses matches without a clear margin; a new spelling of a known entity becomes
one more alias, so the next lookup finds it at once.
"""

from __future__ import annotations

from sqlmodel import Session, select

from bot.gazetteer import load_gazetteer
from bot.ingest.model import EntityMention
from bot.names import match_name, name_key
from bot.store.models import Alias, Entity, RoleClaim


def find_entity(session: Session, kind: str, spellings: set[str]) -> Entity | None:
    keys = {name_key(s) for s in spellings if s.strip()}
    keys.discard("")
    if not keys:
        return None
    alias = session.exec(
        select(Alias).where(Alias.kind == kind, Alias.key.in_(sorted(keys))).order_by(Alias.id)
    ).first()
    if alias is not None:
        return session.get(Entity, alias.entity_id)
    candidates = _spellings(session, kind)
    if not candidates:
        return None
    for spelling in sorted(spellings, key=len, reverse=True):
        match = match_name(spelling, candidates)
        if match.confident and match.best is not None:
            return session.get(Entity, match.best)
    return None


def _spellings(session: Session, kind: str) -> list[tuple[str, int]]:
    """Every stored spelling of one kind, read once per session: an article of many new
    names, or a rebuild of a thousand articles, would otherwise read them all per name."""
    held = session.info.setdefault("alias_spellings", {})
    if kind not in held:
        held[kind] = [
            (text, entity_id)
            for text, entity_id in session.exec(
                select(Alias.text, Alias.entity_id).where(Alias.kind == kind)
            ).all()
        ]
    return held[kind]


def add_aliases(session: Session, entity: Entity, spellings: set[str]) -> None:
    existing = set(session.exec(select(Alias.key).where(Alias.entity_id == entity.id)).all())
    held = session.info.get("alias_spellings", {}).get(entity.kind)
    for spelling in sorted(spellings):
        key = name_key(spelling)
        if key and key not in existing:
            session.add(Alias(entity_id=entity.id, kind=entity.kind, text=spelling, key=key))
            existing.add(key)
            if held is not None:
                held.append((spelling, entity.id))


def resolve_mention(session: Session, mention: EntityMention, kept=None) -> Entity:
    """The stored entity for an article's mention, created with its gazetteer knowledge if new;
    a rebuild's `kept` ids give it back the id it had."""
    spellings = {mention.name, *mention.spellings}
    entity = find_entity(session, mention.kind, spellings)
    if entity is None:
        entity = Entity(
            id=kept.entity(mention.kind, name_key(mention.name)) if kept else None,
            kind=mention.kind,
            name=mention.name,
            key=name_key(mention.name),
            role=mention.role,
            affiliation=mention.affiliation,
            country=mention.country,
            known=mention.known,
        )
        session.add(entity)
        session.flush()
        if mention.known:
            _add_gazetteer_knowledge(session, entity)
    elif not entity.role and mention.role:
        entity.role, entity.affiliation = mention.role, mention.affiliation or entity.affiliation
        session.add(entity)
    add_aliases(session, entity, spellings)
    return entity


def _add_gazetteer_knowledge(session: Session, entity: Entity) -> None:
    entry = load_gazetteer().lookup(entity.name)
    if entry is None or entry.kind != entity.kind:
        return
    add_aliases(session, entity, {entry.name, *entry.spellings})
    for period in getattr(entry, "role_periods", ()) or ():
        session.add(
            RoleClaim(
                entity_id=entity.id,
                role=period.role,
                affiliation=period.affiliation,
                valid_from=period.start,
                valid_to=period.end,
            )
        )
