"""What alerts say: a card per article (its matched facts, the outlet and its link, what
else carried them, why they matched), a summary of held cards, and the lines a daily
digest puts on top for "in the digest" watches.  Facts are read as answers read them, so
an editor's corrections show and a fact an editor hid is left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import Session

from bot.digest.compose import Watched
from bot.digest.schedule import format_clock
from bot.render import MESSAGE_LIMIT, bold, esc, italic, link, shorten, split_html
from bot.replies.lines import day_text, event_when_html, quote_when_html
from bot.store.models import Article, ArticleCarrier, EventSource, Quote, WatchAlert, WatchMatch
from bot.timeline.corroboration import load_outlets
from bot.timeline.loading import load_events, load_quotes
from bot.timeline.records import EventView, QuoteView

CARD_FACTS = 4  # lines a card shows; the rest are counted
SUMMARY_CHARS = 120
QUOTE_CHARS = 200
OUTLETS_NAMED = 3


@dataclass(frozen=True)
class Fact:
    """A matched fact as an alert row keeps it."""

    kind: str  # event, quote
    ref_id: int
    change: str  # new, moved
    why: str  # the labels of the watches it matched, a line each
    status: str | None = None
    before: str | None = None

    @property
    def why_text(self) -> str:
        return ", ".join(self.why.split("\n"))


def facts_by_alert(session: Session, alert_ids: Iterable[int]) -> dict[int, list[Fact]]:
    """The facts on each alert, in the order they were matched."""
    found: dict[int, list[Fact]] = defaultdict(list)
    alert_ids = list(alert_ids)
    if alert_ids:
        for r in session.scalars(
            select(WatchMatch).where(WatchMatch.alert_id.in_(alert_ids)).order_by(WatchMatch.id)
        ):
            found[r.alert_id].append(Fact(r.fact_kind, r.ref_id, r.change, r.why, r.status,
                                          r.before))
    return found


@dataclass
class _Views:
    events: dict[int, EventView]
    quotes: dict[int, QuoteView]

    @classmethod
    def load(cls, session: Session, facts: Sequence[Fact]) -> _Views:
        events = [f.ref_id for f in facts if f.kind == "event"]
        quotes = [f.ref_id for f in facts if f.kind == "quote"]
        return cls(
            {v.id: v for v in load_events(session, list(dict.fromkeys(events)))},
            {v.id: v for v in load_quotes(session, list(dict.fromkeys(quotes)))},
        )

    def line(self, fact: Fact) -> str | None:
        """ "<b>6–7 Oct 2025</b> · Negotiations in Sharm el-Sheikh · ongoing", or None when
        the fact is no longer on record (hidden by an editor, gone in a rebuild)."""
        if fact.kind == "quote":
            quote = self.quotes.get(fact.ref_id)
            if quote is None:
                return None
            words = f"“{shorten(quote.text, QUOTE_CHARS)}”"
            return f"{quote_when_html(quote)} · {esc(quote.speaker)}: {esc(words)}"
        event = self.events.get(fact.ref_id)
        if event is None:
            return None
        what = event.title
        if event.place and event.place.lower() not in what.lower():
            what = f"{what} ({event.place})"
        parts = [event_when_html(event), esc(what)]
        if fact.change == "moved" and fact.before and fact.status:
            parts.append(f"{italic(fact.before)} → {italic(fact.status)}")
            return " · ".join(parts)
        summary = event.summary.strip().rstrip(";,:–—- ")
        if summary and summary.lower() != event.title.strip().lower():
            parts.append(esc(shorten(summary, SUMMARY_CHARS)))
        if event.status:
            parts.append(italic(event.status))
        return " · ".join(parts)


def _why(facts: Sequence[Fact]) -> str:
    return ", ".join(dict.fromkeys(label for f in facts for label in f.why.split("\n")))


def card_text(session: Session, article: Article, facts: Sequence[Fact]) -> str | None:
    """One article's matched facts as one message, or None when none is on record now."""
    views = _Views.load(session, facts)
    lines = [(fact, line) for fact in facts if (line := views.line(fact)) is not None]
    if not lines:
        return None
    shown = lines[:CARD_FACTS]
    several = len({f.why for f, _ in shown}) > 1
    body = [f"• {line}" + (f" · {italic('watch: ' + fact.why_text)}" if several else "")
            for fact, line in shown]
    if len(lines) > len(shown):
        body.append(italic(f"…and {len(lines) - len(shown)} more from this article: see /latest"))
    source = f"— {link(article.outlet, article.url)}, {esc(day_text(article.published_at))}"
    others = other_outlets(session, article, [f for f, _ in lines])
    if others:
        source += " · " + esc(also_in(others))
    header = "🔔 " + bold(shorten(f"watch: {_why([f for f, _ in lines])}", 200))
    text = "\n".join([header, *body, source])
    return split_html(text, MESSAGE_LIMIT)[0]


def also_in(outlets: Sequence[str]) -> str:
    """ "also in 2 outlets: Reuters, AP"."""
    count = f"{len(outlets)} outlet" + ("" if len(outlets) == 1 else "s")
    named = ", ".join(outlets[:OUTLETS_NAMED])
    if len(outlets) > OUTLETS_NAMED:
        named += f" and {len(outlets) - OUTLETS_NAMED} more"
    return f"also in {count}: {named}"


def other_outlets(session: Session, article: Article, facts: Sequence[Fact]) -> list[str]:
    """The other outlets that reported any of these facts, or carried a copy of the article
    that did, in the order they reported them; an outlet's several spellings are one."""
    events = [f.ref_id for f in facts if f.kind == "event"]
    quotes = [f.ref_id for f in facts if f.kind == "quote"]
    articles = set(session.scalars(
        select(EventSource.article_id).where(EventSource.event_id.in_(events))
    ))
    if quotes:
        same_words = select(Quote.text_hash).where(Quote.id.in_(quotes))
        articles |= set(session.scalars(
            select(Quote.article_id).where(Quote.text_hash.in_(same_words))
        ))
    articles.add(article.id)
    told = list(session.execute(
        select(Article.published_at, Article.outlet).where(Article.id.in_(articles))
    ).all())
    told += [
        (when or article.published_at, outlet)
        for when, outlet in session.execute(
            select(ArticleCarrier.published_at, ArticleCarrier.outlet)
            .where(ArticleCarrier.article_id.in_(articles))
        ).all()
    ]
    outlets = load_outlets()
    own = outlets.key(article.outlet)
    names: dict[str, str] = {}
    for _, outlet in sorted(told, key=lambda pair: pair[0]):
        key = outlets.key(outlet)
        if key != own:
            names.setdefault(key, outlets.name(outlet))
    return list(names.values())


@dataclass(frozen=True)
class HeldCard:
    article: Article
    facts: list[Fact]
    reason: str  # quiet, cap


def summary_pages(
    session: Session, held: Sequence[HeldCard], *, zone: ZoneInfo, quiet: str | None,
    hour: tuple[datetime, datetime] | None, cap: int,
) -> list[str]:
    """The held cards as one summary (pages only when it is longer than a message)."""
    lines = digest_lines(session, [(card.article, card.facts) for card in held])
    if not lines:
        return []
    reasons = {card.reason for card in held}
    count = f"{len(lines)} alert" + ("" if len(lines) == 1 else "s")
    if reasons == {"quiet"}:
        title = f"While your quiet hours were on ({quiet}): {count}" if quiet else \
            f"While your quiet hours were on: {count}"
    elif reasons == {"cap"} and hour is not None:
        start, end = (format_clock(t.astimezone(zone).time()) for t in hour)
        title = f"Held past the limit of {cap} alerts an hour ({start}–{end}): {count}"
    else:
        title = f"Held alerts: {count}"
    return split_html("\n".join(["🔕 " + bold(title), *lines]), MESSAGE_LIMIT)


def digest_lines(session: Session, cards: Sequence[tuple[Article, Sequence[Fact]]]) -> list[str]:
    """A line a fact, each with its source and why it matched: for summaries and digests."""
    views = _Views.load(session, [f for _, facts in cards for f in facts])
    lines = []
    for article, facts in cards:
        source = f"{link(article.outlet, article.url)}, {esc(day_text(article.published_at))}"
        for fact in facts:
            line = views.line(fact)
            if line is not None:
                lines.append(f"• {line} — {source} · {italic('watch: ' + fact.why_text)}")
    return lines


def watched_in_digest(
    session: Session, windows: Sequence[tuple[int, datetime, datetime]]
) -> dict[tuple[int, datetime, datetime], Watched]:
    """For each (chat, since, until) a digest covers, what the chat's "in the digest"
    watches matched in that window, oldest first."""
    if not windows:
        return {}
    low = min(since for _, since, _ in windows)
    high = max(until for _, _, until in windows)
    rows = session.execute(
        select(WatchAlert.id, WatchAlert.chat_id, WatchAlert.article_id, WatchAlert.created_at)
        .where(WatchAlert.status == "digest",
               WatchAlert.chat_id.in_({chat for chat, _, _ in windows}),
               WatchAlert.created_at > low, WatchAlert.created_at <= high)
        .order_by(WatchAlert.created_at, WatchAlert.id)
    ).all()
    if not rows:
        return {}
    facts = facts_by_alert(session, [r.id for r in rows])
    articles = {a.id: a for a in session.scalars(
        select(Article).where(Article.id.in_({r.article_id for r in rows}))
    )}
    found = {}
    for window in windows:
        chat_id, since, until = window
        mine = [r for r in rows if r.chat_id == chat_id and since < r.created_at <= until]
        if not mine:
            continue
        told = [f for r in mine for f in facts[r.id]]
        found[window] = Watched(
            tuple(digest_lines(session, [(articles[r.article_id], facts[r.id]) for r in mine])),
            frozenset(f.ref_id for f in told if f.kind == "event"),
            frozenset(f.ref_id for f in told if f.kind == "quote"),
        )
    return found
