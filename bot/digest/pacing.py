"""Telegram's flood limits as token buckets: 30 messages a second overall, one a second per
private chat, twenty a minute per group; and the one message in flight.

Each bucket is a GCRA (a token bucket kept as one "theoretical arrival time"): a sender
reserves its slot and sleeps until it, so concurrent senders queue fairly without polling,
and a 429 for one chat pushes back that chat's slots only.

Digests and watch alerts share one `Pacing` and so one budget.  A message leaves only when
it holds the turn (`sending`): one message is in flight at a time, so a hard kill repeats
at most that one, and the turn goes to a waiting alert before any waiting digest page.
The overall slot is taken by the holder of the turn, so no page reserves slots ahead of
an alert that comes later.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
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


class Turns:
    """One holder at a time; when it lets go, urgent waiters first, then first come."""

    def __init__(self) -> None:
        self._busy = False
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def acquire(self, *, urgent: bool) -> None:
        if not self._busy and not self._waiting:
            self._busy = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (0 if urgent else 1, next(self._order), turn))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.release()  # handed the turn just as we were cancelled: pass it on
            raise

    def release(self) -> None:
        while self._waiting:
            _, _, turn = heapq.heappop(self._waiting)
            if not turn.done():  # a waiter cancelled meanwhile is passed over
                turn.set_result(None)
                return
        self._busy = False


@dataclass
class Pacing:
    limits: PacingLimits = field(default_factory=PacingLimits)
    clock: Callable[[], float] = time.monotonic
    _overall: Bucket | None = None
    _chats: dict[int, Bucket] = field(default_factory=dict)
    _turns: Turns = field(default_factory=Turns)

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

    @asynccontextmanager
    async def sending(
        self,
        chat_id: int,
        *,
        urgent: bool = False,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> AsyncIterator[None]:
        """Hold the turn to send one message to `chat_id`, within the chat's and the
        overall budget; alerts are `urgent` and go before digest pages."""
        # The chat first: the turn is not held while one chat waits for its own budget.
        wait = self._chat(chat_id).reserve(self.clock())
        if wait:
            await sleep(wait)
        await self._turns.acquire(urgent=urgent)
        try:
            wait = self._overall.reserve(self.clock())
            if wait:
                await sleep(wait)
            yield
        finally:
            self._turns.release()

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        self._chat(chat_id).hold_until(self.clock() + seconds)
