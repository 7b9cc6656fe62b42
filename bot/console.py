"""The console adapter: `timeline-bot chat` and `timeline-bot ask` speak the bot's commands.

Buttons are shown numbered; typing the number presses it, so "Did you mean" and
paging work here exactly as they do on Telegram.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from bot.render import plain
from bot.replies.arguments import split_command
from bot.replies.reply import Asker, Button, Reply
from bot.store.database import session_scope

CONSOLE_CHAT_ID = 0


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
    buttons = _choice_buttons(reply)
    if buttons:
        text += "\n\n" + "  ".join(f"[{n}] {b.text}" for n, b in enumerate(buttons, 1))
    return text


def _choice_buttons(reply: Reply) -> list[Button]:
    # `buttons`, not `keyboard()`: paging is pointless here, the console prints every page.
    return [b for row in reply.buttons for b in row]


def run_console(
    engine: Engine, *, read: Callable[[str], str] = input, write: Callable[[str], None] = print
) -> None:
    write("Timeline Bot console. Type /help for the commands, /quit to leave.")
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
        write(format_reply(reply, as_html=False))
