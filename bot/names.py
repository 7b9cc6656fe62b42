"""Spelling-tolerant names: one key for every transliteration of a name.

News spells Arabic and Hebrew names many ways (al-Nounou, al-Nono, al-Nunu;
Mohammed, Muhammad).  `name_key` folds those spellings into one key; `match_name`
finds the candidate a spelling refers to, and refuses to be confident when two
different names merely look alike (Hamas and Hama, Yahya and Mohammed Sinwar).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz

T = TypeVar("T")

# Arabic articles assimilate to the next letter (as-Sisi, ad-Din, ash-Shati); in
# a name they are all the same "al".  Only "al"/"el" stand alone as articles:
# the others are English words unless hyphen-attached.
_ARTICLES_FREE = frozenset({"al", "el"})
_ARTICLES_ATTACHED = frozenset(
    {"al", "el", "ul", "ad", "ed", "as", "es", "ash", "at", "et", "az", "ez", "an", "ar", "adh"}
)
_ABD_PREFIX = re.compile(r"^ab[du][eaou]?l(?=[a-z]{3})")
_ABD_ALONE = re.compile(r"^ab[du](?:[eaou]?l)?$")
_APOSTROPHES = re.compile(r"['`ʿʾ’‘]")
_NON_WORD = re.compile(r"[^a-z0-9\- ]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_TRAILING_H = re.compile(r"(?<=[aeiu])h$")


def _fold_token(token: str) -> str:
    """Vowel and consonant spellings that transliterations swap freely."""
    token = token.replace("ph", "f")  # Ophir and Ofir, Philadelphi and Filadelfi
    token = token.replace("ee", "i").replace("ou", "u").replace("oo", "u")
    token = token.replace("ck", "k").replace("q", "k")
    token = re.sub(r"c(?!h)", "k", token)
    token = token.replace("o", "u").replace("e", "a")
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 3:
        token = _TRAILING_H.sub("", token)
    return token


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Transliteration-aware key: equal keys mean "the same name, spelled differently".

    >>> name_key("Taher Al-Nounou") == name_key("Taher al-Nono")
    True
    """
    ascii_text = anyascii(text).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text).replace(".", "")
    ascii_text = _NON_WORD.sub(" ", ascii_text)
    chunks = [[p for p in chunk.split("-") if p] for chunk in ascii_text.split()]
    chunks = [parts for parts in chunks if parts]
    tokens: list[str] = []
    for ci, parts in enumerate(chunks):
        for pi, part in enumerate(parts):
            attached = pi + 1 < len(parts)
            is_last = ci + 1 == len(chunks) and not attached
            if not is_last and (
                part in _ARTICLES_FREE or (attached and part in _ARTICLES_ATTACHED)
            ):
                tokens.append("al")
                continue
            if _ABD_ALONE.match(part):
                tokens.extend(["abd", "al"] if part != "abd" else ["abd"])
                continue
            abd = _ABD_PREFIX.match(part)
            if abd:
                tokens.extend(["abd", "al"])
                part = part[abd.end() :]
            tokens.append(_fold_token(part))
    return " ".join(tokens)


def _core_tokens(key: str) -> list[str]:
    return [t for t in key.split() if t != "al"]


@dataclass
class NameMatch(Generic[T]):
    """The candidate a name most likely refers to, and how sure we are."""

    best: T | None
    score: float
    confident: bool
    alternatives: list[tuple[T, float]] = field(default_factory=list)


def _token_similarity(a: str, b: str, *, alone: bool = True) -> float:
    if a == b:
        return 100.0
    # One letter changes a short word into another word (Gaza/Giza, Hama/Hamas);
    # beside an identical surname a short given name may vary (Ziad/Ziyad).
    if alone and min(len(a), len(b)) <= 5:
        return min(fuzz.ratio(a, b), 70.0)
    return fuzz.ratio(a, b)


_VOWELS = frozenset("aiu")


def _vowel_variant(a: str, b: str, *, given: bool) -> float:
    """Spellings of one Arabic name that differ in a short vowel: 0 when they do not.

    The initial ain/alif is written I or E (Izzat/Ezzat, Ismail/Esmail); a surname's
    inner short vowel varies (Rishq/Reshq).  Given names keep their inner vowels,
    which tell names apart (Samir/Samar).
    """
    if len(a) != len(b) or len(a) < 4:
        return 0.0
    if {a[0], b[0]} == {"i", "a"} and a[1:] == b[1:]:
        return 95.0
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if not given and len(diff) == 1 and diff[0] > 0 and {a[diff[0]], b[diff[0]]} <= _VOWELS:
        return 88.0
    return 0.0


def name_similarity(query: str, candidate: str) -> float:
    """0-100 similarity of two names, token by token, with look-alike guards.

    A query that is the tail of the candidate ("Netanyahu" of "Benjamin
    Netanyahu") scores 92; names whose given names differ score low.
    """
    qk, ck = name_key(query), name_key(candidate)
    if qk == ck:
        return 100.0
    q, c = _core_tokens(qk), _core_tokens(ck)
    if not q or not c:
        return 0.0
    if len(q) < len(c):
        tail = c[-len(q) :]
        sims = [_token_similarity(a, b) for a, b in zip(q, tail, strict=True)]
        if min(sims) >= 85:
            return 92.0 * sum(sims) / (100.0 * len(sims))
        return 0.0
    if len(q) > len(c):
        return name_similarity(candidate, query) if len(c) > 0 else 0.0
    equal = sum(a == b for a, b in zip(q, c, strict=True))
    sims = [
        _token_similarity(a, b, alone=len(q) - equal != 1 or len(q) == 1)
        for a, b in zip(q, c, strict=True)
    ]
    if len(q) > 1:
        sims = [
            max(sim, _vowel_variant(a, b, given=i == 0))
            for i, (sim, a, b) in enumerate(zip(sims, q, c, strict=True))
        ]
    # Different given names are different people, however alike the surname.
    if len(q) > 1 and sims[0] < 80:
        return min(sims[0], 50.0)
    if min(sims) < 75:
        return min(sum(sims) / len(sims), 60.0)
    return sum(sims) / len(sims)


def _identity(value: object) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return id(value)
    return value  # type: ignore[return-value]


def match_name(
    query: str,
    candidates: Sequence[tuple[str, T]],
    *,
    min_score: float = 85.0,
    margin: float = 5.0,
) -> NameMatch[T]:
    """Which candidate does `query` name?  `candidates` pairs a spelling with its value.

    Several spellings may share one value; a value scores its best spelling.  The
    match is confident only above `min_score` and `margin` points clear of the
    runner-up value, so an ambiguous surname is never silently resolved.
    """
    best_by_value: dict[Hashable, tuple[T, float]] = {}
    for spelling, value in candidates:
        score = name_similarity(query, spelling)
        if score <= 0:
            continue
        ident = _identity(value)
        held = best_by_value.get(ident)
        if held is None or score > held[1]:
            best_by_value[ident] = (value, score)
    ranked = sorted(best_by_value.values(), key=lambda pair: pair[1], reverse=True)
    if not ranked:
        return NameMatch(best=None, score=0.0, confident=False)
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confident = score >= min_score and score - runner_up >= margin
    return NameMatch(best=best, score=score, confident=confident, alternatives=ranked[1:6])
