"""The bot's operational paths end to end: admins adding articles, Telegram's flood
control, errors in handlers, group migrations, and webhook mode with its secret."""

from __future__ import annotations

import logging

import aiohttp
import pytest
from sqlmodel import select

from bot.store.database import session_scope
from bot.store.models import Article, Subscription
from handlers.answer_cache import REVALIDATE_SECONDS
from handlers.core_bridge import SERVICES_KEY, Services
from handlers.errors import APOLOGY
from tests.emulator.fixtures import free_port
from tests.emulator.server import BotApiEmulator
from tests.test_bot_e2e_harness import (
    ADMIN_ID,
    BOT_USERNAME,
    TOKEN,
    TOKEN_SECRET,
    BotUnderTest,
    make_settings,
    polling_bot,
    start_webhook_bot,
    stop_bot,
    texts,
)

ARTICLE = """Negotiators return to Doha as mediators press for a hostage deal

Qatari Prime Minister Mohammed bin Abdulrahman Al Thani hosted Israeli and Hamas
negotiators in Doha on Monday, mediators said, in a new round of indirect talks on a
ceasefire and the release of hostages. Egyptian intelligence chief Hassan Rashad joined the
meeting. "We are closer than we have been for weeks," Majed al-Ansari, the spokesman of
Qatar's foreign ministry, told reporters. The talks focused on the withdrawal of Israeli
forces and on the exchange of prisoners.
"""
CAPTION = "/ingest Reuters 2025-10-20 https://example.org/doha-talks"


@pytest.fixture
async def bot(engine, tmp_path) -> BotUnderTest:
    async with polling_bot(make_settings(tmp_path), engine) as running:
        yield running


def services_of_bot(bot: BotUnderTest) -> Services:
    return bot.application.bot_data[SERVICES_KEY]


def articles(engine) -> list[tuple[str, str, str | None]]:
    with session_scope(engine) as session:
        rows = session.exec(select(Article)).all()
        return [(a.outlet, a.published_at.date().isoformat(), a.url) for a in rows]


async def test_admin_adds_an_article_by_sending_a_text_file(bot, engine):
    chat = bot.emulator.private_chat(ADMIN_ID, "Editor")
    sent = await bot.upload(chat, ADMIN_ID, "doha.txt", ARTICLE.encode(), caption=CAPTION)
    assert "Added the Reuters article" in texts(sent)
    assert articles(engine) == [("Reuters", "2025-10-20", "https://example.org/doha-talks")]
    assert "Reuters" in texts(await bot.say(chat, ADMIN_ID, "/sources"))
    assert bot.emulator.rejected == []


async def test_admin_adds_an_article_by_pasting_it_below_the_ingest_line(bot, engine):
    chat = bot.emulator.private_chat(ADMIN_ID, "Editor")
    sent = await bot.say(chat, ADMIN_ID, f"/ingest Reuters 2025-10-20\n{ARTICLE}")
    assert "Added the Reuters article" in texts(sent)
    assert articles(engine) == [("Reuters", "2025-10-20", None)]
    assert bot.emulator.rejected == []


async def test_an_article_added_through_the_bot_shows_at_once_in_lookups(bot, engine):
    chat = bot.emulator.private_chat(ADMIN_ID, "Editor")
    assert "Reuters" not in texts(await bot.say(chat, ADMIN_ID, "/sources"))
    await bot.upload(chat, ADMIN_ID, "doha.txt", ARTICLE.encode(), caption=CAPTION)
    assert "Reuters" in texts(await bot.say(chat, ADMIN_ID, "/sources"))


async def test_an_article_added_by_another_process_shows_within_a_second(bot, engine):
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import ArticleMeta, article_from_text

    clock = [0.0]
    services_of_bot(bot).answers.clock = lambda: clock[0]
    chat = bot.emulator.private_chat(808, "Reader")
    before = texts(await bot.say(chat, 808, "/sources"))
    meta = ArticleMeta("Reuters", "2025-10-20", None)
    report = ingest_articles(engine, [article_from_text(ARTICLE, meta, "cli.txt")])
    assert report.added == ["cli.txt"]
    # Within the second the answer may come from the bot's cache...
    assert texts(await bot.say(chat, 808, "/sources")) == before
    clock[0] += REVALIDATE_SECONDS
    # ...after it, the timeline's new version is seen.
    assert "Reuters" in texts(await bot.say(chat, 808, "/sources"))


async def test_anyone_else_is_refused_politely_and_nothing_is_downloaded(bot, engine):
    chat = bot.emulator.private_chat(777, "Stranger")
    sent = await bot.upload(chat, 777, "doha.txt", ARTICLE.encode(), caption=CAPTION)
    assert "Only the bot's admins" in texts(sent)
    pasted = await bot.say(chat, 777, f"/ingest Reuters 2025-10-20\n{ARTICLE}")
    assert "Only the bot's admins" in texts(pasted)
    assert bot.emulator.calls_to("getFile") == []
    assert articles(engine) == []
    assert bot.emulator.rejected == []


async def test_too_large_or_non_text_files_are_refused_before_download(bot, engine):
    chat = bot.emulator.private_chat(ADMIN_ID, "Editor")
    large = await bot.upload(chat, ADMIN_ID, "huge.txt", b"word " * 250_000, caption=CAPTION)
    assert "at most 1 MB" in texts(large)
    pdf = await bot.upload(
        chat, ADMIN_ID, "story.pdf", b"%PDF-1.7", caption=CAPTION, mime_type="application/pdf"
    )
    assert ".txt or .html" in texts(pdf)
    assert bot.emulator.calls_to("getFile") == []
    assert articles(engine) == []


async def test_group_upload_needs_the_ingest_caption_and_is_answered_in_thread(bot, engine):
    chat = bot.emulator.group_chat(-4001, admins={ADMIN_ID, bot.emulator.state.bot.id})
    assert await bot.upload(chat, ADMIN_ID, "notes.txt", ARTICLE.encode()) == []
    sent = await bot.upload(
        chat,
        ADMIN_ID,
        "doha.txt",
        ARTICLE.encode(),
        caption=f"/ingest@{BOT_USERNAME} Reuters 2025-10-20",
    )
    assert "Added the Reuters article" in texts(sent)
    assert sent[0].reply_to_message_id is not None
    assert bot.emulator.rejected == []


async def test_a_429_on_send_is_waited_out_and_the_answer_still_arrives(bot):
    chat = bot.emulator.private_chat(801, "Reader")
    bot.emulator.fail_next("sendMessage", chat_id=chat.id, status=429, retry_after=1)
    sent = await bot.say(chat, 801, "/help")
    assert "Timeline Bot" in texts(sent)
    assert [(r.method, r.status, r.cause) for r in bot.emulator.rejected] == [
        ("sendMessage", 429, "fault")
    ]
    assert len(bot.emulator.calls_to("sendMessage")) == 2


async def test_an_error_in_a_handler_is_logged_without_the_token_and_answered_politely(
    bot, monkeypatch, caplog
):
    from bot.replies import commands as core

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"storage failed for https://api.example/bot{TOKEN}/getMe")

    monkeypatch.setattr(core, "answer", broken)
    chat = bot.emulator.group_chat(-4002, admins={802})
    with caplog.at_level(logging.DEBUG):
        message_id = bot.emulator.send_text(chat, 803, "/who Witkoff")
        await bot.settled()
    sent = bot.emulator.messages_to(chat.id)
    assert [m.plain_text for m in sent] == [APOLOGY]
    assert sent[0].reply_to_message_id == message_id
    failures = [r for r in caplog.records if r.name == "handlers.errors"]
    assert failures and failures[0].levelno == logging.ERROR
    logged = caplog.text
    assert f"chat {chat.id}" in logged and "/who Witkoff" in logged
    assert "RuntimeError: storage failed" in logged
    assert TOKEN_SECRET not in logged
    assert bot.emulator.rejected == []


async def test_a_group_upgraded_to_a_supergroup_is_followed(bot, engine):
    old_id, new_id = -4003, -1004003
    chat = bot.emulator.group_chat(old_id, admins={804})
    with session_scope(engine) as session:
        session.add(Subscription(chat_id=old_id, chat_type="group", created_by=804))
    bot.emulator.migrate_group(old_id, new_id)
    await bot.settled()
    with session_scope(engine) as session:
        assert session.exec(select(Subscription.chat_id)).all() == [new_id]
    assert chat.id == old_id  # the old chat stays, only writing to it fails
    assert bot.emulator.rejected == []


async def test_an_answer_sent_to_a_migrated_group_is_resent_to_the_supergroup(bot, engine):
    old_id, new_id = -4004, -1004004
    chat = bot.emulator.group_chat(old_id, admins={805})
    with session_scope(engine) as session:
        session.add(Subscription(chat_id=old_id, chat_type="group", created_by=805))
    # The question was asked just before the upgrade; the bot hears of it only on sending.
    bot.emulator.send_text(chat, 805, "/help")
    bot.emulator.migrate_group(old_id, new_id, notify=False)
    await bot.settled()
    assert "Timeline Bot" in texts(bot.emulator.messages_to(new_id))
    assert [(r.status, r.cause) for r in bot.emulator.rejected] == [(400, "state")]
    with session_scope(engine) as session:
        assert session.exec(select(Subscription.chat_id)).all() == [new_id]


async def test_webhook_mode_answers_updates_posted_with_the_secret(engine, tmp_path):
    port = free_port()
    settings = make_settings(
        tmp_path,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_secret="s3cret-Token_for-tests",
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    async with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME) as emulator:
        bot = await start_webhook_bot(emulator, settings, engine)
        try:
            assert emulator.webhook.url == settings.webhook_url
            chat = emulator.private_chat(806, "Reader")
            assert "Timeline Bot" in texts(await bot.say(chat, 806, "/help"))
            assert emulator.webhook.delivered == 1
            assert emulator.rejected == []
            forged = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 806, "type": "private"},
                    "text": "/help",
                },
            }
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
            async with aiohttp.ClientSession() as http:
                for headers in (wrong, {}):
                    async with http.post(
                        settings.webhook_url, json=forged, headers=headers
                    ) as response:
                        assert response.status == 403
        finally:
            await stop_bot(bot)
        assert len(emulator.messages_to(806)) == 1  # the forged updates were not answered


def test_webhook_mode_refuses_to_start_without_a_secret(tmp_path):
    from bot.config import ConfigError

    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        make_settings(tmp_path, webhook_url="https://bot.example.org/hook")
