"""Group commit: per-message writes from many concurrent senders share one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy.engine import Engine

from bot.store.database import session_scope


class GroupCommit:
    """Writes queued while a transaction runs go together in the next one.

    Each caller still waits for its own write to be committed, so nothing is reported
    done before it is durable; under load, one commit (one fsync on SQLite) serves many
    messages instead of one each.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._waiting: list[tuple[Callable, asyncio.Future]] = []
        self._writer: asyncio.Task | None = None

    async def run(self, function: Callable, *args, **kwargs):
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((lambda session: function(session, *args, **kwargs), future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        return await future

    async def _write_all(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                results = await asyncio.to_thread(self._commit, [call for call, _ in batch])
            except Exception as error:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    def _commit(self, calls: list[Callable]) -> list:
        with session_scope(self.engine) as session:
            return [call(session) for call in calls]
