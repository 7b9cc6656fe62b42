"""The digest's content: what was first reported in the window, grouped, dated, sourced."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.compose import MAX_ITEMS, DigestComposer
from bot.render import MESSAGE_LIMIT, plain, visible_length
from bot.store.database import session_scope
from tests.digest_data import Timeline

SINCE = datetime(2025, 10, 6, 7, 0, tzinfo=UTC)
UNTIL = SINCE + timedelta(days=1)
DAY = date(2025, 10, 7)
UTC_ZONE = ZoneInfo("UTC")


@pytest.fixture
def story(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        t.entity("Steve Witkoff", "person", "Witkoff", "Steven Witkoff")
        before = t.article("Ynetnews", SINCE - timedelta(hours=5))
        old_round = t.event(before, "Talks in Doha", place="Doha", on=date(2025, 10, 4))
        t.quote(before, "Majed al-Ansari", "Talks continue", on=date(2025, 10, 4))
        t.event(before, "Old ceasefire of January", kind="announcement", background=True)
        fresh = t.article("Al <Jazeera> & Co", SINCE + timedelta(hours=3))
        sharm = t.event(
            fresh, "Talks open in Sharm el-Sheikh", place="Sharm el-Sheikh",
            on=date(2025, 10, 6), people=("Khalil al-Hayya",), status="ongoing",
        )
        t.report(old_round, fresh)  # re-reported: not news
        t.quote(fresh, "Steve Witkoff", "We are close to a deal", on=date(2025, 10, 6), about=sharm)
        t.quote(fresh, "Majed al-Ansari", "Talks continue", on=date(2025, 10, 6))  # said before
        t.quote(fresh, "Majed al-Ansari", "Qatar keeps mediating", on=date(2025, 10, 6))
        t.event(fresh, "Hamas hands over a list of hostages", kind="announcement",
                on=date(2025, 10, 6))
        t.event(fresh, "Archived background mention", kind="announcement", background=True)
        late = t.article("Reuters", UNTIL + timedelta(minutes=5))  # after the due instant
        t.event(late, "Delegations leave Cairo", kind="announcement", place="Cairo")
    return engine


def _digest(engine, filter_text=None, since=SINCE, until=UNTIL):
    with session_scope(engine) as session:
        return DigestComposer(session).digest(
            filter_text, since, until, day=DAY, zone=UTC_ZONE
        )


def test_digest_groups_new_items_by_round_and_by_person(story):
    digest = _digest(story)
    text = plain(digest.markup)
    assert digest.items == 4
    rounds, developments, people = (text.index(h) for h in ("Rounds", "Developments", "People"))
    assert rounds < text.index("Talks open in Sharm el-Sheikh") < developments
    assert text.index("We are close to a deal") < developments  # under its round
    assert developments < text.index("Hamas hands over a list of hostages") < people
    assert people < text.index("Majed al-Ansari") < text.index("Qatar keeps mediating")


def test_only_what_was_first_reported_in_the_window_is_news(story):
    text = plain(_digest(story).markup)
    assert "Talks in Doha" not in text  # first carried before the window
    assert "Talks continue" not in text  # the same words, said before
    assert "background" not in text.lower()
    assert "Delegations leave Cairo" not in text  # ingested after the due instant


def test_each_line_is_dated_and_sourced_with_everything_escaped(story):
    markup = _digest(story).markup
    assert "Mon 6 Oct 2025" in markup
    assert '<a href="https://news.example/' in markup
    assert "Al &lt;Jazeera&gt; &amp; Co" in markup
    assert "<Jazeera>" not in markup


@pytest.mark.parametrize(
    ("typed", "present", "absent"),
    [
        ("Witkof", "We are close to a deal", "Hamas hands over"),  # a person, misspelt
        ("Sharm el-Sheikh", "Talks open in Sharm el-Sheikh", "Qatar keeps mediating"),  # a place
        ("hostages", "Hamas hands over a list of hostages", "Talks open"),  # a word
    ],
)
def test_a_filter_narrows_the_digest_to_a_person_a_place_or_a_word(story, typed, present, absent):
    text = plain(_digest(story, typed).markup)
    assert present in text and absent not in text


def test_a_window_with_nothing_new_gets_one_short_line(story):
    digest = _digest(story, since=UNTIL + timedelta(hours=1), until=UNTIL + timedelta(hours=2))
    assert digest.items == 0
    assert plain(digest.markup).count("\n") == 1 and "Nothing new since" in plain(digest.markup)


def test_subscribers_sharing_a_filter_share_one_load(story):
    with session_scope(story) as session:
        composer = DigestComposer(session)
        windows = [(f, SINCE + timedelta(minutes=m), UNTIL) for m in range(0, 120, 10)
                   for f in (None, "Witkoff", "witkoff ", "hostages")]
        composer.prepare(windows)
        digests = [composer.digest(f, s, u, day=DAY, zone=UTC_ZONE) for f, s, u in windows]
    assert composer.loads == 3  # everything, Witkoff (twice spelt), hostages
    assert all(d.items for d in digests)


def test_a_flood_of_new_items_is_capped_and_split_into_messages(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        article = t.article("Wire", SINCE + timedelta(hours=1))
        for n in range(MAX_ITEMS + 15):
            t.event(article, f"Development number {n} " + "with a long description " * 6,
                    kind="announcement", on=date(2025, 10, 6))
    digest = _digest(engine)
    assert digest.items == MAX_ITEMS
    assert len(digest.reply.pages) > 1
    assert all(visible_length(page) <= MESSAGE_LIMIT for page in digest.reply.pages)
    assert "and 15 more" in plain(digest.reply.pages[-1])


def test_the_seed_articles_make_a_digest_whose_every_item_is_dated_and_sourced(seeded_engine):
    now = datetime.now(UTC)
    with session_scope(seeded_engine) as session:
        digest = DigestComposer(session).digest(
            None, now - timedelta(days=1), now, day=now.date(), zone=UTC_ZONE
        )
    assert digest.items > 0
    items = [line for page in digest.reply.pages for line in page.split("\n")
             if line.startswith(("• ", "   ↳ "))]
    assert items
    for line in items:
        assert '<a href="http' in line, line  # every seed article has its link
        assert any(year in plain(line) for year in ("2024", "2025", "2026")), line


def test_a_known_round_whose_status_a_new_report_moves_is_news_once(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        before = t.article("Ynetnews", SINCE - timedelta(hours=5))
        doha = t.event(before, "Talks in Doha", place="Doha", on=date(2025, 10, 4),
                       status="ongoing")
        cairo = t.event(before, "Talks in Cairo", place="Cairo", on=date(2025, 10, 4),
                        status="ongoing")
        fresh = t.article("iAqaba", SINCE + timedelta(hours=3))
        t.report(doha, fresh, status="collapsed")
        t.report(cairo, fresh, status="ongoing")  # the same word again is not news
    digest = _digest(engine)
    text = plain(digest.markup)
    assert digest.items == 1
    assert "Rounds that moved" in text
    assert "Talks in Doha: ongoing → collapsed — iAqaba" in text
    assert "Talks in Cairo" not in text
    assert _digest(engine, since=UNTIL, until=UNTIL + timedelta(days=1)).items == 0


def test_items_are_in_date_order_within_each_section(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        article = t.article("Wire", SINCE + timedelta(hours=1))
        for day in (5, 2, 4, 3):
            t.event(article, f"Announcement of the {day}th", kind="announcement",
                    on=date(2025, 10, day))
            t.event(article, f"Round of the {day}th", place="Cairo", on=date(2025, 10, day))
        for day in (6, 1, 3):
            t.quote(article, "Majed al-Ansari", f"Words of the {day}th", on=date(2025, 10, day))
    text = plain(_digest(engine).markup)
    for kind, days in (("Announcement", (2, 3, 4, 5)), ("Round", (2, 3, 4, 5)),
                       ("Words", (1, 3, 6))):
        places = [text.index(f"{kind} of the {day}th") for day in days]
        assert places == sorted(places), kind


WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def test_a_page_break_never_falls_inside_one_speakers_quotes(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        article = t.article("Wire", SINCE + timedelta(hours=1))
        for speaker in range(8):
            for n in range(6):
                words = f"{WORDS[speaker]} {WORDS[n]} " + "words " * 25
                t.quote(article, f"Speaker {WORDS[speaker].title()}", words,
                        on=date(2025, 10, 6))
    pages = [plain(page) for page in _digest(engine).reply.pages]
    assert len(pages) > 1
    assert all(visible_length(page) <= MESSAGE_LIMIT for page in _digest(engine).reply.pages)
    for speaker in range(8):
        holding = [page for page in pages if f"Speaker {WORDS[speaker].title()}" in page]
        assert len(holding) == 1
        assert all(f"“{WORDS[speaker]} {WORDS[n]} " in holding[0] for n in range(6)), speaker
    for page in pages[1:]:
        assert not page.startswith("•"), page[:80]
