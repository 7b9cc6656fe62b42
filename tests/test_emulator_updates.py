"""The Bot API emulator delivers updates from users as Telegram does: command entities, long
messages, polling offsets and conflicts, privacy mode, buttons, inline results, members."""

from __future__ import annotations

import asyncio

import pytest
from telegram import (
    Bot,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
)

from tests.emulator.fixtures import PRIVATE, keyboard

# --- updates from users -------------------------------------------------------------------


async def test_user_text_gets_bot_command_entities_in_utf16(emulator, emulator_bot, ann):
    emulator.send_text(ann, PRIVATE, "😀 /rounds@TimelineTestBot مرحبا <b>&amp;</b>")
    message = (await emulator_bot.get_updates())[0].message
    assert message.text == "😀 /rounds@TimelineTestBot مرحبا <b>&amp;</b>"
    command = message.entities[0]
    assert (command.type, command.offset, command.length) == ("bot_command", 3, 23)
    assert message.parse_entity(command) == "/rounds@TimelineTestBot"


async def test_user_text_over_4096_characters_arrives_split_like_apps_do(
    emulator, emulator_bot, ann
):
    first = emulator.send_text(ann, PRIVATE, "/rounds " + "word " * 1000)
    texts = [u.message.text for u in await emulator_bot.get_updates()]
    assert len(texts) == 2 and texts[0].startswith("/rounds word")
    assert max(len(t) for t in texts) <= 4096 and "".join(texts).count("word") == 1000
    assert emulator.history(PRIVATE)[0]["message_id"] == first


async def test_inline_query_is_cut_at_256_characters(emulator, emulator_bot):
    emulator.inline_query(PRIVATE, "ع" * 300)
    assert (await emulator_bot.get_updates())[0].inline_query.query == "ع" * 256


async def test_user_writing_after_blocking_restarts_the_bot_first(emulator, emulator_bot, ann):
    emulator.block_user(PRIVATE)
    emulator.send_text(ann, PRIVATE, "/start")
    updates = await emulator_bot.get_updates()
    assert updates[0].my_chat_member.new_chat_member.status == "member"
    assert updates[1].message.text == "/start"
    await emulator_bot.send_message(PRIVATE, "welcome back")


async def test_user_writing_first_opens_the_private_chat(emulator, emulator_bot):
    shy = emulator.private_chat(31, started=False)
    emulator.send_text(shy, 31, "/start")
    await emulator_bot.send_message(31, "hello")
    assert [m.plain_text for m in emulator.messages_to(31)] == ["hello"]
    assert emulator.rejected == []


async def test_replies_quote_their_target_one_level_deep(emulator, emulator_bot, ann):
    first = emulator.send_text(ann, PRIVATE, "first")
    second = await emulator_bot.send_message(PRIVATE, "second", reply_to_message_id=first)
    emulator.send_text(ann, PRIVATE, "third", reply_to=second.message_id)
    third = (await emulator_bot.get_updates())[-1].message
    assert third.reply_to_message.text == "second"
    assert third.reply_to_message.reply_to_message is None


async def test_updates_stay_until_an_offset_confirms_them(emulator, emulator_bot, ann):
    emulator.send_text(ann, PRIVATE, "one")
    emulator.send_text(ann, PRIVATE, "two")
    first = await emulator_bot.get_updates()
    again = await emulator_bot.get_updates()
    assert [u.update_id for u in first] == [u.update_id for u in again]
    rest = await emulator_bot.get_updates(offset=first[0].update_id + 1)
    assert [u.message.text for u in rest] == ["two"]
    assert await emulator_bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_long_poll_returns_as_soon_as_an_update_arrives(emulator, emulator_bot, ann):
    poll = asyncio.create_task(emulator_bot.get_updates(timeout=30))
    await emulator.wait_for(lambda: emulator.polls >= 1)
    emulator.send_text(ann, PRIVATE, "/rounds")
    updates = await asyncio.wait_for(poll, 10)
    assert updates[0].message.text == "/rounds"


async def test_second_poller_terminates_the_first_with_conflict(emulator, emulator_bot):
    first = asyncio.create_task(emulator_bot.get_updates(timeout=30))
    await emulator.wait_for(lambda: emulator.polls >= 1)
    async with Bot(emulator.token, base_url=emulator.base_url) as second:
        assert await second.get_updates() == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_group_privacy_mode_delivers_only_commands_and_replies(emulator, emulator_bot):
    group = emulator.group_chat(-700, "Desk")
    emulator.send_text(group, 1, "plain chatter")
    emulator.send_text(group, 1, "/rounds@OtherBot")
    emulator.send_text(group, 1, "/rounds")
    bot_message = await emulator_bot.send_message(-700, "from the bot")
    emulator.send_text(group, 1, "a reply", reply_to=bot_message.message_id)
    texts = [u.message.text for u in await emulator_bot.get_updates()]
    assert texts == ["/rounds", "a reply"]
    assert len(emulator.history(-700)) == 5


async def test_button_press_is_a_callback_query_answered_once(emulator, emulator_bot, ann):
    sent = await emulator_bot.send_message(PRIVATE, "pick", reply_markup=keyboard("page:2"))
    query_id = emulator.press_button(ann, PRIVATE, sent.message_id, "page:2")
    query = (await emulator_bot.get_updates())[0].callback_query
    assert (query.id, query.data, query.message.message_id) == (query_id, "page:2", sent.message_id)
    await query.answer("ok")
    assert emulator.callback_answer(query_id)["text"] == "ok"
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("twice")
    with pytest.raises(LookupError):
        emulator.press_button(ann, PRIVATE, sent.message_id, "page:3")


async def test_chosen_inline_result_with_buttons_can_be_edited(emulator, emulator_bot):
    query = emulator.inline_query(PRIVATE, "doha")
    article = InlineQueryResultArticle(
        "r1", "Doha", InputTextMessageContent("Doha"), reply_markup=keyboard("more")
    )
    await emulator_bot.answer_inline_query(query, [article])
    inline_id = emulator.choose_inline_result(PRIVATE, query, "r1")
    assert await emulator_bot.edit_message_text("Doha, updated", inline_message_id=inline_id)
    assert emulator.sent[-1].inline_message_id == inline_id


async def test_my_chat_member_update_blocks_and_unblocks_the_private_chat(
    emulator, emulator_bot, ann
):
    emulator.chat_member_update(ann, PRIVATE, new_status="kicked")
    update = (await emulator_bot.get_updates())[0].my_chat_member
    assert (update.old_chat_member.status, update.new_chat_member.status) == ("member", "kicked")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await emulator_bot.send_message(PRIVATE, "x")
    emulator.chat_member_update(ann, PRIVATE, new_status="member")
    await emulator_bot.send_message(PRIVATE, "welcome back")
