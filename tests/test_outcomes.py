"""Agreements and collapses read from one-line inputs, with hand-made entity marks."""

from __future__ import annotations

from datetime import date

from bot.ingest.events.outcomes import find_outcomes
from tests.gold.lines import describe, passages_of

ENTITIES = {
    "Israel": ("israel", "country"),
    "Hamas": ("hamas", "organisation"),
    "Doha": ("doha", "place"),
    "Sharm el-Sheikh": ("sharm", "place"),
    "Qatar": ("qatar", "country"),
}
THURSDAY = date(2025, 10, 9)


def outcomes(text: str, published: date = THURSDAY):
    return find_outcomes(passages_of(text, ENTITIES, published), published, describe)


def test_the_sides_signing_off_on_a_phase_is_an_agreement_of_the_day_it_names():
    (found,) = outcomes(
        "Israel and Hamas signed off on the first phase of the plan in Sharm el-Sheikh "
        "on Wednesday, mediators said."
    )
    assert (found.kind, found.when.start, found.place_key) == ("agreement", date(2025, 10, 8),
                                                               "sharm")
    assert not found.background and not found.unconfirmed


def test_a_team_recalled_from_a_city_is_a_collapse_there():
    (found,) = outcomes("Israel on Tuesday recalled its negotiating team from Doha.")
    assert (found.kind, found.when.start, found.place_key) == ("collapse", date(2025, 10, 7),
                                                               "doha")


def test_a_truce_that_lapsed_is_dated_by_its_own_clause_not_by_the_aside():
    (found,) = outcomes(
        "The truce, which had opened on October 1, lapsed on Tuesday without an extension."
    )
    assert (found.kind, found.when.start) == ("collapse", date(2025, 10, 7))


def test_hoped_for_negated_and_future_outcomes_did_not_happen():
    assert outcomes(
        "Mediators hope to reach a deal by Friday. No agreement was reached on Monday. "
        "The sides are expected to sign the agreement next week. Hamas accepted the "
        "proposal on Tuesday."
    ) == []


def test_an_undated_outcome_outside_the_lede_is_a_reference_left_out():
    text = (
        "Talks went on in Doha on Thursday with the mediators.\n\n"
        "Officials met again later.\n\nDiplomats spoke of progress.\n\n"
        "Since then the truce collapsed, one of them recalled."
    )
    assert [o.kind for o in outcomes(text)] == []


def test_an_outcome_recalled_from_months_before_is_background():
    (found,) = outcomes("A ceasefire agreed on January 15 held for two months.")
    assert (found.kind, found.when.start, found.background) == ("agreement", date(2025, 1, 15),
                                                                True)


def test_the_closest_point_to_a_deal_is_no_deal():
    assert outcomes("This was the closest point to a deal reached over the past months, "
                    "Qatar said on Thursday.") == []
