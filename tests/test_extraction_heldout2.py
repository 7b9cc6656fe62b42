"""The stored timeline of a second held-out set against its hand-written gold facts.

The eight articles in tests/articles/heldout2/ were written after the extractor was
tuned on the seeds and the first held-out set: wire copy from the Doha truce talks of
November 2023, a liveblog of Hamas's May 2024 "acceptance", a TV site on the Rome
meeting of July 2024, a regional paper on the first exchange of January 2025, a
think-tank newsletter on the phase-two talks in Cairo, an Arabic outlet's English
edition with its own transliterations, a Hebrew outlet's English edition on indirect
talks in Istanbul, and a piece about Yemen with one paragraph on the Gaza talks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gold.stored import NON_LATIN, Stored, below, ingest_and_score, leaked, texts

HELDOUT2 = Path(__file__).parent / "articles" / "heldout2"
GOLD = Path(__file__).parent / "gold" / "heldout2.json"
MIN_PRECISION = 0.85
MIN_RECALL = 0.8
# Proposals, figures and round status: (precision, recall) floors at the level reached.  Plans named
# only inside quotation marks ("a softened version of the Egyptian proposal") are not
# read, which costs proposals both ways.
SECONDARY_FLOORS = {
    "proposals": (0.75, 0.75),
    "figures": (1.0, 1.0),
    "round status": (0.85, 0.85),
}

# Page furniture of each outlet that no stored sentence may contain.
FURNITURE = [
    "Listen to this article",
    "Reporting by Andrew Callis",
    "Licensing rights",
    "travel cards frequent flyers",
    "Follow us on Facebook",
    "Show key events only",
    "Photo gallery",
    "Sign in to comment",
    "Video Ad Feedback",
    "WATCH: Spy chiefs",
    "contributed reporting",
    "Have your say",
    "Most read",
    "covered Tunbridge Wells",
    "View this email in your browser",
    "About the author",
    "Unsubscribe",
    "Font size",
    "Tags: Hamas",
    "Back to homepage",
    "Photo: Moti Kimchi",
    "Gift this article",
    "Sponsored",
    "national security correspondent",
]

# One line of each list of unrelated items the sites appended after their stories.
APPENDED = [
    "OPEC+",
    "Met Gala",
    "Hurricane season",
    "Pembury Road",
    "Umrah season",
    "Taylor Swift",
]


@pytest.fixture
def stored(engine) -> Stored:
    return ingest_and_score(engine, HELDOUT2, GOLD, articles=8)


def test_heldout2_rounds_people_and_quotes_reach_precision_085_and_recall_080(stored: Stored):
    print("\n" + stored.scores.table())
    floors = dict.fromkeys(("rounds", "people", "quotes"), (MIN_PRECISION, MIN_RECALL))
    assert below(stored, floors) == [], stored.scores.table()


def test_heldout2_proposals_figures_and_round_status_keep_their_floors(stored: Stored):
    assert below(stored, SECONDARY_FLOORS) == [], stored.scores.table()


def test_page_furniture_never_reaches_stored_sentences(stored: Stored):
    assert leaked(stored, FURNITURE) == []
    assert [t for t in texts(stored) if NON_LATIN.search(t)] == []


def test_appended_unrelated_items_are_neither_stored_nor_events(stored: Stored):
    assert leaked(stored, APPENDED) == []
    assert stored.scores.leaks == []
