"""What users type: a command and its arguments, made safe to read and to echo."""

from __future__ import annotations

import re
import unicodedata

from bot.render import code, esc
from bot.replies.lines import excerpt
from bot.replies.reply import Reply

RERUN_BYTES = 56  # 64 bytes of callback data less "pg|999|"
MAX_ARGS = 200  # the longest name, place or query worth reading; anything longer is not one
# Arguments may run over several lines: /ingest takes the article's text below its first line.
_COMMAND = re.compile(r"^/([^\s@]{1,64})(?:@(\w+))?(?:\s+(.*))?$", re.S)


def split_command(text: str, bot_username: str | None = None) -> tuple[str, str] | None:
    """("who", "Witkoff") for "/who@OurBot  Witkoff"; None for plain text, and for a command
    addressed to a bot other than `bot_username` (any bot, when that is None: the console)."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    addressee = match[2]
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return None
    return match[1].lower(), (match[3] or "").strip()


def tidy(args: str) -> str:
    """One line: control and format characters dropped, runs of spaces made one."""
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in args
        if unicodedata.category(ch) != "Cf" or ch == "\u200d"
    )
    return re.sub(r"\s+", " ", kept).strip()


def has_words(text: str) -> bool:
    """Whether the text has a letter or digit: an emoji or punctuation alone names nothing."""
    return re.search(r"[^\W_]", text) is not None


def usage(command: str, shape: str, example: str | None) -> Reply:
    """ "Usage: /who <name>, e.g. /who Steve Witkoff", with an example that works on this data."""
    line = f"Usage: {code(f'/{command} {shape}')}"
    if example:
        line += f", e.g. {code(f'/{command} {example}')}"
    return Reply.text(line)


def too_long(command: str, args: str, example: str | None) -> Reply:
    size = f"{len(args):,}"
    text = (
        f"That is too long to look up ({esc(size)} characters, starting “{excerpt(args)}”). "
        f"Send a name, a place, a date or a few words."
    )
    if example:
        text += f"\nFor example: {code(f'/{command} {example}')}"
    return Reply.text(text)


def rerun_for(command: str, args: str) -> str | None:
    """The "command args" that page buttons carry, or None when it would not fit.

    Page data is "pg|<page>|<rerun>" in at most 64 bytes; a longer query still gets
    every page, sent as separate messages instead of ◀ ▶ buttons.
    """
    rerun = f"{command} {args}".strip()
    return rerun if len(rerun.encode("utf-8")) <= RERUN_BYTES else None
