"""The core's answers on a hand-made story: content, safety, paging and buttons."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.render import CALLBACK_DATA_LIMIT, MESSAGE_LIMIT, plain, visible_length
from bot.replies.commands import (
    COMMANDS,
    GROUP_COMMANDS,
    answer,
    answer_callback,
    answer_text,
    ingest_upload,
    inline_cards,
    parse_caption,
)
from bot.replies.reply import Asker, Reply
from bot.store.models import Article
from tests.story_rows import StoryRows, build_story

NOW = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
PRIVATE = Asker(user_id=7, chat_id=7, chat_type="private", now=NOW)
GROUP = Asker(user_id=7, chat_id=-100, chat_type="supergroup", now=NOW)
ADMIN = Asker(user_id=1, chat_id=1, chat_type="private", is_bot_admin=True, now=NOW)
HOSTILE = [
    "x" * 5000,
    "<script>alert(1)</script><b>bold</b>&amp;",
    "🕊️🇵🇸🇮🇱 👨‍👩‍👧",
    "وقف إطلاق النار في غزة",
    "\u202eevil\u200b\x00\x07",
]


class _Balanced(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"


def assert_well_formed(reply: Reply) -> None:
    assert reply.pages and all(p.strip() for p in reply.pages), "an empty reply"
    for page in reply.pages:
        assert visible_length(page) <= MESSAGE_LIMIT
        parser = _Balanced()
        parser.feed(page)
        assert parser.stack == [], f"unclosed tags {parser.stack}"
        assert not re.search(r"<(?!/?(b|i|a|code|blockquote)\b)", page), "a tag Telegram rejects"
    for page in range(len(reply.pages)):
        for row in reply.keyboard(page):
            for button in row:
                if button.data is not None:
                    assert len(button.data.encode()) <= CALLBACK_DATA_LIMIT


@pytest.fixture
def story(engine):
    ids = build_story(engine)
    with Session(engine) as session:
        yield session, ids


def ask(session, command: str, args: str = "", asker: Asker = PRIVATE) -> Reply:
    reply = answer(session, command, args, asker)
    assert_well_formed(reply)
    return reply


def text_of(reply: Reply) -> str:
    return "\n".join(plain(p) for p in reply.pages)


def test_command_lists_cover_the_digest_and_fit_telegram():
    names = [n for n, _ in COMMANDS]
    assert {"subscribe", "unsubscribe", "settings", "digest", "who", "round"} <= set(names)
    assert set(n for n, _ in GROUP_COMMANDS) <= set(names)
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", n) and 3 <= len(d) <= 256 for n, d in COMMANDS)


def test_help_says_how_many_articles_and_the_date_span_with_live_examples(story):
    session, _ = story
    shown = text_of(ask(session, "help"))
    assert "4 articles" in shown
    assert "Sun 1 Jun 2025" in shown and "Thu 9 Oct 2025" in shown
    assert "/who Steve Witkoff" in shown
    assert re.search(r"/round (Sharm el-Sheikh|Cairo|Doha)", shown)
    assert text_of(ask(session, "start")) == shown


def test_who_answers_a_misspelling_with_the_profile_quote_and_source(story):
    session, _ = story
    reply = ask(session, "who", "Witkof")
    shown = text_of(reply)
    assert shown.startswith("Steve Witkoff")
    assert "completely unacceptable" in shown and "ILKHA" in shown
    assert "Sat 31 May 2025" in shown  # the day he said it
    assert "Special Envoy to the Middle East" in shown and "since Mon 20 Jan 2025" in shown
    assert 'href="https://ilkha.com/english/y2"' in reply.pages[0]


def test_who_lists_other_spellings(story):
    session, _ = story
    shown = text_of(ask(session, "who", "al-Nono"))
    assert shown.startswith("Taher al-Nounou")
    assert "Also written:" in shown and "Al-Nounou" in shown


def test_who_with_an_ambiguous_surname_offers_buttons(story):
    session, ids = story
    reply = ask(session, "who", "Sinwar")
    data = {b.data for row in reply.buttons for b in row}
    assert {f"who|#{ids['yahya']}", f"who|#{ids['mohammed']}"} <= data
    pressed = answer_callback(session, f"who|#{ids['yahya']}", PRIVATE)
    assert text_of(pressed.reply).startswith("Yahya Sinwar")


def test_who_with_nothing_alike_gets_the_usage_line_and_no_unrelated_names(story):
    session, _ = story
    reply = ask(session, "who", "Zxqv Plorb")
    assert "I found no person" in text_of(reply)
    assert "Usage: /who <name>" in text_of(reply)
    assert not reply.buttons


def test_round_by_place_shows_delegations_mediators_issues_and_status_moves(story):
    session, _ = story
    shown = text_of(ask(session, "round", "Sharm"))
    assert shown.startswith("Sharm el-Sheikh · 6–7 Oct 2025")
    assert "Israel: Ron Dermer (lead)" in shown and "Hamas" in shown
    assert "Mediators: Egypt, Qatar" in shown
    assert "Issues: withdrawal timelines; hostage releases" in shown
    assert re.search(r"ongoing \(Ynetnews.*Tue 7 Oct 2025\) → collapsed \(Later Wire", shown)
    assert "Also taking part: Steve Witkoff" in shown


def test_round_by_transliterated_place(story):
    session, _ = story
    shown = text_of(ask(session, "round", "Kairo"))
    assert shown.startswith("Cairo · Tue 12 Aug 2025")
    assert "Hamas: Khalil al-Hayya (lead)" in shown and "Mediators: Egypt" in shown


def test_round_by_month_lists_the_month_round_without_inventing_a_day(story):
    session, _ = story
    shown = text_of(ask(session, "round", "July 2025"))
    assert "Doha · Jul 2025" in shown and "background" in shown
    assert not re.search(r"\d+ Jul 2025", shown.split("Sources:")[0])


def test_round_at_a_place_without_rounds_says_where_rounds_were(story):
    session, _ = story
    shown = text_of(ask(session, "round", "Gaza"))
    assert "No rounds are on record in Gaza Strip" in shown and "Cairo" in shown


def test_rounds_are_listed_in_order(story):
    session, _ = story
    shown = text_of(ask(session, "rounds"))
    assert shown.index("Doha") < shown.index("Cairo") < shown.index("Sharm el-Sheikh")


def test_latest_excludes_background_and_puts_the_newest_report_first(story):
    session, _ = story
    shown = text_of(ask(session, "latest"))
    assert "Truce of November" not in shown and "Doha" not in shown
    assert shown.index("Sharm el-Sheikh") < shown.index("Cairo")
    for line in shown.splitlines()[1:-1]:
        assert re.match(r"• (\w{3} )?\d", line), f"undated line: {line}"


def test_latest_with_a_count_and_a_bad_count(story):
    session, _ = story
    assert text_of(ask(session, "latest", "1")).count("\n• ") == 1
    assert "not a number" in text_of(ask(session, "latest", "lots"))


def test_on_a_day_lists_events_and_undated_quotes_by_report_day(story):
    session, _ = story
    shown = text_of(ask(session, "on", "7 Oct 2025"))
    assert "Negotiations in Sharm el-Sheikh" in shown
    assert "set the stage for ending the war" in shown and "reported Tue 7 Oct 2025" in shown


def test_on_a_day_inside_a_month_event_says_the_day_is_not_known(story):
    session, _ = story
    shown = text_of(ask(session, "on", "15 July 2025"))
    assert "exact day not known" in shown and "Jul 2025" in shown


def test_on_something_that_is_not_a_date(story):
    session, _ = story
    assert "could not read" in text_of(ask(session, "on", "banana bread"))


def test_search_is_best_first_and_quotes_the_matching_sentence(story):
    session, _ = story
    reply = ask(session, "search", "Dermer Israel team")
    shown = text_of(reply)
    assert shown.splitlines()[2].startswith("1. 6–7 Oct 2025")
    # The matching sentence is the event's summary here: said once, not quoted again below.
    assert shown.count("Ron Dermer leading") == 1


def test_quotes_by_person_and_by_topic(story):
    session, _ = story
    assert "completely unacceptable" in text_of(ask(session, "quotes", "Witkoff"))
    assert "Israeli intransigence" in text_of(ask(session, "quotes", "intransigence"))


def test_sources_lists_outlets_dates_and_links(story):
    session, _ = story
    reply = ask(session, "sources")
    assert 'href="https://www.ynetnews.com/article/x1"' in reply.pages[0]
    assert "Tue 7 Oct 2025" in text_of(reply)


@pytest.mark.parametrize("command", ["who", "round", "quotes", "on", "search"])
def test_empty_arguments_get_usage_with_a_live_example(story, command):
    session, _ = story
    shown = text_of(ask(session, command))
    assert shown.startswith(f"Usage: /{command}")
    assert "e.g." in shown


@pytest.mark.parametrize("command", ["who", "round", "quotes", "on", "search", "latest"])
@pytest.mark.parametrize("hostile", HOSTILE, ids=["long", "html", "emoji", "arabic", "controls"])
def test_hostile_arguments_get_a_polite_escaped_short_answer(story, command, hostile):
    session, _ = story
    reply = ask(session, command, hostile)
    assert len(reply.pages) == 1
    assert "<script" not in reply.pages[0] and "<b>bold" not in reply.pages[0]
    assert "x" * 100 not in reply.pages[0]


def test_unknown_command_guesses_the_meant_one_with_a_button(story):
    session, _ = story
    reply = ask(session, "whoo", "Witkoff")
    assert "Did you mean /who" in text_of(reply)
    assert reply.buttons[0][0].data == "who|Witkoff"
    pressed = answer_callback(session, reply.buttons[0][0].data, PRIVATE)
    assert text_of(pressed.reply).startswith("Steve Witkoff")


def test_command_with_bot_name_is_understood(story):
    session, _ = story
    assert text_of(ask(session, "who@TimelineBot", "Witkoff")).startswith("Steve Witkoff")


def test_plain_text_in_private_answers_a_name_and_groups_are_ignored(story):
    session, _ = story
    reply = answer_text(session, "witkoff", PRIVATE)
    assert text_of(reply).startswith("Steve Witkoff")
    assert answer_text(session, "witkoff", GROUP) is None
    assert text_of(answer_text(session, "Kairo", PRIVATE)).startswith("Cairo")


def test_plain_text_that_is_no_name_gets_a_hint_with_a_search_button(story):
    session, _ = story
    reply = answer_text(session, "hostage deal", PRIVATE)
    assert_well_formed(reply)
    assert "search|hostage deal" in {b.data for row in reply.buttons for b in row}


def test_long_answers_page_with_short_callback_data(engine):
    with Session(engine) as session:
        s = StoryRows(session)
        wire = s.article("Wire", "2025-09-01", "https://wire.example/a")
        cairo = s.entity("place", "Cairo")
        for n in range(80):
            s.event(
                "round",
                f"Round {n}",
                wire,
                f"Round {n} of talks in Cairo on day {n}. " * 3,
                start=f"2025-0{1 + n % 8}-{1 + n % 27:02d}",
                place=cairo,
                status="ongoing",
            )
        session.commit()
        reply = ask(session, "latest", "50")
        assert reply.paged and len(reply.pages) > 1
        nav = reply.keyboard(0)[0]
        assert nav[-1].text == "▶"
        turned = answer_callback(session, nav[-1].data, PRIVATE)
        assert turned.page == 1 and turned.reply.pages == reply.pages


def test_a_stale_page_button_shows_the_last_page_with_a_notice(story):
    session, _ = story
    turned = answer_callback(session, "pg|9|rounds", PRIVATE)
    assert turned.page == len(turned.reply.pages) - 1 and turned.toast


@pytest.mark.parametrize(
    "data", ["", "nonsense", "pg|x|who", "ingest|x", "drop|table", "pg|0|ingest x"]
)
def test_unknown_buttons_expire_politely(story, data):
    session, _ = story
    pressed = answer_callback(session, data, PRIVATE)
    assert pressed.reply is None and pressed.toast


def test_inline_cards_are_sourced_and_fit(story):
    session, _ = story
    cards = inline_cards(session, "witkoff")
    assert cards[0].title == "Steve Witkoff"
    assert "completely unacceptable" in plain(cards[0].html) and "ILKHA" in plain(cards[0].html)
    rounds = inline_cards(session, "Cairo")
    assert any(c.id.startswith("r") and "Cairo" in c.title for c in rounds)
    assert len(inline_cards(session, "")) <= 50
    for card in cards + rounds + inline_cards(session, "<b>" * 100):
        assert len(card.id.encode()) <= 64 and visible_length(card.html) <= MESSAGE_LIMIT


def test_ingest_is_refused_politely_to_non_admins(engine):
    reply = ingest_upload(
        engine,
        content=b"text",
        file_name="a.txt",
        outlet="X",
        published="2025-10-07",
        url=None,
        asker=PRIVATE,
    )
    assert "Only the bot's admins" in text_of(reply)


def test_ingest_explains_a_bad_file_to_an_admin(engine):
    reply = ingest_upload(
        engine,
        content=b"\x00\x01binary",
        file_name="a.txt",
        outlet="X",
        published="2025-10-07",
        url=None,
        asker=ADMIN,
    )
    assert "binary" in text_of(reply)
    missing = ingest_upload(
        engine, content=b"x", file_name="a.txt", outlet=None, published=None, url=None, asker=ADMIN
    )
    assert "/ingest Outlet 2025-10-07" in text_of(missing)


def test_caption_reads_outlet_date_and_link():
    caption = parse_caption("Times of Israel 2025-10-07 https://toi.example/a")
    assert (caption.outlet, caption.published, caption.url) == (
        "Times of Israel",
        "2025-10-07",
        "https://toi.example/a",
    )
    assert parse_caption("").outlet is None


def test_ingest_reads_a_typed_publication_date_as_on_and_round_do(engine):
    caption = parse_caption("Ynetnews 12/08/2025")
    assert (caption.outlet, caption.published) == ("Ynetnews", "12/08/2025")
    text = (
        "Hamas negotiators arrived in Cairo on Tuesday for talks on a truce, officials said. "
        "Egyptian mediators hosted the delegation and said the talks would go on for days. "
        "Israel did not send a team, an Israeli official said, adding that it would wait."
    )
    reply = ingest_upload(
        engine, content=text.encode(), file_name="a.txt", outlet="Ynetnews",
        published=caption.published, url=None, asker=ADMIN,
    )
    shown = text_of(reply)
    assert shown.startswith("12/08/2025 read day first, as 12 Aug 2025\nAdded the Ynetnews")
    with Session(engine) as session:
        published = session.execute(select(Article.published_at)).scalar_one()
    assert published.date() == date(2025, 8, 12)


def test_digest_commands_are_routed_and_answer(story):
    session, _ = story
    for command in ("settings", "digest"):
        assert_well_formed(answer(session, command, "", PRIVATE))
