"""Editions: the pages of each claimed delivery, composed at its first claim and kept.

A digest's window ends at its due instant, but what it shows of an event (its sources,
its status) is read when it is composed; an article ingested between a crash and the
resumed send would lengthen some lines and move the page breaks, so that page 3 of the
new composition is not page 3 of the one half sent.  The pages are therefore stored with
the claim, in the same transaction, and a resumed delivery sends exactly those pages
from `messages_sent` on.  Digests that came out alike (same filter, window and day) share
one row, so 10,000 subscribers store a handful of editions, not 10,000 copies.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from bot.digest.compose import DigestComposer
from bot.digest.deliveries import ClaimedDelivery
from bot.store.models import Delivery, DigestEdition
from bot.watches.cards import watched_in_digest

_DELIVERY = Delivery.__table__
_EDITION = DigestEdition.__table__
_IDS_PER_STATEMENT = 1000


@dataclass
class Editions:
    """What the claimed deliveries send: `ready` with their pages, and those with nothing
    new that asked to skip empty days (composed, not stored)."""

    ready: list[tuple[ClaimedDelivery, list[str]]] = field(default_factory=list)
    nothing_new: list[ClaimedDelivery] = field(default_factory=list)
    loads: int = 0  # item loads the composition needed (none for resumed deliveries)


def editions_for(
    session: Session, claimed: Sequence[ClaimedDelivery], *, now: datetime
) -> Editions:
    """The pages of every claimed delivery: stored ones for a resumed delivery, else composed
    now and stored before anything is sent."""
    result = Editions()
    stored = _stored_pages(session, {c.edition_id for c in claimed if c.edition_id is not None})
    fresh = [c for c in claimed if c.edition_id is None]
    composer = DigestComposer(session)
    composer.prepare((c.filter, c.since, c.due_at) for c in fresh)
    watched = watched_in_digest(session, [(c.chat_id, c.since, c.due_at) for c in fresh])
    edition_of_markup: dict[str, int] = {}
    assigned: dict[int, list[int]] = defaultdict(list)
    for delivery in claimed:
        if delivery.edition_id is not None:
            result.ready.append((delivery, stored[delivery.edition_id]))
            continue
        digest = composer.digest(
            delivery.filter, delivery.since, delivery.due_at, day=delivery.local_date,
            zone=delivery.zone,
            watched=watched.get((delivery.chat_id, delivery.since, delivery.due_at)),
        )
        if digest.items == 0 and delivery.skip_empty:
            result.nothing_new.append(delivery)
            continue
        pages = digest.reply.pages
        if digest.markup not in edition_of_markup:
            edition_of_markup[digest.markup] = _store(session, pages, now)
        assigned[edition_of_markup[digest.markup]].append(delivery.id)
        result.ready.append((delivery, pages))
    # One statement per edition and slice of rows: a handful for 10,000 subscribers.
    for edition_id, ids in assigned.items():
        for start in range(0, len(ids), _IDS_PER_STATEMENT):
            chunk = ids[start : start + _IDS_PER_STATEMENT]
            session.execute(
                update(_DELIVERY).where(_DELIVERY.c.id.in_(chunk)).values(edition_id=edition_id)
            )
    result.loads = composer.loads
    return result


def _stored_pages(session: Session, ids: set[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    rows = session.execute(select(_EDITION.c.id, _EDITION.c.pages).where(_EDITION.c.id.in_(ids)))
    return {edition_id: json.loads(pages) for edition_id, pages in rows}


def _store(session: Session, pages: list[str], now: datetime) -> int:
    """The id of the edition with these pages, written if no delivery had them yet."""
    text = json.dumps(pages, ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).hexdigest()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(_EDITION)
        .values(pages_hash=digest, pages=text, created_at=now)
        .on_conflict_do_nothing(index_elements=["pages_hash"])
    )
    found = select(_EDITION.c.id).where(_EDITION.c.pages_hash == digest)
    return session.execute(found).scalar_one()
