"""One digest send run in a process of its own, so that a test can kill it hard mid-way:

    python -m tests.digest_process DATABASE_URL BOT_API_BASE_URL TOKEN NOW

NOW (ISO 8601 with an offset) is the sender's clock, fixed so that the run sends exactly
the deliveries the test arranged.  The real sender, the real Bot over HTTP, the real
database: only the process boundary is the test's.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.store.database import make_engine
from handlers.digest_sender import DigestSender


async def _run(database_url: str, base_url: str, token: str, now: datetime) -> None:
    engine = make_engine(database_url)
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(token, base_url=base_url, request=request) as bot:
        report = await DigestSender(bot, engine, now=lambda: now).run_once()
    engine.dispose()
    print(report, flush=True)


if __name__ == "__main__":
    url, base, token, now = sys.argv[1:5]
    asyncio.run(_run(url, base, token, datetime.fromisoformat(now)))
