"""Ingest a batch of articles: skip duplicates, extract the rest, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.ingest.model import ArticleInput
from bot.ingest.pipeline import extract
from bot.ingest.sources import Rejection, content_hash
from bot.store.database import session_scope
from bot.store.locks import hold_ingest_lock
from bot.store.models import Article
from bot.store.writer import store_extraction


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
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


def _ingest_one(engine: Engine, item: ArticleInput, report: IngestReport) -> None:
    digest = content_hash(item.text)
    with session_scope(engine) as session:
        if session.exec(select(Article.id).where(Article.content_hash == digest)).first():
            report.duplicates.append(item.source_name)
            return
    extraction = extract(item)
    if not extraction.sentences:
        report.rejected.append(Rejection(item.source_name, "no story text left after cleaning"))
        return
    with session_scope(engine) as session:
        hold_ingest_lock(session)  # a rebuild in progress finishes first
        if session.exec(select(Article.id).where(Article.content_hash == digest)).first():
            report.duplicates.append(item.source_name)  # stored meanwhile by another writer
            return
        stored = store_extraction(session, item, extraction, digest)
    report.added.append(item.source_name)
    report.events_new += stored.events_new
    report.events_merged += stored.events_merged
    report.quotes += stored.quotes
    report.people |= stored.people
