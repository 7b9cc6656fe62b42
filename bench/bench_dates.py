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

from bot.dates import find_time_expressions  # noqa: E402

SEEDS = ROOT / "seeds"
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
    print(f"seed articles: {len(articles)}")
    print(f"resolver, sentence by sentence (median of {REPEATS}): {resolver:.2f} ms/article")
    print(f"search_dates(text, languages=['en']) (median of {REPEATS}): {english:.2f} ms/article")
    print(f"search_dates(text) (median of {REPEATS_ANY_LANGUAGE}): {any_language:.2f} ms/article")
    print(f"ratio resolver / search_dates en: {resolver / english:.3f}")
    print(f"ratio resolver / search_dates: {resolver / any_language:.4f}")
    return figures


if __name__ == "__main__":
    run()
