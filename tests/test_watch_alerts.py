"""Alerts through the emulator with the sender's clock fixed: the hourly cap and its summary,
quiet hours and theirs, and "in the digest" watches on top of the daily digest."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.digest.pacing import Pacing, PacingLimits
from bot.digest.subscriptions import save_subscription
from bot.render import plain
from bot.replies.commands import answer, answer_callback
from bot.replies.reply import Asker
from bot.store.database import session_scope
from bot.store.models import Entity, Event, FactLog, Watch, WatchChat
from bot.watches.alerts import AlertOutbox
from handlers.digest_sender import DigestSender
from handlers.paced_sender import PacedSender
from tests.digest_data import Timeline
from tests.emulator import BotApiEmulator

NOW = datetime(2025, 10, 7, 14, 5, tzinfo=UTC)
FAST = PacingLimits(private_per_second=1000.0, overall_per_second=1000.0, overall_burst=100)


@pytest.fixture
async def bot() -> AsyncIterator[tuple[BotApiEmulator, Bot]]:
    async with BotApiEmulator() as emulator:
        request = HTTPXRequest(connection_pool_size=8)
        async with Bot(emulator.token, base_url=emulator.base_url, request=request) as bot:
            yield emulator, bot


def _ask(engine, chat_id: int, command: str, args: str, now: datetime = NOW) -> str:
    with session_scope(engine) as session:
        reply = answer(session, command, args, Asker(user_id=chat_id, chat_id=chat_id, now=now))
    return plain(reply.pages[0])


def _doha_is_known(engine) -> None:
    with session_scope(engine) as session:
        Timeline(session).entity("Doha", "place")


def _doha_rounds(engine, count: int, at: datetime) -> None:
    """`count` articles, each the first report of a round in Doha, logged as an ingest logs."""
    with session_scope(engine) as session:
        timeline = Timeline(session)
        timeline.entities["Doha"] = session.scalars(select(Entity).where(
            Entity.name == "Doha")).one()
        known = session.scalar(select(func.count(Event.id)))
        for n in range(known, known + count):
            article = timeline.article(f"Outlet {n}", at)
            event = timeline.event(article, f"Round {n} of talks in Doha", place="Doha",
                                   on=date(2025, 10, 6) - timedelta(days=n))
            session.add(FactLog(article_id=article.id, kind="event", ref_id=event.id,
                                change="new", logged_at=at))


async def _run(engine, bot, at: datetime):
    sender = PacedSender(bot, engine, now=lambda: at, pacing=Pacing(FAST))
    return await sender.run(AlertOutbox(cap=10))


def _texts(emulator, chat_id: int) -> list[str]:
    return [m.plain_text for m in emulator.messages_to(chat_id)]


async def test_past_ten_alerts_an_hour_the_rest_come_as_one_summary_when_the_hour_ends(
    engine, bot
):
    emulator, telegram = bot
    emulator.private_chat(3101)
    _doha_is_known(engine)
    assert "Watching Doha, the place" in _ask(engine, 3101, "watch", "Doha")
    _doha_rounds(engine, 12, NOW)

    first = await _run(engine, telegram, NOW)
    assert (first.sent, first.held) == (10, 2)
    later = await _run(engine, telegram, NOW + timedelta(minutes=25))
    assert later.messages == 0 and len(_texts(emulator, 3101)) == 10
    await _run(engine, telegram, datetime(2025, 10, 7, 15, 0, tzinfo=UTC))
    *cards, summary = _texts(emulator, 3101)
    assert len(cards) == 10 and all(text.startswith("🔔") for text in cards)
    assert summary.startswith(
        "🔕 Held past the limit of 10 alerts an hour (14:00–15:00): 2 alerts")
    assert summary.count("• ") == 2
    await _run(engine, telegram, datetime(2025, 10, 7, 15, 30, tzinfo=UTC))
    assert len(_texts(emulator, 3101)) == 11
    assert emulator.check_failures == []


async def test_alerts_in_quiet_hours_arrive_as_one_summary_when_they_end(engine, bot):
    emulator, telegram = bot
    emulator.private_chat(3102)
    night = datetime(2025, 10, 7, 23, 10, tzinfo=UTC)
    _doha_is_known(engine)
    _ask(engine, 3102, "watch", "Doha")
    said = _ask(engine, 3102, "quiethours", "22:00-07:00")
    assert "Quiet hours 22:00–07:00, UTC" in said
    _doha_rounds(engine, 2, night)

    held = await _run(engine, telegram, night)
    assert (held.sent, held.held) == (0, 2)
    await _run(engine, telegram, datetime(2025, 10, 8, 6, 59, tzinfo=UTC))
    assert _texts(emulator, 3102) == []
    await _run(engine, telegram, datetime(2025, 10, 8, 7, 0, tzinfo=UTC))
    (summary,) = _texts(emulator, 3102)
    assert summary.startswith("🔕 While your quiet hours were on (22:00–07:00): 2 alerts")
    assert "Round 0 of talks in Doha" in summary and "Round 1 of talks in Doha" in summary


async def test_a_watch_in_the_digest_puts_its_matches_on_top_of_the_next_digest_only(
    engine, bot
):
    emulator, telegram = bot
    emulator.private_chat(3103)
    morning = datetime(2025, 10, 8, 6, 0, tzinfo=UTC)
    _doha_is_known(engine)
    with session_scope(engine) as session:
        save_subscription(session, chat_id=3103, chat_type="private", user_id=3103,
                          at=time(7, 0), zone="UTC", filter_text=None, skip_empty=False,
                          now=morning - timedelta(days=1))
    with session_scope(engine) as session:
        reply = answer(session, "watch", "Doha", Asker(user_id=3103, chat_id=3103,
                                                        now=morning - timedelta(hours=1)))
    (cadence,) = [b for row in reply.buttons for b in row if b.text == "in the digest"]
    with session_scope(engine) as session:
        switched = answer_callback(session, cadence.data, Asker(user_id=3103, chat_id=3103))
    assert "Matches go to the top of the next daily digest (07:00, UTC)" in plain(
        switched.reply.pages[0])
    _doha_rounds(engine, 1, morning)

    alerts = await _run(engine, telegram, morning)
    assert alerts.sent == 0 and _texts(emulator, 3103) == []
    preview = _ask(engine, 3103, "digest", "", morning + timedelta(minutes=1))
    assert "Your watches\n• " in preview and "watch: Doha" in preview
    digest_at = datetime(2025, 10, 8, 7, 1, tzinfo=UTC)
    sent = await DigestSender(telegram, engine, now=lambda: digest_at,
                              pacing=Pacing(FAST)).run_once()
    assert sent.sent == 1
    (digest,) = _texts(emulator, 3103)
    lines = digest.splitlines()
    assert lines[1:3] == ["", "Your watches"]
    assert "Round 0 of talks in Doha" in lines[3] and "watch: Doha" in lines[3]
    assert digest.count("Round 0 of talks in Doha") == 1, "told on top, not again below"


async def test_a_chat_that_blocked_the_bot_is_paused_and_a_migrated_group_is_followed(
    engine, bot
):
    emulator, telegram = bot
    emulator.private_chat(3104)
    emulator.group_chat(-3105, admins={3104})
    _doha_is_known(engine)
    for chat_id, chat_type in ((3104, "private"), (-3105, "group")):
        with session_scope(engine) as session:
            answer(session, "watch", "Doha",
                   Asker(user_id=3104, chat_id=chat_id, chat_type=chat_type,
                         is_chat_admin=True, now=NOW))
    emulator.block_user(3104)
    emulator.migrate_group(-3105, -1003105, notify=False)
    _doha_rounds(engine, 1, NOW)

    report = await _run(engine, telegram, NOW)
    assert (report.deactivated, report.migrated, report.sent) == (1, 1, 1)
    (card,) = _texts(emulator, -1003105)
    assert "Round 0 of talks in Doha" in card
    with session_scope(engine) as session:
        paused = session.get(WatchChat, 3104)
        assert "blocked" in paused.paused_reason
        assert set(session.scalars(select(Watch.chat_id))) == {3104, -1003105}
    _doha_rounds(engine, 1, NOW + timedelta(minutes=5))
    again = await _run(engine, telegram, NOW + timedelta(minutes=5))
    assert again.claimed == 1, "nothing more is queued for the chat that blocked the bot"


def test_watches_are_numbered_and_unwatch_takes_a_number_or_a_name_up_to_the_limit(engine):
    _doha_is_known(engine)
    for typed in ("Doha", '"hostage exchange" -drill', "ceasefire"):
        _ask(engine, 3106, "watch", typed)
    listed = _ask(engine, 3106, "watches", "")
    assert "1. Doha · place · at once" in listed
    assert "2. “hostage exchange” -drill · phrase · at once" in listed
    assert "Stopped watching “hostage exchange” -drill" in _ask(engine, 3106, "unwatch", "2")
    assert "Stopped watching Doha" in _ask(engine, 3106, "unwatch", "doha")
    assert "No watch here matches “Cairo”" in _ask(engine, 3106, "unwatch", "Cairo")
    for n in range(19):
        _ask(engine, 3106, "watch", f'"truce number {n}"')
    refused = _ask(engine, 3106, "watch", "Doha")
    assert refused.startswith("This chat has 20 watches, the most it may have.")
    assert _ask(engine, 3106, "quiethours", "off").startswith("Quiet hours off")
    assert "is not a span of hours" in _ask(engine, 3106, "quiethours", "tonight")


def test_a_button_switches_how_a_watch_was_read(engine):
    _doha_is_known(engine)
    asker = Asker(user_id=3107, chat_id=3107)
    with session_scope(engine) as session:
        reply = answer(session, "watch", '"Doha"', asker)
        assert "Watching “Doha”, the phrase" in plain(reply.pages[0])
        (place,) = [b for row in reply.buttons for b in row if b.text == "place"]
        switched = answer_callback(session, place.data, asker).reply
        assert "Watching Doha, the place" in plain(switched.pages[0])
        (person,) = [b for row in switched.buttons for b in row if b.text == "person"]
        kept = answer_callback(session, person.data, asker).reply
        assert "as a person: No person or organisation on record is called that" in plain(
            kept.pages[0])
        assert session.scalars(select(Watch.kind)).all() == ["place"]
