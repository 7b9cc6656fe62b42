"""Commands and plain text: parse what Telegram delivers, ask the core, send its Reply."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.replies import commands as core
from bot.replies.arguments import split_command
from handlers.answer_cache import PLAIN_TEXT, answer_key
from handlers.core_bridge import ask_core, asker_for, services_of
from handlers.send import send_reply

# Edited messages are left alone: re-answering an edit would post a second answer.
NEW_MESSAGES = filters.UpdateType.MESSAGE


def reply_target(message: Message) -> int | None:
    """In groups the answer quotes the question, so it is clear whom it answers."""
    return message.message_id if message.chat.type in ("group", "supergroup") else None


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    parsed = split_command(message.text, context.bot.username)
    if parsed is None:
        return
    command, args = parsed
    if command == "editor":
        args = with_replied_user(message, args)
    services = services_of(context)
    asker = await asker_for(update, context, command=command)
    key = answer_key(command, args, asker)
    reply = await ask_core(services, key, core.answer, command, args, asker)
    await send_reply(context.bot, services, message.chat_id, reply, reply_to=reply_target(message))


def with_replied_user(message: Message, args: str) -> str:
    """ "/editor add" sent as a reply to someone's message: "add <their id> <their name>"."""
    replied = message.reply_to_message
    user = replied.from_user if replied is not None else None
    if args.strip().lower() not in ("add", "remove") or user is None or user.is_bot:
        return args
    return f"{args.strip()} {user.id} {user.full_name}"


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A name or a question typed without a command: the core guesses what was meant."""
    message = update.effective_message
    if message is None or not message.text:
        return
    services = services_of(context)
    asker = await asker_for(update, context)
    key = answer_key(PLAIN_TEXT, message.text, asker)
    reply = await ask_core(services, key, core.answer_text, message.text, asker)
    if reply is not None:
        await send_reply(context.bot, services, message.chat_id, reply)


def add_command_handlers(application: Application, command_names: list[str]) -> None:
    """Known commands, then any other command (the core answers /ingest with pasted text,
    and anything unknown with a hint), then plain text in private chats."""
    application.add_handler(CommandHandler(command_names, on_command, filters=NEW_MESSAGES))
    application.add_handler(MessageHandler(filters.COMMAND & NEW_MESSAGES, on_command))
    # Chatter in groups is not for us; a card posted through our inline mode is our own text.
    application.add_handler(
        MessageHandler(
            filters.TEXT
            & ~filters.COMMAND
            & filters.ChatType.PRIVATE
            & ~filters.VIA_BOT
            & NEW_MESSAGES,
            on_private_text,
        )
    )
