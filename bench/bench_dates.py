"""The date resolver's time per seed article, beside dateparser's `search_dates` on the
same texts in the same run (with `languages=['en']`, and with language detection).

The resolver runs the way the extractor calls it: once per sentence, with the article's
publication date (it keeps no cache between calls).  `search_dates` runs once on the
whole article.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/bench_dates.py` from anywhere
    sys.path.insert(0, str(ROOT))

from dateparser.search import search_dates  # noqa: E402

from bot.dates import find_time_expressions, resolve_when  # noqa: E402

SEEDS = ROOT / "seeds"
HELDOUT = ROOT / "tests" / "data" / "dates_heldout.toml"
REPEATS = 15
REPEATS_ANY_LANGUAGE = 3  # about ten times slower; three runs are stable enough
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n+")


def _articles() -> list[tuple[str, datetime]]:
    manifest = tomllib.loads((SEEDS / "manifest.toml").read_text(encoding="utf-8"))
    articles = []
    for entry in manifest["articles"]:
        published = entry["published"]
        if isinstance(published, date) and not isinstance(published, datetime):
            published = datetime(published.year, published.month, published.day)
        elif isinstance(published, str):
            published = datetime.fromisoformat(published)
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        articles.append((text, published.replace(tzinfo=None)))
    return articles


def _resolver(text: str, published: datetime) -> None:
    for sentence in _SENTENCE_END.split(text):
        find_time_expressions(sentence, published)


def _search_english(text: str, published: datetime) -> None:
    search_dates(text, languages=["en"], settings={"RELATIVE_BASE": published})


def _search_any_language(text: str, published: datetime) -> None:
    search_dates(text, settings={"RELATIVE_BASE": published})


def _ms_per_article(call: Callable[[str, datetime], None], articles: list[tuple[str, datetime]],
                    repeats: int) -> float:
    """Median over the repeats of the mean time per article, in milliseconds."""
    for text, published in articles:  # dateparser loads its language data on first use
        call(text, published)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        for text, published in articles:
            call(text, published)
        samples.append((time.perf_counter() - started) / len(articles) * 1000)
    return statistics.median(samples)


def _heldout_figures() -> tuple[float, float, float]:
    """Microseconds per held-out sentence, and mean and worst milliseconds per `/on` query
    (the queries include garbage and a 5,000-character paste, which must be refused fast)."""
    data = tomllib.loads(HELDOUT.read_text(encoding="utf-8"))
    sentences = [(c["text"], date.fromisoformat(c["published"])) for c in data["case"]]
    queries = [(q["query"] * q.get("repeat", 1), datetime.fromisoformat(q["now"]))
               for q in data["query"]]
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for text, published in sentences:
            find_time_expressions(text, published)
        samples.append((time.perf_counter() - started) / len(sentences) * 1e6)
    for query, now in queries:  # dateparser's first call loads its data
        resolve_when(query, now)
    per_query = []
    for query, now in queries:
        started = time.perf_counter()
        for _ in range(REPEATS_ANY_LANGUAGE):
            resolve_when(query, now)
        per_query.append((time.perf_counter() - started) / REPEATS_ANY_LANGUAGE * 1000)
    return statistics.median(samples), statistics.mean(per_query), max(per_query)


def run() -> dict[str, float]:
    articles = _articles()
    resolver = _ms_per_article(_resolver, articles, REPEATS)
    english = _ms_per_article(_search_english, articles, REPEATS)
    any_language = _ms_per_article(_search_any_language, articles, REPEATS_ANY_LANGUAGE)
    figures = {
        "resolver_ms_per_article": resolver,
        "search_dates_en_ms_per_article": english,
        "search_dates_ms_per_article": any_language,
        "resolver_to_search_dates_en_ratio": resolver / english,
        "resolver_to_search_dates_ratio": resolver / any_language,
    }
    sentence_us, query_ms, worst_query_ms = _heldout_figures()
    figures.update(heldout_us_per_sentence=sentence_us, on_query_mean_ms=query_ms,
                   on_query_worst_ms=worst_query_ms)
    print(f"seed articles: {len(articles)}")
    print(f"resolver, sentence by sentence (median of {REPEATS}): {resolver:.2f} ms/article")
    print(f"search_dates(text, languages=['en']) (median of {REPEATS}): {english:.2f} ms/article")
    print(f"search_dates(text) (median of {REPEATS_ANY_LANGUAGE}): {any_language:.2f} ms/article")
    print(f"ratio resolver / search_dates en: {resolver / english:.3f}")
    print(f"ratio resolver / search_dates: {resolver / any_language:.4f}")
    print(f"held-out sentences (median of {REPEATS}): {sentence_us:.1f} µs/sentence")
    print(f"/on queries: mean {query_ms:.2f} ms, worst {worst_query_ms:.2f} ms")
    return figures


if __name__ == "__main__":
    run()
