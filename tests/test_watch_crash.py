"""A hard kill in the middle of a burst of alerts, then a restart: every chat gets its card
once, and only the one message in flight may be sent twice."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.names import name_key
from bot.store.database import session_scope
from bot.store.models import FactLog, Watch, WatchAlert, WatchChat
from bot.watches.alerts import LEASE
from tests.digest_data import Timeline
from tests.emulator import BotApiEmulator

NOW = datetime(2025, 10, 7, 9, 0, tzinfo=UTC)
# On PostgreSQL a killed sender's claims are freed by their lease only.
RESTART = NOW + LEASE + timedelta(minutes=1)
CHATS = list(range(8001, 8041))


def _chats_watching_doha_and_the_news(engine) -> None:
    with session_scope(engine) as session:
        for chat_id in CHATS:
            session.add(WatchChat(chat_id=chat_id))
            session.add(Watch(chat_id=chat_id, kind="place", key=name_key("Doha"), label="Doha",
                              typed="Doha", entity_kind="place", created_at=NOW))
        timeline = Timeline(session)
        article = timeline.article("Reuters", NOW)
        event = timeline.event(article, "Talks resume in Doha", place="Doha",
                               on=date(2025, 10, 7))
        session.add(FactLog(article_id=article.id, kind="event", ref_id=event.id,
                            change="new", logged_at=NOW))


async def _sender_process(engine, emulator: BotApiEmulator, now: datetime):
    url = engine.url.render_as_string(hide_password=False)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.watch_process", url, emulator.base_url, emulator.token,
        now.isoformat(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def test_a_killed_burst_resumes_and_repeats_at_most_the_alert_in_flight(engine):
    _chats_watching_doha_and_the_news(engine)
    async with BotApiEmulator(enforce_flood_limits=True) as emulator:
        for chat_id in CHATS:
            emulator.private_chat(chat_id)
        first = await _sender_process(engine, emulator, NOW)
        try:
            await emulator.wait_for(lambda: len(emulator.sent) >= len(CHATS) // 3, 60)
        finally:
            first.kill()
            await first.communicate()
        sent_before_kill = len(emulator.sent)
        second = await _sender_process(engine, emulator, RESTART)
        _, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 0, err.decode()

    assert sent_before_kill < len(CHATS), "the kill must fall mid-way"
    assert emulator.check_failures == []
    cards = Counter(m.chat_id for m in emulator.sent if "Talks resume in Doha" in m.plain_text)
    assert set(cards) == set(CHATS)
    repeated = sum(cards.values()) - len(CHATS)
    assert repeated <= 1, f"{repeated} alerts were sent twice: more than the one in flight"
    with session_scope(engine) as session:
        statuses = Counter(session.scalars(select(WatchAlert.status)))
    assert statuses == Counter({"sent": len(CHATS)})
