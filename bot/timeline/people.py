"""Profiles: who someone is, the rounds they were part of, what they said, what was said of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from bot.corrections.layer import apply_to_roles
from bot.corrections.merges import absorbed, redirect
from bot.corrections.store import layer_of
from bot.store.models import (
    Alias,
    Article,
    Entity,
    EventEntity,
    Quote,
    QuoteSubject,
    RoleClaim,
    Sentence,
)
from bot.store.models import Event as EventRow
from bot.timeline.loading import count_upto, load_events, load_quotes, newest_quotes_first
from bot.timeline.records import EntityView, Page, Profile, QuoteView, RoleView, SourceRef


def entity_view(session: Session, entity_id: int) -> EntityView | None:
    entity = session.get(Entity, entity_id)
    if entity is None:
        return None
    return EntityView(
        entity.id, entity.kind, entity.name, entity.role, entity.affiliation, entity.country
    )


def spellings(session: Session, entity_id: int, canonical: str) -> list[str]:
    return spellings_of(session, {entity_id: canonical})[entity_id]


def spellings_of(session: Session, names: dict[int, str]) -> dict[int, list[str]]:
    """Each entity's other spellings (`names` maps id to canonical name), oldest first, in
    one query however many entities are asked for."""
    found: dict[int, dict[str, None]] = {entity_id: {} for entity_id in names}
    rows = session.execute(
        select(Alias.entity_id, Alias.text)
        .where(Alias.entity_id.in_(list(names)))
        .order_by(Alias.id)
    ).all()
    for entity_id, text in rows:
        if text != names[entity_id]:
            found[entity_id][text] = None
    return {entity_id: list(texts) for entity_id, texts in found.items()}


def merged_spellings(session: Session, ids: Sequence[int], canonical: str) -> list[str]:
    """The spellings of a record and of those merged into it: their names and aliases."""
    names = dict(session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(ids))).all())
    found = spellings_of(session, {i: names[i] for i in ids if i in names})
    texts = [t for i in ids if i in names for t in (names[i], *found[i])]
    return [t for t in dict.fromkeys(texts) if t != canonical]


def role_history(
    session: Session, entity_ids: Sequence[int], *, as_of: date | None = None
) -> list[RoleView]:
    """Roles with their dates: those held on `as_of` first, then the rest newest first.

    A title held twice is two terms (Prime Minister 2009-2021 and since 2022): reference
    roles are told apart by their dates.  The same claim from several articles is kept
    once, from the first article that made it.
    """
    rows = session.execute(
        select(RoleClaim, Article.outlet, Article.url, Article.published_at, Sentence.text)
        .outerjoin(Article, Article.id == RoleClaim.article_id)
        .outerjoin(Sentence, Sentence.id == RoleClaim.sentence_id)
        .where(RoleClaim.entity_id.in_(list(entity_ids)))
        .order_by(RoleClaim.valid_from.asc().nulls_first(), Article.published_at.asc(),
                  RoleClaim.id)
    ).all()
    seen: set[tuple] = set()
    roles: list[RoleView] = []
    for claim, outlet, url, published, sentence in rows:
        reference = claim.article_id is None
        key = (claim.role.lower(), (claim.affiliation or "").lower(), reference)
        if reference:
            key += (claim.valid_from, claim.valid_to)
        if key in seen:
            continue
        seen.add(key)
        source = (
            SourceRef(claim.article_id, outlet, url, published, sentence)
            if not reference
            else None
        )
        roles.append(
            RoleView(claim.role, claim.affiliation, claim.valid_from, claim.valid_to, source)
        )
    current = [r for r in roles if as_of is not None and r.held_on(as_of)]
    rest = sorted((r for r in roles if r not in current), key=RoleView.since, reverse=True)
    return current + rest


def headline_role(roles: Sequence[RoleView], day: date | None) -> RoleView | None:
    """The role held on `day`: an editor's claim (the newest first in `roles`) outranks
    the rest; then a reference term covering it, else the newest role an article gave on
    or before it."""
    editors = [r for r in roles if r.by_editor]
    if editors:
        return editors[0]
    if day is None:
        return None
    held = [r for r in roles if r.held_on(day)]
    if held:
        return max(held, key=RoleView.since)
    reported = [r for r in roles if r.source is not None and r.since() <= day]
    return max(reported, key=RoleView.since) if reported else None


def latest_report_day(session: Session) -> date | None:
    """The day of the newest article: the timeline speaks as of then."""
    newest = session.execute(select(func.max(Article.published_at))).scalar()
    return newest.date() if newest is not None else None


def quotes_by(session: Session, speaker_ids: Sequence[int], *, limit: int = 15) -> Page[QuoteView]:
    """What these speakers said, newest first."""
    where = [Quote.speaker_id.in_(list(speaker_ids))]
    return _quote_page(session, where, limit)


def quotes_about(
    session: Session, entity_ids: Sequence[int], *, limit: int = 10
) -> Page[QuoteView]:
    ids = list(entity_ids)
    where = [
        Quote.id.in_(select(QuoteSubject.quote_id).where(QuoteSubject.entity_id.in_(ids))),
        (Quote.speaker_id.is_(None)) | (Quote.speaker_id.not_in(ids)),
    ]
    return _quote_page(session, where, limit)


def _quote_page(session: Session, where: list, limit: int) -> Page[QuoteView]:
    order = newest_quotes_first(session)
    ids = session.execute(select(Quote.id).where(*where).order_by(*order).limit(limit)).scalars()
    total, capped = count_upto(session, Quote.id, where)
    return Page(load_quotes(session, list(ids)), total, capped)


def profile(
    session: Session, entity_id: int, *, limit: int = 15, include_hidden: bool = False
) -> Profile | None:
    """A person's or group's profile with editors' corrections laid over it; None for one
    an editor hid, unless asked for.  A record an editor merged into another reads as
    that one, which gathers the spellings, roles, rounds and quotes of both."""
    entity_id = redirect(session, ("p",), entity_id)
    ids = absorbed(session, ("p",), entity_id)
    entity = entity_view(session, entity_id)
    if entity is None:
        return None
    layer = layer_of(session, "p", entity_id)
    if layer is not None and layer.hidden and not include_hidden:
        return None
    links = (
        session.execute(
            select(EventEntity.event_id)
            .join(EventRow, EventRow.id == EventEntity.event_id)
            .where(EventEntity.entity_id.in_(ids))
            .group_by(EventEntity.event_id, EventRow.start_date)
            .order_by(EventRow.start_date.desc().nulls_last(), EventEntity.event_id.desc())
        )
        .scalars()
        .all()
    )
    events = load_events(session, links[:limit])
    parts = [(e, [p for p in e.participants if p.entity_id in ids]) for e in events]
    events_page = Page(parts, len(links))
    quotes = quotes_by(session, ids, limit=limit)
    said_of = quotes_about(session, ids, limit=limit // 2 or 1)
    as_of = latest_report_day(session)
    roles = apply_to_roles(role_history(session, ids, as_of=as_of), layer)
    return Profile(
        entity=entity,
        spellings=merged_spellings(session, ids, entity.name),
        roles=roles,
        headline=headline_role(roles, as_of),
        as_of=as_of,
        events=events_page,
        quotes=quotes,
        said_of=said_of,
        corrected=layer is not None and layer.corrected,
        verified=layer is not None and layer.verified,
        hidden=layer is not None and layer.hidden,
    )


def quotes_between(session: Session, start: date, end: date, *, limit: int = 40) -> Page[QuoteView]:
    """Quotes said in the span; undated ones count from the day they were first reported."""
    after = datetime.combine(start, time(0), tzinfo=UTC)
    before = datetime.combine(end + timedelta(days=1), time(0), tzinfo=UTC)
    dated = (Quote.said_on >= start) & (Quote.said_on <= end)
    undated = (
        Quote.said_on.is_(None)
        & (Quote.first_reported_at >= after)
        & (Quote.first_reported_at < before)
    )
    # Dated quotes come first (undated sort last), so each part is its own index range in
    # the order shown; one query with OR would read and sort every quote of the span.
    order = [Quote.first_reported_at.asc(), Quote.id.asc()]
    ids = list(
        session.execute(
            select(Quote.id).where(dated).order_by(Quote.said_on.asc(), *order).limit(limit)
        ).scalars()
    )
    if len(ids) < limit:
        ids += session.execute(
            select(Quote.id).where(undated).order_by(*order).limit(limit - len(ids))
        ).scalars()
    total, capped = count_upto(session, Quote.id, [dated | undated])
    return Page(load_quotes(session, ids), total, capped)
