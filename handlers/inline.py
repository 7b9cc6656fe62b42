"""Inline mode: `@OurBot witkoff` in any chat offers sourced cards to post there."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from bot.render import INLINE_RESULTS_LIMIT
from bot.replies import commands as core
from handlers.core_bridge import in_session, services_of

# Short, because new articles change the cards; shared (not personal), because a card
# does not depend on who asks, which lets Telegram serve repeated queries from its cache.
INLINE_CACHE_SECONDS = 30


def card_result(card: core.InlineCard) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=card.id,
        title=card.title,
        description=card.description,
        url=card.url,
        input_message_content=InputTextMessageContent(
            card.html,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    cards = await in_session(
        services_of(context), core.inline_cards, query.query.strip(), limit=INLINE_RESULTS_LIMIT
    )
    await query.answer(
        [card_result(card) for card in cards[:INLINE_RESULTS_LIMIT]],
        cache_time=INLINE_CACHE_SECONDS,
        is_personal=False,
    )


def add_inline_handlers(application: Application) -> None:
    application.add_handler(InlineQueryHandler(on_inline_query))
