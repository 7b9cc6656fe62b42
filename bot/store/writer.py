"""Write one article's `Extraction` into the store and merge it with earlier reports.

The same round reported by several articles becomes one event with several
`EventSource` rows; its status follows the newest report while each source keeps
what it said.  Re-ingesting an article is refused earlier by its content hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from sqlmodel import Session, select

from bot.dates.model import coarseness
from bot.ingest.events.confidence import CONFIRMED, combine
from bot.ingest.model import ArticleInput, ExtractedEvent, Extraction
from bot.names import name_key
from bot.store.entities import find_entity, resolve_mention
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

# How far apart two day-dated reports of a round at one place may be and still be one round:
# talks that "began Monday" and "resumed Wednesday" are the same round.
ROUND_GAP = timedelta(days=1)
# Two reports of an agreement or a collapse a day apart tell of one (time zones, "late
# Wednesday" told on Thursday); two of a proposal or a figure more than a month apart tell
# of two, unless one report gives the span that joins them.
OUTCOME_GAP = timedelta(days=1)
MERGE_LIMIT = timedelta(days=31)
OUTCOME_KINDS = ("agreement", "collapse")
# Words of the text outrank what the dates imply; see rounds._settled_status.
_DERIVED = ("dates past", "dates now", "dates ahead")
# When two sources of the same day disagree, the more final word wins.
STATUS_RANK = {"scheduled": 0, "ongoing": 1, "concluded": 2, "collapsed": 3, "agreement": 4}


@dataclass
class StoredArticle:
    article: Article
    events_new: int = 0
    events_merged: int = 0
    quotes: int = 0
    people: set[int] = field(default_factory=set)


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
        event, merged = _merge_or_create(session, article, extracted, entity_for, kept)
        result.events_merged += merged
        result.events_new += not merged
        _add_source(session, event, article, sentence_id, extracted)
        settled.append((event, extracted))
        for participant in extracted.participants:
            person = entity_for(participant.entity_key)
            if person is None:
                continue
            side = entity_for(participant.delegation_of, "organisation") or entity_for(
                participant.delegation_of, "country"
            )
            _add_participant(session, event, person, participant.role, side, article, sentence_id)
        _index_event(session, event)

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
) -> tuple[Event, bool]:
    place = entity_for(extracted.place_key, "place")
    existing = _find_same_event(session, extracted, place)
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
        return event, False
    _fold_into(existing, extracted, article)
    session.add(existing)
    return existing, True


def _find_same_event(
    session: Session, extracted: ExtractedEvent, place: Entity | None
) -> Event | None:
    if extracted.kind == "round":
        if place is None or extracted.when is None:
            return None
        candidates = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == place.id)
        ).all()
        for event in candidates:
            if _same_period(event, extracted):
                return event
        return None
    if extracted.kind in OUTCOME_KINDS:
        return _same_outcome(session, extracted)
    candidates = session.exec(
        select(Event)
        .where(Event.kind == extracted.kind, Event.title_key == name_key(extracted.title))
        .order_by(Event.id)
    ).all()
    return next((e for e in candidates if _within_a_month(e, extracted)), None)


def _within_a_month(event: Event, extracted: ExtractedEvent) -> bool:
    """The same-titled plan or figure, unless the two reports are more than a month apart."""
    when = extracted.when
    if when is None or event.start_date is None:
        return True
    gap = max(when.start - (event.end_date or event.start_date), event.start_date - when.end)
    return gap <= MERGE_LIMIT


def _same_outcome(session: Session, extracted: ExtractedEvent) -> Event | None:
    when = extracted.when
    if when is None:
        return None
    candidates = session.exec(
        select(Event).where(Event.kind == extracted.kind).order_by(Event.id)
    ).all()
    of = extracted.evidence.get("of")
    for event in candidates:
        if event.start_date is None or (of and of not in _outcome_of(session, event)):
            continue  # a truce that lapsed and a team recalled the next day are two events
        end = event.end_date or event.start_date
        if event.granularity == "day" and when.granularity == "day":
            if abs(when.start - event.start_date) <= OUTCOME_GAP:
                return event
        elif when.start <= end and event.start_date <= when.end and (
            max(end, when.end) - min(event.start_date, when.start) <= MERGE_LIMIT
        ):
            return event
    return None


def _same_period(event: Event, extracted: ExtractedEvent) -> bool:
    when = extracted.when
    if event.start_date is None or when is None:
        return False
    if event.granularity == "day" and when.granularity == "day":
        return when.start <= event.end_date + ROUND_GAP and event.start_date <= when.end + ROUND_GAP
    return when.start <= event.end_date and event.start_date <= when.end


def _outcome_of(session: Session, event: Event) -> set[str]:
    """What the reports of an outcome say it ended: "talks", "truce" or made a "deal"."""
    found = set()
    for evidence in session.exec(
        select(EventSource.evidence).where(EventSource.event_id == event.id)
    ).all():
        if evidence:
            found.add(json.loads(evidence).get("of"))
    return found


def _fold_into(event: Event, extracted: ExtractedEvent, article: Article) -> None:
    when = extracted.when
    if event.kind in OUTCOME_KINDS:
        # The finest date any report gives: "in January" and "on January 15" are one day.
        if when is not None and (
            event.start_date is None or coarseness(when.granularity) < coarseness(event.granularity)
        ):
            event.start_date, event.end_date = when.start, when.end
            event.granularity = when.granularity
    elif event.kind != "round":
        # A proposal or a figure dates from when it was first put forward; a later report
        # of it does not stretch it into a range of days.
        if when is not None and (event.start_date is None or when.start < event.start_date):
            event.start_date, event.end_date = when.start, when.end
            event.granularity = when.granularity
    elif when is not None and event.start_date is not None and event.unconfirmed \
            and not extracted.unconfirmed:
        # The first firm report of a round that rested on weak cues gives its dates.
        event.start_date, event.end_date, event.granularity = when.start, when.end, \
            when.granularity
    elif when is not None and event.start_date is not None and not _moves_dates(event, extracted):
        pass
    elif when is not None and event.start_date is not None:
        mine = coarseness(event.granularity)
        theirs = coarseness(when.granularity)
        if theirs < mine:
            event.start_date, event.end_date, event.granularity = (
                when.start,
                when.end,
                when.granularity,
            )
        elif theirs == mine:
            event.start_date = min(event.start_date, when.start)
            event.end_date = max(event.end_date or when.end, when.end)
    elif when is not None:
        event.start_date, event.end_date, event.granularity = when.start, when.end, when.granularity
    if extracted.status and _moves_status(event, extracted, article):
        event.status = extracted.status
    event.confidence = round(combine([event.confidence, extracted.confidence]), 2)
    event.unconfirmed = event.confidence < CONFIRMED
    issues = [i for i in event.issues.split("; ") if i] + list(extracted.issues)
    event.issues = "; ".join(dict.fromkeys(issues))
    if extracted.outcome and article.published_at >= event.last_reported_at:
        event.outcome = extracted.outcome
    if (
        len(extracted.summary) > len(event.summary)
        and article.published_at >= event.last_reported_at
    ):
        event.summary = extracted.summary
    event.background = event.background and extracted.background
    event.first_reported_at = min(event.first_reported_at, article.published_at)
    event.last_reported_at = max(event.last_reported_at, article.published_at)


def _moves_dates(event: Event, extracted: ExtractedEvent) -> bool:
    """A report that only assumes the day, rests on weak cues or recalls the round
    corroborates it; its days do not stretch what firmer news reports gave."""
    if extracted.evidence.get("dates", "").startswith("assumed"):
        return False
    if extracted.unconfirmed and not event.unconfirmed:
        return False
    return not (extracted.background and not event.background)


def _moves_status(event: Event, extracted: ExtractedEvent, article: Article) -> bool:
    """Whether this report's status replaces the event's.

    A report moves the status when it tells the change as news: a newer report, or one of
    the same day with the more final word.  A report that only recalls the round moves it
    only to a breakdown or a deal it names in words; a status inferred from the dates
    ("it was on Sunday, so it took place") never undoes a breakdown or a deal.
    """
    if event.status is None or (event.unconfirmed and not extracted.unconfirmed):
        return True  # the first firm report of a round that rested on weak cues
    if extracted.unconfirmed and not event.unconfirmed:
        return False
    strong = ("collapsed", "agreement")
    derived = extracted.evidence.get("status", "") in _DERIVED
    if derived and event.status in strong:
        return False
    if extracted.background and not event.background:
        return not derived and extracted.status in strong and event.status not in strong
    if article.published_at > event.last_reported_at:
        return True
    if article.published_at < event.last_reported_at:
        return False
    return STATUS_RANK.get(extracted.status, 0) >= STATUS_RANK.get(event.status, 0)


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


def _index_event(session: Session, event: Event) -> None:
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
