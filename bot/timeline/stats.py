"""What the timeline holds: counts, the span of the articles, live examples for /help."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session

from bot.store.models import (
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    Subscription,
    Watch,
)
from bot.timeline.carriers import carriers_of
from bot.timeline.records import ArticleView


@dataclass(frozen=True)
class Overview:
    articles: int
    first_published: datetime | None
    last_published: datetime | None
    events: int
    rounds: int
    quotes: int
    people: int  # every person stored
    speakers: int  # the people who have quotes
    example_person: str | None  # the most quoted or most involved person
    example_place: str | None  # the place with most rounds
    example_day: tuple[date, date, str] | None  # the span of the newest dated round


def overview(session: Session) -> Overview:
    articles, first, last = session.execute(
        select(
            func.count(Article.id), func.min(Article.published_at), func.max(Article.published_at)
        )
    ).one()
    counts = {
        kind: n
        for kind, n in session.execute(select(Event.kind, func.count()).group_by(Event.kind)).all()
    }
    quotes = session.execute(select(func.count(Quote.id))).scalar_one()
    people = session.execute(
        select(func.count(Entity.id)).where(Entity.kind == "person")
    ).scalar_one()
    speakers = session.execute(
        select(func.count(func.distinct(Quote.speaker_id)))
        .join(Entity, Entity.id == Quote.speaker_id)
        .where(Entity.kind == "person")
    ).scalar_one()
    newest = session.execute(
        select(Event.start_date, Event.end_date, Event.granularity)
        .where(Event.kind == "round", Event.start_date.is_not(None))
        .order_by(Event.start_date.desc(), Event.id.desc())
        .limit(1)
    ).first()
    return Overview(
        articles=articles,
        first_published=first,
        last_published=last,
        events=sum(counts.values()),
        rounds=counts.get("round", 0),
        quotes=quotes,
        people=people,
        speakers=speakers,
        example_person=_example_person(session),
        example_place=_example_place(session),
        example_day=(newest[0], newest[1] or newest[0], newest[2] or "day") if newest else None,
    )


def _example_person(session: Session) -> str | None:
    quoted = session.execute(
        select(Entity.name)
        .join(Quote, Quote.speaker_id == Entity.id)
        .where(Entity.kind == "person")
        .group_by(Entity.id, Entity.name)
        .order_by(func.count(Quote.id).desc(), Entity.id)
        .limit(1)
    ).scalar()
    if quoted:
        return quoted
    return session.execute(
        select(Entity.name)
        .join(EventEntity, EventEntity.entity_id == Entity.id)
        .where(Entity.kind == "person")
        .group_by(Entity.id, Entity.name)
        .order_by(func.count(EventEntity.id).desc(), Entity.id)
        .limit(1)
    ).scalar()


def _example_place(session: Session) -> str | None:
    return session.execute(
        select(Entity.name)
        .join(Event, Event.place_id == Entity.id)
        .where(Event.kind == "round")
        .group_by(Entity.id, Entity.name)
        .order_by(func.count(Event.id).desc(), func.max(Event.start_date).desc(), Entity.id)
        .limit(1)
    ).scalar()


def list_sources(session: Session, *, limit: int = 100) -> tuple[list[ArticleView], int]:
    """The articles, newest first, with how many events and quotes each reported."""
    articles = (
        session.execute(
            select(Article).order_by(Article.published_at.desc(), Article.id.desc()).limit(limit)
        )
        .scalars()
        .all()
    )
    ids = [a.id for a in articles]
    events = dict(
        session.execute(
            select(EventSource.article_id, func.count(func.distinct(EventSource.event_id)))
            .where(EventSource.article_id.in_(ids))
            .group_by(EventSource.article_id)
        ).all()
    )
    quotes = dict(
        session.execute(
            select(Quote.article_id, func.count(Quote.id))
            .where(Quote.article_id.in_(ids))
            .group_by(Quote.article_id)
        ).all()
    )
    total = session.execute(select(func.count(Article.id))).scalar_one()
    carried = carriers_of(session, list(articles))
    views = [
        ArticleView(
            a.id,
            a.outlet,
            a.url,
            a.title,
            a.published_at,
            a.source_name,
            events.get(a.id, 0),
            quotes.get(a.id, 0),
            tuple(carried[a.id]),
            a.version,
        )
        for a in articles
    ]
    return views, total


def timeline_stats(session: Session) -> dict[str, object]:
    """Figures for `timeline-bot stats`: what is stored, and who subscribes and watches."""
    view = overview(session)
    subscriptions = session.execute(
        select(func.count(Subscription.id)).where(Subscription.active.is_(True))
    ).scalar_one()
    places = session.execute(
        select(func.count(Entity.id)).where(Entity.kind == "place")
    ).scalar_one()
    watches, watching = session.execute(
        select(func.count(Watch.id), func.count(func.distinct(Watch.chat_id)))
    ).one()
    return {
        "articles": view.articles,
        "first published": view.first_published.date().isoformat() if view.first_published else "-",
        "last published": view.last_published.date().isoformat() if view.last_published else "-",
        "events": view.events,
        "rounds": view.rounds,
        "quotes": view.quotes,
        "people": view.people,
        "places": places,
        "active subscriptions": subscriptions,
        "watches": f"{watches} in {watching} chats",
    }
