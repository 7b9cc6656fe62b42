"""The daily digest at scale, on SQLite, with the Bot API emulator in the same process.

1. Compose and enqueue: 10,000 subscribers in five zones at three times with five filter
   variants; the time to write the day's delivery rows, claim them, and compose every
   subscriber's digest and store its pages (goal: under 2 s, composing once per distinct
   filter).
2. Delivery rate with Telegram's flood limits enforced by the emulator: 600 private
   subscribers (about 20 s), as a fraction of the 30 messages a second ceiling (goal: at
   least 0.9), with the number of 429 answers (goal: none, so no 429 loops).
3. Our own cost per message with the limits off: the sender's time per message beside a
   bare loop of `send_message` calls to the same emulator, measured in the same run.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/bench_digest.py` from anywhere
    sys.path.insert(0, str(ROOT))

from telegram import Bot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.digest.deliveries import claim, enqueue_due  # noqa: E402
from bot.digest.editions import editions_for  # noqa: E402
from bot.digest.pacing import Pacing, PacingLimits  # noqa: E402
from bot.digest.schedule import occurrence  # noqa: E402
from bot.store.database import make_engine, session_scope, upgrade  # noqa: E402
from bot.store.models import Subscription  # noqa: E402
from handlers.digest_sender import DigestSender  # noqa: E402
from tests.digest_data import Timeline  # noqa: E402
from tests.emulator import BotApiEmulator  # noqa: E402

SUBSCRIBERS = 10_000
RATE_SAMPLE = 600
COST_SAMPLE = 1_000
ZONES = ["Europe/London", "America/New_York", "Asia/Jerusalem", "Asia/Qatar", "UTC"]
TIMES = ["07:00", "07:30", "08:00"]
FILTERS = [None, "Cairo", "Steve Witkoff", "hostages", "Doha"]
# Wide enough that one instant finds the day's digests of every zone still sendable.
WINDOW = timedelta(hours=12)
TODAY = date(2025, 10, 7)
NOW = datetime(2025, 10, 7, 12, 0, tzinfo=UTC)  # New York's 08:00, Doha's 15:00


def _engine(directory: Path):
    engine = make_engine(f"sqlite:///{directory / 'digest.db'}")
    upgrade(engine)
    return engine


def _timeline(engine, *, new_events: int = 150, old_events: int = 1_500) -> None:
    with session_scope(engine) as session:
        t = Timeline(session)
        t.entity("Steve Witkoff", "person", "Witkoff")
        places = ["Cairo", "Doha", "Sharm el-Sheikh", "Paris"]
        people = ["Steve Witkoff", "Khalil al-Hayya", "Majed al-Ansari", "Ron Dermer"]
        for n in range(old_events + new_events):
            fresh = n >= old_events
            ingested = NOW - timedelta(hours=20 if fresh else 24 * 30 + n % 300)
            article = t.article(f"Outlet {n % 7}", ingested - timedelta(minutes=n % 50))
            kind = "round" if n % 3 == 0 else "announcement"
            title = f"Development {n} in {places[n % 4]}" + (" on hostages" if n % 5 == 0 else "")
            event = t.event(article, title, kind=kind, on=TODAY - timedelta(days=1),
                            place=places[n % 4], people=(people[n % 4],))
            if n % 2 == 0:
                t.quote(article, people[(n + 1) % 4], f"Statement number {n}", about=event)


def _subscriptions(engine, count: int, *, chat_base: int = 10_000_000) -> None:
    rows = []
    for n in range(count):
        zone, clock = ZONES[n % len(ZONES)], TIMES[n % len(TIMES)]
        hour, minute = (int(part) for part in clock.split(":"))
        due = occurrence(TODAY, datetime.min.time().replace(hour=hour, minute=minute),
                         ZoneInfo(zone))
        rows.append(
            {
                "chat_id": chat_base + n,
                "chat_type": "private",
                "local_time": clock,
                "timezone": zone,
                "filter": FILTERS[(n // len(ZONES)) % len(FILTERS)],
                "skip_empty": False,
                "active": True,
                "created_at": NOW - timedelta(days=30),
                "updated_at": NOW - timedelta(days=30),
                "last_digest_at": due - timedelta(days=1),
                "next_due_at": due,
            }
        )
    with session_scope(engine) as session:
        session.execute(Subscription.__table__.insert(), rows)


def bench_compose_and_enqueue(directory: Path) -> dict:
    """Write, claim and compose the day's 10,000 deliveries."""
    engine = _engine(directory)
    _timeline(engine)
    _subscriptions(engine, SUBSCRIBERS)
    started = time.perf_counter()
    with session_scope(engine) as session:
        queued = enqueue_due(session, NOW, late_window=WINDOW)
    enqueued = time.perf_counter()
    with session_scope(engine) as session:
        claimed = claim(session, worker="bench", now=NOW, late_window=WINDOW, limit=SUBSCRIBERS)
    claimed_at = time.perf_counter()
    with session_scope(engine) as session:
        editions = editions_for(session, claimed, now=NOW)
        pages = sum(len(pages) for _, pages in editions.ready)
    composed = time.perf_counter()
    engine.dispose()
    return {
        "subscribers": SUBSCRIBERS,
        "deliveries_enqueued": queued.pending,
        "enqueue_s": round(enqueued - started, 3),
        "claim_s": round(claimed_at - enqueued, 3),
        "compose_s": round(composed - claimed_at, 3),
        "total_s": round(composed - started, 3),
        "filter_loads": editions.loads,
        "messages_composed": pages,
    }


def _sender(bot: Bot, engine, limits: PacingLimits | None = None) -> DigestSender:
    return DigestSender(
        bot, engine, late_window=WINDOW, now=lambda: NOW, pacing=Pacing(limits or PacingLimits())
    )


async def _rate(directory: Path) -> dict:
    engine = _engine(directory)
    _timeline(engine, new_events=3, old_events=0)
    _subscriptions(engine, RATE_SAMPLE, chat_base=1)
    async with BotApiEmulator(enforce_flood_limits=True) as emulator:
        for n in range(RATE_SAMPLE):
            emulator.private_chat(1 + n)
        request = HTTPXRequest(connection_pool_size=64)
        async with Bot(emulator.token, base_url=emulator.base_url, request=request) as bot:
            report = await _sender(bot, engine).run_once()
        sends = [m.time for m in emulator.sent]
        floods = sum(1 for r in emulator.rejected if r.status == 429)
    engine.dispose()
    # Rate over the span of the sends: n messages need n - 1 intervals.
    rate = (len(sends) - 1) / (max(sends) - min(sends))
    return {
        "messages": report.messages,
        "messages_per_s": round(rate, 2),
        "fraction_of_30": round(rate / 30, 3),
        "answers_429": floods,
        "flood_waits": report.flood_waits,
    }


async def _cost(directory: Path) -> dict:
    engine = _engine(directory)
    _timeline(engine, new_events=3, old_events=0)
    _subscriptions(engine, COST_SAMPLE, chat_base=1)
    unlimited = PacingLimits(overall_per_second=1e9, overall_burst=10**6,
                             private_per_second=1e9, group_per_minute=1e9)
    async with BotApiEmulator() as emulator:
        for n in range(COST_SAMPLE):
            emulator.private_chat(1 + n)
        request = HTTPXRequest(connection_pool_size=64)
        async with Bot(emulator.token, base_url=emulator.base_url, request=request) as bot:
            started, cpu = time.perf_counter(), time.process_time()
            report = await _sender(bot, engine, unlimited).run_once()
            ours = (time.perf_counter() - started) / report.messages
            ours_cpu = (time.process_time() - cpu) / report.messages
            text = emulator.sent[0].text
            semaphore = asyncio.Semaphore(64)

            async def bare(chat_id: int) -> None:
                async with semaphore:
                    await bot.send_message(chat_id, text, parse_mode="HTML")

            started, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(bare(1 + n) for n in range(COST_SAMPLE)))
            floor = (time.perf_counter() - started) / COST_SAMPLE
            floor_cpu = (time.process_time() - cpu) / COST_SAMPLE
    engine.dispose()
    # Both loops include the emulator's own work (same process): the difference is ours.
    return {
        "messages": report.messages,
        "sender_wall_ms_per_message": round(ours * 1000, 2),
        "bare_send_wall_ms_per_message": round(floor * 1000, 2),
        "sender_cpu_ms_per_message": round(ours_cpu * 1000, 2),
        "bare_send_cpu_ms_per_message": round(floor_cpu * 1000, 2),
        "our_cpu_ms_per_message": round((ours_cpu - floor_cpu) * 1000, 2),
    }


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name in ("compose", "rate", "cost"):
            (base / name).mkdir()
        results = {
            "compose_and_enqueue": bench_compose_and_enqueue(base / "compose"),
            "rate_with_flood_limits": asyncio.run(_rate(base / "rate")),
            "cost_without_limits": asyncio.run(_cost(base / "cost")),
        }
    compose, rate = results["compose_and_enqueue"], results["rate_with_flood_limits"]
    print("Compose and enqueue, 10,000 subscribers, 5 filters, 5 zones, 3 times:")
    for key, value in compose.items():
        print(f"  {key:>22}: {value}")
    print(f"  goal total < 2 s: {'met' if compose['total_s'] < 2 else 'MISSED'}")
    print(f"Delivery through the emulator with flood limits on ({RATE_SAMPLE} subscribers):")
    for key, value in rate.items():
        print(f"  {key:>22}: {value}")
    met = rate["fraction_of_30"] >= 0.9 and rate["answers_429"] == 0
    print(f"  goal >= 0.9 of 30/s, no 429: {'met' if met else 'MISSED'}")
    print(f"Cost per message with limits off ({COST_SAMPLE} messages):")
    for key, value in results["cost_without_limits"].items():
        print(f"  {key:>28}: {value}")
    return results


if __name__ == "__main__":
    run()
