"""From the fact log to alerts: which watches each new fact matches, and what each chat gets.

One matcher runs at a time (`hold_matcher_lock`), taking the unmatched facts of a few
articles whole, so that the facts one article brought make one card per chat.  In the same
transaction it writes the cards (pending, held by quiet hours or the hourly cap, or kept for
the next daily digest), marks the facts matched, and flags the cards already sent whose
facts another outlet has now reported too, so that they are edited.  A crash before the
commit leaves the facts unmatched for the next run; after it, everything is written.

A person or place watch matches by name key: the keys of every entity a fact involves
(participants, delegations, the place and its country, the speaker and whom a quote is
about) with all their spellings.  A phrase watch matches the fact's words: its title,
summary and issues, or the quote, and the sentence the article told it in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, or_, select, tuple_, update
from sqlmodel import Session

from bot.config import get_settings
from bot.names import name_key
from bot.store.locks import hold_matcher_lock
from bot.store.models import (
    Alias,
    Entity,
    Event,
    EventEntity,
    EventSource,
    FactLog,
    Quote,
    QuoteSubject,
    Sentence,
    Subscription,
    Watch,
    WatchAlert,
    WatchChat,
    WatchMatch,
)
from bot.watches.holding import Budget, Verdict, decide, stored_quiet_hours
from bot.watches.phrases import Phrase, Words, parse_phrase

ARTICLES_PER_RUN = 20
KEEP = timedelta(days=30)  # matched facts and finished alerts are kept this long
_ALERT = WatchAlert.__table__
_MATCH = WatchMatch.__table__
_FINISHED = ("sent", "failed", "skipped", "summarised", "digest")


@dataclass
class MatchReport:
    facts: int = 0
    cards: int = 0
    held: int = 0
    for_digest: int = 0
    edits: int = 0


@dataclass
class _Fact:
    """A logged fact, with what watches look at: the keys of whom and where, and its words."""

    id: int
    article_id: int
    kind: str
    ref_id: int
    change: str
    status: str | None
    before: str | None
    logged_at: datetime
    people: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    text: list[str] = field(default_factory=list)


def match_new_facts(session: Session, *, now: datetime, cap: int) -> MatchReport | None:
    """Match the unmatched facts of the next few articles; None when another process is
    matching (PostgreSQL), so this one leaves the work to it."""
    if not hold_matcher_lock(session):
        return None
    report = MatchReport()
    facts = _next_facts(session)
    if not facts:
        return report
    report.facts = len(facts)
    report.edits = _flag_edits(session, [f for f in facts if f.change in ("moved", "also")], now)
    fresh = [f for f in facts if f.change in ("new", "moved")]
    if fresh:
        _describe(session, fresh)
        hits = _hits(session, fresh)
        _enqueue(session, hits, now, cap, report)
    session.execute(
        update(FactLog).where(FactLog.id.in_([f.id for f in facts])).values(matched_at=now)
    )
    return report


def prune(session: Session, *, now: datetime) -> None:
    """Forget matched facts and finished alerts older than `KEEP`."""
    cutoff = now - KEEP
    session.execute(delete(FactLog).where(FactLog.matched_at < cutoff))
    session.execute(
        delete(WatchAlert).where(
            WatchAlert.status.in_(_FINISHED), WatchAlert.next_attempt_at < cutoff
        )
    )


def _next_facts(session: Session) -> list[_Fact]:
    articles = (
        select(FactLog.article_id)
        .where(FactLog.matched_at.is_(None))
        .group_by(FactLog.article_id)
        .order_by(FactLog.article_id)
        .limit(ARTICLES_PER_RUN)
    )
    rows = session.execute(
        select(FactLog.id, FactLog.article_id, FactLog.kind, FactLog.ref_id, FactLog.change,
               FactLog.status, FactLog.before, FactLog.logged_at)
        .where(FactLog.matched_at.is_(None), FactLog.article_id.in_(articles))
        .order_by(FactLog.id)
    ).all()
    return [_Fact(*row) for row in rows]


def _flag_edits(session: Session, facts: Sequence[_Fact], now: datetime) -> int:
    """Cards that told these facts are written again with who else reported them."""
    if not facts:
        return 0
    told = select(WatchMatch.alert_id).where(
        tuple_(WatchMatch.fact_kind, WatchMatch.ref_id).in_(
            list({(f.kind, f.ref_id) for f in facts})
        )
    )
    result = session.execute(
        update(WatchAlert)
        .where(WatchAlert.id.in_(told), WatchAlert.kind == "card",
               WatchAlert.status.in_(("pending", "sent")))
        .values(edit_pending=True, next_attempt_at=now)
    )
    return int(result.rowcount)


def _describe(session: Session, facts: Sequence[_Fact]) -> None:
    """Fill in each fact's keys and words."""
    events = [f for f in facts if f.kind == "event"]
    quotes = [f for f in facts if f.kind == "quote"]
    people: dict[int, set[int]] = defaultdict(set)  # fact id -> entity ids
    places: dict[int, set[int]] = defaultdict(set)
    if events:
        by_event = defaultdict(list)
        for fact in events:
            by_event[fact.ref_id].append(fact)
        ids = list(by_event)
        for row in session.execute(
            select(Event.id, Event.title, Event.summary, Event.issues, Event.outcome,
                   Event.place_id).where(Event.id.in_(ids))
        ):
            for fact in by_event[row.id]:
                fact.text += [row.title, row.summary, row.issues, row.outcome or ""]
                if row.place_id is not None:
                    places[fact.id].add(row.place_id)
        for event_id, entity_id, side_id in session.execute(
            select(EventEntity.event_id, EventEntity.entity_id, EventEntity.delegation_of_id)
            .where(EventEntity.event_id.in_(ids))
        ):
            for fact in by_event[event_id]:
                people[fact.id].update(i for i in (entity_id, side_id) if i is not None)
        for event_id, article_id, sentence in session.execute(
            select(EventSource.event_id, EventSource.article_id, Sentence.text)
            .join(Sentence, Sentence.id == EventSource.sentence_id)
            .where(EventSource.event_id.in_(ids))
        ):
            for fact in by_event[event_id]:
                if fact.article_id == article_id:
                    fact.text.append(sentence)
    if quotes:
        by_quote = {f.ref_id: f for f in quotes}
        for row in session.execute(
            select(Quote.id, Quote.text, Quote.speaker_id, Quote.speaker_label, Sentence.text)
            .join(Sentence, Sentence.id == Quote.sentence_id)
            .where(Quote.id.in_(list(by_quote)))
        ):
            fact = by_quote[row[0]]
            fact.text += [row[1], row[3], row[4]]
            if row[2] is not None:
                people[fact.id].add(row[2])
        for quote_id, entity_id in session.execute(
            select(QuoteSubject.quote_id, QuoteSubject.entity_id)
            .where(QuoteSubject.quote_id.in_(list(by_quote)))
        ):
            people[by_quote[quote_id].id].add(entity_id)
    _keys(session, facts, people, places)


def _keys(session: Session, facts: Sequence[_Fact], people: dict[int, set[int]],
          places: dict[int, set[int]]) -> None:
    """Keys of whom and where: a person's or organisation's every spelling; a place's every
    spelling and its country; a country by its own name only, since its spellings include
    the capitals that stand for its government ("Doha said"), which are places of their own.
    """
    involved = set().union(*people.values(), *places.values())
    if not involved:
        return
    keys: dict[int, set[str]] = defaultdict(set)
    kind_of: dict[int, str] = {}
    for entity_id, kind, key, country in session.execute(
        select(Entity.id, Entity.kind, Entity.key, Entity.country)
        .where(Entity.id.in_(list(involved)))
    ):
        kind_of[entity_id] = kind
        keys[entity_id].add(key)
        if country and kind == "place":
            keys[entity_id].add(name_key(country))
    for entity_id, key in session.execute(
        select(Alias.entity_id, Alias.key).where(Alias.entity_id.in_(list(involved)))
    ):
        if kind_of.get(entity_id) != "country":
            keys[entity_id].add(key)
    for fact in facts:
        for entity_id in people.get(fact.id, ()):
            kind = kind_of.get(entity_id)
            if kind != "place":
                fact.people |= keys[entity_id]
            if kind == "country":  # "Egypt" mediating is news of Egypt, the place, too
                fact.places |= keys[entity_id]
        for entity_id in places.get(fact.id, ()):
            fact.places |= keys[entity_id]


@dataclass
class _Hit:
    """What one chat's watches found in one article's facts."""

    facts: dict[int, tuple[_Fact, list[str]]] = field(default_factory=dict)  # id -> labels
    instant: bool = False


def _hits(session: Session, facts: Sequence[_Fact]) -> dict[tuple[int, int], _Hit]:
    people = set().union(*(f.people for f in facts))
    places = set().union(*(f.places for f in facts))
    paused = select(WatchChat.chat_id).where(WatchChat.paused_reason.is_not(None))
    watches = session.execute(
        select(Watch.chat_id, Watch.kind, Watch.key, Watch.label, Watch.cadence,
               Watch.created_at)
        .where(
            Watch.chat_id.not_in(paused),
            or_(
                (Watch.kind == "person") & Watch.key.in_(people),
                (Watch.kind == "place") & Watch.key.in_(places),
                Watch.kind == "phrase",
            ),
        )
        .order_by(Watch.id)
    ).all()
    words = {f.id: Words.of(" ".join(t for t in f.text if t)) for f in facts}
    hits: dict[tuple[int, int], _Hit] = defaultdict(_Hit)
    for chat_id, kind, key, label, cadence, created_at in watches:
        for fact in facts:
            if created_at > fact.logged_at or not _matches(kind, key, fact, words[fact.id]):
                continue
            hit = hits[(chat_id, fact.article_id)]
            hit.facts.setdefault(fact.id, (fact, []))[1].append(label)
            hit.instant |= cadence == "instant"
    return hits


def _matches(kind: str, key: str, fact: _Fact, words: Words) -> bool:
    if kind == "person":
        return key in fact.people
    if kind == "place":
        return key in fact.places
    return _phrase(key).matches(words)


@lru_cache(maxsize=4096)
def _phrase(key: str) -> Phrase:
    return parse_phrase(key)


def _enqueue(session: Session, hits: dict[tuple[int, int], _Hit], now: datetime, cap: int,
             report: MatchReport) -> None:
    if not hits:
        return
    taken = set(session.execute(
        select(WatchAlert.chat_id, WatchAlert.article_id).where(
            WatchAlert.kind == "card",
            WatchAlert.article_id.in_({article for _, article in hits}),
        )
    ).all())
    hits = {pair: hit for pair, hit in hits.items() if pair not in taken}
    if not hits:
        return
    budgets = _Budgets(session, {chat for (chat, _), hit in hits.items() if hit.instant})
    rows = []
    for (chat_id, article_id), hit in sorted(hits.items()):
        row = {
            "chat_id": chat_id, "kind": "card", "article_id": article_id, "created_at": now,
            "next_attempt_at": now, "status": "digest", "held_until": None,
            "hold_reason": None, "attempts": 0, "messages_sent": 0, "edit_pending": False,
        }
        if hit.instant:
            verdict = budgets.take(chat_id, now, cap)
            if verdict.send:
                row["status"] = "pending"
                report.cards += 1
            else:
                row.update(status="held", held_until=verdict.held_until,
                           hold_reason=verdict.reason, next_attempt_at=verdict.held_until)
                report.held += 1
        else:
            report.for_digest += 1
        rows.append(row)
    budgets.save()
    ids = session.execute(
        insert(_ALERT).returning(_ALERT.c.id, sort_by_parameter_order=True), rows
    ).scalars().all()
    matches = [
        {"alert_id": alert_id, "fact_kind": fact.kind, "ref_id": fact.ref_id,
         "change": fact.change, "status": fact.status, "before": fact.before,
         "why": "\n".join(dict.fromkeys(labels))}
        for alert_id, hit in zip(ids, [hits[(r["chat_id"], r["article_id"])] for r in rows],
                                 strict=True)
        for fact, labels in hit.facts.values()
    ]
    session.execute(insert(_MATCH), matches)


class _Budgets:
    """The hourly budgets and quiet hours of the chats that get instant cards, read with a
    row lock (so two matchers never both spend a chat's last alert) and written back."""

    def __init__(self, session: Session, chats: Iterable[int]) -> None:
        self.session = session
        chats = sorted(set(chats))
        self.rows = {
            row.chat_id: row
            for row in session.scalars(
                select(WatchChat).where(WatchChat.chat_id.in_(chats))
                .order_by(WatchChat.chat_id).with_for_update()
            )
        } if chats else {}
        default = get_settings().default_timezone
        zones = dict(session.execute(
            select(Subscription.chat_id, Subscription.timezone)
            .where(Subscription.chat_id.in_(chats))
        ).all()) if chats else {}
        self.zones = {chat: ZoneInfo(zones.get(chat, default)) for chat in chats}
        self.spent: dict[int, Budget] = {}

    def take(self, chat_id: int, now: datetime, cap: int) -> Verdict:
        row = self.rows.get(chat_id)
        quiet = stored_quiet_hours(row.quiet_start, row.quiet_end) if row else None
        budget = self.spent.get(chat_id) or Budget(
            row.hour_start if row else None, row.hour_count if row else 0
        )
        verdict = decide(now, self.zones[chat_id], quiet, budget, cap)
        self.spent[chat_id] = verdict.budget
        return verdict

    def save(self) -> None:
        for chat_id, budget in self.spent.items():
            row = self.rows.get(chat_id)
            if row is not None:
                row.hour_start, row.hour_count = budget.hour_start, budget.count
                self.session.add(row)
        self.session.flush()
