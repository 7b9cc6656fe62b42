"""The locks that order writers of the timeline: ingest and rebuild, and start-up.

A rebuild replaces the whole derived timeline in one transaction; an ingest that stored an
article in the middle of it would be lost or doubled.  On PostgreSQL both take a
transaction-scoped advisory lock; on SQLite a write transaction already excludes every
other writer, so taking the database's write lock at once is enough, and the busy timeout
(`bot.store.database`) makes the other writer wait for it rather than fail.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

INGEST_LOCK = 7_405_011  # any fixed number: the advisory lock's name
STARTUP_LOCK = 7_405_012
MATCHER_LOCK = 7_405_013


def hold_ingest_lock(session: Session) -> None:
    """Take the timeline's write lock until `session`'s transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK})
    else:
        session.execute(text("UPDATE id_counter SET last = last WHERE name = 'article'"))


def hold_matcher_lock(session: Session) -> bool:
    """Take the watch matcher's lock until `session`'s transaction ends; False when another
    process holds it (PostgreSQL).  SQLite serves one bot process, whose matcher runs one
    at a time: taking the write lock first orders it with other processes' ingests."""
    if session.get_bind().dialect.name != "postgresql":
        hold_ingest_lock(session)
        return True
    return bool(session.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": MATCHER_LOCK}
    ).scalar())


@contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Held while a process migrates the schema and ingests the seeds, so that processes
    started at once take turns and the later ones find the work done.

    PostgreSQL: a session advisory lock, on a connection of its own, since the migration
    runs on others.  SQLite: an exclusive lock on a file beside the database.  Not a
    transaction on the database itself (the migration's connection would wait for it),
    and not a POSIX lock on the database file, which SQLite's own locks would lose when
    the file is closed.  Either lock dies with its process.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK}
                )
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a private database: no other process can see it
        return
    with Path(f"{database}-startup.lock").open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
