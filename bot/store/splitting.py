"""An editor's split, carried out on the extracted rows: one record becomes two.

The extractor sometimes folds two people (or two rounds) into one record.  A split makes
the second record real, with the id the correction gave it: it takes the spellings the
editor picked and the facts read in the articles the editor picked.  The correction row
(`bot.corrections.splits`) stays the truth: a rebuild reads the articles again, which
folds the two together again, and then splits them again from that row; undoing the
row joins them back here.  Being real rows, both records read the same everywhere:
profiles, lookups, rounds, exports and the digest need to know nothing of splits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select, union, update
from sqlmodel import Session

from bot.dates.model import coarseness
from bot.ingest.events.confidence import CONFIRMED, combine
from bot.names import name_key
from bot.store.entities import add_aliases
from bot.store.models import (
    Alias,
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    QuoteSubject,
    RoleClaim,
    SearchDoc,
)
from bot.store.writer import index_event

_SPREAD_OVER_DAYS = ("round",)  # a round spans its reports' days; others date from the first


def entity_articles(session: Session, entity_id: int) -> list[int]:
    """The articles that told facts of this person or place, oldest first."""
    quotes = select(Quote.article_id)
    told = union(
        select(EventEntity.article_id).where((EventEntity.entity_id == entity_id)
                                             | (EventEntity.delegation_of_id == entity_id)),
        select(RoleClaim.article_id).where(RoleClaim.entity_id == entity_id,
                                           RoleClaim.article_id.is_not(None)),
        quotes.where(Quote.speaker_id == entity_id),
        quotes.where(Quote.id.in_(
            select(QuoteSubject.quote_id).where(QuoteSubject.entity_id == entity_id))),
        select(EventSource.article_id).where(EventSource.event_id.in_(
            select(Event.id).where(Event.place_id == entity_id))),
    ).subquery()
    return list(session.execute(
        select(Article.id).where(Article.id.in_(select(told.c[0])))
        .order_by(Article.published_at, Article.id)
    ).scalars())


def event_articles(session: Session, event_id: int) -> list[int]:
    """The articles that reported this event, oldest report first."""
    found = session.execute(
        select(EventSource.article_id).where(EventSource.event_id == event_id)
        .group_by(EventSource.article_id).order_by(func.min(EventSource.reported_at),
                                                   EventSource.article_id)
    ).scalars()
    return list(found)


def split_entity(
    session: Session, source_id: int, new_id: int, spellings: Sequence[str],
    articles: Collection[int],
) -> bool:
    """Make record `new_id`, named by the first spelling, of the spellings and articles
    picked from `source_id`; False when none of them is on the source any more (a
    rebuild that read the two apart) or the new record exists already."""
    source = session.get(Entity, source_id)
    if not spellings or source is None or session.get(Entity, new_id) is not None:
        return False
    keys = {name_key(s) for s in spellings}
    articles = sorted(set(articles) & set(entity_articles(session, source_id)))
    spelled = session.execute(
        select(Alias.id).where(Alias.entity_id == source_id, Alias.key.in_(keys))
    ).first()
    if spelled is None and not articles:
        return False
    first = spellings[0]
    new = Entity(id=new_id, kind=source.kind, name=first, key=name_key(first),
                 country=source.country if source.kind != "person" else None)
    session.add(new)
    session.flush()
    session.info.pop("alias_spellings", None)  # spellings read before name their old owner
    _move_entity_rows(session, source_id, new_id, keys, articles)
    add_aliases(session, new, set(spellings))  # a name no report spelt alone, too
    if source.key in keys:
        _rename_to_a_spelling_left(session, source)
    return True


def _move_entity_rows(
    session: Session, source_id: int, new_id: int, keys: set[str], articles: list[int]
) -> None:
    session.execute(update(Alias).where(Alias.entity_id == source_id, Alias.key.in_(keys))
                    .values(entity_id=new_id))
    told_there = EventEntity.article_id.in_(articles)
    touched = set(session.execute(
        select(EventEntity.event_id).where(told_there, (EventEntity.entity_id == source_id)
                                           | (EventEntity.delegation_of_id == source_id))
    ).scalars())
    session.execute(update(EventEntity).where(EventEntity.entity_id == source_id, told_there)
                    .values(entity_id=new_id))
    session.execute(update(EventEntity)
                    .where(EventEntity.delegation_of_id == source_id, told_there)
                    .values(delegation_of_id=new_id))
    session.execute(update(RoleClaim)
                    .where(RoleClaim.entity_id == source_id, RoleClaim.article_id.in_(articles))
                    .values(entity_id=new_id))
    session.execute(update(Quote)
                    .where(Quote.speaker_id == source_id, Quote.article_id.in_(articles))
                    .values(speaker_id=new_id))
    session.execute(update(QuoteSubject).where(
        QuoteSubject.entity_id == source_id,
        QuoteSubject.quote_id.in_(select(Quote.id).where(Quote.article_id.in_(articles))),
    ).values(entity_id=new_id))
    # A place holds the rounds whose first report, the one that placed them, was picked.
    first_reports = _first_reports(session, select(Event.id).where(Event.place_id == source_id))
    held = [event for event, article in first_reports.items() if article in articles]
    session.execute(update(Event).where(Event.id.in_(held)).values(place_id=new_id))
    _reindex(session, touched | set(held))


def _rename_to_a_spelling_left(session: Session, entity: Entity) -> None:
    left = session.execute(
        select(Alias.text).where(Alias.entity_id == entity.id).order_by(Alias.id)
    ).scalars().first()
    if left is not None:
        entity.name, entity.key = left, name_key(left)
        session.add(entity)


def join_entity(session: Session, new_id: int, into_id: int, name: str | None) -> None:
    """Undo a split: every row of `new_id` back to `into_id`, which gets its name back."""
    into = session.get(Entity, into_id)
    new = session.get(Entity, new_id)
    if new is None:
        return
    if into is None:
        return  # the record it came from is gone (a rebuild read it no more): keep both
    _drop_duplicates(session, new_id, into_id)
    session.info.pop("alias_spellings", None)
    touched = set(session.execute(
        select(EventEntity.event_id).where((EventEntity.entity_id == new_id)
                                           | (EventEntity.delegation_of_id == new_id))
    ).scalars())
    held = set(session.execute(select(Event.id).where(Event.place_id == new_id)).scalars())
    for table, column in ((Alias, Alias.entity_id), (EventEntity, EventEntity.entity_id),
                          (EventEntity, EventEntity.delegation_of_id),
                          (RoleClaim, RoleClaim.entity_id), (Quote, Quote.speaker_id),
                          (QuoteSubject, QuoteSubject.entity_id), (Event, Event.place_id)):
        session.execute(update(table).where(column == new_id).values({column.key: into_id}))
    session.delete(new)
    if name:
        into.name, into.key = name, name_key(name)
        session.add(into)
    session.flush()
    _reindex(session, touched | held)


def _drop_duplicates(session: Session, new_id: int, into_id: int) -> None:
    """Rows of `new_id` that `into_id` holds already, which a move would make twice."""
    keys = select(Alias.key).where(Alias.entity_id == into_id)
    session.execute(delete(Alias).where(Alias.entity_id == new_id, Alias.key.in_(keys)))
    theirs = set(session.execute(
        select(EventEntity.event_id, EventEntity.role).where(EventEntity.entity_id == into_id)
    ).all())
    twice = [ident for ident, event, role in session.execute(
        select(EventEntity.id, EventEntity.event_id, EventEntity.role)
        .where(EventEntity.entity_id == new_id)
    ).all() if (event, role) in theirs]
    session.execute(delete(EventEntity).where(EventEntity.id.in_(twice)))
    subjects = select(QuoteSubject.quote_id).where(QuoteSubject.entity_id == into_id)
    session.execute(delete(QuoteSubject).where(QuoteSubject.entity_id == new_id,
                                               QuoteSubject.quote_id.in_(subjects)))


def split_event(
    session: Session, source_id: int, new_id: int, articles: Collection[int]
) -> bool:
    """Make event `new_id` of the reports the picked articles gave of `source_id`; each
    event then takes its dates, status and support from its own reports.  False when the
    source has no such report, or would keep none."""
    source = session.get(Event, source_id)
    if source is None or session.get(Event, new_id) is not None:
        return False
    reported = set(event_articles(session, source_id))
    articles = list(set(articles) & reported)
    if not articles or reported <= set(articles):
        return False
    new = Event(id=new_id, **{
        name: getattr(source, name) for name in (
            "kind", "title", "title_key", "summary", "start_date", "end_date", "granularity",
            "place_id", "status", "issues", "outcome", "background", "first_reported_at",
            "last_reported_at", "confidence", "unconfirmed")
    })
    session.add(new)
    session.flush()
    for table, column in ((EventSource, EventSource.event_id),
                          (EventEntity, EventEntity.event_id), (Quote, Quote.event_id)):
        session.execute(update(table).where(column == source_id, table.article_id.in_(articles))
                        .values({column.key: new_id}))
    for event in (source, new):
        _settle_from_reports(session, event)
    _reindex(session, {source_id, new_id})
    return True


def join_event(session: Session, new_id: int, into_id: int) -> None:
    """Undo a split: the reports, participants and quotes of `new_id` back to `into_id`."""
    new, into = session.get(Event, new_id), session.get(Event, into_id)
    if new is None or into is None:
        return
    theirs = select(EventSource.sentence_id).where(EventSource.event_id == into_id)
    session.execute(delete(EventSource).where(EventSource.event_id == new_id,
                                              EventSource.sentence_id.in_(theirs)))
    present = set(session.execute(
        select(EventEntity.entity_id, EventEntity.role).where(EventEntity.event_id == into_id)
    ).all())
    twice = [ident for ident, entity, role in session.execute(
        select(EventEntity.id, EventEntity.entity_id, EventEntity.role)
        .where(EventEntity.event_id == new_id)
    ).all() if (entity, role) in present]
    session.execute(delete(EventEntity).where(EventEntity.id.in_(twice)))
    for table, column in ((EventSource, EventSource.event_id),
                          (EventEntity, EventEntity.event_id), (Quote, Quote.event_id)):
        session.execute(update(table).where(column == new_id).values({column.key: into_id}))
    session.execute(delete(SearchDoc).where(SearchDoc.kind == "event",
                                            SearchDoc.ref_id == new_id))
    session.delete(new)
    session.flush()
    _settle_from_reports(session, into)
    _reindex(session, {into_id})


def _settle_from_reports(session: Session, event: Event) -> None:
    """The event's dates, status, summary and support as its own reports give them."""
    reports = session.execute(
        select(EventSource).where(EventSource.event_id == event.id)
        .order_by(EventSource.reported_at, EventSource.id)
    ).scalars().all()
    if not reports:
        return
    dated = [r for r in reports if r.start_date is not None]
    if dated:
        finest = min(coarseness(r.granularity) for r in dated)
        best = [r for r in dated if coarseness(r.granularity) == finest]
        event.start_date = min(r.start_date for r in best)
        event.granularity = best[0].granularity
        if event.kind in _SPREAD_OVER_DAYS:
            event.end_date = max(r.end_date or r.start_date for r in best)
        else:
            first = min(best, key=lambda r: r.start_date)
            event.end_date = first.end_date or first.start_date
    said = [r.status for r in reports if r.status]
    if said:
        event.status = said[-1]
    event.summary = max((r.summary for r in reports), key=len)
    event.first_reported_at = reports[0].reported_at
    event.last_reported_at = reports[-1].reported_at
    weights = [r.confidence for r in reports if r.confidence is not None]
    if weights:
        event.confidence = round(combine(weights), 2)
        event.unconfirmed = event.confidence < CONFIRMED
    session.add(event)
    session.flush()


def _first_reports(session: Session, events) -> dict[int, int]:
    """Each of these events and the article of its first report."""
    found: dict[int, int] = {}
    for event, article in session.execute(
        select(EventSource.event_id, EventSource.article_id)
        .where(EventSource.event_id.in_(events))
        .order_by(EventSource.reported_at, EventSource.id)
    ).all():
        found.setdefault(event, article)
    return found


def _reindex(session: Session, event_ids: set[int]) -> None:
    session.flush()
    for event in session.execute(select(Event).where(Event.id.in_(event_ids))).scalars():
        index_event(session, event)
    session.flush()
