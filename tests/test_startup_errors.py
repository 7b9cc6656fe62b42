"""A start that cannot succeed says why in one line and exits non-zero: no traceback
unless LOG_LEVEL=DEBUG asks for it.  Real processes, real sockets, real servers."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy.engine import make_url

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def _clean_env(**settings: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DIGEST_"))
        and k not in {"DATABASE_URL", "LOG_LEVEL", "ADMIN_USER_IDS"}
    }
    return {**env, **settings}


def _bot(cwd: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True, text=True, env=_clean_env(**settings), cwd=cwd, timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_an_unreachable_postgresql_is_one_line(tmp_path):
    port = _closed_port()
    done = _bot(tmp_path, "ask", "/latest",
                DATABASE_URL=f"postgresql://reader:hunter2@127.0.0.1:{port}/timeline")
    assert done.returncode == 1
    line = _one_line(done)
    assert line.startswith(f"Database error: cannot open postgresql+psycopg://reader:***@127.0.0.1:"
                           f"{port}/timeline (DATABASE_URL): ")
    assert "Connection refused" in line and "hunter2" not in line


def test_debug_log_level_adds_the_traceback_before_the_line(tmp_path):
    done = _bot(tmp_path, "stats", DATABASE_URL=f"postgresql://u@127.0.0.1:{_closed_port()}/t",
                LOG_LEVEL="DEBUG")
    assert done.returncode == 1
    assert "Traceback" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Database error: cannot open ")


@pytest.mark.postgresql
def test_a_missing_postgresql_database_is_one_line(tmp_path):
    missing = make_url(os.environ["TEST_DATABASE_URL"]).set(database="tb_no_such_database")
    done = _bot(tmp_path, "db", "upgrade",
                DATABASE_URL=missing.render_as_string(hide_password=False))
    assert done.returncode == 1
    line = _one_line(done)
    assert line.startswith("Database error: cannot open ")
    assert line.endswith('database "tb_no_such_database" does not exist')


def test_a_sqlite_file_in_a_missing_folder_is_one_line_and_no_folder_is_made(tmp_path):
    folder = tmp_path / "no" / "such" / "folder"
    done = _bot(tmp_path, "ask", "/latest", DATABASE_URL=f"sqlite:///{folder / 'timeline.db'}")
    assert done.returncode == 1
    assert _one_line(done) == (
        f"Database error: DATABASE_URL names the SQLite file {folder / 'timeline.db'}, "
        f"but the folder {folder} does not exist; create it or choose another path"
    )
    assert not (tmp_path / "no").exists()


def test_a_webhook_without_a_secret_is_one_line(tmp_path):
    done = _bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN,
                WEBHOOK_URL="https://bot.example.org/hook",
                DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}")
    assert done.returncode == 2
    assert _one_line(done).startswith(
        "Configuration error: WEBHOOK_SECRET must be set when WEBHOOK_URL is"
    )
    assert not (tmp_path / "bot.db").exists()  # refused before anything was opened


async def test_a_telegram_url_that_refuses_or_is_no_bot_api_gives_up_after_three_tries(tmp_path):
    tries: list[float] = []

    async def not_a_bot_api(request: web.Request) -> web.Response:
        tries.append(time.monotonic())
        return web.Response(status=404, text="<html>Not here</html>", content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{path:.*}", not_a_bot_api)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    web_port = site._server.sockets[0].getsockname()[1]

    async def run_against(base_url: str, name: str) -> tuple[int, str, str, float]:
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path,
            env=_clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=base_url,
                           DATABASE_URL=f"sqlite:///{tmp_path / name}"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout=60)
        return process.returncode, out.decode(), err.decode(), time.monotonic() - started

    try:
        refused, not_api = await asyncio.gather(
            run_against(f"http://127.0.0.1:{_closed_port()}/bot", "refused.db"),
            run_against(f"http://127.0.0.1:{web_port}/bot", "not_api.db"),
        )
    finally:
        await runner.cleanup()
    for code, out, err, elapsed in (refused, not_api):
        assert code == 1, err
        assert "Traceback" not in out + err
        assert len(err.strip().splitlines()) == 1, err
        assert err.strip().endswith("tried 3 times over 9 seconds")
        assert TOKEN.split(":")[1] not in out + err
        assert 8 <= elapsed < 30
    assert "(TELEGRAM_BASE_URL) cannot be reached (" in refused[2]
    assert "Connection refused" in refused[2]
    assert "(TELEGRAM_BASE_URL) is not a Telegram Bot API (it answered HTTP 404, text/html)" in (
        not_api[2]
    )
    assert len(tries) == 3 and tries[-1] - tries[0] >= 8
