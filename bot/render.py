"""Telegram HTML: escaping, measuring and splitting, in one place.

Every dynamic string goes through `esc` before it is put in a message.  Replies
are built line by line with balanced tags on each line, so splitting on line
boundaries never cuts a tag or an entity.  Lengths are measured the way Telegram
measures them: after entity parsing, in UTF-16 code units.
"""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024  # a photo's or a document's caption, in characters as the user sees them
CALLBACK_DATA_LIMIT = 64  # bytes
INLINE_RESULTS_LIMIT = 50

_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)


def esc(value: object) -> str:
    """Escape text for Telegram's HTML parse mode (it knows only &lt; &gt; &amp; &quot;)."""
    return html.escape(str(value), quote=True).replace("&#x27;", "'")


def bold(value: object) -> str:
    return f"<b>{esc(value)}</b>"


def italic(value: object) -> str:
    return f"<i>{esc(value)}</i>"


def code(value: object) -> str:
    return f"<code>{esc(value)}</code>"


def link(text: object, url: str | None) -> str:
    if not url or not re.match(r"^https?://", url):
        return esc(text)
    return f'<a href="{esc(url)}">{esc(text)}</a>'


def quote_block(text: object) -> str:
    return f"<blockquote>{esc(text)}</blockquote>"


def shorten(text: str, limit: int) -> str:
    """Cut plain text to `limit` characters on a word boundary, marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut + "…"


def count_noun(n: int, noun: str, *, shown: str | None = None, plural: str | None = None) -> str:
    """ "1 quote", "2 quotes", "more than 500 events": the noun agrees with the number."""
    word = noun if n == 1 else (plural or f"{noun}s")
    return f"{shown if shown is not None else f'{n:,}'} {word}"


def plain(markup: str) -> str:
    """What the reader sees: tags dropped, links shown as "text (url)", entities decoded."""
    with_urls = _HREF.sub(
        lambda m: m[2] if html.unescape(m[1]) in html.unescape(m[2]) else f"{m[2]} ({m[1]})",
        markup,
    )
    return html.unescape(_TAG.sub("", with_urls))


def visible_length(markup: str) -> int:
    """Telegram's length of an HTML message: parsed text, in UTF-16 code units."""
    text = html.unescape(_TAG.sub("", markup))
    return len(text.encode("utf-16-le")) // 2


def split_html(markup: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pieces of at most `limit`, cut at line breaks.

    Lines between blank lines are a block (a round with what was said there, one
    speaker's quotes): a block that fits in one piece is never cut, it starts the next
    piece instead.  Only a block longer than a piece is cut between its lines.
    """
    if visible_length(markup) <= limit:
        return [markup]
    pieces: list[str] = []
    current: list[str] = []
    size = 0

    def close_piece() -> None:
        nonlocal current, size
        if current:
            pieces.append("\n".join(current).strip("\n"))
        current, size = [], 0

    for block in markup.split("\n\n"):
        lines = [_fit_line(line, limit - 1) if visible_length(line) >= limit else line
                 for line in block.split("\n")]
        block_size = sum(visible_length(line) + 1 for line in lines)
        if current and size + 1 + block_size > limit and block_size <= limit:
            close_piece()
        if current:
            current.append("")
            size += 1
        for line in lines:
            line_size = visible_length(line) + 1
            if current and size + line_size > limit:
                close_piece()
            current.append(line)
            size += line_size
    close_piece()
    return [p for p in pieces if p.strip()]


def _fit_line(line: str, limit: int) -> str:
    # A single over-long line loses its formatting rather than risk cutting inside a tag.
    return esc(shorten(plain(line), limit))


def callback_data_fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
