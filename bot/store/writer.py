"""Write one article's `Extraction` into the store and merge it with earlier reports.

The same round reported by several articles becomes one event with several
`EventSource` rows; its status follows the newest report while each source keeps
what it said.  Re-ingesting an article is refused earlier by its content hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Protocol

from sqlmodel import Session, select

from bot.ingest.model import ArticleInput, ExtractedEvent, Extraction
from bot.names import name_key
from bot.store.entities import find_entity, resolve_mention
from bot.store.joining import join_rounds
from bot.store.merging import also_same_rounds, find_same_event, fold_into
from bot.store.models import (
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    QuoteSubject,
    RoleClaim,
    SearchDoc,
    Sentence,
)
from bot.store.settling import settle_stored_rounds


@dataclass(frozen=True)
class EventBefore:
    """What an event on record was before this article's report of it was folded in."""

    status: str | None
    unconfirmed: bool


@dataclass
class StoredArticle:
    article: Article
    events_new: int = 0
    events_merged: int = 0
    quotes: int = 0
    people: set[int] = field(default_factory=set)
    # What the article brought, for the fact log (bot.store.fact_log): the events it
    # created, the events on record it reported again (as they were before), its quotes.
    created: list[int] = field(default_factory=list)
    reported_again: dict[int, EventBefore] = field(default_factory=dict)
    quote_ids: list[int] = field(default_factory=list)


class KeptIds(Protocol):
    """Ids a rebuild gives back to the items that still exist (see bot.store.rebuild)."""

    def entity(self, kind: str, key: str) -> int | None: ...
    def event(self, extracted: ExtractedEvent, place_id: int | None) -> int | None: ...
    def quote(self, article_id: int, text_hash: str) -> int | None: ...


def store_extraction(
    session: Session, article_input: ArticleInput, extraction: Extraction, digest: str
) -> StoredArticle:
    article = Article(
        outlet=article_input.outlet,
        url=article_input.url,
        title=article_input.title or extraction.title,
        published_at=article_input.published_at,
        published_offset=_offset_minutes(article_input.published_at),
        content_hash=digest,
        text="\n\n".join(extraction.paragraphs),
        raw_text=article_input.text,
        note=article_input.note,
        source_name=article_input.source_name,
    )
    session.add(article)
    session.flush()
    return store_derived(session, article, extraction)


def store_derived(
    session: Session, article: Article, extraction: Extraction, kept: KeptIds | None = None
) -> StoredArticle:
    """What the extractor read in a stored article: sentences, entities, events, quotes."""
    result = StoredArticle(article=article)
    sentence_ids = _store_sentences(session, article, extraction)
    published = article.published_at.date()

    entities: dict[str, Entity] = {}
    for mention in extraction.entities:
        entity = resolve_mention(session, mention, kept)
        entities[mention.key] = entity
        if entity.kind == "person":
            result.people.add(entity.id)
        for claim in mention.role_claims:
            session.add(
                RoleClaim(
                    entity_id=entity.id,
                    role=claim.role,
                    affiliation=claim.affiliation,
                    valid_from=published,
                    article_id=article.id,
                    sentence_id=sentence_ids.get(claim.sentence),
                )
            )

    def entity_for(key: str | None, kind: str | None = None) -> Entity | None:
        if key is None:
            return None
        if key in entities:
            return entities[key]
        if kind:
            found = find_entity(session, kind, {key})
            if found is not None:
                entities[key] = found
            return found
        return None

    settled: list[tuple[Event, ExtractedEvent]] = []
    for extracted in extraction.events:
        sentence_id = sentence_ids.get(extracted.sentence)
        if sentence_id is None:
            continue
        event, before, gone = _merge_or_create(session, article, extracted, entity_for, kept)
        merged = before is not None
        result.events_merged += merged
        result.events_new += not merged
        if before is None:
            result.created.append(event.id)
        elif event.id not in result.created:
            result.reported_again.setdefault(event.id, before)
        _add_source(session, event, article, sentence_id, extracted)
        # Rounds this report joined into one: earlier lines now settle the one kept, and
        # no fact is told of a record that is gone.
        settled = [(event if e.id in gone else e, x) for e, x in settled]
        if gone:
            result.created = [i for i in result.created if i not in gone]
            for i in gone:
                result.reported_again.pop(i, None)
        settled.append((event, extracted))
        for participant in extracted.participants:
            person = entity_for(participant.entity_key)
            if person is None:
                continue
            side = entity_for(participant.delegation_of, "organisation") or entity_for(
                participant.delegation_of, "country"
            )
            _add_participant(session, event, person, participant.role, side, article, sentence_id)
        index_event(session, event)

    session.flush()
    settle_stored_rounds(session, settled, article)
    for quote in extraction.quotes:
        sentence_id = sentence_ids.get(quote.sentence)
        if sentence_id is None:
            continue
        speaker = entity_for(quote.speaker_key, "person")
        text_hash = hashlib.sha256(quote.text.encode("utf-8")).hexdigest()
        row = Quote(
            id=kept.quote(article.id, text_hash) if kept else None,
            speaker_id=speaker.id if speaker else None,
            speaker_label=speaker.name if speaker else quote.speaker_label,
            text=quote.text,
            text_hash=text_hash,
            said_on=quote.said.start if quote.said else None,
            said_granularity=quote.said.granularity if quote.said else None,
            article_id=article.id,
            sentence_id=sentence_id,
            first_reported_at=article.published_at,
        )
        session.add(row)
        session.flush()
        result.quotes += 1
        result.quote_ids.append(row.id)
        subjects = {e.id for e in map(entity_for, quote.about_keys) if e is not None}
        for subject_id in sorted(subjects - {row.speaker_id}):
            session.add(QuoteSubject(quote_id=row.id, entity_id=subject_id))
        session.add(SearchDoc(kind="quote", ref_id=row.id, body=f"{row.speaker_label}: {row.text}"))
    session.flush()
    return result


def _offset_minutes(moment) -> int | None:
    offset = moment.utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def _store_sentences(session: Session, article: Article, extraction: Extraction) -> dict[int, int]:
    rows = [
        Sentence(article_id=article.id, position=s.index, paragraph=s.paragraph, text=s.text)
        for s in extraction.sentences
    ]
    session.add_all(rows)
    session.flush()
    session.add_all(SearchDoc(kind="sentence", ref_id=row.id, body=row.text) for row in rows)
    return {row.position: row.id for row in rows}


def _merge_or_create(
    session, article, extracted: ExtractedEvent, entity_for, kept: KeptIds | None
) -> tuple[Event, EventBefore | None, set[int]]:
    """The event this report tells of, what it was before (None: created now), and the
    rounds it showed to be that one and joined into it."""
    place = entity_for(extracted.place_key, "place")
    existing = find_same_event(session, extracted, place, article.id)
    if existing is None:
        when = extracted.when
        event = Event(
            id=kept.event(extracted, place.id if place else None) if kept else None,
            kind=extracted.kind,
            title=extracted.title,
            title_key=name_key(extracted.title),
            summary=extracted.summary,
            start_date=when.start if when else None,
            end_date=when.end if when else None,
            granularity=when.granularity if when else None,
            place_id=place.id if place else None,
            status=extracted.status,
            issues="; ".join(dict.fromkeys(extracted.issues)),
            outcome=extracted.outcome,
            background=extracted.background,
            first_reported_at=article.published_at,
            last_reported_at=article.published_at,
            confidence=extracted.confidence,
            unconfirmed=extracted.unconfirmed,
        )
        session.add(event)
        session.flush()
        return event, None, set()
    # A syndicated copy repeats the same sentence: one report, however many outlets.
    echo = session.exec(
        select(EventSource.id).where(
            EventSource.event_id == existing.id, EventSource.summary == extracted.summary
        )
    ).first() is not None
    joined = also_same_rounds(session, extracted, place, existing)
    before = EventBefore(existing.status, existing.unconfirmed)
    fold_into(existing, extracted, article, place.id if place else None, echo=echo)
    gone = join_rounds(session, existing, joined) if joined else set()
    session.add(existing)
    return existing, before, gone


def _add_source(session, event: Event, article: Article, sentence_id: int, extracted) -> None:
    exists = session.exec(
        select(EventSource.id).where(
            EventSource.event_id == event.id, EventSource.sentence_id == sentence_id
        )
    ).first()
    if exists is None:
        session.add(
            EventSource(
                event_id=event.id,
                article_id=article.id,
                sentence_id=sentence_id,
                status=extracted.status,
                summary=extracted.summary,
                reported_at=article.published_at,
                start_date=extracted.when.start if extracted.when else None,
                end_date=extracted.when.end if extracted.when else None,
                granularity=extracted.when.granularity if extracted.when else None,
                evidence=json.dumps(extracted.evidence, ensure_ascii=False)
                if extracted.evidence else None,
                confidence=extracted.confidence,
            )
        )


def _add_participant(session, event, person, role, side, article, sentence_id) -> None:
    exists = session.exec(
        select(EventEntity.id).where(
            EventEntity.event_id == event.id,
            EventEntity.entity_id == person.id,
            EventEntity.role == role,
        )
    ).first()
    if exists is None:
        session.add(
            EventEntity(
                event_id=event.id,
                entity_id=person.id,
                role=role,
                delegation_of_id=side.id if side else None,
                article_id=article.id,
                sentence_id=sentence_id,
            )
        )
        session.flush()


def index_event(session: Session, event: Event) -> None:
    names = session.exec(
        select(Entity.name)
        .join(EventEntity, EventEntity.entity_id == Entity.id)
        .where(EventEntity.event_id == event.id)
    ).all()
    place = session.get(Entity, event.place_id) if event.place_id else None
    parts = [event.title, event.summary, place.name if place else "", event.issues, *names]
    body = " ".join(p for p in parts if p)
    doc = session.exec(
        select(SearchDoc).where(SearchDoc.kind == "event", SearchDoc.ref_id == event.id)
    ).first()
    if doc is None:
        session.add(SearchDoc(kind="event", ref_id=event.id, body=body))
    elif doc.body != body:
        doc.body = body
        session.add(doc)
