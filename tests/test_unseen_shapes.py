"""Shapes met first on unseen articles, each a general rule: how news tells an arrival, a
side's home, talks judged, talks dated after an "after", a timeline's present-tense deal,
a group's own official and a role that stops at a relative pronoun."""

from __future__ import annotations

from datetime import date

from bot.names import name_key
from tests.test_extraction_rules import _extract, _rounds


def test_negotiators_who_reached_a_city_and_met_there_start_the_round_that_day():
    found = _rounds(_extract(
        "Negotiators have left the Egyptian capital, ending the latest round with no "
        "agreement.\n\nHamas negotiators reached Cairo on Saturday and began meeting "
        "Egyptian mediators the same day. The Israeli delegation joined on Tuesday.",
        "2024-05-09", title="Delegations leave Cairo without a deal",
    ))
    assert [(r[0], r[1]) for r in found] == [("kairu", date(2024, 5, 4))]


def test_a_delegation_going_back_to_where_its_leaders_live_holds_no_talks_there():
    found = _rounds(_extract(
        "A Hamas official said the group's delegation had left for Doha, where its "
        "political leadership is based.",
        "2024-05-09",
    ))
    assert [r for r in found if r[0] == "duha"] == []


def test_talks_judged_in_a_statement_take_no_day_of_the_statement():
    found = _rounds(_extract(
        "Two days of Gaza ceasefire talks in the Qatari capital wrapped up on Friday.\n\n"
        "A joint statement said the text builds on the principles President Joe Biden set "
        "out on May 31 and described the Doha discussions as serious.",
        "2024-08-16",
    ))
    assert found == [("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded")]


def test_talks_judged_keep_the_days_of_their_own_clause():
    found = _rounds(_extract(
        "A senior US official described the discussions, which began in Cairo on Thursday "
        "and ran through Sunday, as constructive.",
        "2024-08-26",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("kairu", date(2024, 8, 22), date(2024, 8, 25))]


def test_talks_after_an_after_keep_the_days_that_follow_them():
    found = _rounds(_extract(
        "Israel and Hamas have agreed to halt the fighting, Qatar announced on Wednesday "
        "night.\n\nThe deal was closed in the Qatari capital after talks that had run since "
        "Sunday.",
        "2025-01-16",
    ))
    assert [(r[0], r[1], r[3]) for r in found] == [("duha", date(2025, 1, 12), "agreement")]


def test_a_timeline_in_the_present_tells_a_brokered_pause_and_an_agreed_extension():
    extraction = _extract(
        "Israel and Hamas have agreed to halt the fighting in Gaza, Qatar announced on "
        "Wednesday night.\n\nHow did we get here? A chronology\n\n"
        "22 Nov 2023: Qatar and Egypt broker a four-day pause in exchange for hostages.\n\n"
        "24 Nov 2023: The pause takes effect at 7am local time.\n\n"
        "30 Nov 2023: A further one-day extension is agreed minutes before the deadline.",
        "2025-01-16", title="What is in the Gaza ceasefire deal",
    )
    deals = sorted(e.when.start for e in extraction.events if e.kind == "agreement")
    assert deals == [date(2023, 11, 22), date(2023, 11, 30), date(2025, 1, 15)]


def test_its_official_named_after_the_group_is_a_person_of_the_group():
    extraction = _extract(
        "Hamas stayed away but was briefed. Its official Sami Abu Zuhri dismissed the upbeat "
        "tone from Washington.",
        "2024-08-16",
    )
    (person,) = [m for m in extraction.entities if m.name == "Sami Abu Zuhri"]
    assert person.kind == "person" and person.role_claims[0].affiliation == "Hamas"


def test_a_role_read_backwards_stops_at_a_relative_pronoun():
    extraction = _extract(
        "Israel and Hamas signed the first phase on Thursday, after three days of talks at "
        "the Red Sea resort of Sharm el-Sheikh that US President Donald Trump hailed.",
        "2025-10-09",
    )
    (trump,) = [m for m in extraction.entities if m.name == "Donald Trump"]
    assert all("Sharm" not in c.role and "that" not in c.role.split() for c in trump.role_claims)


def test_talks_left_in_limbo_are_no_team_that_left():
    from bot.ingest.events.round_status import sentence_status
    text = ("The ceasefire negotiations in the Qatari capital were left in limbo yesterday "
            "after both sides withdrew their teams.")
    cue = sentence_status(text, text.index("negotiations"))
    assert cue is None or cue.word != "left"


def test_teams_that_began_meeting_days_before_the_end_the_lede_tells_open_the_round():
    found = _rounds(_extract(
        "The Cairo talks that ended on Sunday were billed as the last push.\n\n"
        "Israeli, American and Egyptian teams began meeting on Thursday.",
        "2024-08-26", title="Cairo round ends without a deal",
    ))
    assert found == [("kairu", date(2024, 8, 22), date(2024, 8, 25), "concluded")]


def test_a_side_ready_to_begin_talks_opens_no_round():
    found = _rounds(_extract(
        "The first session of a new round of indirect negotiations ended late Sunday without "
        "a breakthrough in Doha.\n\nHamas responded on Friday, saying it was ready to begin "
        "negotiations immediately.",
        "2025-07-07", title="Doha talks end first session",
    ))
    assert [r[1] for r in found] == [date(2025, 7, 6)]


def test_a_team_that_came_home_days_after_flying_in_ends_that_round():
    found = _rounds(_extract(
        "Israel resumed strikes on Gaza on Tuesday.\n\n"
        "Israeli negotiators flew to Doha last Monday for indirect talks with Hamas.\n\n"
        "On Friday Hamas made a new offer. Israel and Washington both dismissed it, and the "
        "Israeli team came home that same day.",
        "2025-03-18",
    ))
    assert ("duha", date(2025, 3, 10), date(2025, 3, 14), "concluded") in found


def test_a_truce_agreed_days_after_a_meeting_does_not_end_that_meeting():
    found = _rounds(_extract(
        "Burns and Barnea held talks with Sheikh Mohammed in Doha on Nov. 9.\n\n"
        "The truce agreed last Wednesday took hold on Friday morning.",
        "2023-11-28",
    ))
    assert found == [("duha", date(2023, 11, 9), date(2023, 11, 9), "concluded")]



def test_delegations_that_converged_on_a_city_met_there_until_they_left():
    found = _rounds(_extract(
        "Here is where the negotiations stand after a turbulent week.\n\n"
        "Everyone back in Cairo. Delegations converged on the Egyptian capital on Tuesday. "
        "The sides spent Tuesday and Wednesday in indirect sessions.\n\n"
        "No breakthrough. On Thursday the delegations left.",
        "2024-05-09", title="Gaza truce talks: five things to know as negotiators leave Cairo",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


def test_deals_told_with_their_own_words_of_extension_announcement_and_end():
    extraction = _extract(
        "Israeli jets struck targets across the strip this morning. The ceasefire in Gaza is "
        "over.\n\nThe deal itself was announced in Doha on January 15 by Qatar's prime "
        "minister.\n\nBack in November 2023, an extension of two days had been agreed on "
        "November 27.",
        "2025-03-18",
    )
    kinds = sorted((e.kind, e.when.start) for e in extraction.events
                   if e.kind in ("agreement", "collapse"))
    assert kinds == [("agreement", date(2023, 11, 27)), ("agreement", date(2025, 1, 15)),
                     ("collapse", date(2025, 3, 18))]


def test_he_after_a_quote_he_gave_is_that_speaker_again():
    extraction = _extract(
        "Netanyahu's office said that \"in light of the response\" it had decided to bring "
        "its delegation home.\n\n"
        "Hours later Witkoff followed suit. \"We have decided to bring our team home,\" he "
        "wrote on X. He said Hamas did not appear to be \"acting in good faith\".",
        "2025-07-24",
    )
    (quote,) = [q for q in extraction.quotes if "good faith" in q.text]
    assert quote.speaker_key == name_key("Steve Witkoff") or quote.speaker_label == "Witkoff"


def test_the_country_of_a_city_named_in_a_clause_is_no_speaker():
    extraction = _extract(
        "US national security adviser Jake Sullivan, who held a press conference in Halifax, "
        "Canada, on Sunday, said Washington was still working \"feverishly\" in Cairo.",
        "2024-08-26",
    )
    (quote,) = extraction.quotes
    assert quote.speaker_label == "Jake Sullivan"


def test_teams_withdrawn_from_a_country_end_the_round_in_its_capital():
    found = _rounds(_extract(
        "Washington and Jerusalem both withdrew their negotiating teams from Qatar on "
        "Thursday, dealing a heavy blow to the truce effort.\n\n"
        "The round of proximity talks opened in the Qatari capital on 6 July.\n\n"
        "The talks began on the same day Netanyahu left for Washington, where he was hosted "
        "by Trump at a White House dinner.",
        "2025-07-25", title="US, Israel recall negotiators from Doha talks",
    ))
    assert found == [("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_deal_told_again_days_later_does_not_move_the_end_of_its_talks():
    found = _rounds(_extract(
        "Israel and Hamas had agreed to a ceasefire, Qatar announced on Wednesday night.\n\n"
        "The breakthrough capped four days of talks in the Qatari capital that ended on "
        "Wednesday.\n\nEarly on Friday the Prime Minister's Office said the agreement had "
        "been finalised and the negotiating team had briefed Netanyahu.",
        "2025-01-17",
    ))
    assert found == [("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement")]


def test_one_who_met_three_others_in_a_city_sat_at_a_table_there():
    found = _rounds(_extract(
        "The next serious attempt began in Paris, where William Burns met David Barnea, "
        "Sheikh Mohammed bin Abdulrahman Al Thani and Abbas Kamel on January 28.",
        "2024-08-17",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_a_minister_who_is_in_a_capital_for_talks_is_on_a_visit():
    extraction = _extract(
        "Israeli Defence Minister Yoav Gallant, who is in Washington this week for talks with "
        "Secretary of State Antony Blinken and Defense Secretary Lloyd Austin, said Israel "
        "would go on.",
        "2024-03-26",
    )
    stated = [e for e in extraction.events if e.kind == "round" and not e.unconfirmed]
    assert stated == []


def test_a_wire_dateline_round_dated_by_the_next_sentence_is_stated():
    extraction = _extract(
        "SHARM EL-SHEIKH, Egypt (AP) — Israel and Hamas have agreed to the first phase of the "
        "plan after three days of indirect negotiations in this Red Sea resort.\n\n"
        "The talks opened Monday with technical teams meeting Egyptian, Qatari and U.S. "
        "mediators in separate rooms.",
        "2025-10-09", title="Israel and Hamas agree on first phase of Trump plan",
    )
    (found,) = [e for e in extraction.events if e.kind == "round"]
    assert (found.place_key, found.when.start, found.unconfirmed) == (
        "sharm al shaikh", date(2025, 10, 6), False)


def test_a_team_ordered_home_over_a_dead_end_collapses_the_talks_it_left():
    extraction = _extract(
        "Prime Minister Benjamin Netanyahu ordered Mossad chief David Barnea and his team to "
        "return from Qatar due to a \"dead end\" in negotiations that took place in Doha on "
        "Saturday, the Prime Minister's Office said.\n\nA team from Israel's Mossad was in Doha "
        "Saturday for discussions with Qatari mediators on restarting the Gaza truce.\n\n"
        "The Qatar-mediated talks focused on the release of new categories of hostages and "
        "the parameters of a truce, which the source said differed from the truce agreement "
        "that collapsed on Friday.",
        "2023-12-02",
    )
    assert _rounds(extraction) == [("duha", date(2023, 12, 2), date(2023, 12, 2), "collapsed")]
    collapses = sorted(e.when.start for e in extraction.events if e.kind == "collapse")
    assert collapses == [date(2023, 12, 1), date(2023, 12, 2)]


def test_a_delegation_that_left_but_talks_that_go_on_next_week_are_two_clauses():
    found = _rounds(_extract(
        "Hamas says its delegation has left Egypt but talks on a ceasefire will continue next "
        "week. Israel had been thwarting efforts during four days of talks in the Egyptian "
        "capital, Cairo.",
        "2024-03-08",
    ))
    assert [(r[0], r[3]) for r in found] == [("kairu", "concluded")]
    assert found[0][2] == date(2024, 3, 8)


def test_one_chief_leaving_while_talks_go_on_leaves_them_ongoing():
    found = _rounds(_extract(
        "The head of the Israeli Mossad left Doha, but negotiations regarding Gaza are "
        "ongoing. The Qatari Foreign Ministry spokesperson confirmed Tuesday that despite the "
        "departure of Mossad chief David Barnea from the Qatari capital, Doha, negotiations "
        "regarding a truce in Gaza are still ongoing.",
        "2024-03-19",
    ))
    assert found == [("duha", date(2024, 3, 19), date(2024, 3, 19), "ongoing")]


def test_talks_of_the_last_days_end_when_officials_will_reconvene_elsewhere():
    found = _rounds(_extract(
        "\"Over the last 48 hours in Doha, senior officials from our governments have engaged "
        "in intensive talks,\" according to a joint statement.\n\n"
        "It also mentioned that senior officials from the three countries will \"reconvene in "
        "Cairo before the end of next week with the aim to conclude the deal.\"",
        "2024-08-16",
    ))
    assert [(r[0], r[3]) for r in found] == [("duha", "concluded"), ("kairu", "scheduled")]


def test_names_listed_after_known_people_are_people():
    extraction = _extract(
        "The delegation, led by Muhammad Darwish, included other key leaders, among them "
        "Khaled Meshaal, Khalil al-Hayya, Zaher Jabarin, and Eng. Nizar Awadallah.",
        "2025-04-26",
    )
    people = {m.name for m in extraction.entities if m.kind == "person"}
    assert {"Zaher Jabarin", "Nizar Awadallah"} <= people
    assert "Eng" not in people


def test_negotiators_who_left_after_talks_that_ran_into_an_impasse_broke_down():
    extraction = _extract(
        "CAIRO, March 7 (Reuters) - Hamas negotiators left Cairo on Thursday after four days "
        "of talks on a Gaza ceasefire that ran into an impasse, dimming hopes of a truce by "
        "Ramadan.\n\nThe delegation, which arrived in the Egyptian capital on Sunday, held "
        "indirect talks through Egyptian and Qatari mediators.",
        "2024-03-07", title="UPDATE 2-Hamas team quits Cairo as Gaza truce talks hit impasse",
    )
    assert _rounds(extraction) == [("kairu", date(2024, 3, 3), date(2024, 3, 7), "collapsed")]
    assert any(e.kind == "collapse" for e in extraction.events)
    assert extraction.title.startswith("Hamas team quits Cairo")


def test_a_recall_dated_weeks_after_the_talks_opened_ends_that_round():
    found = _rounds(_extract(
        "The United States and Israel called their negotiating teams home from Qatar on "
        "Thursday, after Hamas delivered a response to the latest proposal.\n\n"
        "The recalls cast a shadow over indirect talks that began in the Qatari capital on "
        "July 6.",
        "2025-07-25", title="US, Israel recall Gaza negotiators from Doha",
    ))
    assert found == [("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_month_of_that_year_is_in_the_year_written_before_it():
    found = _rounds(_extract(
        "The route to Sharm el-Sheikh ran through several capitals. In Paris, in January 2024, "
        "intelligence chiefs sketched the first framework. In May of that year a round in "
        "Cairo ended without agreement as Israeli forces moved into Rafah.",
        "2025-10-10",
    ))
    assert ("kairu", date(2024, 5, 1), date(2024, 5, 31), "concluded") in found


def test_one_scheduled_to_meet_three_others_on_a_weekday_meets_on_the_coming_one():
    found = _rounds(_extract(
        "CIA Director William Burns is scheduled to meet Qatari Prime Minister Sheikh "
        "Mohammed bin Abdulrahman Al Thani, Mossad Director David Barnea and Egyptian "
        "intelligence chief Abbas Kamel in Rome on Sunday, Axios reported on Friday.",
        "2024-07-26",
    ))
    assert found == [("ruma", date(2024, 7, 28), date(2024, 7, 28), "scheduled")]


def test_sides_that_agreed_to_add_days_to_the_truce_extended_it():
    extraction = _extract(
        "The Qatari Foreign Ministry announced in Doha on Monday that Israel and Hamas had "
        "agreed to add two days to the truce.",
        "2023-11-28",
    )
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2023, 11, 27)]


def test_many_tables_in_a_list_of_cities_are_a_summary_not_rounds():
    found = _rounds(_extract(
        "Negotiators have gathered at a lot of tables since October 2023, in Paris, Cairo and "
        "Doha, and most of those meetings ended with delegations flying home empty-handed.",
        "2025-10-10",
    ))
    assert found == []


def test_after_talks_in_one_city_the_main_clause_places_the_round():
    found = _rounds(_extract(
        "Cairo again, August 2024. After talks in Doha, mediators brought Barnea, Burns and a "
        "Hamas team to the Egyptian capital from August 22 to 25. That round, too, ended "
        "without a deal.",
        "2025-10-10",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("kairu", date(2024, 8, 22), date(2024, 8, 25))]


def test_a_gathering_that_came_after_an_announcement_elsewhere_keeps_its_own_day():
    found = _rounds(_extract(
        "DOHA, Qatar (AP) — The directors of the CIA and of Israel's Mossad sat down with "
        "Qatar's prime minister in Doha on Tuesday, a person briefed on the meeting said.\n\n"
        "The gathering came one day after the Qatari Foreign Ministry announced in Doha on "
        "Monday that Israel and Hamas had agreed to add two days to the truce.",
        "2023-11-28",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("duha", date(2023, 11, 28), date(2023, 11, 28))]


def test_a_meeting_expected_under_the_headline_is_not_the_one_recalled_there():
    found = _rounds(_extract(
        "Israel will send negotiators for a fresh attempt at a truce, Israeli media "
        "reported.\n\nThe meeting is expected to take place on Friday afternoon at a venue "
        "that has not been disclosed.\n\nHamas said it would wait to hear what the mediators "
        "bring back from Paris and that the talks should allow displaced Gazans to return "
        "home.\n\nThe same four officials first met in Paris on January 28 to discuss a truce.",
        "2024-02-23", title="Israeli team led by Mossad chief heads to Paris for new round",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded"),
                     ("paris", date(2024, 2, 23), date(2024, 2, 23), "scheduled")]


def test_a_day_opening_the_sentence_is_no_part_of_a_title():
    from bot.ingest.mentions.roles import clean_role
    assert clean_role("On Thursday Prime Minister") == "Prime Minister"
    assert clean_role("Late on Friday foreign minister") == "foreign minister"


def test_a_mediator_described_as_having_brokered_a_truce_makes_no_deal_today():
    extraction = _extract(
        "Qatar's foreign ministry says it is still working to bring back the pause. Doha, "
        "which brokered the week-long truce with Egyptian and US help, hosts Hamas's "
        "political bureau.",
        "2023-12-02",
    )
    assert [e for e in extraction.events if e.kind == "agreement"] == []


def test_an_accord_that_followed_days_of_talks_ends_them_on_its_day():
    found = _rounds(_extract(
        "Qatar's Prime Minister told a press conference in Doha on Wednesday night that "
        "Israel and Hamas had reached a ceasefire and hostage-prisoner exchange agreement.\n\n"
        "He said the accord followed four days of intensive negotiations in the Qatari "
        "capital between the two sides.",
        "2025-01-16",
    ))
    assert [(r[0], r[2], r[3]) for r in found] == [("duha", date(2025, 1, 15), "agreement")]
    assert found[0][1] in (date(2025, 1, 12), date(2025, 1, 13))


def test_a_day_range_before_a_colon_is_a_range_not_a_clock():
    from datetime import datetime

    from bot.dates import find_time_expressions
    (found,) = find_time_expressions("Cairo, March 3-7: a round.", datetime(2024, 5, 10))
    assert (found.start, found.end) == (date(2024, 3, 3), date(2024, 3, 7))
    (clock_day,) = find_time_expressions("at 7:30 on March 3", datetime(2024, 5, 10))
    assert clock_day.start == clock_day.end == date(2024, 3, 3)


def test_list_items_headed_by_a_city_and_a_date_are_rounds_there():
    found = _rounds(_extract(
        "Since then, the track has moved city by city:\n\n"
        "Paris, Jan. 28: Burns, Mossad chief David Barnea, Qatari Prime Minister Sheikh "
        "Mohammed bin Abdulrahman Al Thani and Egyptian intelligence chief Abbas Kamel drafted "
        "a framework for a phased pause.\n\n"
        "Paris again, Feb. 23: Barnea, joined this time by Shin Bet chief Ronen Bar, met the "
        "same three mediators.\n\n"
        "Cairo, March 3-7: a Hamas-only round with Egyptian and Qatari mediators, aimed at a "
        "truce before Ramadan. The Hamas team went home without an agreement.",
        "2024-05-10",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("paris", date(2024, 1, 28), date(2024, 1, 28)),
        ("paris", date(2024, 2, 23), date(2024, 2, 23)),
        ("kairu", date(2024, 3, 3), date(2024, 3, 7)),
    ]


def test_talks_that_failed_to_secure_a_truce_did_not_break_down():
    extraction = _extract(
        "These negotiations failed to secure a truce during the holy month of Ramadan, which "
        "began last week. Subsequent rounds of talks have failed to end the war.",
        "2024-03-19",
    )
    assert [e for e in extraction.events if e.kind == "collapse"] == []


def test_one_sides_trip_is_not_the_stay_another_sides_team_ended():
    found = _rounds(_extract(
        "A meeting of mediators and Israeli officials on the Gaza truce, hosted in Cairo on "
        "Monday, ended without progress.\n\nThe Israeli team flew home on Monday night.\n\n"
        "A Hamas delegation led by its deputy chief had travelled to Cairo last Wednesday "
        "for talks with Egyptian mediators on the group's reply.",
        "2024-03-12", title="Cairo truce meeting ends without progress",
    ))
    assert ("kairu", date(2024, 3, 11), date(2024, 3, 11), "concluded") in found
    assert ("kairu", date(2024, 3, 6), date(2024, 3, 6), "concluded") in found


def test_the_counted_officials_who_gathered_and_one_who_joined_three_met():
    found = _rounds(_extract(
        "The truce talks have moved from city to city this year.\n\nOn April 2 the four "
        "gathered in Paris to go over the hostage framework. Burns saw the Egyptian "
        "president in Cairo on April 8 and joined Barnea, Kamel and Sheikh Mohammed in Doha "
        "the following day.",
        "2024-05-20", title="Where the Gaza truce talks have been",
    ))
    assert ("paris", date(2024, 4, 2), date(2024, 4, 2), "concluded") in found
    assert ("duha", date(2024, 4, 9), date(2024, 4, 9), "concluded") in found


def test_a_day_that_opens_the_sentence_dates_the_meetings_after_it():
    found = _rounds(_extract(
        "Gaza truce talks update.\n\nOn March 4, after meetings in Cairo with Egyptian "
        "mediators, a Hamas delegation said it would keep to the ceasefire terms.",
        "2025-03-20",
    ))
    assert ("kairu", date(2025, 3, 4), date(2025, 3, 4), "concluded") in found


def test_time_left_before_a_deadline_is_no_team_that_left():
    found = _rounds(_extract(
        "Talks on the Gaza truce went on in Cairo on Wednesday, with two days left before "
        "its first stage runs out.",
        "2025-02-26",
    ))
    assert found == [("kairu", date(2025, 2, 26), date(2025, 2, 26), "ongoing")]


def test_a_side_that_sent_its_team_opens_the_talks_going_on_there():
    found = _rounds(_extract(
        "Indirect Gaza truce talks between Israel and Hamas continued in Doha on Thursday.\n\n"
        "Israel sent its team to the Qatari capital on Tuesday.",
        "2025-04-10",
    ))
    assert found == [("duha", date(2025, 4, 8), date(2025, 4, 10), "ongoing")]


def test_talks_since_the_day_a_delegation_arrived_run_from_that_day():
    found = _rounds(_extract(
        "The statements came during indirect Gaza negotiations in Doha, where the two sides "
        "had been working through Qatari go-betweens since Tuesday, when Israel's delegation "
        "arrived.",
        "2025-04-11",
    ))
    assert [(r[0], r[1], r[3]) for r in found] == [("duha", date(2025, 4, 8), "ongoing")]


def test_a_team_that_went_for_talks_with_mediators_met_them_there():
    extraction = _extract(
        "Gaza truce talks update.\n\nA small Israeli team went to Doha earlier this month "
        "for talks with Qatari mediators on the next phase.",
        "2025-02-25",
    )
    (doha,) = [e for e in extraction.events if e.kind == "round"]
    assert (doha.place_key, doha.when.granularity, doha.unconfirmed) == ("duha", "month", False)


def test_the_capital_after_a_city_the_paragraph_named_is_that_city():
    found = _rounds(_extract(
        "Gaza truce talks update.\n\nHamas has been to Cairo before in this war. A delegation "
        "led by its deputy chief met Egyptian officials in the capital on March 4.",
        "2025-04-15",
    ))
    assert ("kairu", date(2025, 3, 4), date(2025, 3, 4), "concluded") in found


def test_where_the_travellers_held_talks_dates_the_round_by_its_own_day():
    found = _rounds(_extract(
        "Gaza truce talks update.\n\nLast month the deputy chief led a Hamas delegation to "
        "Cairo, where it held talks with Egyptian mediators on August 5 on a truce plan.",
        "2025-09-09",
    ))
    assert found == [("kairu", date(2025, 8, 5), date(2025, 8, 5), "concluded")]


def test_a_mediator_who_met_a_sides_negotiators_held_a_round():
    found = _rounds(_extract(
        "Gaza truce talks update.\n\nOn Monday, the Qatari prime minister met Hamas "
        "negotiators in Doha and urged them to accept the latest proposal.",
        "2025-09-10",
    ))
    assert found == [("duha", date(2025, 9, 8), date(2025, 9, 8), "concluded")]


def test_a_bodys_named_spokesman_speaks_for_it():
    extraction = _extract(
        "Gaza truce talks update.\n\nJordan's foreign ministry spokesman Sufian Qudah "
        "condemns what he calls a \"reckless escalation\", and says it is \"a breach of "
        "every norm\".",
        "2025-09-10",
    )
    assert {q.speaker_label for q in extraction.quotes} == {"Sufian Qudah"}


def test_he_in_a_sentence_about_its_subject_is_that_subject():
    extraction = _extract(
        "Gaza truce talks update.\n\nOn Monday, Blinken met Netanyahu in Jerusalem. Trump "
        "had issued what he called a \"final offer\" to Hamas on Sunday.",
        "2025-09-10",
    )
    (quote,) = extraction.quotes
    assert quote.speaker_label == "Trump"
