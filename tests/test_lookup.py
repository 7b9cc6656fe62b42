"""Fuzzy entity lookup: confident answers, "did you mean" choices, nearest suggestions."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.names import name_key
from bot.replies.lookup import PLAUSIBLE, lookup_entity, plausibility, rank_entities
from tests.story_rows import StoryRows, build_story


@pytest.fixture
def story(engine):
    ids = build_story(engine)
    with Session(engine) as session:
        yield session, ids


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Witkof", "Steve Witkoff"),
        ("witkoff", "Steve Witkoff"),
        ("al-Nono", "Taher al-Nounou"),
        ("Taher al-Nunu", "Taher al-Nounou"),
        ("  DERMER ", "Ron Dermer"),
        ("Khalil al-Hayyah", "Khalil al-Hayya"),
    ],
)
def test_a_misspelled_person_is_found_at_once(story, query, name):
    session, _ = story
    found = lookup_entity(session, query, ("person",))
    assert found.found and found.best.name == name


@pytest.mark.parametrize(
    ("query", "name"),
    [("Kairo", "Cairo"), ("Sharm", "Sharm el-Sheikh"), ("sharm al sheikh", "Sharm el-Sheikh")],
)
def test_a_place_is_found_by_transliteration_or_its_first_word(story, query, name):
    session, _ = story
    found = lookup_entity(session, query, ("place",))
    assert found.found and found.best.name == name


def test_a_shared_surname_offers_both_people_and_decides_nothing(story):
    session, ids = story
    found = lookup_entity(session, "Sinwar", ("person",))
    assert not found.found and found.close
    assert {c.entity_id for c in found.choices} >= {ids["yahya"], ids["mohammed"]}


def test_different_given_names_are_never_merged(story):
    session, ids = story
    found = lookup_entity(session, "Mohammed Sinwar", ("person",))
    assert found.best.entity_id == ids["mohammed"]


def test_a_look_alike_of_another_kind_is_not_a_match(story):
    session, _ = story
    found = lookup_entity(session, "Giza", ("place",))
    assert not found.found or found.best.name != "Gaza Strip"


def test_nothing_alike_gives_no_unrelated_names(story):
    session, _ = story
    found = lookup_entity(session, "Zxqv Plorb", ("person",))
    assert not found.found and not found.close
    assert not found.choices  # the reply gives the usage line instead


@pytest.mark.parametrize("query", ["", "   ", "!!!", "🕊️", "<b>x</b>"])
def test_inputs_without_letters_give_no_names_and_no_errors(story, query):
    session, _ = story
    found = lookup_entity(session, query, ("person",))
    assert not found.found and not found.choices


def test_arabic_script_is_read_through_its_transliteration(story):
    session, _ = story
    # Written without vowels, it is compared by its consonants: al-Qahira, not Cairo.
    assert plausibility(name_key("القاهرة"), name_key("al-Qahira")) >= PLAUSIBLE
    found = lookup_entity(session, "القاهرة", ("place",))
    assert not found.found and all(c.name != "Doha" for c in found.choices)


def test_the_id_form_finds_exactly_that_entity_of_that_kind(story):
    session, ids = story
    assert lookup_entity(session, f"#{ids['witkoff']}", ("person",)).best.name == "Steve Witkoff"
    wrong_kind = lookup_entity(session, f"#{ids['cairo']}", ("person",))
    assert not wrong_kind.found


def test_a_new_alias_is_seen_by_the_next_lookup(engine, story):
    session, _ = story
    assert not lookup_entity(session, "Bibi", ("person",)).found
    with Session(engine) as writer:
        StoryRows(writer).entity("person", "Benjamin Netanyahu", "Bibi")
        writer.commit()
    assert lookup_entity(session, "Bibi", ("person",)).best.name == "Benjamin Netanyahu"


def test_rank_entities_lists_likely_names_best_first(story):
    session, _ = story
    ranked = rank_entities(session, "witk", ("person",))
    assert ranked and ranked[0].name == "Steve Witkoff"
