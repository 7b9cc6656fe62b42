"""One SQLite file shared by the bot and command-line writers (an ingest from a cron job, a
second ingest, `ask`): WAL and a busy timeout make them take turns, never "database is
locked".  Real processes on a real file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import func, text
from sqlmodel import select

from bot.store.database import make_engine, session_scope
from bot.store.models import Article

ARTICLES = Path(__file__).resolve().parent / "articles"
SQLITE3_DEFAULT_WAIT = 5.0


def _start(url: str, cwd: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env["DATABASE_URL"] = url
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, text=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _rollback_journal_copy(template: Path, path: Path) -> None:
    # A file made by the sqlite3 shell or an older version: not in WAL mode yet.
    shutil.copy(template, path)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")


def test_opening_waits_for_another_process_lock_instead_of_failing(tmp_path, sqlite_template):
    path = tmp_path / "busy.db"
    _rollback_journal_copy(sqlite_template, path)
    # Another process holds the file's exclusive lock for longer than sqlite3's default
    # wait of 5 seconds, as one does while it migrates a large file at start.
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN EXCLUSIVE")
    finishing = threading.Timer(SQLITE3_DEFAULT_WAIT + 1, writer.execute, ["COMMIT"])
    finishing.start()
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            mode = connection.execute(text("PRAGMA journal_mode")).scalar()
    finally:
        finishing.join()
        writer.close()
        engine.dispose()
    assert mode == "wal"


def test_writers_in_several_processes_share_one_new_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"  # new: the first of them creates it
    folders = ["heldout10"]
    processes = [_start(url, tmp_path, "ingest", str(ARTICLES / name)) for name in folders]
    processes.append(_start(url, tmp_path, "ingest", str(ARTICLES / "ap_style.txt"),
                            "--outlet", "AP", "--published", "2025-10-09"))
    processes.append(_start(url, tmp_path, "ask", "/latest 3"))
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert "locked" not in out + err
        assert process.returncode == 0, err
    engine = make_engine(url)
    with session_scope(engine) as session:
        stored = session.exec(select(func.count(Article.id))).one()
        mode = session.execute(text("PRAGMA journal_mode")).scalar()
    engine.dispose()
    expected = sum(
        len([p for p in (ARTICLES / name).iterdir() if p.suffix in {".txt", ".html"}])
        for name in folders
    )
    assert stored >= expected + 1
    assert mode == "wal"
