"""End to end through the Bot API emulator: replies per second of our bot against the floor.

The floor is a minimal python-telegram-bot echo bot (one MessageHandler, reply_text) on
the same emulator, in the same run, with the same workload: many users each sending a
burst of lookups at once.  Both bots run without Telegram's flood caps (the emulator
enforces none here; ours keeps its AIORateLimiter with the caps at 0 so its code path
is the production one) so that what is compared is the work per reply.  Rounds
alternate between the two bots; the best round of each is reported.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.config import SEEDS_DIR
from bot.store.database import make_engine, upgrade
from tests.emulator.server import BotApiEmulator
from tests.test_bot_e2e_harness import (
    BOT_USERNAME,
    TOKEN,
    BotUnderTest,
    make_settings,
    start_polling,
    start_polling_bot,
    stop_bot,
)

USERS = 25
MESSAGES_PER_USER = 8
ROUNDS = 3
WORKLOAD = (
    "/latest 5",
    "/who Witkoff",
    "/round Cairo",
    "/search ceasefire",
    "/quotes Netanyahu",
    "/sources",
    "/on 7 October 2025",
    "Witkof",
)


async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def _start_echo_bot(emulator: BotApiEmulator) -> BotUnderTest:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emulator.base_url)
        .base_file_url(emulator.base_file_url)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, _echo))
    return await start_polling(emulator, application)


async def _start_our_bot(emulator: BotApiEmulator, engine, scratch: Path) -> BotUnderTest:
    uncapped = AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)
    return await start_polling_bot(emulator, make_settings(scratch), engine, rate_limiter=uncapped)


async def _burst(bot: BotUnderTest) -> tuple[float, int, int]:
    """Seconds to answer every user's burst; updates answered; messages sent."""
    emulator = bot.emulator
    chats = [emulator.private_chat(10_000 + n, f"Reader{n}") for n in range(USERS)]
    for text in WORKLOAD:  # warm-up: caches, worker threads, connection pool
        emulator.send_text(chats[0], chats[0].id, text)
    await bot.settled(timeout=60)
    sent_before = len(emulator.sent)
    started = time.perf_counter()
    for round_number in range(MESSAGES_PER_USER):
        for chat in chats:
            emulator.send_text(chat, chat.id, WORKLOAD[(round_number + chat.id) % len(WORKLOAD)])
    await bot.settled(timeout=120)
    elapsed = time.perf_counter() - started
    assert not emulator.rejected, f"the emulator refused calls: {emulator.rejected[:3]}"
    return elapsed, USERS * MESSAGES_PER_USER, len(emulator.sent) - sent_before


async def _one_round(kind: str, engine, scratch: Path) -> tuple[float, int, int]:
    async with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME) as emulator:
        if kind == "echo":
            bot = await _start_echo_bot(emulator)
        else:
            bot = await _start_our_bot(emulator, engine, scratch)
        try:
            return await _burst(bot)
        finally:
            await stop_bot(bot)


def _seeded_engine(scratch: Path):
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles

    engine = make_engine(f"sqlite:///{scratch / 'bench_e2e.db'}")
    upgrade(engine)
    report = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    assert report.ok, report.rejected
    return engine


async def _measure(engine, scratch: Path) -> dict[str, float]:
    best: dict[str, tuple[float, int, int]] = {}
    for _ in range(ROUNDS):
        for kind in ("echo", "ours"):
            elapsed, updates, messages = await _one_round(kind, engine, scratch)
            if kind not in best or elapsed < best[kind][0]:
                best[kind] = (elapsed, updates, messages)
    echo_elapsed, echo_updates, _ = best["echo"]
    our_elapsed, our_updates, our_messages = best["ours"]
    echo_rate = echo_updates / echo_elapsed
    our_rate = our_updates / our_elapsed
    return {
        "echo_replies_per_s": echo_rate,
        "our_replies_per_s": our_rate,
        "our_messages_per_s": our_messages / our_elapsed,
        "ratio_to_echo": our_rate / echo_rate,
    }


def run() -> dict[str, float]:
    scratch = Path(tempfile.mkdtemp(prefix="bench_e2e_"))
    try:
        engine = _seeded_engine(scratch)
        figures = asyncio.run(_measure(engine, scratch))
        engine.dispose()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    burst = f"{USERS} users x {MESSAGES_PER_USER} messages, best of {ROUNDS} rounds"
    print(f"workload: {burst}; commands {', '.join(WORKLOAD)}")
    print(f"echo bot (framework floor): {figures['echo_replies_per_s']:.0f} replies/s")
    print(
        f"timeline bot: {figures['our_replies_per_s']:.0f} answers/s "
        f"({figures['our_messages_per_s']:.0f} messages/s)"
    )
    print(f"ratio timeline/echo: {figures['ratio_to_echo']:.2f} (goal >= 0.70)")
    return figures


if __name__ == "__main__":
    run()
