"""Negotiation rounds from one-line inputs, with hand-made entity marks."""

from __future__ import annotations

from datetime import date

from bot.ingest.events.rounds import find_rounds
from bot.ingest.model import ExtractedEvent
from tests.gold.lines import describe, passages_of

ENTITIES = {
    "Hamas": ("hamas", "organisation"),
    "Islamic Jihad": ("islamic jihad", "organisation"),
    "Khalil al-Hayya": ("khalil al-hayya", "person"),
    "Ziad al-Nakhalah": ("ziad al-nakhalah", "person"),
    "Ron Dermer": ("ron dermer", "person"),
    "Hakan Fidan": ("hakan fidan", "person"),
    "Cairo": ("cairo", "place"),
    "Doha": ("doha", "place"),
    "Amman": ("amman", "place"),
    "Istanbul": ("istanbul", "place"),
    "Rio": ("rio", "place"),
    "Gaza": ("gaza strip", "place"),
    "Egypt": ("egypt", "country"),
    "Egyptian": ("egypt", "country"),
    "Israeli": ("israel", "country"),
    "Turkish": ("turkey", "country"),
    "Qatar": ("qatar", "country"),
    "Sharm el-Sheikh": ("sharm", "place"),
}
TUESDAY = date(2025, 8, 12)


def rounds(text: str, published: date = TUESDAY) -> list[ExtractedEvent]:
    return find_rounds(passages_of(text, ENTITIES, published), published, describe)


def only(text: str, published: date = TUESDAY) -> ExtractedEvent:
    found = rounds(text, published)
    assert len(found) == 1, [(r.place_key, r.when) for r in found]
    return found[0]


def test_delegation_arriving_in_a_city_is_an_ongoing_round_with_its_lead():
    r = only("A senior Hamas delegation, led by Khalil al-Hayya, arrived in Cairo on Tuesday.")
    assert (r.place_key, r.status, r.background) == ("cairo", "ongoing", False)
    assert (r.when.start, r.when.end, r.when.granularity) == (TUESDAY, TUESDAY, "day")
    assert ("khalil al-hayya", "lead", "hamas") in [
        (p.entity_key, p.role, p.delegation_of) for p in r.participants
    ]


def test_last_round_that_crumbled_is_a_collapsed_background_round():
    r = only(
        "Previous negotiations have repeatedly fallen apart, with the last round in Doha "
        "crumbling under mutual accusations of ceasefire violations."
    )
    assert (r.place_key, r.status, r.background) == ("doha", "collapsed", True)
    assert r.outcome and "accusations" in r.outcome


def test_table_row_of_past_rounds_is_a_round_with_month_dates():
    r = only("July 2025 Doha Talks collapsed Ceasefire conditions unmet")
    assert (r.place_key, r.status, r.background) == ("doha", "collapsed", True)
    assert (r.when.start, r.when.end, r.when.granularity) == (
        date(2025, 7, 1), date(2025, 7, 31), "month"
    )


def test_undated_mention_merges_with_the_table_row_of_the_same_venue():
    found = rounds(
        "The last round in Doha crumbled.\n\nJuly 2025 Doha Talks collapsed Ceasefire unmet"
    )
    assert [(r.place_key, r.when.granularity) for r in found] == [("doha", "month")]


def test_meetings_not_yet_scheduled_are_no_round():
    text = "Despite the momentum, no meetings have yet been scheduled in Cairo or Doha."
    assert rounds(text) == []


def test_summit_is_not_a_negotiation_round():
    text = "Plans were agreed upon at the emergency Arab summit in Cairo on March 4, 2025."
    assert rounds(text) == []


def test_minister_meeting_his_counterpart_is_bilateral_not_a_round():
    text = (
        "Turkish Foreign Minister Hakan Fidan met with his Iranian counterpart on Sunday "
        "on the margins of the BRICS summit in Rio."
    )
    assert rounds(text) == []


def test_talks_that_will_meet_on_thursday_are_scheduled_for_that_thursday():
    r = only("The two delegations will meet for talks in Amman on Thursday.", date(2025, 10, 7))
    assert (r.place_key, r.status) == ("amman", "scheduled")
    assert r.when.start == date(2025, 10, 9)


def test_talks_scheduled_for_next_week_have_week_granularity():
    r = only("Talks are scheduled for next week in Doha.")
    assert (r.status, r.when.granularity) == ("scheduled", "week")
    assert r.when.start > TUESDAY


def test_unknown_leader_and_demonym_mediators_in_istanbul():
    r = only(
        "An Islamic Jihad delegation headed by Ziad al-Nakhalah began talks with Turkish "
        "mediators in Istanbul on Monday."
    )
    assert (r.place_key, r.status, r.when.start) == ("istanbul", "ongoing", date(2025, 8, 11))
    roles = {(p.entity_key, p.role) for p in r.participants}
    assert {("ziad al-nakhalah", "lead"), ("turkey", "mediator")} <= roles


def test_status_in_a_hypothetical_clause_does_not_count():
    r = only("Talks resumed Tuesday in Cairo amid threats of strikes should the efforts collapse.")
    assert r.status == "ongoing"


def test_war_zone_is_not_the_venue():
    r = only("Talks in Doha on Sunday focused on ending the war in Gaza.")
    assert r.place_key == "doha"


def test_country_mention_and_start_day_merge_into_the_city_round():
    text = (
        "Talks resumed Tuesday in the Egyptian resort city of Sharm el-Sheikh.\n\n"
        "A Hamas official involved in the closed-door meetings in Egypt said little.\n\n"
        "Talks that began Monday are still in their initial stages."
    )
    r = only(text, date(2025, 10, 7))
    assert r.place_key == "sharm"
    assert (r.when.start, r.when.end) == (date(2025, 10, 6), date(2025, 10, 7))


def test_mediator_by_facilitated_by_and_lead_of_a_delegation_from_a_venueless_sentence():
    text = (
        "This Cairo meeting, facilitated by Egypt, is a fresh attempt to break the deadlock.\n\n"
        "Israeli Minister Ron Dermer, who is leading the Israeli delegation, is expected to "
        "join the talks."
    )
    r = only(text)
    roles = {(p.entity_key, p.role, p.delegation_of) for p in r.participants}
    assert ("egypt", "mediator", None) in roles
    assert ("ron dermer", "lead", "israel") in roles


def test_recent_collapse_is_news_not_background():
    r = only("Talks in Cairo collapsed on Monday after Hamas rejected the terms.")
    assert (r.status, r.background) == ("collapsed", False)


def test_said_on_thursday_dates_the_statement_and_will_resume_dates_the_talks():
    text = "Hamas said on Thursday that talks in Cairo will resume next week."
    r = only(text, date(2025, 10, 10))
    assert (r.status, r.when.granularity) == ("scheduled", "week")
    assert r.when.start > date(2025, 10, 10)


def test_round_in_an_invented_article_from_another_outlet_through_the_pipeline():
    from datetime import UTC, datetime

    from bot.ingest.model import ArticleInput
    from bot.ingest.pipeline import extract

    text = (
        "Amman Post | Region\n\nJordan hosts new round of Gaza talks\n\n"
        "A new round of indirect talks between Israel and Hamas began in Amman on Sunday, "
        "mediated by Jordan and Egypt, an official said. The Israeli team is led by "
        "Mossad deputy chief Yaron Dagan, who arrived on Saturday.\n\n"
        "Egyptian President Abdel Fattah al-Sisi received Jordan's king in Cairo on Monday "
        "for a bilateral visit.\n\nRead more: Weather in Amman"
    )
    article = ArticleInput(
        text=text, outlet="Amman Post", published_at=datetime(2025, 11, 4, tzinfo=UTC),
        source_name="invented-amman",
    )
    ex = extract(article)
    names = {m.key: m.name for m in ex.entities}
    found = [e for e in ex.events if e.kind == "round"]
    assert [names[e.place_key] for e in found] == ["Amman"]
    [amman] = found
    assert (amman.when.start, amman.status) == (date(2025, 11, 2), "ongoing")
    assert {names[p.entity_key] for p in amman.participants if p.role == "mediator"} == {
        "Jordan", "Egypt",
    }
    leads = [(names[p.entity_key], names.get(p.delegation_of)) for p in amman.participants
             if p.role == "lead"]
    assert leads == [("Yaron Dagan", "Israel")]


def test_delegation_that_left_a_city_after_talks_places_the_round_there():
    r = only("A Hamas delegation left Cairo on Tuesday after three days of talks with mediators.")
    # Three days of talks that the delegation left on Tuesday: Sunday to Tuesday.
    assert (r.place_key, r.when.start, r.when.end) == ("cairo", date(2025, 8, 10), TUESDAY)


def test_a_time_across_after_dates_the_other_event_not_the_talks():
    r = only("An Israeli delegation returned from Doha on Tuesday after talks there on Monday.")
    assert (r.place_key, r.when.start) == ("doha", date(2025, 8, 11))


def test_a_state_that_began_in_a_year_does_not_date_vague_talks():
    found = rounds(
        "Qatar, which has hosted the office since 2012, said months of talks in Cairo failed."
    )
    assert found == []


def test_where_someone_was_killed_or_lives_is_no_venue():
    assert rounds("The talks were the first since the leader was assassinated in Amman.") == []
    assert rounds("Its chief, who led the team in earlier rounds, is based in Istanbul.") == []


def test_an_agreement_concluded_in_a_city_is_a_round_with_an_agreement():
    r = only("The agreement concluded in Doha on Monday ended months of war.")
    assert (r.place_key, r.status, r.when.start) == ("doha", "agreement", date(2025, 8, 11))


def test_a_delegation_back_from_the_talks_means_the_round_there_is_over():
    r = only("An Israeli delegation returned from Doha on Tuesday after talks there on Monday.")
    assert r.status == "concluded"


def test_stalled_talks_have_collapsed_and_talks_without_a_breakthrough_are_over():
    assert only("By early March, talks in Cairo had stalled over the end of the war.").status == (
        "collapsed"
    )
    # Ended with no deal is over, not broken down: breakdown is a recall, a walkout, a stall.
    r = only("Hamas left Cairo on Tuesday after talks that ended without a breakthrough.")
    assert r.status == "concluded"


def test_a_delegation_that_remains_in_the_city_keeps_the_round_ongoing():
    r = only(
        "A Hamas delegation held talks in Cairo on Sunday. "
        "The delegation remains in the Egyptian capital for further meetings.",
        published=date(2025, 8, 11),
    )
    assert (r.place_key, r.status) == ("cairo", "ongoing")


def test_a_meeting_reported_after_the_day_it_was_held_took_place():
    r = only("A Hamas delegation met Egyptian mediators in Cairo on Sunday.")
    assert (r.when.start, r.status) == (date(2025, 8, 10), "concluded")


def test_a_meeting_that_produced_a_framework_is_over_even_long_ago():
    r = only("Negotiators drew up a framework at a meeting in Cairo late last month.")
    assert (r.background, r.status) == (True, "concluded")


def test_a_recalled_round_with_no_status_word_took_place_by_its_dates():
    r = only("A marathon session in Doha in June was the first since the spring.")
    assert (r.background, r.status) == (True, "concluded")
    assert r.evidence["status"] == "dates past"  # no word: the store lets a word outrank it


def test_leaders_meeting_in_a_city_is_a_summit_not_a_round():
    assert rounds("Arab leaders meeting in Cairo on Friday will discuss the Gaza truce.") == []


def test_a_postponed_visit_is_no_round():
    text = (
        "An Israeli delegation had been expected in Cairo on Saturday, but the visit "
        "was postponed."
    )
    assert rounds(text) == []


def test_a_president_meeting_hostage_families_is_no_round():
    assert rounds("The president met relatives of hostages in Amman on Monday, a meeting "
                  "about the talks.") == []


def test_two_days_joined_by_and_are_one_round_spanning_both():
    r = only("Hamas and Israeli negotiators held talks in Amman on Sunday and Monday.")
    assert (r.place_key, r.when.start, r.when.end) == (
        "amman", date(2025, 8, 10), date(2025, 8, 11),
    )


def test_a_team_landing_back_home_makes_no_round_at_home():
    text = (
        "Talks in Istanbul ended on Monday. The Egyptian delegation landed back in Egypt "
        "on Tuesday morning."
    )
    assert [r.place_key for r in rounds(text)] == ["istanbul"]


def test_negotiators_closing_in_on_a_deal_are_in_ongoing_talks():
    r = only("The talks in Doha were closing in on Tuesday on a deal for a pause.")
    assert (r.place_key, r.status) == ("doha", "ongoing")


def test_an_agreement_reached_in_a_city_is_a_round_that_ended_in_agreement():
    r = only("Prisoners were freed under the agreement reached in Cairo last Wednesday.")
    assert (r.place_key, r.status, r.when.start) == ("cairo", "agreement", date(2025, 8, 6))


def test_envoys_who_met_in_a_city_on_a_past_day_held_a_concluded_round():
    r = only("Talks gathered pace after envoys met Qatar's premier in Doha on Aug. 1.")
    assert (r.place_key, r.status) == ("doha", "concluded")


def test_negotiators_from_several_countries_meeting_in_a_city_are_a_round():
    r = only("Negotiators from Egypt, Qatar and Israel met in Amman on Tuesday to close gaps.")
    assert r.place_key == "amman"
    assert r.when is not None and r.when.start == TUESDAY


def test_envoys_spending_days_in_a_city_with_mediators_are_a_round():
    r = only("Two envoys spent the weekend in Doha with Qatari mediators.")
    assert r.place_key == "doha"


def test_one_person_meeting_another_is_no_round():
    assert rounds(
        "Hakan Fidan, who leads the Turkish effort, met Israeli Minister Ron Dermer in "
        "Istanbul on Tuesday, a meeting both sides called useful."
    ) == []


def test_the_dateline_is_the_venue_of_the_ledes_meeting():
    from bot.ingest.document.passages import Mark

    text = "Negotiators resumed indirect talks on Sunday, officials said."
    found = find_rounds(passages_of(text, ENTITIES, TUESDAY), TUESDAY, describe,
                        dateline=Mark(-1, -1, "doha", "place", "Doha"), lede=frozenset({0}))
    (r,) = found
    assert (r.place_key, r.evidence["venue"]) == ("doha", "dateline: Doha")
    assert not r.unconfirmed


def test_where_a_spokesman_told_reporters_is_a_weak_venue_unless_the_headline_agrees():
    text = "A spokesman told reporters in Doha on Monday that the talks were continuing."
    (alone,) = rounds(text)
    assert alone.unconfirmed and alone.evidence["venue"].startswith("speech")
    (backed,) = find_rounds(passages_of(text, ENTITIES, TUESDAY), TUESDAY, describe,
                            headline=frozenset({"doha"}))
    assert not backed.unconfirmed


def test_an_attack_on_a_negotiating_team_is_no_round():
    assert rounds("Monday's attack on the Hamas negotiating team in Doha shook the talks.") == []


def test_a_team_in_a_city_since_a_day_is_a_round_from_that_day_to_the_report():
    r = only("The Israeli delegation had been holding talks in Doha since Saturday.")
    assert (r.when.start, r.when.end) == (date(2025, 8, 9), TUESDAY)


def test_talks_that_began_before_the_report_and_go_on_run_to_its_day():
    r = only("Indirect talks in Doha, which began on Sunday, were continuing.")
    assert (r.when.start, r.when.end, r.status) == (date(2025, 8, 10), TUESDAY, "ongoing")


def test_two_meetings_in_one_sentence_are_two_rounds():
    found = rounds(
        "Negotiators met in Cairo on Thursday, and a smaller team then held technical talks "
        "in Doha on Saturday."
    )
    assert sorted((r.place_key, r.when.start) for r in found) == [
        ("cairo", date(2025, 8, 7)), ("doha", date(2025, 8, 9)),
    ]


def test_no_agreement_reached_is_no_agreement():
    r = only("Hamas negotiators left Cairo on Monday with no ceasefire agreed after two days "
             "of talks.")
    assert r.status == "concluded"


def test_a_status_word_about_another_event_does_not_move_the_round():
    r = only("The talks in Cairo on Monday were the first since the truce collapsed.")
    assert r.status == "concluded"


def test_talks_with_one_person_are_diplomacy_not_a_round():
    assert rounds("After talks with Hakan Fidan in Cairo on Monday, he said the plan held.") == []


def test_talks_in_a_sides_own_city_are_a_visit_left_unconfirmed():
    from bot.ingest.events.venues import PlaceFacts
    from tests.gold.lines import PLACES

    places = {**PLACES, "jerusalem": PlaceFacts("Jerusalem", "Israel", "city")}
    text = "The White House envoy held talks in Jerusalem on Monday on the hostage deal."
    found = find_rounds(passages_of(text, {**ENTITIES, "Jerusalem": ("jerusalem", "place")},
                                    TUESDAY), TUESDAY, places.get)
    assert [r.unconfirmed for r in found] == [True]


def test_negotiators_who_travelled_to_a_city_went_to_talks_there():
    r = only("Israeli negotiators travelled to Cairo on Monday for talks with Hamas.")
    assert (r.place_key, r.when.start) == ("cairo", date(2025, 8, 11))
    assert r.evidence["venue"].startswith("destination")


def test_travelling_for_talks_with_the_mediators_meets_them_in_the_city():
    # The mediators wait in their own city: a team that goes for talks with them sits there.
    r = only("Israeli negotiators travelled to Cairo on Monday for talks with the mediators.")
    assert (r.place_key, r.when.start) == ("cairo", date(2025, 8, 11))
    assert r.evidence["venue"].startswith("in-city")


def test_a_joining_day_and_an_ending_day_span_the_round():
    r = only("A new round of talks in Doha, which the delegations joined on Thursday, ended in "
             "deadlock on Saturday.", published=date(2025, 8, 11))
    assert (r.when.start, r.when.end, r.status) == (date(2025, 8, 7), date(2025, 8, 9),
                                                    "collapsed")


def test_a_team_returning_home_after_talks_ended_its_round():
    r = only("An Israeli team arrived in Doha on Sunday and held technical discussions with "
             "mediators before returning home on Monday.")
    assert (r.when.start, r.when.end, r.status) == (date(2025, 8, 10), date(2025, 8, 11),
                                                    "concluded")


def test_a_team_ordered_home_collapses_its_round():
    r = only("The Mossad negotiating team that was in Doha on Saturday for talks was ordered "
             "home the same day.",
             published=date(2025, 8, 11))
    assert r.status == "collapsed"


def test_in_the_lede_another_clauses_destination_yields_to_the_dateline():
    from bot.ingest.document.passages import Mark

    text = ("The opening session of a new round of indirect talks ended on Sunday, as the prime "
            "minister travelled to Amman.")
    (r,) = find_rounds(passages_of(text, ENTITIES, TUESDAY), TUESDAY, describe,
                       dateline=Mark(-1, -1, "doha", "place", "Doha"), lede=frozenset({0}))
    assert r.place_key == "doha"


def test_undated_talks_deep_in_a_report_are_history_not_the_days_news():
    text = "\n\n".join(["The mediators met in Cairo on Monday."] + ["Rain fell."] * 6
                       + ["Summer talks in Doha went the same way."])
    assert [r.place_key for r in rounds(text)] == ["cairo"]


def test_a_meeting_after_another_in_one_sentence_are_two_rounds_each_with_its_day():
    from bot.ingest.document.passages import Mark

    text = ("Hamas officials said on Sunday they were studying a proposal after a meeting on "
            "Saturday with Egyptian mediators, following the Cairo meeting last month.")
    sunday = date(2025, 3, 9)
    found = find_rounds(passages_of(text, ENTITIES, sunday), sunday, describe,
                        dateline=Mark(-1, -1, "doha", "place", "Doha"), lede=frozenset({0}))
    assert sorted((r.place_key, r.when.start, r.background) for r in found) == [
        ("cairo", date(2025, 2, 1), True), ("doha", date(2025, 3, 8), False),
    ]


def test_several_people_who_met_are_a_meeting_one_who_called_another_is_not():
    text = ("Ron Dermer and Khalil al-Hayya flew to Doha, where they spent Sunday and Monday "
            "with the mediators.")
    (r,) = rounds(text)
    assert (r.place_key, r.when.start, r.when.end) == ("doha", date(2025, 8, 10),
                                                       date(2025, 8, 11))
    assert rounds("On Friday Ron Dermer telephoned Hakan Fidan, two days before Khalil al-Hayya "
                  "sat down with the chiefs in Doha.") == []


def test_an_airstrike_on_negotiators_is_no_round():
    assert rounds("The Hamas team survived an airstrike on its leaders in Doha on Tuesday.") == []


def test_the_status_of_the_latest_day_told_wins_over_an_earlier_arrival():
    r = only("The delegation arrived in Cairo on Saturday. The delegation met the intelligence "
             "chief in Cairo on Sunday.", published=date(2025, 8, 12))
    assert r.status == "concluded"


def test_a_sports_round_is_no_round_of_talks():
    assert rounds("Qatar will stage the fourth round of Asian qualifying in Doha next month.") == []


def test_a_meeting_days_after_another_splits_into_two_rounds():
    text = ("Mediators met in Cairo on Tuesday, two days after a Hamas delegation held talks in "
            "Doha.")
    assert sorted((r.place_key, r.when.start) for r in rounds(text, published=date(2025, 11, 25))
                  ) == [("cairo", date(2025, 11, 25)), ("doha", date(2025, 11, 23))]


def test_the_people_at_a_meeting_take_part_in_its_round():
    r = only("Ron Dermer and Hakan Fidan met Khalil al-Hayya in Cairo on Monday.")
    taking_part = {p.entity_key for p in r.participants if p.role == "participant"}
    assert taking_part == {"ron dermer", "hakan fidan", "khalil al-hayya"}
