"""Following a group that Telegram upgrades to a supergroup (it gets a new chat id).

The chat's rows (a digest subscription, watches and their alerts) belong to the digest and
the watches; each moves its own.  We learn of a
migration two ways: the service messages (`migrate_to_chat_id` in the old group,
`migrate_from_chat_id` in the new one) and a `ChatMigrated` error when sending to the old id.
Moving is idempotent, so hearing of it twice is harmless.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from handlers.core_bridge import Services, in_session, services_of

log = logging.getLogger(__name__)

MOVERS = (("bot.digest.subscriptions", "move_chat"), ("bot.watches.store", "move_watches"))


def _movers() -> list[Callable[..., Any]]:
    # Looked up at call time: the digest and watches are optional for the rest of the bot.
    found = []
    for module_name, name in MOVERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if (mover := getattr(module, name, None)) is not None:
            found.append(mover)
    return found


async def follow_migration(services: Services, old_chat_id: int, new_chat_id: int) -> None:
    movers = _movers()
    if not movers:
        log.warning("Chat %s became %s but nothing is installed to move its rows",
                    old_chat_id, new_chat_id)
        return

    def move(session) -> None:
        for mover in movers:
            mover(session, old_chat_id, new_chat_id)

    await in_session(services, move)
    log.info("Chat %s migrated to supergroup %s", old_chat_id, new_chat_id)


async def on_migration_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    await follow_migration(services_of(context), old, new)


def add_migration_handlers(application: Application) -> None:
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migration_message))
