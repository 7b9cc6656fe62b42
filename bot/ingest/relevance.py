"""Is this article about the story?  A pure judgement from the story profile in data/.

The profile names the story's ground (places, people, organisations: the anchors) and its
business (core terms).  An article is on the story when it names enough of each.  The
timeline's own entities may add anchor weight, but only to an article that already names
one of the profile's anchors, so the filter cannot feed on its own mistakes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.paths import DATA_DIR

PROFILE_PATH = DATA_DIR / "story_profile.toml"
KNOWN_ENTITY_WEIGHT = 0.5


@dataclass(frozen=True)
class StoryProfile:
    name: str
    core: tuple[str, ...]
    anchors: tuple[str, ...]
    min_anchors: float
    min_core: int
    item_min_anchors: float
    item_min_core: int
    _core_re: re.Pattern
    _anchor_re: re.Pattern


@dataclass(frozen=True)
class Relevance:
    on_story: bool
    anchors: tuple[str, ...]
    core: tuple[str, ...]
    reason: str


def _pattern(terms: Iterable[str]) -> re.Pattern:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = re.escape(term.rstrip("*")).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def load_profile(path: Path = PROFILE_PATH) -> StoryProfile:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = data["terms"]
    anchors = tuple(terms["places"] + terms["people"] + terms["organisations"])
    core = tuple(terms["core"])
    return StoryProfile(
        name=data["story"]["name"],
        core=core,
        anchors=anchors,
        min_anchors=float(data["story"]["min_anchors"]),
        min_core=int(data["story"]["min_core"]),
        item_min_anchors=float(data["feed_item"]["min_anchors"]),
        item_min_core=int(data["feed_item"]["min_core"]),
        _core_re=_pattern(core),
        _anchor_re=_pattern(anchors),
    )


@lru_cache(maxsize=1)
def story_profile() -> StoryProfile:
    return load_profile()


def _found(pattern: re.Pattern, text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for match in pattern.finditer(text):
        seen.setdefault(re.sub(r"[\s-]+", " ", match[0].lower()))
    return tuple(seen)


def _weigh(
    text: str, profile: StoryProfile, known_names: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    """The anchors and core terms `text` names, and the anchors' weight."""
    anchors = _found(profile._anchor_re, text)
    core = _found(profile._core_re, text)
    weight = float(len(anchors))
    if anchors:
        lowered = text.lower()
        extra = _lowered(tuple(known_names)) - set(anchors)
        weight += KNOWN_ENTITY_WEIGHT * sum(1 for n in extra if n in lowered)
    return anchors, core, weight


@lru_cache(maxsize=4)
def _lowered(names: tuple[str, ...]) -> frozenset[str]:
    """The names worth looking for, folded once for all the texts judged against them."""
    return frozenset(n.lower() for n in names if len(n) > 3)


def judge(
    text: str,
    profile: StoryProfile | None = None,
    *,
    known_names: Iterable[str] = (),
) -> Relevance:
    """Whether `text` (title and body) belongs in the story's timeline, and why."""
    profile = profile or story_profile()
    anchors, core, weight = _weigh(text, profile, known_names)
    if weight < profile.min_anchors:
        shown = ", ".join(anchors) or "none"
        reason = f"off-story: names too little of the story's ground (found: {shown})"
        return Relevance(False, anchors, core, reason)
    if len(core) < profile.min_core:
        shown = ", ".join(core) or "none"
        reason = f"off-story: says too little about {profile.name} (found: {shown})"
        return Relevance(False, anchors, core, reason)
    return Relevance(True, anchors, core, "on-story")


def judge_feed_item(
    title: str,
    summary: str,
    profile: StoryProfile | None = None,
    *,
    known_names: Iterable[str] = (),
) -> Relevance:
    """Whether a feed item's page is worth fetching, from its title and summary alone.

    Either half of the story is enough here: its business (a core term: "talks",
    "hostage") or enough of its ground (two anchors: "Witkoff", "Doha").  One place name
    and nothing of the business ("rain floods tents in Gaza") is the region's news, not
    the story's, and costs no fetch.
    """
    profile = profile or story_profile()
    anchors, core, weight = _weigh(f"{title}\n{summary}", profile, known_names)
    if len(core) >= profile.item_min_core or weight >= profile.item_min_anchors:
        return Relevance(True, anchors, core, "worth reading: the page decides")
    shown = ", ".join(anchors) or "none"
    reason = (
        f"off-story: the feed's title and summary say too little about {profile.name} "
        f"to fetch the page (found: {shown})"
    )
    return Relevance(False, anchors, core, reason)
