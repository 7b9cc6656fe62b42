"""Which person, place or organisation a user means, however they spell it.

Every alias of the asked-for kinds is a candidate.  An exact transliteration key
answers at once; otherwise rapidfuzz narrows thousands of aliases to a few
dozen and `bot.names.match_name` decides, refusing to be confident without a
clear margin.  A word that begins exactly one name ("Sharm") is that name.
A single plausible candidate is answered at once, marked `corrected` so the reply
can say which name it shows for what was typed; two or more come back as choices.
A suggestion must look like what was typed, word for word (`plausibility`): "truce"
is not "Trump", "Sisi" is not "Israel", and an emoji or a random string gets no
names at all.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlmodel import Session

from bot.corrections.merges import merged_into, redirect
from bot.ids import parse_typed_id
from bot.names import match_name, name_key
from bot.render import italic, shorten
from bot.store.models import Alias, Correction, Entity
from bot.timeline.version import KeptUntilChanged

_VOWEL = re.compile(r"[aeiouy]")
PREFILTER = 30
# The kinds a typed id may name: "#12" in a /who button, "p7" in the export.
_BY_ID_KINDS = {"person", "organisation", "country"}
CLOSE_SCORE = 60.0  # below this a candidate is a suggestion, not a likely meaning
# Below this a name is no suggestion at all: its words do not look like the words typed.
PLAUSIBLE = 80.0
# A lone candidate is answered without asking only when its words are this alike: "Hama"
# is Hamas, but "Giza" (a city of its own) is only near the Gaza Strip.
ANSWER_AT_ONCE = 85.0
NEAREST = 5


@dataclass(frozen=True)
class Candidate:
    entity_id: int
    name: str
    kind: str
    score: float


@dataclass
class Lookup:
    query: str
    best: Candidate | None = None  # set only when confident
    choices: list[Candidate] = field(default_factory=list)
    close: bool = False  # choices are likely meanings ("Did you mean"), not far suggestions
    corrected: bool = False  # `best` is a guess at a misspelling, not a spelling on record

    @property
    def found(self) -> bool:
        return self.best is not None


@dataclass
class _Book:
    """The aliases of some kinds, held in memory between questions until the table grows."""

    keys: list[str]
    texts: list[str]
    entity_of: list[int]
    by_key: dict[str, set[int]]
    entities: dict[int, tuple[str, str]]  # id -> (canonical name, kind)
    by_token: dict[str, list[int]] = field(default_factory=dict)  # word of a key -> aliases
    tokens: list[str] = field(default_factory=list)


_books: KeptUntilChanged[_Book] = KeptUntilChanged()


def _version(session: Session) -> tuple[object, ...]:
    """How many aliases there are and the newest, the newest correction (by id and by
    time, which a database emptied and filled again does not give back) and the newest
    undo: any ingest that adds a name moves it, and so does a merge, a split or an undo.

    Scalar subqueries, not one aggregate: SQLite answers a bare count(*) and a bare
    max(id) from the b-tree alone, but reads every alias to do both in one pass.
    """
    found = session.execute(
        select(
            select(func.count()).select_from(Alias).scalar_subquery(),
            select(func.max(Alias.id)).scalar_subquery(),
            select(func.max(Correction.id)).scalar_subquery(),
            select(func.max(Correction.made_at)).scalar_subquery(),
            select(func.max(Correction.undone_at)).scalar_subquery(),
        )
    ).one()
    return tuple(value or 0 for value in found)


def _book(session: Session, kinds: tuple[str, ...]) -> _Book:
    return _books.get(session, _version(session), lambda: _read_book(session, kinds), kinds)


def _read_book(session: Session, kinds: tuple[str, ...]) -> _Book:
    rows = session.execute(
        select(Alias.text, Alias.key, Alias.entity_id, Entity.name, Entity.kind)
        .join(Entity, Entity.id == Alias.entity_id)
        .where(Alias.kind.in_(list(kinds)))
        .order_by(Alias.id)
    ).all()
    # A record an editor merged into another is that one: its spellings name the record
    # kept, so a lookup never offers the two as two.
    merged = merged_into(session, ("p",))
    names = {entity_id: (name, kind) for _, _, entity_id, name, kind in rows}
    missing = {kept for kept in merged.values() if kept not in names}
    if missing:
        names.update({
            entity_id: (name, kind) for entity_id, name, kind in session.execute(
                select(Entity.id, Entity.name, Entity.kind).where(Entity.id.in_(missing))
            ).all()
        })
    book = _Book([], [], [], {}, {})
    for text, key, owner, _, _ in rows:
        entity_id = merged.get(owner, owner)
        if entity_id not in names:
            continue
        book.texts.append(text)
        book.keys.append(key)
        book.entity_of.append(entity_id)
        book.by_key.setdefault(key, set()).add(entity_id)
        book.entities[entity_id] = names[entity_id]
        for token in set(key.split()):
            book.by_token.setdefault(token, []).append(len(book.keys) - 1)
    book.tokens = list(book.by_token)
    return book


def entity_id_argument(text: str) -> int | None:
    """The id in "#123" or "#p123"/"p123", the forms buttons, paging and users use."""
    return typed_argument(text, "p")


def typed_argument(text: str, letter: str) -> int | None:
    """The number of a typed id of this kind ("#r12", "r12") or a bare "#12"."""
    found = parse_typed_id(text)
    if found is None or found.letter not in (None, letter):
        return None
    return found.number


def lookup_entity(session: Session, query: str, kinds: Sequence[str]) -> Lookup:
    """The entity of one of `kinds` that `query` names, or the choices to offer.

    Only people, organisations and countries are named by id ("#12", "p12": the buttons
    use it); a typed id is never a place's name."""
    kinds = tuple(sorted(kinds))
    if parse_typed_id(query) is not None:
        wanted = entity_id_argument(query)
        if wanted is None or not set(kinds) & _BY_ID_KINDS:
            return Lookup(query)
        return _by_id(session, query, wanted, kinds)
    book = _book(session, kinds)
    key = name_key(query)
    if not key or not book.keys:
        return Lookup(query)
    exact = book.by_key.get(key, set())
    if len(exact) == 1:
        return Lookup(query, best=_candidate(book, next(iter(exact)), 100.0))
    if len(exact) > 1:
        return Lookup(
            query, choices=[_candidate(book, e, 100.0) for e in sorted(exact)], close=True
        )
    return _fuzzy(book, query, key)


def _near(book: _Book, key: str, limit: int) -> list[tuple[int, float]]:
    """Aliases sharing words with the key, best first, without scoring every alias.

    Each word of the query is compared with the distinct words of all keys (a few
    thousand, not every alias); an alias scores the sum of its words' likeness.
    """
    words = [w for w in key.split() if w != "al"] or key.split()
    scores: dict[int, float] = {}
    for word in words[:6]:
        similar = process.extract(word, book.tokens, scorer=fuzz.ratio, limit=15, score_cutoff=55)
        best_for_alias: dict[int, float] = {}
        for token, score, _ in similar:
            for i in book.by_token[token]:
                if score > best_for_alias.get(i, 0.0):
                    best_for_alias[i] = score
        for i, score in best_for_alias.items():
            scores[i] = scores.get(i, 0.0) + score
    return heapq.nlargest(limit, scores.items(), key=lambda pair: pair[1])


def _fuzzy(book: _Book, query: str, key: str) -> Lookup:
    near = _near(book, key, PREFILTER)
    likeness = _likeness(book, key, [i for i, _ in near])
    pairs = [(book.texts[i], book.entity_of[i]) for i, _ in near]
    match = match_name(query, pairs)
    if match.confident and match.best is not None and likeness.get(match.best, 0.0) >= PLAUSIBLE:
        return Lookup(query, best=_candidate(book, match.best, match.score),
                      corrected=not _part_of_a_name(book, key, match.best))
    starts = _starting_with(book, key)
    if len(starts) == 1:
        return Lookup(query, best=_candidate(book, starts.pop(), 90.0))
    ranked: dict[int, float] = {}
    if match.best is not None:
        ranked[match.best] = match.score
    for entity_id, score in match.alternatives:
        ranked.setdefault(entity_id, score)
    for entity_id in sorted(starts):
        ranked.setdefault(entity_id, 80.0)
        likeness[entity_id] = 100.0
    # Whole names alike come first; words alike ("Bishar", a word of Bishara Bahbah's
    # name begun) only when no whole name is.
    close = [
        _candidate(book, e, s)
        for e, s in ranked.items()
        if s >= CLOSE_SCORE and likeness.get(e, 0.0) >= PLAUSIBLE
    ] or [_candidate(book, e, a) for e, a in likeness.items() if a >= ANSWER_AT_ONCE]
    close.sort(key=lambda c: (-likeness[c.entity_id], -c.score))
    if len(close) == 1 and likeness[close[0].entity_id] >= ANSWER_AT_ONCE:
        return Lookup(query, best=close[0],
                      corrected=not _part_of_a_name(book, key, close[0].entity_id))
    if len(close) > 1:
        return Lookup(query, choices=close[:NEAREST], close=True)
    nearest = sorted(
        (e for e in likeness if likeness[e] >= PLAUSIBLE), key=lambda e: -likeness[e]
    )
    return Lookup(query, choices=[_candidate(book, e, likeness[e]) for e in nearest][:NEAREST])


def _part_of_a_name(book: _Book, key: str, entity_id: int) -> bool:
    """Whether every typed word is a word of one spelling of the entity ("Kushner" of
    Jared Kushner): a name given in part is no misspelling to point out."""
    words = set(key.split())
    return any(
        words <= set(book.keys[i].split())
        for token in words
        for i in book.by_token.get(token, [])
        if book.entity_of[i] == entity_id
    )


def plausibility(key: str, candidate_key: str) -> float:
    """0-100: how much each typed word looks like some word of the candidate's name.

    Each word is compared whole ("truce" and "trump" share three letters of five, 60),
    so a candidate that only contains a similar run of letters ("sisi" in "israeli")
    does not pass for a spelling of the query.
    """
    words = [w for w in key.split() if w != "al"] or key.split()
    theirs = candidate_key.split()
    if not words or not theirs:
        return 0.0
    if not _VOWEL.search(key):
        # Arabic and Hebrew script write no short vowels ("القاهرة" reads "lkhrh"): compare
        # the consonants of the whole name, article and all.
        return fuzz.ratio(key.replace(" ", ""), _VOWEL.sub("", candidate_key).replace(" ", ""))
    best = [
        max(100.0 if len(w) >= 3 and t.startswith(w) else fuzz.ratio(w, t) for t in theirs)
        for w in words
    ]
    return sum(best) / len(best)


def _likeness(book: _Book, key: str, aliases: list[int]) -> dict[int, float]:
    """Each entity's best `plausibility` over these aliases of it."""
    found: dict[int, float] = {}
    for i in aliases:
        entity_id = book.entity_of[i]
        found[entity_id] = max(found.get(entity_id, 0.0), plausibility(key, book.keys[i]))
    return found


def _starting_with(book: _Book, key: str) -> set[int]:
    """Entities with an alias that begins with the query's words: "sharm", Sharm el-Sheikh."""
    if len(key) < 4:
        return set()
    return {
        book.entity_of[i]
        for i, candidate in enumerate(book.keys)
        if candidate.startswith(key) and (len(candidate) == len(key) or candidate[len(key)] == " ")
    }


def _candidate(book: _Book, entity_id: int, score: float) -> Candidate:
    name, kind = book.entities[entity_id]
    return Candidate(entity_id, name, kind, score)


def correction_line(lookup: Lookup) -> str:
    """ "Showing Jared Kushner for “Kushnr”", above an answer given for a guessed name."""
    if not lookup.corrected or lookup.best is None:
        return ""
    return italic(f"Showing {lookup.best.name} for “{shorten(lookup.query, 40)}”") + "\n"


def place_by_id(session: Session, entity_id: int, kinds: Sequence[str]) -> Candidate | None:
    """The entity behind an internal reference ("round|@9" on a button), if of these kinds."""
    entity = session.get(Entity, entity_id)
    if entity is None or entity.kind not in kinds:
        return None
    return Candidate(entity.id, entity.name, entity.kind, 100.0)


def _by_id(session: Session, query: str, entity_id: int, kinds: tuple[str, ...]) -> Lookup:
    # A button made before a merge, or before a split was undone, opens the record kept.
    entity = session.get(Entity, redirect(session, ("p",), entity_id))
    if entity is None or entity.kind not in kinds:
        return Lookup(query)
    return Lookup(query, best=Candidate(entity.id, entity.name, entity.kind, 100.0))


def rank_entities(
    session: Session, query: str, kinds: Sequence[str], *, limit: int = 20
) -> list[Candidate]:
    """Entities whose names look like `query`, most alike first (for inline search lists)."""
    kinds = tuple(sorted(kinds))
    book = _book(session, kinds)
    key = name_key(query)
    if not key or not book.keys:
        return []
    best: dict[int, float] = {}
    for i, _ in _near(book, key, limit * 3):
        entity_id = book.entity_of[i]
        score = fuzz.WRatio(key, book.keys[i])
        if score < CLOSE_SCORE or plausibility(key, book.keys[i]) < PLAUSIBLE:
            continue
        if score > best.get(entity_id, -1.0):
            best[entity_id] = score
    ranked = sorted(best.items(), key=lambda pair: -pair[1])[:limit]
    return [_candidate(book, entity_id, score) for entity_id, score in ranked]
