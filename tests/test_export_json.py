"""`timeline-bot export --format json`: the timeline for other tools, in stable field names."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import Session

from bot.export.timeline_json import SCHEMA_VERSION, dumps, export_timeline
from bot.ingest.batch import ingest_articles
from bot.ingest.model import ArticleInput

_NOW = datetime(2025, 10, 8, 9, tzinfo=UTC)


def _export(engine) -> dict:
    with Session(engine) as session:
        return json.loads(dumps(export_timeline(session, story="Gaza talks", now=_NOW)))


def test_every_key_outside_checks_read_is_there(seeded_engine):
    document = _export(seeded_engine)
    assert document["schema_version"] == SCHEMA_VERSION == 1
    assert document["story"] == "Gaza talks"
    assert document["exported_at"] == "2025-10-08T09:00:00+00:00"
    assert {"id", "outlet", "url", "published", "title"} <= set(document["articles"][0])
    assert document["rounds"], "the seeds report rounds"
    for round_ in document["rounds"]:
        assert round_["id"].startswith("r")
        assert {"place", "country", "start", "end", "granularity", "status", "participants",
                "mediators", "sources", "confidence", "unconfirmed", "background"} <= set(round_)
        assert round_["status"] in {"scheduled", "ongoing", "concluded", "collapsed", "agreement"}
        assert 0 <= round_["confidence"] <= 1
        for p in round_["participants"]:
            assert set(p) >= {"person_id", "name", "side", "lead"} and p["person_id"][0] == "p"
        for s in round_["sources"]:
            assert set(s) >= {"article_id", "outlet", "url", "published"}
    for event in document["events"]:
        assert event["id"].startswith("e") and event["kind"] != "round"
        assert {"kind", "title", "start", "end", "granularity", "status", "sources",
                "confidence", "unconfirmed"} <= set(event)
    for person in document["people"]:
        assert person["id"].startswith("p")
        assert {"name", "aliases", "roles"} <= set(person)
        for role in person["roles"]:
            assert {"title", "affiliation", "since", "until", "source"} <= set(role)
    for quote in document["quotes"]:
        assert quote["id"].startswith("q")
        assert {"speaker", "person_id", "text", "said_on", "granularity", "source"} <= set(quote)


def test_ids_point_at_the_items_they_name(seeded_engine):
    document = _export(seeded_engine)
    people = {p["id"]: p["name"] for p in document["people"]}
    articles = {a["id"] for a in document["articles"]}
    for round_ in document["rounds"]:
        for p in round_["participants"]:
            assert people[p["person_id"]] == p["name"]
        assert {s["article_id"] for s in round_["sources"]} <= articles
    for quote in document["quotes"]:
        if quote["person_id"]:
            assert people[quote["person_id"]] == quote["speaker"]


def test_published_keeps_the_outlets_offset(engine):
    text = ("Mediators met in Cairo on Tuesday for a new round of ceasefire talks between "
            "Israel and Hamas, officials said, in the latest push for a deal. " * 3)
    published = datetime.fromisoformat("2025-10-07T09:30:00+03:00")
    ingest_articles(engine, [ArticleInput(text=text, outlet="Wire", published_at=published,
                                          url="https://example.org/a", source_name="a.txt")])
    (article,) = _export(engine)["articles"]
    assert article["published"] == "2025-10-07T09:30:00+03:00"
    assert article["id"] == "a1"


def test_the_command_writes_a_file_and_refuses_an_unknown_format(settings, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bot.cli import app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")

    runner = CliRunner()
    target = tmp_path / "timeline.json"
    result = runner.invoke(app, ["export", "--format", "json", "--output", str(target)])
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["articles"]) == 5  # the seeds, built on first use
    refused = runner.invoke(app, ["export", "--format", "xml"])
    assert refused.exit_code == 2
    assert "Unknown export format 'xml'" in refused.output


def test_a_body_that_speaks_is_named_but_has_no_person_id(engine):
    text = ("Mediators met in Cairo on Tuesday for a new round of ceasefire talks, officials "
            "said. Hamas said in a statement that it had agreed the two extra days with its "
            "\"brothers in Qatar and Egypt\" on the same terms. Qatar's foreign ministry "
            "spokesman Majed al-Ansari said: \"We are at a critical stage of the talks.\"")
    ingest_articles(engine, [ArticleInput(
        text=text, outlet="Wire", published_at=datetime(2023, 11, 28, tzinfo=UTC),
        url="https://example.org/body-speaks",
    )])
    document = _export(engine)
    people = {p["id"]: p["name"] for p in document["people"]}
    speakers = {q["text"]: (q["speaker"], q["person_id"]) for q in document["quotes"]}
    assert speakers["brothers in Qatar and Egypt"] == ("Hamas", None)
    spoken = speakers["We are at a critical stage of the talks."]
    assert people[spoken[1]] == spoken[0] == "Majed al-Ansari"


def test_corrections_are_exported_and_hidden_items_left_out_unless_asked_for(engine):
    from bot.console import ask
    from tests.conftest import _ingest_seeds

    _ingest_seeds(engine)
    rounds = {r["place"]: r["id"] for r in _export(engine)["rounds"]}
    sharm, doha = rounds["Sharm el-Sheikh"], rounds["Doha"]
    ask(engine, f"/fix {sharm} status agreement")
    ask(engine, f"/verify {sharm}")
    ask(engine, f"/hide {doha} not a round")
    document = _export(engine)
    exported = {r["id"]: r for r in document["rounds"]}
    assert doha not in exported
    assert exported[sharm]["status"] == "agreement"
    assert exported[sharm]["corrected"] is True and exported[sharm]["verified"] is True
    assert "hidden" not in exported[sharm]
    assert all({"corrected", "verified"} <= set(item) for key in ("events", "people", "quotes")
               for item in document[key])
    with Session(engine) as session:
        full = export_timeline(session, story="Gaza talks", now=_NOW, include_hidden=True)
    kept = {r["id"]: r for r in full["rounds"]}
    assert kept[doha]["hidden"] is True and kept[doha]["corrected"] is False
