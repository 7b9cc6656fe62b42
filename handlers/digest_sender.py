"""The digest's fan-out: enqueue what is due, claim it, compose it once per filter, send
it paced through the shared sender (`handlers/paced_sender.py`, which says how Telegram's
answers are handled).

A resumed delivery sends the pages stored at its first claim (`bot.digest.editions`), not
a new composition whose page breaks an article ingested meanwhile would have moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.digest.outbox import DigestOutbox, SendReport
from handlers.paced_sender import PacedSender, RetryPolicy, worker_name

__all__ = ["DigestSender", "RetryPolicy", "SendReport", "worker_name"]


@dataclass
class DigestSender(PacedSender):
    """Sends every digest that is due."""

    late_window: timedelta = timedelta(hours=6)

    async def run_once(self) -> SendReport:
        """Enqueue what is due, then claim and send batches until none is left."""
        return await self.run(DigestOutbox(self.late_window))
