"""Editors merge and split records, and searches by place or date read corrected values,
through the real Application and the Bot API emulator."""

from __future__ import annotations

import csv
import io
import json

from icalendar import Calendar
from sqlalchemy import select

from bot.store.database import session_scope
from bot.store.models import Quote
from bot.store.rebuild import rebuild
from tests.test_bot_e2e_corrections import (
    EDITOR_ID,
    READER_ID,
    appoint,
    corrections,
    person,
    round_at,
)
from tests.test_bot_e2e_harness import texts


async def test_a_round_moved_to_rome_is_found_by_round_rome(bot, engine):
    sharm = round_at(engine, "Sharm el-Sheikh")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    assert "I know no place" in texts(await bot.say(reader, READER_ID, "/round Rome"))
    sent = await bot.say(editor, EDITOR_ID, f"/fix #{sharm} place Rome")
    assert "place: Sharm el-Sheikh → Rome" in texts(sent)
    shown = texts(await bot.say(reader, READER_ID, "/round Rome"))
    assert "Rome" in shown and "corrected by an editor" in shown
    assert "No rounds" in texts(await bot.say(reader, READER_ID, "/round Sharm el-Sheikh"))


async def test_a_moved_round_is_found_at_its_new_place_on_record(bot, engine):
    sharm, doha = round_at(engine, "Sharm el-Sheikh"), round_at(engine, "Doha")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    await bot.say(editor, EDITOR_ID, f"/fix #{sharm} place Doha")
    shown = texts(await bot.say(reader, READER_ID, "/round Doha"))
    assert "2 rounds" in shown or shown.count("Doha") >= 2, shown
    assert doha and "6–7 Oct 2025" in shown


async def test_a_redated_round_sorts_and_filters_by_its_corrected_dates(bot, engine):
    sharm = round_at(engine, "Sharm el-Sheikh")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    assert "Sharm" not in texts(await bot.say(reader, READER_ID, "/on Jul 1999"))
    await bot.say(editor, EDITOR_ID, f"/fix #{sharm} dates 28 Jul 1999")
    assert "Sharm" in texts(await bot.say(reader, READER_ID, "/on Jul 1999"))
    assert "Sharm" in texts(await bot.say(reader, READER_ID, "/round Jul 1999"))
    assert "Sharm" not in texts(await bot.say(reader, READER_ID, "/on 6 Oct 2025"))
    listed = texts(await bot.say(reader, READER_ID, "/rounds"))
    first = listed.index("Sharm")
    assert all(first < listed.index(other) for other in ("Doha", "Cairo") if other in listed)
    await bot.say(editor, EDITOR_ID, "/undo")
    assert "Sharm" not in texts(await bot.say(reader, READER_ID, "/on Jul 1999"))


async def test_search_drops_a_hidden_quote(bot, engine):
    with session_scope(engine) as session:
        quote = session.execute(select(Quote).order_by(Quote.id)).scalars().first()
        number, words = quote.id, " ".join(quote.text.split()[:6])
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    needle = " ".join(words.split()[:3])
    # The answer repeats the words asked for once; the quote itself is a second mention.
    assert texts(await bot.say(reader, READER_ID, f"/search {words}")).count(needle) >= 2
    await bot.say(editor, EDITOR_ID, f"/hide q{number} not said")
    assert texts(await bot.say(reader, READER_ID, f"/search {words}")).count(needle) <= 1


async def test_an_editor_merges_two_people_undoes_it_and_a_rebuild_keeps_it(bot, engine):
    witkoff, nounou = person(engine, "Steve Witkoff"), person(engine, "Taher al-Nounou")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    sent = await bot.say(reader, READER_ID, f"/merge #{witkoff} #{nounou}")
    assert texts(sent).startswith("Only editors") and corrections(engine) == 0

    sent = await bot.say(editor, EDITOR_ID, f"/merge #{witkoff} #{nounou}")
    assert f"merge: {nounou} Taher al-Nounou → one with {witkoff} Steve Witkoff" in texts(sent)
    shown = texts(await bot.say(reader, READER_ID, "/who Taher al-Nounou"))
    assert "Steve Witkoff" in shown and "Taher al-Nounou" in shown
    assert "Steve Witkoff" in texts(await bot.say(editor, EDITOR_ID, f"/show {nounou}"))
    assert "merge" in texts(await bot.say(editor, EDITOR_ID, f"/history {witkoff}"))
    assert "one record already" in texts(await bot.say(editor, EDITOR_ID,
                                                      f"/merge {nounou} {witkoff}"))

    rebuild(engine)
    shown = texts(await bot.say(reader, READER_ID, "/who Taher al-Nounou"))
    assert "Steve Witkoff" in shown

    sent = await bot.say(editor, EDITOR_ID, "/undo")
    assert "merge: one with" in texts(sent)
    shown = texts(await bot.say(reader, READER_ID, "/who Taher al-Nounou"))
    assert "Steve Witkoff" not in shown.split("\n")[0]


async def test_an_editor_merges_two_rounds_into_one_with_both_reports(bot, engine):
    sharm, doha = round_at(engine, "Sharm el-Sheikh"), round_at(engine, "Doha")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    sent = await bot.say(editor, EDITOR_ID, f"/merge {sharm} {doha}")
    assert "→ one with" in texts(sent)
    assert "Doha" not in texts(await bot.say(reader, READER_ID, "/rounds"))
    shown = texts(await bot.say(reader, READER_ID, f"/round {doha}"))
    assert "Sharm el-Sheikh" in shown
    for command, expected in (("/merge", "Usage: /merge #KEEP #SAME"),
                              (f"/merge {sharm} p1", "Only records of one kind"),
                              (f"/merge {sharm} r99999", "There is no record r99999")):
        sent = await bot.say(editor, EDITOR_ID, command)
        assert len(sent) == 1 and expected in sent[0].plain_text, command


async def test_who_offers_merged_records_as_one_and_buttons_sent_before_open_the_kept_one(
    bot, engine
):
    nounou, ansari = person(engine, "Taher al-Nounou"), person(engine, "Majed al-Ansari")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    (choices,) = await bot.say(editor, EDITOR_ID, "/who al")
    assert "Majed al-Ansari" in [b["text"] for b in choices.buttons]
    (profile,) = await bot.say(editor, EDITOR_ID, "/who Majed al-Ansari")
    await bot.say(editor, EDITOR_ID, f"/merge {nounou} {ansari}")
    rebuild(engine)

    names = [b["text"] for b in (await bot.say(reader, READER_ID, "/who al"))[0].buttons]
    assert "Majed al-Ansari" not in names and names.count("Taher al-Nounou") == 1
    _query, (menu,) = await bot.press(editor, EDITOR_ID, profile.message_id, f"fixmenu|{ansari}")
    assert menu.plain_text.startswith(f"✎ Fix {nounou} · Taher al-Nounou")
    _query, (opened,) = await bot.press(editor, EDITOR_ID, choices.message_id,
                                        f"who|#{ansari[1:]}")
    assert opened.plain_text.startswith(f"Taher al-Nounou {nounou}")
    assert "Majed al-Ansari" in opened.plain_text.split("\n")[1]


async def test_exports_give_merged_records_once_with_the_surviving_id(bot, engine):
    netanyahu, dermer = person(engine, "Benjamin Netanyahu"), person(engine, "Ron Dermer")
    cairo, doha = round_at(engine, "Cairo"), round_at(engine, "Doha")
    await appoint(bot, EDITOR_ID)
    editor = bot.emulator.private_chat(EDITOR_ID, "Dana")
    reader = bot.emulator.private_chat(READER_ID, "Reader")
    await bot.say(editor, EDITOR_ID, f"/merge {netanyahu} {dermer}")
    await bot.say(editor, EDITOR_ID, f"/merge {cairo} {doha}")

    (whole,) = await bot.say(reader, READER_ID, "/export json")
    document = json.loads(whole.document.content)
    people = {p["id"]: p for p in document["people"]}
    assert dermer not in people and "Ron Dermer" in people[netanyahu]["aliases"]
    rounds = {r["id"]: r for r in document["rounds"]}
    assert doha not in rounds
    assert cairo in rounds
    sharm = next(r for r in rounds.values() if r["place"] == "Sharm el-Sheikh")
    assert {(p["person_id"], p["lead"]) for p in sharm["participants"]} >= {(netanyahu, True)}
    assert all(p["person_id"] != dermer for p in sharm["participants"])
    assert all(q["person_id"] != dermer for q in document["quotes"])

    (timelinejs,) = await bot.say(reader, READER_ID, "/export timelinejs")
    slides = {e["unique_id"] for e in json.loads(timelinejs.document.content)["events"]}
    assert cairo in slides and doha not in slides
    (ics,) = await bot.say(reader, READER_ID, "/export ics")
    uids = {str(e["uid"]) for e in Calendar.from_ical(ics.document.content).walk("VEVENT")}
    assert cairo in uids and doha not in uids
    (sheet,) = await bot.say(reader, READER_ID, "/export csv")
    sheet_rows = csv.DictReader(io.StringIO(sheet.document.content.decode()))
    headlines = [row["Headline"] for row in sheet_rows]
    assert "Negotiations in Cairo" in headlines and "Negotiations in Doha" not in headlines
