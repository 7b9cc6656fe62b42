"""`timeline-bot rebuild`: every stored article read again; ids that last; nothing lost."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from bot.ingest.batch import ingest_articles
from bot.ingest.model import ArticleInput
from bot.ingest.sources import collect_articles
from bot.store.models import Article, Delivery, Entity, Event, Quote, Subscription
from bot.store.rebuild import rebuild
from bot.timeline.version import timeline_version

HELDOUT4 = Path(__file__).parent / "articles" / "heldout4"


def _ingest(engine, folder: Path = HELDOUT4) -> None:
    report = ingest_articles(engine, collect_articles([folder]))
    assert report.ok, report.rejected


def _ids(engine) -> dict[str, set[int]]:
    with Session(engine) as session:
        return {
            "events": set(session.execute(select(Event.id)).scalars()),
            "people": set(session.execute(
                select(Entity.id).where(Entity.kind == "person")).scalars()),
            "quotes": set(session.execute(select(Quote.id)).scalars()),
        }


def _rounds(engine) -> set[tuple]:
    with Session(engine) as session:
        return set(session.execute(
            select(Event.id, Event.place_id, Event.start_date, Event.end_date, Event.status)
            .where(Event.kind == "round")
        ).all())


def test_a_rebuild_of_an_unchanged_timeline_keeps_every_id(engine):
    _ingest(engine)
    before, rounds = _ids(engine), _rounds(engine)
    report = rebuild(engine)
    assert report.articles == 12
    assert (report.rounds.added, report.rounds.removed, report.rounds.changed) == ([], [], [])
    assert _ids(engine) == before
    assert _rounds(engine) == rounds


def test_an_old_mistake_is_replaced_and_its_id_never_comes_back(engine):
    _ingest(engine)
    with Session(engine) as session:
        article = session.execute(select(Article).order_by(Article.id)).scalars().first()
        real = session.execute(
            select(Event).where(Event.kind == "round").order_by(Event.id)
        ).scalars().first()
        real.status = "agreement"  # what an older extractor got wrong
        wrong = Event(kind="round", title="Negotiations in Ankara", summary="spoke to reporters",
                      first_reported_at=article.published_at,
                      last_reported_at=article.published_at)
        session.add(wrong)
        session.add(real)
        session.commit()
        wrong_id, real_id = wrong.id, real.id
    report = rebuild(engine)
    assert any(item.startswith(f"r{wrong_id} ") for item in report.rounds.removed)
    assert any(item.startswith(f"r{real_id} ") for item in report.rounds.changed)
    with Session(engine) as session:
        assert session.get(Event, wrong_id) is None
        assert session.get(Event, real_id).status != "agreement"
    _ingest(engine, Path(__file__).parent / "articles" / "heldout6")
    assert wrong_id not in _ids(engine)["events"]


def test_a_dry_run_tells_what_would_change_and_changes_nothing(engine):
    _ingest(engine)
    with Session(engine) as session:
        real = session.execute(
            select(Event).where(Event.kind == "round").order_by(Event.id)
        ).scalars().first()
        real.status = "agreement"
        session.add(real)
        session.commit()
        real_id = real.id
    version = _version(engine)
    report = rebuild(engine, dry_run=True)
    assert report.dry_run and report.rounds.changed
    with Session(engine) as session:
        assert session.get(Event, real_id).status == "agreement"
    assert _version(engine) == version


def _version(engine):
    with Session(engine) as session:
        return timeline_version(session)


def test_answers_kept_until_the_timeline_changes_expire_at_a_rebuild(engine):
    _ingest(engine)
    version = _version(engine)
    rebuild(engine)
    assert _version(engine) != version


def test_subscriptions_and_deliveries_are_untouched_and_nothing_is_news_again(engine):
    from bot.digest.filters import DigestFilter
    from bot.digest.news import moved_rounds, new_events
    from bot.store.models import FactLog

    _ingest(engine)
    with Session(engine) as session:
        logged = session.execute(select(func.count(FactLog.id))).scalar_one()
    assert logged > 0, "an ingest logs the facts it brought, for the watches"
    learned = datetime.now(UTC)
    with Session(engine) as session:
        sub = Subscription(chat_id=5, local_time="07:00", timezone="UTC")
        session.add(sub)
        session.flush()
        session.add(Delivery(subscription_id=sub.id, local_date=learned.date(),
                             due_at=learned, next_attempt_at=learned, status="sent"))
        session.commit()
    time.sleep(0.01)
    rebuild(engine)
    with Session(engine) as session:
        assert session.execute(select(func.count(Subscription.id))).scalar_one() == 1
        assert session.execute(select(func.count(Delivery.id))).scalar_one() == 1
        window = (learned, datetime.now(UTC) + timedelta(seconds=1))
        assert new_events(session, DigestFilter(None), *window) == []
        assert moved_rounds(session, DigestFilter(None), *window) == []
        # Nor for the watches: a rebuild logs no fact.
        assert session.execute(select(func.count(FactLog.id))).scalar_one() == logged


def test_ingest_waits_for_a_rebuild_and_loses_nothing(engine):
    _ingest(engine)
    started, results = threading.Event(), {}

    def slow_rebuild() -> None:
        def on_article(_name: str) -> None:
            started.set()
            time.sleep(0.05)  # twelve articles: the lock is held for about a second

        results["rebuild"] = rebuild(engine, on_article=on_article)

    worker = threading.Thread(target=slow_rebuild)
    worker.start()
    assert started.wait(10)
    late = ArticleInput(
        text=("Mediators met Hamas negotiators in Cairo on Monday for talks on a new truce, "
              "officials said, as the sides weighed a fresh proposal. ") * 3,
        outlet="Wire", published_at=datetime(2024, 6, 4, tzinfo=UTC),
        url="https://example.org/late", source_name="late.txt",
    )
    report = ingest_articles(engine, [late])
    worker.join(30)
    assert report.ok and report.added == ["late.txt"]
    assert results["rebuild"].articles == 12  # the rebuild finished first
    with Session(engine) as session:
        assert session.execute(select(func.count(Article.id))).scalar_one() == 13


def test_the_command_prints_what_changed(settings, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bot.cli import app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")

    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(HELDOUT4)]).exit_code == 0
    dry = runner.invoke(app, ["rebuild", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would change: 12 articles read again." in dry.output
    assert "Rounds: 0 added, 0 removed, 0 changed" in dry.output
    assert "Nothing was changed (--dry-run)." in dry.output
