"""Adding an article from Telegram by sending a .txt or .html document.

The caption names the article: `/ingest Outlet 2025-10-07 [url]`.  Only bot admins may
ingest; the core refuses everyone else.  Files are checked (size, kind) before anything
is downloaded, and nothing is downloaded for a non-admin.  (`/ingest` with pasted text is
an ordinary command: the core's router takes it.)
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from telegram import Document, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.ingest.sources import HTML_SUFFIXES, MAX_ARTICLE_BYTES, TEXT_SUFFIXES
from bot.render import esc
from bot.replies import commands as core
from bot.replies.arguments import split_command
from bot.replies.reply import Asker, Reply
from bot.replies.upload import Caption, parse_caption
from handlers.commands import NEW_MESSAGES, reply_target
from handlers.core_bridge import asker_for, services_of
from handlers.send import send_reply

_INGEST_CAPTION = re.compile(r"^/ingest(?:@\w+)?(?:\s|$)", re.IGNORECASE)


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
    line: Caption,
    content: bytes,
    file_name: str,
) -> Reply:
    # ingest_upload opens its own sessions (one per article), so it gets the engine.
    services = services_of(context)
    reply = await asyncio.to_thread(
        core.ingest_upload,
        services.engine,
        content=content,
        file_name=file_name,
        outlet=line.outlet,
        published=line.published,
        url=line.url,
        asker=asker,
    )
    services.answers.expire()
    return reply


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    parsed = split_command(message.caption or "", context.bot.username)
    if parsed is None and message.chat.type != "private":
        return  # "/ingest@SomeOtherBot" in a group
    line = parse_caption((parsed[1] if parsed else "").partition("\n")[0])
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


def add_upload_handlers(application: Application) -> None:
    # In groups only documents captioned /ingest are meant for us; in private chats any is.
    meant_for_us = filters.ChatType.PRIVATE | filters.CaptionRegex(_INGEST_CAPTION)
    application.add_handler(
        MessageHandler(filters.Document.ALL & meant_for_us & NEW_MESSAGES, on_document)
    )
