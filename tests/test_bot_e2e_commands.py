"""Every command through the real Application and the Bot API emulator, in private chats
and groups, with good, misspelled, empty and hostile input.

One bot and one emulator serve the whole module (over the seeded timeline); each test
uses its own chats, and every test ends by checking that Telegram refused nothing.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from itertools import count

import pytest
import pytest_asyncio
from sqlmodel import select

from bot.replies.commands import COMMANDS, GROUP_COMMANDS
from bot.store.database import session_scope
from bot.store.models import Subscription
from tests.emulator.state import ChatRef
from tests.test_bot_e2e_harness import (
    BOT_USERNAME,
    BotUnderTest,
    make_settings,
    polling_bot,
    texts,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

_ids = count(1)
HOSTILE = {
    "html": "<b>x</b><script>alert('x')</script> &amp; <a href='javascript:x'>y</a>",
    "long": "Witkoff " * 625,  # 5,000 characters
    "emoji": "🕊️🇵🇸🇮🇱 ceasefire 🤝 Witkoff 👩🏽‍💻",
    "arabic": "خليل الحية في القاهرة",
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(seeded_engine, tmp_path_factory) -> AsyncIterator[BotUnderTest]:
    settings = make_settings(tmp_path_factory.mktemp("e2e_commands"))
    # The bot is an admin in some groups below, so it sees all their messages; privacy
    # mode still hides chatter in the others, as on Telegram.
    async with polling_bot(settings, seeded_engine) as running:
        yield running


@pytest.fixture(autouse=True)
def telegram_refused_nothing(bot: BotUnderTest):
    yield
    assert bot.emulator.rejected == []


def private(bot: BotUnderTest) -> tuple[ChatRef, int]:
    user_id = 100 + next(_ids)
    return bot.emulator.private_chat(user_id, f"Reader{user_id}"), user_id


def group(bot: BotUnderTest, *, admins: set[int] = frozenset(), bot_is_admin=False) -> ChatRef:
    chat_id = -1000 - next(_ids)
    members = set(admins) | ({bot.emulator.state.bot.id} if bot_is_admin else set())
    return bot.emulator.group_chat(chat_id, f"Newsroom {chat_id}", admins=members)


def button(sent_message, pattern: str) -> dict:
    for candidate in sent_message.buttons:
        if re.search(pattern, candidate["text"]):
            return candidate
    raise AssertionError(f"no button like {pattern!r} in {sent_message.buttons}")


async def test_command_menus_are_registered_for_private_and_group_chats(bot):
    private_menu = bot.emulator.commands({"type": "all_private_chats"})
    group_menu = bot.emulator.commands({"type": "all_group_chats"})
    assert [c["command"] for c in private_menu] == [name for name, _ in COMMANDS]
    assert [c["command"] for c in group_menu] == [name for name, _ in GROUP_COMMANDS]


@pytest.mark.parametrize("command", ["/start", "/help"])
async def test_start_and_help_say_what_the_bot_knows_with_working_examples(bot, command):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, command))
    assert "5 articles" in shown
    assert "23 Jan 2024" in shown and "7 Oct 2025" in shown  # the span of the articles
    example = re.search(r"/who ([^:\n]+?):", shown)
    assert example, shown
    # The example it suggests really answers.
    answer = texts(await bot.say(chat, user, f"/who {example.group(1)}"))
    assert example.group(1) in answer and "found no" not in answer


async def test_latest_lists_dated_developments_with_linked_sources(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/latest 3")
    shown = texts(sent)
    assert "latest developments" in shown.lower()
    assert "7 Oct 2025" in shown and "Ynetnews" in shown
    assert 'href="https://www.ynetnews.com/article/bjg4m00falg"' in sent[0].text


async def test_misspelled_command_offers_the_command_it_resembles(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/latets")
    assert "Did you mean" in texts(sent)
    guess = button(sent[0], r"/latest")
    query_id, edited = await bot.press(chat, user, sent[0].message_id, guess["callback_data"])
    assert edited[0].method == "editMessageText"
    assert edited[0].message_id == sent[0].message_id
    assert "latest developments" in texts(edited).lower()
    assert bot.emulator.callback_answer(query_id) is not None


async def test_unknown_command_gets_a_hint_naming_it(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/frobnicate now"))
    assert "frobnicate" in shown
    assert "/help" in shown or "Did you mean" in shown


@pytest.mark.parametrize(
    ("query", "canonical", "source"),
    [
        ("Witkof", "Steve Witkoff", "ILKHA"),
        ("al-Nono", "Taher al-Nounou", "Al Manassa"),
        ("netanyahu", "Benjamin Netanyahu", "Prime Minister"),
    ],
)
async def test_who_answers_a_misspelled_name_at_once_with_sources(bot, query, canonical, source):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, f"/who {query}"))
    assert shown.startswith(canonical)
    assert source in shown


async def test_who_without_a_name_gets_the_usage_line_with_a_live_example(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/who"))
    assert "Usage" in shown
    assert re.search(r"e\.g\. /who \w+", shown), shown


async def test_who_with_nothing_alike_gets_the_usage_line_and_no_buttons(bot):
    chat, user = private(bot)
    for query in ("zzzzqqq", "😀"):
        sent = await bot.say(chat, user, f"/who {query}")
        assert "Usage: /who <name>" in texts(sent)
        assert not sent[0].buttons


async def test_who_with_one_close_name_answers_it_and_names_the_correction(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/who Kushnr")
    assert texts(sent).startswith("Showing Jared Kushner for “Kushnr”\nJared Kushner")
    assert not sent[0].buttons


async def test_who_with_several_close_names_asks_with_buttons(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/who al")
    assert "Which one do you mean" in texts(sent)
    assert len(sent[0].buttons) >= 2
    choice = sent[0].buttons[0]
    query_id, edited = await bot.press(chat, user, sent[0].message_id, choice["callback_data"])
    assert [m.method for m in edited] == ["editMessageText"]
    assert edited[0].message_id == sent[0].message_id
    assert texts(edited).startswith(choice["text"])  # the profile of the name pressed
    assert bot.emulator.callback_answer(query_id) is not None


@pytest.mark.parametrize("place", ["Cairo", "Kairo"])
async def test_round_by_place_gives_dates_delegations_and_sources(bot, place):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, f"/round {place}"))
    assert shown.startswith("Cairo")
    assert "12 Aug 2025" in shown
    assert "Khalil al-Hayya" in shown
    assert "iAqaba" in shown


async def test_round_sharm_finds_sharm_el_sheikh(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/round Sharm"))
    assert shown.startswith("Sharm el-Sheikh")
    assert "Ynetnews" in shown


async def test_round_by_a_year_offers_its_rounds_as_buttons(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/round 2025")
    choice = button(sent[0], r"^Cairo")
    _, edited = await bot.press(chat, user, sent[0].message_id, choice["callback_data"])
    assert texts(edited).startswith("Cairo")


async def test_rounds_lists_every_round_in_date_order(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/rounds"))
    assert shown.index("Doha") < shown.index("Cairo") < shown.index("Sharm el-Sheikh")


async def test_quotes_of_a_person_are_dated_and_sourced(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/quotes Majed al-Ansari"))
    assert "too early to talk" in shown
    assert "7 Oct 2025" in shown and "Ynetnews" in shown


async def test_on_a_date_lists_what_happened_then(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/on 7 October 2025"))
    assert "7 Oct 2025" in shown
    assert "Sharm el-Sheikh" in shown


async def test_search_finds_events_by_words_with_sources(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/search truce"))
    assert "one-month truce" in shown
    assert "Sach Ki Talash" in shown


async def test_sources_lists_every_article_with_outlet_and_date(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "/sources"))
    for outlet in ("Ynetnews", "iAqaba", "Al Manassa", "ILKHA", "Sach Ki Talash"):
        assert outlet in shown
    assert "23 Jan 2024" in shown


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", [name for name, _ in COMMANDS])
async def test_hostile_input_gets_a_safe_answer_from_every_command(bot, command, kind):
    chat, user = private(bot)
    sent = await bot.say(chat, user, f"/{command} {HOSTILE[kind]}")
    assert sent, "no answer"
    for message in sent:
        assert "<script" not in message.text
        assert "javascript:" not in " ".join(e.get("url", "") for e in message.entities)
    # Telegram's own checks (parse errors, 4096 characters) ran in the emulator:
    # the autouse fixture asserts it refused nothing.


@pytest.mark.parametrize("kind", sorted(HOSTILE))
async def test_hostile_plain_text_in_private_gets_a_safe_answer(bot, kind):
    chat, user = private(bot)
    sent = await bot.say(chat, user, HOSTILE[kind])
    assert sent and all("<script" not in m.text for m in sent)


async def test_a_name_typed_without_a_command_answers_like_who(bot):
    chat, user = private(bot)
    shown = texts(await bot.say(chat, user, "Witkof"))
    assert shown.startswith("Steve Witkoff")


async def test_answers_in_one_chat_come_in_the_order_asked(bot):
    chat, user = private(bot)
    start = len(bot.emulator.sent)
    for question in ("/round Cairo", "/who Witkoff", "/sources"):
        bot.emulator.send_text(chat, user, question)
    await bot.settled()
    answers = [m.plain_text for m in bot.emulator.sent[start:] if m.chat_id == chat.id]
    assert [answer.split(" ", 1)[0] for answer in answers] == ["Cairo", "Steve", "The"]


async def test_group_command_addressed_to_the_bot_replies_to_the_asker(bot):
    chat = group(bot, admins={900})
    start = len(bot.emulator.sent)
    message_id = bot.emulator.send_text(chat, 901, f"/who@{BOT_USERNAME} Witkoff")
    await bot.settled()
    sent = [m for m in bot.emulator.sent[start:] if m.chat_id == chat.id]
    assert texts(sent).startswith("Steve Witkoff")
    assert sent[0].reply_to_message_id == message_id


async def test_group_ignores_chatter_and_commands_for_other_bots(bot):
    chat = group(bot, admins={910}, bot_is_admin=True)  # an admin bot sees every message
    assert await bot.say(chat, 911, "Witkoff is in Cairo again") == []
    assert await bot.say(chat, 911, "/who@SomeOtherBot Witkoff") == []
    answer = await bot.say(chat, 911, "/who Witkoff")
    assert texts(answer).startswith("Steve Witkoff")
    # A reply to the bot's own message is still chatter.
    assert await bot.say(chat, 911, "thanks!", reply_to=answer[0].message_id) == []


async def test_only_group_admins_can_subscribe_the_group(bot, seeded_engine):
    admin, member = 920, 921
    chat = group(bot, admins={admin})
    refused = texts(await bot.say(chat, member, "/subscribe 07:30 Europe/London"))
    with session_scope(seeded_engine) as session:
        rows = session.exec(select(Subscription).where(Subscription.chat_id == chat.id)).all()
    assert rows == [], refused
    assert "admin" in refused.lower()
    await bot.say(chat, admin, "/subscribe 07:30 Europe/London")
    with session_scope(seeded_engine) as session:
        row = session.exec(select(Subscription).where(Subscription.chat_id == chat.id)).one()
    assert (row.local_time, row.timezone) == ("07:30", "Europe/London")
    checked = [c.params.get("user_id") for c in bot.emulator.calls_to("getChatMember")]
    assert {str(admin), str(member)} <= {str(u) for u in checked}


async def test_many_readers_asking_the_same_new_question_get_one_computed_answer(bot, monkeypatch):
    from bot.replies import commands as core

    computed = []
    real_answer = core.answer

    def counting_answer(session, command, args, asker):
        computed.append((command, args))
        return real_answer(session, command, args, asker)

    monkeypatch.setattr(core, "answer", counting_answer)
    readers = [private(bot) for _ in range(5)]
    start = len(bot.emulator.sent)
    for chat, user in readers:
        bot.emulator.send_text(chat, user, "/who Bishara Bahbah")
    await bot.settled()
    answered = {m.chat_id for m in bot.emulator.sent[start:] if m.plain_text.startswith("Bishara")}
    assert answered == {chat.id for chat, _ in readers}
    assert computed == [("who", "Bishara Bahbah")]


async def test_a_slashed_date_is_read_day_first_and_the_answer_says_so(bot):
    chat, user = private(bot)
    sent = await bot.say(chat, user, "/round 12/08/2025")
    assert texts(sent).startswith("12/08/2025 read day first, as 12 Aug 2025\nCairo")
    assert sent[0].text.startswith("<i>12/08/2025 read day first")


async def test_latest_out_of_range_names_the_range(bot):
    chat, user = private(bot)
    for wanted in ("0", "-5"):
        shown = texts(await bot.say(chat, user, f"/latest {wanted}"))
        assert "from 1 to 50" in shown
