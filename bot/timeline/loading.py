"""Load events and quotes with their sources and participants in a fixed number of queries.

Every list answer goes through here, so an answer of 50 events costs four queries,
not two hundred, whatever the size of the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from bot.corrections.layer import apply_to_event
from bot.corrections.merges import families
from bot.corrections.store import EVENT_KINDS, in_force
from bot.store.models import (
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    Sentence,
)
from bot.timeline.records import EventView, Participant, QuoteView, SourceRef

ROLE_ORDER = {"lead": 0, "participant": 1, "mediator": 2, "speaker": 3, "subject": 4}
# Made once: a fresh alias per call would give every statement a new cache key, and
# SQLAlchemy would compile it again each time.
_PLACE = aliased(Entity)
_SIDE = aliased(Entity)


def load_events(
    session: Session, ids: Sequence[int], *, include_hidden: bool = False
) -> list[EventView]:
    """The events with these ids, in the order given, each with sources and participants,
    and with editors' corrections laid over them; those hidden by an editor left out
    unless asked for."""
    if not ids:
        return []
    rows = session.execute(
        select(Event, _PLACE.name)
        .outerjoin(_PLACE, _PLACE.id == Event.place_id)
        .where(Event.id.in_(list(ids)))
    ).all()
    views = {event.id: _event_view(event, place_name) for event, place_name in rows}
    for event_id, source in _event_sources(session, list(views)):
        views[event_id].sources.append(source)
    linked = families(session)
    people = linked["p"].merged
    for event_id, participant in _participants(session, list(views), people):
        views[event_id].participants.append(participant)
    if people:
        _places_as_kept(session, views, people)
    # An event an editor merged into another lends it its reports and is shown no more.
    merged = linked["e"].merged
    lent = [away for away, kept in merged.items() if kept in views]
    for event_id, source in _event_sources(session, lent):
        views[merged[event_id]].sources.append(source)
    layers = in_force(session, EVENT_KINDS, list(views))
    for event_id, layer in layers.items():
        if event_id in views:
            views[event_id] = apply_to_event(views[event_id], layer)
    return [views[i] for i in ids
            if i in views and i not in merged and (include_hidden or not views[i].hidden)]


def _event_view(event: Event, place_name: str | None) -> EventView:
    return EventView(
        id=event.id,
        kind=event.kind,
        title=event.title,
        summary=event.summary,
        start=event.start_date,
        end=event.end_date,
        granularity=event.granularity,
        place=place_name,
        place_id=event.place_id,
        status=event.status,
        issues=[i for i in event.issues.split("; ") if i],
        outcome=event.outcome,
        background=event.background,
        first_reported_at=event.first_reported_at,
        confidence=event.confidence,
        unconfirmed=event.unconfirmed,
    )


def _event_sources(session: Session, event_ids: list[int]) -> list[tuple[int, SourceRef]]:
    rows = session.execute(
        select(
            EventSource.event_id,
            EventSource.status,
            EventSource.start_date,
            EventSource.end_date,
            EventSource.evidence,
            Article.id,
            Article.outlet,
            Article.url,
            Article.published_at,
            Sentence.text,
            Article.version,
            Article.version_of_id,
        )
        .join(Article, Article.id == EventSource.article_id)
        .join(Sentence, Sentence.id == EventSource.sentence_id)
        .where(EventSource.event_id.in_(event_ids))
        .order_by(EventSource.reported_at, EventSource.id)
    ).all()
    return [
        (event_id, SourceRef(art_id, outlet, url, published, sentence, status, start, end,
                             evidence, version, version_of))
        for (event_id, status, start, end, evidence, art_id, outlet, url, published, sentence,
             version, version_of) in rows
    ]


def _participants(
    session: Session, event_ids: list[int], merged: dict[int, int]
) -> list[tuple[int, Participant]]:
    """Each event's people and bodies; one an editor merged into another is that one,
    named once."""
    rows = session.execute(
        select(
            EventEntity.event_id, EventEntity.role, Entity.id, Entity.name, Entity.kind,
            _SIDE.id, _SIDE.name,
        )
        .join(Entity, Entity.id == EventEntity.entity_id)
        .outerjoin(_SIDE, _SIDE.id == EventEntity.delegation_of_id)
        .where(EventEntity.event_id.in_(event_ids))
        .order_by(EventEntity.id)
    ).all()
    kept = _names(session, {merged[i] for row in rows for i in (row[2], row[5]) if i in merged})
    found: list[tuple[int, Participant]] = []
    seen: set[tuple[int, int, str]] = set()
    for event_id, role, entity_id, name, kind, side_id, side_name in rows:
        if merged.get(entity_id) in kept:
            entity_id = merged[entity_id]
            name, kind = kept[entity_id]
        if merged.get(side_id) in kept:
            side_name = kept[merged[side_id]][0]
        if (event_id, entity_id, role) not in seen:
            seen.add((event_id, entity_id, role))
            found.append((event_id, Participant(entity_id, name, kind, role, side_name)))
    return sorted(found, key=lambda pair: ROLE_ORDER.get(pair[1].role, 9))


def _places_as_kept(session: Session, views: dict[int, EventView], merged: dict[int, int]) -> None:
    """A place an editor merged into another is that one, by id and by name."""
    kept = _names(session, {merged[v.place_id] for v in views.values() if v.place_id in merged})
    for view in [v for v in views.values() if merged.get(v.place_id) in kept]:
        view.place_id = merged[view.place_id]
        view.place = kept[view.place_id][0]


def _names(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {
        entity_id: (name, kind) for entity_id, name, kind in session.execute(
            select(Entity.id, Entity.name, Entity.kind).where(Entity.id.in_(ids))
        ).all()
    }


def load_quotes(
    session: Session, ids: Sequence[int], *, include_hidden: bool = False
) -> list[QuoteView]:
    """The quotes with these ids, in the order given, each with its article and sentence;
    those an editor hid left out unless asked for."""
    if not ids:
        return []
    if not include_hidden:
        hidden = {i for i, layer in in_force(session, ("q",), ids).items() if layer.hidden}
        ids = [i for i in ids if i not in hidden]
    rows = session.execute(
        select(Quote, Article.outlet, Article.url, Article.published_at, Sentence.text,
               Article.version, Article.version_of_id)
        .join(Article, Article.id == Quote.article_id)
        .join(Sentence, Sentence.id == Quote.sentence_id)
        .where(Quote.id.in_(list(ids)))
    ).all()
    views = {
        quote.id: QuoteView(
            id=quote.id,
            speaker_id=quote.speaker_id,
            speaker=quote.speaker_label,
            text=spoken_words(quote.text),
            said_on=quote.said_on,
            said_granularity=quote.said_granularity,
            first_reported_at=quote.first_reported_at,
            source=SourceRef(quote.article_id, outlet, url, published, sentence,
                             version=version, version_of=version_of),
            event_id=quote.event_id,
        )
        for quote, outlet, url, published, sentence, version, version_of in rows
    }
    return [views[i] for i in ids if i in views]


# A quotation cut out of its sentence keeps the comma that led back into it ("… happen,"
# he said) or an opening dash; neither is part of what was said.
_LOOSE_START = re.compile(r"^[\s,;:.\-–—…]+(?=\w)")
_LOOSE_END = re.compile(r"[\s,;:\-–—]+$")


def spoken_words(text: str) -> str:
    """The quotation as it was said: "happen," becomes "happen"; "deal." keeps its stop."""
    trimmed = _LOOSE_END.sub("", _LOOSE_START.sub("", text.strip()))
    return trimmed or text.strip()


def quote_day(session: Session) -> ColumnElement:
    """The day a quote was said, else the day it was first reported: the one order of
    "newest first" for every list of quotes."""
    if session.get_bind().dialect.name == "sqlite":
        reported = func.date(Quote.first_reported_at)
    else:
        reported = cast(func.timezone("UTC", Quote.first_reported_at), Date)
    return func.coalesce(Quote.said_on, reported)


def newest_quotes_first(session: Session) -> list:
    return [quote_day(session).desc(), Quote.first_reported_at.desc(), Quote.id.desc()]


COUNT_CAP = 500


def count_upto(session: Session, column, where: list, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows match, counting no further than `cap`: (count, True when there are more).

    "Showing 20 of more than 500" is as useful to a reader as the exact figure, and
    counting a broad span exactly would read every row in it.
    """
    inner = select(column).where(*where).limit(cap + 1).subquery()
    found = session.execute(select(func.count()).select_from(inner)).scalar_one()
    return min(found, cap), found > cap
