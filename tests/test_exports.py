"""CSV, TimelineJS JSON and iCalendar exports, and the chart: each read back by its own reader."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from PIL import Image
from sqlmodel import Session

from bot.export.chart import DEFAULT_SIZE, NothingToDraw, draw_chart, photo_problem
from bot.export.formats import export_file
from bot.export.selection import SelectionError, make_selection
from bot.export.timeline_json import export_timeline, timeline_items
from bot.export.timelinejs import SHEET_COLUMNS

NOW = datetime(2025, 10, 8, 9, tzinfo=UTC)
TEMPLATE = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
            "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
            "Media Thumbnail", "Type", "Group", "Background"]


def _items(engine) -> dict[str, dict]:
    """Every round and event of the JSON export, by id: what each other format is checked by."""
    with Session(engine) as session:
        document = export_timeline(session, story="Gaza talks", now=NOW)
    return {i["id"]: i for i in document["rounds"] + document["events"]}


def _file(engine, name: str, **filters):
    with Session(engine) as session:
        selection = make_selection(session, now=NOW, **filters) if filters else None
        return export_file(session, name, story="Gaza talks", now=NOW, selection=selection)


def test_the_csv_has_the_timelinejs_sheet_columns_and_a_row_per_dated_item(seeded_engine):
    written = _file(seeded_engine, "csv")
    rows = list(csv.DictReader(io.StringIO(written.content.decode())))
    assert list(SHEET_COLUMNS) == TEMPLATE
    assert list(rows[0]) == TEMPLATE
    title, *slides = rows
    assert (title["Type"], title["Headline"]) == ("title", "Gaza talks")
    items = _items(seeded_engine)
    dated = [i for i in items.values() if i["start"]]
    assert len(slides) == len(dated) == written.items
    by_headline = {r["Headline"]: r for r in slides}
    for item in dated:
        row = next(r for h, r in by_headline.items() if h.startswith(item["title"]))
        start = date.fromisoformat(item["start"])
        assert int(row["Year"]) == start.year
        if item["granularity"] == "month":
            assert row["Month"] == str(start.month) and row["Day"] == ""
        if item["granularity"] == "day":
            assert row["Day"] == str(start.day)
        assert row["Group"] in {"Rounds", "Proposals", "Agreements", "Statements",
                                "Announcements", "Figures", "Collapses"}
    assert any(r["Day"] == "" and r["Month"] for r in slides), "the seeds know some months only"


def test_the_timelinejs_json_loads_as_timelinejs_reads_it(seeded_engine):
    written = _file(seeded_engine, "timelinejs")
    document = json.loads(written.content)
    assert document["title"]["text"]["headline"] == "Gaza talks"
    items = _items(seeded_engine)
    assert {e["unique_id"] for e in document["events"]} == {
        i for i, item in items.items() if item["start"]
    }
    for event in document["events"]:
        item = items[event["unique_id"]]
        assert int(event["start_date"]["year"]) == date.fromisoformat(item["start"]).year
        assert event["text"]["headline"] and event["display_date"] and event["group"]
        if "end_date" in event:
            assert date(*(int(event["end_date"][k]) for k in ("year", "month", "day"))) == (
                date.fromisoformat(item["end"])
            )


def test_the_calendar_has_an_all_day_event_per_item_known_to_the_day(seeded_engine):
    written = _file(seeded_engine, "ics")
    calendar = Calendar.from_ical(written.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    items = _items(seeded_engine)
    to_the_day = {i for i, item in items.items() if item["start"] and item["granularity"] == "day"}
    assert set(events) == to_the_day
    assert written.left_out == len(items) - len(to_the_day) > 0
    assert f"{written.left_out} not known to the day" in written.note()
    for uid, event in events.items():
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert not isinstance(start, datetime), "all-day events carry dates, not times"
        assert start == date.fromisoformat(items[uid]["start"])
        assert end == date.fromisoformat(items[uid]["end"]) + timedelta(days=1)
        assert str(event["SUMMARY"]).startswith(items[uid]["title"])


def test_filters_narrow_every_format(seeded_engine):
    rounds = json.loads(_file(seeded_engine, "json", kinds=["round"]).content)
    assert rounds["rounds"] and rounds["events"] == []
    since = json.loads(_file(seeded_engine, "json", since="Aug 2025").content)
    assert all((i["end"] or "") >= "2025-08-01" for i in since["rounds"] + since["events"])
    assert len(since["rounds"] + since["events"]) < len(_items(seeded_engine))
    egypt = json.loads(_file(seeded_engine, "json", place="Egypt").content)
    assert {r["place"] for r in egypt["rounds"]} == {"Cairo", "Sharm el-Sheikh"}
    witkoff = _file(seeded_engine, "ics", person="Witkof")
    uids = {str(e["UID"]) for e in Calendar.from_ical(witkoff.content).walk("VEVENT")}
    assert uids and uids < set(_items(seeded_engine))
    sheet = list(csv.DictReader(io.StringIO(_file(seeded_engine, "csv", until="2024").content
                                            .decode())))
    assert [r["Year"] for r in sheet[1:]] and all(int(r["Year"]) <= 2024 for r in sheet[1:])


@pytest.mark.parametrize(("filters", "message"), [
    ({"since": "gibberish"}, "--since: could not read “gibberish” as a date"),
    ({"kinds": ["meeting"]}, "--kind: unknown kind meeting"),
    ({"since": "2025", "until": "2024"}, "--until (2024-12-31) is before --since (2025-01-01)"),
    ({"person": "Zzyzx Qwerty"}, "--person: no one on record is called “Zzyzx Qwerty”"),
])
def test_a_wrong_filter_is_one_clear_line(seeded_engine, filters, message):
    with Session(seeded_engine) as session, pytest.raises(SelectionError) as raised:
        make_selection(session, now=NOW, **filters)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_the_chart_opens_at_its_stated_size_within_telegrams_photo_limits(seeded_engine):
    with Session(seeded_engine) as session:
        items = timeline_items(session)
    chart = draw_chart(items, title="Rounds of the Gaza talks")
    picture = Image.open(io.BytesIO(chart.png))
    assert picture.format == "PNG" and picture.size == (chart.width, chart.height) == DEFAULT_SIZE
    assert photo_problem(chart.width, chart.height, len(chart.png)) is None
    assert chart.rounds == sum(1 for i in items if i.event.kind == "round" and i.event.start)
    assert "rounds in" in chart.caption and len(chart.caption) <= 1024
    wide = draw_chart(items, title="x", size=(2400, 1000))
    assert Image.open(io.BytesIO(wide.png)).size == (2400, 1000)


def test_the_chart_refuses_pictures_telegram_would_not_take_and_empty_spans(seeded_engine):
    assert "add up to" in photo_problem(6000, 4001, 10)
    assert "at most 20:1" in photo_problem(4200, 200, 10)
    assert "under" in photo_problem(1600, 900, 10 * 1000 * 1000)
    with Session(seeded_engine) as session:
        items = timeline_items(session, make_selection(session, now=NOW, since="1990",
                                                       until="1990"))
    with pytest.raises(NothingToDraw):
        draw_chart(items, title="x")


def test_the_commands_write_each_format_and_the_chart(settings, tmp_path):
    from typer.testing import CliRunner

    from bot.cli import app

    runner = CliRunner()
    ics = tmp_path / "t.ics"
    result = runner.invoke(app, ["export", "--format", "ics", "--output", str(ics)])
    assert result.exit_code == 0, result.output
    assert Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert "not known to the day" in result.output
    listed = runner.invoke(app, ["export", "--format", "csv", "--kind", "round"])
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert rows[1:] and all(r["Group"] == "Rounds" for r in rows[1:])
    png = tmp_path / "chart.png"
    drawn = runner.invoke(app, ["chart", "--since", "2025", "--until", "2025",
                                "--output", str(png)])
    assert drawn.exit_code == 0, drawn.output
    assert Image.open(png).size == (1600, 900)
    wrong = runner.invoke(app, ["export", "--format", "csv", "--since", "soonish"])
    assert wrong.exit_code == 2 and "--since: could not read" in wrong.output
