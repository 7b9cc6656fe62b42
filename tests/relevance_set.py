"""The filter's labelled sets.

Articles: held-out story articles (on) and written near misses (off), among them the
off-story feed items, since a page can be as short as its item.  Feed items: a title and
a summary each, judged before any fetch (on: the page must be fetched).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent
ON_STORY_DIRS = sorted((ROOT / "articles").glob("heldout*"))
OFF_STORY = ROOT / "data" / "relevance" / "off_story.toml"
FEED_ITEMS = ROOT / "data" / "relevance" / "feed_items.toml"


def labelled_feed_items() -> list[tuple[str, str, bool]]:
    """(title, summary, on_story) for every feed item in the set."""
    data = tomllib.loads(FEED_ITEMS.read_text(encoding="utf-8"))
    return [(i["title"], i["summary"], i["on_story"]) for i in data["item"]]


def labelled_articles() -> list[tuple[str, str, bool]]:
    """(name, text, on_story) for every article in the set."""
    items = [
        (path.name, path.read_text(encoding="utf-8"), True)
        for folder in ON_STORY_DIRS
        for path in sorted(folder.glob("*.txt"))
    ]
    data = tomllib.loads(OFF_STORY.read_text(encoding="utf-8"))
    items += [(a["title"], f"{a['title']}\n\n{a['text']}", False) for a in data["article"]]
    items += [
        (title, f"{title}\n\n{summary}", False)
        for title, summary, on_story in labelled_feed_items()
        if not on_story
    ]
    return items


def precision_recall(judged: list[tuple[bool, bool]]) -> tuple[float, float]:
    """From (predicted, actual) pairs."""
    tp = sum(1 for p, a in judged if p and a)
    fp = sum(1 for p, a in judged if p and not a)
    fn = sum(1 for p, a in judged if not p and a)
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
