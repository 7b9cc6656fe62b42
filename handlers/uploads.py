"""Adding an article from Telegram: a .txt/.html document, or `/ingest` with pasted text.

The first line names the article: `/ingest Outlet 2025-10-07 [url]` (as the document's
caption, or above the pasted text).  Only bot admins may ingest; the core refuses
everyone else.  Files are checked (size, kind) before anything is downloaded, and
nothing is downloaded for a non-admin.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

from telegram import Document, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.ingest.sources import HTML_SUFFIXES, MAX_ARTICLE_BYTES, TEXT_SUFFIXES
from bot.render import esc
from bot.replies import commands as core
from bot.replies.reply import Asker, Reply
from handlers.commands import NEW_MESSAGES, reply_target, split_command
from handlers.core_bridge import asker_for, services_of
from handlers.send import send_reply

PASTED_FILE_NAME = "pasted.txt"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_URL = re.compile(r"^https?://\S+$")
_INGEST_CAPTION = re.compile(r"^/ingest(?:@\w+)?(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class IngestLine:
    outlet: str | None
    published: str | None
    url: str | None


def parse_ingest_line(args: str) -> IngestLine:
    """Outlet, date and url from "Times of Israel 2025-10-07 https://…", in any order."""
    outlet: list[str] = []
    published = url = None
    for token in args.split():
        if published is None and _DATE.match(token):
            published = token
        elif url is None and _URL.match(token):
            url = token
        else:
            outlet.append(token)
    return IngestLine(" ".join(outlet) or None, published, url)


def document_problem(document: Document) -> str | None:
    """Why this file cannot be an article, judged from what Telegram tells before download."""
    name = document.file_name or "the file"
    suffix = Path(document.file_name or "").suffix.lower()
    mime = (document.mime_type or "").lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and not mime.startswith("text/"):
        return f"I can read articles sent as .txt or .html files; {name} is neither."
    if document.file_size is not None and document.file_size > MAX_ARTICLE_BYTES:
        megabytes = document.file_size / 1_000_000
        limit = MAX_ARTICLE_BYTES / 1_000_000
        return f"{name} is {megabytes:.1f} MB; an article file is at most {limit:g} MB."
    return None


async def _ingest(
    context: ContextTypes.DEFAULT_TYPE,
    asker: Asker,
    line: IngestLine,
    content: bytes,
    file_name: str,
) -> Reply:
    # ingest_upload opens its own sessions (one per article), so it gets the engine.
    return await asyncio.to_thread(
        core.ingest_upload,
        services_of(context).engine,
        content=content,
        file_name=file_name,
        outlet=line.outlet,
        published=line.published,
        url=line.url,
        asker=asker,
    )


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    parsed = split_command(message.caption or "", context.bot.username)
    if parsed is None and message.chat.type != "private":
        return  # "/ingest@SomeOtherBot" in a group
    line = parse_ingest_line(parsed[1] if parsed else "")
    asker = await asker_for(update, context)
    file_name = document.file_name or "upload.txt"
    if not asker.is_bot_admin:
        # The core words the refusal; it never reads the content of a non-admin's file.
        reply = await _ingest(context, asker, line, b"", file_name)
    elif (problem := document_problem(document)) is not None:
        reply = Reply.text(esc(problem))
    else:
        telegram_file = await document.get_file()
        content = bytes(await telegram_file.download_as_bytearray())
        reply = await _ingest(context, asker, line, content, file_name)
    await send_reply(
        context.bot, services_of(context), message.chat_id, reply, reply_to=reply_target(message)
    )


async def on_ingest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/ingest Outlet 2025-10-07 [url]` on the first line, the article's text below it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    first_line, _, body = message.text.partition("\n")
    parsed = split_command(first_line, context.bot.username)
    if parsed is None:
        return
    asker = await asker_for(update, context)
    reply = await _ingest(
        context, asker, parse_ingest_line(parsed[1]), body.strip().encode("utf-8"), PASTED_FILE_NAME
    )
    await send_reply(
        context.bot, services_of(context), message.chat_id, reply, reply_to=reply_target(message)
    )


def add_upload_handlers(application: Application) -> None:
    # In groups only documents captioned /ingest are meant for us; in private chats any is.
    meant_for_us = filters.ChatType.PRIVATE | filters.CaptionRegex(_INGEST_CAPTION)
    application.add_handler(
        MessageHandler(filters.Document.ALL & meant_for_us & NEW_MESSAGES, on_document)
    )
    application.add_handler(CommandHandler("ingest", on_ingest_command, filters=NEW_MESSAGES))
