"""Corroboration: how many independent reports an item rests on, and who reported it first."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.console import ask
from bot.ingest.batch import ingest_articles
from bot.ingest.model import ArticleInput
from bot.render import plain
from bot.timeline.corroboration import corroboration, load_outlets
from bot.timeline.records import SourceRef

LONG = ("Mediators met in Cairo on Tuesday for a new round of ceasefire talks between "
        "Israel and Hamas, officials said.")


def _source(article: int, outlet: str, day: int, sentence: str | None = None) -> SourceRef:
    return SourceRef(article, outlet, None, datetime(2025, 10, day, 9, tzinfo=UTC), sentence)


def test_outlet_spellings_are_one_outlet():
    outlets = load_outlets()
    assert outlets.name("Reuters News") == outlets.name("Reuters") == "Reuters"
    assert outlets.name("The Associated Press") == "Associated Press"
    found = corroboration([_source(1, "Reuters", 1), _source(2, "Reuters News", 2)])
    assert (found.reports, found.outlets) == (1, ("Reuters",))
    assert found.text() == "1 outlet, Reuters first"


def test_a_byline_crediting_a_wire_is_a_copy_of_the_wires_report():
    found = corroboration([
        _source(1, "Sach Ki Talash (rewrite of a Reuters report)", 1),
        _source(2, "Reuters", 2),
        _source(3, "Ynetnews", 3),
    ])
    assert found.reports == 2
    assert found.outlets == ("Reuters", "Ynetnews")
    assert found.first == "Sach Ki Talash"
    assert found.text() == "2 outlets, Sach Ki Talash first"


def test_the_same_long_sentence_in_two_outlets_is_one_report():
    found = corroboration([
        _source(1, "AP", 1, LONG),
        _source(2, "Times of Israel", 2, LONG),
        _source(3, "Al Jazeera", 3, "Talks resumed in Cairo."),
    ])
    assert found.reports == 2 and found.first == "Associated Press"


def test_a_note_that_credits_no_outlet_is_part_of_the_name():
    assert load_outlets().name("Daily (Gaza edition)") == "Daily (Gaza edition)"
    found = corroboration([_source(1, "Daily (Gaza edition)", 1), _source(2, "Haaretz", 2)])
    assert found.reports == 2


def test_one_outlet_says_so_without_naming_a_first():
    assert corroboration([_source(1, "Haaretz", 1)]).text() == "1 outlet"
    assert corroboration([]).text() == ""


def _article(outlet: str, published: str, text: str, url: str) -> ArticleInput:
    return ArticleInput(text=text, outlet=outlet, published_at=datetime.fromisoformat(published),
                        url=url, source_name=url.rsplit("/", 1)[-1])


TALKS = ("Israeli and Hamas delegations held a new round of ceasefire talks in Doha on "
         "Tuesday with Qatari and Egyptian mediators, officials said. ")


def test_latest_corroborated_keeps_items_told_by_two_outlets(engine):
    ingest_articles(engine, [
        _article("Reuters", "2025-10-07T12:00:00+00:00", TALKS * 2, "https://example.org/r1"),
        _article("Haaretz", "2025-10-08T08:00:00+00:00",
                 "Negotiators for Israel and Hamas met in Doha on Tuesday for indirect talks "
                 "mediated by Qatar and Egypt, two officials told Haaretz. " * 2,
                 "https://example.org/h1"),
        _article("Ynetnews", "2025-10-09T08:00:00+00:00",
                 "Israeli and Hamas negotiators will meet in Cairo on Sunday for another round "
                 "of talks, an Egyptian official said. " * 2, "https://example.org/y1"),
    ])
    everything = plain(ask(engine, "/latest 10").pages[0])
    assert "Cairo" in everything and "Doha" in everything
    both = plain(ask(engine, "/latest 10 corroborated").pages[0])
    assert "Doha" in both and "2 outlets, Reuters first" in both
    assert "Cairo" not in both
    doha = plain(ask(engine, "/round Doha").pages[0])
    assert doha.count("Sources (2 outlets, Reuters first)") == 1


def test_latest_corroborated_says_when_nothing_qualifies(engine):
    ingest_articles(engine, [_article("Ynetnews", "2025-10-09T08:00:00+00:00", TALKS * 2,
                                      "https://example.org/y2")])
    answer = plain(ask(engine, "/latest corroborated").pages[0])
    assert answer == ("No development on record rests on two or more independent reports yet. "
                      "See /latest for everything.")
