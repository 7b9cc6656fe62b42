"""The digest and updated pages: an outlet that changes a report already read is news once,
with what the new version changed; the versions of one page are one report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.digest.compose import DigestComposer
from bot.ingest.batch import ingest_articles
from bot.ingest.model import ArticleInput
from bot.render import plain
from bot.store.database import session_scope
from bot.store.models import Article
from tests.news_pages import ON_STORY_BODY

SINCE = datetime(2025, 10, 8, 5, 0, tzinfo=UTC)
UNTIL = SINCE + timedelta(days=1)
URL = "https://gulfledger.example/live/cairo-talks"
FIRST = "Hamas team in Cairo for talks\n\n" + ON_STORY_BODY
COLLAPSE = (
    "\n\nUpdate: The talks in Cairo collapsed on Wednesday after the Israeli negotiators led "
    'by Ron Dermer walked out, two officials said. "We will not return to Cairo under these '
    'conditions," Dermer said.'
)
BYLINE = "\n\nReporting by the Gulf Ledger's Cairo bureau; editing by the night desk."


def _read(engine, text: str, published: datetime, learned: datetime) -> None:
    """Ingest one version of the page as the poller would, read by the bot at `learned`."""
    report = ingest_articles(engine, [ArticleInput(
        text=text, outlet="Gulf Ledger", published_at=published, url=URL, source_name="live",
    )])
    assert report.added, report
    with session_scope(engine) as session:
        article = session.exec(select(Article).order_by(Article.id.desc())).first()
        article.ingested_at = learned
        session.add(article)


def _digest(engine, since=SINCE, until=UNTIL) -> str:
    with session_scope(engine) as session:
        digest = DigestComposer(session).digest(
            None, since, until, day=until.date(), zone=ZoneInfo("UTC")
        )
    return plain(digest.markup)


def _first_read_the_day_before(engine) -> None:
    _read(engine, FIRST, datetime(2025, 10, 7, 6, 30, tzinfo=UTC), SINCE - timedelta(hours=5))


def test_an_update_of_a_report_read_before_says_what_the_new_version_changed(engine):
    _first_read_the_day_before(engine)
    _read(engine, FIRST + COLLAPSE, datetime(2025, 10, 8, 9, 0, tzinfo=UTC),
          SINCE + timedelta(hours=3))
    text = _digest(engine)
    updated = text[text.index("Updated reports"):]
    assert ("Gulf Ledger updated “Hamas team in Cairo for talks”, first published "
            "Tue 7 Oct 2025: Negotiations in Cairo ongoing → collapsed; new: Collapse: The "
            "talks in Cairo collapsed on Wednesday after the Israeli negotiators led by Ron "
            "Dermer walked …; 1 new quote (Ron Dermer).") in updated.replace(f" ({URL})", "")
    assert "Rounds that moved" in text and "ongoing → collapsed — Gulf Ledger" in text
    assert "We will not return to Cairo" in text


def test_the_versions_of_one_page_are_one_report_marked_updated(engine):
    _first_read_the_day_before(engine)
    _read(engine, FIRST + COLLAPSE, datetime(2025, 10, 8, 9, 0, tzinfo=UTC),
          SINCE + timedelta(hours=3))
    # The day before, seen from now: the round was read once, from one report, since updated.
    text = _digest(engine, SINCE - timedelta(days=1), SINCE)
    line = next(line for line in text.splitlines() if "Negotiations in Cairo" in line)
    assert line.count("Gulf Ledger (") == 1 and line.endswith("Tue 7 Oct 2025 (updated)")
    assert "1 outlet" in line
    # What the update said later is no part of that day's news: no move back and forth.
    assert "Rounds that moved" not in text and "Updated reports" not in text


def test_an_update_that_changes_nothing_in_the_timeline_is_not_mentioned(engine):
    _first_read_the_day_before(engine)
    _read(engine, FIRST + BYLINE, datetime(2025, 10, 7, 6, 30, tzinfo=UTC),
          SINCE + timedelta(hours=3))
    text = _digest(engine)
    assert "Updated reports" not in text and "updated" not in text.lower()


def test_a_page_first_read_in_the_window_is_news_not_an_update(engine):
    _read(engine, FIRST, datetime(2025, 10, 7, 6, 30, tzinfo=UTC), SINCE + timedelta(hours=1))
    _read(engine, FIRST + COLLAPSE, datetime(2025, 10, 8, 9, 0, tzinfo=UTC),
          SINCE + timedelta(hours=3))
    text = _digest(engine)
    assert "Negotiations in Cairo" in text and "We will not return to Cairo" in text
    assert "Updated reports" not in text
