"""Shapes met first on unseen articles in the seventh session (heldout46, heldout47 and a
third set of real pages): narrative months, chronology items, live pages whose round ends
and starts again, the store keeping apart what one report keeps apart."""

from __future__ import annotations

from datetime import date

from tests.test_extraction_rules import _extract, _rounds


def _stored_rounds(engine, *articles: tuple[str, str, str]) -> list[dict]:
    """The exported rounds after ingesting (name, published, text) articles, in order."""
    from datetime import datetime

    from bot.export.timeline_json import export_timeline
    from bot.ingest.batch import ingest_articles
    from bot.ingest.model import ArticleInput
    from bot.store.database import session_scope

    ingest_articles(engine, [
        ArticleInput(text=text, outlet="Wire", url=f"https://example.org/{name}",
                     published_at=datetime.fromisoformat(published), source_name=name)
        for name, published, text in articles])
    with session_scope(engine) as session:
        return export_timeline(session, story="t")["rounds"]


def _outcomes(extraction):
    return sorted((e.kind, e.when.start) for e in extraction.events
                  if e.kind in ("agreement", "collapse") and e.when is not None)


def test_the_start_of_the_month_is_the_month_the_paragraph_named():
    found = _rounds(_extract(
        "A look back at a long year.\n\nThe hardest push came in July. Negotiators met in "
        "Doha at the start of the month, with Qatari and Egyptian mediators passing papers "
        "between the rooms.",
        "2025-10-12",
    ))
    assert found == [("duha", date(2025, 7, 1), date(2025, 7, 10), "concluded")]
    # Talks still to come at the end of the month are in the report's own month.
    found = _rounds(_extract(
        "Talks broke down in July. Negotiators will meet again in Doha at the end of the "
        "month, officials said.",
        "2025-10-12",
    ))
    assert found and found[0][1] >= date(2025, 10, 21)


def test_recalled_delegations_as_an_adjective_tell_no_round():
    found = _rounds(_extract(
        "Since the spring, the path through Cairo to this week's accord was strewn with "
        "recalled delegations and missed chances.",
        "2025-10-12",
    ))
    assert found == []


def test_rounds_in_two_cities_summed_up_are_no_round():
    found = _rounds(_extract(
        "After the truce the year turned into a string of rounds held in Cairo and Doha, "
        "each ending with the teams flying home. The deal was finally signed this week.",
        "2025-10-12",
    ))
    assert found == []


def test_a_chronology_item_with_a_dash_keeps_its_days():
    found = _rounds(_extract(
        "Timeline\n\nMar 10-14 - Indirect talks in Doha; the US envoy joins on Mar 11.\n\n"
        "Mar 18 - Strikes resume across Gaza.",
        "2025-04-01",
    ))
    assert ("duha", date(2025, 3, 10), date(2025, 3, 14), "concluded") in found


def test_a_chronology_recall_ends_the_round_its_item_opened():
    found = _rounds(_extract(
        "Key dates\n\n2025\n\nJul 6 - A fresh round of proximity talks opens in Doha.\n\n"
        "Jul 7 - Netanyahu dines at the White House.\n\n"
        "Jul 24 - Israel and the US recall their negotiators from Doha.",
        "2025-09-01",
    ))
    assert ("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed") in found


def test_a_venue_named_for_a_speech_to_an_event_is_not_the_talks():
    extraction = _extract(
        "The envoy told a policy forum in Washington on Tuesday that the discussions now "
        "under way could yield an arrangement within days.",
        "2025-02-27",
    )
    stated = [e for e in extraction.events if e.kind == "round" and not e.unconfirmed]
    assert stated == []


def test_a_day_after_a_day_just_told_is_the_day_before_it():
    found = _rounds(_extract(
        "The truce came into force on October 10, a day after Israel and Hamas approved the "
        "first stage at indirect talks in Sharm el-Sheikh.",
        "2025-11-20",
    ))
    assert [(r[0], r[1]) for r in found] == [("sharm al shaikh", date(2025, 10, 9))]
    # A chronology item's day stays its own.
    found = _rounds(_extract(
        "- 2 December 2023, Doha: a day after the truce ends, a Mossad team that had spent "
        "the day in talks with Qatari mediators in the city is ordered home.",
        "2024-06-01",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2023, 12, 2))]


def test_a_chronology_label_of_a_day_and_a_city_with_a_dash():
    found = _rounds(_extract(
        "How the talks ran\n\nThe year of negotiating, item by item.\n\n"
        "1 Dec 2023 — The truce breaks down and fighting resumes.\n\n"
        "28 Jan 2024 — Paris. CIA Director William Burns, Mossad chief "
        "David Barnea and Qatar's Prime Minister Mohammed bin Abdulrahman Al Thani draw up a "
        "framework for a phased deal.",
        "2024-09-01",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_a_team_that_arrived_to_hold_talks_later_is_scheduled():
    found = _rounds(_extract(
        "A Hamas delegation arrived in Cairo and is due to hold talks later today with "
        "Egyptian intelligence officials, sources said.",
        "2025-11-23",
    ))
    assert found == [("kairu", date(2025, 11, 23), date(2025, 11, 23), "scheduled")]


def test_ideas_discussed_somewhere_before_do_not_place_the_next_talks():
    extraction = _extract(
        "Officials expect the mediators to bring the parties together in the coming days "
        "on the basis of new ideas discussed in Paris.",
        "2024-05-26",
    )
    assert [e for e in extraction.events if e.kind == "round" and not e.unconfirmed] == []
    # A framework drawn up there on a day told is a meeting there.
    found = _rounds(_extract(
        "The talks build on a framework drawn up in Paris late last month, which proposed a "
        "six-week pause.",
        "2024-02-13",
    ))
    assert [r[0] for r in found] == ["paris"]


def test_a_second_venue_told_with_the_verb_left_out():
    found = _rounds(_extract(
        "The same four officials sat down again in Cairo on 13 February, and once more in "
        "Paris on 23 February.",
        "2024-06-01",
    ))
    assert [(r[0], r[1]) for r in found] == [
        ("kairu", date(2024, 2, 13)), ("paris", date(2024, 2, 23))]


def test_a_stay_of_days_runs_up_to_the_end_the_next_clause_dates():
    found = _rounds(_extract(
        "Delegations from both sides then spent three days in Cairo with the mediators; "
        "that round ended on 9 May without a deal.",
        "2024-05-20",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


_LIVE = (
    "Gaza war live: Hamas team leaves Cairo, Israeli team arrives\n\n"
    "Live updates · Last updated Tuesday, May 7, 2024, 14:00\n\n"
    "Tuesday, May 7, 2024\n\n"
    "13:40 — Israeli team lands in Cairo\n"
    "A working-level Israeli team has landed in Cairo for talks with the mediators, "
    "officials say.\n\n"
    "Sunday, May 5, 2024\n\n"
    "21:15 — Hamas team leaves Cairo\n"
    "The Hamas delegation has left Cairo for Doha to consult its leaders after two days of "
    "meetings with the mediators.\n\n"
    "Saturday, May 4, 2024\n\n"
    "11:05 — Hamas delegation in Cairo\n"
    "A Hamas delegation has arrived in Cairo for talks with Egyptian mediators. The CIA "
    "director has been in the Egyptian capital since Friday.\n"
)


def test_a_live_page_round_that_ended_and_one_that_opened_after_it():
    found = _rounds(_extract(_LIVE, "2024-05-07"))
    assert found == [
        ("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded"),
        ("kairu", date(2024, 5, 7), date(2024, 5, 7), "ongoing"),
    ]


def test_the_outcome_of_talks_weighed_on_a_day_is_not_their_day():
    found = _rounds(_extract(
        "Intelligence chiefs sat down with Qatar's prime minister in Paris on Sunday. "
        "Israel's war cabinet was due to meet on Monday to discuss the outcome of the Paris "
        "talks, officials said.",
        "2024-01-29",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_one_side_announcing_it_accepts_a_proposal_is_no_agreement():
    extraction = _extract(
        "The delegations arrived in Cairo on Tuesday, a day after Hamas announced that it "
        "was accepting a truce proposal drawn up by Egypt and Qatar.",
        "2024-05-09",
    )
    assert [o for o in _outcomes(extraction) if o[0] == "agreement"] == []


def test_irreconcilable_gaps_end_the_round_in_a_breakdown():
    found = _rounds(_extract(
        "The talks in Cairo ended on Thursday with irreconcilable gaps between the parties, "
        "the delegations said.",
        "2024-05-09",
    ))
    assert found and found[0][3] == "collapsed"


def test_talks_launched_on_a_day_open_the_round_told_undated():
    found = _rounds(_extract(
        "Senior delegations arrived in Sharm el-Sheikh, where the negotiations are taking "
        "place. Their arrival signalled progress in the talks that were launched Monday by "
        "technical teams.",
        "2025-10-08",
    ))
    assert found == [("sharm al shaikh", date(2025, 10, 6), date(2025, 10, 8), "ongoing")]


def test_a_deal_being_hammered_out_where_a_briefing_is_held_is_a_round_there():
    found = _rounds(_extract(
        "Qatar's foreign ministry will brief reporters in Doha on Wednesday, where a truce "
        "is being hammered out by US, Qatari and Egyptian mediators.",
        "2025-01-15",
    ))
    assert found == [("duha", date(2025, 1, 15), date(2025, 1, 15), "ongoing")]


def test_two_rounds_one_report_keeps_apart_stay_two_in_the_store(engine):
    rounds = _stored_rounds(engine, (
        "two", "2024-08-24T18:00:00+00:00",
        "CAIRO (Reuters) - The US and Israeli teams began new negotiations in Cairo on "
        "Thursday, which lasted for two days, Egyptian sources said.\n\nA Hamas delegation "
        "arrived in Cairo on Saturday to hear the mediators out."))
    assert sorted((r["start"], r["end"]) for r in rounds if r["place"] == "Cairo") == [
        ("2024-08-22", "2024-08-23"), ("2024-08-24", "2024-08-24")]


def test_talks_suspended_broke_down():
    found = _rounds(_extract(
        "Those talks in Doha were suspended on July 14 after an Israeli airstrike on a "
        "Hamas commander.",
        "2024-07-26",
    ))
    assert found == [("duha", date(2024, 7, 14), date(2024, 7, 14), "collapsed")]


def test_a_team_that_arrived_and_held_talks_the_following_day_stayed_both_days():
    found = _rounds(_extract(
        "A Hamas delegation arrived in Cairo on Friday 7 March and held talks with Egyptian "
        "officials the following day.",
        "2025-03-20",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("kairu", date(2025, 3, 7), date(2025, 3, 8))]


def test_a_team_flown_in_for_meetings_with_the_mediating_countrys_officials():
    extraction = _extract(
        "Talks in Doha ended on Friday. Also on Sunday, an Israeli team flew to Cairo for "
        "meetings with senior Egyptian officials.",
        "2025-03-17",
    )
    stated = [(e.place_key, e.when.start) for e in extraction.events
              if e.kind == "round" and not e.unconfirmed]
    assert ("kairu", date(2025, 3, 16)) in stated


def test_a_team_that_spent_the_past_week_there_stayed_the_week_up_to_its_return():
    found = _rounds(_extract(
        "The Israeli negotiating team that spent the past week in Qatar returned to Israel "
        "on Tuesday evening, the prime minister's office said.",
        "2024-12-25",
    ))
    assert found == [("katar", date(2024, 12, 18), date(2024, 12, 24), "concluded")]


def test_a_recollection_months_later_ends_talks_told_as_going_on(engine):
    rounds = _stored_rounds(
        engine,
        ("news", "2024-04-08T12:00:00+00:00",
         "CAIRO (AP) - A new round of Gaza truce talks opened in Cairo on Sunday and was "
         "continuing on Monday, Egyptian officials said."),
        ("later", "2024-07-30T09:00:00+00:00",
         "A look back.\n\nThere were talks in Cairo on April 7 with all the parties, and a "
         "meeting in Rome on July 28."),
    )
    cairo = [(r["start"], r["status"]) for r in rounds if r["place"] == "Cairo"]
    assert cairo == [("2024-04-07", "concluded")]


def test_a_previous_round_is_not_dated_by_what_came_after_it():
    extraction = _extract(
        "Hopes for a pause had risen this week after a previous round of talks mediated by "
        "Qatar and Egypt in Doha.",
        "2024-03-02",
    )
    assert [e for e in extraction.events if e.kind == "round" and e.when is not None
            and not e.unconfirmed] == []


def test_talks_to_meet_again_after_days_of_negotiations_are_over():
    found = _rounds(_extract(
        "Talks between Israel, the United States, Qatar and Egypt will reconvene next week "
        "after two days of productive negotiations, a US official said.\n\nThe official said "
        "the president spoke with the leaders of Egypt and Qatar on Friday about the talks "
        "in the Qatari capital, Doha.",
        "2024-08-16",
    ))
    assert ("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found


def test_the_day_a_truce_has_held_since_is_not_the_talks_day():
    found = _rounds(_extract(
        "CAIRO - The Israeli and Qatari delegations have arrived in Cairo for discussions "
        "on the Gaza ceasefire. The negotiations focus on the next stages of the truce deal "
        "that has been in place since January 19.",
        "2025-02-27",
    ))
    assert [(r[0], r[1]) for r in found] == [("kairu", date(2025, 2, 27))]


def test_a_round_expected_early_next_week_is_placed_in_that_week():
    found = _rounds(_extract(
        "The group's leader is also expected in Cairo early next week for talks with "
        "Egyptian mediators.",
        "2023-12-20",
    ))
    assert found == [("kairu", date(2023, 12, 25), date(2023, 12, 31), "scheduled")]


def test_talks_that_reached_their_final_stage_on_a_day_were_under_way_by_then():
    found = _rounds(_extract(
        "DOHA (AP) - Israel and Hamas have agreed a ceasefire, Qatar's prime minister "
        "announced Wednesday, after days of talks in the Qatari capital.\n\nThe deal sets "
        "out three phases.\n\nAid agencies welcomed it.\n\nA senior US official said "
        "negotiations had entered their final stage on Sunday, when the envoy returned to "
        "Doha to work alongside the Qatari mediators.",
        "2025-01-15",
    ))
    assert found == [("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement")]


def test_a_leader_who_flew_into_a_city_at_the_head_of_a_delegation_to_talk():
    extraction = _extract(
        "On December 20, Ismail Haniyeh flew into Cairo at the head of a Hamas delegation "
        "to talk with Egypt's intelligence chief about a new exchange.",
        "2023-12-28",
    )
    assert [(e.place_key, e.when.start, e.unconfirmed) for e in extraction.events
            if e.kind == "round"] == [("kairu", date(2023, 12, 20), False)]


def test_the_day_after_with_a_comma_is_the_next_day():
    found = _rounds(_extract(
        "On November 27 the truce was extended by two days. The day after, CIA Director "
        "William Burns and Mossad chief David Barnea sat down in Doha with Qatar's prime "
        "minister and Egypt's intelligence chief, Abbas Kamel.",
        "2024-05-27",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2023, 11, 28))]


def test_a_team_held_talks_then_was_ordered_home_the_same_day():
    found = _rounds(_extract(
        "On December 2 a Mossad team held talks with Qatari mediators in Doha on restarting "
        "the pause, and the same day the prime minister's office announced that the Mossad "
        "chief had ordered the team \"to return to Israel\".",
        "2024-05-27",
    ))
    assert found == [("duha", date(2023, 12, 2), date(2023, 12, 2), "collapsed")]


def test_the_rest_of_the_team_called_back_two_days_later_ends_the_round():
    found = _rounds(_extract(
        "On Tuesday of last week, the prime minister's office said that after a week of "
        "contacts in Doha the senior members of Israel's negotiating team were coming home "
        "for consultations. Two days later the rest of the team was called back too.",
        "2025-05-27",
    ))
    assert found and found[0][2:] == (date(2025, 5, 22), "collapsed")


def test_the_first_session_ended_is_no_end_of_the_round():
    found = _rounds(_extract(
        "Indirect negotiations began in Sharm el-Sheikh on Monday evening. The first session "
        "ended late on Monday in a positive atmosphere. Talks resume today.",
        "2025-10-07",
    ))
    assert found and found[0][0] == "sharm al shaikh" and found[0][3] == "ongoing"


def test_leaders_of_many_countries_gathering_and_a_strike_on_a_meeting_are_no_rounds():
    extraction = _extract(
        "Later the leaders of more than twenty countries gathered in Sharm el-Sheikh on "
        "October 13 for a peace summit. Both men survived the Israeli air strike that "
        "targeted the movement's leaders at a meeting in Doha on September 9.",
        "2025-11-24",
    )
    assert [e for e in extraction.events if e.kind == "round"] == []


def test_a_president_touching_down_somewhere_places_no_talks():
    extraction = _extract(
        "Today: a freed soldier, a negotiating team heading for Qatar, a president touching "
        "down in Riyadh and a film festival opening.",
        "2025-05-13",
    )
    assert [e.place_key for e in extraction.events
            if e.kind == "round" and not e.unconfirmed] in ([], ["katar"])


def test_negotiations_that_ended_with_the_signing_of_a_phase_ended_in_agreement():
    found = _rounds(_extract(
        "A look back.\n\nThe agreement was reached after indirect negotiations held in "
        "Sharm el-Sheikh from the sixth of October, and these negotiations ended with the "
        "signing of the first phase on the ninth of October.",
        "2025-11-24",
    ))
    assert found == [("sharm al shaikh", date(2025, 10, 6), date(2025, 10, 9), "agreement")]


def test_people_who_met_after_another_verb_of_meeting_in_the_sentence():
    found = _rounds(_extract(
        "That framework was hammered out on January 28, when Burns, Barnea, Sheikh Mohammed "
        "and Egypt's intelligence chief Abbas Kamel met in the French capital.",
        "2024-02-14",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_a_team_in_the_city_since_the_day_its_chief_flew_in_until_it_was_told_to_return():
    found = _rounds(_extract(
        "Israel's negotiators on a hostage deal have left Qatar, Israeli officials said on "
        "Tuesday.\n\nThe Mossad director instructed the negotiating team and the Shin Bet "
        "officials with it to return on Monday night, a senior official said. The team had "
        "been in the Qatari capital since last Monday, when the director flew in to open "
        "indirect talks with Hamas through the mediators.",
        "2024-03-26",
    ))
    assert found == [("duha", date(2024, 3, 18), date(2024, 3, 26), "collapsed")]


def test_indirect_bargaining_in_the_resort_that_began_on_a_day():
    found = _rounds(_extract(
        "SHARM EL-SHEIKH, Egypt, Oct 9 (AFP) - Israeli and Hamas negotiators settled the "
        "first stage of the plan in the early hours of Thursday, closing out indirect "
        "bargaining in the Red Sea resort that began on Monday.",
        "2025-10-09",
    ))
    assert [(r[0], r[1]) for r in found] == [("sharm al shaikh", date(2025, 10, 6))]


def test_chronology_items_of_a_day_a_dash_and_a_city():
    found = _rounds(_extract(
        "Two years of talks\n\nThe breakthrough came after dozens of rounds in Doha, Cairo "
        "and Paris. Here is how they went.\n\nChronology\n\n"
        "- 28 January 2024 - Paris: Burns, Barnea, Kamel and Sheikh Mohammed draft a phased "
        "framework.\n\n"
        "- 18-25 March 2024 - Doha: a Mossad-led team negotiates for a week before being "
        "recalled.",
        "2025-10-12",
    ))
    assert ("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded") in found
    assert ("duha", date(2024, 3, 18), date(2024, 3, 25), "collapsed") in found


def test_a_recollection_gives_the_opening_of_a_round_news_told_by_its_recall(engine):
    rounds = _stored_rounds(
        engine,
        ("news", "2025-07-25T10:00:00+00:00",
         "DOHA (Reuters) - The American and Israeli teams taking part in indirect Gaza truce "
         "negotiations left the Qatari capital on Thursday after Hamas handed in its answer, "
         "and both governments said they had recalled their negotiators."),
        ("later", "2025-10-12T09:00:00+00:00",
         "Two years of talks.\n\nChronology\n\n- 6-24 July 2025 - Doha: proximity talks on "
         "a 60-day truce; Israel and the US recall their teams on 24 July."),
    )
    doha = [(r["start"], r["end"]) for r in rounds if r["place"] == "Doha"]
    assert len(doha) == 1 and doha[0][0] == "2025-07-06" and doha[0][1] in (
        "2025-07-24", "2025-07-25")


def test_a_city_that_talks_up_a_deal_holds_no_talks():
    found = _rounds(_extract(
        "Doha's proximity talks grind on, Washington talks up a deal by the weekend, and the "
        "Red Sea flares again.",
        "2025-07-09",
    ))
    assert [r[0] for r in found if r[0] == "washingtun"] == []


def test_a_strike_last_month_on_a_meeting_is_no_round():
    extraction = _extract(
        "Hamas's team is headed by its exiled Gaza chief, who survived an Israeli air strike "
        "last month on a meeting of the group's leaders in Doha.",
        "2025-10-07",
    )
    assert [e for e in extraction.events if e.kind == "round"] == []


def test_people_listed_with_one_joined_by_them_met():
    found = _rounds(_extract(
        "Burns, Barnea and Sheikh Mohammed, joined by Egypt's intelligence director Abbas "
        "Kamel, met in Paris on 28 January 2024 and sketched a phased framework.",
        "2025-11-01",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_a_week_of_talks_that_ended_on_thursday_began_that_monday():
    found = _rounds(_extract(
        "When negotiators in Sharm el-Sheikh agreed the first phase of the plan in the early "
        "hours of Thursday, it capped a week of talks that diplomats had expected to stall.",
        "2025-10-11",
    ))
    assert [(r[0], r[1], r[3]) for r in found] == [
        ("sharm al shaikh", date(2025, 10, 6), "agreement")]


def test_a_days_date_on_the_reports_own_day_follows_the_year_just_written():
    found = _rounds(_extract(
        "Veterans of the process point back to November 2023. That truce, which began on "
        "November 24, was extended by two days on November 27, and the next day Burns, "
        "Barnea and Sheikh Mohammed met in Doha to try to lengthen it again.",
        "2025-11-24",
    ))
    assert [(r[0], r[2]) for r in found] == [("duha", date(2023, 11, 28))]


def test_an_air_strike_that_targeted_a_meeting_is_no_round():
    extraction = _extract(
        "In September an Israeli air strike targeted Hamas's negotiating team at a meeting "
        "in Doha.",
        "2025-11-24",
    )
    assert [e for e in extraction.events if e.kind == "round"] == []


def test_a_trip_that_ended_before_the_headlines_round_is_not_of_it():
    found = _rounds(_extract(
        "Israeli team lands in Cairo as expanded hostage talks get under way\n\n"
        "The Israeli negotiating team arrived in Cairo on Sunday morning and the expanded "
        "round of talks opened a few hours later.\n\nIt is the Mossad chief's second trip in "
        "four days. The delegation flew back to Israel on Thursday evening.",
        "2024-08-25",
        title="Israeli team lands in Cairo as expanded hostage talks get under way",
    ))
    assert found == [("kairu", date(2024, 8, 25), date(2024, 8, 25), "ongoing")]


def test_talks_held_since_the_team_arrived_on_a_day_run_from_it():
    found = _rounds(_extract(
        "Hamas team in Cairo studies new truce proposal\n\nA Hamas delegation has been "
        "holding talks with Egyptian and Qatari mediators in Cairo since it arrived in the "
        "capital on Saturday, as Egypt tries to restore the ceasefire.\n\nThe meetings "
        "continued on Monday.",
        "2025-04-14",
    ))
    assert found == [("kairu", date(2025, 4, 12), date(2025, 4, 14), "ongoing")]


def test_a_cabinet_to_discuss_the_talks_later_is_no_round_then():
    found = _rounds(_extract(
        "CAIRO - A day of talks in the Egyptian capital ended on Tuesday without a "
        "breakthrough. Netanyahu's war cabinet is expected to discuss the Cairo meeting later "
        "this week, an Israeli official said.",
        "2024-02-13",
    ))
    assert found == [("kairu", date(2024, 2, 13), date(2024, 2, 13), "concluded")]
