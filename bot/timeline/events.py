"""Events of the timeline: the latest developments, rounds by place or date, a date range."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from bot.store.models import Event, Quote
from bot.timeline.loading import load_events, load_quotes
from bot.timeline.records import EventView, Page, QuoteView

ROUND = "round"


def _overlapping(start: date, end: date) -> ColumnElement[bool]:
    # An event with no end is a point in time (its start).
    return (Event.start_date <= end) & (func.coalesce(Event.end_date, Event.start_date) >= start)


def _page(session: Session, where: list, order: list, limit: int) -> Page[EventView]:
    ids = session.execute(select(Event.id).where(*where).order_by(*order).limit(limit)).scalars()
    total = session.execute(select(func.count()).select_from(Event).where(*where)).scalar_one()
    return Page(load_events(session, list(ids)), total)


def _newest_first() -> list:
    return [Event.start_date.desc().nulls_last(), Event.first_reported_at.desc(), Event.id.desc()]


def latest_events(
    session: Session, *, limit: int = 10, include_background: bool = False
) -> Page[EventView]:
    """The newest developments: first reported most recently, then the latest dated."""
    where = [] if include_background else [Event.background.is_(False)]
    order = [
        Event.first_reported_at.desc(),
        Event.start_date.desc().nulls_last(),
        Event.id.desc(),
    ]
    return _page(session, where, order, limit)


def event_by_id(session: Session, event_id: int) -> EventView | None:
    found = load_events(session, [event_id])
    return found[0] if found else None


def rounds_at(
    session: Session,
    place_ids: Sequence[int],
    *,
    between: tuple[date, date] | None = None,
    limit: int = 20,
) -> Page[EventView]:
    """Rounds held at these places (optionally within a span), newest first."""
    where = [Event.kind == ROUND, Event.place_id.in_(list(place_ids))]
    if between is not None:
        where.append(_overlapping(*between))
    return _page(session, where, _newest_first(), limit)


def rounds_between(session: Session, start: date, end: date, *, limit: int = 20) -> Page[EventView]:
    return _page(session, [Event.kind == ROUND, _overlapping(start, end)], _newest_first(), limit)


def all_rounds(session: Session, *, limit: int = 100) -> Page[EventView]:
    """Every round in the order they happened; undated rounds last."""
    order = [Event.start_date.asc().nulls_last(), Event.first_reported_at.asc(), Event.id.asc()]
    return _page(session, [Event.kind == ROUND], order, limit)


def events_between(session: Session, start: date, end: date, *, limit: int = 40) -> Page[EventView]:
    """Events whose dates overlap the span, in date order, coarse dates included as they are."""
    order = [Event.start_date.asc(), Event.end_date.asc(), Event.id.asc()]
    return _page(session, [Event.start_date.is_not(None), _overlapping(start, end)], order, limit)


def quotes_of_event(session: Session, event_id: int, *, limit: int = 10) -> list[QuoteView]:
    """What was said at or about this event, in the order it was said."""
    ids = session.execute(
        select(Quote.id)
        .where(Quote.event_id == event_id)
        .order_by(Quote.said_on.asc().nulls_last(), Quote.id)
        .limit(limit)
    ).scalars()
    return load_quotes(session, list(ids))
