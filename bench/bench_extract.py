"""The whole extractor's time per seed article, beside one naive dateparser call.

Per seed: the median of repeated `extract` calls, and the median of one
`dateparser.search.search_dates(text, languages=['en'])` on the same text in the
same run, with their ratio (goal: under 50 ms, and below 1.0).  Then 1,000
synthetic articles made by shuffling the seeds' sentences: total seconds, peak
RSS, and peak traced allocation over a smaller pass.
Run: `python -m bench extract` or `python bench/bench_extract.py`.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script too
    sys.path.insert(0, str(ROOT))

from dateparser.search import search_dates  # noqa: E402

from bot.gazetteer import load_gazetteer  # noqa: E402
from bot.ingest.document.clean import clean_article  # noqa: E402
from bot.ingest.document.sentences import split_sentences  # noqa: E402
from bot.ingest.model import ArticleInput  # noqa: E402
from bot.ingest.pipeline import extract  # noqa: E402
from bot.ingest.sources import collect_articles  # noqa: E402

REPEATS = 15
SYNTHETIC = 1_000
TRACED = 100


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _seeds() -> list[ArticleInput]:
    found = [a for a in collect_articles([ROOT / "seeds"]) if isinstance(a, ArticleInput)]
    return sorted(found, key=lambda a: a.source_name)


def _synthetic(seeds: list[ArticleInput], count: int) -> list[ArticleInput]:
    """Articles of 8-30 sentences drawn from all seeds' stories, in paragraphs of 1-3."""
    rng = random.Random(20251007)
    pool = [
        s.text
        for a in seeds
        for s in split_sentences(clean_article(a.text).paragraphs)
    ]
    articles = []
    for i in range(count):
        picked = rng.sample(pool, rng.randint(8, min(30, len(pool))))
        paragraphs, at = [], 0
        while at < len(picked):
            size = rng.randint(1, 3)
            paragraphs.append(" ".join(picked[at : at + size]))
            at += size
        base = seeds[i % len(seeds)]
        text = "Synthetic article\n\n" + "\n\n".join(paragraphs)
        articles.append(replace(base, text=text, source_name=f"synthetic-{i}"))
    return articles


def run() -> dict:
    gazetteer = load_gazetteer()
    seeds = _seeds()
    for article in seeds:  # warm caches (gazetteer, name keys, regexes) before timing
        extract(article, gazetteer=gazetteer)
        search_dates(article.text, languages=["en"])
    rows = []
    for article in seeds:
        ours = _median_ms(lambda a=article: extract(a, gazetteer=gazetteer), REPEATS)
        naive = _median_ms(lambda a=article: search_dates(a.text, languages=["en"]), REPEATS)
        rows.append((Path(article.source_name).name[:3], len(article.text), ours, naive))
    print(f"{'seed':<5} {'chars':>6} {'extract ms':>10} {'search_dates ms':>15} {'ratio':>6}")
    for name, chars, ours, naive in rows:
        print(f"{name:<5} {chars:>6} {ours:>10.2f} {naive:>15.2f} {ours / naive:>6.2f}")
    median_ms = statistics.median(r[2] for r in rows)
    median_ratio = statistics.median(r[2] / r[3] for r in rows)
    print(f"median extract per seed article: {median_ms:.2f} ms (goal < 50 ms)")
    print(f"median ratio to one search_dates call: {median_ratio:.2f} (goal <= 1.0)")

    articles = _synthetic(seeds, SYNTHETIC)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    for article in articles:
        extract(article, gazetteer=gazetteer)
    total_s = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # tracemalloc slows Python code severalfold, so it measures a separate, smaller pass.
    tracemalloc.start()
    for article in articles[:TRACED]:
        extract(article, gazetteer=gazetteer)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{SYNTHETIC} synthetic articles: {total_s:.2f} s total "
        f"({1000 * total_s / SYNTHETIC:.2f} ms each); peak RSS {rss_peak:.0f} MiB "
        f"(was {rss_before:.0f} MiB before them); peak traced allocation over "
        f"{TRACED} of them {peak / 2**20:.2f} MiB"
    )
    return {
        "per_seed": [
            {"seed": n, "chars": c, "extract_ms": o, "search_dates_ms": d, "ratio": o / d}
            for n, c, o, d in rows
        ],
        "median_ms": median_ms,
        "median_ratio": median_ratio,
        "synthetic_articles": SYNTHETIC,
        "synthetic_total_s": total_s,
        "synthetic_peak_rss_mib": rss_peak,
        "synthetic_traced_peak_mib": peak / 2**20,
    }


if __name__ == "__main__":
    run()
