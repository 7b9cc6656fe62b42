"""More shapes met first on unseen articles (heldout29): plans told in the past, a side's
team sent from its own capital, a week of talks, talks named again by "those", titled
names listed, a deal announced after days of talks, an unnamed resort town."""

from __future__ import annotations

from datetime import date

from bot.dates import find_time_expressions
from tests.test_extraction_rules import _extract, _rounds


def _dated(sentence: str, published: date) -> list[date]:
    return [e.start for e in find_time_expressions(sentence, published)]


def test_a_plan_told_in_the_past_tense_names_the_nearer_day():
    assert _dated("Talks on the next stage were meant to start on March 3.",
                  date(2025, 3, 16)) == [date(2025, 3, 3)]
    assert _dated("Talks on the next stage are meant to start on March 3.",
                  date(2025, 3, 16)) == [date(2026, 3, 3)]


def test_what_a_past_event_led_someone_to_do_lies_behind():
    assert _dated("The release led Israel to send a team to Doha on 13 April.",
                  date(2025, 8, 20)) == [date(2025, 4, 13)]


def test_a_team_sent_from_a_sides_capital_goes_to_talks_in_the_city_it_is_sent_to():
    found = _rounds(_extract(
        "JERUSALEM, March 9 (AFP) - Israel will send a negotiating team to the Egyptian "
        "capital on Monday to discuss the Gaza ceasefire, the prime minister's office said "
        "on Sunday.\n\nA US envoy said talks on the next stage had already started and "
        "would go on this week.",
        "2025-03-09",
    ))
    assert found == [("kairu", date(2025, 3, 10), date(2025, 3, 10), "scheduled")]


def test_a_week_of_talks_closed_on_a_day_began_a_week_before():
    found = _rounds(_extract(
        "When Hamas gave the mediators its answer on Monday, it closed a week of talks in "
        "Cairo on the Gaza truce.\n\nIts delegation reached Cairo on 4 August and spent the "
        "following days in meetings with Egyptian officials.",
        "2025-08-13",
    ))
    assert found == [("kairu", date(2025, 8, 4), date(2025, 8, 11), "concluded")]


def test_those_talks_that_broke_down_are_the_round_just_told():
    found = _rounds(_extract(
        "How the Gaza truce talks went.\n\nA new round opened in Doha on 3 April, and the US "
        "envoy flew in the following day. Those talks broke down, and before dawn on 12 "
        "April Israel resumed its air strikes, ending the ceasefire.",
        "2025-05-20",
    ))
    assert ("duha", date(2025, 4, 3), date(2025, 4, 4), "collapsed") in found


def test_an_undated_end_told_next_ends_the_round_before_it_not_the_current_one():
    extraction = _extract(
        "Hamas accepted the mediators' proposal on Monday, closing two days of talks in "
        "Cairo.\n\nIn May, the release led Israel to send a team to Doha on 13 May for "
        "indirect talks. A week later, the Qatari premier said the talks had stalled over "
        "\"fundamental differences\".",
        "2025-08-20",
    )
    (cairo,) = [e for e in extraction.events if e.kind == "round" and e.place_key == "kairu"]
    assert cairo.outcome is None or "fundamental" not in cairo.outcome


def test_four_titled_people_listed_before_met_sit_at_one_table():
    found = _rounds(_extract(
        "How the Gaza truce talks went.\n\nOn 28 January 2024, CIA director William Burns, "
        "Mossad chief David Barnea, Qatar's prime minister and Egypt's then intelligence "
        "chief, Abbas Kamel, met in Paris and drew up a framework.",
        "2025-08-20",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_days_of_talks_before_a_deal_announced_end_on_the_announcement():
    found = _rounds(_extract(
        "How the Gaza truce talks went.\n\nAfter three days of talks in the Qatari capital, "
        "mediators announced on 15 January 2025 that Israel and Hamas had agreed a deal, "
        "and the truce took hold on 19 January.",
        "2025-08-20",
    ))
    assert found == [("duha", date(2025, 1, 13), date(2025, 1, 15), "agreement")]


def test_an_unnamed_resort_town_is_the_one_city_of_its_country_the_report_names():
    found = _rounds(_extract(
        "Israel and Hamas have agreed a truce, reached late on Wednesday after three days "
        "of indirect negotiations in the Egyptian resort town.\n\nThe road to Sharm "
        "el-Sheikh began with a plan unveiled last month.",
        "2025-10-09",
    ))
    assert [r[0] for r in found] == ["sharm al shaikh"]


def test_reports_in_a_countrys_press_place_no_talks_in_its_city():
    extraction = _extract(
        "The Paris talks went well, the White House said in Washington on Monday.\n\n"
        "According to reports in the US press before the meeting, the framework would "
        "unfold in stages.",
        "2024-01-29",
    )
    assert all(e.place_key != "washingtun" or e.unconfirmed
               for e in extraction.events if e.kind == "round")


def test_a_truce_named_with_its_time_was_agreed():
    extraction = _extract(
        "How the Gaza truce talks went.\n\nThe only truce of the war's first year was agreed "
        "on 22 November 2023.",
        "2025-08-20",
    )
    assert [(e.kind, e.when.start) for e in extraction.events if e.kind == "agreement"] == [
        ("agreement", date(2023, 11, 22))]


def test_talks_that_were_supposed_to_start_on_a_day_are_no_round_on_it():
    found = _rounds(_extract(
        "Gaza truce talks update.\n\nUnder the deal announced in Doha, talks on the second "
        "phase were supposed to start in Doha on 3 February, the sixteenth day of the truce.",
        "2025-02-16",
    ))
    assert found == []


def test_the_city_a_statement_was_given_in_dates_and_places_no_talks():
    extraction = _extract(
        "The Paris talks were constructive, the White House said in Washington on Monday.",
        "2024-01-29",
    )
    rounds = [e for e in extraction.events if e.kind == "round" and not e.unconfirmed]
    assert all(e.place_key != "washingtun" and e.when.start != date(2024, 1, 29)
               for e in rounds)


def test_a_team_that_went_to_go_over_details_with_the_mediators_met_them_there():
    extraction = _extract(
        "Gaza truce talks update.\n\nEarlier this month, an Israeli team travelled to Doha "
        "to go over technical details with the Qatari mediators.",
        "2025-02-16",
    )
    (doha,) = [e for e in extraction.events if e.kind == "round"]
    assert (doha.place_key, doha.unconfirmed) == ("duha", False)


def test_meetings_at_a_leaders_seat_are_a_visit_not_a_round():
    found = _rounds(_extract(
        "Gaza hostage talks update.\n\nQatar's prime minister is expected in Washington in "
        "the coming days for meetings at the White House.",
        "2024-02-02",
    ))
    assert found == []


def test_a_headline_with_talks_in_a_country_and_a_next_city_gives_no_single_venue():
    found = _rounds(_extract(
        "DOHA, Aug 16 (Reuters) - Two days of talks in the Qatari capital ended on Friday, "
        "with mediators saying they would meet again in Cairo within days.\n\nIn a joint "
        "statement, the mediators said the discussions, which began on Thursday, had been "
        "serious.",
        "2024-08-16",
        title="Gaza talks in Qatar end with new proposal; mediators to meet again in Cairo",
    ))
    assert ("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found
    assert all(not (place == "kairu" and start == date(2024, 8, 15))
               for place, start, *_ in found)


def test_the_same_group_that_met_again_is_a_round():
    found = _rounds(_extract(
        "How the Gaza talks went.\n\nOn March 2 in Paris the four spy chiefs drew up a "
        "framework. The same group met again in Cairo on March 20, without a breakthrough.",
        "2024-11-12",
    ))
    assert ("kairu", date(2024, 3, 20), date(2024, 3, 20), "concluded") in found


def test_a_deal_announced_by_its_demonstrative_is_an_agreement():
    extraction = _extract(
        "Gaza truce extended.\n\nThe first pause came after weeks of indirect bargaining. "
        "Qatar announced that deal in Doha last Wednesday, and the guns fell silent on "
        "Friday morning.",
        "2023-11-27",
    )
    assert [(e.kind, e.when.start) for e in extraction.events if e.kind == "agreement"] == [
        ("agreement", date(2023, 11, 22))]


def test_that_month_in_a_new_paragraph_is_the_month_the_last_one_told():
    extraction = _extract(
        "Gaza talks analysis.\n\nDelegations spent three days in Cairo, from May 7 to May 9, "
        "before the talks ended without a deal.\n\nAt the end of that month the US "
        "president went public with a three-phase plan.",
        "2024-07-30",
    )
    plans = [e for e in extraction.events if e.kind == "proposal"]
    assert [(p.when.start, p.when.end) for p in plans] == [(date(2024, 5, 1), date(2024, 5, 31))]


def test_a_leader_hosting_envoys_at_his_palace_is_a_visit():
    found = _rounds(_extract(
        "Gaza truce update.\n\nOn Thursday the Egyptian president hosted Steve Witkoff and "
        "Jared Kushner at Ittihadiya Palace in Cairo to discuss the deal.",
        "2025-10-09",
    ))
    assert found == []


def test_a_team_that_left_the_day_before_a_white_house_meeting_still_went_to_talks():
    found = _rounds(_extract(
        "Gaza truce update.\n\nThe Israeli delegation left for Doha on July 6 for talks "
        "with the mediators, the day before Netanyahu met Trump at the White House.",
        "2025-07-25",
    ))
    assert [r[0] for r in found] == ["duha"]


def test_one_person_who_met_a_prime_minister_in_a_city_not_known_for_sure_held_no_round():
    found = _rounds(_extract(
        "Gaza truce update.\n\nBarnea had met the Qatari prime minister in Europe in "
        "mid-December, in a session variously reported as held in Oslo or in Paris.",
        "2024-01-29",
    ))
    assert found == []


def test_a_recall_the_lede_tells_ends_the_last_round_before_it():
    found = _rounds(_extract(
        "Israel said on Saturday it had called its negotiators home from Qatar, saying the "
        "talks had reached a dead end.\n\nA small team of intelligence officials had stayed "
        "on in the Qatari capital on Friday and Saturday, sounding out the mediators, a "
        "source close to the discussions said.\n\n"
        "On Tuesday, the spy chiefs had met the Qatari and Egyptian mediators in Doha.",
        "2023-12-02",
    ))
    assert ("duha", date(2023, 12, 1), date(2023, 12, 2), "collapsed") in found


def test_an_extension_agreed_with_an_aside_before_it_is_an_agreement():
    extraction = _extract(
        "Gaza truce update.\n\nOn Thursday the two sides agreed, only minutes before the "
        "deadline, to add a seventh day to the pause.",
        "2023-12-02",
    )
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2023, 11, 30)]


def test_an_arrangement_the_sides_agreed_is_a_deal():
    extraction = _extract(
        "Gaza ceasefire explainer.\n\nLate on Wednesday, the Qatari prime minister told a "
        "news conference in Doha that the two sides had agreed a three-stage arrangement.",
        "2025-01-16",
    )
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2025, 1, 15)]


def test_talks_left_in_a_city_to_pause_the_war_on_a_day_were_left_that_past_day():
    assert _dated("An Israeli delegation left talks in Cairo to pause the war on Tuesday.",
                  date(2024, 2, 14)) == [date(2024, 2, 13)]
    assert _dated("Israel will send a team to Cairo to discuss the deal on Tuesday.",
                  date(2024, 2, 14)) == [date(2024, 2, 20)]


def test_negotiators_recalled_from_a_city_place_the_collapse_there():
    extraction = _extract("Israel has recalled its negotiators from Doha, an official said "
                          "on Tuesday.", "2024-03-26")
    (recall,) = [e for e in extraction.events if e.kind == "collapse"]
    assert (recall.place_key, recall.when.start) == ("duha", date(2024, 3, 26))


def test_talks_that_lasted_two_days_ended_and_a_later_arrival_opens_another_round():
    found = _rounds(_extract(
        "A Hamas delegation arrived in Cairo on Saturday, August 24, for talks.\n\nThe US "
        "and Israeli teams began new negotiations in Cairo on Thursday, which lasted for two "
        "days, sources said.",
        "2024-08-24",
    ))
    assert ("kairu", date(2024, 8, 22), date(2024, 8, 23), "concluded") in found
    assert [r for r in found if r[1] == date(2024, 8, 24)]


def test_the_points_under_a_one_sentence_standfirst_open_the_report():
    extraction = _extract(
        "Ceasefire breakthrough announced on the third day of talks in Sharm el-Sheikh.\n\n"
        "- Trump announced the breakthrough, saying Israel and Hamas have agreed on the first "
        "phase of a ceasefire deal.",
        "2025-10-09",
    )
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2025, 10, 9)]


def test_one_mans_claim_that_the_sides_agreed_is_no_agreement():
    extraction = _extract(
        "Gaza talks update.\n\nTrump said on Monday that his plan was moving fast, claiming "
        "that both Hamas and Israel have agreed to its first phase.",
        "2025-10-07",
    )
    assert [e for e in extraction.events if e.kind == "agreement"] == []


def test_a_meeting_that_should_take_place_is_planned():
    found = _rounds(_extract(
        "Gaza hostage talks update.\n\nThe meeting in Paris should take place on Friday "
        "afternoon, officials said.",
        "2024-02-21",
    ))
    assert found == [("paris", date(2024, 2, 23), date(2024, 2, 23), "scheduled")]


def test_an_undated_telling_of_the_news_is_the_outcome_the_report_dated_days_before():
    extraction = _extract(
        "For almost three weeks, negotiators in the Qatari capital worked on a truce. The "
        "effort came to an abrupt halt on Thursday. Israel recalled its negotiating team from "
        "Doha hours after receiving the reply.",
        "2025-07-26",
    )
    assert [e.when.start for e in extraction.events if e.kind == "collapse"] == [
        date(2025, 7, 24)]


def test_a_delegation_that_departed_a_city_following_talks_there_ended_a_round():
    extraction = _extract(
        "A senior Hamas delegation departed Cairo late Saturday following talks with Egyptian "
        "officials aimed at brokering a ceasefire agreement.",
        "2025-04-26",
    )
    (cairo,) = [e for e in extraction.events if e.kind == "round"]
    assert (cairo.place_key, cairo.when.start, cairo.status, cairo.unconfirmed) == (
        "kairu", date(2025, 4, 26), "concluded", False)


def test_a_chronology_of_day_city_labels_gives_each_item_its_round():
    found = _rounds(_extract(
        "How the Gaza talks went.\n\n"
        "4 March 2024, Paris: William Burns, David Barnea and Abbas Kamel draw up a "
        "framework.\n\n"
        "19 March 2024, Cairo: the same group meets again; the Israeli team flies home that "
        "evening.\n\n"
        "2 April 2024, Cairo: an Israeli team holds talks with Egyptian officials.",
        "2024-06-01",
    ))
    assert ("paris", date(2024, 3, 4), date(2024, 3, 4), "concluded") in found
    assert ("kairu", date(2024, 3, 19), date(2024, 3, 19), "concluded") in found
    assert ("kairu", date(2024, 4, 2), date(2024, 4, 2), "concluded") in found


def test_days_of_talks_that_produce_a_deal_end_in_agreement_on_their_last_day():
    extraction = _extract(
        "How the Gaza talks went.\n\n12-15 January 2025, Doha: four days of intensive talks "
        "produce the three-phase ceasefire deal.",
        "2025-03-08",
    )
    assert _rounds(extraction) == [("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement")]
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2025, 1, 15)]


def test_talks_that_failed_to_produce_an_agreement_made_none():
    extraction = _extract(
        "Negotiators from Hamas flew out of Cairo on Thursday after a four-day round of "
        "indirect talks failed to produce an agreement.",
        "2024-03-08",
    )
    assert [e for e in extraction.events if e.kind == "agreement"] == []


def test_a_team_ordered_home_in_a_chronologys_present_is_a_recall():
    extraction = _extract(
        "How the Gaza talks went.\n\n2 December 2023, Doha: a Mossad team that had spent "
        "the day in talks with Qatari mediators in the city is ordered home.",
        "2024-06-01",
    )
    assert _rounds(extraction) == [("duha", date(2023, 12, 2), date(2023, 12, 2), "collapsed")]


def test_a_meeting_asked_about_at_a_press_conference_is_not_of_its_day():
    extraction = _extract(
        "The spy chiefs met in Warsaw on Monday, officials said.\n\nSpeaking at a press "
        "conference on Saturday night, the prime minister sidestepped a question about the "
        "Oslo meeting.",
        "2023-12-18",
    )
    stated = [e for e in extraction.events if e.kind == "round" and not e.unconfirmed]
    assert [e.place_key for e in stated] == ["warsaw"]


def test_intelligence_officers_who_spent_days_in_a_city_with_mediators_held_a_round():
    found = _rounds(_extract(
        "Gaza truce update.\n\nThe Israeli intelligence officers had spent Friday and "
        "Saturday in the Qatari capital with Qatari mediators, a source said.",
        "2023-12-02",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("duha", date(2023, 12, 1), date(2023, 12, 2))]


def test_a_list_items_talks_are_at_the_place_of_its_label():
    found = _rounds(_extract(
        "How the Gaza talks went.\n\nMarch 4, Paris. After a cabinet vote the previous "
        "evening, Barnea and Bar flew back to the French capital for a second meeting with "
        "Burns and Kamel.",
        "2024-08-20",
    ))
    assert [(r[0], r[1]) for r in found] == [("paris", date(2024, 3, 4))]


def test_a_deal_with_words_between_it_and_was_announced_is_an_agreement():
    extraction = _extract(
        "Gaza talks analysis.\n\nThe war's only hostage deal so far was announced in Doha on "
        "November 22. On November 27, the mediators secured a two-day extension on the same "
        "terms.",
        "2024-08-20",
    )
    assert sorted(e.when.start for e in extraction.events if e.kind == "agreement") == [
        date(2023, 11, 22), date(2023, 11, 27)]


def test_a_dated_list_item_keeps_its_day_over_a_day_told_after_a_semicolon():
    found = _rounds(_extract(
        "How the Gaza talks went.\n\nKey dates:\n\n- 28 January 2024: Spy chiefs met in "
        "Paris and drew up a framework.\n\n- 15 January 2025: After talks in Doha, mediators "
        "announced a three-phase deal; the ceasefire began on 19 January.",
        "2025-10-10",
    ))
    assert ("duha", date(2025, 1, 15), date(2025, 1, 15), "agreement") in found


def test_negotiators_who_arrived_and_spent_two_days_held_a_round_of_those_days():
    found = _rounds(_extract(
        "Gaza truce talks.\n\nThis week's round followed an earlier visit by Hamas "
        "negotiators who arrived in Cairo on Saturday, May 4, and spent two days with "
        "Egyptian and Qatari officials.",
        "2024-05-10",
    ))
    assert ("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded") in found


def test_news_on_the_third_day_of_talks_dates_their_opening_two_days_before():
    found = _rounds(_extract(
        "Ceasefire breakthrough announced on the third day of talks in Sharm el-Sheikh.\n\n"
        "- Trump announced the breakthrough, saying Israel and Hamas have agreed on the first "
        "phase of a ceasefire deal.",
        "2025-10-09",
    ))
    assert found == [("sharm al shaikh", date(2025, 10, 7), date(2025, 10, 9), "agreement")]
