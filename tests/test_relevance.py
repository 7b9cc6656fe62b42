"""The on-story filter: the profile decides; the timeline's names only add weight."""

from __future__ import annotations

from bot.ingest.relevance import judge, judge_feed_item
from tests.relevance_set import labelled_articles, labelled_feed_items, precision_recall


def test_the_filter_meets_its_targets_on_the_labelled_set():
    items = labelled_articles()
    assert len(items) >= 60 and sum(1 for *_, on in items if not on) >= 25
    precision, recall = precision_recall([(judge(text).on_story, on) for _, text, on in items])
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


def test_a_ceasefire_elsewhere_is_off_story_with_a_reason():
    verdict = judge("Ukraine and Russia held ceasefire talks in Istanbul with Turkish mediators.")
    assert not verdict.on_story
    assert verdict.reason.startswith("off-story: names too little of the story's ground")


def test_gaza_news_that_is_not_about_the_talks_is_off_story():
    verdict = judge("Heavy rain flooded tents in Gaza and Khan Younis; aid groups asked for fuel.")
    assert not verdict.on_story and "says too little about" in verdict.reason


def test_the_talks_are_on_story():
    text = "Hamas negotiators met Egyptian and Qatari mediators in Cairo on a Gaza ceasefire deal."
    assert judge(text).on_story


def test_the_timelines_own_names_add_weight_but_never_decide_alone():
    talks = "Talks on the proposal resumed; the delegation met mediators about a truce."
    names = ["Ahmed Example", "Some Village"]
    alone = talks + " Ahmed Example and Some Village were named."
    assert not judge(alone, known_names=names).on_story  # no anchor of the profile's own
    with_gaza = "In Gaza, " + alone
    assert not judge(with_gaza).on_story
    assert judge(with_gaza, known_names=names).on_story


def test_a_feed_item_that_names_only_the_region_costs_no_fetch():
    verdict = judge_feed_item("Rain floods tents", "Rain in central Gaza; aid groups need fuel")
    assert not verdict.on_story
    assert "title and summary say too little about" in verdict.reason and "gaza" in verdict.reason


def test_a_terse_feed_item_is_fetched_on_either_half_of_the_story():
    assert judge_feed_item("Mediators scramble to save the truce", "").on_story  # business
    assert judge_feed_item("Witkoff and Dermer meet in Miami", "").on_story  # ground
    assert not judge_feed_item("Netanyahu back on the stand in his trial", "").on_story


def test_every_on_story_feed_item_is_fetched_and_most_near_misses_are_not():
    items = labelled_feed_items()
    assert sum(1 for *_, on in items if on) >= 20 and sum(1 for *_, on in items if not on) >= 20
    fetched = [(judge_feed_item(title, summary).on_story, on) for title, summary, on in items]
    assert all(fetch for fetch, on in fetched if on)
    turned_away = [not fetch for fetch, on in fetched if not on]
    assert sum(turned_away) >= len(turned_away) / 2
