"""The error handler: log first, with the update's context, then apologise.

The token never reaches these logs: `build_application` calls
`bot.startup.protect_token`, which cleans every record of the process as it is made.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.render import esc

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on our side; it has been logged."


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
