"""Ingest a batch of articles: each article once, extract the rest, one transaction each.

Once means: the same text is a duplicate; a syndicated copy (the same report at another
address, found by `bot.ingest.near_copies`) is stored once and lists its outlet among the
article's carriers; a changed text at an address already stored is a new version of that
article, extracted again, its facts keeping that version as their source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot.feeds.urls import normalise_url
from bot.ingest.model import ArticleInput
from bot.ingest.near_copies import FingerprintIndex, is_copy, shingles, simhash
from bot.ingest.pipeline import extract
from bot.ingest.sources import Rejection, content_hash
from bot.store.database import session_scope
from bot.store.fact_log import log_carried, log_facts
from bot.store.locks import hold_ingest_lock
from bot.store.models import Article, ArticleCarrier
from bot.store.writer import store_extraction


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # of the duplicates: another outlet's
    versions: list[str] = field(default_factory=list)  # of the added: a changed page
    rejected: list[Rejection] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0
    quotes: int = 0
    people: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.rejected


def ingest_articles(
    engine: Engine,
    items: Iterable[ArticleInput | Rejection],
    *,
    on_item: Callable[[str], None] | None = None,
    stored_prints: FingerprintIndex | None = None,
) -> IngestReport:
    """Ingest `items`, each in its own transaction.  `stored_prints` lets a caller that
    ingests again and again (a feed poll) keep one index of the stored fingerprints."""
    report = IngestReport()
    stored_prints = stored_prints if stored_prints is not None else FingerprintIndex()
    for item in items:
        if isinstance(item, Rejection):
            report.rejected.append(item)
        else:
            _ingest_one(engine, Arrival(item), stored_prints, report)
        if on_item is not None:
            on_item(item.source_name)
    return report


@dataclass
class Arrival:
    """An article on its way in, with what placing it needs, each worked out once and
    only when asked: most arrivals are settled by their hash or their address."""

    item: ArticleInput

    @cached_property
    def digest(self) -> str:
        return content_hash(self.item.text)

    @cached_property
    def shingles(self) -> set[str]:
        return shingles(self.item.text)

    @cached_property
    def fingerprint(self) -> int | None:
        return simhash(self.shingles)


@dataclass(frozen=True)
class Placement:
    """Where an arriving article belongs: beside a stored one (`same`, `copy`), after it
    (`version`), or on its own (`new`)."""

    kind: str
    article_id: int | None = None
    version: int = 1


# A copy is confirmed against the text of a few of the closest fingerprints, not of all.
CANDIDATES_READ = 5


def place_article(session: Session, arrival: Arrival, stored_prints: FingerprintIndex
                  ) -> Placement:
    item = arrival.item
    same = session.exec(select(Article.id).where(Article.content_hash == arrival.digest)).first()
    if same is not None:
        return Placement("same", same)
    if item.url:
        addresses = {item.url, normalise_url(item.url)}
        earlier = session.exec(
            select(Article).where(Article.url.in_(addresses)).order_by(Article.id)
        ).first()
        if earlier is not None:
            first = earlier.version_of_id or earlier.id
            last = session.exec(
                select(func.max(Article.version)).where(
                    (Article.id == first) | (Article.version_of_id == first)
                )
            ).one()
            return Placement("version", first, (last or 1) + 1)
    if arrival.fingerprint is None:
        return Placement("new")
    catch_up(session, stored_prints)
    for candidate in stored_prints.near(arrival.fingerprint)[:CANDIDATES_READ]:
        other = session.get(Article, candidate)
        if other is not None and is_copy(arrival.shingles, other.raw_text or other.text):
            return Placement("copy", candidate)
    return Placement("new")


def catch_up(session: Session, stored_prints: FingerprintIndex) -> None:
    """Add the fingerprints stored since the index last looked.  Articles are stored under
    the ingest lock (`hold_ingest_lock`), so their ids are committed in order and none can
    appear later below `newest`."""
    rows = session.exec(
        select(Article.id, Article.simhash)
        .where(Article.id > stored_prints.newest)
        .order_by(Article.id)
    ).all()
    for article_id, print_ in rows:
        stored_prints.add(article_id, print_)


def _ingest_one(
    engine: Engine, arrival: Arrival, stored_prints: FingerprintIndex, report: IngestReport
) -> None:
    item = arrival.item
    with session_scope(engine) as session:
        placement = place_article(session, arrival, stored_prints)
        if _already_stored(session, item, placement, report):
            return
    extraction = extract(item)
    if not extraction.sentences:
        report.rejected.append(Rejection(item.source_name, "no story text left after cleaning"))
        return
    with session_scope(engine) as session:
        hold_ingest_lock(session)  # a rebuild in progress finishes first
        placement = place_article(session, arrival, stored_prints)  # another writer's meanwhile?
        if _already_stored(session, item, placement, report):
            return
        stored = store_extraction(session, item, extraction, arrival.digest)
        stored.article.simhash = arrival.fingerprint
        if placement.kind == "version":
            stored.article.version = placement.version
            stored.article.version_of_id = placement.article_id
            report.versions.append(item.source_name)
        session.add(stored.article)
        session.flush()
        log_facts(session, stored, now=datetime.now(UTC))
    report.added.append(item.source_name)
    report.events_new += stored.events_new
    report.events_merged += stored.events_merged
    report.quotes += stored.quotes
    report.people |= stored.people


def _already_stored(
    session: Session, item: ArticleInput, placement: Placement, report: IngestReport
) -> bool:
    if placement.kind not in ("same", "copy"):
        return False
    report.duplicates.append(item.source_name)
    if _add_carrier(session, placement.article_id, item):
        report.copies.append(item.source_name)
        log_carried(session, placement.article_id, now=datetime.now(UTC))
    return True


def _add_carrier(session: Session, article_id: int, item: ArticleInput) -> bool:
    """List the item's outlet as a carrier of the stored article, unless it is the article
    itself or listed already."""
    article = session.get(Article, article_id)
    url = normalise_url(item.url) if item.url else None
    if (item.outlet, url) == (article.outlet, normalise_url(article.url) if article.url else None):
        return False
    listed = session.exec(
        select(ArticleCarrier.outlet, ArticleCarrier.url).where(
            ArticleCarrier.article_id == article_id
        )
    ).all()
    if (item.outlet, url) in {(outlet, u) for outlet, u in listed}:
        return False
    published: datetime | None = item.published_at
    session.add(ArticleCarrier(article_id=article_id, outlet=item.outlet, url=url,
                               published_at=published))
    return True
