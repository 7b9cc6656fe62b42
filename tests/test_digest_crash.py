"""A hard kill in the middle of a fan-out, then a restart: each digest arrives whole, as the
pages it began with, even though an article arriving between the kill and the restart
changed how its events are written; and only the one page in flight is sent twice."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.digest.compose import DigestComposer
from bot.digest.deliveries import LEASE
from bot.store.database import session_scope
from bot.store.models import Delivery, Event, Subscription
from tests.digest_data import Timeline
from tests.emulator import BotApiEmulator

DUE = datetime(2025, 10, 7, 7, 0, tzinfo=UTC)
NOW = DUE + timedelta(minutes=1)
# On PostgreSQL a killed sender's claims are freed by their lease only.
RESTART = NOW + LEASE + timedelta(minutes=1)
CHATS = list(range(7001, 7013))
EVENTS = 55


def _story_and_subscribers(engine) -> None:
    with session_scope(engine) as session:
        for chat_id in CHATS:
            session.add(
                Subscription(
                    chat_id=chat_id, chat_type="private", local_time="07:00", timezone="UTC",
                    next_due_at=DUE, created_at=DUE - timedelta(days=2),
                    updated_at=DUE - timedelta(days=2),
                )
            )
        timeline = Timeline(session)
        article = timeline.article("Reuters", DUE - timedelta(hours=3))
        for n in range(EVENTS):
            timeline.event(
                article,
                f"Mediators carried proposal {n} between the delegations, who met separately "
                f"in the afternoon and again after dark to weigh its phases and its maps",
                kind="announcement", on=date(2025, 10, 6), place="Cairo",
            )


def _expected_pages(engine) -> list[str]:
    with session_scope(engine) as session:
        digest = DigestComposer(session).digest(
            None, DUE - timedelta(days=1), DUE, day=DUE.date(), zone=ZoneInfo("UTC")
        )
    return digest.reply.pages


def _every_event_reported_again(engine) -> None:
    """A second outlet, learned after the due instant: no news, but every line grows."""
    with session_scope(engine) as session:
        timeline = Timeline(session)
        article = timeline.article("Al Jazeera", NOW + timedelta(minutes=2))
        for event in session.scalars(select(Event)).all():
            timeline.report(event, article)


async def _sender_process(engine, emulator: BotApiEmulator, now: datetime):
    url = engine.url.render_as_string(hide_password=False)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.digest_process", url, emulator.base_url, emulator.token,
        now.isoformat(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def test_a_killed_fan_out_resumes_with_its_pages_and_repeats_only_the_page_in_flight(
    engine,
):
    _story_and_subscribers(engine)
    pages = _expected_pages(engine)
    assert len(pages) >= 3, "each digest must span several pages for a kill to fall inside"
    async with BotApiEmulator(enforce_flood_limits=True) as emulator:
        for chat_id in CHATS:
            emulator.private_chat(chat_id)
        first = await _sender_process(engine, emulator, NOW)
        try:
            await emulator.wait_for(lambda: len(emulator.sent) >= len(CHATS) * 3 // 2, 60)
        finally:
            first.kill()
            await first.communicate()
        sent_before_kill = len(emulator.sent)
        _every_event_reported_again(engine)
        assert _expected_pages(engine) != pages, "the new article must move the page breaks"

        second = await _sender_process(engine, emulator, RESTART)
        _, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 0, err.decode()

    assert sent_before_kill < len(CHATS) * len(pages), "the kill must fall mid-way"
    assert emulator.check_failures == []
    received = {
        chat_id: [m.text for m in emulator.sent if m.chat_id == chat_id] for chat_id in CHATS
    }
    for chat_id, texts in received.items():
        assert [text for text, _ in groupby(texts)] == pages, f"chat {chat_id} got other pages"
    repeated = sum(len(texts) - len(pages) for texts in received.values())
    assert repeated <= 1, f"{repeated} pages were sent twice: more than the one in flight"
    with session_scope(engine) as session:
        rows = session.execute(select(Delivery.status, Delivery.messages_sent)).all()
    assert Counter(rows) == Counter({("sent", len(pages)): len(CHATS)})
