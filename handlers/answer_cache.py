"""Answers to lookups, kept until the timeline changes.

A bot in newsrooms hears the same questions again and again (/latest, /who of the
day's names), while the timeline changes only when an article is ingested.  So lookup
answers are kept, keyed by the question and by everything of the asker that the core
reads, and dropped as soon as the timeline's version (max ids and counts of its
tables) changes.  The version is re-read at most once a second per process, so an
ingest by another process (the CLI, another webhook worker) shows within a second; an
ingest or any write through this bot re-reads it on the next question.

Only commands known to be pure lookups are cached: a new command is uncached until it
is added here.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from bot.replies.reply import Asker, Reply
from bot.timeline.version import TimelineVersion

LOOKUP_COMMANDS = frozenset(
    {"start", "help", "latest", "round", "rounds", "who", "quotes", "on", "search", "sources"}
)
PLAIN_TEXT = "<text>"  # the key's command for plain text in a private chat
REVALIDATE_SECONDS = 1.0
# Answers about "today" or "yesterday" change at local midnight; every time zone's
# midnight falls on a quarter hour of UTC, so a key per quarter hour never serves
# yesterday's "today".
NOW_SLOT_SECONDS = 15 * 60
MAX_ENTRIES = 512

def answer_key(command: str, args: str, asker: Asker) -> Hashable | None:
    """The cache key of a question, or None when its answer must not be cached."""
    if command not in LOOKUP_COMMANDS and command != PLAIN_TEXT:
        return None
    slot = int(asker.now.timestamp() // NOW_SLOT_SECONDS)
    # Editors see ids and admins more: each role keeps its own answers.
    return (command, args, asker.chat_type, asker.is_bot_admin, asker.is_editor,
            asker.is_chat_admin, slot)


class AnswerCache:
    """Used from the event loop only, so it needs no lock."""

    def __init__(
        self,
        *,
        revalidate_seconds: float = REVALIDATE_SECONDS,
        max_entries: int = MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.revalidate_seconds = revalidate_seconds
        self.max_entries = max_entries
        self.clock = clock
        self.version: TimelineVersion | None = None
        self._checked_at = -math.inf
        self._entries: OrderedDict[Hashable, Reply] = OrderedDict()
        self._flights: dict[Hashable, asyncio.Future[Reply | None]] = {}
        self._reading: asyncio.Future[None] | None = None

    def needs_revalidation(self) -> bool:
        return self.clock() - self._checked_at >= self.revalidate_seconds

    async def revalidate_when_due(
        self, read_version: Callable[[], Awaitable[TimelineVersion]]
    ) -> None:
        """Re-reads the version when it is due; questions arriving meanwhile share that read,
        so a burst at the turn of a second costs one query, not one per question."""
        if not self.needs_revalidation():
            return
        if self._reading is None:
            self._reading = asyncio.ensure_future(self._read(read_version))
        await asyncio.shield(self._reading)

    async def _read(self, read_version: Callable[[], Awaitable[TimelineVersion]]) -> None:
        try:
            self.revalidate(await read_version())
        finally:
            self._reading = None

    def revalidate(self, version: TimelineVersion) -> None:
        if version != self.version:
            self._entries.clear()
            self.version = version
        self._checked_at = self.clock()

    def expire(self) -> None:
        """Something may have written to the timeline: re-read its version before the next hit."""
        self._checked_at = -math.inf

    def get(self, key: Hashable) -> Reply | None:
        reply = self._entries.get(key)
        if reply is not None:
            self._entries.move_to_end(key)
        return reply

    def put(self, key: Hashable, reply: Reply, version: TimelineVersion | None) -> None:
        # An answer computed while the version moved on is not kept under the old one.
        if version is None or version != self.version:
            return
        self._entries[key] = reply
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def in_flight(self, key: Hashable) -> asyncio.Future[Reply | None] | None:
        """The answer being computed for `key` right now, if any."""
        return self._flights.get(key)

    def start_flight(self, key: Hashable, future: asyncio.Future[Reply | None]) -> None:
        self._flights[key] = future

    def end_flight(self, key: Hashable) -> None:
        self._flights.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)
