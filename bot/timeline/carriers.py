"""The outlets that carried each article: its own first, then each syndicated copy's."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from bot.store.models import Article, ArticleCarrier


@dataclass(frozen=True)
class Carrier:
    outlet: str
    url: str | None
    published: datetime | None


def carriers_of(session: Session, articles: list[Article]) -> dict[int, list[Carrier]]:
    """Each article's carriers by its id; an article no one copied has itself alone."""
    found: dict[int, list[Carrier]] = {
        a.id: [Carrier(a.outlet, a.url, a.published_at)] for a in articles
    }
    copies: dict[int, list[Carrier]] = defaultdict(list)
    rows = session.execute(
        select(ArticleCarrier)
        .where(ArticleCarrier.article_id.in_(list(found)))
        .order_by(ArticleCarrier.id)
    ).scalars()
    for row in rows:
        copies[row.article_id].append(Carrier(row.outlet, row.url, row.published_at))
    return {key: own + copies.get(key, []) for key, own in found.items()}
