"""Where known names occur in a sentence: tokens, gazetteer matches, name runs.

Text is cut into word parts ("al-Hayya" is two parts, "al" and "Hayya") with
character offsets; each part has its `name_key` tokens, so a gazetteer spelling
matches any transliteration.  Spellings are looked up by their first key token,
never by scanning the whole gazetteer per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from bot.gazetteer import Entry, Gazetteer, Spelling
from bot.names import name_key

_PART = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:\w|['’](?=\w))*|\d+(?:[.,]\d+)*")
_NAME_BREAK = re.compile(r"^(?!['’]s\s*$).*[^\s\-.'’]", re.DOTALL)
_ATTACHED_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "an", "ar", "ul"})
PARTICLES = frozenset(
    {"al", "el", "bin", "bint", "ibn", "abu", "abd", "de", "van", "von", "der", "da", "ben", "ould"}
)
# A capital before a locative preposition is a place; after it, a capital acts
# for its government ("Cairo and Doha reaffirmed", "Washington's stance").
_LOCATIVE = frozenset({"in", "at", "to", "into", "near", "from", "outside", "inside", "toward",
                       "towards", "across", "via", "visit", "visited", "visiting"})
# "the Qatari capital, Doha,": the apposition names the city itself.
_NAMED_AS_CITY = re.compile(r"\b(?:capital|city|town)(?:\s+of)?,?\s+$", re.IGNORECASE)
_COORDINATED = re.compile(r"^(?:and|or)\s+(?:[A-Z][\w\-]*\s+){1,3}")
_ACTING = re.compile(
    r"^(?:['’]s|is|are|was|were|has|have|had|will|would|said|says|say|urged|reaffirmed|"
    r"reiterated|insisted|announced|rejected|accepted|welcomed|wants|believes|continues|"
    r"[a-z]+ed)\b"
)


@dataclass(frozen=True)
class Part:
    """A word of a sentence, or one side of a hyphen, with its name-key tokens."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    joined_to_next: bool  # a hyphen, not a space, follows: "al-", "Ben-"
    # Punctuation that ends a name follows: "Salah Al-Din) Corridor" is not one name.
    closed: bool = False


def tokenize(text: str) -> list[Part]:
    # Every sentence of every article passes here: plain string tests stand in for the
    # possessive regex, and a part is built once, closed or not, rather than replaced.
    found: list[tuple[int, int, str, tuple[str, ...], bool]] = []
    size = len(text)
    for match in _PART.finditer(text):
        start, end = match.span()
        word = match.group(0)
        if len(word) > 3 and word.endswith(_POSSESSIVE_ENDINGS):
            end -= 2
            word = word[:-2]
        joined = end + 1 < size and text[end] == "-" and text[end + 1].isalpha()
        if joined and word.lower() in _ATTACHED_ARTICLES:
            keys: tuple[str, ...] = ("al",)
        else:
            keys = _word_keys(word)
        found.append((start, end, word, keys, joined))
    parts = []
    for i, (start, end, word, keys, joined) in enumerate(found):
        closed = False
        if i + 1 < len(found):
            gap = text[end : found[i + 1][0]]
            # (one space, the usual gap, never closes a name)
            closed = gap != " " and _NAME_BREAK.search(gap) is not None
        parts.append(Part(start, end, word, keys, joined, closed))
    return parts


_POSSESSIVE_ENDINGS = ("'s", "’s")


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    return tuple(name_key(word).split())


@dataclass(frozen=True)
class Match:
    first: int  # index of the first part
    last: int  # index of the last part, inclusive
    start: int
    end: int
    entry: Entry
    demonym: bool


def _is_capitalised(part: Part) -> bool:
    return part.text[:1].isupper()


def _surface_ok(parts: list[Part], first: int, last: int, acronym: bool) -> bool:
    """A lowercase "us" is a pronoun and a lowercase "gaza" a tag, not the entity."""
    words = [p for p in parts[first : last + 1] if p.keys != ("al",)]
    if not words:
        return False
    if acronym:
        return all(not c.isalpha() or c.isupper() for p in words for c in p.text)
    return _is_capitalised(words[0])


def _exact_city_name(parts: list[Part], first: int, last: int, spelling: Spelling) -> bool:
    """Towns from geonames need their exact name: "Some" is not Soma, "Hama" not Hamas."""
    surface = " ".join(p.text for p in parts[first : last + 1])
    return anyascii(surface).lower() == anyascii(spelling.entry.name).lower()


def _surname_given_an_age(parts: list[Part], first: int, last: int, matches: list[Match]) -> bool:
    """ "Romi Gonen, 24,": a town's name after an unknown given name, then an age, is a
    surname (Gönen is also a Turkish town)."""
    if first == 0 or last + 1 >= len(parts):
        return False
    given, age = parts[first - 1], parts[last + 1]
    if matches and matches[-1].last == first - 1:
        return False
    return (
        _is_capitalised(given) and parts[first].start - given.end == 1
        and age.text.isdigit() and len(age.text) <= 3 and age.start - parts[last].end == 2
    )


def find_known(parts: list[Part], gazetteer: Gazetteer) -> list[Match]:
    """Longest gazetteer spellings in the sentence, left to right, not overlapping."""
    flat: list[tuple[str, int]] = [(key, i) for i, part in enumerate(parts) for key in part.keys]
    keys = tuple(key for key, _ in flat)
    starts = {}
    for pos, (_, i) in enumerate(flat):
        starts.setdefault(i, pos)
    matches: list[Match] = []
    i = 0
    while i < len(parts):
        pos = starts.get(i)
        found = None
        if pos is not None:
            for spelling in _spellings_at(gazetteer, keys, pos):
                n = len(spelling.tokens)
                last = flat[pos + n - 1][1]
                if last + 1 < len(parts) and starts.get(last + 1, len(flat)) != pos + n:
                    continue  # ends inside a part ("Abd" of "Abdelatty")
                if any(parts[k].closed for k in range(i, last)):
                    continue
                if not _surface_ok(parts, i, last, spelling.acronym):
                    continue
                if spelling.entry.population and (
                    not _exact_city_name(parts, i, last, spelling)
                    or _surname_given_an_age(parts, i, last, matches)
                ):
                    continue
                found = Match(i, last, parts[i].start, parts[last].end, spelling.entry,
                              spelling.demonym)
                break
        if found is None:
            i += 1
            continue
        matches.append(found)
        i = found.last + 1
    return matches


def _spellings_at(gazetteer: Gazetteer, keys: tuple[str, ...], pos: int) -> Iterator[Spelling]:
    """The spellings of the keys from `pos` on, longest first, each length in the order
    of its first key's bucket."""
    for n in gazetteer.spelling_lengths.get(keys[pos], ()):
        if pos + n <= len(keys):
            yield from gazetteer.spellings_by_tokens.get(keys[pos : pos + n], ())


_HOSTED_BY = re.compile(r"\b(?:hosted|convened|held|staged)\s+by\s+$", re.IGNORECASE)


def acting_capital(text: str, parts: list[Part], match: Match, countries: set[str]) -> bool:
    """Whether a capital in this sentence stands for its government, not the city."""
    before = parts[match.first - 1].text.lower() if match.first > 0 else ""
    if before in _LOCATIVE or _NAMED_AS_CITY.search(text[: match.start]):
        return False
    if _HOSTED_BY.search(text, max(0, match.start - 30), match.start):
        return False  # "negotiations hosted by Cairo ended late on Sunday": where, not who
    if text[match.end : match.end + 1] == ":":
        return False  # "13 February 2024, Cairo: the same group meets again": a label's city
    after = text[match.end :].lstrip(" ,")
    if _ACTING.match(after) or text[match.end : match.end + 2] in ("'s", "’s"):
        return True
    partner = _COORDINATED.match(after)
    if partner and _ACTING.match(after[partner.end() :]):
        return True
    # Coordinated with countries: "Qatar, Washington, and Egypt".
    window = text[max(0, match.start - 40) : match.end + 40]
    return any(country in window for country in countries) and bool(
        re.search(r"\b(?:and|,)\s*$", text[: match.start]) or re.match(r"\s*(?:,|and)\b", after)
    )


def name_runs(parts: list[Part]) -> list[tuple[int, int]]:
    """Runs of capitalised words, with name particles inside ("Majed al-Ansari")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(parts):
        if not _is_capitalised(parts[i]) or parts[i].text.isdigit():
            i += 1
            continue
        if i > 0 and parts[i - 1].joined_to_next and parts[i - 1].keys == ("al",):
            i -= 1
        j = i
        while j + 1 < len(parts):
            nxt = parts[j + 1]
            gap = parts[j].joined_to_next or _only_space_between(parts[j], nxt)
            if not gap:
                break
            if _is_capitalised(nxt):
                j += 1
            elif nxt.text.lower() in PARTICLES and j + 2 < len(parts) and _is_capitalised(
                parts[j + 2]
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def _only_space_between(a: Part, b: Part) -> bool:
    return b.start - a.end <= 1


def adjacent(text: str, a: Part, b: Part) -> bool:
    """Only a space, or a possessive and a space, between two words."""
    return text[a.end : b.start] in (" ", "-", "'s ", "’s ", "' ", "’ ")


_SIDE_NOUNS = frozenset({"delegation", "delegations", "team", "negotiators", "negotiating"})
MEMBERSHIP = re.compile(
    r"\b(?:led|headed|included|includes|including|comprising|accompanied|joined)\b", re.I
)


def delegation_sides(parts: list[Part], known: list[Match]) -> list[tuple[str | None, int]]:
    """Every delegation a sentence speaks of: (side, where its noun ends), in order.

    [("Hamas", 18)] for "A Hamas delegation led by ..."; [(None, 13)] for "The
    delegation, which also included ...", whose side an earlier sentence named.
    """
    by_last = {m.last: m for m in known if m.entry.kind in ("country", "organisation")}
    sides: list[tuple[str | None, int]] = []
    for i, part in enumerate(parts):
        if part.text.lower() not in _SIDE_NOUNS:
            continue
        side = by_last.get(i - 1)
        if side is not None:
            sides.append((side.entry.name, part.end))
        elif part.text.lower().startswith("delegation"):
            sides.append((None, part.end))
    return sides


def possessive_owner(
    text: str, parts: list[Part], first: int, known: dict[int, Match]
) -> Entry | None:
    """The organisation in "Al Jazeera's Hamdah Salhut": a name introduced by its employer."""
    if first == 0 or text[parts[first - 1].end : parts[first].start] not in ("’s ", "'s "):
        return None
    match = known.get(id(parts[first - 1]))
    return match.entry if match is not None and match.entry.kind == "organisation" else None
