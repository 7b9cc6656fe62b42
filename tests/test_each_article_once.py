"""Each article once: a syndicated copy is listed as carried by its outlet, a changed page
at the same address is a new version, and a rewrite corroborates without doubling events."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from ipaddress import ip_network
from pathlib import Path

import pytest
from sqlmodel import func, select

from bot.config import load_settings
from bot.export.timeline_json import dumps, export_timeline
from bot.feeds.polling import poll_due
from bot.feeds.registry import add_feed, feed_states
from bot.fetch.fetcher import Fetcher, FetchPolicy
from bot.ingest.batch import ingest_articles
from bot.ingest.links import ingest_link
from bot.ingest.model import ArticleInput
from bot.ingest.near_copies import (
    FingerprintIndex,
    copy_candidates,
    distance,
    fingerprint,
    is_copy,
)
from bot.replies.commands import answer
from bot.replies.reply import Asker
from bot.store.database import session_scope
from bot.store.models import Article, Event, EventSource
from tests.news_pages import ON_STORY_BODY, article_html, rss
from tests.web_site import Page

WHEN = datetime(2025, 10, 7, 6, 30, tzinfo=UTC)
FEED, ATOM = "application/rss+xml", "application/atom+xml"
CORPUS = Path(__file__).parent / "articles"
UPDATE = (
    "\n\nUpdate: Israeli negotiators led by Ron Dermer arrived in Cairo on Wednesday and "
    "joined the talks with the Egyptian and Qatari mediators, two officials said."
)
WIRE_COPY = (
    "By a staff correspondent with agencies\n\n" + ON_STORY_BODY
    + "\n\nThis report first appeared in the Gulf Ledger and is republished with permission."
)


def _corpus(name: str) -> str:
    return next(CORPUS.rglob(name)).read_text(encoding="utf-8")


def test_a_wire_copy_is_near_its_original_and_a_different_report_is_not():
    original = _corpus("810_wire_sharm_first_phase.txt")
    copy = _corpus("811_syndicated_sharm_first_phase.txt")
    assert is_copy(copy, original)
    assert copy_candidates(fingerprint(copy), [(1, fingerprint(original)), (2, None)]) == [1]
    # Close fingerprints, different reports: the shingles they share decide.
    live = _corpus("1305_liveblog_cairo_rafah_may.txt")
    brief = _corpus("704_brief_rome_meeting.txt")
    assert distance(fingerprint(live), fingerprint(brief)) <= 16
    assert not is_copy(live, brief)


def test_the_fingerprint_index_finds_what_a_scan_of_every_pair_finds():
    texts = sorted(CORPUS.rglob("*.txt"))
    stored = [(n, fingerprint(path.read_text(encoding="utf-8"))) for n, path in enumerate(texts)]
    index = FingerprintIndex()
    for article_id, print_ in stored:
        index.add(article_id, print_)
    assert len(index) == sum(1 for _, p in stored if p is not None)
    assert index.newest == len(texts) - 1
    found = 0
    for _, print_ in stored:
        assert index.near(print_) == copy_candidates(print_, stored)
        found += len(index.near(print_)) > 1
    assert found >= 6  # the corpus's wire copies and their originals find each other


def test_a_polls_index_sees_articles_another_writer_stored_meanwhile(engine):
    original = _corpus("810_wire_sharm_first_phase.txt")
    copy = _corpus("811_syndicated_sharm_first_phase.txt")
    published = datetime(2025, 10, 7, tzinfo=UTC)
    polls_index = FingerprintIndex()
    brief = ArticleInput(_corpus("704_brief_rome_meeting.txt"), "Wire", published,
                         source_name="brief")
    assert ingest_articles(engine, [brief], stored_prints=polls_index).added
    # Another process stores the original, with an index of its own.
    assert ingest_articles(engine, [ArticleInput(original, "Wire", published,
                                                 source_name="original")]).added
    arrived = ingest_articles(engine, [ArticleInput(copy, "Levant Monitor", published,
                                                    source_name="copy")],
                              stored_prints=polls_index)
    assert arrived.copies == ["copy"] and not arrived.added


def test_a_text_too_short_to_fingerprint_has_no_fingerprint():
    assert fingerprint("Talks resume in Cairo.") is None
    assert copy_candidates(None, [(1, 5)]) == []


@pytest.fixture
def feed_settings(settings):
    return load_settings(database_url=settings.database_url, fetch_allow_networks="127.0.0.1/32")


@pytest.fixture
def fetcher():
    with Fetcher(FetchPolicy(timeout=3, allow_networks=(ip_network("127.0.0.1/32"),))) as f:
        yield f


def _export(engine) -> dict:
    with session_scope(engine) as session:
        return json.loads(dumps(export_timeline(session, story="Gaza talks", now=WHEN)))


def test_a_syndicated_copy_at_another_address_is_stored_once_with_both_outlets(
    engine, local_site, feed_settings
):
    site = local_site
    site.pages["/talks"] = Page(article_html("Hamas team in Cairo for talks", ON_STORY_BODY))
    site.pages["/wire/hamas-cairo"] = Page(
        article_html("Gaza truce envoys gather in Egypt", WIRE_COPY, site="Levant Monitor",
                     published="2025-10-07T11:00:00+03:00")
    )
    site.pages["/gl.xml"] = Page(rss("Gulf Ledger", [
        ("Hamas team in Cairo", site.url("/talks"), "Ceasefire talks", WHEN)]), FEED)
    copy_link = site.url("/wire/hamas-cairo?utm_medium=rss")
    site.pages["/lm.xml"] = Page(
        rss("Levant Monitor", [("Gaza truce envoys", copy_link, "Ceasefire", WHEN)]), FEED
    )
    with session_scope(engine) as session:
        add_feed(session, site.url("/gl.xml"), outlet="Gulf Ledger")
    with Fetcher(FetchPolicy.from_settings(feed_settings)) as fetcher:
        poll_due(engine, fetcher, feed_settings, everything=True)
        with session_scope(engine) as session:
            add_feed(session, site.url("/lm.xml"), outlet="Levant Monitor")
            events_before = session.exec(select(func.count(EventSource.id))).one()
        second = poll_due(engine, fetcher, feed_settings, everything=True)
    assert second.ingested == 0 and events_before > 0
    with session_scope(engine) as session:
        assert session.exec(select(func.count(Article.id))).one() == 1
        assert session.exec(select(func.count(EventSource.id))).one() == events_before
        reasons = [r for s in feed_states(session) for r in s.skip_reasons]
        sources = "\n".join(answer(session, "/sources", "", Asker(user_id=1, chat_id=1)).pages)
    (article,) = _export(engine)["articles"]
    assert [(c["outlet"], c["url"]) for c in article["carried_by"]] == [
        ("Gulf Ledger", site.url("/talks")),
        ("Levant Monitor", site.url("/wire/hamas-cairo")),
    ]
    assert article["carried_by"][1]["published"] == WHEN.isoformat()  # as its feed gave it
    assert {"id", "outlet", "url", "published", "title"} <= set(article)
    assert "also carried by" in sources and "Levant Monitor" in sources
    assert reasons == [] or all("off-story" not in r for r in reasons)


def test_an_updated_page_at_the_same_address_is_a_new_version_with_its_own_facts(
    engine, local_site, fetcher
):
    local_site.pages["/live"] = Page(article_html("Hamas team in Cairo for talks", ON_STORY_BODY))
    first = ingest_link(engine, fetcher, local_site.url("/live"))
    assert first.report.added and not first.report.versions
    again = ingest_link(engine, fetcher, local_site.url("/live"))
    assert again.report.duplicates and not again.report.copies
    local_site.pages["/live"] = Page(
        article_html("Hamas team in Cairo for talks", ON_STORY_BODY + UPDATE)
    )
    updated = ingest_link(engine, fetcher, local_site.url("/live#latest"))
    assert updated.report.versions == updated.report.added and updated.report.added
    with session_scope(engine) as session:
        rows = session.exec(select(Article).order_by(Article.id)).all()
        assert [(a.version, a.version_of_id) for a in rows] == [(1, None), (2, rows[0].id)]
        cited = set(session.exec(select(EventSource.article_id)).all())
        assert cited == {rows[0].id, rows[1].id}  # each fact keeps the version it came from
        sources = "\n".join(answer(session, "/sources", "", Asker(user_id=1, chat_id=1)).pages)
    assert "version 2" in sources
    versions = [(a["version"], a["version_of"]) for a in _export(engine)["articles"]]
    assert versions[0] == (1, None) and versions[1][0] == 2 and versions[1][1].startswith("a")


def test_an_item_the_feed_marks_updated_is_read_again_as_a_new_version(
    engine, local_site, feed_settings
):
    site = local_site
    site.pages["/live"] = Page(article_html("Hamas team in Cairo for talks", ON_STORY_BODY))
    site.pages["/feed.xml"] = Page(_atom(site.url("/live"), "2025-10-07T06:30:00Z"), ATOM)
    with session_scope(engine) as session:
        add_feed(session, site.url("/feed.xml"), outlet="Gulf Ledger")
    with Fetcher(FetchPolicy.from_settings(feed_settings)) as fetcher:
        assert poll_due(engine, fetcher, feed_settings, everything=True).ingested == 1
        site.pages["/live"] = Page(
            article_html("Hamas team in Cairo for talks", ON_STORY_BODY + UPDATE)
        )
        site.pages["/feed.xml"] = Page(_atom(site.url("/live"), "2025-10-07T09:00:00Z"), ATOM)
        assert poll_due(engine, fetcher, feed_settings, everything=True).ingested == 1
    with session_scope(engine) as session:
        assert sorted(session.exec(select(Article.version)).all()) == [1, 2]


def test_a_rewrite_of_the_same_report_corroborates_its_events_without_adding_them(
    engine, local_site, fetcher
):
    rewrite = (
        "Negotiators from Hamas, headed by Khalil al-Hayya, reached Cairo on Tuesday to hold "
        "talks with mediators from Egypt and Qatar about a ceasefire in Gaza and a deal to "
        "free hostages, officials said.\n\nThe discussions should last two days. An Israeli "
        "team under Ron Dermer is expected in Cairo on Wednesday."
    )
    local_site.pages["/a"] = Page(article_html("Hamas team in Cairo for talks", ON_STORY_BODY))
    local_site.pages["/b"] = Page(article_html("Hamas in Cairo", rewrite, site="Levant Monitor"))
    ingest_link(engine, fetcher, local_site.url("/a"))
    with session_scope(engine) as session:
        events = session.exec(select(func.count(Event.id))).one()
    outcome = ingest_link(engine, fetcher, local_site.url("/b"))
    assert outcome.report.added and not outcome.report.copies
    assert outcome.report.events_merged > 0
    with session_scope(engine) as session:
        assert session.exec(select(func.count(Event.id))).one() == events
        assert session.exec(select(func.count(Article.id))).one() == 2


def _atom(link: str, updated: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Gulf Ledger</title><id>urn:gl</id><updated>2025-10-07T09:00:00Z</updated>"
        f'<entry><title>Hamas team in Cairo</title><id>urn:gl:live</id><link href="{link}"/>'
        "<summary>Ceasefire talks in Cairo</summary><published>2025-10-07T06:30:00Z</published>"
        f"<updated>{updated}</updated></entry></feed>"
    ).encode()
