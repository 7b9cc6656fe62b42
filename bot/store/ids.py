"""Ids that users see (r12, p7, q3, a4) and that are never given out twice.

Articles, entities, events and quotes take their ids from `id_counter`, not from the
database's own sequence: a rebuild gives each surviving item back its old id, and the id
of an item that is gone must never come back for another one, which SQLite's max + 1
would do.  Every insert that comes without an id gets the next one here, whoever writes
the row, so the counter and the tables cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

# A counter row that is no table's: how many rebuilds, so answers kept until the timeline
# changes expire even when a rebuild gives back the same ids and counts.
REBUILDS = "rebuild"
_NEXT = text("UPDATE id_counter SET last = last + 1 WHERE name = :name RETURNING last")


def allocate(connection: Connection, table: str) -> int:
    """The next unused id of `table`; the counter row is locked until the transaction ends."""
    found = connection.execute(_NEXT, {"name": table}).scalar()
    if found is None:
        raise RuntimeError(f"id_counter has no row for {table}: run `timeline-bot db upgrade`")
    return int(found)


def give_ids(*classes: type) -> None:
    """Make every insert of these mapped classes take its id from the counter."""
    for cls in classes:
        table = cls.__tablename__

        def assign(_mapper, connection: Connection, target, table: str = table) -> None:
            if target.id is None:
                target.id = allocate(connection, table)

        event.listen(cls, "before_insert", assign)
