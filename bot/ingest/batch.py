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

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot.feeds.urls import normalise_url
from bot.ingest.model import ArticleInput
from bot.ingest.near_copies import copy_candidates, fingerprint, is_copy
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
) -> IngestReport:
    report = IngestReport()
    for item in items:
        if isinstance(item, Rejection):
            report.rejected.append(item)
        else:
            _ingest_one(engine, item, report)
        if on_item is not None:
            on_item(item.source_name)
    return report


@dataclass(frozen=True)
class Placement:
    """Where an arriving article belongs: beside a stored one (`same`, `copy`), after it
    (`version`), or on its own (`new`)."""

    kind: str
    article_id: int | None = None
    version: int = 1


# A copy is confirmed against the text of a few of the closest fingerprints, not of all.
CANDIDATES_READ = 5


def place_article(session: Session, item: ArticleInput, digest: str, print_: int | None
                  ) -> Placement:
    same = session.exec(select(Article.id).where(Article.content_hash == digest)).first()
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
    stored = session.exec(
        select(Article.id, Article.simhash).where(Article.simhash.is_not(None))
    ).all()
    for candidate in copy_candidates(print_, stored)[:CANDIDATES_READ]:
        other = session.get(Article, candidate)
        if is_copy(item.text, other.raw_text or other.text):
            return Placement("copy", candidate)
    return Placement("new")


def _ingest_one(engine: Engine, item: ArticleInput, report: IngestReport) -> None:
    digest = content_hash(item.text)
    print_ = fingerprint(item.text)
    with session_scope(engine) as session:
        if _already_stored(session, item, place_article(session, item, digest, print_), report):
            return
    extraction = extract(item)
    if not extraction.sentences:
        report.rejected.append(Rejection(item.source_name, "no story text left after cleaning"))
        return
    with session_scope(engine) as session:
        hold_ingest_lock(session)  # a rebuild in progress finishes first
        placement = place_article(session, item, digest, print_)  # another writer's meanwhile?
        if _already_stored(session, item, placement, report):
            return
        stored = store_extraction(session, item, extraction, digest)
        stored.article.simhash = print_
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
