"""The filter's labelled set: held-out story articles (on) and written near misses (off)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent
ON_STORY_DIRS = sorted((ROOT / "articles").glob("heldout*"))
OFF_STORY = ROOT / "data" / "relevance" / "off_story.toml"


def labelled_articles() -> list[tuple[str, str, bool]]:
    """(name, text, on_story) for every article in the set."""
    items = [
        (path.name, path.read_text(encoding="utf-8"), True)
        for folder in ON_STORY_DIRS
        for path in sorted(folder.glob("*.txt"))
    ]
    data = tomllib.loads(OFF_STORY.read_text(encoding="utf-8"))
    items += [(a["title"], f"{a['title']}\n\n{a['text']}", False) for a in data["article"]]
    return items


def precision_recall(judged: list[tuple[bool, bool]]) -> tuple[float, float]:
    """From (predicted, actual) pairs."""
    tp = sum(1 for p, a in judged if p and a)
    fp = sum(1 for p, a in judged if p and not a)
    fn = sum(1 for p, a in judged if not p and a)
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
