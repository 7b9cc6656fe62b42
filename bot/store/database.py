"""Engines, sessions and schema upgrades for SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session, create_engine

from bot.config import StartupError
from bot.paths import DATA_DIR
from bot.store.locks import startup_lock

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
WRITER_WAIT_MS = 120_000
_REVISION = re.compile(r"^revision(?::[^=]*)?=\s*[\"']([^\"']+)", re.M)
_DOWN_REVISION = re.compile(r"^down_revision(?::[^=]*)?=\s*[\"']([^\"']+)", re.M)


class DatabaseUnavailable(StartupError):
    """The database cannot be opened; the message says which and why, fit to show as is."""


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            _sqlite_folder(Path(path))
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_folder(path: Path) -> None:
    """The project's own data folder is made on first run; any other folder is the user's
    to make, so a mistyped path fails here instead of filling a stray directory."""
    folder = path.parent.resolve()
    if folder.is_dir():
        return
    if folder == DATA_DIR or DATA_DIR in folder.parents:
        folder.mkdir(parents=True, exist_ok=True)
        return
    raise DatabaseUnavailable(
        f"Database error: DATABASE_URL names the SQLite file {path}, "
        f"but the folder {path.parent} does not exist; create it or choose another path"
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # First, so that even switching to WAL waits for a writer in another process (a bot
    # beside a cron job's ingest) instead of failing with "database is locked".  A writer
    # waits for another one (a rebuild holds the write lock while it reads every article
    # again) rather than fail.
    cursor.execute(f"PRAGMA busy_timeout={WRITER_WAIT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (the bot answering) go on while another process writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is as safe against corruption as FULL, and survives a crash of the
    # process; only a power cut can take back the last commits.  FULL waits for the disk at
    # every commit (a few milliseconds each), which was most of a big feed's first poll.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def reaching_database(url: str) -> Iterator[None]:
    """Turns a failure to connect into one line that names the database and the reason."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        shown = make_url(url).render_as_string(hide_password=True)
        raise DatabaseUnavailable(
            f"Database error: cannot open {shown} (DATABASE_URL): {_reason(error)}"
        ) from error


def _reason(error: Exception) -> str:
    # psycopg: 'connection failed: connection to server at "h", port 5 failed: FATAL:  ...'
    said = str(getattr(error, "orig", None) or error).strip()
    first = said.splitlines()[0] if said else type(error).__name__
    return re.sub(r"^(?:FATAL|ERROR):\s+", "", first.rsplit("failed: ", 1)[-1])


def _alembic_config(engine: Engine) -> Config:
    # Alembic is imported only when a migration runs: it costs a tenth of a second at every
    # start of `timeline-bot ask`, where the schema is almost always current already.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str | None:
    """The newest migration of our linear history, read from the version files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if found := _REVISION.search(source):
            revisions.add(found[1])
        if parent := _DOWN_REVISION.search(source):
            parents.add(parent[1])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> bool:
    """Bring the database to the newest schema; True when anything was applied.

    Processes started together take turns (`startup_lock`): the second one finds the
    schema current once the first has migrated it.
    """
    if current_revision(engine) == head_revision():
        return False
    with startup_lock(engine):
        return upgrade_if_behind(engine)


def upgrade_if_behind(engine: Engine) -> bool:
    """`ensure_schema` for a caller that already holds the startup lock."""
    if current_revision(engine) == head_revision():
        return False
    upgrade(engine)
    return True


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
