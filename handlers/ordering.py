"""Concurrent update handling that still answers each chat in the order it asked.

Each update spends most of its time waiting: on the worker thread that runs the core,
and on Telegram.  Handling updates one at a time (PTB's default) leaves everyone else
waiting meanwhile; handling them all concurrently could answer "/who X" after the
"/round Y" typed just after it.  So updates run concurrently across chats and in
arrival order within a chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def order_key(update: object) -> int | None:
    """The chat whose answers must stay in order; the user's for inline queries."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class ChatOrderedUpdates(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once; one at a time per chat, first come first."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = order_key(update)
        if key is None:
            await coroutine
            return
        # asyncio.Lock wakes waiters first come, first served: arrival order is kept.
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on first use."""

    async def shutdown(self) -> None:
        """Nothing to release: a lock lives only while its chat has updates in flight."""
