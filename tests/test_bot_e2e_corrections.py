"""Editors correct the timeline from the chat, through the real Application and the Bot API
emulator: admins appoint and remove editors, editors fix, hide, verify and undo, readers
are refused and never see ids, and a rebuild loses no correction."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.store.database import session_scope
from bot.store.models import Correction, Editor, Entity, Event
from bot.store.rebuild import rebuild
from tests.test_bot_e2e_harness import ADMIN_ID, BotUnderTest, texts

EDITOR_ID = 6101
READER_ID = 6202



def round_at(engine, place: str) -> str:
    with session_scope(engine) as session:
        number = session.execute(
            select(Event.id).join(Entity, Entity.id == Event.place_id)
            .where(Event.kind == "round", Entity.name == place)
        ).scalar_one()
    return f"r{number}"


def person(engine, name: str) -> str:
    with session_scope(engine) as session:
        number = session.execute(select(Entity.id).where(Entity.name == name)).scalar_one()
    return f"p{number}"


def corrections(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count(Correction.id))).scalar_one()


async def appoint(bot: BotUnderTest, user_id: int) -> None:
    admin = bot.emulator.private_chat(ADMIN_ID, "Admin")
    sent = await bot.say(admin, ADMIN_ID, f"/editor add {user_id}")
    assert "is now an editor" in texts(sent)


async def test_an_admin_appoints_an_editor_by_replying_to_them_and_removes_them(bot, engine):
    group = bot.emulator.group_chat(-4100, admins={ADMIN_ID})
    theirs = bot.emulator.send_text(group, EDITOR_ID, "I can fix the Cairo dates")
    await bot.settled()
    sent = await bot.say(group, ADMIN_ID, "/editor add", reply_to=theirs)
    assert "is now an editor: not an editor → editor" in texts(sent)
    assert str(EDITOR_ID) in texts(await bot.say(group, ADMIN_ID, "/editor list"))

    mine = bot.emulator.private_chat(EDITOR_ID, "Dana")
    sharm = round_at(engine, "Sharm el-Sheikh")
    assert "ongoing → agreement" in texts(await bot.say(mine, EDITOR_ID,
                                                        f"/fix #{sharm} status agreement"))

    sent = await bot.say(group, ADMIN_ID, f"/editor remove {EDITOR_ID}")
    assert "no longer an editor" in texts(sent)
    sent = await bot.say(mine, EDITOR_ID, f"/fix #{sharm} status collapsed")
    assert "Only editors can correct the timeline" in texts(sent)
    assert corrections(engine) == 1


async def test_a_reader_is_refused_every_editor_command_and_nothing_changes(bot, engine):
    chat = bot.emulator.private_chat(READER_ID, "Reader")
    sharm = round_at(engine, "Sharm el-Sheikh")
    for command in (f"/fix {sharm} status agreement", f"/hide {sharm}", f"/verify {sharm}",
                    "/undo", f"/history {sharm}", f"/show {sharm}", "/undo c1"):
        sent = await bot.say(chat, READER_ID, command)
        assert len(sent) == 1 and texts(sent).startswith("Only editors"), command
    sent = await bot.say(chat, READER_ID, f"/editor add {READER_ID}")
    assert texts(sent).startswith("Only admins")
    assert corrections(engine) == 0
    with session_scope(engine) as session:
        assert session.get(Editor, READER_ID) is None


async def test_a_reader_never_sees_ids_that_an_editor_sees_in_the_same_answer(bot, engine):
    sharm = round_at(engine, "Sharm el-Sheikh")
    await appoint(bot, EDITOR_ID)
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    for question in ("/rounds", "/round Sharm", "/who Witkoff"):
        # The reader asks first and again after the editor: the cache keeps each role's own.
        before = (await bot.say(reader, READER_ID, question))[0]
        edited = (await bot.say(editor, EDITOR_ID, question))[0]
        after = (await bot.say(reader, READER_ID, question))[0]
        assert f"<code>{sharm}</code>" in edited.text or "<code>p" in edited.text, question
        for seen in (before, after):
            assert "<code>r" not in seen.text and "<code>p" not in seen.text, question
            assert all(b["text"] != "✎ Fix" for b in seen.buttons)
    single = (await bot.say(editor, EDITOR_ID, "/round Sharm"))[0]
    assert [b["text"] for b in single.buttons] == ["✎ Fix"]


async def test_an_editor_fixes_hides_verifies_and_undoes_and_readers_see_it_at_once(bot, engine):
    sharm, doha = round_at(engine, "Sharm el-Sheikh"), round_at(engine, "Doha")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    assert "now agreement" not in texts(await bot.say(reader, READER_ID, "/round Sharm"))

    sent = await bot.say(editor, EDITOR_ID, f"/fix #{sharm} status agreement")
    assert "status: ongoing → agreement" in texts(sent)
    shown = texts(await bot.say(reader, READER_ID, "/round Sharm"))
    assert "now agreement" in shown and "corrected by an editor" in shown

    sent = await bot.say(editor, EDITOR_ID, f"/fix #{sharm} dates 28–29 Jul 2024")
    assert "dates: 6–7 Oct 2025 → 28–29 Jul 2024" in texts(sent)
    assert "28–29 Jul 2024" in texts(await bot.say(reader, READER_ID, "/round Sharm"))

    assert "Doha" in texts(await bot.say(reader, READER_ID, "/rounds"))
    sent = await bot.say(editor, EDITOR_ID, f"/hide #{doha} background, not a round")
    assert "hide: shown → hidden" in texts(sent)
    assert "Doha" not in texts(await bot.say(reader, READER_ID, "/rounds"))
    assert "no round" in texts(await bot.say(reader, READER_ID, f"/round {doha}"))

    sent = await bot.say(editor, EDITOR_ID, f"/verify {sharm}")
    assert "not verified → ✓ verified" in texts(sent)
    assert "✓ verified" in texts(await bot.say(reader, READER_ID, "/round Sharm"))

    sent = await bot.say(editor, EDITOR_ID, "/undo")
    assert "✓ verified → not verified" in texts(sent)
    sent = await bot.say(editor, EDITOR_ID, "/undo")
    assert "hidden → shown" in texts(sent)
    assert "Doha" in texts(await bot.say(reader, READER_ID, "/rounds"))

    history = texts(await bot.say(editor, EDITOR_ID, f"/history #{sharm}"))
    assert "status ongoing → agreement" in history and "Dana" in history
    assert "undone" in history
    assert "iAqaba" not in history  # Sharm's one report is Ynetnews
    assert "Ynetnews" in history and "says status ongoing" in history


async def test_only_admins_undo_another_editors_correction_by_its_number(bot, engine):
    sharm = round_at(engine, "Sharm el-Sheikh")
    await appoint(bot, EDITOR_ID)
    await appoint(bot, EDITOR_ID + 1)
    first = bot.emulator.private_chat(EDITOR_ID, "Dana")
    second = bot.emulator.private_chat(EDITOR_ID + 1, "Omar")
    await bot.say(first, EDITOR_ID, f"/fix {sharm} status agreement")
    with session_scope(engine) as session:
        number = session.execute(select(Correction.id)).scalar_one()
    sent = await bot.say(second, EDITOR_ID + 1, f"/undo c{number}")
    assert "Only admins undo other editors' corrections" in texts(sent)
    assert "You have no correction to undo." in texts(await bot.say(second, EDITOR_ID + 1,
                                                                     "/undo"))
    admin = bot.emulator.private_chat(ADMIN_ID, "Admin")
    sent = await bot.say(admin, ADMIN_ID, f"/undo c{number}")
    assert "agreement → ongoing" in texts(sent)


async def test_user_errors_get_one_clear_line(bot, engine):
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    sharm = round_at(engine, "Sharm el-Sheikh")
    for command, expected in (
        ("/fix", "Usage: /fix #ID FIELD VALUE"),
        (f"/fix {sharm} colour <b>red</b>", "has no field"),
        (f"/fix {sharm} dates someday soon", "cannot read"),
        ("/fix r99999 status agreement", "There is no round r99999"),
        ("/hide", "Usage: /hide #ID [reason]"),
        ("/undo x", "Usage: /undo [c17]"),
        ("/history", "Usage: /history #ID"),
    ):
        sent = await bot.say(editor, EDITOR_ID, command)
        assert len(sent) == 1 and "\n" not in sent[0].plain_text, command
        assert expected in sent[0].plain_text, command
    assert corrections(engine) == 0


async def test_the_fix_button_offers_the_fields_and_verifies(bot, engine):
    sharm = round_at(engine, "Sharm el-Sheikh")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    answer = (await bot.say(editor, EDITOR_ID, "/round Sharm"))[0]
    fix = next(b for b in answer.buttons if b["text"] == "✎ Fix")
    _query, edits = await bot.press(editor, EDITOR_ID, answer.message_id, fix["callback_data"])
    menu = edits[0]
    for field in ("status", "place", "dates", "title"):
        assert f"/fix {sharm} {field}" in menu.plain_text
    assert f"/split {sharm}" in menu.plain_text
    assert {"✓ Verify", "History", "✂ Split"} == {b["text"] for b in menu.buttons}
    verify = next(b for b in menu.buttons if b["text"] == "✓ Verify")
    _query, edits = await bot.press(editor, EDITOR_ID, answer.message_id,
                                    verify["callback_data"])
    assert "✓ verified" in edits[0].plain_text


async def test_a_rebuild_keeps_every_correction_and_old_buttons_open_the_right_item(
    bot, engine
):
    sharm, doha = round_at(engine, "Sharm el-Sheikh"), round_at(engine, "Doha")
    nounou = person(engine, "Taher al-Nounou")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    await bot.say(editor, EDITOR_ID, f"/fix {sharm} status agreement")
    await bot.say(editor, EDITOR_ID, f"/hide {doha} not a round")
    sent = await bot.say(editor, EDITOR_ID, f"/fix {nounou} role Prime Minister, Qatar")
    assert "→ Prime Minister, Qatar" in texts(sent)
    answer = (await bot.say(editor, EDITOR_ID, "/round Sharm"))[0]

    report = rebuild(engine)
    assert report.articles == 5

    shown = texts(await bot.say(reader, READER_ID, "/round Sharm"))
    assert "now agreement" in shown and "corrected by an editor" in shown
    assert "Doha" not in texts(await bot.say(reader, READER_ID, "/rounds"))
    profile = texts(await bot.say(reader, READER_ID, "/who Taher al-Nounou"))
    assert "Prime Minister, Qatar (corrected by an editor)" in profile
    fix = next(b for b in answer.buttons if b["text"] == "✎ Fix")
    _query, edits = await bot.press(editor, EDITOR_ID, answer.message_id, fix["callback_data"])
    assert f"✎ Fix {sharm} · Sharm el-Sheikh" in edits[0].plain_text
    assert "status: agreement" in edits[0].plain_text
