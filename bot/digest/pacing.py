"""Telegram's flood limits as token buckets: 30 messages a second overall, one a second per
private chat, twenty a minute per group.

Each bucket is a GCRA (a token bucket kept as one "theoretical arrival time"): a sender
reserves its slot and sleeps until it, so concurrent senders queue fairly without polling,
and a 429 for one chat pushes back that chat's slots only.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


class Bucket:
    """`rate` sends a second on average, `burst` of them back to back."""

    def __init__(self, rate: float, burst: int = 1) -> None:
        self.interval = 1.0 / rate
        self.tolerance = (max(1, burst) - 1) * self.interval
        self.arrival = 0.0

    def reserve(self, now: float) -> float:
        """Take the next slot; how long to wait before using it."""
        arrival = max(self.arrival, now)
        self.arrival = arrival + self.interval
        return max(0.0, arrival - self.tolerance - now)

    def hold_until(self, moment: float) -> None:
        """No slot before `moment` (Telegram said retry_after)."""
        self.arrival = max(self.arrival, moment + self.tolerance)


@dataclass(frozen=True)
class PacingLimits:
    """Our own limits, a little under Telegram's so that clock jitter never meets a 429."""

    overall_per_second: float = 29.0
    overall_burst: int = 5
    private_per_second: float = 1.0
    group_per_minute: float = 20.0
    group_burst: int = 3


@dataclass
class Pacing:
    limits: PacingLimits = field(default_factory=PacingLimits)
    clock: Callable[[], float] = time.monotonic
    _overall: Bucket | None = None
    _chats: dict[int, Bucket] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._overall = Bucket(self.limits.overall_per_second, self.limits.overall_burst)

    def _chat(self, chat_id: int) -> Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            # Telegram's chat ids: users are positive, groups and supergroups negative.
            if chat_id > 0:
                bucket = Bucket(self.limits.private_per_second)
            else:
                bucket = Bucket(self.limits.group_per_minute / 60, self.limits.group_burst)
            self._chats[chat_id] = bucket
        return bucket

    async def wait_turn(
        self, chat_id: int, *, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    ) -> None:
        """Sleep until a message to `chat_id` fits both the chat's and the overall budget."""
        # The chat first: a slot of the shared budget is not held while a chat waits.
        wait = self._chat(chat_id).reserve(self.clock())
        if wait:
            await sleep(wait)
        wait = self._overall.reserve(self.clock())
        if wait:
            await sleep(wait)

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        self._chat(chat_id).hold_until(self.clock() + seconds)
