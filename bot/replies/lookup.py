"""Which person, place or organisation a user means, however they spell it.

Every alias of the asked-for kinds is a candidate.  An exact transliteration key
answers at once; otherwise rapidfuzz narrows thousands of aliases to a few
dozen and `bot.names.match_name` decides, refusing to be confident without a
clear margin.  A word that begins exactly one name ("Sharm") is that name.
What is not confident comes back as choices, close or merely nearest, so an
answer is never empty.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlmodel import Session

from bot.ids import parse_typed_id
from bot.names import match_name, name_key
from bot.store.models import Alias, Entity
from bot.timeline.version import KeptUntilChanged

PREFILTER = 30
CLOSE_SCORE = 60.0  # below this a candidate is a suggestion, not a likely meaning
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


def _version(session: Session) -> tuple[int, int]:
    """How many aliases there are and the newest: any ingest that adds a name moves it.

    Two scalar subqueries, not one aggregate: SQLite answers a bare count(*) and a bare
    max(id) from the b-tree alone, but reads every alias to do both in one pass.
    """
    count, newest = session.execute(
        select(
            select(func.count()).select_from(Alias).scalar_subquery(),
            select(func.max(Alias.id)).scalar_subquery(),
        )
    ).one()
    return count, newest or 0


def _book(session: Session, kinds: tuple[str, ...]) -> _Book:
    return _books.get(session, _version(session), lambda: _read_book(session, kinds), kinds)


def _read_book(session: Session, kinds: tuple[str, ...]) -> _Book:
    rows = session.execute(
        select(Alias.text, Alias.key, Alias.entity_id, Entity.name, Entity.kind)
        .join(Entity, Entity.id == Alias.entity_id)
        .where(Alias.kind.in_(list(kinds)))
        .order_by(Alias.id)
    ).all()
    book = _Book([], [], [], {}, {})
    for text, key, entity_id, name, kind in rows:
        book.texts.append(text)
        book.keys.append(key)
        book.entity_of.append(entity_id)
        book.by_key.setdefault(key, set()).add(entity_id)
        book.entities[entity_id] = (name, kind)
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
    """The entity of one of `kinds` that `query` names, or the choices to offer."""
    kinds = tuple(sorted(kinds))
    wanted = entity_id_argument(query)
    if wanted is not None:
        return _by_id(session, query, wanted, kinds)
    book = _book(session, kinds)
    key = name_key(query)
    if not key or not book.keys:
        return Lookup(query, choices=_any_names(book))
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
    pairs = [(book.texts[i], book.entity_of[i]) for i, _ in near]
    match = match_name(query, pairs)
    if match.confident and match.best is not None:
        return Lookup(query, best=_candidate(book, match.best, match.score))
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
    close = [_candidate(book, e, s) for e, s in ranked.items() if s >= CLOSE_SCORE]
    if close:
        close.sort(key=lambda c: -c.score)
        return Lookup(query, choices=close[:NEAREST], close=True)
    nearest: dict[int, float] = {}
    for i, score in near:
        nearest.setdefault(book.entity_of[i], score)
    choices = [_candidate(book, e, s) for e, s in nearest.items()][:NEAREST]
    return Lookup(query, choices=choices or _any_names(book))


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


def _any_names(book: _Book) -> list[Candidate]:
    seen = list(dict.fromkeys(book.entity_of))[:NEAREST]
    return [_candidate(book, e, 0.0) for e in seen]


def _by_id(session: Session, query: str, entity_id: int, kinds: tuple[str, ...]) -> Lookup:
    entity = session.get(Entity, entity_id)
    if entity is None or entity.kind not in kinds:
        return Lookup(query, choices=_any_names(_book(session, kinds)))
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
        if score >= CLOSE_SCORE and score > best.get(entity_id, -1.0):
            best[entity_id] = score
    ranked = sorted(best.items(), key=lambda pair: -pair[1])[:limit]
    return [_candidate(book, entity_id, score) for entity_id, score in ranked]
