"""Syndicated copies: the same report under another outlet's headline, byline and footer.

A 64-bit SimHash (Charikar 2002; Manku, Jain and Das Sarma 2007) over shingles of three
words.  Each shingle's hash votes on every bit; the fingerprint keeps the bits that won.
Texts that share most of their shingles get fingerprints a few bits apart, unrelated texts
about 32 apart.  SimHash only narrows the field: on the corpus, wire copies lie 12 to
15 bits from their originals and one unrelated pair 15, so a candidate is confirmed by the
share of its three-word shingles the two texts have in common.

A small implementation rather than a library (datasketch's MinHash keeps 128 numbers per
text and an LSH index in memory): one integer per article fits one column, every bot
process sees the same fingerprints the database holds, and candidates are found by
counting differing bits.

Finding them is a scan, not a banded (LSH) index, and deliberately so.  Sixteen bits of 64
is a wide radius: on the corpus unrelated reports lie 31 bits apart on average (18 at the
closest), so an exact index (pigeonhole over 17 blocks of 4 bits, or 4 tables of 16 bits
probed up to 4 bits away) hands back most of the store, and a banded one that hands back
little loses copies at 14 or 15 bits.  A `FingerprintIndex` instead holds the column as
one array and counts the differing bits of all of it at once, exactly: a few microseconds
for ten thousand articles, where reading the column again for every arrival cost
milliseconds.

Pure: text in, integers out; nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np

SHINGLE_WORDS = 3
BITS = 64
# Measured on the corpus (tests/articles/): the wire copies there are 12 to 15 bits from
# their originals and share 77% or more of the shorter text's shingles; no two different
# reports share more than 30%, however close their fingerprints.
NEAR_BITS = 16
SHARED_SHINGLES = 0.6
# A shorter text has too few shingles for its bits to settle; such texts match exactly or not.
MIN_SHINGLES = 40

_WORD = re.compile(r"\w+", re.UNICODE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def words(text: str) -> list[str]:
    """The text's words, case and accents folded, so typography does not count as change."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():
        folded = _NON_ASCII.sub(_drop_combining, folded)
    return _WORD.findall(folded)


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match[0]) else match[0]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    found = words(text)
    return {" ".join(found[i : i + size]) for i in range(max(len(found) - size + 1, 0))}


def fingerprint(text: str) -> int | None:
    """The text's SimHash as a signed 64-bit integer (what a BIGINT column holds), or None
    for a text too short to judge."""
    return simhash(shingles(text))


def simhash(pieces: set[str]) -> int | None:
    """`fingerprint` of a text already cut into shingles."""
    if len(pieces) < MIN_SHINGLES:
        return None
    # Each shingle's 64 bits, most significant first, one row per shingle; a bit is kept
    # where more shingles have it set than not.
    raw = b"".join(hashlib.blake2b(p.encode(), digest_size=8).digest() for p in pieces)
    bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8).reshape(-1, BITS // 8), axis=1)
    won = 2 * bits.sum(axis=0, dtype=np.int64) > len(pieces)
    unsigned = int.from_bytes(np.packbits(won).tobytes(), "big")
    return unsigned - (1 << BITS) if unsigned >> (BITS - 1) else unsigned


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()


def copy_candidates(
    print_: int | None, stored: Iterable[tuple[int, int | None]], *, near: int = NEAR_BITS
) -> list[int]:
    """The ids of the stored (id, fingerprint) pairs within `near` bits, closest first."""
    if print_ is None:
        return []
    close = [
        (distance(print_, other), article_id)
        for article_id, other in stored
        if other is not None and distance(print_, other) <= near
    ]
    return [article_id for _, article_id in sorted(close)]


def shared_share(text: str | set[str], other: str | set[str]) -> float:
    """The share of the shorter text's shingles that the other text has too (either given
    as its text or as its shingles)."""
    mine = shingles(text) if isinstance(text, str) else text
    theirs = shingles(other) if isinstance(other, str) else other
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / min(len(mine), len(theirs))


def is_copy(text: str | set[str], other: str | set[str]) -> bool:
    """Whether one text is the other republished: most of its wording word for word."""
    return shared_share(text, other) >= SHARED_SHINGLES


class FingerprintIndex:
    """Stored articles' fingerprints, held in memory and searched all at once.

    Filled from the fingerprint column (`add`) and kept up with it by the caller, who
    reads the rows after `newest`; searching counts differing bits over the whole array
    in one step, with the same answer as `copy_candidates` over the same pairs.
    """

    def __init__(self) -> None:
        self._ids = np.zeros(64, dtype=np.int64)
        self._prints = np.zeros(64, dtype=np.uint64)
        self._size = 0
        self.newest = 0  # the highest article id seen, fingerprinted or not

    def __len__(self) -> int:
        return self._size

    def add(self, article_id: int, print_: int | None) -> None:
        self.newest = max(self.newest, article_id)
        if print_ is None:
            return
        if self._size == len(self._ids):
            self._ids = np.resize(self._ids, 2 * self._size)
            self._prints = np.resize(self._prints, 2 * self._size)
        self._ids[self._size] = article_id
        self._prints[self._size] = _unsigned(print_)
        self._size += 1

    def near(self, print_: int | None, *, near: int = NEAR_BITS) -> list[int]:
        """The ids of the fingerprints within `near` bits of `print_`, closest first."""
        if print_ is None or not self._size:
            return []
        apart = np.bitwise_count(self._prints[: self._size] ^ _unsigned(print_))
        close = np.flatnonzero(apart <= near)
        order = np.lexsort((self._ids[close], apart[close]))
        return [int(i) for i in self._ids[close][order]]


def _unsigned(print_: int) -> np.uint64:
    """The column's signed 64 bits as numpy's unsigned ones."""
    return np.uint64(print_ & ((1 << BITS) - 1))
