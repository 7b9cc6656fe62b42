"""What a journalist must get from the five seed articles, after a real ingest.

These read the answers the issue names (/who Witkof, /round Sharm, /round Kairo...).
A failure here may come from extraction rather than from the replies: the
assertion says which fact is missing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from bot.render import plain
from bot.replies.commands import answer, answer_text
from bot.replies.reply import Asker
from bot.timeline.snapshot import timeline_snapshot
from tests.gold.score import load_gold, score

NOW = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
ASKER = Asker(user_id=7, chat_id=7, chat_type="private", now=NOW)


@pytest.fixture(scope="module")
def session(seeded_engine):
    with Session(seeded_engine) as session:
        yield session


def shown(session, command: str, args: str = "") -> str:
    reply = answer(session, command, args, ASKER)
    assert reply.pages
    return "\n".join(plain(p) for p in reply.pages)


def test_help_gives_the_story_the_article_count_and_the_span(session):
    text = shown(session, "help")
    assert "Gaza ceasefire negotiations" in text
    assert "5 articles" in text and "Tue 23 Jan 2024 to Tue 7 Oct 2025" in text
    for example in re.findall(r"(/(?:who|round|quotes|on|search) [^:]+):", text):
        command, _, args = example[1:].partition(" ")
        assert not shown(session, command, args).startswith(("I found no", "Nothing", "No ")), (
            f"the example {example} finds nothing"
        )


def test_who_witkof_gives_his_quote_and_the_ilkha_source(session):
    text = shown(session, "who", "Witkof")
    assert text.startswith("Steve Witkoff")
    assert "completely unacceptable" in text
    assert "ILKHA" in text and "Sun 1 Jun 2025" in text


def test_who_al_nono_is_taher_al_nounou_with_both_spellings(session):
    text = shown(session, "who", "al-Nono")
    assert text.startswith("Taher al-Nounou")
    assert "al-Nono" in text  # listed among the other spellings
    assert "Al Manassa" in text and "iAqaba" in text


def test_who_netanyahu_lowercase(session):
    assert shown(session, "who", "netanyahu").startswith("Benjamin Netanyahu")


def test_round_sharm_has_its_delegations_mediators_and_source(session):
    text = shown(session, "round", "Sharm")
    assert text.startswith("Sharm el-Sheikh · 6–7 Oct 2025")
    assert "Ron Dermer (lead)" in text
    assert "Steve Witkoff" in text and "Jared Kushner" in text
    assert "Ynetnews" in text and "ongoing" in text
    mediators = re.search(r"Mediators: (.*)", text)
    assert mediators, "no mediators recorded for Sharm el-Sheikh (gold: Egypt, United States)"
    # Egypt hosts talks "with mediators"; "the American side and other mediators".
    assert {"Egypt", "United States"} <= set(mediators[1].split(", "))


def test_round_kairo_is_the_cairo_round_led_by_al_hayya(session):
    text = shown(session, "round", "Kairo")
    assert text.startswith("Cairo · Tue 12 Aug 2025")
    assert "Hamas: Khalil al-Hayya (lead)" in text
    assert "Mediators: Egypt" in text
    assert "60-day" in text and "iAqaba" in text


def test_round_doha_collapsed_in_july_known_only_to_the_month(session):
    text = shown(session, "round", "Doha")
    assert text.startswith("Doha · Jul 2025")
    assert "collapsed" in text and "background" in text


def test_latest_leaves_out_what_articles_only_recall(session):
    text = shown(session, "latest")
    assert "Doha" not in text
    assert "Nov 2023" not in text
    first = text.splitlines()[1]
    assert "Tue 7 Oct 2025" in first and "Ynetnews" in first


def test_on_july_2025_shows_the_month_round_as_a_month(session):
    text = shown(session, "on", "July 2025")
    assert "Jul 2025 · Negotiations in Doha" in text
    assert "Israeli intransigence" not in text or "Tue 1 Jul 2025" in text


def test_search_quotes_the_matching_sentence(session):
    reply = answer(session, "search", "withdrawal timelines", ASKER)
    assert "<blockquote>" in reply.pages[0]
    assert "withdrawal timelines" in plain(reply.pages[0])


def test_nothing_from_the_appended_items_is_answerable(session):
    for name in ("Fidan", "Araghchi"):
        assert not shown(session, "who", name).startswith(name)
    assert "BRICS" not in shown(session, "latest", "50")


def test_a_name_typed_without_who_is_answered(session):
    reply = answer_text(session, "Kushner", ASKER)
    assert plain(reply.pages[0]).startswith("Jared Kushner")


def test_the_stored_timeline_scores_against_the_gold_file(session):
    scores = score(timeline_snapshot(session), load_gold())
    print(scores.table())
    assert not scores.failing(0.9), scores.table()


def test_search_finds_what_articles_say_beyond_events_and_quotes(session):
    text = shown(session, "search", "Khan Younis")
    assert "the articles say" in text
    assert "operations in Khan Younis" in text
    assert "Sach Ki Talash" in text


def test_search_lists_events_first_then_other_sentences(session):
    text = shown(session, "search", "Dermer")
    assert text.startswith("Best matches for “Dermer”")
    assert text.count("is expected to arrive in Egypt") <= 1


def test_a_round_in_full_tells_the_cues_it_was_read_from_and_its_confidence(session):
    text = shown(session, "round", "Sharm")
    assert "Read from: place in-city: Sharm el-Sheikh" in text
    assert "Confidence 1.00" in text
