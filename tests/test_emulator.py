"""The Bot API emulator, proved with a real python-telegram-bot client against it."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.emulator import BotApiEmulator, FloodLimits, fixtures
from tests.emulator.faults import FloodControl

# The lead's conftest imports these for every test; this module also runs on its own.
emulator = fixtures.emulator
emulator_bot = fixtures.emulator_bot
polling = fixtures.polling

PRIVATE = 4242


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(d[:10] or "x", callback_data=d)] for d in datas]
    )


@pytest.fixture
def ann(emulator: BotApiEmulator):
    return emulator.private_chat(PRIVATE, "Ann", "ann_reads")


# --- what Telegram checks in what the bot sends -------------------------------------------


async def test_valid_html_is_sent_as_text_and_entities(emulator, emulator_bot, ann):
    html = (
        '<b>Doha</b> &amp; <a href="https://example.org/?a=1&amp;b=2">Cairo</a> '
        '<pre><code class="language-sql">SELECT 1</code></pre> '
        "<blockquote expandable>quote</blockquote> <tg-spoiler>s</tg-spoiler> 1 &lt; 2 &#x1F600;"
    )
    message = await emulator_bot.send_message(PRIVATE, html, parse_mode="HTML")
    assert message.text == "Doha & Cairo SELECT 1 quote s 1 < 2 😀"
    kinds = [(e.type, e.offset, e.length) for e in message.entities]
    assert kinds == [
        ("bold", 0, 4),
        ("text_link", 7, 5),
        ("pre", 13, 8),
        ("expandable_blockquote", 22, 5),
        ("spoiler", 28, 1),
    ]
    assert message.entities[1].url == "https://example.org/?a=1&b=2"
    assert message.entities[2].language == "sql"
    assert emulator.sent[0].text == html and emulator.rejected == []


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<font>x</font>", 'Unsupported start tag "font"'),
        ("AT&T", 'Character "&" at byte offset 2 must be escaped'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ('<a href="x>y</a>', "Unclosed start tag"),
        ("مرحبا <b", "Unclosed start tag at byte offset 11"),
    ],
)
async def test_malformed_html_is_refused_as_telegram_does(
    emulator, emulator_bot, ann, html, reason
):
    with pytest.raises(BadRequest, match="Can't parse entities") as caught:
        await emulator_bot.send_message(PRIVATE, html, parse_mode="HTML")
    # PTB capitalizes descriptions with str.capitalize, which lowercases the rest.
    assert reason.lower() in str(caught.value)
    assert [r.cause for r in emulator.check_failures] == ["check"]
    assert emulator.sent == []


async def test_html_special_characters_pass_untouched_without_parse_mode(emulator_bot, ann):
    message = await emulator_bot.send_message(PRIVATE, "1 < 2 & <b>")
    assert message.text == "1 < 2 & <b>"


async def test_length_is_counted_after_entity_parsing(emulator, emulator_bot, ann):
    await emulator_bot.send_message(PRIVATE, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await emulator_bot.send_message(PRIVATE, "a" * 4097, parse_mode="HTML")


async def test_length_is_counted_in_utf16_code_units(emulator_bot, ann):
    await emulator_bot.send_message(PRIVATE, "😀" * 2048)
    await emulator_bot.send_message(PRIVATE, "ع" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await emulator_bot.send_message(PRIVATE, "😀" * 2049)


@pytest.mark.parametrize("text", ["", "   \n ", "<b></b>", "<i> </i>"])
async def test_text_empty_after_parsing_is_refused(emulator_bot, ann, text):
    with pytest.raises(BadRequest, match="Message text is empty"):
        await emulator_bot.send_message(PRIVATE, text, parse_mode="HTML")


@pytest.mark.parametrize("data", ["d" * 65, "é" * 33, ""])
async def test_callback_data_outside_1_to_64_bytes_is_refused(emulator_bot, ann, data):
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await emulator_bot.send_message(PRIVATE, "pick", reply_markup=keyboard(data))


async def test_callback_data_of_exactly_64_bytes_is_accepted(emulator_bot, ann):
    message = await emulator_bot.send_message(PRIVATE, "pick", reply_markup=keyboard("é" * 32))
    assert message.reply_markup.inline_keyboard[0][0].callback_data == "é" * 32


async def test_caption_over_1024_characters_is_refused(emulator_bot, ann):
    await emulator_bot.send_document(PRIVATE, b"x", filename="a.txt", caption="c" * 1024)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await emulator_bot.send_document(PRIVATE, b"x", filename="a.txt", caption="c" * 1025)


async def test_edit_to_identical_content_is_refused(emulator, emulator_bot, ann):
    sent = await emulator_bot.send_message(
        PRIVATE, "<b>v1</b>", parse_mode="HTML", reply_markup=keyboard("a")
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await emulator_bot.edit_message_text(
            "<b>v1</b>", PRIVATE, sent.message_id, parse_mode="HTML", reply_markup=keyboard("a")
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await emulator_bot.edit_message_reply_markup(
            PRIVATE, sent.message_id, reply_markup=keyboard("a")
        )
    # The same text with other buttons, or the same text in another style, is a change.
    await emulator_bot.edit_message_text(
        "<b>v1</b>", PRIVATE, sent.message_id, parse_mode="HTML", reply_markup=keyboard("b")
    )
    edited = await emulator_bot.edit_message_text(
        "<i>v1</i>", PRIVATE, sent.message_id, parse_mode="HTML"
    )
    assert edited.reply_markup is None and edited.entities[0].type == "italic"
    assert [s.method for s in emulator.messages_to(PRIVATE)] == [
        "sendMessage",
        "editMessageText",
        "editMessageText",
    ]


async def test_edit_of_missing_or_foreign_message_is_refused(emulator, emulator_bot, ann):
    user_message = emulator.send_text(ann, PRIVATE, "hello")
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await emulator_bot.edit_message_text("x", PRIVATE, 999)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await emulator_bot.edit_message_text("x", PRIVATE, user_message)


async def test_reply_to_missing_message_is_refused_unless_allowed(emulator_bot, ann):
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await emulator_bot.send_message(PRIVATE, "x", reply_to_message_id=77)
    sent = await emulator_bot.send_message(
        PRIVATE, "x", reply_to_message_id=77, allow_sending_without_reply=True
    )
    assert sent.reply_to_message is None


async def test_unknown_chat_and_unopened_private_chat_are_refused(emulator, emulator_bot):
    with pytest.raises(BadRequest, match="Chat not found"):
        await emulator_bot.send_message(12345, "x")
    emulator.private_chat(555, started=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await emulator_bot.send_message(555, "x")


async def test_inline_answer_with_more_than_50_results_is_refused(emulator, emulator_bot):
    def articles(n: int, text: str = "<b>x</b>") -> list[InlineQueryResultArticle]:
        content = InputTextMessageContent(text, parse_mode="HTML")
        return [InlineQueryResultArticle(str(i), f"t{i}", content) for i in range(n)]

    query = emulator.inline_query(PRIVATE, "doha")
    with pytest.raises(BadRequest, match="Results_too_much"):
        await emulator_bot.answer_inline_query(query, articles(51))
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await emulator_bot.answer_inline_query(query, articles(1, "<b>x"))
    await emulator_bot.answer_inline_query(query, articles(50), next_offset="50")
    assert [len(a.results) for a in emulator.inline_answers(query)] == [50]
    assert emulator.inline_answers(query)[0].next_offset == "50"


async def test_commands_are_kept_per_scope_and_validated(emulator, emulator_bot):
    from telegram import BotCommand, BotCommandScopeAllGroupChats

    await emulator_bot.set_my_commands([BotCommand("rounds", "Negotiation rounds")])
    await emulator_bot.set_my_commands(
        [BotCommand("digest", "Group digest")], scope=BotCommandScopeAllGroupChats()
    )
    assert [c.command for c in await emulator_bot.get_my_commands()] == ["rounds"]
    assert emulator.commands({"type": "all_group_chats"})[0]["command"] == "digest"
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await emulator_bot.set_my_commands([BotCommand("Rounds-2", "bad name")])
    await emulator_bot.delete_my_commands()
    assert await emulator_bot.get_my_commands() == ()


async def test_unknown_method_is_404_and_wrong_token_is_401(emulator, emulator_bot):
    with pytest.raises(EndPointNotFound):
        await emulator_bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=emulator.base_url):
            pass  # initializing calls getMe, which the wrong token fails


# --- chats, members, files ----------------------------------------------------------------


async def test_group_members_and_admins_come_from_the_group(emulator, emulator_bot):
    group = emulator.group_chat(-500, "Desk", admins={11})
    emulator.send_text(group, 12, "hi")
    admins = await emulator_bot.get_chat_administrators(-500)
    assert [(m.user.id, m.status) for m in admins] == [(11, "administrator")]
    assert (await emulator_bot.get_chat_member(-500, 12)).status == "member"
    assert (await emulator_bot.get_chat_member(-500, emulator_bot.id)).status == "member"
    chat = await emulator_bot.get_chat(-500)
    assert (chat.title, chat.type) == ("Desk", "group")
    await emulator_bot.send_chat_action(-500, "typing")


async def test_documents_round_trip_through_get_file(emulator, emulator_bot, ann):
    message_id = emulator.send_document(ann, PRIVATE, "notes.txt", "نص 😀".encode(), caption="c")
    update = (await emulator_bot.get_updates())[0]
    assert update.message.message_id == message_id
    file = await update.message.document.get_file()
    assert bytes(await file.download_as_bytearray()) == "نص 😀".encode()
    sent = await emulator_bot.send_document(
        PRIVATE, b"%PDF", filename="t.pdf", caption="<b>t</b>", parse_mode="HTML"
    )
    assert sent.document.file_name == "t.pdf" and sent.caption == "t"
    assert emulator.sent[-1].document.content == b"%PDF"


async def test_delete_message_removes_it_from_history(emulator, emulator_bot, ann):
    sent = await emulator_bot.send_message(PRIVATE, "temporary")
    assert await emulator_bot.delete_message(PRIVATE, sent.message_id)
    assert emulator.history(PRIVATE) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await emulator_bot.delete_message(PRIVATE, sent.message_id)


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


# --- faults -------------------------------------------------------------------------------


async def test_injected_429_carries_retry_after_then_the_call_succeeds(emulator, emulator_bot, ann):
    emulator.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await emulator_bot.send_message(PRIVATE, "x")
    assert "Retry in 7 seconds" in str(caught.value)
    await emulator_bot.send_message(PRIVATE, "x")
    assert [r.cause for r in emulator.rejected] == ["fault"] and emulator.check_failures == []
    assert len(emulator.sent) == 1


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_injected_server_errors_are_network_errors(emulator, emulator_bot, ann, status):
    emulator.fail_next("sendMessage", status=status, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await emulator_bot.send_message(PRIVATE, "x")
    await emulator_bot.send_message(PRIVATE, "x")


async def test_polling_survives_an_injected_502_on_get_updates(emulator, emulator_bot, ann):
    emulator.fail_next("getUpdates", status=502)
    emulator.send_text(ann, PRIVATE, "/rounds")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await emulator_bot.get_updates()
    assert [u.message.text for u in await emulator_bot.get_updates()] == ["/rounds"]


async def test_injected_fault_for_one_chat_spares_the_others(emulator, emulator_bot, ann):
    emulator.private_chat(77)
    emulator.fail_next("sendMessage", chat_id=77, status=502)
    await emulator_bot.send_message(PRIVATE, "fine")
    with pytest.raises(NetworkError):
        await emulator_bot.send_message(77, "fails")


async def test_blocked_user_and_kicked_bot_are_forbidden(emulator, emulator_bot, ann):
    emulator.group_chat(-800)
    emulator.block_user(PRIVATE)
    emulator.kick_bot(-800)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await emulator_bot.send_message(PRIVATE, "x")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await emulator_bot.send_message(-800, "x")
    assert {r.cause for r in emulator.rejected} == {"state"}


async def test_migrated_group_answers_with_the_new_chat_id(emulator, emulator_bot):
    group = emulator.group_chat(-900, "Desk", admins={5})
    emulator.migrate_group(-900, -1001234567890)
    with pytest.raises(ChatMigrated) as caught:
        await emulator_bot.send_message(-900, "x")
    assert caught.value.new_chat_id == -1001234567890
    messages = [u.message for u in await emulator_bot.get_updates()]
    assert messages[0].migrate_to_chat_id == -1001234567890 and messages[0].chat.id == group.id
    assert messages[1].migrate_from_chat_id == -900
    sent = await emulator_bot.send_message(-1001234567890, "x")
    assert sent.chat.type == "supergroup"


async def test_slow_answer_after_execution_times_out_but_the_message_is_sent(
    emulator, emulator_bot, ann
):
    emulator.delay_next("sendMessage", seconds=0.5, executed=True)
    with pytest.raises(TimedOut):
        await emulator_bot.send_message(PRIVATE, "maybe", read_timeout=0.1)
    assert [s.text for s in emulator.sent] == ["maybe"]


async def test_held_request_that_the_client_abandons_is_never_executed(emulator, emulator_bot, ann):
    emulator.delay_next("sendMessage", seconds=0.3, executed=False)
    with pytest.raises(TimedOut):
        await emulator_bot.send_message(PRIVATE, "lost", read_timeout=0.1)
    await asyncio.sleep(0.4)
    assert emulator.sent == []


async def test_flood_limits_answer_429_past_the_per_chat_budget():
    limits = FloodLimits(private_per_second=0.001, private_burst=3, group_per_minute=0.06)
    async with BotApiEmulator(enforce_flood_limits=True, flood_limits=limits) as emu:
        emu.private_chat(PRIVATE)
        emu.group_chat(-1)
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            for _ in range(3):
                await bot.send_message(PRIVATE, "x")
            with pytest.raises(RetryAfter):
                await bot.send_message(PRIVATE, "x")
            with pytest.raises(RetryAfter):
                await bot.send_message(-1, "x")
        assert {r.cause for r in emu.rejected} == {"state"}


def test_flood_control_follows_telegrams_published_limits():
    now = [0.0]
    flood = FloodControl(FloodLimits(), clock=lambda: now[0])
    for _ in range(3):
        flood.admit(1)
    with pytest.raises(Exception, match="retry after 1"):
        flood.admit(1)
    now[0] += 1.0
    flood.admit(1)  # one message a second once the burst is spent
    for _ in range(20):
        flood.admit(-5)
    with pytest.raises(Exception, match="retry after 3"):
        flood.admit(-5)  # twenty a minute in a group


def test_flood_control_caps_all_chats_at_30_a_second():
    now = [0.0]
    flood = FloodControl(FloodLimits(), clock=lambda: now[0])
    for chat_id in range(1, 31):
        flood.admit(chat_id)
    with pytest.raises(Exception, match="retry after 1"):
        flood.admit(31)
    now[0] += 0.5
    for chat_id in range(32, 47):
        flood.admit(chat_id)


# --- webhook mode -------------------------------------------------------------------------


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, list, list[int]]]:
    """A tiny webhook server: records each update and its secret header; answers 500 to
    as many deliveries as there are entries in the returned failure list."""
    received: list[tuple[dict, str | None]] = []
    failures: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        if failures:
            failures.pop()
            return web.Response(status=500)
        received.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook", received, failures
    await runner.cleanup()


async def test_webhook_receives_updates_with_the_secret_and_blocks_polling(
    emulator, emulator_bot, ann, receiver
):
    url, received, failures = receiver
    failures.append(1)
    await emulator_bot.set_webhook(url, secret_token="s3cret_token-1")
    emulator.send_text(ann, PRIVATE, "/rounds")
    await emulator.wait_for(lambda: received)
    update, secret = received[0]
    assert update["message"]["text"] == "/rounds" and secret == "s3cret_token-1"
    info = await emulator_bot.get_webhook_info()
    assert info.url == url and "500" in info.last_error_message
    with pytest.raises(Conflict, match="webhook is active"):
        await emulator_bot.get_updates()
    await emulator_bot.delete_webhook()
    emulator.send_text(ann, PRIVATE, "/digest")
    assert [u.message.text for u in await emulator_bot.get_updates()] == ["/digest"]


async def test_webhook_must_be_local_with_a_well_formed_secret(emulator_bot):
    with pytest.raises(BadRequest, match="Bad webhook"):
        await emulator_bot.set_webhook("https://example.org/hook")
    with pytest.raises(BadRequest, match="Secret token contains unallowed characters"):
        await emulator_bot.set_webhook("http://127.0.0.1:9/hook", secret_token="no spaces")


# --- a real Application -------------------------------------------------------------------


def build_echo_app(emu: BotApiEmulator) -> Application:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_html(f"echo: <b>{' '.join(context.args)}</b>")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("echo", echo))
    return app


async def test_application_polling_answers_commands_in_private_and_group(emulator):
    async with polling(build_echo_app(emulator)):
        private = emulator.private_chat(7, "Nour")
        group = emulator.group_chat(-100, "Desk")
        emulator.send_text(private, 7, "/echo مرحبا 😀")
        emulator.send_text(group, 8, "/echo@OtherBot not for us")
        asked = emulator.send_text(group, 8, "/echo@TimelineTestBot group")
        await emulator.wait_for(lambda: len(emulator.sent) >= 2)
        await emulator.wait_idle()
    assert [m.plain_text for m in emulator.messages_to(7)] == ["echo: مرحبا 😀"]
    group_replies = emulator.messages_to(-100)
    assert [m.plain_text for m in group_replies] == ["echo: group"]
    assert group_replies[0].reply_to_message_id == asked
    assert emulator.rejected == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_application_in_webhook_mode_answers_through_its_own_server(emulator):
    app = build_echo_app(emulator)
    port = free_port()
    await app.initialize()
    await app.start()
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="tg",
        webhook_url=f"http://127.0.0.1:{port}/tg",
        secret_token="hook-secret",
    )
    try:
        chat = emulator.private_chat(9)
        emulator.send_text(chat, 9, "/echo hooked")
        await emulator.wait_for(lambda: emulator.messages_to(9))
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert emulator.messages_to(9)[0].plain_text == "echo: hooked"
    assert emulator.calls_to("setWebhook")[0].params["secret_token"] == "hook-secret"
    assert emulator.rejected == []
