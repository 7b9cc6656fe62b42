"""Rules of the extractor read through the whole pipeline, on short invented reports.

Each report is written for the rule it shows, not taken from a batch: a rule that only
made one batch sentence pass would not be worth a test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ingest.document.report import read_report
from bot.ingest.model import ArticleInput
from bot.ingest.pipeline import extract
from bot.names import name_key


def _extract(text: str, day: str, title: str | None = None):
    return extract(ArticleInput(
        text=text, outlet="Wire", title=title,
        published_at=datetime.fromisoformat(day).replace(tzinfo=UTC),
        url="https://example.org/rule", source_name="rule.txt",
    ))


def _rounds(extraction):
    return sorted(
        ((e.place_key, e.when.start, e.when.end, e.status) for e in extraction.events
         if e.kind == "round" and e.when is not None),
        key=lambda r: r[1],
    )


def test_there_points_back_to_the_city_the_paragraph_named():
    found = _rounds(_extract(
        "Egyptian and Qatari mediators met Israeli and Hamas negotiators in Cairo on Monday "
        "to go over a revised text.\n\nIt was not the first such session in the Qatari "
        "capital this year. The same envoys held talks there on March 3, weeks before the "
        "text was drafted.",
        "2025-04-15",
    ))
    assert ("duha", date(2025, 3, 3), date(2025, 3, 3), "concluded") in found


def test_there_of_an_existential_sentence_points_nowhere():
    found = _rounds(_extract(
        "Fighting went on in Khan Younis on Monday. There were talks on Sunday between "
        "mediators about a new proposal, officials said.",
        "2025-04-15",
    ))
    assert all(place != "khan yunis" for place, *_ in found)


def test_a_list_of_venues_gives_each_its_own_days():
    found = _rounds(_extract(
        "The talks in Cairo follow earlier sessions in Paris on 9 May and in Doha on 20 "
        "and 21 May, officials said.",
        "2025-06-02",
    ))
    assert ("paris", date(2025, 5, 9), date(2025, 5, 9), "concluded") in found
    assert ("duha", date(2025, 5, 20), date(2025, 5, 21), "concluded") in found
    assert ("kairu", date(2025, 6, 2), date(2025, 6, 2), "ongoing") in found


def test_talks_that_came_to_a_close_are_concluded_on_their_last_day():
    (round_,) = _rounds(_extract(
        "Three days of indirect talks in Cairo came to a close on Wednesday without an "
        "agreement, two Egyptian officials said.",
        "2025-06-05",
    ))
    assert round_ == ("kairu", date(2025, 6, 2), date(2025, 6, 4), "concluded")


def test_a_meeting_that_was_held_in_a_city_is_a_round_there():
    found = _rounds(_extract(
        "The previous meeting of the mediators and the Israeli team was held in Rome on "
        "June 30 and produced no breakthrough.",
        "2025-07-20",
    ))
    assert [(p, s) for p, s, _, _ in found] == [("ruma", date(2025, 6, 30))]


def test_a_proposal_tabled_in_a_city_does_not_move_the_round_there():
    found = _rounds(_extract(
        "CAIRO (Wire) - The round opened in Cairo on Thursday with Israeli and Egyptian "
        "teams weighing the proposal the mediators tabled in Doha a week earlier.",
        "2025-06-06",
    ))
    assert [p for p, *_ in found] == ["kairu"]


def test_several_envoys_holding_talks_with_a_mediator_meet_as_a_round():
    found = _rounds(_extract(
        "CIA Director William Burns and Mossad chief David Barnea met Qatari Prime Minister "
        "Sheikh Mohammed bin Abdulrahman Al Thani on Saturday.\n\nBurns and Barnea held "
        "talks with Sheikh Mohammed in Doha on Saturday about a longer pause.",
        "2025-06-09",
    ))
    assert ("duha", date(2025, 6, 7), date(2025, 6, 7), "concluded") in found


def test_a_name_after_the_day_is_still_the_name():
    extraction = _extract(
        "CIA Director William Burns flew to the region last week.\n\nOn Sunday 8 June Burns "
        "met the Egyptian intelligence chief in Cairo, officials said.",
        "2025-06-10",
    )
    names = {e.name for e in extraction.entities if e.kind == "person"}
    assert "William Burns" in names
    assert not any("June" in n or "Sunday" in n for n in names)


def test_the_day_of_the_saying_dates_an_outcome_that_has_no_other():
    (collapse,) = [e for e in _extract(
        "Qatar's foreign ministry said on Saturday that it had frozen its mediation between "
        "Israel and Hamas until both showed seriousness.",
        "2025-06-10",
    ).events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 6, 7)


def test_areas_of_agreement_are_no_deal():
    extraction = _extract(
        "The mediators said the new text builds on areas of agreement reached over the past "
        "week and narrows the remaining gaps.",
        "2025-06-10",
    )
    assert not [e for e in extraction.events if e.kind == "agreement"]


def test_a_standfirst_sums_up_and_the_paragraph_after_it_is_the_lede():
    text = (
        "Mediators pause their work\n\n"
        "A year of rounds in four capitals ends with the mediator stepping back and no "
        "second truce in sight for the two sides\n\n"
        "Qatar's foreign ministry said on Saturday that it had frozen its mediation between "
        "Israel and Hamas.\n\nOfficials said the decision could be reversed."
    )
    report = read_report(text)
    assert report.paragraphs[report.lede].startswith("Qatar's foreign ministry")
    (collapse,) = [e for e in _extract(text, "2025-06-10").events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 6, 7)


def test_a_meeting_after_the_first_one_is_background_not_the_days_news():
    found = _rounds(_extract(
        "Qatar's prime minister sounded upbeat after the first Paris meeting, officials "
        "recalled.\n\nThe war has gone on for eight months.",
        "2025-06-10",
    ))
    assert not [r for r in found if r[1] == date(2025, 6, 10)]


def test_still_going_on_keeps_the_days_round_ongoing():
    (round_,) = _rounds(_extract(
        "DOHA (Wire) - Egyptian, Qatari and U.S. mediators sat down with Israeli negotiators "
        "in Doha on Tuesday to discuss a longer pause. The discussions were still going on "
        "late on Tuesday, a source said.",
        "2025-06-10",
    ))
    assert round_ == ("duha", date(2025, 6, 10), date(2025, 6, 10), "ongoing")


def test_the_past_days_of_talks_the_minister_spoke_of_date_the_round():
    (round_,) = _rounds(_extract(
        "Egypt's foreign minister said the past three days had seen intensive discussions "
        "in Cairo involving both delegations and the mediators.",
        "2025-03-20",
    ))
    assert round_[:3] == ("kairu", date(2025, 3, 17), date(2025, 3, 19))


def test_a_deal_brokered_in_the_lede_takes_the_day_of_its_announcement():
    extraction = _extract(
        "A truce in Gaza will start on Sunday, Egypt's president said, after mediators "
        "brokered a deal between Israel and Hamas.\n\nHe made the announcement in a "
        "televised speech in Cairo on Tuesday evening.",
        "2025-03-20",
    )
    (deal,) = [e for e in extraction.events if e.kind == "agreement"]
    assert deal.when.start == date(2025, 3, 18)


def test_a_syndication_note_is_no_part_of_the_story():
    report = read_report(
        "Truce to begin on Sunday\n\nThis article is a condensed version of a report first "
        "published by a partner paper. It has been edited for length and clarity.\n\n"
        "A truce in Gaza will begin on Sunday, mediators said, after days of talks in Doha."
    )
    assert report.paragraphs[report.lede].startswith("A truce in Gaza")
    assert not any("condensed" in p for p in report.paragraphs)


def test_days_of_negotiation_ending_on_a_day_run_back_from_it():
    (round_,) = _rounds(_extract(
        "Officials said four days of negotiation in the Qatari capital, ending on Wednesday, "
        "had brought the two delegations together with the mediators.",
        "2025-03-21",
    ))
    assert round_[:3] == ("duha", date(2025, 3, 16), date(2025, 3, 19))


def test_a_place_described_after_it_was_named_is_that_place():
    found = _rounds(_extract(
        "Israel and Hamas signed the deal in Sharm el-Sheikh on Thursday, officials said.\n\n"
        "Indirect negotiations had opened in the Red Sea resort on Monday between technical "
        "teams, and senior envoys joined them on Wednesday.",
        "2025-10-10",
    ))
    assert [r[:3] for r in found] == [("sharm al shaikh", date(2025, 10, 6), date(2025, 10, 9))]


def test_a_description_of_no_place_named_before_names_none():
    extraction = _extract(
        "Negotiators met in the Red Sea resort on Monday, officials said.",
        "2025-10-10",
    )
    assert not [e for e in extraction.entities if e.name == "Sharm el-Sheikh"]


def test_the_talks_that_opened_weeks_ago_run_from_that_day_to_their_end():
    (round_,) = _rounds(_extract(
        "DOHA (Wire) - Israel on Thursday called its negotiators home from indirect talks "
        "with Hamas in Doha, officials said.\n\nThe talks opened on Sunday, June 1, with "
        "mediators shuttling between the two delegations.",
        "2025-06-26",
    ))
    assert round_ == ("duha", date(2025, 6, 1), date(2025, 6, 26), "collapsed")


def test_a_team_that_returned_to_a_city_for_talks_places_them_there():
    found = _rounds(_extract(
        "Israeli negotiators returned to Cairo on Sunday for indirect talks through the "
        "Egyptian mediators, an official said.",
        "2025-06-26",
    ))
    assert [r[:2] for r in found] == [("kairu", date(2025, 6, 22))]


def test_of_two_venues_the_one_the_clause_dates_holds_the_talks():
    found = _rounds(_extract(
        "The Cairo round was meant to settle what began in Doha on 3 and 4 June, when the "
        "mediators said senior officials would meet again in Cairo the following week.\n\n"
        "Officials said the talks in Cairo would start on Sunday.",
        "2025-06-26",
    ))
    assert ("duha", date(2025, 6, 3), date(2025, 6, 4), "concluded") in found


def test_where_someone_was_killed_is_no_venue():
    found = _rounds(_extract(
        "A Hamas delegation was expected in Cairo next week, after contacts had stalled "
        "following the killing of a Hamas leader in Beirut on Jan. 2.",
        "2024-01-12",
    ))
    assert [p for p, *_ in found] == ["kairu"]


def _quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker_label, q.text) for q in _extract("Talks go on\n\n" + text,
                                                         "2025-07-10").quotes]


def test_one_of_the_sources_speaks_unnamed():
    assert _quotes(
        'Two sources told Reuters the team had no mandate. "The delegation cannot close a '
        'deal on its own," one of them said.'
    ) == [("one of them", "The delegation cannot close a deal on its own,")]


def test_the_accuser_speaks_not_the_accused():
    ((speaker, text),) = _quotes(
        'Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani accused Netanyahu of '
        '"state terrorism" and said talks were in doubt.'
    )
    assert (speaker, text) == ("Sheikh Mohammed bin Abdulrahman Al Thani", "state terrorism")


def test_a_quoted_clause_after_a_noun_is_a_quote_not_a_name():
    assert _quotes(
        'Hamas stayed away; political bureau member Hossam Badran told AFP the group "will '
        'not be involved" in the summit.'
    ) == [("Hossam Badran", "will not be involved")]


def test_a_statement_with_no_one_named_before_it_is_still_quoted():
    assert _quotes(
        'The families thanked the mediators, saying in a statement: "We will not rest until '
        'the last hostage is home."'
    ) == [("a statement", "We will not rest until the last hostage is home.")]


def test_two_given_names_share_the_surname_after_them():
    extraction = _extract(
        "Talks go on\n\nMacabit Mayer, whose nephews Gali and Ziv Berman are held in Gaza, "
        "spoke at the rally.",
        "2025-07-10",
    )
    names = {e.name for e in extraction.entities if e.kind == "person"}
    assert {"Gali Berman", "Ziv Berman"} <= names


def test_a_kibbutz_is_no_person():
    extraction = _extract(
        "Talks go on\n\nThe brothers were abducted from Kibbutz Kfar Aza, their aunt Macabit "
        'Mayer said, urging a deal "that saves everyone."',
        "2025-07-10",
    )
    assert "Kibbutz Kfar Aza" not in {e.name for e in extraction.entities if e.kind == "person"}


def test_a_live_entry_tells_its_today_from_its_own_stamp():
    text = (
        "Live: truce over\n\nKEY POINTS\n- Fighting resumed in Gaza.\n\n"
        "Sat 2 Dec, 18:52\nIsrael pulls its team\n\n"
        "Mossad director David Barnea has ordered his negotiators in Doha to return to Israel "
        "after the talks reached an impasse.\n\n"
        "Fri 1 Dec, 13:20\nMossad team in Qatar\n\n"
        "A Mossad team is in Doha today for talks with Qatari mediators, a source said."
    )
    extraction = _extract(text, "2023-12-02T19:05:00+02:00")
    assert ("duha", date(2023, 12, 1), date(2023, 12, 2), "collapsed") in _rounds(extraction)
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert collapse.when.start == date(2023, 12, 2)


def test_a_truce_extension_ends_no_round_of_talks():
    extraction = _extract(
        "On Tuesday, CIA director Bill Burns and Mossad chief David Barnea met Qatar's prime "
        "minister in Doha to discuss a next phase. Then, early on Thursday, the two sides "
        "agreed to one more day of the truce.",
        "2023-12-01",
    )
    (deal,) = [e for e in extraction.events if e.kind == "agreement"]
    assert deal.when.start == date(2023, 11, 30)
    assert ("duha", date(2023, 11, 28), date(2023, 11, 28), "concluded") in _rounds(extraction)


def test_an_envoy_who_hosted_several_mediators_held_a_round():
    found = _rounds(_extract(
        "US special envoy Steve Witkoff hosted Qatari Prime Minister Sheikh Mohammed bin "
        "Abdulrahman Al Thani and Turkish Foreign Minister Hakan Fidan in Miami on Friday.",
        "2025-12-21",
    ))
    assert [r[:2] for r in found] == [("miami", date(2025, 12, 19))]


def test_a_list_item_label_dates_the_meeting_it_heads():
    found = _rounds(_extract(
        "LOOKING BACK\n\nCairo, Nov. 23. A senior Hamas delegation met Egypt's intelligence "
        "chief Hassan Rashad in Cairo to discuss the second phase.\n\nThe truce holds.",
        "2025-12-21",
    ))
    assert [r[:2] for r in found] == [("kairu", date(2025, 11, 23))]


def test_a_weekend_session_and_the_weeks_round_stay_two_rounds():
    found = _rounds(_extract(
        "CAIRO (Wire) - Egypt had been hosting delegations from Hamas, Israel and Qatar since "
        "Tuesday, and they left on Thursday with no deal.\n\nThe week's talks followed a "
        "weekend session that also went nowhere. Hamas negotiators arrived in Cairo on "
        "Saturday and spent two days with the mediators before leaving on Sunday night.",
        "2024-05-09",
    ))
    assert ("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded") in found
    assert ("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded") in found


def test_an_envoy_who_saw_a_prime_minister_held_no_round():
    found = _rounds(_extract(
        "Steve Witkoff, the incoming envoy for the Middle East, saw Sheikh Mohammed bin "
        "Abdulrahman Al Thani in Doha last Friday, then travelled on to Jerusalem.",
        "2025-01-16",
    ))
    assert found == []


def test_talks_that_opened_by_pronoun_continued_and_a_clause_of_another_subject():
    found = _rounds(_extract(
        "Talks on the second phase were supposed to start in early February.\n\nThey finally "
        "opened in Cairo on Thursday 27 February. Talks continued the following day.\n\nThe "
        "Cairo sessions ended without an extension, and the first phase expired on 1 March.",
        "2025-03-18",
    ))
    assert [r[:3] for r in found] == [("kairu", date(2025, 2, 27), date(2025, 2, 28))]


def test_a_team_that_left_for_a_city_and_came_home_days_later_was_at_one_round():
    found = _rounds(_extract(
        "An Israeli team left for Doha on Monday 10 March to begin indirect talks with Hamas "
        "through the mediators.\n\nOn Friday Hamas made an offer that Israel dismissed. The "
        "Israeli negotiators came home from Doha the same day.",
        "2025-03-18",
    ))
    assert [r[:3] for r in found] == [("duha", date(2025, 3, 10), date(2025, 3, 14))]


def test_a_leader_who_left_for_a_city_as_the_round_began_did_not_take_it_there():
    found = _rounds(_extract(
        "The Doha round opened on July 6 with Israeli and Hamas teams in the Qatari capital. "
        "The round began as Netanyahu left for Washington, where he met Trump on July 7.",
        "2025-07-25",
    ))
    assert [r[0] for r in found] == ["duha"]


def test_a_day_inside_a_quotation_is_not_the_outcomes_day():
    extraction = _extract(
        "Earlier on Thursday, Netanyahu's office said: \"In light of the response Hamas "
        "delivered this morning, it has been decided to recall the negotiating team to "
        "Israel for further consultations.\"",
        "2025-07-25",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 7, 24)


def test_strikes_that_ended_the_calm_end_the_truce():
    extraction = _extract(
        "Israel's warplanes ended two months of relative calm in Gaza in the early hours of "
        "Tuesday, launching waves of strikes across the Strip.",
        "2025-03-18",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert (collapse.when.start, collapse.evidence["of"]) == (date(2025, 3, 18), "truce")


def test_who_hailed_or_welcomed_something_said_the_words_quoted():
    assert _quotes(
        'Israeli Prime Minister Benjamin Netanyahu hailed "a great day for Israel". UN '
        'Secretary-General Antonio Guterres welcomed the news as a "glimpse of hope".'
    ) == [("Benjamin Netanyahu", "a great day for Israel"),
          ("Antonio Guterres", "glimpse of hope")]


def test_may_the_month_hedges_nothing():
    extraction = _extract(
        "The round that resumed in Cairo on May 7 ended two days later with both delegations "
        "gone home.\n\nOn May 6 Hamas said the two sides had agreed a truce, officials said.",
        "2024-08-27",
    )
    assert ("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded") in _rounds(extraction)
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2024, 5, 6)
    ]


def test_list_items_run_into_one_paragraph_are_sentences_of_their_own():
    from bot.ingest.document.sentences import split_sentences
    texts = [s.text for s in split_sentences([
        "KEY POINTS - Fighting resumed on Friday. - A team met mediators in Doha on "
        "Saturday. • By evening it had been called home."
    ])]
    assert texts == ["KEY POINTS - Fighting resumed on Friday.",
                     "- A team met mediators in Doha on Saturday.",
                     "• By evening it had been called home."]


def test_a_city_named_as_a_description_is_what_there_points_back_to():
    found = _rounds(_extract(
        "Envoys from three countries met in Cairo on Monday.\n\nBoth spy chiefs had gone to "
        "the Egyptian capital before. They held talks there on Feb. 2, when the outline was "
        "first drafted.",
        "2024-03-20",
    ))
    assert ("kairu", date(2024, 2, 2), date(2024, 2, 2), "concluded") in found


def test_the_city_after_a_named_one_is_that_city():
    found = _rounds(_extract(
        "Negotiators met in Doha on Monday and left without a deal on Tuesday.\n\n"
        "Earlier rounds in Cairo went the same way. On March 3, a Hamas team came to the city "
        "for a session attended by Egyptian mediators and an Israeli delegation.",
        "2024-04-10",
    ))
    assert ("kairu", date(2024, 3, 3), date(2024, 3, 3), "concluded") in found


def test_a_truce_run_on_by_days_is_a_truce_extension_each_on_its_day():
    extraction = _extract(
        "The pause ended on Friday morning.\n\nThe arrangement was agreed on 22 November and "
        "took hold two days later. It was first stretched by two days on Monday, 27 November, "
        "and then by a single further day on Thursday, minutes before it was due to expire.\n\n"
        "The meeting followed an announcement late on Monday that the four-day truce, due to "
        "lapse that night, would run for an additional 48 hours.",
        "2023-12-02",
    )
    agreements = sorted((e.when.start, e.evidence["of"], e.title.split(":")[0])
                        for e in extraction.events if e.kind == "agreement")
    assert agreements == [
        (date(2023, 11, 22), "deal", "Agreement"),
        (date(2023, 11, 27), "truce", "Truce extended"),
        (date(2023, 11, 30), "truce", "Truce extended"),
    ]


def test_teams_brought_home_or_withdrawn_ended_the_talks_badly():
    for words in ("Israel has brought its negotiators home from Qatar",
                  "Israel withdrew its Mossad team from Doha"):
        extraction = _extract(f"{words} on Saturday, citing a dead end.", "2023-12-02")
        assert [e.when.start for e in extraction.events if e.kind == "collapse"] == [
            date(2023, 12, 2)
        ], words


def test_a_live_page_with_day_headings_dates_each_entry_by_the_day_above_its_time():
    extraction = _extract(
        "LIVE: Truce talks\n\nSaturday 2 December\n\n16:20\nTeam recalled\n\nIsrael "
        "recalled its negotiating team from Doha, the prime minister's office said in a "
        "statement that gave no reason.\n\nFriday 1 December\n\n09:10\nTalks go on\n\n"
        "A Mossad team has been in Doha since Thursday for talks with Qatari mediators on a "
        "new pause, a source briefed on the visit said.",
        "2023-12-02",
    )
    assert ("duha", date(2023, 11, 30), date(2023, 12, 2), "collapsed") in _rounds(extraction)


def test_talks_that_opened_and_did_not_end_take_in_the_meetings_of_the_week():
    found = _rounds(_extract(
        "Talks go on in Cairo\n\nIntensive contacts between Israeli, American and Egyptian "
        "teams began in Cairo on Thursday.\n\nOn Saturday, Egyptian and Qatari mediators met "
        "a Hamas delegation in the Egyptian capital to go through the proposal. The negotiating "
        "teams are remaining in Cairo for now.",
        "2024-08-25",
    ))
    assert found == [("kairu", date(2024, 8, 22), date(2024, 8, 25), "ongoing")]


def test_the_day_a_departure_was_told_yields_to_the_day_it_happened():
    found = _rounds(_extract(
        "CAIRO, May 10 (Wire) - Israeli and Hamas negotiators have left Cairo without an "
        "agreement, Egyptian media said Friday.\n\nThe two delegations flew out of the "
        "Egyptian capital on Thursday at the end of two days of indirect negotiations.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 8), date(2024, 5, 9), "concluded")]


def test_one_who_met_several_people_sat_at_a_table():
    found = _rounds(_extract(
        "An Israeli team led by David Barnea, with Ronen Bar alongside him, met William Burns, "
        "Sheikh Mohammed bin Abdulrahman Al Thani and Egyptian officials in Cairo on "
        "Tuesday.",
        "2024-02-14",
    ))
    assert [(r[0], r[1]) for r in found] == [("kairu", date(2024, 2, 13))]


def test_the_round_that_ended_days_later_is_the_one_told_as_begun():
    found = _rounds(_extract(
        "Strikes resumed on Tuesday.\n\nA Hamas team travelled to Doha on Monday, April 7, "
        "for indirect talks through Qatari mediators. The team was led by its deputy "
        "chief.\n\nAn envoy arrived the following day with a new offer. Israel dismissed it. "
        "The round ended that Thursday without agreement and the delegations flew home.\n\n"
        "Two days later, on Saturday, an Israeli team went to Cairo to meet senior Egyptian "
        "officials. The same day the envoy warned that the window for a Gaza truce deal "
        "was closing.",
        "2025-04-16",
    ))
    assert ("duha", date(2025, 4, 7), date(2025, 4, 10), "concluded") in found
    assert ("kairu", date(2025, 4, 12), date(2025, 4, 12), "concluded") in found


def test_an_attempt_that_took_place_is_a_round_and_a_mediation_on_hold_a_collapse():
    extraction = _extract(
        "Egypt's foreign ministry said on Saturday that its mediation between the two sides "
        "was on hold.\n\nThe last high-level attempt took place in Cairo on October 3.\n\n"
        "Analysts in Doha point to frustration with the use of negotiations to buy time.",
        "2024-11-10",
    )
    assert _rounds(extraction) == [("kairu", date(2024, 10, 3), date(2024, 10, 3), "concluded")]
    assert [e.when.start for e in extraction.events if e.kind == "collapse"] == [
        date(2024, 11, 9)
    ]


def test_the_talks_a_headline_places_are_those_the_report_tells_without_the_city():
    extraction = _extract(
        "How the Aqaba talks got over the line\n\nAnalysis\n\nFor two years the mediators "
        "failed. This week they did not.\n\nThe talks opened on Monday at a low level, with "
        "an Israeli team sitting apart from a Hamas delegation led by a leader who survived "
        "an Israeli strike on his home last month.\n\nIn the early hours of Thursday, "
        "Israeli and Hamas negotiators agreed the first phase of the plan.",
        "2025-10-10",
    )
    assert _rounds(extraction) == [
        ("akaba", date(2025, 10, 6), date(2025, 10, 9), "agreement")
    ]


def test_a_day_without_its_year_follows_the_year_its_sentence_wrote_out():
    extraction = _extract(
        "Talks opened in Doha on 6 July 2025 on a 60-day truce, only for Israel to recall "
        "its negotiators on 24 July after a reply it called unserious.",
        "2025-10-10",
    )
    assert _rounds(extraction) == [("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_truce_agreed_in_a_city_ends_a_round_there_unless_it_only_dates_another_thing():
    agreed = _rounds(_extract(
        "The second truce was finally agreed in Doha on 15 January 2025, days before the "
        "inauguration.",
        "2025-10-10",
    ))
    assert agreed == [("duha", date(2025, 1, 15), date(2025, 1, 15), "agreement")]
    assert _rounds(_extract(
        "* Aqaba, Oct. 13. Leaders met at a summit at the resort, days after the first-phase "
        "deal was agreed there.",
        "2025-10-20",
    )) == []


def test_a_list_item_that_opens_with_its_day_dates_what_it_tells():
    found = _rounds(_extract(
        "Catch up: the last four days\n\n- Monday: Hamas said it had accepted the proposal.\n\n"
        "- Tuesday: Troops took the crossing. The talks reopened in Cairo, with an Israeli "
        "delegation and a Hamas delegation.\n\n- Thursday (today): Delegations began "
        "leaving. Hamas says its negotiating team has left Cairo for Doha.",
        "2024-05-09",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


def test_the_paris_talks_are_of_the_day_the_paragraph_gave_paris():
    found = _rounds(_extract(
        "Where the talks stand\n\nThe breakthrough on paper came in Paris on Sunday, Jan. 28. "
        "Four spy chiefs drew up a framework. Netanyahu's office called the Paris talks "
        "constructive but said significant gaps remained.",
        "2024-02-14",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_an_effort_that_came_to_a_halt_ends_the_round_the_headline_places():
    extraction = _extract(
        "Another Doha round, another recall\n\nFor almost three weeks, negotiators in the "
        "Qatari capital worked on a 60-day truce. On Thursday, the effort came to an abrupt "
        "halt.\n\nIsrael recalled its negotiating team for consultations hours after a "
        "reply.\n\nThe round opened on Sunday, July 6, the eve of a visit to Washington.\n\n"
        "Mediators in Cairo and Doha say they expect talks to resume next week.",
        "2025-07-26",
    )
    found = _rounds(extraction)
    assert ("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed") in found
    assert all(status == "scheduled" for _, start, _, status in found
               if start > date(2025, 7, 26))


def test_a_deal_both_sides_accepted_or_one_announced_is_an_agreement_on_its_day():
    extraction = _extract(
        "Qatar announced on Nov. 22 that Israel and Hamas had accepted a four-day pause.\n\n"
        "Hamas said on Monday it had accepted a ceasefire proposal.\n\nThe original pause, "
        "which Qatar announced last Wednesday, took hold on Friday morning.",
        "2023-11-28",
    )
    assert sorted({e.when.start for e in extraction.events if e.kind == "agreement"}) == [
        date(2023, 11, 22)
    ]


def test_a_headline_truce_stretched_before_the_news_is_no_outcome_of_the_meeting():
    extraction = _extract(
        "DOHA, Nov 28 (Wire) - The directors of the CIA and Mossad sat down with Qatar's prime "
        "minister in Doha on Tuesday to build on the pause, a source said.",
        "2023-11-28",
        title="Spy chiefs huddle in Doha after Gaza pause is stretched by two days",
    )
    assert _rounds(extraction) == [("duha", date(2023, 11, 28), date(2023, 11, 28), "concluded")]


def test_two_days_of_talks_on_two_named_days_are_those_days():
    found = _rounds(_extract(
        "That last attempt was two days of talks in Doha on Oct. 27 and 28 that brought "
        "together the spy chiefs, and it ended without agreement.",
        "2024-11-10",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [("duha", date(2024, 10, 27), date(2024, 10, 28))]


def test_a_city_named_as_a_backer_lends_its_paragraph_day_to_no_talks():
    found = _rounds(_extract(
        "A joint statement described the talks in the Qatari capital as serious. The text, "
        "presented with the backing of Doha and Cairo, builds on the framework set out by "
        "the president on May 31.",
        "2024-08-16",
    ))
    assert all(start != date(2024, 5, 31) for _, start, _, _ in found)


def test_a_headline_deal_the_report_dated_days_before_is_that_deal():
    extraction = _extract(
        "Qatar's prime minister said on Wednesday night that Israel and Hamas had reached a "
        "ceasefire and hostage-exchange agreement after talks in Doha.",
        "2025-01-17",
        title="Gaza truce deal sealed in Doha, to take effect Sunday",
    )
    assert [e.when.start for e in extraction.events if e.kind == "agreement"] == [
        date(2025, 1, 15)
    ]


def test_a_reserve_general_in_a_list_does_not_end_the_sentence():
    from bot.ingest.document.sentences import split_sentences
    texts = [s.text for s in split_sentences([
        "The team, which included Brig. Gen. (res.) Gal Hirsch and Ophir Falk, had flown "
        "to the Qatari capital for indirect contacts with Hamas."
    ])]
    assert len(texts) == 1


def test_a_team_flown_somewhere_for_indirect_contacts_held_a_round_there():
    found = _rounds(_extract(
        "The team had flown to the Qatari capital on March 3 for indirect contacts with "
        "Hamas through Qatari and Egyptian mediators.",
        "2025-03-18",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2025, 3, 3))]


def test_a_follow_up_that_broke_up_in_deadlock_was_a_round_that_collapsed():
    found = _rounds(_extract(
        "Two days of talks in Doha on August 15 and 16 ended with a bridging proposal. But "
        "the follow-up in Cairo on August 25 broke up in deadlock, with neither side "
        "accepting the compromises offered.",
        "2024-11-10",
    ))
    assert ("kairu", date(2024, 8, 25), date(2024, 8, 25), "collapsed") in found


def test_words_dismissed_by_someone_are_that_one_s():
    extraction = _extract(
        "The group's reply, with a demand for a permanent ceasefire, was dismissed by "
        "Benjamin Netanyahu last week as \"delusional\".",
        "2024-02-14",
    )
    assert [(q.speaker_key is not None, q.speaker_label, q.text) for q in extraction.quotes] == [
        (True, "Benjamin Netanyahu", "delusional")
    ]


def test_an_office_named_by_its_country_is_the_one_who_held_it_that_day():
    extraction = _extract(
        "The US president broke the news himself on Truth Social: \"Israel and Hamas have "
        "both signed off on the first Phase of our Peace Plan.\"\n\nIn a post on Saturday, "
        "Israel's prime minister said: \"That is why I sent a delegation.\"",
        "2025-10-10",
    )
    assert [q.speaker_label for q in extraction.quotes] == [
        "The US president", "Israel's prime minister"
    ]
    assert [q.speaker_key for q in extraction.quotes] == [
        name_key("Donald Trump"), name_key("Benjamin Netanyahu")
    ]
    earlier = _extract("The US president said: \"We are very close.\"", "2023-11-20")
    assert earlier.quotes[0].speaker_key == name_key("Joe Biden")


def test_the_heads_of_two_agencies_who_held_talks_with_a_premier_held_a_round():
    found = _rounds(_extract(
        "DOHA, Nov 28 (Wire) - The heads of the CIA and Israel's Mossad held talks with "
        "Qatar's prime minister in Doha on Tuesday, a source said.",
        "2023-11-28",
    ))
    assert [(r[0], r[1]) for r in found] == [("duha", date(2023, 11, 28))]


def test_a_delegation_that_flew_somewhere_and_spent_days_with_mediators_held_a_round():
    found = _rounds(_extract(
        "CAIRO TALKS\n\nAn Israeli delegation flew to Cairo on Thursday and spent two days with "
        "Egyptian, Qatari and US officials. By Friday evening the Israelis were on their way "
        "home.\n\nThe effort had revived in December. A working-level Israeli team spent "
        "around ten days in Doha that month before coming home for consultations.",
        "2025-03-01",
    ))
    assert ("kairu", date(2025, 2, 27), date(2025, 2, 28), "concluded") in found
    assert ("duha", date(2024, 12, 1), date(2024, 12, 31), "concluded") in found


def test_a_live_entry_s_undated_meeting_is_of_the_entry_s_day():
    extraction = _extract(
        "LIVE Negotiators reconvene\n\nSATURDAY 24 FEBRUARY\n\n18:05 CET\nThe war cabinet "
        "is due to hear a report from the officials this evening.\n\nFRIDAY 23 FEBRUARY\n\n"
        "22:40 CET\nThe Israeli delegation has left Paris and is flying home, an official "
        "said.\n\n14:10 CET\nThe meeting is under way at an undisclosed location in Paris.",
        "2024-02-24",
    )
    assert _rounds(extraction) == [("paris", date(2024, 2, 23), date(2024, 2, 23), "concluded")]


def test_the_four_players_who_met_somewhere_held_a_round_there():
    found = _rounds(_extract(
        "WHAT HAPPENED\n\n- The four key players met in the Italian capital on Sunday: the "
        "CIA director, the Mossad chief, Qatar's prime minister and Egypt's intelligence "
        "chief.\n\n- The session ended without a breakthrough.",
        "2024-07-29",
    ))
    assert found == [("ruma", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_a_round_reopened_days_before_its_live_entries_is_the_same_round():
    found = _rounds(_extract(
        "LIVE Cairo round ends\n\nThursday, 9 May 2024\n\n20:10\nAn Israeli official says "
        "Israel considers this round of negotiations in Cairo finished.\n\n16:50\nHamas says "
        "its negotiating team has left Cairo for Doha.\n\n09:30 Catch up\n\n- Tuesday: The "
        "talks reopened in Cairo, with an Israeli delegation and a Hamas delegation.",
        "2024-05-09",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


def test_a_team_sent_to_a_city_went_there_for_the_talks():
    extraction = _extract(
        "The prime minister sent a working-level team to the Qatari capital on Saturday, "
        "February 8, with a mandate limited to technical questions.",
        "2025-02-28",
    )
    assert [(r[0], r[1]) for r in _rounds(extraction)] == [("duha", date(2025, 2, 8))]


def test_a_team_that_wrapped_up_its_stint_and_flew_home_ended_the_round_there():
    found = _rounds(_extract(
        "Indirect talks in the Qatari capital picked up pace in mid-December. On Tuesday, "
        "December 17, Hamas said serious discussions had taken place that day in Doha.\n\n"
        "Then momentum faded. On Tuesday, December 24, Israel's working-level team wrapped up "
        "its stint in Doha and flew home for consultations.",
        "2024-12-26",
    ))
    assert found == [("duha", date(2024, 12, 17), date(2024, 12, 24), "concluded")]


def test_what_is_planned_after_a_round_that_ended_is_the_next_round():
    found = _rounds(_extract(
        "Four days of talks in Cairo ended on Sunday night without an agreement, sources said."
        "\n\nA US official described the discussions as constructive and said the work would "
        "now pass to working groups, which will meet in the Egyptian capital this week.",
        "2024-08-26",
    ))
    assert found == [("kairu", date(2024, 8, 22), date(2024, 8, 25), "concluded"),
                     ("kairu", date(2024, 8, 26), date(2024, 9, 1), "scheduled")]


def test_a_live_headline_with_menu_words_is_the_title_and_clock_headlines_stamp_entries():
    report = read_report(
        "Skip to main content\nHome | News | Video | Podcasts\n\n"
        "LIVE: Truce over as fighting resumes; Israel calls negotiators home from Doha\n\n"
        "Key points\n- The pause in Gaza ended on Friday morning\n\n"
        "Saturday 2 December\n\n18:40 - Envoy calls emir after talks stall\n\n"
        "The envoy spoke by phone with the emir after the negotiations in Doha ran aground.\n\n"
        "Friday 1 December\n\n07:10 - Truce expires\n\n"
        "The pause ran out at 7am on Friday without a further extension."
    )
    assert report.title == "Truce over as fighting resumes; Israel calls negotiators home from Doha"
    stamped = dict(zip(report.paragraphs, report.stamps, strict=True))
    assert stamped["The envoy spoke by phone with the emir after the negotiations in Doha ran "
                   "aground."] == "Saturday 2 December, 18:40"
    assert "18:40 - Envoy calls emir after talks stall" not in report.paragraphs


def test_a_participle_set_off_by_commas_tells_of_its_own_noun_not_the_round():
    found = _rounds(_extract(
        "The directors of the CIA and of Mossad held talks with Qatar's prime minister in Doha "
        "on Tuesday on how to "
        "turn a truce, stretched by two days only a day earlier, into a wider deal.",
        "2023-11-28",
    ))
    assert found == [("duha", date(2023, 11, 28), date(2023, 11, 28), "concluded")]


def test_after_an_apposition_the_verb_between_commas_is_the_sentences_own():
    extraction = _extract(
        "Talks in Doha had run for days. On Saturday, David Barnea, head of Mossad, ordered "
        "his negotiating team to leave Doha, officials said.",
        "2023-12-03",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert (collapse.when.start, collapse.place_key) == (date(2023, 12, 2), "duha")


def test_sides_that_went_on_negotiating_in_a_city_held_a_round_there():
    found = _rounds(_extract(
        "People briefed on the contacts said Israel and Hamas went on negotiating indirectly "
        "in Doha on Friday, with Qatari officials carrying messages between them.",
        "2023-12-02",
    ))
    assert [(place, start) for place, start, _, _ in found] == [("duha", date(2023, 12, 1))]


def test_the_first_meeting_since_a_day_when_they_met_elsewhere_dates_that_meeting_to_the_day():
    found = _rounds(_extract(
        "Envoys met in Cairo on Tuesday. Tuesday's meeting was the first gathering of the "
        "four-way mediation group since 28 January, when the spy chiefs met in Paris and "
        "produced an outline for a truce.",
        "2024-02-14",
    ))
    assert ("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded") in found


def test_a_later_clause_that_says_the_talks_broke_up_ends_the_round_its_sentence_opened():
    found = _rounds(_extract(
        "This week's session followed a weekend round. A Hamas delegation arrived in Cairo on "
        "Saturday to meet Egyptian and Qatari mediators, but the talks broke up on Sunday with "
        "no breakthrough.",
        "2024-05-09",
    ))
    assert found == [("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded")]


def test_the_talks_which_opened_and_ran_through_days_give_the_round_its_run():
    found = _rounds(_extract(
        "The high-level round in the Egyptian capital wound up on Sunday without a final "
        "agreement, a US official said. The official described the talks, which opened on "
        "Thursday and ran through Sunday, as constructive.",
        "2024-08-26",
    ))
    assert found == [("kairu", date(2024, 8, 22), date(2024, 8, 25), "concluded")]


def test_the_day_of_a_call_or_a_statement_is_not_the_day_of_the_meeting_it_led_to():
    found = _rounds(_extract(
        "Two days of talks in Doha ended on Friday. The Doha meeting answered a call issued on "
        "August 8 by the three leaders. The mediators had called the Doha meeting in an "
        "August 8 statement by the leaders.",
        "2024-08-17",
    ))
    assert found == [("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded")]


def test_a_season_named_from_the_reports_day_moves_the_storys_year_back_to_it():
    extraction = _extract(
        "The week's success followed many false dawns since late 2023.\n\nThis summer, three "
        "weeks of proximity talks in Doha ended on July 24 when Washington and Israel called "
        "their negotiators home.",
        "2025-10-10",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 7, 24)


def test_titled_names_listed_before_met_are_a_meeting_of_them():
    found = _rounds(_extract(
        "In Rome on July 28 last year, CIA Director William Burns, Mossad chief David Barnea "
        "and then-intelligence chief Abbas Kamel met to close the gaps on a phased deal.",
        "2025-10-10",
    ))
    assert found == [("ruma", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_a_days_of_sessions_told_without_a_venue_never_dates_the_next_round():
    found = _rounds(_extract(
        "Talks in the Qatari capital wrapped up on Friday with a bridging proposal. Senior "
        "officials would reconvene in Cairo in the coming week, they said.\n\nQatar's prime "
        "minister chaired the sessions, which began on Thursday.",
        "2024-08-17",
    ))
    assert ("kairu", date(2024, 8, 18), date(2024, 8, 25), "scheduled") in found


def _quoted(text: str) -> list[tuple[str, str]]:
    return [(q.speaker_label, q.text) for q in _extract(text, "2025-01-18").quotes]


def test_an_unnamed_source_never_reaches_back_into_the_sentence_before():
    assert _quoted("Hamas was not represented at the table. A Hamas official told AFP the "
                   "movement remained \"open to discussing any initiative\".") == [
        ("a Hamas official", "open to discussing any initiative")]


def test_an_office_named_in_capitals_or_the_group_speaks_as_a_body():
    assert _quoted("In a post on X, the Prime Minister's Office said the agreement \"supports "
                   "the achievement of the objectives of the war\".") == [
        ("the Prime Minister's Office", "supports the achievement of the objectives of the war")]
    assert _quoted("Hamas has so far refused. In a statement on Monday, the group said it was "
                   "\"ready to immediately begin negotiations for the second phase\".") == [
        ("the group", "ready to immediately begin negotiations for the second phase")]


def test_writing_on_social_media_attributes_the_words_after_the_colon():
    assert _quoted("President-elect Donald Trump was first to go public, writing on social "
                   "media: \"We have a deal for the hostages in the Middle East.\"") == [
        ("Donald Trump", "We have a deal for the hostages in the Middle East.")]


def test_a_timelines_date_headings_date_the_entries_under_them():
    extraction = _extract(
        "TIMELINE: Three months that led to the deal\n\n"
        "Qatar's prime minister announced late on Wednesday that Israel and Hamas had reached "
        "an agreement on a ceasefire.\n\n"
        "24 October 2024\nAn Egyptian delegation receives a Hamas delegation in Cairo to "
        "explore restarting negotiations.\n\n"
        "9 November\nWith the talks at an impasse, Qatar informs both sides that it is "
        "suspending its mediation.\n\n"
        "24 December\nNetanyahu calls the Israeli negotiating team back from Doha for "
        "consultations.\n\n"
        "3 January 2025\nAn Israeli team arrives in Doha, and indirect talks resume.\n\n"
        "12 January\nBarnea joins the talks in Doha.\n\n"
        "15 January\nAgreement announced in Doha.",
        "2025-01-16",
    )
    rounds = _rounds(extraction)
    assert ("kairu", date(2024, 10, 24), date(2024, 10, 24), "concluded") in rounds
    assert ("duha", date(2025, 1, 3), date(2025, 1, 15), "agreement") in rounds
    collapses = sorted(e.when.start for e in extraction.events if e.kind == "collapse")
    assert collapses == [date(2024, 11, 9), date(2024, 12, 24)]


def test_teams_recalled_in_the_plural_end_the_round_the_report_opened_before():
    extraction = _extract(
        "ISTANBUL — Israel and the United States have both recalled their negotiating teams "
        "from Doha, where weeks of indirect talks have failed to produce an agreement.\n\n"
        "The round opened in the Qatari capital on Sunday, July 6, hours before Netanyahu flew "
        "to Washington for his meeting with President Donald Trump.",
        "2025-07-25",
    )
    assert [(place, start, status) for place, start, _, status in _rounds(extraction)] == [
        ("duha", date(2025, 7, 6), "collapsed")]
    assert [e.place_key for e in extraction.events if e.kind == "collapse"] == ["duha"]


def test_a_stay_since_a_weekday_of_last_week_and_a_drawdown_in_two_recalls():
    extraction = _extract(
        "Israel is bringing the rest of its negotiators home from Doha, where indirect talks "
        "have stalled, Israeli media reported on Thursday.\n\n"
        "The move completes a drawdown that started on Tuesday, when the prime minister's "
        "office said the senior members of the team were returning for consultations.\n\n"
        "The Israeli negotiators had been in Qatar since Tuesday of last week.",
        "2025-05-22",
    )
    assert _rounds(extraction) == [("duha", date(2025, 5, 13), date(2025, 5, 22), "collapsed")]
    assert sorted(e.when.start for e in extraction.events if e.kind == "collapse") == [
        date(2025, 5, 20), date(2025, 5, 22)]


def test_the_saturday_after_the_next_day_names_that_day_and_ordered_it_home_ends_it():
    found = _rounds(_extract(
        "The rhythm has held since the November truce fell apart on December 1. The next "
        "day, a Mossad team spent the Saturday in talks with Qatari mediators in Doha, and by "
        "evening Barnea had ordered it home, citing a dead end.",
        "2024-03-27",
    ))
    assert found == [("duha", date(2023, 12, 2), date(2023, 12, 2), "collapsed")]


def test_a_delegation_that_came_to_a_city_at_a_countrys_invitation_met_in_the_city():
    found = _rounds(_extract(
        "On Sunday, April 7, a Hamas delegation came to Cairo at Egypt's invitation, where the "
        "CIA director and an Israeli team were also on hand.",
        "2024-06-01",
    ))
    assert [(place, start) for place, start, _, _ in found] == [("kairu", date(2024, 4, 7))]


def test_the_same_cast_gathered_in_a_city_is_a_round_there():
    found = _rounds(_extract(
        "On July 8 and 9, Burns held talks in Cairo with Egyptian officials. The following "
        "day, Wednesday July 10, the same cast gathered in Doha: Burns, Barnea and the Qatari "
        "premier.",
        "2024-07-29",
    ))
    assert ("duha", date(2024, 7, 10), date(2024, 7, 10), "concluded") in found


def test_talks_begun_in_an_earlier_days_entry_of_a_live_page_are_over_by_its_later_days():
    found = _rounds(_extract(
        "LIVE: Hostage talks in Paris\n\n=== Monday, January 29 ===\n\n9:05 am\n\n"
        "Blinken says very important work has been done.\n\n=== Sunday, January 28 ===\n\n"
        "6:15 pm\n\nThe session at an undisclosed venue in Paris has brought together the CIA "
        "director and the Mossad chief. The Qatari and Egyptian teams arrived in France on "
        "Saturday.",
        "2024-01-29",
    ))
    assert [(place, status) for place, _, _, status in found] == [("paris", "concluded")]


def test_he_is_the_person_the_sentence_before_was_about_when_the_others_are_objects():
    assert _quoted(
        "US Secretary of State Antony Blinken visited the region this week, holding talks "
        "with Prime Minister Benjamin Netanyahu in Jerusalem on Monday. In Israel he described "
        "the push as \"maybe the last opportunity\" to bring the hostages home.") == [
        ("Antony Blinken", "maybe the last opportunity")]
    # "Netanyahu met Witkoff": either may have spoken.
    assert _quoted("Netanyahu met Witkoff on Monday. \"It was a good meeting,\" he said.") == [
        ("he", "It was a good meeting,")]


def test_people_who_met_are_the_meeting_though_a_source_calls_it_a_visit():
    found = _rounds(_extract(
        "CIA Director Bill Burns and Mossad chief David Barnea met Qatar's Prime Minister "
        "Sheikh Mohammed bin Abdulrahman Al Thani in Doha on Tuesday, in an effort to lengthen "
        "the pause, a source briefed on the visit said.",
        "2023-11-28",
    ))
    assert found == [("duha", date(2023, 11, 28), date(2023, 11, 28), "concluded")]


def test_a_date_joined_to_a_truce_by_and_is_the_day_it_fell_apart():
    extraction = _extract(
        "The ceasefire agreed in January held for two months, but when talks stalled, Israel "
        "resumed its bombardment on 18 March and the truce fell apart.",
        "2025-07-25",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 3, 18)


def test_the_sides_that_signed_the_first_phase_made_an_agreement():
    extraction = _extract(
        "SHARM EL-SHEIKH, Egypt, Oct 9 (AFP) - Israel and Hamas signed the first phase of a US "
        "plan to end the war in Gaza on Thursday morning, after three days of indirect "
        "negotiations at this Red Sea resort.",
        "2025-10-09",
    )
    assert [(e.kind, e.when.start) for e in extraction.events if e.kind == "agreement"] == [
        ("agreement", date(2025, 10, 9))]
    assert [status for *_, status in _rounds(extraction)] == ["agreement"]


def test_a_team_called_home_hours_later_ends_the_round_that_opened_weeks_before():
    found = _rounds(_extract(
        "On Thursday morning Hamas handed the mediators its answer. A few hours later, the "
        "prime minister's office said Israel's negotiating team was being called home from "
        "Doha for consultations.\n\nHow long had the talks been going on? The round opened in "
        "the Qatari capital on the 6th, a Sunday.",
        "2025-07-25",
    ))
    assert found == [("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_second_verb_of_the_sentence_has_its_subject_not_the_nearest_name():
    assert _quoted(
        "Izzat al-Rishq, a member of the Hamas political bureau, said on Telegram that the "
        "delegation had left Cairo. He repeated that Hamas stood by the Egyptian-Qatari "
        "proposal it endorsed on Monday, and accused Israel of using its assault on Rafah to "
        "\"block all efforts made by mediators\".") == [
        ("Izzat al-Rishq", "block all efforts made by mediators")]


def test_the_envoy_is_the_person_the_report_titled_envoy():
    assert _quoted(
        "US special envoy Steve Witkoff arrived in Doha on Sunday.\n\nSpeaking to Fox News on "
        "Monday, the envoy said the process needed firm timelines. \"We need deadlines,\" he "
        "said.") == [("Steve Witkoff", "We need deadlines,")]
    # Nobody titled envoy before: the words stay the unnamed envoy's.
    assert _quoted("Netanyahu met the envoy on Monday. \"It was good,\" the envoy said.") == [
        ("the envoy", "It was good,")]


def test_a_statement_from_a_leaders_office_is_the_offices_and_so_called_words_no_quote():
    assert _quoted(
        "Netanyahu and Katz ordered the strikes, according to a statement from Netanyahu's "
        "office, which blamed Hamas's \"repeated refusal to release our hostages\".") == [
        ("a statement", "repeated refusal to release our hostages")]
    assert _quoted("Netanyahu insists on keeping troops along the so-called \"Philadelphi "
                   "corridor\" on Gaza's border.") == []


def test_a_round_known_only_by_a_recall_is_unconfirmed_while_the_recall_is_stated():
    extraction = _extract(
        "24 December: Prime Minister Benjamin Netanyahu calls the Israeli negotiating team "
        "back from Doha for consultations.",
        "2025-01-16",
    )
    (round_,) = [e for e in extraction.events if e.kind == "round"]
    assert round_.unconfirmed and round_.status == "collapsed"
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert not collapse.unconfirmed and collapse.when.start == date(2024, 12, 24)


def test_a_second_wire_story_and_a_shouted_list_heading_are_not_the_story():
    report = read_report(
        "Talks collapse in Doha\n\nDOHA, July 24 (Reuters) - Israel recalled its team from "
        "Doha on Thursday, officials said.\n\nThe talks had run for three weeks.\n\n"
        "Mediators said they would keep trying.\n\nHamas said it was surprised.\n\n"
        "1. SPY CHIEF IN, SPY CHIEF OUT\n\nRead more:\n- Families rally in Tel Aviv\n\n"
        "MARKETS-GULF/\nGulf bourses mixed\n\nDUBAI, July 24 (Reuters) - Most stock markets "
        "in the Gulf ended mixed on Thursday as investors weighed earnings."
    )
    assert not any("bourses" in p or "stock markets" in p or "SPY CHIEF" in p
                   for p in report.paragraphs)
    assert "Mediators said they would keep trying." in report.paragraphs
    (extraction,) = [_extract("Recall that a Hamas delegation spent several days in Cairo "
                              "from March 3 to March 7.", "2024-03-19")]
    assert [e.kind for e in extraction.events if e.kind == "collapse"] == []


def test_a_timelines_present_tense_entries_are_rounds_of_their_heading_days():
    found = _rounds(_extract(
        "From handshake to airstrikes: how the truce unravelled\n\n"
        "Israel's strikes on Tuesday brought the ceasefire to an end.\n\n"
        "17 February\nAn Israeli team travels to Cairo for talks with Egyptian mediators.\n\n"
        "27-28 February\nIsraeli, Qatari and US delegations hold two days of talks in Cairo. "
        "They end without agreement.\n\n"
        "10 March\nIsraeli negotiators fly to Doha for talks with the mediators.",
        "2025-03-19",
    ))
    assert [(place, start) for place, start, _, _ in found][:2] == [
        ("kairu", date(2025, 2, 17)), ("kairu", date(2025, 2, 27))]


def test_talks_halted_until_they_reconvene_are_concluded_from_the_day_they_commenced():
    # Written for the rule: a paused round is over for now, and "this latest series of
    # talks ... commenced on Thursday" is the round's first day, not a summary of rounds.
    found = _rounds(_extract(
        "Truce talks in Rome were paused on Sunday, and the envoys plan to reconvene next "
        "week to finish the text, the mediators said.\n\nThis latest series of talks, which "
        "has come and gone over many months, commenced between the envoys and the "
        "mediators on Saturday.",
        "2024-03-10",
    ))
    assert found == [("ruma", date(2024, 3, 9), date(2024, 3, 10), "concluded")]


def test_a_series_of_talks_without_latest_still_sums_up_many_rounds():
    found = _rounds(_extract(
        "A series of talks in Rome failed to bridge the gaps between the two sides.",
        "2024-03-10",
    ))
    assert found == []


def test_a_clause_telling_the_talks_over_takes_the_day_the_sentence_was_told():
    # Written for the rule: the day a source was quoted on dates the departure it told.
    extraction = _extract(
        "The Hamas delegation has left the Jordanian capital following talks on a truce and "
        "will return with a written reply, according to sources quoted by Al Mamlaka on "
        "Tuesday.",
        "2024-04-30",
    )
    rounds = [e for e in extraction.events if e.kind == "round"]
    assert [(e.place_key, e.when.start, e.when.end, e.status) for e in rounds] == [
        ("aman", date(2024, 4, 30), date(2024, 4, 30), "concluded")]


def test_talks_a_meeting_set_out_to_restart_keep_their_old_breakdown_to_themselves():
    found = _rounds(_extract(
        "Mediators and a Hamas delegation met in Amman on Thursday to restart truce "
        "negotiations between the two sides, which broke down without an agreement.",
        "2024-10-24",
    ))
    assert len(found) == 1 and found[0][0] == "aman" and found[0][3] != "collapsed"


def test_a_city_named_where_the_talks_took_place_is_their_venue():
    found = _rounds(_extract(
        "The truce will begin on Sunday, the Jordanian foreign minister said at a news "
        "conference in Amman on Wednesday, where the negotiations took place.",
        "2025-01-15",
    ))
    assert [(r[0], r[1]) for r in found] == [("aman", date(2025, 1, 15))]


def test_a_report_that_places_no_talks_dates_the_dateline_citys():
    found = _rounds(_extract(
        "AMMAN: The foreign minister announced on Wednesday that a truce had been reached.\n\n"
        "He said the past four days had seen intensive discussions among all the parties.",
        "2025-01-15",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("aman", date(2025, 1, 11), date(2025, 1, 15))]


def test_what_went_on_meanwhile_does_not_sink_the_ledes_round():
    found = _rounds(_extract(
        "AMMAN (AP) — The first session of a new round of indirect negotiations ended late "
        "Sunday without a breakthrough, officials said Monday, as the prime minister headed "
        "to Washington for talks with the president.",
        "2025-07-07",
    ))
    assert found == [("aman", date(2025, 7, 6), date(2025, 7, 6), "concluded")]


def test_the_directors_of_two_agencies_meeting_a_mediator_are_a_table_not_a_call():
    found = _rounds(_extract(
        "AMMAN, Nov 28 (Reuters) - The directors of the U.S. Central Intelligence Agency and "
        "Israel's Mossad held talks with the Jordanian foreign minister in Amman on Tuesday, "
        "a source said.",
        "2023-11-28",
    ))
    assert found == [("aman", date(2023, 11, 28), date(2023, 11, 28), "concluded")]


def test_a_stay_told_since_a_day_ends_the_day_the_delegations_left():
    # A colon ends the clause of "Efforts to ...", whose hedge says nothing of "left"; a
    # country that "had hosted" delegations places them; their stay ends when they left.
    found = _rounds(_extract(
        "Efforts to pause the war came up short once more: the delegations left the "
        "Jordanian capital on Thursday with no truce in hand.\n\n"
        "Jordan had hosted delegations from both sides since Tuesday, state media said.",
        "2024-05-10",
    ))
    assert found == [("aman", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


def test_a_team_led_to_a_city_for_a_round_with_mediators_met_there():
    found = _rounds(_extract(
        "On July 5, Barnea led an Israeli team to Amman for a first round with the "
        "mediators; he came home that evening.",
        "2024-07-29",
    ))
    assert [(r[0], r[1]) for r in found] == [("aman", date(2024, 7, 5))]


def test_a_negotiator_back_in_his_capital_after_talks_ended_them():
    found = _rounds(_extract(
        "The Mossad chief is back in Israel after talks in Amman on Sunday with the "
        "mediators, his office said.",
        "2024-07-29",
    ))
    assert found == [("aman", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_the_day_a_statement_was_issued_does_not_date_the_meeting_it_called():
    found = _rounds(_extract(
        "The Amman meeting was called by the three leaders, who said in a statement last "
        "Thursday that a framework was on the table.",
        "2024-08-16",
    ))
    assert found and all(r[1] != date(2024, 8, 8) for r in found)


def test_an_envoy_who_flew_to_a_city_for_another_session_held_it_there():
    extraction = _extract(
        "Burns flew to Amman for another session on 7 April, attended by a Hamas "
        "delegation.",
        "2024-06-03",
    )
    assert [(e.place_key, e.when.start, e.unconfirmed) for e in extraction.events
            if e.kind == "round"] == [("aman", date(2024, 4, 7), False)]


def test_a_mossad_team_in_a_city_today_to_discuss_the_truce_is_a_round_there():
    found = _rounds(_extract(
        "A source said a team from the Israeli Mossad is in Amman today to discuss the "
        "resumption of the truce with the mediators.",
        "2023-12-02",
    ))
    assert found == [("aman", date(2023, 12, 2), date(2023, 12, 2), "ongoing")]


def test_a_weekday_date_stamp_is_no_part_of_the_lede_and_have_met_is_the_days_news():
    extraction = _extract(
        "Monday, January 29, 2024 – Top CIA officials have met Egyptian, Qatari, and Israeli "
        "intelligence bosses in Amman ahead of a possible deal.",
        "2024-01-29",
    )
    assert extraction.sentences[0].text.startswith("Top CIA officials")
    assert _rounds(extraction) == [("aman", date(2024, 1, 29), date(2024, 1, 29), "concluded")]


def test_one_sides_officials_gathering_is_no_round():
    found = _rounds(_extract(
        "Jets struck a building in Amman where senior Hamas officials had gathered to study "
        "the proposal.",
        "2025-09-10",
    ))
    assert found == []


def test_the_month_of_a_truce_does_not_date_the_talks_it_followed():
    found = _rounds(_extract(
        "He was involved in earlier pushes. A short-lived truce in November came into effect "
        "after his participation in talks in Amman.",
        "2024-03-16",
    ))
    assert all(r[1] != date(2023, 11, 1) for r in found)


def test_negotiations_in_a_city_that_reached_a_dead_end_collapsed():
    found = _rounds(_extract(
        "The truce negotiations in Amman reached a dead end on Thursday without an agreement.",
        "2024-03-07",
    ))
    assert found == [("aman", date(2024, 3, 7), date(2024, 3, 7), "collapsed")]


def test_talks_told_in_a_country_are_in_the_headlines_city_of_it():
    extraction = _extract(
        "The spy chief is expected to lead talks with mediators which resume in Jordan on "
        "Sunday, a source said on Saturday.",
        "2024-03-16", title="Spy chief expected to resume truce talks in Amman on Sunday",
    )
    assert [(e.place_key, e.when.start, e.status, e.unconfirmed) for e in extraction.events
            if e.kind == "round"] == [("aman", date(2024, 3, 17), "scheduled", False)]


def test_planned_talks_that_move_on_to_another_city_hold_a_round_there_on_its_day():
    found = _rounds(_extract(
        "Truce negotiations are set to resume in Amman on Wednesday, followed by a return to "
        "Beirut on Thursday, state television said.",
        "2024-07-09",
    ))
    assert [(r[0], r[1], r[3]) for r in found] == [
        ("aman", date(2024, 7, 10), "scheduled"), ("bairut", date(2024, 7, 11), "scheduled")]


def test_an_envoy_meeting_officials_from_three_sides_is_a_round_and_will_reaches_the_day():
    found = _rounds(_extract(
        "The CIA director will meet with senior officials from Israel, Qatar, and Egypt in "
        "the Jordanian capital of Amman on Sunday, according to a report on Friday.",
        "2024-07-26",
    ))
    assert found == [("aman", date(2024, 7, 28), date(2024, 7, 28), "scheduled")]


def test_two_days_of_talks_that_took_place_end_on_the_day_they_are_reported():
    found = _rounds(_extract(
        "Mediators will resume negotiations in Beirut by the end of next week after two days "
        "of talks in Jordan which they called constructive.\n\n"
        "The declaration comes after two days of negotiations that took place in the "
        "Jordanian capital Amman.",
        "2024-08-16",
    ))
    assert ("aman", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found


def test_a_day_among_the_coming_days_pins_the_planned_round():
    found = _rounds(_extract(
        "US and Israeli negotiators will meet in Amman in the coming days, officials said.\n\n"
        "The Mossad chief will go to Amman on Sunday, and the CIA director will be there for "
        "the talks.",
        "2024-10-24",
    ))
    assert found == [("aman", date(2024, 10, 27), date(2024, 10, 27), "scheduled")]


def test_the_days_a_deal_could_be_signed_in_are_not_the_talks_days():
    found = _rounds(_extract(
        "An agreement could be signed in the coming days with talks in Amman making progress, "
        "sources said.",
        "2024-12-18",
    ))
    assert found == [("aman", date(2024, 12, 18), date(2024, 12, 18), "ongoing")]


def test_discussions_held_in_a_city_take_the_day_of_the_session_told_as_held():
    found = _rounds(_extract(
        "Both sides agreed to the deal, reached after days of talks hosted by Jordan.\n\n"
        "The discussions, held in Amman, brought together delegations from both sides and "
        "the mediators.\n\nSeveral envoys took part. Others joined later.\n\n"
        "On Wednesday morning, an expanded round of talks was held between Jordanian "
        "mediators and Israeli and Hamas envoys on the Gaza truce.",
        "2025-10-09",
    ))
    assert [(r[0], r[1]) for r in found] == [("aman", date(2025, 10, 8))]


def test_a_stay_opened_by_a_team_that_had_gone_there_runs_to_its_coming_back():
    found = _rounds(_extract(
        "In a statement, Hamas said the indirect negotiations under way in Amman were "
        "continuing in a serious manner.\n\n"
        "Israel's negotiators flew back from Jordan on Tuesday evening for consultations "
        "after a week of talks.\n\n"
        "Public broadcaster Kan had reported on Monday of last week that an Israeli team "
        "with a limited mandate had gone to Amman.",
        "2024-12-25",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("aman", date(2024, 12, 16), date(2024, 12, 24))]


def test_a_meeting_named_again_by_its_city_is_the_one_dated_there():
    found = _rounds(_extract(
        "Burns and Barnea met the Jordanian premier in Amman on Oct. 27 and 28, officials "
        "said.\n\n"
        "On the Sunday the Amman meeting opened, the Egyptian president told a news "
        "conference that Egypt had proposed talks to start within 10 days.",
        "2024-11-09",
    ))
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("aman", date(2024, 10, 27), date(2024, 10, 28))]


def test_a_mediator_putting_its_role_in_talks_on_hold_holds_no_meeting():
    extraction = _extract(
        "AMMAN, Nov 9 (Reuters) - Jordan has put its role as a go-between in talks on a Gaza "
        "ceasefire on hold, its foreign ministry said on Saturday.",
        "2024-11-09",
    )
    assert _rounds(extraction) == []
    assert [(e.kind, e.when.start) for e in extraction.events if e.kind == "collapse"] == [
        ("collapse", date(2024, 11, 9))]


def test_a_timeline_trip_and_the_talks_ending_in_deadlock_days_later_are_one_round():
    found = _rounds(_extract(
        "HOW WE GOT HERE\n\n"
        "* March 10 (Monday): An Israeli negotiating team flew to Amman for indirect talks.\n"
        "* March 14 (Friday): The Amman talks ended in deadlock. The team went home the same "
        "day.",
        "2025-03-18",
    ))
    assert found == [("aman", date(2025, 3, 10), date(2025, 3, 14), "collapsed")]


def test_a_trip_dated_by_a_leaders_meeting_is_not_sunk_by_that_meeting():
    found = _rounds(_extract(
        "Israel called its negotiating team home from Amman on Thursday, ending a round of "
        "indirect truce talks.\n\n"
        "The Israeli delegation left for Amman on July 6, the day before Netanyahu met Trump "
        "at the White House.",
        "2025-07-25",
    ))
    assert found == [("aman", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_weekend_round_that_broke_up_is_not_joined_to_the_week_after():
    found = _rounds(_extract(
        "Negotiators left Amman on Thursday without a deal.\n\n"
        "Indirect talks resumed in Amman on Tuesday with Qatari participation.\n\n"
        "A Hamas delegation arrived in Amman on Saturday to meet the mediators, but the talks "
        "broke up on Sunday with no breakthrough.",
        "2024-05-09",
    ))
    assert ("aman", date(2024, 5, 7), date(2024, 5, 9), "concluded") in found


def test_a_delegation_that_arrived_for_talks_opened_the_days_after():
    found = _rounds(_extract(
        "A Hamas delegation arrived in Amman on August 12 for talks with Jordanian "
        "officials.\n\nOn Monday the delegations were still in Amman, where the mediators "
        "shuttled between them.",
        "2025-08-18",
    ))
    assert [(r[0], r[1]) for r in found] == [("aman", date(2025, 8, 12))]


def test_the_pmo_and_a_continent_are_never_people():
    extraction = _extract(
        "The meetings are expected to occur in Europe, the official said.\n\n"
        'The PMO added: "We appreciate the efforts of the mediators."',
        "2025-07-25",
    )
    people = {m.name for m in extraction.entities if m.kind == "person"}
    assert not people & {"Europe", "The PMO", "PMO"}


def test_an_effort_and_a_holiday_before_the_verb_do_not_hedge_or_date_another_event():
    found = _rounds(_extract(
        "The Hamas delegation that spent four days in the Jordanian capital trying to secure a "
        "pause in the fighting before the holy month left on Thursday morning, with no "
        "agreement in hand.\n\nThe delegation had flown in on Sunday to meet the mediators.",
        "2024-03-08",
    ))
    assert found == [("aman", date(2024, 3, 3), date(2024, 3, 7), "concluded")]


def test_a_timelines_dated_headings_date_their_entries_and_what_followed_them():
    found = _rounds(_extract(
        "How the deal came together\n\n"
        "The truce was announced on Wednesday after 15 months of war.\n\n"
        "November 22, 2023 - The first pause\n\n"
        "Qatar announced a four-day pause. The pause ended on Dec. 1, and on Dec. 2 the "
        "Mossad chief ordered his negotiating team in Amman to come home.\n\n"
        "August 15-16, 2024 - The bridging proposal\n\n"
        "After two days of talks in Amman, the US put forward a proposal.\n\n"
        "January 2025 - Back to Amman\n\n"
        "Hopes rose again as the year turned.",
        "2025-01-16",
    ))
    # Dec. 2 after the November 22, 2023 heading is 2023's, not the year before.
    assert any(r[2] == date(2023, 12, 2) and r[3] == "collapsed" for r in found)
    assert any(r[0] == "aman" and r[1] == date(2024, 8, 15) for r in found)


def test_a_regional_desks_dateline_is_no_venue_for_talks_the_lede_only_sums_up():
    found = _rounds(_extract(
        "DUBAI: After more than a year of start-stop negotiations, mediators announced on "
        "Wednesday that Israel and Hamas had agreed to halt the war. Here is what we know, "
        "and how the talks got here.",
        "2025-01-16",
    ))
    assert all(r[0] != "dubai" for r in found)


def test_an_undated_round_is_closed_by_the_deal_the_report_dates_days_before():
    found = _rounds(_extract(
        "Mediators announced on Wednesday that Israel and Hamas had reached an agreement.\n\n"
        "Why now?\n\nThe final stretch of negotiations was hosted by the foreign minister in "
        "Amman, officials said, with both delegations in the city.",
        "2025-01-16",
    ))
    assert found == [("aman", date(2025, 1, 15), date(2025, 1, 15), "agreement")]


def test_fighting_that_resumed_does_not_open_the_talks_and_two_envoys_in_a_city_met_there():
    found = _rounds(_extract(
        "The Paris meeting was the highest-level encounter since Burns, Barnea and the Qatari "
        "premier met in Amman on December 18, in an attempt to restart negotiations after the "
        "truce ran out and fighting resumed on December 1.\n\n"
        "Burns and Barnea were in the Jordanian capital on Nov. 9 to go over the outline of "
        "the first deal, officials said.",
        "2024-01-30",
    ))
    assert [(r[1], r[2]) for r in found] == [
        (date(2023, 11, 9), date(2023, 11, 9)), (date(2023, 12, 18), date(2023, 12, 18))]


def test_teams_called_home_today_end_the_round_the_report_says_opened_weeks_ago():
    found = _rounds(_extract(
        "The United States and Israel have called their negotiating teams home from Jordan, "
        "dealing a new setback to the talks.\n\n"
        "Officials said the gaps were too wide.\n\n"
        "The current round of talks opened in the Jordanian capital on Sunday, July 6, a day "
        "before Netanyahu sat down with Trump at the White House.",
        "2025-07-25",
    ))
    assert found == [("aman", date(2025, 7, 6), date(2025, 7, 25), "collapsed")]


def test_status_words_of_purpose_adjectives_and_summit_meetings():
    # "to resume" is what a trip is for; "the continued implementation" is no talks going
    # on; a "summit meeting" is a meeting; a caption told twice is no lede.
    from bot.ingest.events.round_status import sentence_status
    text = "Israel is set to send a delegation to Amman today to resume negotiations on a deal."
    assert sentence_status(text, text.index("negotiations")).status == "scheduled"
    text = "The team will travel to Amman on Monday to discuss the continued implementation."
    assert sentence_status(text, text.index("Amman")).status == "scheduled"
    found = _rounds(_extract(
        'A woman holds a banner reading "Bring them home" outside the museum.\n\n'
        "A woman holds a banner reading “Bring them home” outside the museum.\n\n"
        "A summit meeting in Amman where Israeli negotiators tried to hammer out a deal that "
        "would free hostages concluded on Sunday without agreement, officials said.",
        "2024-01-28",
    ))
    assert found == [("aman", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_where_talks_on_a_deal_have_been_taking_place_names_their_city():
    from bot.ingest.events.venues import where_talks
    text = ", where talks on a ceasefire to end the war in Gaza have been taking place, with"
    assert where_talks(text, 0) is not None


def test_a_statement_following_days_of_talks_tells_them_over_and_an_ongoing_war_is_no_round():
    found = _rounds(_extract(
        "The mediators issued a joint statement on Friday evening, following two days of "
        "negotiations in Amman, in order to reach an agreement to stop the ongoing Israeli "
        "war on the Gaza Strip.",
        "2024-08-16",
    ))
    assert found == [("aman", date(2024, 8, 15), date(2024, 8, 16), "concluded")]


def test_a_run_ended_by_a_recall_is_dated_by_it_and_talks_that_never_started_have_no_day():
    found = _rounds(_extract(
        "The talks on a second phase never really started, and on March 18 Israel resumed "
        "large-scale strikes, ending the truce.\n\n"
        "A third attempt, proximity talks in Amman on a 60-day truce, ran from July 6 until "
        "July 24, when Israel and the United States both recalled their negotiators.",
        "2025-10-14",
    ))
    assert found == [("aman", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_a_leaders_talks_in_a_city_with_another_and_a_meetings_announcement_day_are_no_rounds():
    found = _rounds(_extract(
        "The Mossad chief travelled to Amman on Sunday for a fresh attempt at a truce and flew "
        "back later the same day.\n\n"
        "State television had announced the Amman meeting on Friday, quoting a source.\n\n"
        "On Thursday, Israeli President Isaac Herzog held talks in Amman with Italian Prime "
        "Minister Giorgia Meloni.",
        "2024-07-28",
    ))
    assert [(r[0], r[1]) for r in found] == [("aman", date(2024, 7, 28))]


def test_a_clause_with_no_talks_of_its_own_ends_the_ones_just_told():
    found = _rounds(_extract(
        "The head of Israel's Mossad, David Barnea, travelled to Amman on Sunday for a fresh "
        "attempt at a truce and hostage deal for the Gaza Strip, and flew back to Israel later "
        "the same day.",
        "2024-07-28",
    ))
    assert found == [("aman", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_jump_starting_a_deal_starts_no_talks():
    from bot.ingest.events.round_status import sentence_status
    text = "The delegation for the talks on jump-starting a hostage deal was named."
    cue = sentence_status(text, text.index("talks"))
    assert cue is None or cue.word != "starting"


def test_a_high_level_team_sent_to_a_city_places_the_talks_there():
    found = _rounds(_extract(
        "The first round of indirect truce talks in Jordan ended without a deal on Monday, "
        "two sources said.\n\nDespite this, Netanyahu sent a high-level negotiation team to "
        "Amman.",
        "2025-07-07",
    ))
    assert [r[0] for r in found] == ["aman"]


def test_he_after_the_king_is_the_king_titled_before():
    extraction = _extract(
        "US President Joe Biden said after hosting Jordan's King Abdullah II at the White "
        "House on Monday that Washington was working on a hostage deal.\n\n"
        'The king warned against a ground assault on Rafah. "We cannot afford an Israeli '
        'attack on Rafah," he said.',
        "2024-02-13",
    )
    (quote,) = [q for q in extraction.quotes if "cannot afford" in q.text]
    assert quote.speaker_label == "Abdullah II"
