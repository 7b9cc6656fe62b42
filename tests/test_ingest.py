"""Ingest end to end: idempotent, provenance on every fact, rejections reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from bot.ingest.batch import ingest_articles
from bot.ingest.sources import collect_articles
from bot.paths import SEEDS_DIR
from bot.store.database import session_scope
from bot.store.models import (
    Alias,
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    RoleClaim,
    SearchDoc,
    Sentence,
)

TABLES = [
    Article,
    Sentence,
    Entity,
    Alias,
    RoleClaim,
    Event,
    EventSource,
    EventEntity,
    Quote,
    SearchDoc,
]


def _counts(engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}


def test_ingesting_the_seeds_twice_changes_nothing(engine):
    first = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    assert len(first.added) == 5 and first.ok
    before = _counts(engine)
    second = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    assert second.added == [] and len(second.duplicates) == 5
    assert _counts(engine) == before


def test_every_fact_links_to_its_article_and_sentence(seeded_engine):
    with session_scope(seeded_engine) as session:
        events = session.exec(select(Event)).all()
        assert events
        for event in events:
            sources = session.exec(
                select(EventSource).where(EventSource.event_id == event.id)
            ).all()
            assert sources, f"event without a source: {event.title}"
            for source in sources:
                sentence = session.get(Sentence, source.sentence_id)
                assert sentence.article_id == source.article_id
        for quote in session.exec(select(Quote)).all():
            sentence = session.get(Sentence, quote.sentence_id)
            assert sentence.article_id == quote.article_id
            assert quote.text in sentence.text
        for claim in session.exec(select(RoleClaim).where(RoleClaim.article_id.is_not(None))).all():
            assert session.get(Sentence, claim.sentence_id).article_id == claim.article_id


def test_no_page_furniture_reaches_the_stored_text(seeded_engine):
    with session_scope(seeded_engine) as session:
        texts = "\n".join(session.exec(select(Sentence.text)).all())
    for furniture in [
        "View gallery",
        "(Video: Reuters)",
        "Please enter your comment",
        "Leave a Reply",
        "LEGAL WARNING",
        "Website of Hamas",
        "אמיר קטאר",
    ]:
        assert furniture not in texts


def _story(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Ceasefire talks resume in Doha\n\n"
        "Talks on a Gaza ceasefire resumed on Monday in Doha, Qatar Foreign Ministry spokesperson "
        "Majed al-Ansari said, with Egyptian and Qatari mediators shuttling between the Israeli "
        'and Hamas delegations. "We are hopeful but cautious," al-Ansari told reporters.\n',
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (folder / "nodate.txt").write_text("Some text about talks in Cairo. " * 20, encoding="utf-8")
    (folder / "manifest.toml").write_text(
        '[[articles]]\nfile = "good.txt"\noutlet = "Wire"\npublished = 2025-09-15\n'
        '[[articles]]\nfile = "broken.txt"\noutlet = "Wire"\npublished = 2025-09-15\n',
        encoding="utf-8",
    )
    return folder


def test_cli_ingest_reports_rejections_and_exits_non_zero(tmp_path, settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    result = CliRunner().invoke(app, ["ingest", str(_story(tmp_path))])
    assert result.exit_code == 1, result.output
    assert "articles added" in result.output
    assert "broken.txt" in result.output and "binary" in result.output
    assert "nodate.txt" in result.output and "no publication date" in result.output
    again = CliRunner().invoke(
        app,
        [
            "ingest",
            str(tmp_path / "batch" / "good.txt"),
            "--outlet",
            "Wire",
            "--published",
            "2025-09-15",
        ],
    )
    assert again.exit_code == 0, again.output
    assert "skipped as duplicates" in again.output


def test_ask_seeds_an_empty_database_and_prints_every_page(tmp_path, settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ask.db'}")
    result = CliRunner().invoke(app, ["ask", "/latest"])
    assert result.exit_code == 0, result.output
    assert "ingested 5 seed articles" in result.output
    assert "Ynetnews" in result.output and "2025" in result.output
    assert "<b>" not in result.output
    html = CliRunner().invoke(app, ["ask", "--html", "/latest"])
    assert html.exit_code == 0
    assert "ingested" not in html.output
    assert "<a href=" in html.output


def test_a_proposal_reported_twice_keeps_the_day_it_was_first_reported(seeded_engine):
    with session_scope(seeded_engine) as session:
        truce = session.exec(select(Event).where(Event.title == "60-day truce")).one()
        sources = session.exec(select(EventSource).where(EventSource.event_id == truce.id)).all()
    assert len({s.article_id for s in sources}) >= 2
    assert (truce.start_date, truce.end_date) == (date(2025, 6, 1), date(2025, 6, 1))
