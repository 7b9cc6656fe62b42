"""Inline buttons: ◀ ▶ paging and "Did you mean" choices, shown in the pressed message.

Every press is answered (answerCallbackQuery), or the user's button keeps spinning.
An edit that would change nothing is skipped: Telegram refuses it ("message is not
modified"), which happens when the page counter itself is pressed.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.replies import commands as core
from bot.replies.reply import Reply
from handlers.core_bridge import Services, asker_for, in_session, services_of
from handlers.send import inline_keyboard, send_page, send_reply

log = logging.getLogger(__name__)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    services = services_of(context)
    if not query.data:
        await query.answer()
        return
    asker = await asker_for(update, context, command=core.callback_command(query.data))
    result = await in_session(services, core.answer_callback, query.data, asker)
    services.expire()  # a button may stand for a command that writes (subscribe, verify)
    if result.reply is not None and result.reply.pages:
        await show_in_place(context, services, query, result.reply, result.page)
    # Answered last: if showing failed, the error handler answers with the apology instead.
    await query.answer(result.toast)


async def show_in_place(
    context: ContextTypes.DEFAULT_TYPE,
    services: Services,
    query: CallbackQuery,
    reply: Reply,
    page: int,
) -> None:
    page = min(max(page, 0), len(reply.pages) - 1)
    markup = inline_keyboard(reply.keyboard(page))
    message = query.message
    if message is not None and not isinstance(message, Message):
        # Too old to edit (Telegram no longer shows it to bots): answer with a new message.
        await send_reply(context.bot, services, message.chat.id, reply)
        return
    if message is not None and _same_view(message.reply_markup, markup):
        return
    await _edit(query, reply.pages[page], markup)
    if message is not None and not reply.paged:
        # An answer too long to page (no room in callback data) goes on in new messages.
        for rest in reply.pages[1:]:
            await send_page(context.bot, services, message.chat_id, rest)


def _same_view(current: InlineKeyboardMarkup | None, new: InlineKeyboardMarkup | None) -> bool:
    # A paged view's keyboard names its page ("2/5" carries the page in its data), and a
    # pressed message always has buttons: equal keyboards mean the same page of one answer.
    return current is not None and current == new


async def _edit(query: CallbackQuery, html: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await query.edit_message_text(html, reply_markup=markup)
    except BadRequest as error:
        # Two quick presses can race to the same page; the second edit changes nothing.
        if "not modified" not in error.message.lower():
            raise
        log.debug("Skipped an edit that changed nothing: %s", error.message)


def add_callback_handlers(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(on_button))
