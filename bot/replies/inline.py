"""Inline mode: compact, sourced cards for people and rounds, shared into any chat."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from bot.render import (
    INLINE_RESULTS_LIMIT,
    MESSAGE_LIMIT,
    bold,
    count_noun,
    esc,
    italic,
    shorten,
    split_html,
)
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.lines import quote_line, when_text
from bot.replies.lookup import rank_entities
from bot.replies.rounds import round_block
from bot.store.models import Entity, EventEntity, Quote
from bot.timeline.events import latest_events, rounds_at
from bot.timeline.loading import load_quotes, newest_quotes_first
from bot.timeline.records import EventView
from bot.timeline.search import search

# Inline answers must come fast (Telegram shows them as the user types); a dozen of each is
# more than a phone screen shows and well under the 50 results Telegram takes.
PEOPLE_SHOWN = 12
ROUNDS_SHOWN = 10
PLACE_SCORE = 85.0  # only places the query plainly names; a surname is not a place


@dataclass(frozen=True)
class InlineCard:
    id: str  # unique among one answer's results, at most 64 bytes
    title: str
    description: str
    html: str  # the message posted when the card is chosen; fits one message
    url: str | None = None


def _fit(markup: str) -> str:
    return split_html(markup, MESSAGE_LIMIT)[0]


def _person_cards(session: Session, ids: list[int]) -> list[InlineCard]:
    """Cards for these people in a fixed number of queries: name, role, the latest quote."""
    if not ids:
        return []
    entities = {
        e.id: e for e in session.execute(select(Entity).where(Entity.id.in_(ids))).scalars()
    }
    ranked = (
        select(
            Quote.speaker_id,
            Quote.id,
            func.row_number()
            .over(partition_by=Quote.speaker_id, order_by=newest_quotes_first(session))
            .label("n"),
            func.count().over(partition_by=Quote.speaker_id).label("said"),
        )
        .where(Quote.speaker_id.in_(ids))
        .subquery()
    )
    said = session.execute(
        select(ranked.c.speaker_id, ranked.c.id, ranked.c.said).where(ranked.c.n == 1)
    ).all()
    latest = {speaker: quote_id for speaker, quote_id, _ in said}
    counts = {speaker: n for speaker, _, n in said}
    quotes = {q.id: q for q in load_quotes(session, list(latest.values()))}
    events = dict(
        session.execute(
            select(EventEntity.entity_id, func.count(func.distinct(EventEntity.event_id)))
            .where(EventEntity.entity_id.in_(ids))
            .group_by(EventEntity.entity_id)
        ).all()
    )
    cards = []
    for entity_id in ids:
        entity = entities.get(entity_id)
        if entity is None:
            continue
        about = ", ".join(p for p in (entity.role, entity.affiliation) if p)
        lines = [bold(entity.name)] + ([esc(about)] if about else [])
        if events.get(entity_id):
            part = count_noun(events[entity_id], "round or event", plural="rounds or events")
            lines.append(italic(f"Part of {part} on record"))
        quote = quotes.get(latest.get(entity_id))
        if quote is not None:
            lines.append(f"• {quote_line(quote, with_speaker=False)}")
        else:
            lines.append(italic("No quotes on record."))
        description = about or f"{count_noun(counts.get(entity_id, 0), 'quote')} on record"
        cards.append(
            InlineCard(
                f"p{entity_id}",
                shorten(entity.name, 100),
                shorten(description, 100),
                _fit("\n".join(lines)),
                quote.source.url if quote is not None else None,
            )
        )
    return cards


def round_card(event: EventView) -> InlineCard:
    when = when_text(event.start, event.end, event.granularity) or "undated"
    title = f"{event.place or event.title}, {when}"
    description = ", ".join(p for p in (event.status, "; ".join(event.issues)) if p) or event.title
    url = next((s.url for s in event.sources if s.url), None)
    return InlineCard(
        f"r{event.id}",
        shorten(title, 100),
        shorten(description, 100),
        _fit(round_block(event)),
        url,
    )


def _people(session: Session, query: str) -> list[int]:
    if query:
        return [c.entity_id for c in rank_entities(session, query, ("person",), limit=PEOPLE_SHOWN)]
    return list(
        session.execute(
            select(Entity.id)
            .join(Quote, Quote.speaker_id == Entity.id)
            .where(Entity.kind == "person")
            .group_by(Entity.id)
            .order_by(func.count(Quote.id).desc(), Entity.id)
            .limit(PEOPLE_SHOWN)
        ).scalars()
    )


def _rounds(session: Session, query: str, limit: int) -> list[EventView]:
    if not query:
        return [e for e in latest_events(session, limit=limit).items if e.kind == "round"]
    ranked = rank_entities(session, query, ("place",), limit=5)
    places = [c.entity_id for c in ranked if c.score >= PLACE_SCORE]
    found = rounds_at(session, places, limit=limit, count=False).items if places else []
    seen = {e.id for e in found}
    for hit in search(session, query, kind="event", limit=limit):
        if hit.event is not None and hit.event.kind == "round" and hit.event.id not in seen:
            found.append(hit.event)
            seen.add(hit.event.id)
    return found


def inline_cards(
    session: Session, query: str, *, limit: int = INLINE_RESULTS_LIMIT
) -> list[InlineCard]:
    """People, then rounds, matching what was typed after the bot's name; the newest when empty."""
    query = tidy(query)[:MAX_ARGS]
    limit = max(0, min(limit, INLINE_RESULTS_LIMIT))
    cards = _person_cards(session, _people(session, query))
    cards += [round_card(e) for e in _rounds(session, query, ROUNDS_SHOWN)]
    return cards[:limit]
