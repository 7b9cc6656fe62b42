"""Ingest an article from its link: fetch the page, read it, judge it, store it.

A link given by hand is taken as given; the outcome says when the story filter would
have skipped it, so the admin can see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.fetch.fetcher import Fetcher, FetchError
from bot.ingest.batch import IngestReport, ingest_articles
from bot.ingest.model import ArticleInput
from bot.ingest.pages import page_article
from bot.ingest.relevance import Relevance, judge
from bot.ingest.sources import Rejection
from bot.store.database import session_scope
from bot.store.models import Entity


@dataclass(frozen=True)
class LinkOutcome:
    url: str
    report: IngestReport
    relevance: Relevance | None
    outlet: str | None = None

    @property
    def filter_warning(self) -> str | None:
        if self.relevance is None or self.relevance.on_story:
            return None
        return f"The story filter would have skipped this page ({self.relevance.reason})."


def known_names(session: Session) -> tuple[str, ...]:
    """The timeline's own names: extra weight for the filter, never a decision alone."""
    return tuple(session.exec(select(Entity.name).order_by(Entity.id)).all())


def judge_article(engine: Engine, item: ArticleInput) -> Relevance:
    with session_scope(engine) as session:
        names = known_names(session)
    return judge(item.text, known_names=names)


def ingest_link(
    engine: Engine,
    fetcher: Fetcher,
    url: str,
    *,
    outlet: str | None = None,
    published: str | None = None,
) -> LinkOutcome:
    try:
        fetched = fetcher.fetch(url, kind="page")
    except FetchError as error:
        report = IngestReport(rejected=[Rejection(url, f"could not fetch it: {error}")])
        return LinkOutcome(url, report, None)
    item = page_article(
        fetched.body, fetched.url, charset=fetched.charset, outlet=outlet, published=published
    )
    if isinstance(item, Rejection):
        return LinkOutcome(url, IngestReport(rejected=[item]), None)
    relevance = judge_article(engine, item)
    return LinkOutcome(url, ingest_articles(engine, [item]), relevance, item.outlet)
