"""One watch alert run in a process of its own, so that a test can kill it hard mid-way:

    python -m tests.watch_process DATABASE_URL BOT_API_BASE_URL TOKEN NOW

NOW (ISO 8601 with an offset) is the sender's clock.  The real sender, the real Bot over
HTTP, the real database: only the process boundary is the test's.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.store.database import make_engine
from bot.watches.alerts import AlertOutbox
from handlers.paced_sender import PacedSender


async def _run(database_url: str, base_url: str, token: str, now: datetime) -> None:
    engine = make_engine(database_url)
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(token, base_url=base_url, request=request) as bot:
        report = await PacedSender(bot, engine, now=lambda: now).run(AlertOutbox())
    engine.dispose()
    print(report, flush=True)


if __name__ == "__main__":
    url, base, token, now = sys.argv[1:5]
    asyncio.run(_run(url, base, token, datetime.fromisoformat(now)))
