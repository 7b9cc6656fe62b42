"""Sending a core `Reply` to Telegram: pages, keyboards, replies in groups, migrations."""

from __future__ import annotations

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyParameters,
)
from telegram.error import ChatMigrated

from bot.replies.reply import Attachment, Button, Reply
from handlers.core_bridge import Services
from handlers.migration import follow_migration


def inline_keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not any(rows):
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(button.text, url=button.url)
                if button.url is not None
                else InlineKeyboardButton(button.text, callback_data=button.data)
                for button in row
            ]
            for row in rows
            if row
        ]
    )


def pages_to_send(reply: Reply) -> list[str]:
    """A paged reply is one message whose ◀ ▶ buttons edit it; otherwise every page is sent."""
    return reply.pages[:1] if reply.paged else list(reply.pages)


async def send_reply(
    bot: Bot,
    services: Services,
    chat_id: int,
    reply: Reply,
    *,
    reply_to: int | None = None,
) -> list[Message]:
    """Sends `reply`; in groups `reply_to` is the asking message, so the answer threads."""
    if reply.attachment is not None:
        return [
            await send_attachment(
                bot, services, chat_id, reply.attachment, reply.pages[0], reply_to=reply_to
            )
        ]
    sent: list[Message] = []
    for number, page in enumerate(pages_to_send(reply)):
        first = number == 0
        message = await send_page(
            bot,
            services,
            chat_id,
            page,
            markup=inline_keyboard(reply.keyboard(0)) if first else None,
            reply_to=reply_to if first else None,
        )
        chat_id = message.chat_id  # a migration on the first page moves the rest too
        sent.append(message)
    return sent


async def send_page(
    bot: Bot,
    services: Services,
    chat_id: int,
    html: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message:
    # allow_sending_without_reply: the asker may delete their message before we answer.
    reply_parameters = (
        ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    )
    try:
        return await bot.send_message(
            chat_id, html, reply_markup=markup, reply_parameters=reply_parameters
        )
    except ChatMigrated as moved:
        await follow_migration(services, chat_id, moved.new_chat_id)
        # The asking message stayed in the old group: the new one cannot quote it.
        return await bot.send_message(moved.new_chat_id, html, reply_markup=markup)


async def send_attachment(
    bot: Bot,
    services: Services,
    chat_id: int,
    attachment: Attachment,
    caption: str,
    *,
    reply_to: int | None = None,
) -> Message:
    """An export as a document, the chart as a photo, with the answer as its caption."""
    reply_parameters = (
        ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    )

    async def send(target: int, parameters: ReplyParameters | None) -> Message:
        upload = InputFile(attachment.content, filename=attachment.file_name)
        if attachment.kind == "photo":
            return await bot.send_photo(
                target, upload, caption=caption, reply_parameters=parameters
            )
        return await bot.send_document(
            target, upload, caption=caption, reply_parameters=parameters
        )

    try:
        return await send(chat_id, reply_parameters)
    except ChatMigrated as moved:
        await follow_migration(services, chat_id, moved.new_chat_id)
        return await send(moved.new_chat_id, None)
