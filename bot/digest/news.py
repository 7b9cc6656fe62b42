"""What is news in a window: events and quotes first learned in it, known rounds whose
status a report learned in it moved, and reports their outlets updated in it.  Each query
of items takes a digest filter (entities, or else words) so that narrowing happens in SQL,
once per distinct filter."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from bot.digest.filters import DigestFilter
from bot.store.models import Article, Event, EventEntity, EventSource, Quote, QuoteSubject
from bot.timeline.loading import load_events
from bot.timeline.records import EventView, SourceRef


@dataclass(frozen=True)
class ReportUpdate:
    """A later version of a page, learned in the window: the outlet updated its report."""

    learned: datetime
    article_id: int
    outlet: str
    url: str | None
    title: str
    first_learned: datetime  # when the bot read the page's first version
    first_published: datetime


@dataclass(frozen=True)
class RoundMove:
    """A known round whose status a report learned in the window moved."""

    learned: datetime
    event: EventView
    before: str
    report: SourceRef


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def new_events(
    session: Session, digest_filter: DigestFilter, low: datetime, high: datetime
) -> list[tuple[int, datetime]]:
    """(event id, first learned) of events first reported in (low, high], oldest first."""
    touched = (
        select(EventSource.event_id)
        .join(Article, Article.id == EventSource.article_id)
        .where(Article.ingested_at > low, Article.ingested_at <= high)
    )
    learned = func.min(Article.ingested_at)
    first_seen = (
        select(EventSource.event_id.label("event_id"), learned.label("learned"))
        .join(Article, Article.id == EventSource.article_id)
        .where(EventSource.event_id.in_(touched))
        .group_by(EventSource.event_id)
        .having(learned > low)
        .subquery()
    )
    query = (
        select(Event.id, first_seen.c.learned)
        .join(first_seen, first_seen.c.event_id == Event.id)
        .where(Event.background.is_(False), Event.unconfirmed.is_(False))
    )
    rows = session.execute(
        _filtered(query, digest_filter).order_by(first_seen.c.learned, Event.id)
    ).all()
    return [(event_id, when) for event_id, when in rows]


def moved_rounds(
    session: Session, digest_filter: DigestFilter, low: datetime, high: datetime
) -> list[RoundMove]:
    """Rounds known before the window whose status a report learned in it changed."""
    reports = (
        select(Event.id, Article.id, Article.ingested_at)
        .join(EventSource, EventSource.event_id == Event.id)
        .join(Article, Article.id == EventSource.article_id)
        .where(
            Event.kind == "round",
            Event.unconfirmed.is_(False),
            Article.ingested_at > low,
            Article.ingested_at <= high,
            EventSource.status.is_not(None),
        )
    )
    fresh: dict[int, dict[int, datetime]] = defaultdict(dict)
    for event_id, article_id, learned in session.execute(_filtered(reports, digest_filter)):
        fresh[event_id][article_id] = learned
    # "Before" is what was learned before the window; a report learned after it (the
    # digest composed late, or again) is no part of this window's move.
    known_before: dict[int, set[int]] = defaultdict(set)
    for event_id, article_id in session.execute(
        select(EventSource.event_id, EventSource.article_id)
        .join(Article, Article.id == EventSource.article_id)
        .where(EventSource.event_id.in_(list(fresh)), Article.ingested_at <= low)
    ):
        known_before[event_id].add(article_id)
    moves = []
    for event in load_events(session, list(fresh)):
        new = fresh[event.id]
        earlier = [s for s in event.sources if s.article_id in known_before[event.id] and s.status]
        if not earlier:
            continue  # first reported in the window: it is listed as new, not as moved
        before = max(earlier, key=lambda s: (s.published, s.article_id)).status
        latest = max(
            (s for s in event.sources if s.article_id in new and s.status),
            key=lambda s: (s.published, s.article_id),
        )
        if latest.status != before:
            moves.append(RoundMove(new[latest.article_id], event, before, latest))
    return sorted(moves, key=lambda m: (m.learned, m.event.id))


def _filtered(query, digest_filter: DigestFilter):
    """`query` over Event narrowed to the filter's entities, or to its words."""
    if digest_filter.entity_ids:
        ids = list(digest_filter.entity_ids)
        involved = select(EventEntity.event_id).where(EventEntity.entity_id.in_(ids))
        query = query.where(or_(Event.place_id.in_(ids), Event.id.in_(involved)))
    elif digest_filter.text:
        pattern = _like(digest_filter.text)
        query = query.where(
            or_(
                Event.title.ilike(pattern, escape="\\"),
                Event.summary.ilike(pattern, escape="\\"),
                Event.issues.ilike(pattern, escape="\\"),
            )
        )
    return query


def new_quotes(
    session: Session, digest_filter: DigestFilter, low: datetime, high: datetime
) -> list[tuple[int, datetime]]:
    """(quote id, first learned) of words first reported in (low, high], each said once."""
    query = (
        select(Quote.id, Quote.text_hash, Article.ingested_at)
        .join(Article, Article.id == Quote.article_id)
        .where(Article.ingested_at > low, Article.ingested_at <= high)
    )
    if digest_filter.entity_ids:
        ids = list(digest_filter.entity_ids)
        about = select(QuoteSubject.quote_id).where(QuoteSubject.entity_id.in_(ids))
        query = query.where(or_(Quote.speaker_id.in_(ids), Quote.id.in_(about)))
    elif digest_filter.text:
        pattern = _like(digest_filter.text)
        query = query.where(
            or_(
                Quote.text.ilike(pattern, escape="\\"),
                Quote.speaker_label.ilike(pattern, escape="\\"),
            )
        )
    rows = session.execute(query.order_by(Article.ingested_at, Quote.id)).all()
    if not rows:
        return []
    hashes = sorted({text_hash for _, text_hash, _ in rows})
    earlier = set(
        session.scalars(
            select(Quote.text_hash)
            .join(Article, Article.id == Quote.article_id)
            .where(and_(Quote.text_hash.in_(hashes), Article.ingested_at <= low))
        )
    )
    seen: set[str] = set()
    found = []
    for quote_id, text_hash, when in rows:
        if text_hash in earlier or text_hash in seen:
            continue
        seen.add(text_hash)
        found.append((quote_id, when))
    return found


def updated_reports(session: Session, low: datetime, high: datetime) -> list[ReportUpdate]:
    """Later versions of pages learned in (low, high], oldest first.  What each changed is
    read from the window's items (`bot.digest.compose`), so that a filter narrows it too."""
    first = aliased(Article)
    rows = session.execute(
        select(Article.ingested_at, Article.id, Article.outlet, Article.url, Article.title,
               first.ingested_at, first.published_at)
        .join(first, first.id == Article.version_of_id)
        .where(Article.ingested_at > low, Article.ingested_at <= high)
        .order_by(Article.ingested_at, Article.id)
    ).all()
    return [ReportUpdate(*row) for row in rows]
