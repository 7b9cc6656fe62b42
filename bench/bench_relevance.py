"""The on-story filter on its labelled sets: precision and recall, and what it got wrong.

Articles: on-story, the held-out extraction corpus (tests/articles/heldout*/); off-story,
near misses from the same region and outlets (tests/data/relevance/off_story.toml and the
off-story feed items).  Feed items (tests/data/relevance/feed_items.toml): a title and a
summary, judged before the page is fetched; every on-story item must be fetched, and each
off-story one turned away saves a fetch.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.ingest.relevance import judge, judge_feed_item  # noqa: E402
from tests.relevance_set import (  # noqa: E402
    labelled_articles,
    labelled_feed_items,
    precision_recall,
)


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
    feed_items = labelled_feed_items()
    fetched = [(judge_feed_item(t, s).on_story, on) for t, s, on in feed_items]
    for (title, _, on), (fetch, _) in zip(feed_items, fetched, strict=True):
        if on and not fetch:
            print(f"  not fetched, labelled on: {title}")
    on_items = [f for f, on in fetched if on]
    off_items = [f for f, on in fetched if not on]
    print(f"feed items: {len(feed_items)} ({len(on_items)} on-story, {len(off_items)} off-story); "
          f"on-story fetched {sum(on_items)}/{len(on_items)}, off-story turned away without "
          f"a fetch {len(off_items) - sum(off_items)}/{len(off_items)}")


if __name__ == "__main__":
    run()
