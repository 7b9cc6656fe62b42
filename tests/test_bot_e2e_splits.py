"""Editors split records through the real Application and the Bot API emulator: the menu's
buttons tick what goes to the new record, the split holds through a rebuild, exports see
two records, and /undo joins them again."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.store.database import session_scope
from bot.store.models import Event
from bot.store.rebuild import rebuild
from tests.emulator.state import SentMessage
from tests.test_bot_e2e_corrections import (
    EDITOR_ID,
    READER_ID,
    appoint,
    corrections,
    person,
    round_at,
)
from tests.test_bot_e2e_harness import BotUnderTest, texts


def event_titled(engine, title: str) -> str:
    with session_scope(engine) as session:
        number = session.execute(select(Event.id).where(Event.title == title)).scalar_one()
    return f"e{number}"


def data_of(message: SentMessage, text: str) -> str:
    """The callback data of the button whose label, ticked or not, begins with `text`."""
    found = [b for b in message.buttons if b["text"].removeprefix("✓ ").startswith(text)]
    assert len(found) == 1, (text, [b["text"] for b in message.buttons])
    return found[0]["callback_data"]


async def tick(bot: BotUnderTest, chat, menu: SentMessage, *labels: str) -> SentMessage:
    """Presses each button in turn on the menu as it stands; the menu as it then stands."""
    for label in labels:
        _query, (menu,) = await bot.press(chat, EDITOR_ID, menu.message_id, data_of(menu, label))
    return menu


async def test_an_editor_splits_off_a_spelling_and_a_source_and_undoes_it(bot, engine):
    nounou = person(engine, "Taher al-Nounou")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    (menu,) = await bot.say(editor, EDITOR_ID, f"/split #{nounou}")
    (older,) = await bot.say(editor, EDITOR_ID, f"/split {nounou}")
    assert menu.plain_text.startswith(f"✂ Split {nounou} · Taher al-Nounou")
    assert [b["text"] for b in menu.buttons][-2:] == ["✂ Split", "Cancel"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in menu.buttons)
    rebuild(engine)  # the menu's buttons name what they tick by id: a rebuild keeps them

    menu = await tick(bot, editor, menu, "Taher Nunu", "iAqaba")
    assert "✓ Taher Nunu" in [b["text"] for b in menu.buttons]
    assert "Ticked: Taher Nunu; iAqaba · Tue 12 Aug 2025" in menu.plain_text
    done = await tick(bot, editor, menu, "✂ Split")
    assert f"split: one record → {nounou} Taher al-Nounou and p" in done.plain_text
    new = done.buttons[1]["callback_data"].removeprefix("show|")

    split_off = texts(await bot.say(reader, READER_ID, "/who Taher Nunu"))
    assert split_off.startswith("Taher Nunu · corrected by an editor"), split_off
    assert "iAqaba" in split_off and "Al Manassa" not in split_off
    kept = texts(await bot.say(reader, READER_ID, "/who Taher al-Nounou"))
    assert "Al Manassa" in kept and "iAqaba" not in kept and "Taher Nunu" not in kept
    assert "split one record" in texts(await bot.say(editor, EDITOR_ID, f"/history {new}"))
    stale = await tick(bot, editor, older, "Al-Nounou")
    assert "has changed since this menu was sent; nothing was split" in stale.plain_text

    rebuild(engine)
    assert texts(await bot.say(reader, READER_ID, f"/who {new}")).startswith("Taher Nunu")
    assert "Taher Nunu" not in texts(await bot.say(reader, READER_ID, f"/who {nounou}"))

    assert "→ one record" in texts(await bot.say(editor, EDITOR_ID, "/undo"))
    joined = texts(await bot.say(reader, READER_ID, "/who Taher Nunu"))
    assert joined.startswith("Taher al-Nounou") and "iAqaba" in joined
    _query, (opened,) = await bot.press(editor, EDITOR_ID, done.message_id, f"show|{new}")
    assert opened.plain_text.startswith(f"Taher al-Nounou {nounou}")


async def test_an_editor_splits_an_event_by_its_reports_and_exports_show_two(bot, engine):
    truce = event_titled(engine, "60-day truce")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    (menu,) = await bot.say(editor, EDITOR_ID, f"/split {truce}")
    menu = await tick(bot, editor, menu, "ILKHA", "Al Manassa")
    query, unchanged = await bot.press(editor, EDITOR_ID, menu.message_id,
                                       data_of(menu, "✂ Split"))
    assert bot.emulator.callback_answer(query)["text"] == f"Leave {truce} at least one report."
    assert unchanged == [] and corrections(engine) == 0
    done = await tick(bot, editor, menu, "Al Manassa", "✂ Split")
    new = done.buttons[1]["callback_data"].removeprefix("show|")
    rebuild(engine)

    (whole,) = await bot.say(reader, READER_ID, "/export json")
    events = {e["id"]: e for e in json.loads(whole.document.content)["events"]}
    assert [s["outlet"] for s in events[truce]["sources"]] == ["Al Manassa"]
    assert [s["outlet"] for s in events[new]["sources"]] == ["ILKHA"]
    assert (events[truce]["start"], events[new]["start"]) == ("2025-07-01", "2025-06-01")
    assert events[new]["corrected"] is True
    assert "1 outlet" in texts(await bot.say(editor, EDITOR_ID, f"/show {new}"))


async def test_a_split_ends_another_editors_merge_and_undo_merges_again(bot, engine):
    netanyahu, dermer = person(engine, "Benjamin Netanyahu"), person(engine, "Ron Dermer")
    await appoint(bot, EDITOR_ID)
    await appoint(bot, EDITOR_ID + 1)
    first = bot.emulator.private_chat(EDITOR_ID + 1, "Omar")
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    await bot.say(first, EDITOR_ID + 1, f"/merge {netanyahu} {dermer}")
    assert "Benjamin Netanyahu (lead)" in texts(await bot.say(reader, READER_ID, "/round Sharm"))

    (menu,) = await bot.say(editor, EDITOR_ID, f"/split {dermer}")
    assert f"Ticked: {dermer} Ron Dermer (merged)" in menu.plain_text
    done = await tick(bot, editor, menu, "✂ Split")
    assert f"and {dermer} Ron Dermer" in done.plain_text
    assert "Ron Dermer (lead)" in texts(await bot.say(reader, READER_ID, "/round Sharm"))
    assert "split one record" in texts(await bot.say(editor, EDITOR_ID, f"/history {dermer}"))

    await bot.say(editor, EDITOR_ID, "/undo")
    assert "Benjamin Netanyahu (lead)" in texts(await bot.say(reader, READER_ID, "/round Sharm"))


async def test_split_refuses_readers_explains_bad_input_and_cancels(bot, engine):
    nounou, sharm = person(engine, "Taher al-Nounou"), round_at(engine, "Sharm el-Sheikh")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    assert texts(await bot.say(reader, READER_ID, f"/split {nounou}")).startswith("Only editors")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    for command, expected in (("/split", "Usage: /split #ID, e.g. /split #p3"),
                              ("/split q1", "Give the id of a person, place, round or event"),
                              ("/split p99999", "There is no p99999 on record."),
                              (f"/split {sharm}", "has nothing to split: one report")):
        sent = await bot.say(editor, EDITOR_ID, command)
        assert len(sent) == 1 and expected in sent[0].plain_text, command
    (menu,) = await bot.say(editor, EDITOR_ID, f"/split {nounou} <b>")
    assert menu.plain_text.startswith("Usage: /split #ID")
    (menu,) = await bot.say(editor, EDITOR_ID, f"/split {nounou}")
    cancelled = await tick(bot, editor, menu, "Taher Nunu", "Cancel")
    assert cancelled.plain_text == "Nothing was split." and not cancelled.buttons
    assert corrections(engine) == 0
