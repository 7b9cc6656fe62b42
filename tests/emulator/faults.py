"""Failures a test arranges (injected errors, slow answers) and Telegram's flood limits."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.emulator.errors import ApiError

_STATUS_TEXT = {
    400: "Bad Request",
    403: "Forbidden",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class _Armed:
    method: str
    chat_id: int | None
    times: int

    def matches(self, method: str, chat_id: int | None) -> bool:
        return self.method.lower() == method.lower() and (
            self.chat_id is None or self.chat_id == chat_id
        )


@dataclass
class InjectedError(_Armed):
    status: int = 429
    retry_after: int | None = None
    description: str | None = None

    def error(self) -> ApiError:
        if self.status == 429:
            retry_after = self.retry_after if self.retry_after is not None else 1
            return ApiError(
                429,
                self.description or f"Too Many Requests: retry after {retry_after}",
                parameters={"retry_after": retry_after},
                cause="fault",
            )
        text = _STATUS_TEXT.get(self.status, "Error")
        return ApiError(self.status, self.description or text, cause="fault")


@dataclass
class InjectedDelay(_Armed):
    seconds: float = 0.0
    executed: bool = True  # whether the call takes effect before the slow answer


@dataclass
class FaultPlan:
    errors: list[InjectedError] = field(default_factory=list)
    delays: list[InjectedDelay] = field(default_factory=list)

    @staticmethod
    def _take(armed: list[Any], method: str, chat_id: int | None) -> Any:
        for entry in armed:
            if entry.matches(method, chat_id):
                entry.times -= 1
                if entry.times <= 0:
                    armed.remove(entry)
                return entry
        return None

    def take_error(self, method: str, chat_id: int | None) -> ApiError | None:
        entry = self._take(self.errors, method, chat_id)
        return entry.error() if entry else None

    def take_delay(self, method: str, chat_id: int | None) -> InjectedDelay | None:
        return self._take(self.delays, method, chat_id)


@dataclass
class TokenBucket:
    """``capacity`` sends at once, refilled at ``rate`` per second."""

    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = 0.0

    def wait_time(self, now: float) -> float:
        """0 and a token taken if a send may go now; otherwise seconds until it may."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's published limits; the per-chat burst mirrors its tolerance of short bursts."""

    global_per_second: float = 30
    private_per_second: float = 1
    private_burst: int = 3
    group_per_minute: float = 20


class FloodControl:
    def __init__(self, limits: FloodLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.overall = TokenBucket(limits.global_per_second, limits.global_per_second)
        self.per_chat: dict[int, TokenBucket] = {}

    def _chat_bucket(self, chat_id: int) -> TokenBucket:
        if chat_id not in self.per_chat:
            if chat_id > 0:
                bucket = TokenBucket(self.limits.private_burst, self.limits.private_per_second)
            else:
                per_minute = self.limits.group_per_minute
                bucket = TokenBucket(per_minute, per_minute / 60)
            self.per_chat[chat_id] = bucket
        return self.per_chat[chat_id]

    def admit(self, chat_id: int) -> None:
        """Takes one send from both budgets, or raises 429 with Telegram's retry_after."""
        now = self.clock()
        chat_bucket = self._chat_bucket(chat_id)
        chat_wait = chat_bucket.wait_time(now)
        if chat_wait:
            raise self._too_many(chat_wait)
        overall_wait = self.overall.wait_time(now)
        if overall_wait:
            chat_bucket.tokens += 1  # the send did not happen; give the chat its token back
            raise self._too_many(overall_wait)

    @staticmethod
    def _too_many(wait: float) -> ApiError:
        retry_after = max(1, math.ceil(wait))
        return ApiError(
            429,
            f"Too Many Requests: retry after {retry_after}",
            parameters={"retry_after": retry_after},
            cause="state",
        )
