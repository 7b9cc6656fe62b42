"""`timeline-bot rebuild` of 1,000 articles: wall time and peak memory, beside its floor.

1,000 synthetic articles (the seeds' sentences shuffled, as in bench_extract) are ingested
into a fresh SQLite file; then, in a child process of its own so its memory is its own,
the rebuild reads them all again and replaces the timeline in one transaction.  The floor
is the extractor alone over the same articles in the same run (no database): the ratio
says what storing costs on top of reading.  With TEST_DATABASE_URL set, PostgreSQL too.
Run: `python -m bench rebuild`.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script too
    sys.path.insert(0, str(ROOT))

ARTICLES = 1_000


def _rebuild_in_child(url: str, queue) -> None:
    from bot.store.database import make_engine
    from bot.store.rebuild import rebuild

    engine = make_engine(url)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    report = rebuild(engine)
    seconds = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((seconds, rss_before, rss_peak, report.articles))


def _measure(url: str) -> tuple[float, float, float, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_rebuild_in_child, args=(url, queue))
    child.start()
    result = queue.get(timeout=1800)
    child.join()
    return result


def _prepare(url: str, articles) -> float:
    from bot.ingest.batch import ingest_articles
    from bot.store.database import ensure_schema, make_engine

    engine = make_engine(url)
    ensure_schema(engine)
    started = time.perf_counter()
    report = ingest_articles(engine, articles)
    engine.dispose()
    assert report.ok and len(report.added) == len(articles), report
    return time.perf_counter() - started


def _floor(articles) -> float:
    from bot.gazetteer import load_gazetteer
    from bot.ingest.pipeline import extract

    gazetteer = load_gazetteer()
    started = time.perf_counter()
    for article in articles:
        extract(article, gazetteer=gazetteer)
    return time.perf_counter() - started


def _pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bench_rebuild"))
        connection.execute(text("CREATE DATABASE bench_rebuild"))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/bench_rebuild"


def run() -> dict:
    from bench.bench_extract import _seeds, _synthetic

    articles = _synthetic(_seeds(), ARTICLES)
    floor = _floor(articles)
    results = {"articles": ARTICLES, "extract_only_s": floor}
    print(f"floor: the extractor alone over {ARTICLES} articles: {floor:.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        targets = [("sqlite", f"sqlite:///{scratch}/rebuild.db")]
        pg = _pg_url()
        if pg:
            targets.append(("postgresql", pg))
        for name, url in targets:
            ingest_s = _prepare(url, articles)
            seconds, rss_before, rss_peak, read = _measure(url)
            assert read == ARTICLES
            print(
                f"{name}: ingest {ingest_s:.2f} s; rebuild of {read} articles {seconds:.2f} s "
                f"({1000 * seconds / read:.1f} ms each), {seconds / floor:.2f}x the extractor "
                f"alone; peak RSS {rss_peak:.0f} MiB ({rss_before:.0f} MiB before it)"
            )
            results[name] = {"ingest_s": ingest_s, "rebuild_s": seconds,
                             "ratio_to_extract": seconds / floor, "peak_rss_mib": rss_peak}
    return results


if __name__ == "__main__":
    run()
