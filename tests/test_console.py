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
