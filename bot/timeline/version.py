"""How far the timeline has grown: cheap enough to ask on every answer."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from bot.store.models import Article, Event, Quote


def newest_ids(session: Session) -> tuple[int, int, int]:
    """The newest article, event and quote ids, in one round trip (each is an index's end).

    Answers derived from the whole timeline (the examples, the longest event) are kept
    until these move, which every ingest does.
    """
    row = session.execute(
        select(*(select(func.max(t.id)).scalar_subquery() for t in (Article, Event, Quote)))
    ).one()
    return row[0] or 0, row[1] or 0, row[2] or 0
