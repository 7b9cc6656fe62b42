"""Leased claims on the rows that are the schedule: feeds to poll, digests and alerts to send.

A row is free when nobody holds it or its holder's lease has run out (`claimed_until` in the
past).  A claim selects free rows with FOR UPDATE SKIP LOCKED and writes the lease in the
same transaction, so on PostgreSQL several processes never take one row; SQLite has one
writer at a time, which serialises the claims by itself.  A process that dies loses its
claims when their lease ends; SQLite serves one bot process, which frees every claim on
start instead of waiting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import Table, bindparam, or_, update
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session


def free(table: Table, now: datetime) -> ColumnElement[bool]:
    """Rows nobody holds at `now`."""
    held_until = table.c.claimed_until
    return or_(held_until.is_(None), held_until < now)


def locking(query: Select, table: Table) -> Select:
    """`query` taking row locks on `table`, skipping rows another claim holds."""
    return query.with_for_update(skip_locked=True, of=table)


def lease(
    session: Session,
    table: Table,
    ids: Sequence[int],
    *,
    until: datetime,
    worker: str | None = None,
    per_row: Mapping[str, Sequence[object]] | None = None,
) -> None:
    """Hold the rows `ids` until `until` (for `worker`, where the table names its holder),
    writing `per_row` columns at the same time (one value per id, in order)."""
    if not ids:
        return
    values: dict[str, object] = {"claimed_until": until}
    if worker is not None:
        values["claimed_by"] = worker
    params: list[dict[str, object]] = [{"b_id": row_id} for row_id in ids]
    for column, column_values in (per_row or {}).items():
        values[column] = bindparam(f"b_{column}")
        for param, value in zip(params, column_values, strict=True):
            param[f"b_{column}"] = value
    session.execute(
        update(table).where(table.c.id == bindparam("b_id")).values(**values), params
    )


def held(table: Table, row_id: int, worker: str) -> tuple[ColumnElement[bool], ...]:
    """The row `row_id`, still pending and still ours: a write under this condition that
    changes nothing means another worker took the row over."""
    return table.c.id == row_id, table.c.claimed_by == worker, table.c.status == "pending"


def release(
    session: Session, table: Table, *, worker: str | None = None,
    statuses: Sequence[str] = ("pending",),
) -> int:
    """Free the rows `worker` holds, or anybody's (SQLite's one process, on start)."""
    holder = table.c.claimed_by
    result = session.execute(
        update(table)
        .where(table.c.status.in_(statuses), holder.is_not(None) if worker is None
               else holder == worker)
        .values(claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount)
