"""The console chat speaks the bot's commands; numbered buttons press like Telegram's."""

from __future__ import annotations

from bot.console import run_console
from bot.replies.arguments import split_command


def _chat(engine, *lines: str) -> list[str]:
    said: list[str] = []
    pending = iter(lines)

    def read(_prompt: str) -> str:
        line = next(pending, None)
        if line is None:
            raise EOFError  # what input() raises at the end of piped input
        return line

    run_console(engine, read=read, write=said.append)
    return said[1:]  # the greeting


def test_split_command_handles_bot_mentions_and_arguments():
    assert split_command("/who@TimelineBot  al-Nono ") == ("who", "al-Nono")
    assert split_command("/LATEST") == ("latest", "")
    assert split_command("Witkoff") is None


def test_typing_a_buttons_number_presses_it(seeded_engine):
    first, pressed = _chat(seeded_engine, "/who al", "1", "/quit")
    assert "Which one do you mean" in first and "[1] Taher al-Nounou" in first
    assert pressed.startswith("Taher al-Nounou")


def test_a_name_without_a_command_is_looked_up(seeded_engine):
    (answer,) = _chat(seeded_engine, "al-Nono", "/quit")
    assert answer.startswith("Taher al-Nounou")


def test_end_of_input_leaves_quietly(seeded_engine):
    assert _chat(seeded_engine) == [""]


def test_choices_say_that_typing_the_number_picks_them(seeded_engine):
    (first,) = _chat(seeded_engine, "/who al", "/quit")
    assert first.endswith("Type a number from 1 to 4 to pick that choice: 1 picks [1].")


def test_the_greeting_says_how_to_pick_a_choice(seeded_engine):
    said: list[str] = []
    run_console(seeded_engine, read=lambda _prompt: "/quit", write=said.append)
    assert "typing 1 picks [1]" in said[0]


def test_telegram_only_advice_says_so(seeded_engine):
    subscribe, ingest, help_text = _chat(
        seeded_engine, "/subscribe 07:30", "/ingest", "/help", "/quit"
    )
    assert "on Telegram only" in subscribe and "/digest" in subscribe
    assert "on Telegram only" in ingest and "timeline-bot ingest FILE" in ingest
    assert "a daily digest of what changed (on Telegram)" in help_text
    assert "Admin: on Telegram, send a .txt or .html file" in help_text


def test_a_terminal_gets_line_editing_and_history(seeded_engine, tmp_path):
    """Under a pseudo-terminal the up arrow brings the last command back (readline), and the
    history is kept for the next session; typed into plain input() it would be garbage."""
    import os
    import select
    import subprocess
    import sys
    import time

    controller, terminal = os.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(HOME=str(tmp_path), TERM="xterm",
               DATABASE_URL=seeded_engine.url.render_as_string(hide_password=False))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"], stdin=terminal, stdout=terminal,
        stderr=terminal, env=env, cwd=tmp_path, start_new_session=True,
    )
    os.close(terminal)
    seen = b""

    def until(text: bytes, count: int = 1) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while seen.count(text) < count and time.monotonic() < deadline:
            if select.select([controller], [], [], 0.5)[0]:
                try:
                    seen += os.read(controller, 65536)
                except OSError:
                    break
        assert seen.count(text) >= count, seen.decode(errors="replace")[-2000:]

    try:
        until(b"> ")
        os.write(controller, b"/latest 1\r")
        until(b"The latest development")
        until(b"> ", 2)
        os.write(controller, b"\x1b[A\r")  # the up arrow, then Enter
        until(b"The latest development", 2)
        os.write(controller, b"/quit\r")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    assert "/latest 1" in (tmp_path / ".timeline_bot_history").read_text()
