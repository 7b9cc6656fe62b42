"""The on-story filter on its labelled set: precision and recall, and what it got wrong.

On-story: the held-out extraction corpus (tests/articles/heldout*/).  Off-story: near misses
from the same region and outlets (tests/data/relevance/off_story.toml).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.ingest.relevance import judge  # noqa: E402
from tests.relevance_set import labelled_articles, precision_recall  # noqa: E402


def run() -> None:
    items = labelled_articles()
    started = time.perf_counter()
    judged = []
    for name, text, on_story in items:
        verdict = judge(text)
        judged.append((verdict.on_story, on_story))
        if verdict.on_story != on_story:
            print(f"  wrong: {name} (labelled {'on' if on_story else 'off'}): {verdict.reason}")
    elapsed = time.perf_counter() - started
    precision, recall = precision_recall(judged)
    on = sum(1 for *_, label in items if label)
    print(f"labelled set: {len(items)} articles ({on} on-story, {len(items) - on} off-story)")
    print(f"precision {precision:.3f} (target 0.95), recall {recall:.3f} (target 0.90)")
    print(f"{elapsed / len(items) * 1000:.2f} ms per article")


if __name__ == "__main__":
    run()
