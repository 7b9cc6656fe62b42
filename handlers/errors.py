"""The error handler, and keeping the bot token out of every log line.

PTB logs Bot API request URLs (which contain the token) through httpx at INFO and
DEBUG, and exceptions from the network layer can quote them too.  Redaction happens
when a record is created, not in a handler filter: a logger filter never sees records
propagated from child loggers, and a handler filter misses handlers added later
(pytest's capture, a deployment's JSON handler).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.render import esc

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on our side; it has been logged."
REDACTED = "<token>"

_secrets: set[str] = set()
_original_factory: Any = None


def protect_token_in_logs(token: str) -> None:
    """From now on no log record of this process shows `token` (nor its secret half)."""
    global _original_factory
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    _secrets.add(token)
    # The part after the colon is the secret; the bot id before it is public.
    _secrets.add(token.split(":", 1)[-1])
    if _original_factory is None:
        _original_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record: logging.LogRecord = _original_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a malformed record is the logging module's to report, not ours
        return record
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and record.exc_info[0] is not None:
        # Formatter reuses exc_text when set, so the traceback is cleaned once, here.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def describe_update(update: object) -> str:
    """Enough to find the failing update again, without dumping the user's whole message."""
    if not isinstance(update, Update):
        return repr(update)[:200]
    parts = [f"update {update.update_id}"]
    chat, user = update.effective_chat, update.effective_user
    if chat is not None:
        parts.append(f"chat {chat.id} ({chat.type})")
    if user is not None:
        parts.append(f"user {user.id}")
    if update.callback_query is not None:
        parts.append(f"button {update.callback_query.data!r}")
    elif update.inline_query is not None:
        parts.append(f"inline {update.inline_query.query[:100]!r}")
    elif update.effective_message is not None:
        message = update.effective_message
        content = message.text or message.caption or ""
        if message.document is not None:
            parts.append(f"document {message.document.file_name!r}")
        if content:
            parts.append(f"text {content[:100]!r}")
    return ", ".join(parts)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, with the update's context; then apologise where the user is waiting."""
    log.error("Error while handling %s", describe_update(update), exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(APOLOGY, show_alert=True)
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.effective_message is not None:
            # reply_text quotes the asking message in groups, like every other answer.
            await update.effective_message.reply_text(esc(APOLOGY))
    except TelegramError as error:
        # Apologising failed too (the query expired, the chat is gone): nothing more to do.
        log.warning("Could not apologise for %s: %s", describe_update(update), error)
