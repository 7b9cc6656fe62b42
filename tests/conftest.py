"""Fixtures that give each test a real database: SQLite always, PostgreSQL when asked.

Set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run
every database test on PostgreSQL too; a scratch database is created for the run and
dropped after it.  Without it the PostgreSQL variants are left out of the run and the
summary says so in one line, rather than one skip reason per test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from bot.config import Settings, load_settings
from bot.paths import SEEDS_DIR
from bot.store.database import make_engine, upgrade
from tests.emulator.fixtures import *  # noqa: F403  (emulator, flood_limited_emulator, emulator_bot)

BACKENDS = ["sqlite", "postgresql"]
PG_SKIP = "TEST_DATABASE_URL is not set: the PostgreSQL variant is skipped"
_PG_LEFT_OUT = pytest.StashKey[int]()


def _runs_on_postgresql(item: pytest.Item) -> bool:
    if item.get_closest_marker("postgresql"):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in (
        callspec.params.get("backend"),
        callspec.params.get("seeded_engine"),
    )


@pytest.hookimpl(trylast=True)  # after -k and -m, so the count is of tests that would run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("TEST_DATABASE_URL"):
        return
    left_out = [item for item in items if _runs_on_postgresql(item)]
    if left_out:
        items[:] = [item for item in items if not _runs_on_postgresql(item)]
        config.hook.pytest_deselected(items=left_out)
    config.stash[_PG_LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if left_out := config.stash.get(_PG_LEFT_OUT, 0):
        terminalreporter.write_line(
            f"PostgreSQL: {left_out} test{'s' * (left_out != 1)} not run; "
            "set TEST_DATABASE_URL to run them"
        )


def _admin_engine(url: str) -> Engine:
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_scratch_url() -> Iterator[Callable[[str], str] | None]:
    """A factory of scratch PostgreSQL database URLs, or None without TEST_DATABASE_URL."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    base = load_settings(database_url=base).database_url
    created: list[str] = []
    admin = _admin_engine(base)

    def create(label: str) -> str:
        name = f"tb_{label}_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(base).set(database=name).render_as_string(hide_password=False)

    yield create
    for name in created:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test: migrations run once per session."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine_shared(pg_scratch_url) -> Iterator[Engine | None]:
    if pg_scratch_url is None:
        yield None
        return
    engine = make_engine(pg_scratch_url("t"))
    upgrade(engine)
    yield engine
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    with engine.begin() as conn:
        tables = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname='public' "
                    "AND tablename NOT IN ('alembic_version', 'id_counter')"
                )
            )
        ]
        if tables:
            names = ", ".join(f'"{t}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        # The counter rows are the schema's, like alembic_version: reset, never emptied.
        conn.execute(text("UPDATE id_counter SET last = 0"))


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgresql" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip(PG_SKIP)
    return request.param


@pytest.fixture
def engine(backend, sqlite_template, pg_engine_shared, tmp_path) -> Iterator[Engine]:
    """A migrated, empty database for one test, on each backend."""
    if backend == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
    else:
        _truncate_all(pg_engine_shared)
        yield pg_engine_shared


def _ingest_seeds(engine: Engine) -> None:
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles

    report = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    assert report.ok, report.rejected


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_engine(request, sqlite_template, pg_scratch_url, tmp_path_factory) -> Iterator[Engine]:
    """A database with the five seed articles ingested, shared by a module's tests."""
    if request.param == "postgresql":
        if pg_scratch_url is None:
            pytest.skip(PG_SKIP)
        engine = make_engine(pg_scratch_url("seeded"))
        upgrade(engine)
    else:
        path = tmp_path_factory.mktemp("seeded") / "seeded.db"
        shutil.copy(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
    _ingest_seeds(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """Settings isolated from the developer's environment and .env file."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "WEBHOOK_", "DIGEST_")) or name in {
            "DATABASE_URL",
            "ADMIN_USER_IDS",
            "DEFAULT_TIMEZONE",
            "LOG_LEVEL",
            "STORY",
        }:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return load_settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}")


@pytest.fixture
def local_site():
    """A real HTTP server on 127.0.0.1 serving the pages a test puts on it."""
    from tests.web_site import LocalSite

    site = LocalSite()
    site.start()
    yield site
    site.stop()


@pytest.fixture
async def bot(engine, tmp_path):
    """The real Application over HTTP against the emulator, on the seeds: the end-to-end
    tests' default bot (a module that needs another defines its own `bot`)."""
    from tests.test_bot_e2e_harness import make_settings, polling_bot

    _ingest_seeds(engine)
    async with polling_bot(make_settings(tmp_path), engine) as running:
        yield running
        assert running.emulator.rejected == []
