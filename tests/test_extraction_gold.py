"""The extractor against the hand-written gold facts of the five seed articles."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ingest.model import Extraction
from bot.ingest.pipeline import extract
from bot.names import name_key
from tests.gold.score import Scores, load_gold, score
from tests.gold.snapshot import Report, build_snapshot, seed_articles, source_id


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    return {source_id(a): extract(a) for a in seed_articles()}


@pytest.fixture(scope="module")
def snapshot(extractions: dict[str, Extraction]) -> dict:
    published = {source_id(a): a.published_at for a in seed_articles()}
    return build_snapshot([Report(s, published[s], ex) for s, ex in extractions.items()])


@pytest.fixture(scope="module")
def scores(snapshot: dict) -> Scores:
    return score(snapshot, load_gold())


def _round(snapshot: dict, place: str) -> dict:
    [found] = [r for r in snapshot["rounds"] if name_key(r["place"]) == name_key(place)]
    return found


def test_rounds_people_and_quotes_reach_precision_and_recall_0_9(scores: Scores):
    print("\n" + scores.table())
    assert scores.failing(0.9) == []


def test_appended_unrelated_items_never_surface(scores: Scores):
    assert scores.leaks == []


def test_cairo_round_of_12_august_2025_led_by_al_hayya_with_egypt_mediating(snapshot: dict):
    cairo = _round(snapshot, "Cairo")
    assert (cairo["start"], cairo["status"]) == ("2025-08-12", "ongoing")
    assert cairo["lead"] == ["Khalil al-Hayya"]
    assert "Egypt" in cairo["mediators"]
    assert any("60-day" in issue for issue in cairo["issues"])


def test_doha_round_of_july_2025_collapsed_and_is_background(snapshot: dict):
    doha = _round(snapshot, "Doha")
    assert (doha["start"], doha["end"], doha["status"]) == ("2025-07-01", "2025-07-31", "collapsed")
    assert doha["background"] is True


def test_sharm_el_sheikh_round_on_6_and_7_october_2025(snapshot: dict):
    sharm = _round(snapshot, "Sharm el-Sheikh")
    assert (sharm["start"], sharm["end"]) == ("2025-10-06", "2025-10-07")
    assert sharm["lead"] == ["Ron Dermer"]
    assert {"Steve Witkoff", "Jared Kushner"} <= set(sharm["participants"])
    ansari = [q for q in snapshot["quotes"] if q["speaker"] == "Majed al-Ansari"]
    assert len(ansari) >= 4


def test_al_nounou_and_al_nono_are_one_person(snapshot: dict):
    [nounou] = [p for p in snapshot["people"] if "Taher al-Nono" in p["spellings"]]
    assert nounou["sources"] == ["000", "004"]


def test_witkoff_called_the_response_completely_unacceptable(snapshot: dict):
    [q] = [q for q in snapshot["quotes"] if q["text"] == "completely unacceptable"]
    assert (q["speaker"], q["source"]) == ("Steve Witkoff", "001")


def test_truce_of_november_2023_is_background_with_its_own_date(extractions):
    [truce] = [e for e in extractions["002"].events if e.background]
    assert (truce.when.start, truce.when.granularity) == (date(2023, 11, 1), "month")


def test_every_event_and_quote_points_at_a_sentence_of_its_article(extractions):
    for ex in extractions.values():
        count = len(ex.sentences)
        assert all(0 <= e.sentence < count for e in ex.events)
        assert all(0 <= q.sentence < count for q in ex.quotes)
        assert all(q.text in ex.sentences[q.sentence].text or q.text[:20] in " ".join(
            s.text for s in ex.sentences[q.sentence : q.sentence + 4]
        ) for q in ex.quotes)


def test_extracting_an_article_again_gives_the_same_extraction(extractions):
    article = seed_articles()[3]
    assert extract(article) == extractions[source_id(article)]
