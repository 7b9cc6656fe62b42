"""Phrase watches: quoted phrases and `-word` exclusions, matched as words, never as patterns.

`"hostage exchange" -drill` fires on a text with the words hostage and exchange one after
the other and no word drill.  Words typed outside quotes make one phrase together, so
`hostage exchange` is the same watch.  Words are compared without case or accents, and a
word matches its plural ("exchange", "exchanges").  Nothing a user types is compiled into a
pattern: both sides are lists of words, so a watch costs a dictionary lookup to rule out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 100
MAX_PARTS = 5
MAX_WORDS = 6  # in one phrase
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»＂"})
_DASHES = str.maketrans({c: "-" for c in "−–—"})
_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


class PhraseError(ValueError):
    """What is wrong with a typed phrase watch, in words fit to show."""


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text as phrases compare them: no case, no accents, plurals as one."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return tuple(_singular(w) for w in _WORD.findall(plain))


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Words:
    """A text's words, indexed, so that a phrase is ruled out by its first word."""

    words: tuple[str, ...]
    at: dict[str, list[int]]

    @classmethod
    def of(cls, text: str) -> Words:
        words = words_of(text)
        at: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            at.setdefault(word, []).append(position)
        return cls(words, at)

    def has(self, phrase: tuple[str, ...]) -> bool:
        size = len(phrase)
        return any(
            self.words[start : start + size] == phrase for start in self.at.get(phrase[0], ())
        )


@dataclass(frozen=True)
class Phrase:
    """Phrases that must all appear, and phrases none of which may."""

    include: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...] = ()
    label: str = ""  # as typed, tidied: “Hostage exchange” -drill

    @property
    def key(self) -> str:
        """The normal form: the same watch however it was typed."""
        shown = [_shown(p) for p in sorted(set(self.include))]
        shown += ["-" + _shown(p) for p in sorted(set(self.exclude))]
        return " ".join(shown)

    def matches(self, words: Words) -> bool:
        return all(words.has(p) for p in self.include) and not any(
            words.has(p) for p in self.exclude
        )


def _shown(phrase: tuple[str, ...]) -> str:
    return f'"{" ".join(phrase)}"' if len(phrase) > 1 else phrase[0]


def parse_phrase(text: str) -> Phrase:
    """The phrase watch `text` asks for, or PhraseError saying what is wrong with it."""
    text = " ".join(text.translate(_QUOTES).translate(_DASHES).split())
    if len(text) > MAX_CHARS:
        raise PhraseError(f"A phrase watch is at most {MAX_CHARS} characters.")
    include: list[tuple[str, ...]] = []
    exclude: list[tuple[str, ...]] = []
    labels: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            _add(include, " ".join(run), labels, quoted=False)
            run.clear()

    for match in _PART.finditer(text):
        minus, quoted, bare = match[1], match[2], match[3]
        if quoted is not None:
            close_run()
            _add(exclude if minus else include, quoted, labels, quoted=True, minus=bool(minus))
        elif bare.startswith("-") and len(bare) > 1:
            close_run()
            _add(exclude, bare[1:], labels, quoted=False, minus=True)
        else:
            run.append(bare)
    close_run()
    if not include:
        raise PhraseError("Say what to watch for, not only what to leave out.")
    if len(include) + len(exclude) > MAX_PARTS:
        raise PhraseError(f"A phrase watch has at most {MAX_PARTS} parts.")
    if any(len(p) > MAX_WORDS for p in include + exclude):
        raise PhraseError(f"A phrase is at most {MAX_WORDS} words.")
    if all(sum(map(len, p)) < 3 for p in include):
        raise PhraseError("A phrase watch needs a word of three letters or more.")
    return Phrase(tuple(include), tuple(exclude), " ".join(labels))


def _add(bucket: list, typed: str, labels: list[str], *, quoted: bool,
         minus: bool = False) -> None:
    words = words_of(typed)
    if not words:
        return
    bucket.append(words)
    shown = " ".join(_WORD.findall(typed)) if not quoted else " ".join(typed.split())
    if quoted or len(words) > 1:
        shown = f"“{shown}”"
    labels.append(("-" if minus else "") + shown)
