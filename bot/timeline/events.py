"""Events of the timeline: the latest developments, rounds by place or date, a date range."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from bot.corrections.merges import absorbed, redirect
from bot.corrections.store import EVENT_KINDS, moved_and_redated, not_hidden_event
from bot.store.models import Entity, Event, Quote
from bot.timeline.loading import count_upto, load_events, load_quotes
from bot.timeline.records import EventView, Page, QuoteView
from bot.timeline.version import KeptUntilChanged, newest_ids

ROUND = "round"


_longest: KeptUntilChanged[int] = KeptUntilChanged()


def longest_event_days(session: Session) -> int:
    """The longest span of any event, in days; recomputed only after an ingest.

    It bounds the start dates worth scanning for events that overlap a span, so a
    date query reads an index range instead of every event that began before it.
    """
    return _longest.get(session, newest_ids(session), lambda: _longest_span(session))


def _longest_span(session: Session) -> int:
    if session.get_bind().dialect.name == "sqlite":
        span = func.julianday(Event.end_date) - func.julianday(Event.start_date)
    else:
        span = Event.end_date - Event.start_date
    return int(session.execute(select(func.max(span))).scalar() or 0)


def _overlapping(session: Session, start: date, end: date) -> list[ColumnElement[bool]]:
    # An event with no end is a point in time (its start).
    earliest = start - timedelta(days=longest_event_days(session))
    extracted = and_(
        Event.start_date >= earliest,
        Event.start_date <= end,
        func.coalesce(Event.end_date, Event.start_date) >= start,
    )
    # An editor's dates replace the extractor's: a re-dated event is found by its new dates.
    _moved, redated = moved_and_redated(session)
    if not redated:
        return [extracted]
    inside = [i for i, (low, high) in redated.items() if low <= end and high >= start]
    return [or_(and_(extracted, Event.id.not_in(list(redated))),
                Event.id.in_(inside) if inside else false())]


def _at_places(session: Session, place_ids: Sequence[int]) -> ColumnElement[bool]:
    """Held at these places, by an editor's place where one was given."""
    # A place an editor merged into another holds that one's rounds too.
    place_ids = [p for kept in place_ids for p in absorbed(session, ("p",), kept)]
    moved, _redated = moved_and_redated(session)
    extracted = Event.place_id.in_(place_ids)
    if not moved:
        return extracted
    here = [i for i, (place, _name) in moved.items() if place in place_ids]
    return or_(and_(extracted, Event.id.not_in(list(moved))),
               Event.id.in_(here) if here else false())


def _start(session: Session, ascending: bool) -> list:
    """Order by start date, an editor's dates in place of the extractor's."""
    _moved, redated = moved_and_redated(session)
    start = Event.start_date
    if redated:
        start = case(*[(Event.id == i, low) for i, (low, _high) in redated.items()],
                     else_=Event.start_date)
    return [start.asc().nulls_last() if ascending else start.desc().nulls_last()]


def _page(
    session: Session, where: list, order: list, limit: int, *, count: bool = True
) -> Page[EventView]:
    where = [*where, not_hidden_event()]
    ids = list(
        session.execute(select(Event.id).where(*where).order_by(*order).limit(limit)).scalars()
    )
    total, capped = len(ids), False
    if count:
        total, capped = count_upto(session, Event.id, where)
    return Page(load_events(session, ids), total, capped)


def _newest_first(session: Session) -> list:
    return [*_start(session, ascending=False), Event.first_reported_at.desc(), Event.id.desc()]


def latest_events(
    session: Session, *, limit: int = 10, include_background: bool = False
) -> Page[EventView]:
    """The newest developments: first reported most recently, then the latest dated.
    An unconfirmed event is no development: it is shown only where asked for by name."""
    where = [Event.unconfirmed.is_(False), not_hidden_event()]
    if not include_background:
        where.append(Event.background.is_(False))
    # The index on first_reported_at finds the cut-off; only the ties at it need sorting.
    cutoff = session.execute(
        select(Event.first_reported_at)
        .where(*where)
        .order_by(Event.first_reported_at.desc())
        .offset(max(limit - 1, 0))
        .limit(1)
    ).scalar()
    if cutoff is not None:
        where.append(Event.first_reported_at >= cutoff)
    order = [
        Event.first_reported_at.desc(),
        Event.start_date.desc().nulls_last(),
        Event.id.desc(),
    ]
    return _page(session, where, order, limit, count=False)


def event_by_id(
    session: Session, event_id: int, *, include_hidden: bool = False
) -> EventView | None:
    event_id = redirect(session, EVENT_KINDS, event_id)
    found = load_events(session, [event_id], include_hidden=include_hidden)
    return found[0] if found else None


def rounds_at(
    session: Session,
    place_ids: Sequence[int],
    *,
    between: tuple[date, date] | None = None,
    limit: int = 20,
    count: bool = True,
) -> Page[EventView]:
    """Rounds held at these places (optionally within a span), newest first."""
    where = [Event.kind == ROUND, _at_places(session, place_ids)]
    if between is not None:
        where += _overlapping(session, *between)
    return _page(session, where, _newest_first(session), limit, count=count)


def rounds_moved_to(session: Session, name: str, *, limit: int = 20) -> Page[EventView]:
    """Rounds an editor placed at a place on no record, found by the name typed."""
    moved, _redated = moved_and_redated(session)
    ids = [i for i, (place, typed) in moved.items()
           if place is None and typed.casefold() == name.casefold()]
    if not ids:
        return Page([], 0)
    where = [Event.kind == ROUND, Event.id.in_(ids)]
    return _page(session, where, _newest_first(session), limit)


def rounds_between(session: Session, start: date, end: date, *, limit: int = 20) -> Page[EventView]:
    where = [Event.kind == ROUND, *_overlapping(session, start, end)]
    return _page(session, where, _newest_first(session), limit)


def all_rounds(session: Session, *, limit: int = 100) -> Page[EventView]:
    """Every round in the order they happened; undated rounds last."""
    order = [*_start(session, ascending=True), Event.first_reported_at.asc(), Event.id.asc()]
    return _page(session, [Event.kind == ROUND], order, limit)


def events_between(session: Session, start: date, end: date, *, limit: int = 40) -> Page[EventView]:
    """Events whose dates overlap the span, in date order, coarse dates included as they are."""
    order = [*_start(session, ascending=True), Event.end_date.asc(), Event.id.asc()]
    return _page(session, _overlapping(session, start, end), order, limit)


def quotes_of_event(session: Session, event_id: int, *, limit: int = 10) -> list[QuoteView]:
    """What was said at or about this event, in the order it was said."""
    ids = session.execute(
        select(Quote.id)
        .where(Quote.event_id == event_id)
        .order_by(Quote.said_on.asc().nulls_last(), Quote.id)
        .limit(limit)
    ).scalars()
    return load_quotes(session, list(ids))


def places_in_country(session: Session, country: str) -> list[int]:
    """The places (cities, venues) that lie in the named country."""
    return list(
        session.execute(
            select(Entity.id).where(Entity.kind == "place", Entity.country == country)
        ).scalars()
    )


def places_with_rounds(session: Session, *, limit: int = 20) -> list[str]:
    """Where rounds were held, the place of the most recent round first."""
    rows = session.execute(
        select(Entity.name)
        .join(Event, Event.place_id == Entity.id)
        .where(Event.kind == ROUND)
        .group_by(Entity.id, Entity.name)
        .order_by(func.max(Event.start_date).desc(), Entity.id)
        .limit(limit)
    ).scalars()
    return list(rows)
