"""Corrections in the database: recording, undoing, reading those in force, and history."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from bot.corrections.layer import Layer, Made, fold
from bot.corrections.merges import MERGE, SPLIT, into_value
from bot.store.models import Correction, Event

EVENT_KINDS = ("r", "e")


def record(
    session: Session,
    *,
    target: tuple[str, int],
    field: str,
    value: dict,
    before: str,
    after: str,
    reason: str | None,
    by: int | None,
    by_name: str,
    now: datetime,
) -> Correction:
    row = Correction(
        target_kind=target[0],
        target_id=target[1],
        field=field,
        value=json.dumps(value, sort_keys=True),
        before=before,
        after=after,
        reason=reason,
        made_by=by,
        made_by_name=by_name,
        made_at=now,
    )
    session.add(row)
    session.flush()
    return row


def in_force(session: Session, kinds: Iterable[str], ids: Iterable[int]) -> dict[int, Layer]:
    """The layer of each item that has corrections in force, in one query.  A record a
    split made carries that split as its own correction too."""
    ids = list(ids)
    if not ids:
        return {}
    wanted = set(ids)
    rows = session.execute(
        select(Correction)
        .where(
            Correction.target_kind.in_(list(kinds)),
            Correction.target_id.in_(ids) | (Correction.field == SPLIT),
            Correction.undone_at.is_(None),
        )
        .order_by(Correction.made_at, Correction.id)
    ).scalars()
    made: dict[int, list[Made]] = defaultdict(list)
    for row in rows:
        one = Made(row.field, row.value, row.reason, row.made_at)
        if row.target_id in wanted:
            made[row.target_id].append(one)
        if row.field == SPLIT and json.loads(row.value).get("new") in wanted:
            made[json.loads(row.value)["new"]].append(one)
    return {item: fold(found) for item, found in made.items()}


def layer_of(session: Session, kind: str, number: int) -> Layer | None:
    kinds = EVENT_KINDS if kind in EVENT_KINDS else (kind,)
    return in_force(session, kinds, [number]).get(number)


def hidden_ids(kinds: tuple[str, ...]) -> ColumnElement:
    """The ids of items hidden by an editor, or merged into another, as a subquery for
    `not_in`."""
    return select(Correction.target_id).where(
        Correction.target_kind.in_(kinds),
        Correction.field.in_(("hide", MERGE)),
        Correction.undone_at.is_(None),
    )


def not_hidden_event() -> ColumnElement[bool]:
    return Event.id.not_in(hidden_ids(EVENT_KINDS))


def last_of(session: Session, user_id: int | None) -> Correction | None:
    """The newest correction this user made that is still in force."""
    return session.execute(
        select(Correction)
        .where(Correction.made_by.is_(None) if user_id is None else Correction.made_by == user_id,
               Correction.undone_at.is_(None))
        .order_by(Correction.made_at.desc(), Correction.id.desc())
        .limit(1)
    ).scalars().first()


def history(session: Session, kind: str, number: int, *, limit: int = 30) -> list[Correction]:
    """The corrections of an item, the merges into it, and the splits that made it or
    ended its merge into another."""
    kinds = EVENT_KINDS if kind in EVENT_KINDS else (kind,)
    own_merges = set(session.execute(
        select(Correction.id).where(Correction.target_kind.in_(kinds),
                                    Correction.target_id == number, Correction.field == MERGE)
    ).scalars())
    made_it = [
        ident for ident, value in session.execute(
            select(Correction.id, Correction.value)
            .where(Correction.target_kind.in_(kinds), Correction.field == SPLIT)
        ).all()
        if json.loads(value).get("new") == number
        or own_merges & set(json.loads(value).get("unmerged", []))
    ]
    return list(
        session.execute(
            select(Correction)
            .where(Correction.target_kind.in_(kinds),
                   (Correction.target_id == number)
                   | ((Correction.field == MERGE) & (Correction.value == into_value(number)))
                   | Correction.id.in_(made_it))
            .order_by(Correction.made_at, Correction.id)
            .limit(limit)
        ).scalars()
    )


def corrected_between(session: Session, low: datetime, high: datetime) -> list[Correction]:
    """Corrections of facts made in (low, high] and still in force, oldest first: what
    the digest's Corrections section tells."""
    return list(
        session.execute(
            select(Correction)
            .where(Correction.made_at > low, Correction.made_at <= high,
                   Correction.field != "verify", Correction.undone_at.is_(None))
            .order_by(Correction.made_at, Correction.id)
        ).scalars()
    )


def moved_and_redated(session: Session) -> tuple[dict[int, tuple], dict[int, tuple]]:
    """Events whose place or dates an editor corrected, newest correction winning: each
    moved event's (place id, name), the id None for a place typed that is on no record,
    and each re-dated event's (start, end).  Few rows, so searches by place or date can use them."""
    rows = session.execute(
        select(Correction.target_id, Correction.field, Correction.value)
        .where(Correction.target_kind.in_(EVENT_KINDS), Correction.field.in_(("place", "dates")),
               Correction.undone_at.is_(None))
        .order_by(Correction.made_at, Correction.id)
    ).all()
    places: dict[int, tuple] = {}
    dates: dict[int, tuple] = {}
    for target, field, value in rows:
        found = json.loads(value)
        if field == "place":
            places[target] = (found.get("place_id"), found["name"])
        else:
            dates[target] = (date.fromisoformat(found["start"]), date.fromisoformat(found["end"]))
    return places, dates
