"""/ingest: an admin adds an article by file or pasted text; everyone else is refused politely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from bot.dates import read_day
from bot.ingest.sources import ArticleMeta, Rejection, article_from_text, decode_article_bytes
from bot.render import bold, code, esc, italic
from bot.replies.reply import Asker, Reply

if TYPE_CHECKING:
    from bot.ingest.batch import IngestReport

USAGE = "/ingest Outlet 2025-10-07 [https://link]"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Caption:
    outlet: str | None
    published: str | None
    url: str | None


def parse_caption(line: str) -> Caption:
    """ "Times of Israel 2025-10-07 https://..." → outlet, date, link (each may be missing)."""
    words = line.split()
    url = words.pop() if words and _URL.match(words[-1]) else None
    published = None
    for i, word in enumerate(words):
        if _DATE.match(word) or read_day(word) is not None:
            published = word
            del words[i]
            break
    outlet = " ".join(words) or None
    return Caption(outlet, published, url)


def refusal() -> Reply:
    return Reply.text(
        "Only the bot's admins can add articles. You can ask about the timeline: /help"
    )


def ingest_upload(
    engine: Engine,
    *,
    content: bytes,
    file_name: str,
    outlet: str | None,
    published: str | None,
    url: str | None,
    asker: Asker,
) -> Reply:
    """Ingest one uploaded file (or pasted text, as bytes) and say what was found."""
    if not asker.is_bot_admin:
        return refusal()
    if not outlet or not published:
        return Reply.text(
            "Say where and when it was published, as the caption or the command: " + code(USAGE)
        )
    # "7.10.2025" and "12/08/2025" are read day first, as /on and /round read them.
    typed = read_day(published)
    if typed is not None:
        published = typed.start.isoformat()
    try:
        text = decode_article_bytes(content, file_name)
    except ValueError as error:
        return Reply.text(f"I could not read {esc(file_name)}: {esc(error)}.")
    item = article_from_text(text, ArticleMeta(outlet, published, url), file_name)
    if isinstance(item, Rejection):
        return Reply.text(f"Not added: {esc(item.reason)}.")
    # The extractor loads its gazetteer and rules on first use; lookups never need them.
    from bot.ingest.batch import ingest_articles

    reply = report_reply(ingest_articles(engine, [item]), outlet)
    if typed is not None and typed.note:
        reply = Reply.text(italic(typed.note) + "\n" + "\n".join(reply.pages))
    return reply


def ingest_pasted(engine: Engine, args: str, asker: Asker) -> Reply:
    """ "/ingest Outlet 2025-10-07 [url]" on the first line, the article's text below it."""
    if not asker.is_bot_admin:
        return refusal()
    first, _, body = args.partition("\n")
    caption = parse_caption(first)
    if not body.strip() and caption.url:
        return ingest_link_reply(engine, caption)
    if not body.strip():
        return Reply.text(
            "Send the article as a .txt or .html file with the caption "
            + code(USAGE)
            + ", or paste its text below that line in the same message."
        )
    return ingest_upload(
        engine,
        content=body.encode("utf-8"),
        file_name="pasted text",
        outlet=caption.outlet,
        published=caption.published,
        url=caption.url,
        asker=asker,
    )


def ingest_link_reply(engine: Engine, caption: Caption) -> Reply:
    """ "/ingest https://…" (an outlet and a date before it are optional): fetch it."""
    from bot.config import get_settings
    from bot.fetch.fetcher import Fetcher, FetchPolicy
    from bot.ingest.links import ingest_link

    published = caption.published
    if published and (typed := read_day(published)) is not None:
        published = typed.start.isoformat()
    with Fetcher(FetchPolicy.from_settings(get_settings())) as fetcher:
        outcome = ingest_link(
            engine, fetcher, caption.url, outlet=caption.outlet, published=published
        )
    reply = report_reply(outcome.report, outcome.outlet or caption.outlet or "linked")
    if outcome.filter_warning and not outcome.report.rejected:
        reply = Reply.text("\n".join(reply.pages) + "\n" + italic(esc(outcome.filter_warning)))
    return reply


def report_reply(report: IngestReport, outlet: str) -> Reply:
    if report.rejected:
        reasons = "; ".join(esc(r.reason) for r in report.rejected)
        return Reply.text(f"Not added: {reasons}.")
    if report.duplicates:
        return Reply.text(
            "Already in the timeline: this article was added before. Nothing changed."
        )
    lines = [
        bold(f"Added the {outlet} article."),
        f"New events: {report.events_new}; events it confirms or updates: {report.events_merged}",
        f"Quotes: {report.quotes}; people mentioned: {len(report.people)}",
        italic("See /latest, /rounds or /sources."),
    ]
    return Reply.text("\n".join(lines))
