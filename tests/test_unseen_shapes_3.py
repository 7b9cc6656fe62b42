"""Shapes met first on unseen articles in the sixth session: more words for talks that
end badly, and what a plan that names no venue leaves out."""

from __future__ import annotations

from datetime import date

from tests.test_extraction_rules import _extract, _rounds


def test_talks_that_hit_a_wall_collapsed():
    found = _rounds(_extract(
        "CAIRO (AP) - Gaza ceasefire talks in Cairo hit a wall on Sunday, Egyptian officials "
        "said, and the Israeli team flew home.",
        "2024-08-26",
    ))
    assert found == [("kairu", date(2024, 8, 25), date(2024, 8, 25), "collapsed")]
    # A snag is a setback, not the end.
    found = _rounds(_extract(
        "CAIRO (AP) - Gaza ceasefire talks in Cairo hit a snag on Sunday, Egyptian officials "
        "said, but the teams stayed on.",
        "2024-08-26",
    ))
    assert found and found[0][3] != "collapsed"


def test_a_team_that_flew_in_days_before_opened_the_reports_round():
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, as the delegations left the Egyptian capital.\n\nA Hamas negotiating "
        "team had flown in from Doha on Tuesday evening to resume contacts with the "
        "mediators.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]
    # A team that came weeks before is no opening of this round.
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, as the delegations left the Egyptian capital.\n\nA Hamas negotiating "
        "team had flown in on April 2 for an earlier visit.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 9), date(2024, 5, 9), "concluded")]


def test_an_undated_breakdown_after_a_dated_end_keeps_the_day_told():
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, sources said.\n\nThe talks reached an impasse, with each side blaming "
        "the other.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 9), date(2024, 5, 9), "collapsed")]


_TIMELINE = (
    "From Doha to Sharm: the Gaza talks in dates\n\n"
    "Published: October 12, 2025\n\n"
    "A ceasefire is holding in Gaza after months of indirect negotiations. Here is how the "
    "talks got here.\n\n"
    "2024\n\n"
    "- January 28: CIA Director William Burns and Mossad chief David Barnea meet Qatar's "
    "prime minister in Paris and draw up a framework.\n"
    "- August 15-16: At talks in Doha, the US tables a bridging proposal.\n\n"
    "2025\n\n"
    "- January 15: After four days of intense negotiation in Doha, Qatar announces a "
    "three-phase ceasefire and exchange deal.\n\n"
    "What comes next\n\n"
    "Talks on the second phase may begin within days, officials said.\n"
)


def test_a_timelines_year_heading_dates_the_yearless_days_under_it():
    found = _rounds(_extract(_TIMELINE, "2025-10-12"))
    assert ("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded") in found
    assert ("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded") in found
    assert ("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement") in found
    assert not any(start.year == 2025 and start.month in (1, 8) and start.day in (28, 15)
                   and place != "duha" for place, start, _, _ in found)


def test_talks_that_produced_an_agreement_after_an_aside_ended_in_one():
    extraction = _extract(
        "Indirect negotiations that opened in the Egyptian resort of Sharm el-Sheikh on "
        "Monday produced, within four days, the most ambitious agreement of the war.",
        "2025-10-12",
    )
    assert any(e.kind == "agreement" for e in extraction.events)


def test_teams_that_gathered_days_before_a_departure_were_at_one_round():
    found = _rounds(_extract(
        "CAIRO, May 9 (Reuters) - Israeli and Hamas negotiators left the Egyptian capital on "
        "Thursday without a ceasefire deal.\n\nThe delegations had gathered in Cairo on "
        "Tuesday for what mediators hoped would be a decisive push.",
        "2024-05-09",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]


def test_an_earlier_session_told_with_a_later_return_keeps_its_own_days():
    found = _rounds(_extract(
        "CAIRO, May 9 (Reuters) - Israeli and Hamas negotiators left the Egyptian capital on "
        "Thursday without a ceasefire deal, after talks that opened in Cairo on Tuesday.\n\n"
        "The Hamas team had already spent last Saturday and Sunday in Cairo with Egyptian "
        "and Qatari mediators. That earlier session ended on Sunday without an agreement, "
        "and the delegation travelled to Doha before returning to the Egyptian capital on "
        "Tuesday.",
        "2024-05-09",
    ))
    assert ("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded") in found
    assert ("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded") in found


def test_the_previous_weekday_is_before_the_day_just_told_not_before_the_report():
    from bot.ingest.pipeline import narrative_dates

    dated = narrative_dates(date(2025, 1, 20))
    found = dated(0, "The agreement was reached in Doha last Wednesday after talks that had "
                     "run since the previous Sunday.")
    assert [(e.text, e.start) for e in found] == [
        ("last Wednesday", date(2025, 1, 15)), ("the previous Sunday", date(2025, 1, 12))]
    found = dated(1, "Talks opened on Monday, January 6, and went on until the following "
                     "Thursday.")
    assert found[-1].start == date(2025, 1, 9)


def test_the_decisive_stretch_in_a_city_is_a_round_there():
    found = _rounds(_extract(
        "How the January deal was made.\n\n"
        "- 12-15 January 2025 - The decisive stretch in Doha. Late on 15 January, the Qatari "
        "prime minister announces the deal.",
        "2025-03-01",
    ))
    assert found == [("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement")]
    # A marathon cabinet session is read as the session it is, "marathon" adding nothing.
    assert _rounds(_extract(
        "Israel's cabinet met on Friday in a marathon cabinet session in Jerusalem.",
        "2025-01-18",
    )) == _rounds(_extract(
        "Israel's cabinet met on Friday in a cabinet session in Jerusalem.", "2025-01-18",
    ))


def test_that_night_is_the_night_of_the_day_told_not_of_a_spans_start():
    from bot.ingest.pipeline import narrative_dates

    dated = narrative_dates(date(2025, 1, 20))
    dated(0, "The agreement was reached in Doha last Wednesday after talks that had run "
             "since the previous Sunday.")
    (night,) = dated(1, "Qatar's prime minister announced the deal that night.")
    assert night.start == date(2025, 1, 15)


def test_talks_that_began_on_a_day_to_narrow_gaps_began_on_the_day_gone_by():
    from bot.dates import find_time_expressions

    (thursday,) = find_time_expressions(
        "Delegations began meeting in Cairo on Thursday to narrow differences.",
        date(2024, 8, 26))
    assert thursday.start == date(2024, 8, 22)
    # A plan still says what is to come.
    (thursday,) = find_time_expressions(
        "Delegations will begin meeting in Cairo on Thursday to narrow differences.",
        date(2024, 8, 26))
    assert thursday.start == date(2024, 8, 29)


def test_one_city_on_two_days_in_one_sentence_is_two_events():
    found = _rounds(_extract(
        "Barnea travelled to Doha on July 5 to meet the Qatari prime minister, and he and "
        "Burns were back in the Qatari capital on July 10 for talks with Qatari and Egyptian "
        "mediators.",
        "2024-07-29",
    ))
    assert found == [("duha", date(2024, 7, 10), date(2024, 7, 10), "concluded")]
    # Back home is no venue.
    assert _rounds(_extract(
        "The Israeli delegation was back in Israel on Sunday, officials said.", "2024-07-29",
    )) == []


def test_one_who_gathered_several_named_people_in_a_city_convened_a_round():
    found = _rounds(_extract(
        "Burns gathered Barnea, Sheikh Mohammed and Egypt's intelligence chief, Abbas Kamel, "
        "in Paris on Jan. 28; Barnea headed Israel's team.",
        "2024-03-27",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]
    found = _rounds(_extract(
        "The four are working from a framework they drew up when Burns gathered the same "
        "group in Paris on Jan. 28.",
        "2024-02-13",
    ))
    assert found == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]
    # One who gathered his thoughts, or reporters, convened no round.
    assert _rounds(_extract(
        "Burns gathered reporters in Paris on Jan. 28 to brief them.", "2024-03-27")) == []


def test_during_the_month_is_the_month_just_told():
    found = _rounds(_extract(
        "What we know.\n\n- March: the first phase ran out on March 1. Israeli negotiators "
        "went to Doha during the month for talks with Qatari and Egyptian mediators, but "
        "the talks ended without agreement.",
        "2025-07-25",
    ))
    assert found == [("duha", date(2025, 3, 1), date(2025, 3, 31), "concluded")]


def _outcomes(extraction) -> list[tuple[str, date]]:
    return sorted((e.kind, e.when.start) for e in extraction.events
                  if e.kind in ("agreement", "collapse"))


def test_each_deal_of_a_sentence_takes_its_own_day():
    found = _outcomes(_extract(
        "DOHA, Dec 2 (Reuters) - Israel recalled its team from Doha on Saturday.\n\n"
        "The pause took effect on Nov. 24 under a Qatari-brokered deal announced on Nov. 22, "
        "and was first meant to run for four days. Qatar's foreign ministry said on Nov. 27 "
        "that the two sides had agreed to prolong it by two days, and a further one-day "
        "extension was settled early on Thursday, minutes before the truce was due to "
        "expire.",
        "2023-12-02",
    ))
    assert ("agreement", date(2023, 11, 22)) in found
    assert ("agreement", date(2023, 11, 27)) in found
    assert ("agreement", date(2023, 11, 30)) in found
    assert ("agreement", date(2023, 11, 24)) not in found


def test_a_stay_arriving_on_one_day_and_leaving_on_the_next_is_over():
    found = _rounds(_extract(
        "Earlier, a Hamas delegation spent the weekend in Cairo with Egyptian and Qatari "
        "mediators, arriving on Saturday and leaving for Doha on Sunday evening.",
        "2024-05-09",
    ))
    assert found == [("kairu", date(2024, 5, 4), date(2024, 5, 5), "concluded")]


def test_a_team_that_left_did_not_leave_on_the_day_of_its_hoped_for_return():
    found = _rounds(_extract(
        "Negotiators for Israel and Hamas were leaving Cairo on Monday after talks that got "
        "under way on Sunday.\n\nAccording to the channel, the Hamas and Qatari teams had "
        "left Cairo and could come back within two days to settle the terms.",
        "2024-04-08",
    ))
    assert found == [("kairu", date(2024, 4, 7), date(2024, 4, 8), "concluded")]


def test_a_live_entrys_days_of_negotiating_run_up_to_the_entrys_day():
    found = _rounds(_extract(
        "LIVE: Gaza ceasefire deal reached in Doha\n\n"
        "Wed 15 Jan, 23:10\nThat's where we'll pause\n\n"
        "A quick recap: after four days of round-the-clock negotiating in the Qatari capital, "
        "mediators say a deal has been struck for a first stage of a ceasefire in Gaza.\n\n"
        "Wed 15 Jan, 19:20\nQatar PM sets out terms\n\n"
        "At a news conference in Doha, Qatar's prime minister said the truce would come into "
        "force on Sunday.",
        "2025-01-15T23:10:00+00:00",
    ))
    assert ("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement") in found


_RESTART = (
    "Gaza truce talks restart in Doha\n\n"
    "Negotiations on a ceasefire in Gaza restarted in Qatar on Sunday, ending a lull of two "
    "months. CIA Director William Burns and Mossad chief David Barnea met the Qatari prime "
    "minister in Doha on Sunday, officials said. The discussions ran into the night and "
    "wrapped up on Monday afternoon, after which Barnea returned to Israel.\n\n"
    "Hours before the Doha meeting, Egypt's president made a separate offer.\n\n"
    "US Secretary of State Antony Blinken, speaking to reporters in Doha on Thursday, "
    "announced that negotiators would meet \"in the coming days\"."
)


def test_talks_met_on_one_day_and_wrapped_up_the_next_are_over():
    found = [r for r in _rounds(_extract(_RESTART, "2024-10-28"))]
    assert ("duha", date(2024, 10, 27), date(2024, 10, 28), "concluded") in found
    # Barnea went home to Israel: no talks there; and where Blinken spoke is not where
    # the negotiators will meet.
    extraction = _extract(_RESTART, "2024-10-28")
    stated = [e for e in extraction.events if e.kind == "round" and not e.unconfirmed]
    assert [(e.place_key, e.status) for e in stated] == [("duha", "concluded")]


def test_as_did_tells_a_second_round_in_its_own_clause():
    found = _rounds(_extract(
        "A session of the same spy chiefs in Rome at the end of July 2024 ended without a "
        "breakthrough, as did the high-level round in Cairo in late August 2024.",
        "2025-10-07",
    ))
    assert [(place, start.month) for place, start, _, _ in found] == [("ruma", 7), ("kairu", 8)]


def test_the_team_that_came_home_on_a_day_ended_the_round_it_travelled_to():
    found = _rounds(_extract(
        "When Israeli negotiators travelled to Doha on 10 March for indirect talks with Hamas "
        "through Qatari and Egyptian mediators, a senior official went too.\n\n"
        "The team came home on 14 March without an agreement.",
        "2025-03-21",
    ))
    assert found == [("duha", date(2025, 3, 10), date(2025, 3, 14), "concluded")]


def test_two_named_people_last_together_with_a_mediator_in_a_city_met_there():
    found = _rounds(_extract(
        "Burns and Barnea, who leads Israel's side, were last together with the Qatari prime "
        "minister in Doha on July 10. That meeting ended without a breakthrough.",
        "2024-07-26",
    ))
    assert found == [("duha", date(2024, 7, 10), date(2024, 7, 10), "concluded")]


def test_a_name_followed_by_who_is_a_person():
    extraction = _extract(
        "Mandy Damari, who grew up in Beckenham, south-east London, gave her first public "
        "comments since the release.",
        "2025-01-20",
    )
    assert ("person", "Mandy Damari") in {(e.kind, e.name) for e in extraction.entities}
    # A movement takes "which": no person.
    extraction = _extract(
        "Islamic Jihad, which fought alongside Hamas, said it backed the deal.", "2025-01-20")
    assert not any(e.kind == "person" for e in extraction.entities)


def test_the_mother_of_a_named_hostage_speaks_not_the_hostage():
    (quote,) = _extract(
        "The mother of British-Israeli hostage Emily Damari has said her daughter is \"in high "
        "spirits and on the road to recovery\" after 471 days held in Gaza.",
        "2025-01-20",
    ).quotes
    assert quote.speaker_key is None
    assert quote.speaker_label.startswith("mother of")


def test_a_nickname_in_quotes_inside_a_name_is_no_person_of_its_own():
    extraction = _extract(
        "CIA Director Bill Burns flew in for the meeting, along with Mossad chief David "
        "\"Dadi\" Barnea, who heads Israel's negotiating effort.",
        "2024-01-29",
    )
    people = {e.name for e in extraction.entities if e.kind == "person"}
    assert "David Barnea" in people
    assert not people & {"David", "Dadi"}


def test_rounds_held_in_two_cities_told_in_an_aside_are_two_rounds():
    found = _rounds(_extract(
        "The last rounds, held in Doha and Cairo earlier this month, made little headway.",
        "2024-07-26",
    ))
    assert sorted(place for place, *_ in found) == ["duha", "kairu"]
    # Hostages held in Gaza are no round.
    assert _rounds(_extract("The hostages, held in Gaza since October, were not freed.",
                            "2024-07-26")) == []


def test_a_sides_team_named_with_its_possessive_is_its_delegation():
    found = _rounds(_extract(
        "Israel's team, led by Mossad chief David Barnea, spent two days in Doha on August 15 "
        "and 16.",
        "2024-10-28",
    ))
    assert found == [("duha", date(2024, 8, 15), date(2024, 8, 16), "concluded")]


def test_the_one_round_a_headline_places_takes_the_day_its_people_met():
    found = _rounds(_extract(
        "Spymasters' diplomacy: what Sunday's Rome meeting says about the Gaza talks\n\n"
        "Published 30 July 2024\n\n"
        "When David Barnea's plane left Rome on Sunday evening, the Mossad chief took home "
        "little. As head of Israel's negotiating team, he had spent several hours that day "
        "with CIA Director William Burns, Qatar's prime minister Sheikh Mohammed bin "
        "Abdulrahman al-Thani and Egypt's intelligence minister Abbas Kamel.\n\n"
        "The Rome session was the latest in a series of closed gatherings of spy chiefs.",
        "2024-07-30",
    ))
    assert found == [("ruma", date(2024, 7, 28), date(2024, 7, 28), "concluded")]


def test_a_named_bodys_gathering_is_no_round():
    assert _rounds(_extract(
        "US Secretary of State Antony Blinken is expected to travel to Saudi Arabia on Monday "
        "for a World Economic Forum gathering in Riyadh.",
        "2024-04-27",
    )) == []
    # A gathering of the negotiators is one.
    assert _rounds(_extract(
        "Mediators expect a gathering of Israeli and Hamas negotiators in Cairo on Monday.",
        "2024-04-27",
    ))


def test_another_conflicts_talks_in_a_digest_are_no_round_of_this_story():
    assert _rounds(_extract(
        "U.S. and Ukrainian officials are due to meet in Jeddah today in their first formal "
        "talks since last month's clash. Ukraine is expected to propose a partial truce.",
        "2025-03-11",
    )) == []
    # The host's own country is no side of another conflict.
    assert _rounds(_extract(
        "Burns, Kamel and Sheikh Mohammed met in Paris on Sunday, France's foreign ministry "
        "said.",
        "2024-01-29",
    )) == [("paris", date(2024, 1, 28), date(2024, 1, 28), "concluded")]


def test_an_analysis_goes_on_in_the_year_it_wrote_out_until_it_stops_telling_days():
    found = _rounds(_extract(
        "Looking back at the main rounds.\n\n"
        "The first deal was announced in Doha on November 22, 2023: a four-day pause.\n\n"
        "On November 27, hours before it was due to lapse, the pause was extended by two "
        "days.\n\n"
        "The truce broke down on the morning of December 1. A Mossad team held talks with "
        "Qatari mediators in Doha on December 1 and 2, but on December 2 Prime Minister "
        "Benjamin Netanyahu's office said: \"Due to the dead end in negotiations, Mossad head "
        "David Barnea ordered the negotiating team in Doha to return home.\"",
        "2025-08-12",
    ))
    assert ("duha", date(2023, 12, 1), date(2023, 12, 2), "collapsed") in found
    assert not any(start.year == 2024 for _, start, _, _ in found)


def test_talks_of_another_business_and_a_count_of_deals_are_no_news_of_this_story():
    extraction = _extract(
        "The COP30 climate talks in Belém, Brazil, ended on Saturday, a day late, with an "
        "agreement.\n\nOnly twice have Israel and Hamas agreed to stop fighting, and both "
        "pauses ended with the bombing resuming.",
        "2025-11-24",
    )
    assert [e for e in extraction.events if e.kind in ("round", "agreement")] == []


def test_a_deal_after_talks_that_opened_on_a_day_closes_the_round_signed_days_later():
    found = _rounds(_extract(
        "LIVE: Gaza deal signed\n\n"
        "- Trump says Israel and Hamas have \"signed off\" on the first phase of his plan after "
        "talks in Sharm el-Sheikh that opened on Monday.\n\n"
        "Thu 9 Oct, 10:40\nDeal signed\n\n"
        "The two delegations signed the first-phase document in Sharm el-Sheikh this "
        "morning, Egypt's state-linked Al Qahera News reported.\n\n"
        "Wed 8 Oct, 11:00\nTalks resume\n\n"
        "The talks resumed in Sharm el-Sheikh with US envoy Steve Witkoff.",
        "2025-10-09T18:05:00+00:00",
    ))
    assert found == [("sharm al shaikh", date(2025, 10, 6), date(2025, 10, 9), "agreement")]


def test_a_round_that_opened_when_one_envoy_met_a_premier_is_still_the_round():
    found = _rounds(_extract(
        "Israel on Tuesday recalled its delegation from the hostage talks in Qatar, ending the "
        "latest round of negotiations.\n\nThe Israeli team had spent eight days in the Qatari "
        "capital. The round opened on Monday of last week, when Mossad chief David Barnea met "
        "Qatar's Prime Minister.",
        "2024-03-26",
    ))
    assert found == [("duha", date(2024, 3, 18), date(2024, 3, 26), "collapsed")]
    # One envoy who met a premier, with no round told, is a visit.
    assert _rounds(_extract(
        "On Monday Mossad chief David Barnea met Qatar's Prime Minister in Doha.", "2024-03-26",
    )) == []


def test_a_recall_told_right_after_a_rounds_opening_ends_it_weeks_later():
    found = _rounds(_extract(
        "What is different now.\n\nA round of indirect talks, with Qatar and Egypt mediating, "
        "opened in Doha on 6 July around a proposal for a 60-day truce. It lasted nearly "
        "three weeks. On 24 July Israel and then the United States recalled their teams.",
        "2025-10-07",
    ))
    assert found == [("duha", date(2025, 7, 6), date(2025, 7, 24), "collapsed")]


def test_the_week_of_a_day_is_that_days_week():
    from bot.ingest.pipeline import narrative_dates

    (week,) = narrative_dates(date(2025, 3, 20))(
        0, "Indirect talks in Doha during the week of March 10 ended without a deal.")
    assert (week.start, week.end, week.granularity) == (
        date(2025, 3, 10), date(2025, 3, 16), "week")


def test_a_wire_storys_summary_points_are_its_head_not_a_story_before_it():
    from bot.ingest.document.report import read_report

    report = read_report(
        "Israel-Hamas truce stretched by two days, Qatar says\n\n"
        "* Qatar says extension agreed as four-day pause nears expiry\n"
        "* Hamas confirms, says terms unchanged\n"
        "* CIA, Mossad heads to see Qatari PM on Tuesday - source\n"
        "* Adds White House comment, prisoner numbers\n\n"
        "DOHA, Nov 27 (Reuters) - The pause in fighting between Israel and Hamas in the Gaza "
        "Strip will run for 48 more hours, mediator Qatar said on Monday, a few hours before "
        "the four-day truce had been due to lapse.\n\n"
        "The pause took hold on Friday under a deal that Qatar announced last Wednesday.\n"
    )
    assert report.dateline is not None and report.dateline.city == "Doha"
    assert any("announced last Wednesday" in p for p in report.paragraphs)


def test_a_year_written_later_in_a_paragraph_does_not_move_a_day_told_before_it():
    extraction = _extract(
        "THE BACKDROP. The last round of proximity talks, held in Doha since early July, broke "
        "down on July 24 when Israel and the United States called their negotiators home. "
        "Of the 251 people seized in the October 2023 attack, 49 are still held.",
        "2025-08-19",
    )
    (collapse,) = [e for e in extraction.events if e.kind == "collapse"]
    assert collapse.when.start == date(2025, 7, 24)


def test_a_deal_that_came_out_of_days_of_discussions_ends_those_days():
    found = _rounds(_extract(
        "DUBAI: Mediators announced on Wednesday that Israel and Hamas had agreed to halt the "
        "war in Gaza.\n\nThe final stretch of negotiations was hosted by the Qatari prime "
        "minister in Doha. He said the deal came out of four days of intensive discussions.",
        "2025-01-16",
    ))
    assert ("duha", date(2025, 1, 12), date(2025, 1, 15), "agreement") in found


def test_a_briefs_capital_label_is_no_dateline():
    from bot.ingest.document.dateline import split_dateline

    found, _ = split_dateline(
        "WHERE AND WHEN: Indirect negotiations between Israel and Hamas are due to open on "
        "Monday in the Red Sea resort of Sharm el-Sheikh")
    assert found is None
    found, _ = split_dateline(
        "TEL AVIV: Indirect negotiations between Israel and Hamas are due to open on Monday")
    assert found is not None and found.city == "Tel Aviv"


def test_a_later_recollection_of_the_recall_ends_the_round_news_told_open(engine):
    from datetime import datetime

    from bot.export.timeline_json import export_timeline
    from bot.ingest.batch import ingest_articles
    from bot.ingest.model import ArticleInput
    from bot.store.database import session_scope

    def article(name: str, published: str, text: str) -> ArticleInput:
        return ArticleInput(text=text, outlet="Wire", url=f"https://example.org/{name}",
                            published_at=datetime.fromisoformat(published), source_name=name)

    ingest_articles(engine, [
        article("open", "2024-03-18T18:00:00+00:00",
                "DOHA (AFP) - Israeli negotiators held talks with Qatari and Egyptian mediators "
                "in the Qatari capital on Monday on a truce in Gaza, officials said."),
        article("recalled", "2024-09-01T09:00:00+00:00",
                "A look back at the year's talks.\n\nThe round opened in Doha on March 18, 2024, "
                "with Israeli negotiators and the mediators. On March 26 Israel recalled its "
                "negotiators after Hamas turned down an American compromise."),
    ])
    with session_scope(engine) as session:
        rounds = export_timeline(session, story="t")["rounds"]
    doha = [(r["start"], r["end"], r["status"]) for r in rounds if r["place"] == "Doha"]
    assert doha == [("2024-03-18", "2024-03-26", "collapsed")]


def test_talks_that_went_into_a_third_day_opened_two_days_before():
    found = _rounds(_extract(
        "Indirect negotiations between Israel and Hamas went into a third day on Wednesday in "
        "the Egyptian Red Sea resort of Sharm el-Sheikh.",
        "2025-10-08",
    ))
    assert found == [("sharm al shaikh", date(2025, 10, 6), date(2025, 10, 8), "ongoing")]
