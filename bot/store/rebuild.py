"""`timeline-bot rebuild`: read every stored article again with today's extractor.

The articles stay; the timeline derived from them (sentences, entities, events, quotes,
roles) is replaced in one transaction, so a database built by an older extractor does not
keep its old mistakes.  Ingest waits on the same lock meanwhile (see `hold_ingest_lock`).
Items that still exist keep their ids, matched by kind, place, period and name (`KeptIds`);
the id of an item that is gone is never given out again, because new ids come from the
counter (`bot.store.ids`).  Editors' splits are made again on the new rows.  Subscriptions
and deliveries are not touched, and the digest keys its news to when articles arrived, so
a rebuilt timeline is no news.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.corrections import merges
from bot.corrections.splits import split_again
from bot.corrections.store import EVENT_KINDS
from bot.ids import event_id as typed_event_id
from bot.ingest.model import ArticleInput, ExtractedEvent
from bot.names import name_key
from bot.store.ids import REBUILDS
from bot.store.locks import hold_ingest_lock
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
    Sentence,
)
from bot.store.writer import store_derived

_ROUND_SLACK = timedelta(days=3)
_OUTCOME_SLACK = timedelta(days=2)
_TITLED_SLACK = timedelta(days=31)


@dataclass(frozen=True)
class _Item:
    """What a rebuild compares of an event before and after."""

    id: int
    kind: str
    title: str
    place: str | None
    start: date | None
    end: date | None
    status: str | None

    def label(self) -> str:
        when = "undated" if self.start is None else (
            self.start.isoformat() if self.end in (None, self.start)
            else f"{self.start.isoformat()}..{self.end.isoformat()}"
        )
        what = self.place or self.title
        return f"{typed_event_id(self.kind, self.id)} {what} {when} {self.status or ''}".strip()


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass
class RebuildReport:
    articles: int
    rounds: Changes
    events: Changes
    dry_run: bool


class KeptIds:
    """The previous timeline's ids, handed back to the rebuilt items that match them."""

    def __init__(self, session: Session) -> None:
        # A record an editor's split made is made again from its correction after the
        # rebuild (`split_again`): the extractor reads the two as one again, and that one
        # must come back as the record split, whichever spelling it meets first.
        people = merges.links(session, ("p",)).born
        events = merges.links(session, EVENT_KINDS).born
        self._entities: dict[tuple[str, str], int] = {}
        for kind, key, entity_id in session.execute(select(Entity.kind, Entity.key, Entity.id)):
            self._entities.setdefault((kind, key), merges.kept(people, entity_id))
        for kind, key, entity_id in session.execute(
            select(Alias.kind, Alias.key, Alias.entity_id).order_by(Alias.id)
        ):
            self._entities.setdefault((kind, key), merges.kept(people, entity_id))
        self._events = [
            (ident, kind, merges.kept(people, place) if place else place, start, end, title_key)
            for ident, kind, place, start, end, title_key in session.execute(
                select(Event.id, Event.kind, Event.place_id, Event.start_date, Event.end_date,
                       Event.title_key)
            ).all()
            if ident not in events
        ]
        self._quotes = {
            (article_id, text_hash): quote_id
            for quote_id, article_id, text_hash in session.execute(
                select(Quote.id, Quote.article_id, Quote.text_hash)
            )
        }
        self._given: set[tuple[str, int]] = set()

    def _give(self, table: str, ident: int | None) -> int | None:
        if ident is None or (table, ident) in self._given:
            return None
        self._given.add((table, ident))
        return ident

    def entity(self, kind: str, key: str) -> int | None:
        return self._give("entity", self._entities.get((kind, key)))

    def quote(self, article_id: int, text_hash: str) -> int | None:
        return self._give("quote", self._quotes.get((article_id, text_hash)))

    def event(self, extracted: ExtractedEvent, place_id: int | None) -> int | None:
        when = extracted.when
        best: tuple[int, int] | None = None
        for ident, kind, old_place, start, end, title_key in self._events:
            if kind != extracted.kind or ("event", ident) in self._given:
                continue
            if not _same_item(extracted, place_id, old_place, title_key):
                continue
            if when is not None and start is not None:
                gap = max(when.start - (end or start), start - when.end, timedelta(0))
                if gap > _slack(kind):
                    continue
                distance = abs((when.start - start).days)
            else:
                distance = 10_000
            if best is None or distance < best[0]:
                best = (distance, ident)
        return self._give("event", best[1]) if best else None


def _same_item(extracted: ExtractedEvent, place_id, old_place, title_key) -> bool:
    if extracted.kind == "round":
        return place_id is not None and place_id == old_place
    if extracted.kind in ("agreement", "collapse"):
        return place_id is None or old_place is None or place_id == old_place
    return title_key == name_key(extracted.title)


def _slack(kind: str) -> timedelta:
    if kind == "round":
        return _ROUND_SLACK
    return _OUTCOME_SLACK if kind in ("agreement", "collapse") else _TITLED_SLACK


def rebuild(
    engine: Engine, *, dry_run: bool = False, on_article: Callable[[str], None] | None = None
) -> RebuildReport:
    """Replace the derived timeline with what today's extractor reads in the articles."""
    from bot.ingest.pipeline import extract  # the extractor is heavy: only here

    with Session(engine, expire_on_commit=False) as session:
        hold_ingest_lock(session)
        before = _items(session)
        kept = KeptIds(session)
        articles = session.execute(select(Article).order_by(Article.id)).scalars().all()
        _clear_derived(session)
        session.info.pop("alias_spellings", None)  # the spellings read before are gone
        for article in articles:
            store_derived(session, article, extract(_input_of(article)), kept)
            if on_article is not None:
                on_article(article.source_name or article.title)
        split_again(session)
        _next_generation(session)
        session.flush()
        after = _items(session)
        report = RebuildReport(len(articles), *_changes(before, after), dry_run=dry_run)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return report


def _input_of(article: Article) -> ArticleInput:
    published = article.published_at
    if article.published_offset is not None:
        # The outlet's own clock: "on Tuesday" is read against its day, not UTC's.
        published = published.astimezone(timezone(timedelta(minutes=article.published_offset)))
    return ArticleInput(
        text=article.raw_text or article.text,
        outlet=article.outlet,
        published_at=published,
        url=article.url,
        title=article.title,  # given or found at ingest, it splits the page the same way
        note=article.note,
        source_name=article.source_name,
    )


def _clear_derived(session: Session) -> None:
    # Children first, so the foreign keys hold on both backends at every statement.
    for table in (EventEntity, EventSource, QuoteSubject, Quote, SearchDoc, Event, RoleClaim,
                  Alias, Entity, Sentence):
        session.execute(delete(table))
    session.flush()


def _next_generation(session: Session) -> None:
    updated = session.execute(
        text("UPDATE id_counter SET last = last + 1 WHERE name = :name"), {"name": REBUILDS}
    ).rowcount
    if not updated:
        session.execute(
            text("INSERT INTO id_counter (name, last) VALUES (:name, 1)"), {"name": REBUILDS}
        )


def _items(session: Session) -> dict[int, _Item]:
    place = select(Entity.id, Entity.name).subquery()
    rows = session.execute(
        select(Event.id, Event.kind, Event.title, place.c.name, Event.start_date, Event.end_date,
               Event.status)
        .outerjoin(place, place.c.id == Event.place_id)
    ).all()
    return {row[0]: _Item(*row) for row in rows}


def _changes(before: dict[int, _Item], after: dict[int, _Item]) -> tuple[Changes, Changes]:
    rounds, events = Changes(), Changes()
    for ident in sorted(set(before) | set(after)):
        old, new = before.get(ident), after.get(ident)
        bucket = rounds if (new or old).kind == "round" else events  # type: ignore[union-attr]
        if old is None:
            bucket.added.append(new.label())  # type: ignore[union-attr]
        elif new is None:
            bucket.removed.append(old.label())
        elif (old.place, old.start, old.end, old.status) != (
            new.place, new.start, new.end, new.status
        ):
            bucket.changed.append(f"{old.label()} → {new.label()}")
    return rounds, events
