"""The timeline as a dict in the shape of `tests/gold/seeds.json`, to score what ingest stored.

Sources are named like the gold file names them: the numeric prefix of the
article's file name ("004" for 004_682da19f34e1abb6.txt), else the file name,
else the article id.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from bot.store.models import (
    Article,
    Entity,
    Event,
    EventEntity,
    Quote,
    QuoteSubject,
    RoleClaim,
)
from bot.timeline.loading import load_events
from bot.timeline.people import spellings_of
from bot.timeline.records import EventView

_PREFIX = re.compile(r"^(\d+)_")


def source_label(article_id: int, source_name: str) -> str:
    match = _PREFIX.match(source_name or "")
    if match:
        return match[1]
    return source_name or str(article_id)


def timeline_snapshot(session: Session) -> dict:
    """Rounds, people, quotes, proposals, figures and events, as the gold file lists them."""
    labels = {
        art_id: source_label(art_id, name)
        for art_id, name in session.execute(select(Article.id, Article.source_name)).all()
    }
    event_ids = list(session.execute(select(Event.id).order_by(Event.id)).scalars())
    events = load_events(session, event_ids)
    # A truce an article recalls is background, as the gold file lists it, not a proposal.
    current = [e for e in events if not e.background]
    return {
        "rounds": [_round(e, labels) for e in events if e.kind == "round"],
        "people": _people(session, labels),
        "quotes": _quotes(session, labels),
        "proposals": _per_source(current, "proposal", labels, _proposal),
        "figures": _per_source(current, "figure", labels, _figure),
        "events": [_event(e, labels) for e in events],
        # Agreements and collapses are scored as outcomes (tests/gold/export_score.py).
        "background": _per_source(
            [e for e in events
             if e.background and e.kind not in ("round", "agreement", "collapse")],
            None, labels, _recalled,
        ),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _sources(event: EventView, labels: dict[int, str]) -> list[str]:
    return sorted({labels[s.article_id] for s in event.sources})


def _round(event: EventView, labels: dict[int, str]) -> dict:
    leads = [p.name for p in event.with_role("lead")]
    sides = {p.side for p in event.participants if p.side}
    sides |= {p.name for p in event.with_role("participant", "lead") if p.kind != "person"}
    return {
        "place": event.place,
        "start": _iso(event.start),
        "end": _iso(event.end or event.start),
        "granularity": event.granularity,
        "status": event.status,
        "background": event.background,
        "lead": leads,
        "delegations": sorted(sides),
        "participants": [p.name for p in event.with_role("participant") if p.kind == "person"],
        "mediators": [p.name for p in event.with_role("mediator")],
        "issues": event.issues,
        "outcome": event.outcome,
        "sources": _sources(event, labels),
    }


def _event(event: EventView, labels: dict[int, str]) -> dict:
    return {
        "kind": event.kind,
        "title": event.title,
        "summary": event.summary,
        "start": _iso(event.start),
        "end": _iso(event.end),
        "granularity": event.granularity,
        "background": event.background,
        "sources": _sources(event, labels),
    }


def _author(event: EventView, roles: tuple[str, ...]) -> str | None:
    for role in roles:
        named = event.with_role(role)
        if named:
            return named[0].name
    return None


def _proposal(event: EventView, label: str) -> dict:
    return {
        "name": event.title,
        "by": _author(event, ("lead", "speaker", "participant")),
        "said": _iso(event.start),
        "source": label,
    }


def _figure(event: EventView, label: str) -> dict:
    return {
        "figure": event.title,
        "attribution": _author(event, ("speaker", "lead")),
        "source": label,
    }


def _recalled(event: EventView, label: str) -> dict:
    return {
        "what": event.title,
        "start": _iso(event.start),
        "end": _iso(event.end),
        "source": label,
    }


def _per_source(
    events: list[EventView], kind: str | None, labels: dict[int, str], shape
) -> list[dict]:
    # The gold file lists a proposal or a recalled event once per article that reports it.
    items = []
    for event in (e for e in events if kind is None or e.kind == kind):
        for label in _sources(event, labels):
            items.append(shape(event, label))
    return items


def _people(session: Session, labels: dict[int, str]) -> list[dict]:
    mentioned: dict[int, set[int]] = defaultdict(set)
    for query in (
        select(RoleClaim.entity_id, RoleClaim.article_id).where(RoleClaim.article_id.is_not(None)),
        select(EventEntity.entity_id, EventEntity.article_id),
        select(Quote.speaker_id, Quote.article_id).where(Quote.speaker_id.is_not(None)),
        select(QuoteSubject.entity_id, Quote.article_id).join(
            Quote, Quote.id == QuoteSubject.quote_id
        ),
    ):
        for entity_id, article_id in session.execute(query).all():
            mentioned[entity_id].add(article_id)
    people = session.execute(
        select(Entity).where(Entity.kind == "person").order_by(Entity.id)
    ).scalars().all()
    other_spellings = spellings_of(session, {person.id: person.name for person in people})
    return [
        {
            "name": person.name,
            "spellings": other_spellings[person.id],
            "role": person.role,
            "affiliation": person.affiliation,
            "sources": sorted({labels[a] for a in mentioned.get(person.id, ())}),
        }
        for person in people
    ]


def _quotes(session: Session, labels: dict[int, str]) -> list[dict]:
    rows = session.execute(
        select(Quote, Entity.name)
        .outerjoin(Entity, Entity.id == Quote.speaker_id)
        .order_by(Quote.article_id, Quote.sentence_id, Quote.id)
    ).all()
    return [
        {
            "speaker": speaker,
            "label": quote.speaker_label,
            "text": quote.text,
            "said": _iso(quote.said_on),
            "source": labels[quote.article_id],
        }
        for quote, speaker in rows
    ]
