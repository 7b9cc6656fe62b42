"""Two rounds on record that a new report shows to be one.

Reports arrive in any order.  One tells of talks in Doha on Saturday, another of talks
there on Wednesday: two rounds, as far as anyone can tell.  A third says the talks ran
from Saturday to Wednesday; it overlaps both, so the two were one round all along.  The
report is folded into the first and the second is joined to it: its reports, people and
quotes move over, and its record goes.  A round an editor has corrected is never joined
away, since the correction names its id.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, update
from sqlmodel import Session, select

from bot.ingest.events.confidence import CONFIRMED, combine
from bot.store.models import Correction, Event, EventEntity, EventSource, Quote, SearchDoc

_RANK = {"scheduled": 0, "ongoing": 1, "concluded": 2, "collapsed": 3, "agreement": 4}
_STRONG = ("collapsed", "agreement")


def join_rounds(session: Session, kept: Event, others: list[Event]) -> set[int]:
    """Fold each of `others` into `kept`, which the same report showed them to be; the ids
    of the records joined away."""
    corrected = _corrected_rounds(session)
    if kept.id in corrected:
        return set()  # an editor has spoken of this round: what it is stays theirs
    gone = set()
    for other in others:
        if other.id == kept.id or other.id in corrected:
            continue
        gone.add(other.id)
        _move_rows(session, kept, other)
        _fold_record(kept, other)
        session.execute(delete(SearchDoc).where(SearchDoc.kind == "event",
                                                SearchDoc.ref_id == other.id))
        session.delete(other)
    session.add(kept)
    session.flush()
    return gone


def _corrected_rounds(session: Session) -> set[int]:
    """Rounds an editor corrected, and those an editor split off another."""
    found: set[int] = set()
    for target, field, value in session.exec(
        select(Correction.target_id, Correction.field, Correction.value).where(
            Correction.target_kind == "r", Correction.undone_at.is_(None)
        )
    ).all():
        found.add(target)
        if field == "split":
            new = json.loads(value).get("new")
            if isinstance(new, int):
                found.add(new)
    return found


def _move_rows(session: Session, kept: Event, other: Event) -> None:
    taken = set(session.exec(
        select(EventSource.sentence_id).where(EventSource.event_id == kept.id)
    ).all())
    for source in session.exec(select(EventSource).where(EventSource.event_id == other.id)):
        if source.sentence_id in taken:
            session.delete(source)
        else:
            source.event_id = kept.id
            session.add(source)
    present = set(session.exec(
        select(EventEntity.entity_id, EventEntity.role).where(EventEntity.event_id == kept.id)
    ).all())
    for link in session.exec(select(EventEntity).where(EventEntity.event_id == other.id)):
        if (link.entity_id, link.role) in present:
            session.delete(link)
        else:
            link.event_id = kept.id
            session.add(link)
    session.execute(update(Quote).where(Quote.event_id == other.id).values(event_id=kept.id))
    session.flush()


def _fold_record(kept: Event, other: Event) -> None:
    if other.start_date is not None and kept.start_date is not None \
            and other.granularity == kept.granularity:
        kept.start_date = min(kept.start_date, other.start_date)
        kept.end_date = max(kept.end_date or kept.start_date, other.end_date or other.start_date)
    if other.status and (kept.status is None or _outranks(other, kept)):
        kept.status = other.status
    kept.confidence = round(combine([kept.confidence, other.confidence]), 2)
    kept.unconfirmed = kept.confidence < CONFIRMED
    kept.background = kept.background and other.background
    if len(other.summary) > len(kept.summary):
        kept.summary = other.summary
    kept.first_reported_at = min(kept.first_reported_at, other.first_reported_at)
    kept.last_reported_at = max(kept.last_reported_at, other.last_reported_at)


def _outranks(other: Event, kept: Event) -> bool:
    """A deal or a breakdown outranks any other word; between equals, the later report."""
    if (other.status in _STRONG) != (kept.status in _STRONG):
        return other.status in _STRONG
    if other.last_reported_at != kept.last_reported_at:
        return other.last_reported_at > kept.last_reported_at
    return _RANK.get(other.status or "", 0) > _RANK.get(kept.status or "", 0)
