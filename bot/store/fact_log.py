"""The fact log: the facts an ingest brought into the timeline, for the watches to match.

It is written in the ingest's own transaction, so the facts of an article stored by any
process (a feed poll, /ingest, a `timeline-bot ingest` beside the bot) reach the running
bot's watches through the database, and facts that were rolled back never do.  A rebuild
writes the timeline again but logs nothing: what it reads again is not news.  An event
stated as unconfirmed, or only recalled as background, is no fact to alert on.

A round, proposal, agreement, figure or quote first reported is `new`; a round whose
status a report moved is `moved`; a fact on record told again (another article, or a
syndicated copy listed as a carrier) is `also`, which edits the cards already sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlmodel import Session

from bot.store.models import Event, EventSource, FactLog, Quote
from bot.store.writer import StoredArticle

_FACT_LOG = FactLog.__table__


def log_facts(session: Session, stored: StoredArticle, *, now: datetime) -> int:
    """Log what a newly stored article brought; the number of rows written."""
    article_id = stored.article.id
    ids = [*stored.created, *stored.reported_again]
    events = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_(ids)))}
    rows: list[dict] = []
    for event_id in dict.fromkeys(stored.created):
        event = events.get(event_id)
        if event is not None and _news(event):
            rows.append(_row(article_id, "event", event_id, "new", now))
    for event_id, before in stored.reported_again.items():
        event = events.get(event_id)
        if event is None or not _news(event):
            continue
        if before.unconfirmed:  # the first firm report of it: it enters the timeline now
            rows.append(_row(article_id, "event", event_id, "new", now))
        elif event.kind == "round" and event.status and event.status != before.status:
            rows.append(_row(article_id, "event", event_id, "moved", now,
                             status=event.status, before=before.status))
        else:
            rows.append(_row(article_id, "event", event_id, "also", now))
    rows += _quote_rows(session, article_id, stored.quote_ids, now)
    return _write(session, rows)


def log_carried(session: Session, article_id: int, *, now: datetime) -> int:
    """Log that another outlet carried a stored article: each of its facts told again."""
    event_ids = session.scalars(
        select(Event.id)
        .where(Event.id.in_(select(EventSource.event_id).where(
            EventSource.article_id == article_id)))
        .where(Event.unconfirmed.is_(False), Event.background.is_(False))
        .order_by(Event.id)
    ).all()
    rows = [_row(article_id, "event", event_id, "also", now) for event_id in event_ids]
    quote_ids = session.scalars(select(Quote.id).where(Quote.article_id == article_id)).all()
    rows += [
        {**row, "change": "also"}
        for row in _quote_rows(session, article_id, quote_ids, now)
    ]
    return _write(session, rows)


def _news(event: Event) -> bool:
    return not event.unconfirmed and not event.background


def _quote_rows(
    session: Session, article_id: int, quote_ids: Iterable[int], now: datetime
) -> list[dict]:
    """Each quote as the fact of its words: `new` the first time they were reported, else
    `also` on the quote that first reported them."""
    quote_ids = list(quote_ids)
    if not quote_ids:
        return []
    hashes = dict(
        session.execute(select(Quote.id, Quote.text_hash).where(Quote.id.in_(quote_ids))).all()
    )
    first = dict(
        session.execute(
            select(Quote.text_hash, func.min(Quote.id))
            .where(Quote.text_hash.in_(set(hashes.values())))
            .group_by(Quote.text_hash)
        ).all()
    )
    rows = []
    for quote_id in quote_ids:
        original = first[hashes[quote_id]]
        change = "new" if original == quote_id else "also"
        rows.append(_row(article_id, "quote", original, change, now))
    return rows


def _row(article_id: int, kind: str, ref_id: int, change: str, now: datetime,
         *, status: str | None = None, before: str | None = None) -> dict:
    return {
        "article_id": article_id, "kind": kind, "ref_id": ref_id, "change": change,
        "status": status, "before": before, "logged_at": now, "matched_at": None,
    }


def _write(session: Session, rows: list[dict]) -> int:
    unique = list({(r["kind"], r["ref_id"], r["change"]): r for r in rows}.values())
    if unique:
        session.execute(insert(_FACT_LOG), unique)
    return len(unique)
