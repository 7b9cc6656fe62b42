"""How many independent reports an event rests on, and which outlet reported it first.

A wire story carried by five papers is one report, not five: an article whose byline
credits another outlet ("Sach Ki Talash (rewrite of a Reuters report)") counts as that
outlet's report, and articles that tell the event in the very same sentence are copies
of one report.  Outlet names are normalised with the outlets' spellings in
data/actors.toml ("Reuters News" is Reuters); the byline patterns are in data/outlets.toml.
Pure functions over `SourceRef`s: the replies, the exports and the chart all call them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bot.names import name_key
from bot.paths import DATA_DIR
from bot.timeline.records import EventView, SourceRef

# Two outlets telling an event in the same words copied one report; a short sentence
# ("Talks resumed.") can be written alike by two reporters, so only longer ones count.
SAME_WORDS_MIN_CHARS = 60


@dataclass(frozen=True)
class Outlets:
    canonical: dict[str, str]  # name_key of any spelling -> the outlet's name
    syndication: tuple[re.Pattern[str], ...]

    def name(self, outlet: str) -> str:
        """The outlet's one name: "Reuters News" -> "Reuters"; a syndication note dropped."""
        own = self.without_credit(outlet)
        return self.canonical.get(name_key(own), own)

    def key(self, outlet: str) -> str:
        return name_key(self.name(outlet)) or outlet.strip().lower()

    def without_credit(self, outlet: str) -> str:
        """The byline without a note crediting a known outlet ("(via AP)"); other notes stay."""
        for pattern in self.syndication:
            found = pattern.search(outlet)
            if found is not None and name_key(found.group("original")) in self.canonical:
                return outlet[: found.start()].strip() or outlet.strip()
        return outlet.strip()

    def credited(self, outlet: str) -> str | None:
        """The outlet a byline credits the report to ("rewrite of a Reuters report": Reuters)."""
        for pattern in self.syndication:
            found = pattern.search(outlet)
            if found is not None and outlet[: found.start()].strip():
                return found.group("original").strip()
        return None


@cache
def load_outlets() -> Outlets:
    with (DATA_DIR / "actors.toml").open("rb") as fh:
        actors = tomllib.load(fh)
    with (DATA_DIR / "outlets.toml").open("rb") as fh:
        notes = tomllib.load(fh)
    canonical: dict[str, str] = {}
    for entry in actors.get("organisation", []):
        if entry.get("type") != "outlet":
            continue
        for spelling in (entry["name"], *entry.get("spellings", [])):
            canonical[name_key(spelling)] = entry["name"]
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in notes.get("syndication", []))
    return Outlets(canonical, patterns)


@dataclass(frozen=True)
class Corroboration:
    """`reports`: independent reports (syndicated copies and one outlet's updates count once);
    `outlets`: one name per report, first reported first; `first`: who published first."""

    reports: int
    outlets: tuple[str, ...]
    first: str | None
    articles: int

    @property
    def corroborated(self) -> bool:
        return self.reports >= 2

    def text(self) -> str:
        """ "3 outlets, Reuters first", "1 outlet"; nothing when no article is on record."""
        if self.reports == 0:
            return ""
        count = f"{self.reports} outlet" + ("" if self.reports == 1 else "s")
        if self.articles > 1 and self.first:
            return f"{count}, {self.first} first"
        return count


def is_corroborated(event: EventView) -> bool:
    """Two or more independent reports, or verified by an editor."""
    return event.verified or corroboration(event.sources).corroborated


def corroboration(sources: Iterable[SourceRef], outlets: Outlets | None = None) -> Corroboration:
    outlets = outlets or load_outlets()
    ordered = _one_per_article(sources)
    if not ordered:
        return Corroboration(0, (), None, 0)
    keys = [outlets.key(s.outlet) for s in ordered]
    groups = _Groups(keys)
    own = set(keys)
    for source, key in zip(ordered, keys, strict=True):
        credited = outlets.credited(source.outlet)
        if credited is None:
            continue
        original = outlets.key(credited)
        if original in own or name_key(credited) in outlets.canonical:
            groups.join(key, original)
    by_words: dict[str, str] = {}
    for source, key in zip(ordered, keys, strict=True):
        words = _words(source.sentence)
        if words is not None:
            groups.join(key, by_words.setdefault(words, key))
    names: dict[str, str] = {}
    for source, key in zip(ordered, keys, strict=True):
        credited = outlets.credited(source.outlet)
        known = credited is not None and name_key(credited) in outlets.canonical
        shown = outlets.name(credited if known else source.outlet)
        names.setdefault(groups.root(key), shown)
    return Corroboration(
        reports=len(names),
        outlets=tuple(names.values()),
        first=outlets.name(ordered[0].outlet),
        articles=len(ordered),
    )


def _one_per_article(sources: Iterable[SourceRef]) -> list[SourceRef]:
    distinct: dict[int, SourceRef] = {}
    for source in sorted(sources, key=lambda s: (s.published, s.article_id)):
        distinct.setdefault(source.report_id, source)  # an updated page is still one report
    return list(distinct.values())


def _words(sentence: str | None) -> str | None:
    if not sentence:
        return None
    words = " ".join(re.findall(r"\w+", sentence.lower()))
    return words if len(words) >= SAME_WORDS_MIN_CHARS else None


class _Groups:
    """Outlets joined into one report (union-find over outlet keys)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._parent = {k: k for k in keys}

    def root(self, key: str) -> str:
        self._parent.setdefault(key, key)
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.root(a), self.root(b)
        if root_a != root_b:
            self._parent[root_b] = root_a
