"""Watches at scale, on SQLite, with the Bot API emulator in the same process.

1. Match and enqueue: 10,000 watches over 5,000 chats (people, places and phrases, most
   of them on names and words the article does not have) and one article whose facts
   match 1,000 of them; the time from the logged facts to the alert rows written and
   committed (goal: under 1 s).
2. Delivery rate with Telegram's flood limits enforced by the emulator: 600 chats with a
   card each, as a fraction of the 30 messages a second ceiling (goal: at least 0.9), with
   the number of 429 answers.
3. Delay from an ingest to its alert in the running bot: the real Application polling the
   emulator, its watch tick at the default WATCH_TICK_SECONDS, articles ingested by
   `timeline-bot ingest` in another process; from the moment each ingest logged its facts
   (in its own transaction) to the card's arrival.  The tick's phase is random against
   the ingest, so the delay spreads over one tick interval; the alert comes "within a
   minute" when the maximum is far below 60 s.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/bench_watches.py` from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402
from telegram import Bot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.digest.pacing import Pacing  # noqa: E402
from bot.names import name_key  # noqa: E402
from bot.store.database import make_engine, session_scope, upgrade  # noqa: E402
from bot.store.models import FactLog, Watch, WatchAlert, WatchChat  # noqa: E402
from bot.watches.alerts import AlertOutbox  # noqa: E402
from bot.watches.matching import match_new_facts  # noqa: E402
from bot.watches.phrases import parse_phrase  # noqa: E402
from handlers.paced_sender import PacedSender  # noqa: E402
from tests.digest_data import Timeline  # noqa: E402
from tests.emulator import BotApiEmulator  # noqa: E402

CHATS = 5_000
WATCHES = 10_000
MATCHING = 1_000
RATE_SAMPLE = 600
NOW = datetime(2025, 10, 7, 12, 0, tzinfo=UTC)
ARTICLES = ROOT / "tests" / "articles" / "heldout"
DELAY_ARTICLES = [
    ("101_jerusalem_dispatch_paris.txt", "The Jerusalem Dispatch", "2024-02-24"),
    ("102_ap_cairo_stall.txt", "Associated Press", "2024-03-07"),
    ("104_aljazeera_doha_bridging.txt", "Al Jazeera", "2024-08-16"),
]


def _engine(directory: Path):
    engine = make_engine(f"sqlite:///{directory / 'watches.db'}")
    upgrade(engine)
    return engine


def _news(engine) -> None:
    """A timeline of 2,000 older events, and one new article: a round in Doha with Steve
    Witkoff that mentions a hostage exchange, and a quote, logged as an ingest logs them."""
    with session_scope(engine) as session:
        t = Timeline(session)
        for n in range(100):
            t.entity(f"Person {n}", "person")
            t.entity(f"Place {n}", "place")
        t.entity("Steve Witkoff", "person", "Witkoff")
        for n in range(2_000):
            article = t.article(f"Outlet {n % 9}", NOW - timedelta(days=30, minutes=n))
            t.event(article, f"Development {n}", kind="announcement", place=f"Place {n % 100}",
                    people=(f"Person {n % 100}",), on=date(2025, 9, 1))
        article = t.article("Reuters", NOW)
        event = t.event(article, "Talks resume in Doha on a hostage exchange", place="Doha",
                        people=("Steve Witkoff",), on=date(2025, 10, 7))
        quote = t.quote(article, "Majed al-Ansari", "The hostage exchange is close", about=event)
        session.add(FactLog(article_id=article.id, kind="event", ref_id=event.id,
                            change="new", logged_at=NOW))
        session.add(FactLog(article_id=article.id, kind="quote", ref_id=quote.id,
                            change="new", logged_at=NOW))


def _watches(engine) -> None:
    """Two watches a chat; 1,000 of the 10,000 match the new article."""
    matching = [("place", name_key("Doha"), "Doha"), ("person", name_key("Steve Witkoff"),
                "Steve Witkoff"), ("phrase", parse_phrase("hostage exchange").key,
                "“hostage exchange”")]
    rows = []
    for n in range(WATCHES):
        chat_id = 10_000_000 + n % CHATS
        if n < MATCHING:
            kind, key, label = matching[n % 3]
        elif n % 3 == 0:
            kind, key, label = "phrase", parse_phrase(f"truce number {n}").key, f"phrase {n}"
        else:  # n and n + 5,000 share a chat and differ in kind
            kind = "person" if n % 3 == 1 else "place"
            label = f"{'Person' if kind == 'person' else 'Place'} {n % 100}"
            key = name_key(label)
        rows.append({"chat_id": chat_id, "kind": kind, "key": key, "label": label,
                     "typed": label, "entity_kind": None if kind == "phrase" else kind,
                     "cadence": "instant", "created_at": NOW - timedelta(days=1)})
    with session_scope(engine) as session:
        session.execute(insert(Watch.__table__), rows)
        session.execute(insert(WatchChat.__table__), [
            {"chat_id": 10_000_000 + n, "chat_type": "private", "hour_count": 0}
            for n in range(CHATS)
        ])


def bench_match(directory: Path) -> dict:
    engine = _engine(directory)
    _news(engine)
    _watches(engine)
    started = time.perf_counter()
    with session_scope(engine) as session:
        report = match_new_facts(session, now=NOW, cap=10)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return {
        "watches": WATCHES,
        "chats": CHATS,
        "watches_matching": MATCHING,
        "facts": report.facts,
        "cards_enqueued": report.cards,
        "match_and_enqueue_s": round(elapsed, 3),
    }


async def _rate(directory: Path) -> dict:
    engine = _engine(directory)
    _news(engine)
    with session_scope(engine) as session:
        session.execute(insert(WatchChat.__table__), [
            {"chat_id": 1 + n, "chat_type": "private", "hour_count": 0}
            for n in range(RATE_SAMPLE)
        ])
        session.execute(insert(Watch.__table__), [
            {"chat_id": 1 + n, "kind": "place", "key": name_key("Doha"), "label": "Doha",
             "typed": "Doha", "entity_kind": "place", "cadence": "instant",
             "created_at": NOW - timedelta(days=1)}
            for n in range(RATE_SAMPLE)
        ])
    async with BotApiEmulator(enforce_flood_limits=True) as emulator:
        for n in range(RATE_SAMPLE):
            emulator.private_chat(1 + n)
        request = HTTPXRequest(connection_pool_size=64)
        async with Bot(emulator.token, base_url=emulator.base_url, request=request) as bot:
            sender = PacedSender(bot, engine, now=lambda: NOW, pacing=Pacing())
            report = await sender.run(AlertOutbox(cap=10))
        sends = [m.time for m in emulator.sent]
        floods = sum(1 for r in emulator.rejected if r.status == 429)
    with session_scope(engine) as session:
        sent = session.scalar(select(func.count()).where(WatchAlert.status == "sent"))
    engine.dispose()
    rate = (len(sends) - 1) / (max(sends) - min(sends))
    return {
        "cards": sent,
        "messages": report.messages,
        "messages_per_s": round(rate, 2),
        "fraction_of_30": round(rate / 30, 3),
        "answers_429": floods,
    }


async def _ingest(database_url: str, name: str, outlet: str, published: str) -> None:
    """Ingest one article in another process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env["DATABASE_URL"] = database_url
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "ingest", str(ARTICLES / name), "--outlet", outlet,
        "--published", published, env=env, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await process.wait()


def _logged_at(engine) -> float:
    """When the newest article's facts were logged: in its ingest's own transaction."""
    with session_scope(engine) as session:
        return session.scalar(select(func.max(FactLog.logged_at))).timestamp()


async def _delay(directory: Path) -> dict:
    from bot.config import get_settings
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles
    from bot.paths import SEEDS_DIR
    from tests.test_bot_e2e_harness import make_settings, polling_bot

    engine = _engine(directory)
    ingest_articles(engine, collect_articles([SEEDS_DIR]))
    url = engine.url.render_as_string(hide_password=False)
    tick = get_settings().watch_tick_seconds
    delays = []
    async with polling_bot(make_settings(directory, watch_tick_seconds=tick), engine) as bot:
        chat = bot.emulator.private_chat(77)
        await bot.say(chat, 77, "/watch Hamas")
        await bot.say(chat, 77, '/watch "talks"')

        def cards() -> list:
            return [m for m in bot.emulator.messages_to(77)
                    if m.method == "sendMessage" and m.plain_text.startswith("🔔")]

        for name, outlet, published in DELAY_ARTICLES:
            before = len(cards())
            await _ingest(url, name, outlet, published)
            await bot.emulator.wait_for(lambda before=before: len(cards()) > before, 120)
            # The emulator stamps what it receives with the wall clock, as the log does.
            delays.append(cards()[before].time - _logged_at(engine))
    engine.dispose()
    return {
        "tick_seconds": tick,
        "samples": len(delays),
        "delays_s": [round(d, 2) for d in delays],
        "mean_s": round(statistics.mean(delays), 2),
        "max_s": round(max(delays), 2),
    }


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name in ("match", "rate", "delay"):
            (base / name).mkdir()
        results = {
            "match_and_enqueue": bench_match(base / "match"),
            "rate_with_flood_limits": asyncio.run(_rate(base / "rate")),
            "ingest_to_alert": asyncio.run(_delay(base / "delay")),
        }
    match, rate, delay = (results[k] for k in
                          ("match_and_enqueue", "rate_with_flood_limits", "ingest_to_alert"))
    print("Match and enqueue, 10,000 watches over 5,000 chats, an article matching 1,000:")
    for key, value in match.items():
        print(f"  {key:>22}: {value}")
    print(f"  goal < 1 s: {'met' if match['match_and_enqueue_s'] < 1 else 'MISSED'}")
    print(f"Alert delivery through the emulator with flood limits on ({RATE_SAMPLE} chats):")
    for key, value in rate.items():
        print(f"  {key:>22}: {value}")
    met = rate["fraction_of_30"] >= 0.9 and rate["answers_429"] == 0
    print(f"  ratio to 30 msg/s: {rate['fraction_of_30']} (goal >= 0.9, no 429: "
          f"{'met' if met else 'MISSED'})")
    print("Delay from `timeline-bot ingest` (another process) to the alert, running bot:")
    for key, value in delay.items():
        print(f"  {key:>22}: {value}")
    print(f"  within a minute: {'met' if delay['max_s'] < 60 else 'MISSED'}")
    return results


if __name__ == "__main__":
    run()
