"""Feeds polled from a real local server: new items in, off-story skipped, 304s, failures."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from bot.config import load_settings
from bot.feeds.parse import NotAFeed, parse_feed
from bot.feeds.polling import claim_due, poll_due
from bot.feeds.registry import add_feed, enable_feed, feed_states
from bot.feeds.schedule import next_poll
from bot.feeds.urls import normalise_url
from bot.fetch.fetcher import Fetcher, FetchPolicy
from bot.store.database import session_scope
from bot.store.models import Article, Feed
from tests.news_pages import OFF_STORY_BODY, ON_STORY_BODY, article_html, rss
from tests.web_site import Page

WHEN = datetime(2025, 10, 7, 6, 30, tzinfo=UTC)


@pytest.fixture
def feed_settings(settings):
    return load_settings(
        database_url=settings.database_url,
        fetch_allow_networks="127.0.0.1/32",
        feed_max_failures=3,
    )


@pytest.fixture
def fetcher(feed_settings):
    with Fetcher(FetchPolicy.from_settings(feed_settings)) as f:
        yield f


def _serve_news(site) -> None:
    site.pages["/talks"] = Page(article_html("Hamas team in Cairo for talks", ON_STORY_BODY))
    site.pages["/copy"] = Page(
        article_html("Hamas team in Cairo for talks", ON_STORY_BODY, site="Levant Monitor")
    )
    site.pages["/rain"] = Page(article_html("Rain floods tents in Gaza", OFF_STORY_BODY))
    site.pages["/feed.xml"] = Page(
        rss(
            "Gulf Ledger",
            [
                (
                    "Hamas team in Cairo",
                    site.url("/talks?utm_source=rss#top"),
                    "Ceasefire talks",
                    WHEN,
                ),
                ("Rain floods tents", site.url("/rain"), "Rain in Gaza", WHEN),
                ("Hamas team in Cairo", site.url("/copy"), "Ceasefire talks (wire)", WHEN),
            ],
        ),
        "application/rss+xml",
        etag='"feed-1"',
    )


def _add(engine, url, **kw):
    with session_scope(engine) as session:
        return add_feed(session, url, **kw)[0].id


def test_urls_lose_tracking_parameters_and_fragments():
    assert (
        normalise_url("HTTPS://Example.com:443/a?utm_source=x&b=2&a=1&fbclid=9#frag")
        == "https://example.com/a?a=1&b=2"
    )


def test_a_broken_feed_is_parsed_as_far_as_it_goes_and_says_why():
    broken = rss("T", [("One", "http://x.example/1", "d", WHEN)]).replace(b"</channel>", b"")
    parsed = parse_feed(broken)
    assert parsed.problem and [e.link for e in parsed.entries] == ["http://x.example/1"]
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body>not a feed</body></html>")


def test_failures_back_off_exponentially_with_jitter():
    now = WHEN
    waits = [next_poll("u", now, 15, n) - now for n in range(4)]
    assert timedelta(minutes=15) <= waits[0] <= timedelta(minutes=16.5)
    assert timedelta(minutes=30) <= waits[1] < timedelta(minutes=32)
    assert timedelta(minutes=120) <= waits[3] < timedelta(minutes=122)
    assert next_poll("u", now, 15, 30) - now <= timedelta(hours=24, minutes=2)


def test_a_poll_ingests_on_story_items_skips_the_rest_and_then_costs_a_304(
    engine, local_site, fetcher, feed_settings
):
    _serve_news(local_site)
    feed_id = _add(engine, local_site.url("/feed.xml"), outlet="Gulf Ledger")
    first = poll_due(engine, fetcher, feed_settings, everything=True)
    assert (first.ingested, first.skipped) == (1, 1)
    with session_scope(engine) as session:
        assert session.exec(select(Article.url)).all() == [local_site.url("/talks")]
        state = feed_states(session)[0]
    assert state.counts == {"ingested": 1, "skipped": 1, "duplicate": 1, "rejected": 0}
    # "Rain in Gaza" names the region and nothing of the talks: turned away unread.
    assert any("title and summary say too little" in r for r in state.skip_reasons)
    assert local_site.hits["/rain"] == 0
    assert state.last_success_at is not None
    second = poll_due(engine, fetcher, feed_settings, everything=True)
    assert second.not_modified == 1 and second.ingested == 0
    assert local_site.not_modified["/feed.xml"] == 1 and local_site.hits["/talks"] == 1
    with session_scope(engine) as session:
        assert session.get(Feed, feed_id).next_poll_at > datetime.now(UTC)


def test_an_item_whose_summary_sounds_like_the_talks_is_judged_by_its_page(
    engine, local_site, fetcher, feed_settings
):
    beirut = (
        "A US envoy met Lebanese officials in Beirut on Tuesday as a ceasefire between Israel "
        "and Hezbollah entered its third week.\n\nThe truce, mediated by Washington and Paris, "
        "requires Hezbollah fighters to withdraw north of the Litani river. Lebanese army "
        "units deployed in the south, and officials said talks on the border would follow."
    )
    local_site.pages["/beirut"] = Page(article_html("Lebanon truce holds", beirut))
    local_site.pages["/feed.xml"] = Page(rss("Gulf Ledger", [(
        "Lebanon truce holds as US envoy visits Beirut", local_site.url("/beirut"),
        "The ceasefire entered its third week.", WHEN,
    )]), "application/rss+xml")
    _add(engine, local_site.url("/feed.xml"))
    report = poll_due(engine, fetcher, feed_settings, everything=True)
    assert (report.ingested, report.skipped) == (0, 1)
    assert local_site.hits["/beirut"] == 1  # "truce", "envoy": worth reading; the page decides
    with session_scope(engine) as session:
        (reason,) = feed_states(session)[0].skip_reasons
        assert session.exec(select(Article.id)).all() == []
    assert "names too little of the story's ground" in reason


def test_a_failing_feed_backs_off_and_is_disabled_with_a_notice(
    engine, local_site, fetcher, feed_settings
):
    local_site.pages["/down"] = Page(b"down", "text/plain", status=503)
    _add(engine, local_site.url("/down"))
    notices = []
    for _ in range(3):
        notices += poll_due(engine, fetcher, feed_settings, everything=True).disabled
    with session_scope(engine) as session:
        state = feed_states(session)[0]
    assert not state.enabled and "3 failed polls in a row" in state.disabled_reason
    assert "HTTP 503" in state.last_error and notices and "Feed disabled" in notices[0]
    with session_scope(engine) as session:
        enable_feed(session, local_site.url("/down"))
    with session_scope(engine) as session:
        assert feed_states(session)[0].enabled


def test_a_feed_redirected_outside_the_allowed_networks_fails_safely(
    engine, local_site, fetcher, feed_settings
):
    local_site.pages["/moved"] = Page(status=302, location=f"http://127.0.0.2:{local_site.port}/x")
    _add(engine, local_site.url("/moved"))
    report = poll_due(engine, fetcher, feed_settings, everything=True)
    with session_scope(engine) as session:
        assert "127.0.0.2 is a loopback" in feed_states(session)[0].last_error
    assert report.failed == 1


def test_a_claimed_feed_is_not_claimed_again_until_its_lease_ends(engine, local_site):
    _add(engine, local_site.url("/a.xml"))
    now = datetime.now(UTC) + timedelta(seconds=1)
    first = claim_due(engine, now)
    assert first and claim_due(engine, now) == []
    assert claim_due(engine, now + timedelta(minutes=11)) == first


def test_cli_feeds_add_list_poll_remove(local_site, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("FETCH_ALLOW_NETWORKS", "127.0.0.1/32")
    _serve_news(local_site)
    cli = CliRunner()
    url = local_site.url("/feed.xml")
    assert (
        "Added" in cli.invoke(app, ["feeds", "add", url, "--outlet", "GL", "--every", "10"]).output
    )
    assert cli.invoke(app, ["feeds", "add", url, "--every", "2"]).exit_code == 2
    polled = cli.invoke(app, ["feeds", "poll"])
    assert polled.exit_code == 0 and "1 articles ingested, 1 skipped" in polled.output
    listed = json.loads(cli.invoke(app, ["feeds", "list", "--json"]).output)
    assert listed[0]["items"]["ingested"] == 1 and listed[0]["every_minutes"] == 10
    assert "skipped 1: off-story" in cli.invoke(app, ["feeds", "list"]).output
    assert "Removed" in cli.invoke(app, ["feeds", "remove", url]).output
    assert cli.invoke(app, ["feeds", "remove", url]).exit_code == 1
