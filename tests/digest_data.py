"""A small invented timeline written straight into the store, for the digest's tests and
benchmark: articles with known ingest times, rounds, developments and quotes."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from bot.names import name_key
from bot.store.models import (
    Alias,
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    Sentence,
)

_numbers = itertools.count(1)


class Timeline:
    """Writes invented but well-formed timeline rows; every fact has its article and sentence."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.entities: dict[str, Entity] = {}

    def entity(self, name: str, kind: str = "person", *spellings: str) -> Entity:
        if name not in self.entities:
            entity = Entity(kind=kind, name=name, key=name_key(name), known=True)
            self.session.add(entity)
            self.session.flush()
            for spelling in {name, *spellings}:
                self.session.add(
                    Alias(entity_id=entity.id, kind=kind, text=spelling, key=name_key(spelling))
                )
            self.entities[name] = entity
        return self.entities[name]

    def article(
        self, outlet: str, ingested_at: datetime, *, published_at: datetime | None = None
    ) -> Article:
        number = next(_numbers)
        article = Article(
            outlet=outlet,
            url=f"https://news.example/{number}",
            title=f"Report {number}",
            published_at=published_at or ingested_at - timedelta(hours=1),
            ingested_at=ingested_at,
            content_hash=hashlib.sha256(f"{number}-{ingested_at}".encode()).hexdigest(),
            text=f"Report {number}.",
        )
        self.session.add(article)
        self.session.flush()
        return article

    def _sentence(self, article: Article, text: str) -> Sentence:
        position = self.session.scalar(
            select(func.count()).select_from(Sentence).where(Sentence.article_id == article.id)
        )
        sentence = Sentence(article_id=article.id, position=position, paragraph=0, text=text)
        self.session.add(sentence)
        self.session.flush()
        return sentence

    def event(
        self,
        article: Article,
        title: str,
        *,
        kind: str = "round",
        on: date | None = None,
        place: str | None = None,
        people: tuple[str, ...] = (),
        status: str | None = None,
        background: bool = False,
    ) -> Event:
        sentence = self._sentence(article, title)
        place_entity = self.entity(place, "place") if place else None
        event = Event(
            kind=kind,
            title=title,
            summary=title,
            start_date=on,
            end_date=on,
            granularity="day" if on else None,
            place_id=place_entity.id if place_entity else None,
            status=status,
            background=background,
            first_reported_at=article.published_at,
            last_reported_at=article.published_at,
        )
        self.session.add(event)
        self.session.flush()
        self.report(event, article, sentence=sentence)
        for person in people:
            self.session.add(
                EventEntity(
                    event_id=event.id,
                    entity_id=self.entity(person).id,
                    role="participant",
                    article_id=article.id,
                    sentence_id=sentence.id,
                )
            )
        return event

    def report(
        self,
        event: Event,
        article: Article,
        *,
        sentence: Sentence | None = None,
        status: str | None = None,
    ) -> None:
        """Another article carrying the same event (saying `status` of it, if given)."""
        sentence = sentence or self._sentence(article, event.title)
        self.session.add(
            EventSource(
                event_id=event.id,
                article_id=article.id,
                sentence_id=sentence.id,
                status=status or event.status,
                summary=event.title,
                reported_at=article.published_at,
            )
        )
        self.session.flush()

    def quote(
        self,
        article: Article,
        speaker: str,
        text: str,
        *,
        on: date | None = None,
        about: Event | None = None,
    ) -> Quote:
        sentence = self._sentence(article, f"{speaker} said: {text}")
        quote = Quote(
            speaker_id=self.entity(speaker).id,
            speaker_label=speaker,
            text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest(),
            said_on=on,
            said_granularity="day" if on else None,
            article_id=article.id,
            sentence_id=sentence.id,
            event_id=about.id if about else None,
            first_reported_at=article.published_at,
        )
        self.session.add(quote)
        self.session.flush()
        return quote
