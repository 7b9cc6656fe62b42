"""Full-text search over events, quotes and the articles' sentences: FTS5 on SQLite,
tsvector on PostgreSQL.

User input never reaches the query language as syntax: it is cut into words and
each word becomes a quoted term, so `"`, `*`, `NEAR`, `-` or `OR` typed by a
user are only ever searched for as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlmodel import Session

from bot.corrections.store import hidden_ids
from bot.store.models import Article, Quote, Sentence
from bot.timeline.loading import load_events, load_quotes
from bot.timeline.records import EventView, QuoteView, SourceRef

MAX_TERMS = 12
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
# Words too common in this story to narrow a search; they still count when quoted back.
_STOP = frozenset(
    "a an and are as at be by for from has have he in is it its of on or that the their "
    "they this to was were will with".split()
)


@dataclass
class SearchHit:
    kind: str  # event or quote
    ref_id: int
    rank: float  # higher is better
    event: EventView | None = None
    quote: QuoteView | None = None

    @property
    def sentences(self) -> list[str]:
        if self.quote is not None:
            return [self.quote.source.sentence or self.quote.text]
        if self.event is not None:
            return [s.sentence for s in self.event.sources if s.sentence]
        return []


@dataclass(frozen=True)
class SentenceHit:
    """A sentence of an article that matched, with the article it is from."""

    sentence_id: int
    source: SourceRef


def search_terms(query: str) -> list[str]:
    """The words of a query worth searching for, in order, without repeats."""
    words = [w.lower() for w in _WORD.findall(query)]
    useful = [w for w in words if w not in _STOP] or words
    return list(dict.fromkeys(useful))[:MAX_TERMS]


def fts5_query(terms: list[str], *, any_term: bool = False) -> str:
    """An FTS5 MATCH expression in which every term is a quoted string, never syntax."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    return (" OR " if any_term else " ").join(quoted)


def search(
    session: Session, query: str, *, kind: str | None = None, limit: int = 10
) -> list[SearchHit]:
    """Best matches first; when no document has every word, documents with any of them."""
    terms = search_terms(query)
    if not terms:
        return []
    kinds = (kind,) if kind else ("event", "quote")
    rows = _ranked(session, terms, kinds, limit, any_term=False)
    if not rows and len(terms) > 1:
        rows = _ranked(session, terms, kinds, limit, any_term=True)
    # A document is indexed once, but a rebuild or a merge may leave two rows for one item.
    best = {(k, ref): rank for k, ref, rank in reversed(rows)}
    hits = [SearchHit(kind=k, ref_id=ref, rank=float(rank)) for (k, ref), rank in best.items()]
    hits.sort(key=lambda h: -h.rank)
    events = {e.id: e for e in load_events(session, [h.ref_id for h in hits if h.kind == "event"])}
    quotes = {q.id: q for q in load_quotes(session, [h.ref_id for h in hits if h.kind == "quote"])}
    for hit in hits:
        hit.event = events.get(hit.ref_id) if hit.kind == "event" else None
        hit.quote = quotes.get(hit.ref_id) if hit.kind == "quote" else None
    return [h for h in hits if h.event is not None or h.quote is not None]


def search_sentences(session: Session, query: str, *, limit: int = 5) -> list[SentenceHit]:
    """Sentences of the stored articles with every word of the query, best first: what an
    article said that no event or quote was made of ("Khan Younis")."""
    terms = search_terms(query)
    if not terms:
        return []
    ids = [ref for _, ref, _ in _ranked(session, terms, ("sentence",), limit, any_term=False)]
    if not ids:
        return []
    # A quote an editor hid is not brought back as the sentence it was read from.
    hidden = select(Quote.sentence_id).where(Quote.id.in_(hidden_ids(("q",))))
    rows = session.execute(
        select(Sentence.id, Sentence.text, Article.id, Article.outlet, Article.url,
               Article.published_at)
        .join(Article, Article.id == Sentence.article_id)
        .where(Sentence.id.in_(ids), Sentence.id.not_in(hidden))
    ).all()
    found = {
        sid: SentenceHit(sid, SourceRef(aid, outlet, url, published, sentence))
        for sid, sentence, aid, outlet, url, published in rows
    }
    return [found[i] for i in ids if i in found]


def _ranked(
    session: Session, terms: list[str], kinds: tuple[str, ...], limit: int, *, any_term: bool
) -> list[tuple[str, int, float]]:
    params: dict[str, object] = {"limit": limit}
    names = [f":kind{n}" for n in range(len(kinds))]
    kind_clause = f"AND d.kind IN ({', '.join(names)})"
    params.update({f"kind{n}": k for n, k in enumerate(kinds)})
    if session.get_bind().dialect.name == "postgresql":
        # websearch_to_tsquery never raises on user input; "or" between words widens the search.
        params["q"] = (" or " if any_term else " ").join(terms)
        sql = f"""
            SELECT d.kind, d.ref_id, ts_rank(d.tsv, q) AS rank
            FROM search_doc d, websearch_to_tsquery('english', :q) q
            WHERE d.tsv @@ q {kind_clause}
            ORDER BY rank DESC, d.id DESC LIMIT :limit"""
    else:
        params["q"] = fts5_query(terms, any_term=any_term)
        # bm25 is lower for better matches; negate it so both backends rank "higher is better".
        sql = f"""
            SELECT d.kind, d.ref_id, -bm25(search_doc_fts) AS rank
            FROM search_doc_fts JOIN search_doc d ON d.id = search_doc_fts.rowid
            WHERE search_doc_fts MATCH :q {kind_clause}
            ORDER BY bm25(search_doc_fts), d.id DESC LIMIT :limit"""
    return [tuple(row) for row in session.execute(text(sql), params).all()]


def best_sentence(sentences: list[str], query: str) -> str | None:
    """The sentence that contains most of the query's words (by word start, so "talk" finds
    "talks"); None when none contains any."""
    terms = search_terms(query)
    best, best_score = None, 0
    for sentence in sentences:
        words = [w.lower() for w in _WORD.findall(sentence)]
        score = sum(1 for t in terms if any(w.startswith(t[:5]) for w in words))
        if score > best_score:
            best, best_score = sentence, score
    return best
