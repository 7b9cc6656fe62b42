"""Cold start of `timeline-bot ask "/latest"` on a built database, and ingesting the seeds.

The floor is `python -c "import telegram, sqlmodel, dateparser"`: the libraries the bot
cannot start without, measured side by side in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _time_command(args: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _ingest_seeds(url: str) -> float:
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles
    from bot.paths import SEEDS_DIR
    from bot.store.database import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    report = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    elapsed = time.perf_counter() - started
    engine.dispose()
    assert report.ok and len(report.added) == 5, report
    return elapsed


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/bench.db"
        ingest_seconds = _ingest_seeds(url)
        env = {**os.environ, "DATABASE_URL": url}
        ask = _time_command([sys.executable, "-m", "bot", "ask", "/latest"], env)
        floor = _time_command(
            [sys.executable, "-c", "import telegram, sqlmodel, dateparser"], env
        )
    figures = {
        "ingest_seeds_s": ingest_seconds,
        "ask_latest_cold_s": ask,
        "import_floor_s": floor,
        "ask_to_floor_ratio": ask / floor,
    }
    print(f"ingest 5 seed articles into an empty SQLite database: {ingest_seconds * 1000:.0f} ms")
    print(f"cold start `timeline-bot ask /latest` (median of {RUNS}): {ask * 1000:.0f} ms")
    print(f"floor `python -c 'import telegram, sqlmodel, dateparser'`: {floor * 1000:.0f} ms")
    print(f"ratio ask/floor: {ask / floor:.2f}")
    return figures


if __name__ == "__main__":
    run()
