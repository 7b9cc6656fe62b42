"""The words of negotiation news, from data/negotiation.toml, compiled once.

The engine (round_status.py, outcomes.py) is apart from the knowledge it reads, the way
HeidelTime keeps its patterns in resource files: a new way of saying "the talks broke
down" is a line in the data file, not a change of code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as sre  # the parsed form of a pattern, to find its words
from re import _parser as sre_parse

from bot.ingest.model import EventStatus
from bot.needles import FOLDED_APART
from bot.paths import DATA_DIR

STATUS_ORDER: tuple[EventStatus, ...] = (
    "collapsed", "agreement", "concluded", "scheduled", "ongoing",
)


class Alternatives:
    """A list's alternatives as one word-bounded alternation, matched as that pattern is.

    Every sentence is read against each list, and a regex of dozens of alternatives
    tries each of them at every word.  Most alternatives hold words they cannot match
    without ("recalled" in "recall(?:ed|s)? ... teams?", one of "talks", "negotiations"
    in "(?:talks|negotiations) stalled"), and most sentences hold few of those words:
    an alternative whose words a text lacks cannot match anywhere in it, so the text
    is matched with the others only, which finds exactly what the whole pattern finds.
    """

    def __init__(self, patterns: list[str], words: _Words) -> None:
        self.patterns = tuple(patterns)
        self.whole = _compile(self.patterns)
        self.pattern = self.whole.pattern
        self._words = words
        self._always: list[int] = []  # alternatives with no words to look for
        self._by_word: dict[str, list[int]] = {}
        for i, pattern in enumerate(self.patterns):
            # (a capturing group would be numbered differently in a shorter pattern)
            needs = _needed_words(pattern) if self.whole.groups == 0 else None
            if needs is None:
                self._always.append(i)
            for word in needs or ():
                self._by_word.setdefault(word, []).append(i)
        words.add(self._by_word)

    def _for(self, text: str) -> re.Pattern[str] | None:
        present = self._words.present(text)
        if present is None:
            return self.whole
        kept = set(self._always)
        for word in present:
            kept.update(self._by_word.get(word, ()))
        if len(kept) == len(self.patterns):
            return self.whole
        return _compile(tuple(self.patterns[i] for i in sorted(kept))) if kept else None

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.search(text) if pattern is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._for(text)
        return pattern.finditer(text) if pattern is not None else iter(())


class _Words:
    """The words all lists' alternatives need, looked for once per text: a sentence is
    read against every list in turn."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._scan: re.Pattern[str] | None = None
        self._prefixes: dict[str, tuple[str, ...]] = {}
        # A text's lists are read one after another: a few texts back is enough.
        self.present = lru_cache(maxsize=4)(self._present)

    def add(self, words: Iterable[str]) -> None:
        self._words.update(words)
        self._scan = None
        self.present.cache_clear()

    def _present(self, text: str) -> frozenset[str] | None:
        """The words `text` holds, None when only the whole pattern can say."""
        if FOLDED_APART.search(text):
            return None  # (see bot/needles.py)
        if self._scan is None:
            # One pass over the text finds the longest word at each place, as a trie of
            # the words; the shorter words it begins with are there too.
            self._scan = re.compile(f"(?=({_trie(sorted(self._words))}))")
            self._prefixes = {
                word: tuple(w for w in self._words if word.startswith(w)) for word in self._words
            }
        return frozenset(
            word for longest in set(self._scan.findall(text.lower()))
            for word in self._prefixes[longest]
        )


def _trie(words: list[str]) -> str:
    """A regex of `words` that matches the longest of them at a place."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        paths = [re.escape(char) + branch(after) for char, after in sorted(node.items()) if char]
        if not paths:
            return ""
        body = paths[0] if len(paths) == 1 else "(?:" + "|".join(paths) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


_SHORTEST = 3  # words shorter than this are in nearly every sentence


@lru_cache(maxsize=1024)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b",
                      re.IGNORECASE)


def _needed_words(pattern: str) -> tuple[str, ...] | None:
    """Words (lowercase) one of which any match of `pattern` holds, if it has such."""
    found = _required(sre_parse.parse(pattern, re.IGNORECASE).data)
    best = max(found, key=lambda words: min(map(len, words)), default=None)
    return best if best is not None and min(map(len, best)) >= _SHORTEST else None


def _required(items: list) -> list[tuple[str, ...]]:
    """Each a set of words one of which a match of the parsed sequence `items` holds:
    its runs of literal ASCII characters, and the alternations whose every branch holds
    such words."""
    found: list[tuple[str, ...]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL and arg < 128:
            run += chr(arg).lower()
            continue
        if run:
            found.append((run,))
        run = ""
        if op is sre.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if all(branches):
                found.append(tuple(w for b in branches
                                   for w in max(b, key=lambda ws: min(map(len, ws)))))
        elif op is sre.SUBPATTERN:
            found += _required(arg[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            found += _required(arg[2])
    if run:
        found.append((run,))
    return found


@dataclass(frozen=True)
class Vocabulary:
    status: tuple[tuple[EventStatus, Alternatives], ...]
    agreement: Alternatives
    collapse: Alternatives  # of talks: a recall, a walkout, a breakdown
    truce_end: Alternatives  # of a truce: it lapsed, the fighting resumed
    in_force: Alternatives  # a deal took effect
    hedge: re.Pattern[str]
    negation: re.Pattern[str]
    parties: frozenset[str]  # the sides' countries: their cities host visits, not rounds
    leaders_seat: re.Pattern[str]  # "meetings at the White House": a visit to a leader
    not_venue_before: re.Pattern[str]  # "... in X" after these: X is not where talks are
    destination_before: re.Pattern[str]
    travel_words: str  # the destination and arrival phrases, as one alternation


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    return _compile(tuple(patterns))


def _status_words(data: dict, status: str) -> list[str]:
    # A round ends in agreement in every way a deal between the sides is told.
    extra = data["outcome"]["agreement"] if status == "agreement" else []
    return [*data["status"][status], *extra]


@cache
def vocabulary() -> Vocabulary:
    with (DATA_DIR / "negotiation.toml").open("rb") as fh:
        data = tomllib.load(fh)
    words = _Words()
    return Vocabulary(
        status=tuple((s, Alternatives(_status_words(data, s), words)) for s in STATUS_ORDER),
        agreement=Alternatives(data["outcome"]["agreement"], words),
        collapse=Alternatives(data["outcome"]["collapse"], words),
        truce_end=Alternatives(data["outcome"]["truce_end"], words),
        in_force=Alternatives(data["outcome"]["in_force"], words),
        hedge=_alternatives(data["hedge"]["words"]),
        negation=_alternatives(data["hedge"]["negation"]),
        parties=frozenset(data["story"]["parties"]),
        leaders_seat=re.compile(
            r"\b(?:at|in|to)\s+(?:the\s+)?(?:" + "|".join(data["story"]["leaders_seats"])
            + r")\b", re.IGNORECASE,
        ),
        not_venue_before=re.compile(
            r"\b(?:" + "|".join(data["venue"]["not_after"]) + r")\s+(?:in|at)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        destination_before=re.compile(
            r"\b(?:" + "|".join(data["venue"]["destination"]) + r")\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        travel_words="|".join(
            f"(?:{p})" for p in (*data["venue"]["destination"], *data["venue"]["arrival"])
        ),
    )
