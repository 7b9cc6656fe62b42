"""The on-story filter: the profile decides; the timeline's names only add weight."""

from __future__ import annotations

from bot.ingest.relevance import judge
from tests.relevance_set import labelled_articles, precision_recall


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
