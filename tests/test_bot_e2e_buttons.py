"""Buttons and inline mode through the real Application and the Bot API emulator:
◀ ▶ paging edits one message in place, every press is answered, nothing is edited
to identical content, and inline queries return at most 50 sourced cards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from itertools import count

import pytest
import pytest_asyncio

from bot.render import MESSAGE_LIMIT, visible_length
from tests.test_bot_e2e_harness import BotUnderTest, make_settings, polling_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

_users = count(300)
PAGED_QUESTION = "/on 2025"  # the seeds' 2025 events fill more than one message


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(seeded_engine, tmp_path_factory) -> AsyncIterator[BotUnderTest]:
    settings = make_settings(tmp_path_factory.mktemp("e2e_buttons"))
    async with polling_bot(settings, seeded_engine) as running:
        yield running


@pytest.fixture(autouse=True)
def telegram_refused_nothing(bot: BotUnderTest):
    yield
    assert bot.emulator.rejected == []


def reader(bot: BotUnderTest):
    user_id = next(_users)
    return bot.emulator.private_chat(user_id, f"Reader{user_id}"), user_id


def nav(message) -> dict[str, dict]:
    """The paging row by role: "prev", "next" and "counter"."""
    found = {}
    for candidate in message.buttons:
        if candidate["text"] == "◀":
            found["prev"] = candidate
        elif candidate["text"] == "▶":
            found["next"] = candidate
        elif "/" in candidate["text"] and candidate["text"].replace("/", "").isdigit():
            found["counter"] = candidate
    return found


async def test_a_long_answer_is_one_message_with_paging_buttons(bot):
    chat, user = reader(bot)
    sent = await bot.say(chat, user, PAGED_QUESTION)
    assert len(sent) == 1
    buttons = nav(sent[0])
    assert set(buttons) == {"counter", "next"}
    assert buttons["counter"]["text"].startswith("1/")
    assert visible_length(sent[0].text) <= MESSAGE_LIMIT


async def test_next_and_previous_edit_the_same_message_in_place(bot):
    chat, user = reader(bot)
    first = (await bot.say(chat, user, PAGED_QUESTION))[0]
    query_id, edits = await bot.press(
        chat, user, first.message_id, nav(first)["next"]["callback_data"]
    )
    assert [(m.method, m.message_id) for m in edits] == [("editMessageText", first.message_id)]
    second = edits[0]
    assert second.plain_text != first.plain_text
    assert nav(second)["counter"]["text"].startswith("2/")
    assert "prev" in nav(second)
    assert bot.emulator.callback_answer(query_id) is not None

    query_id, edits = await bot.press(
        chat, user, first.message_id, nav(second)["prev"]["callback_data"]
    )
    assert edits[0].plain_text == first.plain_text
    assert bot.emulator.callback_answer(query_id) is not None
    history = bot.emulator.history(chat.id)
    assert len([m for m in history if m["from"]["id"] == bot.emulator.state.bot.id]) == 1


async def test_pressing_the_page_counter_answers_without_editing(bot):
    chat, user = reader(bot)
    first = (await bot.say(chat, user, PAGED_QUESTION))[0]
    edits_before = len(bot.emulator.calls_to("editMessageText"))
    query_id, sent = await bot.press(
        chat, user, first.message_id, nav(first)["counter"]["callback_data"]
    )
    assert sent == []
    assert len(bot.emulator.calls_to("editMessageText")) == edits_before
    assert bot.emulator.callback_answer(query_id) is not None


async def test_pages_together_hold_the_whole_answer(bot):
    chat, user = reader(bot)
    message = (await bot.say(chat, user, PAGED_QUESTION))[0]
    pages = [message.plain_text]
    while "next" in nav(message):
        _, edits = await bot.press(
            chat, user, message.message_id, nav(message)["next"]["callback_data"]
        )
        message = edits[0]
        pages.append(message.plain_text)
    total = int(nav(message)["counter"]["text"].split("/")[1])
    assert len(pages) == total >= 2
    assert "Sharm el-Sheikh" in "\n".join(pages)


async def test_a_stale_or_forged_button_gets_a_notice_not_an_error(bot):
    chat, user = reader(bot)
    first = (await bot.say(chat, user, PAGED_QUESTION))[0]
    query_id = bot.emulator.press_button(
        chat, user, first.message_id, "pg|7|nosuchcommand x", forged=True
    )
    await bot.settled()
    answer = bot.emulator.callback_answer(query_id)
    assert answer is not None and answer.get("text")


@pytest.mark.parametrize("query", ["witkoff", "Witkof", "cairo"])
async def test_inline_query_offers_sourced_cards(bot, query):
    _, user = reader(bot)
    results = await bot.inline(user, query)
    assert 1 <= len(results) <= 50
    assert len({r["id"] for r in results}) == len(results)
    cards = [r["input_message_content"]["message_text"] for r in results]
    assert any(
        query.lower()[:5] in (r["title"] + card).lower()
        for r, card in zip(results, cards, strict=True)
    )
    # A card is sourced: it names an outlet and a date the way answers do.
    assert any(
        outlet in card for card in cards for outlet in ("Ynetnews", "ILKHA", "iAqaba", "Al Manassa")
    )


@pytest.mark.parametrize(
    "query", ["", "<b>x</b><script>", "خليل الحية", "🕊️🤝", "zzzzqqq", "x" * 256]
)
async def test_inline_query_with_any_text_gets_a_valid_answer(bot, query):
    _, user = reader(bot)
    results = await bot.inline(user, query)
    assert len(results) <= 50
    for result in results:
        assert "<script" not in result["input_message_content"]["message_text"]


async def test_inline_card_posted_in_a_chat_is_not_answered_as_a_question(bot):
    chat, user = reader(bot)
    await bot.inline(user, "witkoff")
    start = len(bot.emulator.sent)
    message = {
        "message_id": bot.emulator.state.next_message_id(chat.id),
        "from": bot.emulator.user(user).as_dict(),
        "chat": chat.as_dict(),
        "date": 0,
        "text": "Steve Witkoff\nenvoy, United States",  # as the chosen card shows
        "via_bot": bot.emulator.state.bot.as_dict(),
    }
    bot.emulator.state.queue.push("message", message)
    await bot.settled()
    assert bot.emulator.sent[start:] == []
