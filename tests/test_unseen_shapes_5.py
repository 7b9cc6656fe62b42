"""Shapes met first on unseen articles in the eighth session (heldout55-59 and a seventh
set of real pages): a proposal's terms, meetings told by who sat with whom, preparatory
meetings, agency datelines, live pages' kickers, ends told before beginnings."""

from __future__ import annotations

from datetime import date

from bot.ingest.document.clean import clean_article
from bot.ingest.document.dateline import split_dateline
from tests.test_extraction_rules import _extract, _rounds
from tests.test_unseen_shapes_4 import _outcomes, _stored_rounds


def test_a_proposals_terms_keep_their_days():
    found = _rounds(_extract(
        "Envoys met in Doha on Sunday. Hours before the Doha meeting, Egypt's president "
        "floated a short truce under which four captives would be exchanged, with talks on a "
        "lasting ceasefire to begin within ten days.",
        "2024-10-28",
    ))
    assert found == [("duha", date(2024, 10, 27), date(2024, 10, 27), "concluded")]


def test_one_who_meets_a_side_and_a_mediator_sits_at_a_table():
    found = _rounds(_extract(
        "According to officials quoted by two news sites, the CIA chief also met Mossad "
        "director David Barnea, who runs Israel's hostage negotiations, and Qatar's Prime "
        "Minister Sheikh Mohammed bin Abdulrahman Al Thani in the Polish capital on Monday.",
        "2023-12-19",
    ))
    assert found == [("warsaw", date(2023, 12, 18), date(2023, 12, 18), "concluded")]
    # One side's own people, met by a visitor, are a visit.
    assert _rounds(_extract(
        "Blinken met Prime Minister Benjamin Netanyahu and Defence Minister Yoav Gallant in "
        "Tel Aviv on Monday.", "2024-06-11")) == []


def test_sitting_down_with_two_of_three_countries_in_a_list():
    found = _rounds(_extract(
        "The diplomacy goes on. CIA Director William Burns was expected in Doha on Tuesday "
        "to sit down with Qatar's prime minister, Sheikh Mohammed bin Abdulrahman Al Thani, "
        "and with Mossad director David Barnea, who leads Israel's side in the talks.",
        "2023-11-27",
    ))
    assert found == [("duha", date(2023, 11, 28), date(2023, 11, 28), "scheduled")]


def test_a_mediator_across_the_table_from_hamas_is_a_session():
    found = _rounds(_extract(
        "On Monday evening the Qatari prime minister, Sheikh Mohammed bin Abdulrahman Al "
        "Thani, sat across a table in Doha from Khalil al-Hayya, who heads Hamas's "
        "negotiating team. The session broke up late.",
        "2025-09-12",
    ))
    assert found == [("duha", date(2025, 9, 8), date(2025, 9, 8), "concluded")]


def test_a_sides_negotiator_gone_to_the_mediators():
    found = _rounds(_extract(
        "Timeline\n\n- 18 March: Barnea travels to Doha for a fresh push with the Qatari "
        "prime minister and Egyptian officials.",
        "2024-04-02",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2024, 3, 18))]


def test_the_group_meets_again():
    found = _rounds(_extract(
        "Ten days later, on Friday 23 February, the group reconvened in Paris. Later still "
        "the same quartet meets again in Cairo on 3 March.",
        "2024-03-20",
    ))
    assert ("paris", date(2024, 2, 23), date(2024, 2, 23), "concluded") in found


def test_officials_to_meet_again_are_a_round_to_come():
    found = _rounds(_extract(
        "Two days of talks in Doha wound up yesterday, with a promise that senior officials "
        "would gather again in Cairo before the end of next week. Diplomats said a second "
        "inconclusive round would be hard to explain.",
        "2024-08-17",
    ))
    assert ("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found
    assert ("kairu", date(2024, 8, 19), date(2024, 8, 25), "scheduled") in found


def test_preparatory_meetings_are_not_the_summit():
    found = _rounds(_extract(
        "High-level negotiations hosted by Cairo ended late on Sunday without a deal, "
        "Egyptian sources said.\n\nThe summit followed preparatory meetings in Cairo last "
        "week. On Thursday, the Israeli team held talks with Egyptian officials, before "
        "flying back to Israel the same evening.",
        "2024-08-26",
    ))
    assert ("kairu", date(2024, 8, 25), date(2024, 8, 25), "concluded") in found
    assert ("kairu", date(2024, 8, 22), date(2024, 8, 22), "concluded") in found


def test_an_agreement_that_capped_days_of_talks_ends_them():
    extraction = _extract(
        "Qatar's prime minister announced on Wednesday night that the joint mediation of "
        "Qatar, Egypt and the United States had produced an agreement between Israel and "
        "Hamas.\n\nThe agreement capped four days of indirect negotiations in Doha that "
        "intensified after an Israeli delegation arrived on Sunday.",
        "2025-01-16",
    )
    assert _rounds(extraction) == [
        ("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement")]
    assert ("agreement", date(2025, 1, 15)) in _outcomes(extraction)


def test_signed_off_in_quotes_is_a_deal_that_ends_the_one_round():
    extraction = _extract(
        "When the first delegations reached Sharm el-Sheikh on Monday, few expected a quick "
        "result. By late on Wednesday, the US president was announcing that Israel and "
        "Hamas had \"signed off\" on the first phase of his plan.",
        "2025-10-10",
    )
    assert ("agreement", date(2025, 10, 8)) in _outcomes(extraction)
    assert [r[1:] for r in _rounds(extraction)] == [
        (date(2025, 10, 6), date(2025, 10, 8), "agreement")]


def test_three_weeks_of_talks_that_ended_are_one_round():
    found = _rounds(_extract(
        "Then, nearly three weeks of proximity talks in Doha ended on July 24 when the "
        "United States and Israel called their teams home.",
        "2025-10-10",
    ))
    assert [(r[0], r[2], r[3]) for r in found] == [("duha", date(2025, 7, 24), "collapsed")]


def test_a_comma_list_of_places_that_runs_into_a_subject_is_no_list_of_venues():
    found = _rounds(_extract(
        "In July, after nearly three weeks of proximity talks in the Qatari capital, "
        "Washington and Israel pulled their teams out of Doha on July 24.",
        "2025-10-07",
    ))
    assert {r[0] for r in found} == {"duha"}


def test_a_headline_outcome_takes_the_ledes_day():
    extraction = _extract(
        "Talks in the Qatari capital were left in limbo yesterday after both Israel and the "
        "United States withdrew their teams.\n\nThe negotiators had been in Doha for "
        "close to three weeks.",
        "2025-07-25",
        title="Washington and Jerusalem call Doha negotiators home",
    )
    assert ("collapse", date(2025, 7, 24)) in _outcomes(extraction)


def test_a_denied_visit_is_no_round():
    found = _rounds(_extract(
        "A Qatari official denied that any Israeli delegation had been in Doha this week, "
        "saying all contacts went through Cairo.",
        "2024-05-10",
    ))
    assert found == []


def test_meetings_with_another_countrys_leaders_are_a_visit():
    found = _rounds(_extract(
        "Hamas political leader Ismail Haniyeh arrived in Tehran yesterday for meetings with "
        "Iranian leaders, his group said.",
        "2024-03-27",
    ))
    assert found == []


def test_part_of_a_team_recalled_from_a_city_where_talks_ran_since_a_day():
    extraction = _extract(
        "Israel yesterday called most of its negotiating team back from Doha, where indirect "
        "talks had been under way since March 18.",
        "2024-03-27",
    )
    assert _rounds(extraction) == [("duha", date(2024, 3, 18), date(2024, 3, 26), "collapsed")]
    assert ("collapse", date(2024, 3, 26)) in _outcomes(
        _extract("Timeline\n\n- 26 March: Israel withdraws most of its negotiating team.",
                 "2024-04-02"))


def test_a_team_back_home_for_consultations_is_not_at_the_talks():
    found = _rounds(_extract(
        "At the start of the month, Hamas sent a delegation to Cairo on Sunday 3 March for "
        "talks with Egyptian and Qatari mediators. The round ended four days later with no "
        "deal and the Hamas team returned to Qatar for consultations.",
        "2024-03-19",
    ))
    assert found == [("kairu", date(2024, 3, 3), date(2024, 3, 7), "concluded")]


def test_previous_rounds_summed_up_are_no_round():
    found = _rounds(_extract(
        "Hamas's negotiators are in Doha too, but as in previous rounds the two sides are "
        "not in the same room.",
        "2024-03-19",
    ))
    assert all(r[1] == date(2024, 3, 19) for r in found)


def test_a_sides_cabinet_meeting_is_no_round():
    found = _rounds(_extract(
        "Instructions for the second stage will follow a meeting of the security cabinet, "
        "set for Monday evening in Jerusalem.",
        "2025-02-17",
    ))
    assert found == []


def test_a_resumed_round_after_last_weeks_meetings_is_its_own():
    found = _rounds(_extract(
        "The US envoy defended the meetings he held with Hamas officials in Doha last week. "
        "Hamas said several meetings had taken place in the Qatari capital.\n\nAn Israeli "
        "delegation landed in Doha on Monday to resume indirect talks through the mediators.",
        "2025-03-10",
    ))
    assert ("duha", date(2025, 3, 10), date(2025, 3, 10), "ongoing") in found
    assert any(r[2] == date(2025, 3, 9) and r[3] == "concluded" for r in found)


def test_a_team_that_departed_told_before_it_landed():
    found = _rounds(_extract(
        "The Hamas delegation that flew to Cairo this weekend has left the Egyptian capital. "
        "A senior official said on Sunday night that the team had departed that evening "
        "after sessions with the mediators.\n\nThe delegation had landed in Cairo on "
        "Saturday.",
        "2024-08-26",
    ))
    assert found == [("kairu", date(2024, 8, 24), date(2024, 8, 25), "concluded")]


def test_a_summit_of_three_countries_negotiators_that_lasted_since_last_night():
    found = _rounds(_extract(
        "The Doha summit concluded this afternoon after intense discussions that lasted "
        "since last night, with the participation of Mossad chief David Barnea, CIA "
        "director Bill Burns, and Qatari Prime Minister Mohammed Al Thani.",
        "2024-10-28",
    ))
    assert found == [("duha", date(2024, 10, 27), date(2024, 10, 28), "concluded")]
    # A summit of leaders stays no round.
    assert _rounds(_extract(
        "Arab and Muslim leaders are due to gather in Doha on Monday for an emergency "
        "summit.", "2025-09-12")) == []


def test_a_two_day_round_to_come_runs_its_days():
    found = _rounds(_extract(
        "A senior Israeli team was set to leave for renewed talks in Doha, which are slated "
        "to start on Thursday. As of Wednesday night it remained unclear whether Hamas "
        "would take part in the two-day talks.",
        "2024-08-14",
    ))
    assert found == [("duha", date(2024, 8, 15), date(2024, 8, 16), "scheduled")]


def test_a_teams_stay_extended_is_no_deal():
    extraction = _extract(
        "On Monday evening, Netanyahu had agreed to extend the delegation's stay in Doha by "
        "another day to give the negotiations more time.",
        "2025-05-20",
    )
    assert all(kind != "agreement" for kind, _ in _outcomes(extraction))


def test_agency_desk_datelines():
    assert split_dateline("Shillong, May 10: The delegations of Hamas and Israel left "
                          "Egypt after the talks hit an impasse.")[0].city == "Shillong"
    assert split_dateline("Tuesday, May 10: talks reopened in Cairo after a long "
                          "pause.")[0] is None
    found = _rounds(_extract(
        "Shillong, May 10: The delegations of Hamas, Israel, Qatar and the US left Egypt "
        "after talks for a truce in the Gaza Strip hit an impasse, the media reported.\n\n"
        "The delegations arrived in Cairo on Tuesday.",
        "2024-05-10",
    ))
    assert {r[0] for r in found} == {"kairu"}


def test_page_kickers_are_not_titles():
    cleaned = clean_article(
        "LIVEBLOG - August 16, 2024\nDay 315 of the war\n\nMediators put a bridging "
        "proposal as the Doha round wraps up\n\nThe talks ended on Friday in Doha with a "
        "proposal put to both sides by the mediators.")
    assert cleaned.title.startswith("Mediators put a bridging proposal")
    cleaned = clean_article(
        "World · Middle East · Analysis\n\nThree days at the Red Sea: how the deal got to "
        "yes\n\nWhen the first delegations reached the resort on Monday few expected a "
        "quick result from the talks.")
    assert cleaned.title.startswith("Three days at the Red Sea")


def test_a_recollection_and_the_news_stay_two_rounds_in_the_store(engine):
    rounds = _stored_rounds(engine, (
        "prep.txt", "2024-08-26T12:00:00+00:00",
        "High-level negotiations hosted by Cairo ended late on Sunday without a deal.\n\n"
        "The summit followed preparatory meetings in Cairo last week. On Thursday, the "
        "Israeli team held talks with Egyptian officials, before flying back to Israel the "
        "same evening.",
    ))
    days = sorted((r["start"], r["end"]) for r in rounds if r["place"] == "Cairo")
    assert days == [("2024-08-22", "2024-08-22"), ("2024-08-25", "2024-08-25")]


def test_a_chronologys_present_is_a_meeting_held():
    found = _rounds(_extract(
        "The main moments since the first truce:\n\n- Jul 28 - Burns, Barnea, Sheikh Mohammed "
        "and Kamel meet in Rome.",
        "2024-07-29",
    ))
    assert found == [("ruma", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_a_list_items_own_day_after_a_semicolon():
    found = _rounds(_extract(
        "Key dates\n\n- Jul 10 - Burns and Barnea hold talks in Doha with the Qatari prime "
        "minister; negotiations shift to Cairo the next day, where an Israeli team meets "
        "Egyptian officials.",
        "2024-07-29",
    ))
    assert ("kairu", date(2024, 7, 11), date(2024, 7, 11), "concluded") in found


def test_an_explainers_question_heading_places_its_answer():
    found = _rounds(_extract(
        "Gaza ceasefire: what we know about the push for phase two\n\n"
        "Two meetings have put the second phase back on the agenda.\n\nWhat happened in "
        "Miami?\n\nOn Friday, the US envoy hosted senior officials from Qatar, Egypt and "
        "Turkey.\n\nAnd in Istanbul?\n\nOn Saturday, Turkey's intelligence chief Ibrahim "
        "Kalin met a Hamas delegation headed by Khalil al-Hayya.",
        "2025-12-21",
    ))
    assert ("miami", date(2025, 12, 19), date(2025, 12, 19), "concluded") in found
    assert ("istanbul", date(2025, 12, 20), date(2025, 12, 20), "concluded") in found


def test_a_president_receiving_a_hamas_leader_is_an_audience():
    found = _rounds(_extract(
        "Turkish President Recep Tayyip Erdogan received Hamas political chief Ismail "
        "Haniyeh in Istanbul on Saturday, his office said.",
        "2024-04-21",
    ))
    assert found == []


def test_a_nth_weekday_of_the_month_named_before():
    found = _rounds(_extract(
        "July began with optimism. On the first Friday of the month Barnea flew to Doha for "
        "an initial meeting with the mediators.",
        "2024-07-30",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2024, 7, 5))]


def test_crowds_gathering_are_no_meeting():
    found = _rounds(_extract(
        "Scenes of joy in Khan Younis this morning, with crowds gathering in the streets "
        "after the overnight news.",
        "2025-10-09",
    ))
    assert found == []


def test_the_remaining_members_recalled_end_a_round_that_kicked_off_last_week():
    found = _rounds(_extract(
        "Netanyahu has ordered the remaining members of Israel's negotiating team in Qatar to "
        "come home, an official said Thursday.\n\nHamas said the team left in Doha had no "
        "authority to close a deal.\n\nThe indirect talks, mediated by Qatar and Egypt, "
        "kicked off in the Qatari capital on Wednesday of last week.",
        "2025-05-22",
    ))
    assert found == [("duha", date(2025, 5, 14), date(2025, 5, 22), "collapsed")]


def test_a_round_named_as_a_landmark_takes_no_day():
    found = _rounds(_extract(
        "Before the Doha round, the last sustained negotiations had ended with the collapse "
        "of the January ceasefire on March 18.",
        "2025-05-22",
    ))
    assert found == []


def test_talks_on_how_to_begin_a_phase_were_held():
    found = _rounds(_extract(
        "A Hamas delegation held talks in Cairo on Friday with Egyptian officials on how to "
        "keep the truce going and begin phase two.",
        "2025-03-12",
    ))
    assert found == [("kairu", date(2025, 3, 7), date(2025, 3, 7), "concluded")]


def test_a_leader_in_a_city_meeting_an_envoy_is_a_visit():
    found = _rounds(_extract(
        "The talks were postponed. That day Netanyahu was in Washington meeting Witkoff.",
        "2025-03-12",
    ))
    assert found == []


def test_supposed_failure_is_no_round_but_a_rhetorical_if_is_told():
    assert _rounds(_extract(
        "If the Doha talks fail, there is nothing in the January text to stop a return to "
        "war.", "2025-03-12")) == []
    found = _rounds(_extract(
        "Four men met in Rome on Sunday. If the Rome session felt like a rerun, that is "
        "because it was one.", "2024-07-30"))
    assert [(r[0], r[1]) for r in found] == [("ruma", date(2024, 7, 28))]


def test_a_cookie_notice_is_no_title():
    cleaned = clean_article(
        "Cookies help us deliver our services. Read our cookie notice. [OK]\n\nGaza "
        "ceasefire: why phase two never started\n\nNegotiators are back in Qatar this week "
        "trying to rescue a ceasefire in limbo.")
    assert cleaned.title == "Gaza ceasefire: why phase two never started"


def test_talks_held_on_a_trip_the_sentence_before_names():
    found = _rounds(_extract(
        "This week's meetings are the second Israeli trip to Cairo this month. On Monday 17 "
        "February, an Israeli negotiating team held talks with Egyptian officials on keeping "
        "the first stage on track.",
        "2025-02-28",
    ))
    assert [(r[0], r[1]) for r in found] == [("kairu", date(2025, 2, 17))]
    # Previous rounds told with their month are rounds, not a summary.
    found = _rounds(_extract(
        "Previous rounds in Doha and Cairo in January ended without agreement.", "2025-03-06"))
    assert {r[0] for r in found} == {"duha", "kairu"}


def test_three_mediators_at_one_table_meet():
    found = _rounds(_extract(
        "ISTANBUL, 26 November 2025\n\nTurkey's intelligence chief Ibrahim Kalin met Egypt's "
        "intelligence head Hassan Rashad and Qatari Prime Minister Sheikh Mohammed bin "
        "Abdulrahman Al Thani in Cairo on Tuesday to discuss the second phase, sources said.",
        "2025-11-26",
    ))
    assert found == [("kairu", date(2025, 11, 25), date(2025, 11, 25), "concluded")]


def test_an_opening_told_past_is_of_the_round_held_not_of_one_planned():
    found = _rounds(_extract(
        "The talks in Doha had been serious and constructive, the mediators said.\n\nThe "
        "movement had said before the round opened on Thursday that it would not take "
        "part. The Israeli team flew home on Friday night. Senior officials, they said, will "
        "reconvene in Cairo in the coming week.\n\nThe families' forum said it expected the "
        "government to send a delegation to Cairo.",
        "2024-08-18",
    ))
    assert ("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found
    assert any(r[0] == "kairu" and r[3] == "scheduled" for r in found)
