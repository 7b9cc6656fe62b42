"""How far the timeline has grown, and answers derived from it kept until it grows again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlmodel import Session

from bot.store.ids import REBUILDS
from bot.store.models import (
    Alias,
    Article,
    Correction,
    Entity,
    Event,
    IdCounter,
    Quote,
    RoleClaim,
)

T = TypeVar("T")
TimelineVersion = tuple[object, ...]


def newest_ids(session: Session) -> tuple[int, int, int]:
    """The newest article, event and quote ids, in one round trip (each is an index's end).

    Answers derived from the whole timeline (the examples, the longest event) are kept
    until these move, which every ingest does.
    """
    row = session.execute(
        select(*(select(func.max(t.id)).scalar_subquery() for t in (Article, Event, Quote)))
    ).one()
    return row[0] or 0, row[1] or 0, row[2] or 0


def timeline_version(session: Session) -> TimelineVersion:
    """Changes whenever an article, event, quote, name or role is added or removed, at
    every rebuild (which may give back the same counts), and at every correction made or
    undone."""
    tables = (Article, Event, Quote, Entity, Alias, RoleClaim, Correction)
    columns = []
    for table in tables:
        columns.append(select(func.max(table.id)).scalar_subquery())
        columns.append(select(func.count(table.id)).scalar_subquery())
    columns.append(
        select(IdCounter.last).where(IdCounter.name == REBUILDS).scalar_subquery()
    )
    columns.append(
        select(func.count(Correction.id)).where(Correction.undone_at.is_not(None))
        .scalar_subquery()
    )
    # Undoing a split puts back in force the merges it had ended: as many undone as
    # before, so the newest undo tells.
    columns.append(select(func.max(Correction.undone_at)).scalar_subquery())
    return tuple(value or 0 for value in session.execute(select(*columns)).one())


class KeptUntilChanged(Generic[T]):
    """Values computed from a database, one per database and `part`, recomputed only when
    the version given with the request differs from the one they were computed at.

    The core runs in worker threads: a value is replaced whole, under a lock, so a reader
    sees the old value or the new one, never half of either.
    """

    def __init__(self) -> None:
        self._held: dict[tuple[str, Hashable], tuple[Hashable, T]] = {}
        self._lock = threading.Lock()

    def get(
        self, session: Session, version: Hashable, compute: Callable[[], T], part: Hashable = ()
    ) -> T:
        where = (session.get_bind().url.render_as_string(hide_password=True), part)
        held = self._held.get(where)
        if held is not None and held[0] == version:
            return held[1]
        value = compute()
        with self._lock:
            self._held[where] = (version, value)
        return value
