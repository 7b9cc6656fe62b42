"""Watches inside the real Application, through the Bot API emulator: commands in Telegram,
articles ingested by another process while the bot runs, and the watch tick driven
directly instead of waiting for it."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace

from sqlalchemy import func, select

from bot.ingest.batch import ingest_articles
from bot.ingest.sources import collect_articles
from bot.paths import SEEDS_DIR
from bot.store.database import session_scope
from bot.store.models import Watch
from tests.test_bot_e2e_harness import make_settings, polling_bot, texts

YNET = "003_8af028120a40ad76.txt"
YNET_URL = "https://www.ynetnews.com/article/bjg4m00falg"


def _seeds_but_ynet(engine):
    """Four seed articles in; the Ynetnews report of the Sharm el-Sheikh talks is the news."""
    items = list(collect_articles([SEEDS_DIR]))
    ynet = next(i for i in items if i.source_name.endswith(YNET))
    report = ingest_articles(engine, [i for i in items if i is not ynet])
    assert report.ok
    return ynet


async def _tick(bot) -> None:
    """One watch run that begins after everything before it: match, release, send."""
    (job,) = [j for j in bot.application.job_queue.jobs() if j.name == "watch tick"]
    if job.callback.current is not None:
        await job.callback.current  # a run the job queue started on its own
    await job.run(bot.application)
    await job.callback.current


async def _ingest_in_another_process(engine, path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "ingest", str(path), *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, (out + err).decode()


def _alerts(bot, chat_id: int):
    return [m for m in bot.emulator.messages_to(chat_id)
            if m.method == "sendMessage" and (m.plain_text or "").startswith("🔔")]


async def test_an_article_ingested_by_another_process_alerts_person_place_and_phrase_watches_once(
    engine, tmp_path
):
    _seeds_but_ynet(engine)
    async with polling_bot(make_settings(tmp_path), engine) as bot:
        chat = bot.emulator.private_chat(901)
        readings = [
            texts(await bot.say(chat, 901, text))
            for text in ("/watch Witkof", "/watch Egypt", '/watch "hostage releases"')
        ]
        assert "Watching Steve Witkoff, the person" in readings[0]
        assert "Watching Egypt, the country" in readings[1]
        assert "Watching “hostage releases”, the phrase" in readings[2]
        await _tick(bot)
        assert _alerts(bot, 901) == [], "the seeds were in before the watches"

        await _ingest_in_another_process(
            engine, SEEDS_DIR / YNET, "--outlet", "Ynetnews", "--published", "2025-10-07",
            "--url", YNET_URL,
        )
        await _tick(bot)
        (card,) = _alerts(bot, 901)
        assert "Negotiations in Sharm el-Sheikh" in card.plain_text
        for why in ("Steve Witkoff", "Egypt", "“hostage releases”"):
            assert why in card.plain_text.splitlines()[0]
        assert f'<a href="{YNET_URL}">Ynetnews</a>' in card.text
        await _tick(bot)
        assert len(_alerts(bot, 901)) == 1, "one alert per new fact"
        assert bot.emulator.check_failures == []


async def test_a_syndicated_copy_edits_the_card_instead_of_sending_another(engine, tmp_path):
    ynet = _seeds_but_ynet(engine)
    async with polling_bot(make_settings(tmp_path), engine) as bot:
        chat = bot.emulator.private_chat(902)
        await bot.say(chat, 902, "/watch Witkoff")
        ingest_articles(engine, [ynet])
        await _tick(bot)
        (card,) = _alerts(bot, 902)
        assert "also in" not in card.plain_text

        copy = replace(ynet, outlet="Reuters", url="https://reuters.example/sharm-talks",
                       text="By Reuters staff\n\n" + ynet.text, source_name="reuters-copy")
        report = ingest_articles(engine, [copy])
        assert report.copies == ["reuters-copy"]
        sends = len(bot.emulator.calls_to("sendMessage"))
        await _tick(bot)
        assert len(bot.emulator.calls_to("sendMessage")) == sends, "no second message"
        (edit,) = [m for m in bot.emulator.messages_to(902) if m.method == "editMessageText"]
        assert edit.message_id == card.message_id
        assert "also in 1 outlet: Reuters" in edit.plain_text
        await _tick(bot)
        assert len(bot.emulator.calls_to("editMessageText")) == 1
        assert bot.emulator.check_failures == []


async def test_in_a_group_only_administrators_add_or_remove_watches(engine, tmp_path):
    async with polling_bot(make_settings(tmp_path), engine) as bot:
        newsroom = bot.emulator.group_chat(-4101, admins={411})
        refused = texts(await bot.say(newsroom, 412, '/watch "hostage exchange"'))
        assert refused == "Only this group's administrators can change its watches."
        added = texts(await bot.say(newsroom, 411, '/watch "hostage exchange"'))
        assert "Watching “hostage exchange”, the phrase" in added
        listed = await bot.say(newsroom, 412, "/watches")  # anyone may read the list
        (remove,) = [b for b in listed[0].buttons if b["text"].startswith("✕")]
        query, shown = await bot.press(newsroom, 412, listed[0].message_id,
                                       remove["callback_data"])
        assert shown == []
        assert bot.emulator.callback_answer(query)["text"].startswith("Only this group's")
        with session_scope(engine) as session:
            assert session.scalar(select(func.count(Watch.id))) == 1
        await bot.press(newsroom, 411, listed[0].message_id, remove["callback_data"])
        with session_scope(engine) as session:
            assert session.scalar(select(func.count(Watch.id))) == 0
        assert bot.emulator.check_failures == []
