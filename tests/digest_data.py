"""A small invented timeline for the digest's tests and benchmark: articles with known
ingest times, rounds, developments and quotes, naming people and places by name.

The rows themselves are written by `tests.story_rows.StoryRows`, the one builder of
timeline rows for tests; this adds what the digest needs on top (ingest times, entities
found again by name, numbered articles)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.store.models import Article, Entity, Event, Quote
from tests.story_rows import StoryRows

_numbers = itertools.count(1)


class Timeline:
    """Writes invented but well-formed timeline rows; every fact has its article and sentence."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows = StoryRows(session)
        self.entities: dict[str, Entity] = {}

    def entity(self, name: str, kind: str = "person", *spellings: str) -> Entity:
        if name not in self.entities:
            self.entities[name] = self.rows.entity(kind, name, *spellings, known=True)
        return self.entities[name]

    def article(
        self, outlet: str, ingested_at: datetime, *, published_at: datetime | None = None
    ) -> Article:
        return self.rows.article(
            outlet,
            published_at or ingested_at - timedelta(hours=1),
            f"https://news.example/{next(_numbers)}",
            ingested_at=ingested_at,
        )

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
        event = self.rows.event(
            kind,
            title,
            article,
            title,
            start=on,
            place=self.entity(place, "place") if place else None,
            status=status,
            background=background,
        )
        for person in people:
            self.rows.part(event, self.entity(person), "participant", article)
        return event

    def report(self, event: Event, article: Article, *, status: str | None = None) -> None:
        """Another article carrying the same event (saying `status` of it, if given)."""
        self.rows.report(event, article, event.title, status=status or event.status)

    def quote(
        self,
        article: Article,
        speaker: str,
        text: str,
        *,
        on: date | None = None,
        about: Event | None = None,
    ) -> Quote:
        return self.rows.quote(
            self.entity(speaker),
            speaker,
            text,
            article,
            f"{speaker} said: {text}",
            said=on,
            event=about,
        )
