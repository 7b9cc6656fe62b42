"""The digest inside the real Application: commands through Telegram, the minute tick, and
my_chat_member updates that stop a digest at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from bot.digest.schedule import occurrence
from bot.digest.subscriptions import subscription_for
from bot.store.database import session_scope
from bot.store.models import Subscription
from handlers.digest import SENDER_KEY
from tests.digest_data import Timeline
from tests.test_bot_e2e_harness import make_settings, polling_bot, texts

LONDON = ZoneInfo("Europe/London")


async def _tick(bot) -> None:
    """Run the digest tick now instead of waiting for the next minute."""
    (job,) = [j for j in bot.application.job_queue.jobs() if j.name == "digest tick"]
    await job.run(bot.application)
    assert job.callback.current is not None
    await job.callback.current


async def test_subscribe_in_telegram_then_the_tick_delivers_the_digest(engine, tmp_path):
    settings = make_settings(tmp_path)
    with session_scope(engine) as session:
        t = Timeline(session)
        t.event(t.article("Reuters", datetime.now(UTC) - timedelta(hours=2)),
                "Talks resume in Cairo", place="Cairo")
    async with polling_bot(settings, engine) as bot:
        chat = bot.emulator.private_chat(301)
        # Two minutes ago in London: subscribing schedules tomorrow's, so today's
        # occurrence is put back as if the subscription were a day old.
        moment = (datetime.now(UTC) - timedelta(minutes=2)).astimezone(LONDON)
        clock = moment.strftime("%H:%M")
        answer = texts(await bot.say(chat, 301, f"/subscribe {clock} London"))
        assert f"Every day at {clock}, Europe/London" in answer
        today = occurrence(moment.date(), moment.time().replace(second=0, microsecond=0), LONDON)
        with session_scope(engine) as session:
            session.execute(update(Subscription).values(next_due_at=today))
        await _tick(bot)
        digests = [m for m in bot.emulator.messages_to(301) if "Daily digest ·" in m.plain_text]
        assert len(digests) == 1 and "Talks resume in Cairo" in digests[0].plain_text
        await _tick(bot)  # the same day again: nothing more
        assert len([m for m in bot.emulator.messages_to(301) if "Daily digest ·" in
                    m.plain_text]) == 1
        assert bot.emulator.check_failures == []
        assert isinstance(bot.application.bot_data[SENDER_KEY].worker, str)


async def test_a_user_blocking_the_bot_stops_the_digest_at_once(engine, tmp_path):
    settings = make_settings(tmp_path)
    async with polling_bot(settings, engine) as bot:
        chat = bot.emulator.private_chat(302)
        await bot.say(chat, 302, "/subscribe 07:00 UTC")
        bot.emulator.chat_member_update(chat, 302, new_status="kicked")
        await bot.settled()
        with session_scope(engine) as session:
            sub = subscription_for(session, 302)
        assert not sub.active and "blocked" in sub.deactivated_reason
        bot.emulator.chat_member_update(chat, 302, new_status="member")
        await bot.settled()
        with session_scope(engine) as session:
            assert not subscription_for(session, 302).active  # nothing comes back silently


async def test_a_group_admin_subscribes_and_removing_the_bot_stops_it(engine, tmp_path):
    settings = make_settings(tmp_path)
    async with polling_bot(settings, engine) as bot:
        newsroom = bot.emulator.group_chat(-4001, admins={401})
        refused = texts(await bot.say(newsroom, 402, "/subscribe 08:00 Doha"))
        assert "Only this group's administrators" in refused
        accepted = texts(await bot.say(newsroom, 401, "/subscribe 08:00 Doha"))
        assert "Asia/Qatar" in accepted
        bot.emulator.chat_member_update(newsroom, 401, new_status="left")
        await bot.settled()
        with session_scope(engine) as session:
            sub = subscription_for(session, -4001)
        assert not sub.active and "removed the bot" in sub.deactivated_reason
