"""`timeline-bot run` as a user starts it: a real process, settings from the environment,
TELEGRAM_BASE_URL pointing at the local Bot API emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from tests.emulator.server import BotApiEmulator

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


async def test_run_answers_on_telegram_and_stops_cleanly_on_sigint(tmp_path):
    async with BotApiEmulator(token=TOKEN) as emulator:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": emulator.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
            "LOG_LEVEL": "DEBUG",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await emulator.wait_for(lambda: emulator.calls_to("setMyCommands"), timeout=60)
            ann = emulator.private_chat(4242, "Ann", started=True)
            emulator.send_text(ann, 4242, "/who Witkof")
            [reply] = await emulator.wait_for(lambda: emulator.messages_to(4242), timeout=30)
        finally:
            process.send_signal(signal.SIGINT)
            stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert "Steve Witkoff" in reply.plain_text
    assert "completely unacceptable" in reply.plain_text
    assert emulator.check_failures == []
    output = (stdout + stderr).decode()
    assert "ingested 5 seed articles" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "Traceback" not in output
    assert process.returncode == 0


def test_run_without_a_token_opens_the_console_chat_without_log_noise(tmp_path):
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'console.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], input="/latest 1\n/quit\n",
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "opening the local console chat" in done.stderr
    assert "ingested 5 seed articles" in done.stderr
    assert "The latest development" in done.stdout and "Ynetnews" in done.stdout
    assert " INFO " not in done.stdout + done.stderr
