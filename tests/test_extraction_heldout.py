"""The stored timeline of eight held-out articles against their hand-written gold facts.

The articles in tests/articles/heldout/ come from outlets, times and people the
extractor was not built on: Paris, Cairo and Doha rounds of 2024, the Doha agreement
of January 2025, its collapse in March 2025, a bilateral visit that is no round, new
Hamas and Egyptian names, other transliterations, and an analysis piece that is all
background.  They go through the real ingest into a real database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.names import name_key
from tests.gold.stored import NON_LATIN, Stored, below, ingest_and_score, leaked, rounds_at, texts

HELDOUT = Path(__file__).parent / "articles" / "heldout"
GOLD = Path(__file__).parent / "gold" / "heldout.json"
MIN_PRECISION = 0.85
MIN_RECALL = 0.8
# Proposals, figures and round status: (precision, recall) floors at the level reached.
# Recalled truces are stored as background proposals and the stored timeline lists them
# among proposals too, which costs proposals two points of precision here.
SECONDARY_FLOORS = {
    "proposals": (0.75, 0.85),
    "figures": (0.9, 0.9),
    "round status": (0.8, 0.8),
}

# Lines of page furniture, one or more per outlet, that no stored sentence may contain.
FURNITURE = [
    "We use cookies to improve your experience",
    "Share on WhatsApp",
    "By Tal Shalev",
    "(Miriam Alster/Flash90)",
    "Read more: Netanyahu presents",
    "Please log in to comment",
    "Burns should have stayed home",
    "Published 7:31 PM GMT+2",
    "Link copied",
    "(AP Photo/Hatem Ali)",
    "Follow AP's coverage",
    "contributed to this report",
    "RELATED COVERAGE",
    "Subscribe to our newsletter",
    "(AA Photo)",
    "Related News",
    "Save articles to read later",
    "list 1 of 4",
    "Source: Al Jazeera and news agencies",
    "Follow us on Telegram",
    "Hamas officials arrive for talks in Cairo, 27 October 2024 (Reuters)",
    "Same faces, same result",
    "Leave a Reply",
    "We and our 842 partners",
    "Photograph: Abdel Kareem Hana/AP",
    "Sign up to First Edition",
    "Privacy Notice",
    "Sign in or create your Gulf Ledger account",
    "I’ll believe it when I see it",
    "Listen to this article",
    "REUTERS/Stringer",
    "Reporting by Nidal al-Mughrabi",
    "The Trust Principles",
    "The views expressed in this article",
    "About the author",
    "Enter your email",
]

# One sentence from each item the sites appended after their stories.
APPENDED = [
    "Bank of Israel kept its benchmark interest rate",
    "Tel Aviv Marathon",
    "Gangs in Haiti attacked",
    "winter storm dumped",
    "İsmail Kartal",
    "annual inflation rose",
    "mpox outbreak",
    "Salome Zourabichvili",
    "Palisades fire",
    "Blackwell Ultra",
    "trade ministers met in Luxembourg",
]


@pytest.fixture
def stored(engine) -> Stored:
    return ingest_and_score(engine, HELDOUT, GOLD, articles=8)


def _round_on(snapshot: dict, place: str, day: str) -> dict:
    found = [r for r in rounds_at(snapshot, place) if r["start"] <= day <= r["end"]]
    assert len(found) == 1, f"{place} on {day}: {found} among {snapshot['rounds']}"
    return found[0]


def _quote(snapshot: dict, source: str, words: str) -> dict:
    found = [q for q in snapshot["quotes"] if q["source"] == source and words in q["text"]]
    assert found, f"no quote with {words!r} in {source}"
    return found[0]


def test_heldout_rounds_people_and_quotes_reach_precision_085_and_recall_080(stored: Stored):
    print("\n" + stored.scores.table())
    floors = dict.fromkeys(("rounds", "people", "quotes"), (MIN_PRECISION, MIN_RECALL))
    assert below(stored, floors) == [], stored.scores.table()


def test_heldout_proposals_figures_and_round_status_keep_their_floors(stored: Stored):
    assert below(stored, SECONDARY_FLOORS) == [], stored.scores.table()


def test_yahya_and_mohammed_sinwar_stay_two_people(stored: Stored):
    sinwars = [p for p in stored.snapshot["people"] if "sinwar" in name_key(p["name"])]
    names = sorted(name_key(p["name"]) for p in sinwars)
    assert names == sorted([name_key("Mohammed Sinwar"), name_key("Yahya Sinwar")])


def test_transliterations_of_one_person_across_outlets_are_one_person(stored: Stored):
    people = stored.snapshot["people"]
    hayya = [p for p in people if "hayy" in p["name"].lower()]
    assert len(hayya) == 1 and {"105", "106", "107"} <= set(hayya[0]["sources"])
    haniyeh = [p for p in people if name_key(p["name"]) == name_key("Ismail Haniyeh")]
    assert len(haniyeh) == 1
    rishq = [p for p in people if name_key(p["name"]).endswith(("rishk", "rashk"))]
    assert [p["name"] for p in rishq] in (["Izzat al-Rishq"], ["Ezzat el-Reshq"])


def test_a_bilateral_visit_and_a_news_conference_are_not_rounds(stored: Stored):
    rounds = stored.snapshot["rounds"]
    assert rounds_at(stored.snapshot, "Istanbul") == []
    assert [r for r in rounds if "103" in r["sources"]] == []
    assert rounds_at(stored.snapshot, "Amman") == []


def test_page_furniture_never_reaches_stored_sentences(stored: Stored):
    assert leaked(stored, FURNITURE) == []
    assert [t for t in texts(stored) if NON_LATIN.search(t)] == []


def test_appended_unrelated_items_are_neither_stored_nor_events(stored: Stored):
    assert leaked(stored, APPENDED) == []
    assert stored.scores.leaks == []


def test_every_article_keeps_its_story(stored: Stored):
    assert sorted(stored.sentences) == [f"10{i}" for i in range(1, 9)]
    assert all(len(kept) >= 6 for kept in stored.sentences.values())


def test_relative_weekdays_resolve_against_each_publication_day(stored: Stored):
    snap = stored.snapshot
    assert _round_on(snap, "Paris", "2024-02-23")["start"] == "2024-02-23"
    cairo = _round_on(snap, "Cairo", "2024-03-05")
    assert (cairo["start"], cairo["end"]) == ("2024-03-03", "2024-03-07")
    assert _round_on(snap, "Cairo", "2024-10-27")["start"] == "2024-10-27"
    assert _round_on(snap, "Doha", "2025-01-15")["status"] == "agreement"
    assert _quote(snap, "101", "if by Ramadan")["said"] == "2024-02-18"
    assert _quote(snap, "102", "hands of Hamas")["said"] == "2024-03-05"
    assert _quote(snap, "107", "totally unacceptable")["said"] == "2025-03-16"


def test_last_week_and_next_week_give_week_long_rounds(stored: Stored):
    snap = stored.snapshot
    collapsed = _round_on(snap, "Doha", "2025-03-12")
    assert collapsed["status"] == "collapsed" and collapsed["end"] <= "2025-03-16"
    # "before the end of next week", said on Friday 16 August 2024.
    scheduled = _round_on(snap, "Cairo", "2024-08-23")
    assert scheduled["status"] == "scheduled" and scheduled["start"] >= "2024-08-17"


def test_background_rounds_of_the_analysis_merge_with_the_reports_of_the_time(stored: Stored):
    snap = stored.snapshot
    assert "108" in _round_on(snap, "Doha", "2024-08-16")["sources"]
    assert "108" in _round_on(snap, "Doha", "2025-01-15")["sources"]
    assert "108" in _round_on(snap, "Cairo", "2024-03-05")["sources"]
