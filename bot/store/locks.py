"""The one lock that orders writers of the timeline: ingest and rebuild.

A rebuild replaces the whole derived timeline in one transaction; an ingest that stored an
article in the middle of it would be lost or doubled.  On PostgreSQL both take a
transaction-scoped advisory lock; on SQLite a write transaction already excludes every
other writer, so taking the database's write lock at once is enough, and the busy timeout
(`bot.store.database`) makes the other writer wait for it rather than fail.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

INGEST_LOCK = 7_405_011  # any fixed number: the advisory lock's name


def hold_ingest_lock(session: Session) -> None:
    """Take the timeline's write lock until `session`'s transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK})
    else:
        session.execute(text("UPDATE id_counter SET last = last WHERE name = 'article'"))
