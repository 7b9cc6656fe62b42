"""The Bot API emulator refuses what Telegram refuses, proved with a real python-telegram-bot
client: HTML entities, lengths, callback data, inline results, edits, chats and files."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
)

from tests.emulator.fixtures import PRIVATE, keyboard

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
