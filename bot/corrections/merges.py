"""Merges: an editor's word that two records are one person, place or event.

A merge is a correction row on the record merged away (`p9`, value `{"into": 3}`), so
its typed id redirects to the record kept whenever either is read, a rebuild keeps it,
and undoing the row splits them again.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import Session

from bot.store.models import Correction

MERGE = "merge"


def into_value(number: int) -> str:
    return json.dumps({"into": number}, sort_keys=True)


def merged_into(session: Session, kinds: tuple[str, ...]) -> dict[int, int]:
    """Each record merged away and the record it now reads as, chains followed."""
    rows = session.execute(
        select(Correction.target_id, Correction.value)
        .where(Correction.target_kind.in_(kinds), Correction.field == MERGE,
               Correction.undone_at.is_(None))
        .order_by(Correction.made_at, Correction.id)
    ).all()
    direct = {target: json.loads(value)["into"] for target, value in rows}
    return {target: kept(direct, target) for target in direct}


def kept(direct: dict[int, int], number: int) -> int:
    seen = {number}
    while number in direct and direct[number] not in seen:
        number = direct[number]
        seen.add(number)
    return number


def redirect(session: Session, kinds: tuple[str, ...], number: int) -> int:
    return merged_into(session, kinds).get(number, number)


def absorbed(session: Session, kinds: tuple[str, ...], number: int) -> list[int]:
    """The record itself and every record merged into it."""
    found = merged_into(session, kinds)
    return [number, *sorted(n for n, into in found.items() if into == number)]
