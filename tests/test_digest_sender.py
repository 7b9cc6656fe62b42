"""The fan-out through the Bot API emulator: exactly one digest per active subscriber and
day, whatever Telegram answers (429, 403, migration, 502) and across a restart mid-way."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.digest.pacing import Pacing, PacingLimits
from bot.store.database import session_scope
from bot.store.models import Delivery, Subscription
from handlers.digest_sender import DigestSender, RetryPolicy
from tests.digest_data import Timeline
from tests.emulator import BotApiEmulator

DUE = datetime(2025, 10, 7, 7, 0, tzinfo=UTC)
NOW = DUE + timedelta(minutes=1)
FAST_RETRIES = RetryPolicy(first_delay=0.05, max_delay=0.2)


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(enforce_flood_limits=True) as emu:
        yield emu


@pytest.fixture
async def bot(emulator) -> AsyncIterator[Bot]:
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(emulator.token, base_url=emulator.base_url, request=request) as bot:
        yield bot


def _subscribe(engine, chat_ids: list[int], *, filter_text: str | None = None) -> None:
    with session_scope(engine) as session:
        for chat_id in chat_ids:
            session.add(
                Subscription(
                    chat_id=chat_id,
                    chat_type="private" if chat_id > 0 else "group",
                    local_time="07:00",
                    timezone="UTC",
                    filter=filter_text,
                    next_due_at=DUE,
                    created_at=DUE - timedelta(days=2),
                    updated_at=DUE - timedelta(days=2),
                )
            )
        timeline = Timeline(session)
        article = timeline.article("Reuters", DUE - timedelta(hours=3))
        timeline.event(article, "Talks resume in Cairo", place="Cairo")


def _sender(
    bot, engine, *, worker: str, per_second: float = 29.0, per_chat: float = 1.0, batch: int = 200
):
    limits = PacingLimits(overall_per_second=per_second, private_per_second=per_chat)
    return DigestSender(
        bot,
        engine,
        worker=worker,
        now=lambda: NOW,
        retry=FAST_RETRIES,
        pacing=Pacing(limits),
        batch=batch,
    )


def _statuses(engine) -> Counter:
    with session_scope(engine) as session:
        return Counter(session.scalars(select(Delivery.status)).all())


def _digests_by_chat(emulator) -> Counter:
    return Counter(m.chat_id for m in emulator.sent if "Daily digest" in (m.plain_text or ""))


async def test_each_subscriber_gets_one_digest_through_faults_and_a_restart(
    engine, emulator, bot
):
    users = list(range(1001, 1041))
    for user in users:
        emulator.private_chat(user)
    emulator.group_chat(-501, admins={1001})
    emulator.group_chat(-502, admins={1001})
    _subscribe(engine, [*users, -501, -502])
    emulator.fail_next("sendMessage", chat_id=1003, status=429, retry_after=1)
    emulator.fail_next("sendMessage", chat_id=1004, status=502, times=2)
    emulator.block_user(1005)
    emulator.kick_bot(-502)
    emulator.migrate_group(-501, -100501, notify=False)

    first = asyncio.create_task(_sender(bot, engine, worker="a", per_second=15).run_once())
    await emulator.wait_for(lambda: len(emulator.sent) >= 12)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    stopped_at = len(emulator.sent)
    report = await _sender(bot, engine, worker="b").run_once()

    delivered = _digests_by_chat(emulator)
    expected = {u for u in users if u != 1005} | {-100501}
    assert set(delivered) == expected
    assert all(count == 1 for count in delivered.values()), delivered
    assert 0 < stopped_at < len(expected), "the restart must happen mid-way"
    assert report.sent == len(expected) - stopped_at
    assert emulator.check_failures == []
    with session_scope(engine) as session:
        subs = {s.chat_id: s for s in session.scalars(select(Subscription))}
    assert not subs[1005].active and "blocked" in subs[1005].deactivated_reason
    assert not subs[-502].active and "kicked" in subs[-502].deactivated_reason
    assert -501 not in subs and subs[-100501].active
    assert _statuses(engine) == Counter({"sent": len(expected), "failed": 2})


async def test_a_second_run_the_same_day_sends_nothing(engine, emulator, bot):
    emulator.private_chat(2001)
    _subscribe(engine, [2001])
    await _sender(bot, engine, worker="a").run_once()
    again = await _sender(bot, engine, worker="b").run_once()
    assert again.claimed == 0 and again.messages == 0
    assert _digests_by_chat(emulator) == Counter({2001: 1})


async def test_429_waits_for_that_chat_only(engine, emulator, bot):
    for user in (3001, 3002, 3003):
        emulator.private_chat(user)
    _subscribe(engine, [3001, 3002, 3003])
    emulator.fail_next("sendMessage", chat_id=3001, status=429, retry_after=1)
    report = await _sender(bot, engine, worker="a").run_once()
    by_chat = {m.chat_id: m.time for m in emulator.sent}
    assert report.flood_waits == 1 and report.sent == 3
    # The others went out at once; the flooded chat waited its retry_after.
    assert by_chat[3001] - max(by_chat[3002], by_chat[3003]) >= 0.9


async def test_persistent_5xx_gives_the_row_back_for_a_later_tick(engine, emulator, bot):
    emulator.private_chat(4001)
    _subscribe(engine, [4001])
    emulator.fail_next("sendMessage", chat_id=4001, status=502, times=10)
    report = await _sender(bot, engine, worker="a", per_chat=20).run_once()
    assert report.retry_later == 1 and report.sent == 0
    assert len(emulator.calls_to("sendMessage")) == FAST_RETRIES.tries
    with session_scope(engine) as session:
        delivery = session.scalars(select(Delivery)).one()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "Bad Gateway" in delivery.last_error
    assert delivery.next_attempt_at > NOW and delivery.claimed_by is None


async def test_unknown_chat_deactivates_the_subscription(engine, emulator, bot):
    _subscribe(engine, [5001])  # no such chat in the emulator: Telegram says "chat not found"
    report = await _sender(bot, engine, worker="a").run_once()
    assert report.deactivated == 1
    with session_scope(engine) as session:
        sub = session.scalars(select(Subscription)).one()
    assert not sub.active and "chat not found" in sub.deactivated_reason.lower()


async def test_two_concurrent_senders_never_send_one_delivery_twice(
    engine, backend, emulator, bot
):
    if backend != "postgresql":
        pytest.skip("SQLite serves one bot process; concurrent claims need PostgreSQL")
    users = list(range(6001, 6061))
    for user in users:
        emulator.private_chat(user)
    _subscribe(engine, users)
    one, two = await asyncio.gather(
        _sender(bot, engine, worker="one", batch=5).run_once(),
        _sender(bot, engine, worker="two", batch=5).run_once(),
    )
    assert one.claimed > 0 and two.claimed > 0
    assert one.claimed + two.claimed == len(users)
    assert _digests_by_chat(emulator) == Counter({user: 1 for user in users})


async def test_a_page_waiting_for_its_answer_holds_back_every_other_page(engine, emulator, bot):
    # The page in flight is the only one a hard kill could leave unrecorded.
    users = list(range(7101, 7111))
    for user in users:
        emulator.private_chat(user)
    _subscribe(engine, users)
    held = 0.5
    emulator.delay_next("sendMessage", chat_id=7103, seconds=held)
    report = await _sender(bot, engine, worker="a").run_once()
    assert report.sent == len(users)
    calls = emulator.calls_to("sendMessage")
    [slow] = [c for c in calls if int(c.params["chat_id"]) == 7103]
    overlapping = [c for c in calls if slow.time < c.time < slow.time + held]
    assert overlapping == [], "pages left while another one was still in flight"
