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


def test_a_truce_named_for_its_month_is_not_dated_to_that_month_when_it_ends():
    found = outcomes(
        "Talks resumed after the January truce fell apart. Israel resumed its air and ground "
        "campaign on March 18, ending nearly two months of calm.",
        date(2025, 4, 14),
    )
    assert [(f.kind, f.when.start) for f in found] == [("collapse", date(2025, 3, 18))]
    assert found[0].title.startswith("Collapse: Israel resumed its air and ground campaign")


def test_a_truce_in_force_is_the_deal_made_days_before_not_a_second_one():
    (found,) = outcomes(
        "Israel and Hamas reached a ceasefire deal in Doha on Wednesday, January 15. "
        "The truce took effect on Sunday, January 19.",
        date(2025, 1, 20),
    )
    assert (found.kind, found.when.start) == ("agreement", date(2025, 1, 15))


def test_a_truce_in_force_told_alone_dates_the_agreement():
    (found,) = outcomes(
        "The only pause in the fighting took hold on November 24, 2023 after weeks of "
        "mediation.",
        date(2023, 12, 18),
    )
    assert (found.kind, found.when.start, found.background) == (
        "agreement", date(2023, 11, 24), True)


def test_a_dated_list_item_gives_its_outcome_a_title_without_the_label():
    (found,) = outcomes(
        "- 9 November 2024: Qatar tells both sides it is putting its mediation on hold.",
        date(2024, 12, 20),
    )
    assert (found.kind, found.when.start) == ("collapse", date(2024, 11, 9))
    assert found.title.startswith("Collapse: Qatar tells both sides")


def test_a_comma_inside_a_number_bounds_no_clause():
    from bot.ingest.events.round_status import clause

    text = "some 1,800 prisoners were freed, officials said"
    assert clause(text, text.index("prisoners")) == (0, text.index(", officials"))


def test_a_proposal_for_a_truce_that_reached_a_side_is_no_agreement():
    assert outcomes("A proposal for a 60-day truce reached Hamas on Sunday, officials said.") == []


def test_a_date_that_opens_the_sentence_dates_its_deal_past_an_adverbial():
    (found,) = outcomes(
        "On November 22, after weeks of shuttling by Qatar, Israel and Hamas agreed a "
        "four-day pause, which took effect two days later and was extended twice, by two "
        "days and then by one.",
        date(2024, 3, 1),
    )
    assert (found.kind, found.when.start, found.evidence["of"]) == (
        "agreement", date(2023, 11, 22), "deal")


def test_a_truce_in_force_since_a_month_is_no_agreement_of_its_own():
    assert outcomes("The last truce in Gaza, which took effect in January, collapsed on "
                    "March 18.", date(2025, 7, 24))[0].kind == "collapse"
    assert [f.kind for f in outcomes("The last truce, which took effect in January, was "
                                     "welcomed.", date(2025, 7, 24))] == []


def test_an_agreement_reached_to_extend_the_truce_is_the_truce_extended():
    (found,) = outcomes("An agreement has been reached to extend the humanitarian truce for "
                        "two more days, Qatar said on Monday.", date(2023, 11, 28))
    assert found.title.startswith("Truce extended") and found.evidence["of"] == "truce"


def test_a_pause_stretched_for_another_day_is_the_truce_extended():
    (found,) = outcomes("The pause had been stretched for a seventh day on Thursday, the army "
                        "said.", date(2023, 12, 2))
    assert found.title.startswith("Truce extended") and found.when.start == date(2023, 11, 30)


def test_strikes_that_bring_a_ceasefire_to_an_abrupt_end_end_the_truce():
    (found,) = outcomes("Israel pounded the Gaza Strip with air strikes on Tuesday, bringing a "
                        "two-month ceasefire with Hamas to an abrupt end.", date(2025, 3, 18))
    assert (found.kind, found.evidence["of"], found.when.start) == (
        "collapse", "truce", date(2025, 3, 18))


def test_the_sides_agreed_late_on_a_weekday_to_the_first_stage():
    (found,) = outcomes("Israel and Hamas agreed late on Wednesday to the first stage of the US "
                        "plan, officials said.", date(2025, 10, 9))
    assert (found.kind, found.when.start) == ("agreement", date(2025, 10, 8))


def test_each_extension_of_a_truce_is_dated_by_its_own_clause():
    found = outcomes(
        "It was lengthened by two days on Monday, and then by a further day on Thursday, "
        "minutes before it was due to lapse.",
        date(2023, 12, 2),
    )
    assert sorted((f.kind, f.when.start) for f in found) == [
        ("agreement", date(2023, 11, 27)), ("agreement", date(2023, 11, 30))]


def test_a_pause_that_expired_and_combat_resumed_is_a_collapse():
    (found,) = outcomes(
        "At about 7am yesterday the pause expired. The army said it had resumed combat.",
        date(2023, 12, 2),
    )
    assert (found.kind, found.when.start) == ("collapse", date(2023, 12, 1))


def test_a_team_returned_from_a_city_after_a_dead_end_is_a_collapse_there():
    (found,) = outcomes(
        "Netanyahu decided on Saturday to return the Mossad team from Doha after reaching a "
        "dead end in the negotiations.",
        date(2023, 12, 2),
    )
    assert (found.kind, found.when.start, found.place_key) == ("collapse", date(2023, 12, 2),
                                                               "doha")


def test_fighting_between_the_sides_resumed_is_the_truce_ending():
    (found,) = outcomes("Fighting between Israel and Hamas resumed on Friday.", date(2023, 12, 2))
    assert (found.kind, found.when.start) == ("collapse", date(2023, 12, 1))


def test_talks_that_ended_in_a_ceasefire_ended_no_truce():
    found = outcomes("Erdogan wrote that the talks had ended in a ceasefire on Wednesday.")
    assert all(f.kind != "collapse" for f in found)


def test_sides_that_agreed_to_a_halt_made_a_deal_on_the_day_it_was_announced():
    found = outcomes(
        "Qatar announced on Nov. 22 that the two sides had agreed to a four-day halt. The "
        "pause took effect on Nov. 24.",
        date(2023, 12, 2),
    )
    assert [(f.kind, f.when.start) for f in found] == [("agreement", date(2023, 11, 22))]


def test_a_text_signed_at_a_venue_is_an_agreement_there():
    (found,) = outcomes(
        "The text was signed in Sharm el-Sheikh on Thursday morning, a spokeswoman said.",
        date(2025, 10, 12),
    )
    assert (found.kind, found.when.start, found.place_key) == ("agreement", date(2025, 10, 9),
                                                               "sharm")
