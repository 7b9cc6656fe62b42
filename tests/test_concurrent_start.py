"""Processes started at once on one empty database all come up: one migrates and ingests
the seeds while the others wait, then find the schema current and the seeds in.  Real
processes on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from bot.store.database import make_engine, session_scope
from bot.store.models import Article

STARTED_TOGETHER = 3


def _database_url(backend: str, tmp_path: Path, pg_scratch_url) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return pg_scratch_url("race")


def _start(url: str, cwd: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))
    }
    env["DATABASE_URL"] = url
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, text=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_processes_started_at_once_on_an_empty_database_all_come_up(
    backend, tmp_path, pg_scratch_url
):
    url = _database_url(backend, tmp_path, pg_scratch_url)
    processes = [_start(url, tmp_path, "ask", "/latest 1") for _ in range(STARTED_TOGETHER)]
    outputs = [process.communicate(timeout=180) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "The latest development" in out
        assert "Traceback" not in err and "locked" not in err
    seeded = [err for _out, err in outputs if "ingested 5 seed articles" in err]
    assert len(seeded) == 1, [err for _out, err in outputs]
    engine = make_engine(url)
    with session_scope(engine) as session:
        assert session.exec(select(func.count(Article.id))).one() == 5
    engine.dispose()
