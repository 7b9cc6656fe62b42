"""Feeds in the chat: admins manage them, the button re-enables, the bot's tick polls."""

from __future__ import annotations

from bot.config import load_settings
from bot.replies.commands import answer, answer_callback
from bot.replies.reply import Asker
from bot.store.database import session_scope
from handlers.feed_polling import FeedTick
from tests.news_pages import ON_STORY_BODY, article_html, rss
from tests.test_feeds import WHEN
from tests.web_site import Page

ADMIN = Asker(user_id=1, chat_id=1, is_bot_admin=True)
READER = Asker(user_id=2, chat_id=2)


def _ask(engine, command, args="", asker=ADMIN) -> str:
    with session_scope(engine) as session:
        return "\n".join(answer(session, command, args, asker).pages)


def test_only_admins_manage_feeds(engine):
    for command in ("/feeds", "/addfeed", "/removefeed"):
        assert "Only the bot's admins" in _ask(engine, command, "http://x.example/f", READER)
    assert "Not added: only http and https" in _ask(engine, "/addfeed", "ftp://x.example/f")
    assert "Following http://x.example/f" in _ask(engine, "/addfeed", "http://x.example/f")
    assert "Already following" in _ask(engine, "/addfeed", "http://x.example/f#x")
    assert "http://x.example/f [on]" in _ask(engine, "/feeds")
    assert "Stopped following" in _ask(engine, "/removefeed", "http://x.example/f")
    assert "No feeds yet" in _ask(engine, "/feeds")


def test_the_tick_polls_a_new_article_into_answers_and_the_button_re_enables(
    engine, local_site, settings
):
    feed_settings = load_settings(
        database_url=settings.database_url,
        fetch_allow_networks="127.0.0.1/32",
        feed_max_failures=1,
    )
    local_site.pages["/talks"] = Page(article_html("Hamas team in Cairo", ON_STORY_BODY))
    local_site.pages["/f.xml"] = Page(
        rss("GL", [("Hamas team in Cairo", local_site.url("/talks"), "talks", WHEN)]),
        "application/rss+xml",
    )
    local_site.pages["/down.xml"] = Page(b"no", "text/plain", status=500)
    _ask(engine, "/addfeed", local_site.url("/f.xml"))
    _ask(engine, "/addfeed", local_site.url("/down.xml"))
    report = FeedTick(engine, feed_settings).poll()
    assert report.ingested == 1 and report.disabled
    assert local_site.url("/talks") in _ask(engine, "/sources", "", READER)
    with session_scope(engine) as session:
        listing = answer(session, "/feeds", "", ADMIN)
    assert "[disabled]" in listing.pages[0] and "HTTP 500" in listing.pages[0]
    (button,) = listing.buttons[0]
    with session_scope(engine) as session:
        refused = answer_callback(session, button.data, READER)
        pressed = answer_callback(session, button.data, ADMIN)
    assert "Only the bot's admins" in refused.reply.pages[0]
    assert "[disabled]" not in pressed.reply.pages[0]
