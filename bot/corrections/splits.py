"""Splits: an editor's word that one record is two, undoing a wrong merge.

A record may hold two things for two reasons.  An editor merged them (`/merge`): the
split ends that merge, and the record merged away reads as itself again, with its own
id.  Or the extractor folded them together (two people under one record, two rounds
under one): the editor picks the spellings and the sources that belong to the other,
and a new record with an id of its own takes them (`bot.store.splitting`).

Either way the split is one correction row on the record split, so it says who, when
and why, /history lists it, /undo reverses all of it, and a rebuild splits the records
again from it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from bot.corrections import store
from bot.corrections.items import record_name
from bot.corrections.merges import MERGE, SPLIT, into_value
from bot.names import name_key
from bot.store.ids import allocate
from bot.store.models import Article, Correction, Entity, Event
from bot.store.splitting import (
    entity_articles,
    event_articles,
    join_entity,
    join_event,
    split_entity,
    split_event,
)
from bot.timeline.people import spellings

MERGED, SPELLING, SOURCE = "merged", "spelling", "source"
# Options per kind that a menu offers: with three kinds, the picks fit in callback data.
PER_GROUP = 10


@dataclass(frozen=True)
class Option:
    """One thing a split may give the new record: a record merged in, a spelling, a source."""

    group: str  # merged, spelling, source
    key: str  # the merge's correction id, the spelling, the article id
    text: str  # the record's typed id and name, the spelling, the outlet
    day: datetime | None = None  # a source's publication
    record: tuple[str, int] | None = None  # the record merged in: its letter and number


@dataclass(frozen=True)
class Splittable:
    """A record and what a split of it may give the new record, in a fixed order."""

    letter: str
    number: int
    name: str
    options: tuple[Option, ...]
    more_sources: int = 0  # sources left out of the menu (the oldest), which stay

    @property
    def typed(self) -> str:
        return f"{self.letter}{self.number}"

    @property
    def fingerprint(self) -> str:
        """Changes whenever the options do, so a pick made on an old menu is refused."""
        listed = "|".join(f"{o.group}:{o.key}" for o in self.options)
        return hashlib.blake2s(listed.encode(), digest_size=3).hexdigest()

    def of(self, group: str) -> list[Option]:
        return [o for o in self.options if o.group == group]


def splittable(session: Session, letter: str, number: int, name: str) -> Splittable:
    """What may be split off record `letter``number` (which exists)."""
    options = _merged_in(session, letter, number)
    if letter == "p":
        options += _spellings(session, number)
        articles = entity_articles(session, number)
    else:
        articles = event_articles(session, number)
    shown = articles[-PER_GROUP:]
    options += _sources(session, shown)
    return Splittable(letter, number, name, tuple(options), len(articles) - len(shown))


def _merged_in(session: Session, letter: str, number: int) -> list[Option]:
    rows = session.execute(
        select(Correction)
        .where(Correction.target_kind.in_(_kinds(letter)), Correction.field == MERGE,
               Correction.value == into_value(number), Correction.undone_at.is_(None))
        .order_by(Correction.made_at, Correction.id)
        .limit(PER_GROUP)
    ).scalars()
    return [
        Option(MERGED, str(row.id), f"{row.target_kind}{row.target_id} "
               + (record_name(session, row.target_kind, row.target_id) or ""),
               record=(row.target_kind, row.target_id))
        for row in rows
    ]


def _spellings(session: Session, number: int) -> list[Option]:
    entity = session.get(Entity, number)
    texts = [entity.name, *spellings(session, number, entity.name)] if entity else []
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(name_key(text), text)
    return [Option(SPELLING, text, text) for text in list(seen.values())[:PER_GROUP]]


def _sources(session: Session, articles: list[int]) -> list[Option]:
    rows = {
        a.id: a for a in session.execute(select(Article).where(Article.id.in_(articles)))
        .scalars()
    }
    return [Option(SOURCE, str(i), rows[i].outlet, rows[i].published_at) for i in articles]


def _kinds(letter: str) -> tuple[str, ...]:
    return store.EVENT_KINDS if letter in store.EVENT_KINDS else ("p",)


def check(record: Splittable, picked: list[Option]) -> str | None:
    """Why these picks make no split, in one line; None when they do."""
    spellings = [o for o in picked if o.group == SPELLING]
    sources = [o for o in picked if o.group == SOURCE]
    if not picked:
        return "Tick at least one thing for the new record, or Cancel."
    if record.letter == "p" and sources and not spellings:
        return "Tick a spelling too: the new record is named by the first one ticked."
    if spellings and len(spellings) == len(record.of(SPELLING)):
        return f"Leave {record.typed} at least one spelling."
    if record.letter != "p" and sources and len(sources) == len(record.of(SOURCE)) \
            and not record.more_sources:
        return f"Leave {record.typed} at least one report."
    return None


def make_split(
    session: Session, record: Splittable, picked: list[Option], *, by: int | None, by_name: str,
    now: datetime,
) -> Correction | str:
    """Split the record as picked and record the correction; or why nothing was split."""
    problem = check(record, picked)
    if problem is not None:
        return problem
    spellings = [o.text for o in picked if o.group == SPELLING]
    sources = [int(o.key) for o in picked if o.group == SOURCE]
    merges = [session.get(Correction, int(o.key)) for o in picked if o.group == MERGED]
    value: dict = {"new": None, "spellings": spellings, "sources": sources,
                   "unmerged": [row.id for row in merges]}
    made: list[tuple[str, int]] = [(record.letter, record.number)]
    if spellings or sources:
        value["new"] = _new_record(session, record, spellings, sources)
        if value["new"] is None:
            return f"{record.typed} changed meanwhile; nothing was split. Send /split again."
        made.append((record.letter, value["new"]))
        if record.letter == "p":
            value["was"] = record.name  # its name, if a spelling ticked away took it
    # Named after the split: the record split may have given its name away.
    shown = [f"{letter}{number} {record_name(session, letter, number)}"
             for letter, number in made]
    for row in merges:
        row.undone_at, row.undone_by = now, by
        session.add(row)
        shown.append(f"{row.target_kind}{row.target_id} "
                     f"{record_name(session, row.target_kind, row.target_id) or ''}".strip())
    after = ", ".join(shown[:-1]) + " and " + shown[-1]
    return store.record(
        session, target=(record.letter, record.number), field=SPLIT, value=value,
        before="one record", after=after, reason=None, by=by, by_name=by_name, now=now,
    )


def _new_record(
    session: Session, record: Splittable, spellings: list[str], sources: list[int]
) -> int | None:
    if record.letter == "p":
        new = allocate(session.connection(), Entity.__tablename__)
        done = split_entity(session, record.number, new, spellings, sources)
    else:
        new = allocate(session.connection(), Event.__tablename__)
        done = split_event(session, record.number, new, sources)
    return new if done else None


def undo_split(session: Session, row: Correction) -> None:
    """The row was just marked undone: the merges it ended hold again, and the record it
    made joins the one it came from."""
    value = json.loads(row.value)
    for number in value.get("unmerged", []):
        merge = session.get(Correction, number)
        if merge is not None and merge.undone_at is not None:
            merge.undone_at, merge.undone_by = None, None
            session.add(merge)
    new = value.get("new")
    if new is None:
        return
    if row.target_kind == "p":
        join_entity(session, new, row.target_id, value.get("was"))
    else:
        join_event(session, new, row.target_id)


def split_again(session: Session) -> None:
    """After a rebuild: every split in force, oldest first, made again on the new rows."""
    rows = session.execute(
        select(Correction).where(Correction.field == SPLIT, Correction.undone_at.is_(None))
        .order_by(Correction.made_at, Correction.id)
    ).scalars().all()
    for row in rows:
        value = json.loads(row.value)
        if value.get("new") is None:
            continue
        if row.target_kind == "p":
            split_entity(session, row.target_id, value["new"], value["spellings"],
                         value["sources"])
        else:
            split_event(session, row.target_id, value["new"], value["sources"])
