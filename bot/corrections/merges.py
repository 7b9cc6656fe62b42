"""Merges and splits: an editor's word that two records are one, or that one is two.

A merge is a correction row on the record merged away (`p9`, value `{"into": 3}`), so
its typed id redirects to the record kept whenever either is read, a rebuild keeps it,
and undoing the row splits them again.  A split (`bot.corrections.splits`) is a row on
the record split (`p3`, value `{"new": 41, ...}`); once undone, the record it made reads
as the one it came from, so buttons and links that carry its id still open something.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from bot.store.models import Correction

MERGE = "merge"
SPLIT = "split"


@dataclass(frozen=True)
class Links:
    merged: dict[int, int]  # each record merged away: the record it now reads as
    born: dict[int, int]  # each record a split in force made: the record it came from


def into_value(number: int) -> str:
    return json.dumps({"into": number}, sort_keys=True)


def links(session: Session, kinds: tuple[str, ...]) -> Links:
    """The merges and splits in force among records of these kinds."""
    return families(session)[_family(kinds[0])]


def families(session: Session) -> dict[str, Links]:
    """The merges and splits in force, of people and places ("p") and of rounds and events
    ("e"), in one query: they are few, and every list of events reads both."""
    rows = session.execute(
        select(Correction.target_kind, Correction.target_id, Correction.field,
               Correction.value, Correction.undone_at)
        .where(Correction.field.in_((MERGE, SPLIT)),
               Correction.undone_at.is_(None) | (Correction.field == SPLIT))
        .order_by(Correction.made_at, Correction.id)
    ).all()
    direct: dict[str, dict[int, int]] = {"p": {}, "e": {}}
    born: dict[str, dict[int, int]] = {"p": {}, "e": {}}
    for letter, target, field, value, undone_at in rows:
        family, found = _family(letter), json.loads(value)
        if field == MERGE:
            direct[family][target] = found["into"]
        elif found.get("new") is not None:
            if undone_at is None:
                born[family][found["new"]] = target
            else:
                direct[family].setdefault(found["new"], target)
    return {
        family: Links({t: kept(direct[family], t) for t in direct[family]}, born[family])
        for family in direct
    }


def _family(letter: str) -> str:
    return "p" if letter == "p" else "e"


def merged_into(session: Session, kinds: tuple[str, ...]) -> dict[int, int]:
    """Each record merged away and the record it now reads as, chains followed."""
    return links(session, kinds).merged


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
