"""What tests read back: the bot's calls, sends and rejections, and ways to wait for them."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

from tests.emulator.state import ApiCall, EmulatorState, InlineAnswer, Rejection, SentMessage

T = TypeVar("T")


class RecordView:
    state: EmulatorState

    @property
    def sent(self) -> list[SentMessage]:
        """Every successful send or edit, in order."""
        return self.state.record.sent

    @property
    def rejected(self) -> list[Rejection]:
        """Every call answered with an error, whatever the reason."""
        return self.state.record.rejected

    @property
    def check_failures(self) -> list[Rejection]:
        """Calls Telegram would refuse because of what the bot sent: the bot's own bugs, as
        opposed to faults and chat states (blocks, migrations, floods) a test arranged."""
        return [r for r in self.state.record.rejected if r.cause == "check"]

    @property
    def calls(self) -> list[ApiCall]:
        """Every call but getUpdates (which polling repeats without end)."""
        return self.state.record.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.state.record.calls if c.method.lower() == method.lower()]

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.state.record.sent if m.chat_id == chat_id]

    def history(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat as its members see it now: every message from users and the bot, after
        edits and deletions, as Message objects."""
        found = [m for (c, _), m in self.state.messages.items() if c == chat_id]
        return sorted(found, key=lambda m: m["message_id"])

    def inline_answers(self, query_id: str) -> list[InlineAnswer]:
        return self.state.record.inline_answers.get(query_id, [])

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The parameters of the bot's answerCallbackQuery for this query, if it answered."""
        return self.state.record.callback_answers.get(query_id)

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """The command list the bot set for a scope (default scope when None)."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return self.state.record.commands.get((key, language_code), [])

    def pending_updates(self) -> int:
        return len(self.state.queue.pending)

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Returns the first truthy value of ``predicate()``, re-checked after every call
        the bot makes; raises TimeoutError with what the bot did meanwhile."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        record = self.state.record
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(self._timeout_report(timeout))
            record.changed.clear()
            # The cap re-checks predicates that also look at things outside the record.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(record.changed.wait(), min(remaining, 0.1))

    async def wait_idle(self, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Waits until every queued update has been fetched and the bot has made no call
        for ``quiet`` seconds, i.e. it has finished reacting."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = time.monotonic()
            last = max(self.state.record.last_activity, self.state.queue.last_fetch)
            if not self.state.queue.pending and now - last >= quiet:
                return
            if loop.time() > deadline:
                raise TimeoutError(self._timeout_report(timeout))
            await asyncio.sleep(quiet / 3)

    def _timeout_report(self, timeout: float) -> str:
        recent = [f"{c.method}({c.status})" for c in self.state.record.calls[-10:]]
        rejected = [f"{r.method}: {r.description}" for r in self.state.record.rejected[-5:]]
        return (
            f"nothing matched within {timeout}s; pending updates: "
            f"{len(self.state.queue.pending)}; last calls: {recent}; rejections: {rejected}"
        )
