"""The digest: what the bot learned in a window, grouped by round and by person.

"New" means first reported to the bot in the window: an event or quote counts from the
ingest time of the first article that carried it, so an article ingested late is never
lost and a story repeated by a second outlet is never news twice.  A round already
known whose status a new report moves ("ongoing" to "collapsed") is news too, once, and so
is a report its outlet updated: the digest says what the new version changed.  The window of a
delivery is (the subscriber's last digest, this digest's due instant], so the same items
are news however often it is composed; how each is written (its sources, its status) is
read at composition, which is why a delivery's pages are stored at its first claim
(`bot.digest.editions`) and a resumed send sends those.

Composition is shared: each distinct filter's items are loaded and rendered once per
tick for the widest window asked, and each distinct window is cut from them once, so
10,000 subscribers with five filters cost five loads, not 10,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.corrections.store import corrected_between
from bot.dates import format_when
from bot.digest.filters import DigestFilter, filter_key, resolve_filter
from bot.digest.news import (
    ReportUpdate,
    RoundMove,
    moved_rounds,
    new_events,
    new_quotes,
    updated_reports,
)
from bot.names import name_key
from bot.render import bold, esc, italic, link
from bot.replies.lines import day_text, development_line, quote_line, source_html, when_text
from bot.replies.reply import Reply
from bot.store.models import Correction
from bot.timeline.developments import one_per_sentence
from bot.timeline.loading import load_events, load_quotes
from bot.timeline.records import EventView, QuoteView

# A backfill of old articles must not turn one digest into fifty messages.
MAX_ITEMS = 60


@dataclass(frozen=True)
class _EventEntry:
    learned: datetime
    event: EventView


@dataclass(frozen=True)
class _QuoteEntry:
    learned: datetime
    quote: QuoteView


@dataclass
class _Loaded:
    low: datetime
    high: datetime
    events: list[_EventEntry]
    quotes: list[_QuoteEntry]
    moves: list[RoundMove] = field(default_factory=list)
    corrections: list[tuple[Correction, str]] = field(default_factory=list)  # with its name
    updates: list[ReportUpdate] = field(default_factory=list)


@dataclass(frozen=True)
class UpdateNote:
    """A report its outlet updated, and what the new version changed in the news."""

    update: ReportUpdate
    moves: tuple[RoundMove, ...]
    events: tuple[EventView, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class Watched:
    """What a chat's "in the digest" watches matched in the window: the lines shown on top,
    and the events and quotes they tell, which the rest of the digest leaves out."""

    lines: tuple[str, ...] = ()
    events: frozenset[int] = frozenset()
    quotes: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Digest:
    markup: str
    items: int  # events and quotes shown; 0 means "nothing new"
    reply: Reply = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "reply", Reply.text(self.markup))


@dataclass
class DigestComposer:
    """Composes digests against one session, sharing loads and renders between subscribers."""

    session: Session
    _filters: dict[str, DigestFilter] = field(default_factory=dict)
    _loaded: dict[str, list[_Loaded]] = field(default_factory=dict)
    _digests: dict[tuple, Digest] = field(default_factory=dict)
    loads: int = 0  # how many item loads ran: what sharing saves

    def prepare(self, requests: Iterable[tuple[str | None, datetime, datetime]]) -> None:
        """Load each filter's items once for the widest of the (filter, since, until) asked."""
        spans: dict[str, tuple[str | None, datetime, datetime]] = {}
        for text, since, until in requests:
            key = filter_key(text)
            if key in spans:
                _, low, high = spans[key]
                spans[key] = (text, min(low, since), max(high, until))
            else:
                spans[key] = (text, since, until)
        for text, low, high in spans.values():
            if self._covering(filter_key(text), low, high) is None:
                self._load(self.filter(text), low, high)

    def filter(self, text: str | None) -> DigestFilter:
        key = filter_key(text)
        if key not in self._filters:
            self._filters[key] = resolve_filter(self.session, text)
        return self._filters[key]

    def digest(
        self, text: str | None, since: datetime, until: datetime, *, day: date, zone: ZoneInfo,
        watched: Watched | None = None,
    ) -> Digest:
        """The digest of (since, until] for `text`, headed with the subscriber's local `day`,
        with what the chat's "in the digest" watches matched on top."""
        watched = watched or Watched()
        key = (filter_key(text), since, until, day, zone.key, watched)
        if key not in self._digests:
            digest_filter = self.filter(text)
            loaded = self._covering(digest_filter.key, since, until) or self._load(
                digest_filter, since, until
            )
            event_entries = [e for e in loaded.events
                             if since < e.learned <= until and e.event.id not in watched.events]
            quote_entries = [q for q in loaded.quotes
                             if since < q.learned <= until and q.quote.id not in watched.quotes]
            events = [e.event for e in event_entries]
            quotes = [q.quote for q in quote_entries]
            moves = [m for m in loaded.moves if since < m.learned <= until]
            # Only pages read before the window: an update of a page first read in it is
            # simply news, like the page.
            updates = [u for u in loaded.updates
                       if since < u.learned <= until and u.first_learned <= since]
            # Only facts that went out before: an item new in this window is shown corrected.
            new = {("r" if e.kind == "round" else "e", e.id) for e in events}
            new |= {("q", q.id) for q in quotes}
            corrections = [
                (c, name) for c, name in loaded.corrections
                if since < c.made_at <= until and (c.target_kind, c.target_id) not in new
            ]
            self._digests[key] = render_digest(
                digest_filter, events, quotes, day=day, since_day=since.astimezone(zone).date(),
                moves=moves, corrections=corrections, watched=watched.lines,
                updates=update_notes(updates, event_entries, quote_entries, moves),
            )
        return self._digests[key]

    def _covering(self, key: str, low: datetime, high: datetime) -> _Loaded | None:
        for loaded in self._loaded.get(key, []):
            if loaded.low <= low and high <= loaded.high:
                return loaded
        return None

    def _load(self, digest_filter: DigestFilter, low: datetime, high: datetime) -> _Loaded:
        self.loads += 1
        event_rows = new_events(self.session, digest_filter, low, high)
        quote_rows = new_quotes(self.session, digest_filter, low, high)
        events = {v.id: v for v in load_events(self.session, [i for i, _ in event_rows])}
        quotes = {v.id: v for v in load_quotes(self.session, [i for i, _ in quote_rows])}
        loaded = _Loaded(
            low,
            high,
            [_EventEntry(learned, events[i]) for i, learned in event_rows if i in events],
            [_QuoteEntry(learned, quotes[i]) for i, learned in quote_rows if i in quotes],
            moved_rounds(self.session, digest_filter, low, high),
            _named(self.session, corrected_between(self.session, low, high)),
            updated_reports(self.session, low, high),
        )
        self._loaded.setdefault(digest_filter.key, []).append(loaded)
        return loaded


def render_digest(
    digest_filter: DigestFilter,
    events: Sequence[EventView],
    quotes: Sequence[QuoteView],
    *,
    day: date,
    since_day: date,
    moves: Sequence[RoundMove] = (),
    corrections: Sequence[tuple[Correction, str]] = (),
    watched: Sequence[str] = (),
    updates: Sequence[UpdateNote] = (),
) -> Digest:
    """The digest's HTML: what the chat's watches matched, rounds (with what was said of
    them), rounds whose status moved, other developments, people, reports their outlets
    updated (what each update changed, the items themselves being in the sections above),
    and corrections of what earlier digests said."""
    title = f"{bold('Daily digest')} · {esc(format_when(day, day, 'day'))}"
    if digest_filter.text:
        title += f" · {italic('filter: ' + digest_filter.describe())}"
    total = len(events) + len(quotes) + len(moves) + len(corrections) + len(watched)
    if total == 0:
        since_text = format_when(since_day, since_day, "day")
        return Digest(f"{title}\nNothing new since {esc(since_text)}.", 0)
    budget = MAX_ITEMS
    lines = [title]
    if watched:
        lines += ["", bold("Your watches"), *watched[:budget]]
    shown = min(budget, len(watched))
    budget -= shown
    developments = one_per_sentence(sorted(events, key=event_order))
    rounds = [d for d in developments if d.lead.kind == "round"]
    others = [d for d in developments if d.lead.kind != "round"]
    by_round: dict[int, list[QuoteView]] = defaultdict(list)
    round_ids = {d.lead.id for d in rounds}
    loose: list[QuoteView] = []
    for quote in sorted(quotes, key=quote_order):
        if quote.event_id in round_ids:
            by_round[quote.event_id].append(quote)
        else:
            loose.append(quote)
    # Blank lines set off the blocks a page break must not cut: a round with what was said
    # there, one speaker's quotes (see `split_html`).
    if rounds and budget > 0:
        lines += ["", bold("Rounds")]
        for n, development in enumerate(rounds):
            if budget <= 0:
                break
            lines += ([] if n == 0 else [""]) + [f"• {development_line(development)}"]
            budget -= 1
            shown += len(development.events)
            for quote in by_round[development.lead.id][:budget]:
                lines.append(f"   ↳ {quote_line(quote)}")
                budget -= 1
                shown += 1
    if moves and budget > 0:
        lines += ["", bold("Rounds that moved")]
        ordered = sorted(moves, key=lambda m: event_order(m.event))[:budget]
        lines += [f"• {_move_line(move)}" for move in ordered]
        budget -= len(ordered)
        shown += len(ordered)
    if others and budget > 0:
        lines += ["", bold("Developments")]
        for development in others[:budget]:
            lines.append(f"• {development_line(development)}")
            shown += len(development.events)
        budget -= min(budget, len(others))
    if loose and budget > 0:
        lines += ["", bold("People")]
        for n, (speaker, said) in enumerate(_by_speaker(loose)):
            if budget <= 0:
                break
            lines += ([] if n == 0 else [""]) + [bold(speaker)]
            for quote in said[:budget]:
                lines.append(f"• {quote_line(quote, with_speaker=False)}")
            shown += min(budget, len(said))
            budget -= min(budget, len(said))
    if updates:  # each sums up items counted above: outside the budget
        lines += ["", bold("Updated reports")]
        lines += [f"• {update_line(note)}" for note in updates]
    if corrections and budget > 0:
        lines += ["", bold("Corrections")]
        lines += [f"• {correction_line(c, name)}" for c, name in corrections[:budget]]
        shown += min(budget, len(corrections))
    if shown < total:
        lines += ["", italic(f"…and {total - shown} more: see /latest.")]
    return Digest("\n".join(lines), shown)


def event_order(event: EventView) -> tuple:
    """Date order: by the event's own dates, an undated one on the day it was reported."""
    day = event.start or event.first_reported_at.date()
    return day, event.end or day, event.first_reported_at, event.id


def quote_order(quote: QuoteView) -> tuple:
    """Date order: the day said, else the day first reported (as `quote_day` in SQL)."""
    return quote.said_on or quote.first_reported_at.date(), quote.first_reported_at, quote.id


def _move_line(move: RoundMove) -> str:
    """ "Jul 2025 · Negotiations in Doha: ongoing → collapsed — iAqaba, Tue 12 Aug 2025"."""
    event = move.event
    when = when_text(event.start, event.end, event.granularity)
    what = f"{esc(when)} · {esc(event.title)}" if when else esc(event.title)
    change = f"{italic(move.before)} → {italic(move.report.status)}"
    return f"{what}: {change} — {source_html(move.report)}"


def update_notes(
    updates: Sequence[ReportUpdate],
    events: Sequence[_EventEntry],
    quotes: Sequence[_QuoteEntry],
    moves: Sequence[RoundMove],
) -> list[UpdateNote]:
    """Each update with the window's items it brought: rounds it moved, events first learned
    from it, words first said in it.  An update that changed none of them is left out."""
    notes = []
    for update in updates:
        note = UpdateNote(
            update,
            tuple(m for m in moves if m.report.article_id == update.article_id),
            tuple(
                e.event for e in events
                if e.learned == update.learned
                and any(s.article_id == update.article_id for s in e.event.sources)
            ),
            tuple(q.quote for q in quotes if q.quote.source.article_id == update.article_id),
        )
        if note.moves or note.events or note.quotes:
            notes.append(note)
    return notes


def update_line(note: UpdateNote) -> str:
    """ "Gulf Ledger updated “Hamas team in Cairo”, first published Tue 7 Oct 2025:
    Negotiations in Cairo ongoing → collapsed; 1 new quote (Ron Dermer)."."""
    update = note.update
    changes = [
        f"{esc(m.event.title)} {italic(m.before)} → {italic(m.report.status)}"
        for m in note.moves
    ]
    if note.events:
        titles = [esc(e.title) for e in note.events[:3]]
        more = len(note.events) - len(titles)
        changes.append("new: " + "; ".join(titles) + (f" and {more} more" if more else ""))
    if note.quotes:
        speakers = ", ".join(dict.fromkeys(esc(q.speaker) for q in note.quotes))
        count = len(note.quotes)
        changes.append(f"{count} new quote{'s' * (count != 1)} ({speakers})")
    title = link(f"“{update.title}”", update.url)
    return (f"{esc(update.outlet)} updated {title}, first published "
            f"{esc(day_text(update.first_published))}: " + "; ".join(changes) + ".")


def correction_line(row: Correction, name: str) -> str:
    """ "Sharm el-Sheikh (round), status: ongoing → agreement, corrected by an editor.", as
    a newspaper's corrections column would say it; subscribers never see ids."""
    what = f"{esc(name)} ({_CORRECTED_WHAT.get(row.target_kind, 'item')})"
    if row.field == "hide":
        line = f"{what}, reported earlier, was withdrawn by an editor"
        return line + (f": {esc(row.reason)}." if row.reason else ".")
    if row.field in _TOLD_WITHOUT_IDS:
        return f"{what}: {_TOLD_WITHOUT_IDS[row.field]}, " + italic("corrected by an editor") + "."
    return (f"{what}, {esc(row.field)}: {esc(row.before)} → {esc(row.after)}, "
            + italic("corrected by an editor") + ".")


# Merges and splits name records by id ("p9 → one with p3"), which subscribers never see.
_TOLD_WITHOUT_IDS = {
    "merge": "two records of it were found to be one and merged",
    "split": "one record told of two, and was split in two",
}


_CORRECTED_WHAT = {"r": "round", "e": "event", "p": "person", "q": "quote"}


def _named(session: Session, rows: list[Correction]) -> list[tuple[Correction, str]]:
    """Each correction with the name of what it corrected, as answers name it."""
    from bot.corrections.items import find_item

    named = []
    for row in rows:
        item = find_item(session, f"{row.target_kind}{row.target_id}")
        if not isinstance(item, str):  # gone from the timeline since: nothing to correct
            named.append((row, item.name))
    return named


def _by_speaker(quotes: Sequence[QuoteView]) -> list[tuple[str, list[QuoteView]]]:
    groups: dict[object, tuple[str, list[QuoteView]]] = {}
    for quote in quotes:
        key = quote.speaker_id if quote.speaker_id is not None else name_key(quote.speaker)
        groups.setdefault(key, (quote.speaker, []))[1].append(quote)
    return list(groups.values())
