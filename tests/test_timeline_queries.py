"""Timeline queries on a hand-made story, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from bot.timeline.events import (
    all_rounds,
    event_by_id,
    events_between,
    latest_events,
    rounds_at,
    rounds_between,
)
from bot.timeline.people import profile, quotes_between, quotes_by
from bot.timeline.search import fts5_query, search, search_terms
from bot.timeline.stats import list_sources, overview, timeline_stats
from tests.story_rows import build_story


@pytest.fixture
def story(engine):
    ids = build_story(engine)
    with Session(engine) as session:
        yield session, ids


def test_latest_leaves_out_background_and_puts_newest_report_first(story):
    session, ids = story
    found = latest_events(session, limit=10)
    got = [e.id for e in found.items]
    assert ids["doha_round"] not in got and ids["truce"] not in got
    # The Sharm round was first reported on 7 Oct, the Cairo round on 12 Aug.
    assert got.index(ids["sharm_round"]) < got.index(ids["cairo_round"])
    assert found.total == len(got)


def test_latest_can_include_background(story):
    session, ids = story
    got = [e.id for e in latest_events(session, limit=10, include_background=True).items]
    assert ids["truce"] in got


def test_rounds_at_a_place_come_newest_first_with_their_people(story):
    session, ids = story
    found = rounds_at(session, [ids["sharm"], ids["cairo"]])
    assert [e.id for e in found.items] == [ids["sharm_round"], ids["cairo_round"]]
    sharm = found.items[0]
    assert [p.name for p in sharm.with_role("lead")] == ["Ron Dermer"]
    assert sharm.with_role("lead")[0].side == "Israel"
    assert {p.name for p in sharm.with_role("mediator")} == {"Egypt", "Qatar"}
    assert sharm.issues == ["withdrawal timelines", "hostage releases"]


def test_status_history_follows_each_report_in_order(story):
    session, ids = story
    event = event_by_id(session, ids["sharm_round"])
    moves = [(status, source.outlet) for status, source in event.status_history()]
    assert moves == [("ongoing", "Ynetnews"), ("collapsed", "Later Wire")]


def test_a_month_query_finds_a_month_dated_round(story):
    session, ids = story
    found = rounds_between(session, date(2025, 7, 1), date(2025, 7, 31))
    assert [e.id for e in found.items] == [ids["doha_round"]]
    assert found.items[0].granularity == "month"


def test_a_day_inside_a_month_event_still_finds_it(story):
    session, ids = story
    found = events_between(session, date(2025, 7, 15), date(2025, 7, 15))
    assert ids["doha_round"] in [e.id for e in found.items]


def test_events_outside_the_span_are_not_listed(story):
    session, _ = story
    found = events_between(session, date(2025, 9, 1), date(2025, 9, 30))
    assert found.items == [] and found.total == 0


def test_all_rounds_are_in_date_order(story):
    session, ids = story
    got = [e.id for e in all_rounds(session).items]
    assert got == [ids["doha_round"], ids["cairo_round"], ids["sharm_round"]]


def test_profile_has_roles_rounds_quotes_and_what_others_said(story):
    session, ids = story
    found = profile(session, ids["witkoff"])
    assert found.entity.name == "Steve Witkoff"
    assert "Witkoff" in found.spellings
    assert {r.role for r in found.roles} == {"Special Envoy to the Middle East", "U.S. envoy"}
    assert [r.source.outlet for r in found.roles if r.source] == ["ILKHA"]
    assert {e.id for e, _ in found.events.items} == {ids["sharm_round"], ids["proposal"]}
    assert [q.text for q in found.quotes.items] == ["completely unacceptable"]
    assert found.quotes.items[0].source.outlet == "ILKHA"
    hamas = profile(session, ids["hamas"])
    assert [q.speaker for q in hamas.said_of.items] == ["Steve Witkoff"]


def test_quotes_by_a_speaker_carry_the_sentence_they_came_from(story):
    session, ids = story
    said = quotes_by(session, [ids["nounou"]])
    assert said.total == 1
    assert "Israeli intransigence" in said.items[0].source.sentence


def test_quotes_between_count_undated_quotes_by_their_report_day(story):
    session, ids = story
    texts = [q.text for q in quotes_between(session, date(2025, 10, 7), date(2025, 10, 7)).items]
    assert texts == ["set the stage for ending the war"]
    assert (
        quotes_between(session, date(2025, 5, 31), date(2025, 5, 31)).items[0].id
        == ids["unacceptable"]
    )


def test_search_ranks_the_document_with_every_word_first(story):
    session, ids = story
    hits = search(session, "Witkoff unacceptable")
    assert hits[0].kind == "quote" and hits[0].ref_id == ids["unacceptable"]


def test_search_falls_back_to_any_word_when_no_document_has_all(story):
    session, ids = story
    hits = search(session, "Cairo zebra")
    assert ids["cairo_round"] in [h.ref_id for h in hits if h.kind == "event"]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "NEAR(a b)",
        "a* OR -b",
        "col:umn",
        "^start",
        "'; DROP TABLE event; --",
        "الدوحة",
        "🕊️ truce",
        ")(",
        "AND",
        "*",
    ],
)
def test_search_treats_query_syntax_as_plain_words(story, query):
    session, _ = story
    hits = search(session, query)  # must not raise on either backend
    assert all(hit.event is not None or hit.quote is not None for hit in hits)
    # Nothing typed was run as SQL or as index syntax: the timeline still answers.
    assert search(session, "Sharm el-Sheikh")


def test_fts5_query_quotes_every_term():
    assert fts5_query(search_terms('Witkoff "OR" NEAR')) == '"witkoff" "near"'
    assert fts5_query(["a", "b"], any_term=True) == '"a" OR "b"'


def test_overview_counts_and_span(story):
    session, _ = story
    view = overview(session)
    assert view.articles == 4 and view.rounds == 3
    assert view.first_published.date() == date(2025, 6, 1)
    assert view.last_published.date() == date(2025, 10, 9)
    assert view.example_person == "Steve Witkoff"  # ties broken by the oldest entity
    assert view.example_place in {"Sharm el-Sheikh", "Cairo", "Doha"}


def test_sources_list_newest_first_with_counts(story):
    session, _ = story
    articles, total = list_sources(session)
    assert total == 4
    assert [a.outlet for a in articles][:2] == ["Later Wire", "Ynetnews"]
    ilkha = next(a for a in articles if a.outlet == "ILKHA")
    assert (ilkha.events, ilkha.quotes) == (2, 1)


def test_stats_for_the_cli(story):
    session, _ = story
    figures = timeline_stats(session)
    assert figures["articles"] == 4 and figures["rounds"] == 3
