"""/export and /chart through the real Application and the Bot API emulator: the files
arrive as a document and a photo, and each is read back by its own reader."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from itertools import count

import pytest
import pytest_asyncio
from icalendar import Calendar
from PIL import Image

from tests.test_bot_e2e_harness import BOT_USERNAME, BotUnderTest, make_settings, polling_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

_ids = count(1)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(seeded_engine, tmp_path_factory) -> AsyncIterator[BotUnderTest]:
    settings = make_settings(tmp_path_factory.mktemp("e2e_exports"))
    async with polling_bot(settings, seeded_engine) as running:
        yield running


@pytest.fixture(autouse=True)
def telegram_refused_nothing(bot: BotUnderTest):
    yield
    assert bot.emulator.rejected == []


def _private(bot: BotUnderTest):
    user_id = 900 + next(_ids)
    return bot.emulator.private_chat(user_id, f"Reader{user_id}"), user_id


async def test_anyone_gets_each_export_as_a_document_its_reader_opens(bot):
    chat, user = _private(bot)
    (sheet,) = await bot.say(chat, user, "/export csv")
    assert sheet.method == "sendDocument" and sheet.document.file_name == "timeline.csv"
    rows = list(csv.DictReader(io.StringIO(sheet.document.content.decode())))
    assert list(rows[0])[:3] == ["Year", "Month", "Day"] and len(rows) > 1
    assert "rounds and events in timeline.csv" in sheet.plain_text
    (timelinejs,) = await bot.say(chat, user, "/export timelinejs")
    assert json.loads(timelinejs.document.content)["events"]
    (ics,) = await bot.say(chat, user, "/export ics")
    assert Calendar.from_ical(ics.document.content).walk("VEVENT")
    assert "not known to the day" in ics.plain_text and "left out" in ics.plain_text
    (whole,) = await bot.say(chat, user, "/export json")
    assert json.loads(whole.document.content)["schema_version"] == 1


async def test_in_a_group_the_export_answers_the_asker(bot):
    user = 950
    chat = bot.emulator.group_chat(-5001, "Desk", admins=set())
    asked = bot.emulator.send_text(chat, user, f"/export@{BOT_USERNAME} ics")
    await bot.settled()
    sent = [m for m in bot.emulator.sent if m.chat_id == chat.id]
    assert sent[-1].method == "sendDocument"
    assert sent[-1].reply_to_message_id == asked


async def test_a_wrong_format_is_one_line_and_sends_no_file(bot):
    chat, user = _private(bot)
    (sent,) = await bot.say(chat, user, "/export <b>pdf</b>")
    assert sent.method == "sendMessage"
    assert sent.plain_text.startswith("I cannot export “<b>pdf</b>”. Usage: /export")


async def test_the_chart_is_a_photo_at_its_size_with_a_caption_within_the_limit(bot):
    chat, user = _private(bot)
    (sent,) = await bot.say(chat, user, "/chart 2025")
    assert sent.method == "sendPhoto"
    picture = Image.open(io.BytesIO(sent.document.content))
    assert picture.format == "PNG" and picture.size == (1600, 900)
    assert len(sent.document.content) < 10 * 1000 * 1000
    assert sent.plain_text.startswith("Rounds of ") and len(sent.plain_text) <= 1024
    (nothing,) = await bot.say(chat, user, "/chart 1990")
    assert nothing.method == "sendMessage" and "on record for 1990" in nothing.plain_text
    (unread,) = await bot.say(chat, user, "/chart someday maybe")
    assert unread.plain_text.startswith("I could not read “someday maybe” as a date.")
