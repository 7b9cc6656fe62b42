"""Cheap tests, before a costly case-blind regex, that the regex cannot match a text.

A pattern of many alternatives is tried at every word of a text; most texts hold none
of the words a match of most alternatives holds ("day", "talks", "recalled").
`str.lower()` and a substring test find those words far faster, and say exactly what
the regex would: the only letters a case-blind regex takes for an ASCII letter that
`lower()` does not turn into it are the dotless ı, the long ſ and the dotted İ (which
lowers to two characters), and a text with any of them is left to the regex.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from re import _constants as sre  # the parsed form of a pattern, to find its words
from re import _parser as sre_parse

FOLDED_APART = re.compile("[\u0130\u0131\u017f]")
_SHORTEST = 3  # words shorter than this are in nearly every sentence
_SHORTER_KEPT = 512  # shorter patterns each alternation keeps compiled


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when `text` holds none of `words` (lowercase ASCII), case aside."""
    if FOLDED_APART.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


class Alternatives:
    """A word-bounded alternation, `\\b(?:a|b|...)\\b`, matched as that one pattern is.

    Every sentence is read against several such patterns, and a regex of dozens of
    alternatives tries each of them at every word.  Most alternatives hold words they
    cannot match without ("recalled" in "recall(?:ed|s)? ... teams?", one of "talks",
    "negotiations" in "(?:talks|negotiations) stalled"), and most sentences hold few of
    those words: an alternative whose words a text lacks cannot match anywhere in it, so
    the text is searched with the others only, which finds exactly what the whole
    pattern finds, match for match.
    """

    def __init__(self, alternatives: Sequence[str], flags: int = re.IGNORECASE,
                 whole: re.Pattern[str] | None = None) -> None:
        self.alternatives = tuple(alternatives)
        self.flags = flags
        self.whole = whole or _compile(self.alternatives, flags)
        self.pattern = self.whole.pattern
        # Which alternatives a word keeps, as bits of an int: a text's set of alternatives
        # is the "or" of its words' bits, and names the shorter pattern it is matched with.
        self._always = 0  # alternatives with no words to look for
        self._by_word: dict[str, int] = {}
        for i, alternative in enumerate(self.alternatives):
            # (a capturing group would be numbered differently in a shorter pattern)
            needs = _needed_words(alternative, flags) if self.whole.groups == 0 else None
            if needs is None:
                self._always |= 1 << i
            for word in needs or ():
                self._by_word[word] = self._by_word.get(word, 0) | 1 << i
        self._all = (1 << len(self.alternatives)) - 1
        self._shorter: dict[int, re.Pattern[str]] = {}
        _WORDS.add(self._by_word)

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Alternatives:
        """The same, from a compiled `\\b(?:a|b|...)\\b`, cut at its top-level bars."""
        source = pattern.pattern
        if not (source.startswith(r"\b(?:") and source.endswith(r")\b")):
            raise ValueError(f"not a word-bounded alternation: {source[:40]}")
        alternatives = _top_level_alternatives(source[len(r"\b(?:") : -len(r")\b")])
        parsed = sre_parse.parse(source, pattern.flags).data
        if len(parsed) != 3 or parsed[1][0] is not sre.BRANCH \
                or len(parsed[1][1][1]) != len(alternatives):
            raise ValueError(f"not a word-bounded alternation: {source[:40]}")
        return cls(alternatives, pattern.flags, whole=pattern)

    def _for(self, text: str) -> re.Pattern[str] | None:
        present = _WORDS.present(text)
        if present is None:
            return self.whole
        kept = self._always
        for word in present:
            kept |= self._by_word.get(word, 0)
        if kept == self._all:
            return self.whole
        if not kept:
            return None
        pattern = self._shorter.get(kept)
        if pattern is None:
            if len(self._shorter) >= _SHORTER_KEPT:
                self._shorter.clear()
            pattern = self._shorter[kept] = _compile(
                tuple(a for i, a in enumerate(self.alternatives) if kept >> i & 1), self.flags
            )
        return pattern

    def _part(self, string: str, pos: int, endpos: int) -> re.Pattern[str] | None:
        # A match lies within string[pos:endpos]: its words are there.
        if pos < 0:
            return self.whole
        return self._for(string if pos == 0 and endpos >= len(string) else string[pos:endpos])

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        pattern = self._part(string, pos, endpos)
        return pattern.search(string, pos, endpos) if pattern is not None else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        pattern = self._part(string, pos, endpos)
        return pattern.finditer(string, pos, endpos) if pattern is not None else iter(())

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        return self.whole.match(string, pos, endpos)  # one place: nothing to save


class _Words:
    """The words all alternatives need, looked for once per text: a sentence is read
    against every pattern in turn."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._scan: re.Pattern[str] | None = None
        self._prefixes: dict[str, frozenset[str]] = {}
        # A text's patterns are tried one after another: a few texts back is enough.
        self.present = lru_cache(maxsize=4)(self._present)

    def add(self, words: Iterable[str]) -> None:
        self._words.update(words)
        self._scan = None
        self.present.cache_clear()

    def _present(self, text: str) -> frozenset[str] | None:
        """The words `text` holds, None when only the whole pattern can say."""
        if FOLDED_APART.search(text):
            return None
        if self._scan is None:
            # One pass over the text finds the longest word at each place, as a trie of
            # the words; the shorter words it begins with are there too.
            self._scan = re.compile(f"(?=({_trie(sorted(self._words))}))")
            self._prefixes = {
                word: frozenset(w for w in self._words if word.startswith(w))
                for word in self._words
            }
        found = set(self._scan.findall(text.lower()))
        return frozenset().union(*(self._prefixes[word] for word in found))


_WORDS = _Words()


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


@lru_cache(maxsize=1024)
def _compile(alternatives: tuple[str, ...], flags: int) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")\b", flags)


def _top_level_alternatives(source: str) -> list[str]:
    """`source` cut at the bars outside any group or character class."""
    pieces, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":
                i += 1  # a "]" first in a class is a character of it
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(source[start:i])
            start = i + 1
        i += 1
    pieces.append(source[start:])
    return pieces


def _needed_words(pattern: str, flags: int) -> tuple[str, ...] | None:
    """Words (lowercase) one of which any match of `pattern` holds, if it has such."""
    found = _required(sre_parse.parse(pattern, flags).data)
    best = max(found, key=_rarity, default=None)
    return best if best is not None and _rarity(best) >= _SHORTEST else None


def _rarity(words: tuple[str, ...]) -> int:
    """How seldom a text holds one of `words`: the shortest's length, a common word none."""
    return min(0 if word.strip() in _COMMON else len(word) for word in words)


_COMMON = frozenset({"the", "and", "for", "that", "with", "from", "was", "were", "has", "had"})


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
                found.append(tuple(w for b in branches for w in max(b, key=_rarity)))
        elif op is sre.SUBPATTERN:
            found += _required(arg[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            found += _required(arg[2])
        elif op is sre.ASSERT and arg[0] == 1:
            # What a lookahead sees is in the text searched too: `endpos` bounds it.
            found += _required(arg[1])
    if run:
        found.append((run,))
    return found
