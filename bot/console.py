"""The console adapter: `timeline-bot chat` and `timeline-bot ask` speak the bot's commands.

Buttons are shown numbered; typing the number presses it, so "Did you mean" and
paging work here exactly as they do on Telegram.  On a terminal the prompt has line
editing and a history kept between sessions (readline); from a pipe it reads plain lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.render import plain
from bot.replies.arguments import split_command
from bot.replies.reply import Asker, Button, Reply
from bot.store.database import session_scope

CONSOLE_CHAT_ID = 0
HISTORY_FILE = Path("~/.timeline_bot_history")
HISTORY_LENGTH = 1000
GREETING = (
    "Timeline Bot console. Type /help for the commands, /quit to leave. "
    "Choices are numbered: typing 1 picks [1]."
)
# What only a Telegram chat can do: the digest is delivered to a chat, and an article is
# sent as a file or as several lines in one message.
TELEGRAM_ONLY = {
    "subscribe": "The daily digest is delivered on Telegram only: send /subscribe to the bot "
    "there. Here, /digest shows what today's would say.",
    "unsubscribe": "The daily digest is delivered on Telegram only: send /unsubscribe to the "
    "bot there.",
    "settings": "Digest settings are kept for Telegram chats only: send /settings to the bot "
    "there.",
    "ingest": "Sending an article to /ingest works on Telegram only. Here, add it with: "
    "timeline-bot ingest FILE --outlet NAME --published 2025-10-07",
}


def console_asker() -> Asker:
    # The person at the console runs the bot: they have the admin's rights.
    return Asker(
        user_id=None,
        chat_id=CONSOLE_CHAT_ID,
        chat_type="console",
        is_bot_admin=True,
        is_chat_admin=True,
    )


def ask(engine: Engine, text: str, asker: Asker | None = None) -> Reply:
    """The bot's reply to one line typed by a user: a command or plain text."""
    from bot.replies.commands import answer, answer_text

    asker = asker or console_asker()
    parsed = split_command(text)
    if parsed is not None and asker.chat_type == "console" and parsed[0] in TELEGRAM_ONLY:
        return Reply.text(TELEGRAM_ONLY[parsed[0]])
    with session_scope(engine) as session:
        if parsed is None:
            reply = answer_text(session, text, asker)
            return reply or answer(session, "help", "", asker)
        return answer(session, parsed[0], parsed[1], asker)


def press(
    engine: Engine, data: str, asker: Asker | None = None
) -> tuple[Reply | None, int, str | None]:
    from bot.replies.commands import answer_callback

    with session_scope(engine) as session:
        result = answer_callback(session, data, asker or console_asker())
    return result.reply, result.page, result.toast


def format_reply(reply: Reply, *, as_html: bool, page: int | None = None) -> str:
    """Every page (or one), then the buttons numbered, as the console shows them."""
    pages = reply.pages if page is None else [reply.pages[page]]
    shown = [p if as_html else plain(p) for p in pages]
    text = "\n\n".join(shown)
    if reply.attachment is not None:
        sent = reply.attachment
        what = "picture" if sent.kind == "photo" else "file"
        text += (
            f"\n[{sent.file_name}, {len(sent.content):,} bytes: on Telegram the {what} comes "
            f"with this message; here, write it with: {sent.how_elsewhere}]"
        )
    buttons = _choice_buttons(reply)
    if buttons:
        text += "\n\n" + "  ".join(f"[{n}] {b.text}" for n, b in enumerate(buttons, 1))
    return text


def _choice_buttons(reply: Reply) -> list[Button]:
    # `buttons`, not `keyboard()`: paging is pointless here, the console prints every page.
    return [b for row in reply.buttons for b in row]


def choice_hint(count: int) -> str:
    if count == 1:
        return "Type 1 to pick [1]."
    return f"Type a number from 1 to {count} to pick that choice: 1 picks [1]."


def terminal_reader() -> Callable[[str], str]:
    """`input` with line editing and history on a terminal; plain lines from a pipe."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _read_plain_line
    try:
        import readline
    except ImportError:  # a Python built without it: input() still works, unedited
        return input
    history = HISTORY_FILE.expanduser()
    with suppress(OSError):  # the first session: no history yet
        readline.read_history_file(history)
    readline.set_history_length(HISTORY_LENGTH)

    def read(prompt: str) -> str:
        line = input(prompt)
        with suppress(OSError):  # a read-only home: editing still works, no history kept
            readline.write_history_file(history)
        return line

    return read


def _read_plain_line(_prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def run_console(
    engine: Engine,
    *,
    read: Callable[[str], str] | None = None,
    write: Callable[[str], None] = print,
) -> None:
    read = read or terminal_reader()
    write(GREETING)
    choices: list[Button] = []
    while True:
        try:
            line = read("> ").strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            return
        if not line:
            continue
        if line in {"/quit", "/exit", "quit", "exit"}:
            return
        if line.isdigit() and 1 <= int(line) <= len(choices):
            button = choices[int(line) - 1]
            if button.url:
                write(button.url)
                continue
            reply, _page, toast = press(engine, button.data or "")
            if toast:
                write(toast)
            if reply is None:
                continue
        else:
            reply = ask(engine, line)
        choices = _choice_buttons(reply)
        shown = format_reply(reply, as_html=False)
        write(f"{shown}\n{choice_hint(len(choices))}" if choices else shown)
