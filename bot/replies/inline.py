"""Inline mode: compact, sourced cards for people and rounds, shared into any chat."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from bot.render import INLINE_RESULTS_LIMIT, MESSAGE_LIMIT, bold, esc, italic, shorten, split_html
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.lines import quote_line, when_text
from bot.replies.lookup import rank_entities
from bot.replies.rounds import round_block
from bot.store.models import Entity, Quote
from bot.timeline.events import latest_events, rounds_at
from bot.timeline.people import profile
from bot.timeline.records import EventView, Profile
from bot.timeline.search import search

CARD_QUOTES = 2
PEOPLE_SHOWN = 20


@dataclass(frozen=True)
class InlineCard:
    id: str  # unique among one answer's results, at most 64 bytes
    title: str
    description: str
    html: str  # the message posted when the card is chosen; fits one message
    url: str | None = None


def _fit(markup: str) -> str:
    return split_html(markup, MESSAGE_LIMIT)[0]


def person_card(found: Profile) -> InlineCard:
    entity = found.entity
    about = ", ".join(p for p in (entity.role, entity.affiliation) if p)
    lines = [bold(entity.name)]
    if about:
        lines.append(esc(about))
    if found.events_total:
        lines.append(italic(f"Part of {found.events_total} rounds or events on record"))
    lines += [f"• {quote_line(q, with_speaker=False)}" for q in found.quotes[:CARD_QUOTES]]
    if not found.quotes:
        lines.append(italic("No quotes on record."))
    url = found.quotes[0].source.url if found.quotes else None
    description = about or f"{found.quotes_total} quotes on record"
    return InlineCard(
        f"p{entity.id}", entity.name, shorten(description, 100), _fit("\n".join(lines)), url
    )


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
    places = [c.entity_id for c in rank_entities(session, query, ("place",), limit=5)]
    found = rounds_at(session, places, limit=limit).items if places else []
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
    cards: list[InlineCard] = []
    for entity_id in _people(session, query):
        found = profile(session, entity_id, limit=CARD_QUOTES)
        if found is not None:
            cards.append(person_card(found))
    cards += [round_card(e) for e in _rounds(session, query, limit)]
    return cards[:limit]
