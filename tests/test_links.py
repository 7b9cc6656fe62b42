"""Links: a page fetched from a real local server is read, dated, named and ingested."""

from __future__ import annotations

from ipaddress import ip_network

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from bot.config import get_settings
from bot.fetch.fetcher import Fetcher, FetchPolicy
from bot.ingest.links import ingest_link
from bot.ingest.pages import page_article
from bot.replies.commands import answer
from bot.replies.reply import Asker
from bot.store.database import session_scope
from bot.store.models import Article
from tests.news_pages import OFF_STORY_BODY, ON_STORY_BODY, article_html
from tests.web_site import Page

ADMIN = Asker(user_id=1, chat_id=1, chat_type="private", is_bot_admin=True)


@pytest.fixture
def fetcher():
    with Fetcher(FetchPolicy(timeout=3, allow_networks=(ip_network("127.0.0.1/32"),))) as f:
        yield f


def test_a_windows_1252_page_is_read_with_its_title_date_and_site_name():
    body = ON_STORY_BODY.replace("Tuesday", "Tuesday – at the café")
    page = article_html("Hamas team in Cairo", body, charset="windows-1252")
    item = page_article(page, "https://gulfledger.example/a/1")
    assert "– at the café" in item.text and item.text.startswith("Hamas team in Cairo")
    assert item.outlet == "Gulf Ledger"
    assert item.published_at.date().isoformat() == "2025-10-07"
    assert "Home | World" not in item.text


def test_the_outlet_comes_from_the_host_when_the_site_has_no_name():
    page = article_html("Talks", ON_STORY_BODY, site="")
    assert page_article(page, "https://www.wire.example/x").outlet == "wire.example"
    assert page_article(page, "https://www.wire.example/x", outlet="Wire").outlet == "Wire"


def test_a_link_is_fetched_and_ingested_once(engine, local_site, fetcher):
    local_site.pages["/story"] = Page(article_html("Hamas team in Cairo", ON_STORY_BODY))
    first = ingest_link(engine, fetcher, local_site.url("/story"))
    assert first.report.added and first.filter_warning is None
    again = ingest_link(engine, fetcher, local_site.url("/story"))
    assert again.report.duplicates
    with session_scope(engine) as session:
        stored = session.exec(select(Article)).one()
    assert stored.outlet == "Gulf Ledger" and stored.url == local_site.url("/story")


def test_an_off_story_link_is_taken_as_given_with_a_warning(engine, local_site, fetcher):
    local_site.pages["/rain"] = Page(article_html("Rain floods tents", OFF_STORY_BODY))
    outcome = ingest_link(engine, fetcher, local_site.url("/rain"))
    assert outcome.report.added
    assert "story filter would have skipped" in outcome.filter_warning


def test_a_link_that_cannot_be_fetched_is_rejected_with_the_reason(engine, local_site, fetcher):
    outcome = ingest_link(engine, fetcher, local_site.url("/gone"))
    assert "could not fetch it: HTTP 404" in outcome.report.rejected[0].reason


def test_chat_ingest_with_a_link_fetches_it(engine, local_site, monkeypatch):
    monkeypatch.setenv("FETCH_ALLOW_NETWORKS", "127.0.0.1/32")
    get_settings.cache_clear()
    local_site.pages["/rain"] = Page(article_html("Rain floods tents", OFF_STORY_BODY))
    try:
        with session_scope(engine) as session:
            reply = answer(session, "/ingest", local_site.url("/rain"), ADMIN)
            refused = answer(
                session, "/ingest", local_site.url("/rain"), Asker(user_id=5, chat_id=5)
            )
    finally:
        get_settings.cache_clear()
    text = "\n".join(reply.pages)
    assert "Added the Gulf Ledger article" in text and "would have skipped" in text
    assert "Only the bot's admins" in refused.pages[0]
    assert local_site.hits["/rain"] == 1


def test_cli_ingest_url(local_site, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("FETCH_ALLOW_NETWORKS", "127.0.0.1/32")
    local_site.pages["/s"] = Page(article_html("Hamas team in Cairo", ON_STORY_BODY))
    result = CliRunner().invoke(app, ["ingest", local_site.url("/s"), "--outlet", "Wire"])
    assert result.exit_code == 0, result.output
    assert f"added {local_site.url('/s')} (Wire)" in result.output
    refused = CliRunner().invoke(app, ["ingest", f"http://127.0.0.2:{local_site.port}/s"])
    assert refused.exit_code == 1 and "127.0.0.2 is a loopback address" in refused.output
