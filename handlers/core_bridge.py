"""The one crossing from PTB's event loop into the synchronous core.

Every handler gets its engine and settings from here, builds the `Asker` the same
way, and runs the core in a worker thread with one session per update, so a slow
query never stalls the loop that answers everyone else.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from telegram import ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.corrections.roles import editor_ids
from bot.replies.reply import Asker, Reply
from bot.store.database import session_scope
from bot.timeline.version import timeline_version
from handlers.answer_cache import REVALIDATE_SECONDS, AnswerCache

log = logging.getLogger(__name__)

T = TypeVar("T")
SERVICES_KEY = "timeline"
_ADMIN_STATUSES = frozenset({ChatMember.ADMINISTRATOR, ChatMember.OWNER})


class EditorRoster:
    """The editors' ids as last read: re-read at most once a second, and at the next
    question after any command that may have written.  It decides only what answers show;
    every correction checks the table itself."""

    def __init__(self, *, revalidate_seconds: float = REVALIDATE_SECONDS) -> None:
        self.revalidate_seconds = revalidate_seconds
        self._ids: frozenset[int] = frozenset()
        self._checked_at = -math.inf

    async def contains(self, user_id: int, services: Services) -> bool:
        if time.monotonic() - self._checked_at >= self.revalidate_seconds:
            self._ids = await in_session(services, editor_ids)
            self._checked_at = time.monotonic()
        return user_id in self._ids

    def expire(self) -> None:
        self._checked_at = -math.inf


@dataclass(frozen=True)
class Services:
    engine: Engine
    settings: Settings
    needs_chat_admin: frozenset[str]  # commands whose Asker must say whether a group admin asks
    answers: AnswerCache = field(default_factory=AnswerCache)
    editors: EditorRoster = field(default_factory=EditorRoster)

    def expire(self) -> None:
        """A command or button may have written: answers and roles are read again."""
        self.answers.expire()
        self.editors.expire()


def attach_services(application: Application, services: Services) -> None:
    application.bot_data[SERVICES_KEY] = services


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data[SERVICES_KEY]


async def in_session(
    services: Services, function: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """`function(session, *args, **kwargs)` in a worker thread, committed when it returns."""

    def call() -> T:
        with session_scope(services.engine) as session:
            return function(session, *args, **kwargs)

    return await asyncio.to_thread(call)


async def ask_core(
    services: Services, key: Hashable | None, function: Callable[..., Reply | None], *args: Any
) -> Reply | None:
    """`function(session, *args)`, answered from the cache when `key` is a lookup's key.

    A hit costs no thread and no query; the timeline version is re-read when due.  When
    many readers ask the same new question at once (news breaks, a digest goes out), one
    computes the answer and the others wait for it.
    """
    cache = services.answers
    if key is None:
        reply = await in_session(services, function, *args)
        services.expire()  # the command may have written (subscribe, ingest, a correction)
        return reply
    await cache.revalidate_when_due(lambda: in_session(services, timeline_version))
    held = cache.get(key)
    if held is not None:
        return held
    pending = cache.in_flight(key)
    if pending is not None:
        return await asyncio.shield(pending)
    version = cache.version
    computing: asyncio.Future[Reply | None] = asyncio.get_running_loop().create_future()
    cache.start_flight(key, computing)
    try:
        reply = await in_session(services, function, *args)
    except BaseException as error:
        computing.set_exception(error)
        computing.exception()  # marks it retrieved: the waiters, if any, re-raise it
        raise
    finally:
        cache.end_flight(key)
    if reply is not None:
        cache.put(key, reply, version)
    computing.set_result(reply)
    return reply


async def asker_for(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    *,
    command: str | None = None,
) -> Asker:
    """Who asks; for group-settings commands also whether they administer the chat."""
    services = services_of(context)
    user, chat = update.effective_user, update.effective_chat
    user_id = user.id if user is not None else None
    chat_id = chat.id if chat is not None else (user_id or 0)
    chat_type = chat.type if chat is not None else "private"
    is_chat_admin = None
    if command in services.needs_chat_admin and chat_type in ("group", "supergroup"):
        is_chat_admin = await _is_chat_admin(update, context)
    is_bot_admin = user_id in services.settings.admin_user_ids
    is_editor = (
        user_id is not None
        and not is_bot_admin
        and await services.editors.contains(user_id, services)
    )
    return Asker(
        user_id=user_id,
        chat_id=chat_id,
        chat_type=chat_type,
        is_bot_admin=is_bot_admin,
        is_chat_admin=is_chat_admin,
        is_editor=is_editor,
        user_name=user.full_name if user is not None else "",
    )


async def _is_chat_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool | None:
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    # An anonymous administrator writes as the group itself; only admins can do that.
    if message is not None and message.sender_chat is not None and chat is not None:
        return message.sender_chat.id == chat.id
    if chat is None or user is None:
        return None
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        log.warning("Could not check admin rights in chat %s: %s", chat.id, error)
        return None
    return member.status in _ADMIN_STATUSES
