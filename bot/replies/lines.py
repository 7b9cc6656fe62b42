"""The lines every answer is made of: a dated, sourced event or quote, in Telegram HTML.

Each line keeps its tags balanced, so `split_html` can cut between any two lines.
Every date goes through `bot.dates.format_when`, so nothing is shown more
precisely than it is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from bot.dates import format_when
from bot.ids import event_id, quote_id
from bot.render import bold, esc, italic, link, shorten
from bot.replies.viewer import id_tag, marks
from bot.timeline.corroboration import corroboration
from bot.timeline.developments import Development
from bot.timeline.records import EventView, Page, QuoteView, SourceRef

# An event that rests on one weak cue: never stated as fact, so always marked.
UNCONFIRMED = italic("unconfirmed")
SUMMARY_CHARS = 280
QUOTE_CHARS = 400
EXCERPT_CHARS = 40


def when_text(start: date | None, end: date | None, granularity: str | None) -> str | None:
    if start is None:
        return None
    return format_when(start, end or start, granularity or "day")


def during_text(start: date, end: date, granularity: str) -> str:
    """ "on Mon 8 Dec 2025", "in the week of Mon 4 Aug 2025", "in Aug 2025": the span with
    the preposition English gives it."""
    shown = format_when(start, end, granularity or "day")  # type: ignore[arg-type]
    if granularity == "day":
        return f"on {shown}"
    if granularity == "week":
        return f"in the {shown}"
    return f"in {shown}"


def day_text(moment: datetime | date) -> str:
    day = moment.date() if isinstance(moment, datetime) else moment
    return format_when(day, day, "day")


def source_html(source: SourceRef, *, updated: bool | None = None) -> str:
    """ "<a href=url>Ynetnews</a>, Tue 7 Oct 2025": who published it, when, and where to read
    it; "(updated)" when the outlet has changed the page since it first reported."""
    shown = f"{link(source.outlet, source.url)}, {esc(day_text(source.published))}"
    if updated if updated is not None else source.version > 1:
        shown += f" {italic('(updated)')}"
    return shown


def sources_html(sources: Iterable[SourceRef], *, limit: int = 3) -> str:
    """Each report once (the versions of an updated page are one), oldest first; the rest
    counted."""
    distinct: dict[int, SourceRef] = {}
    updated: set[int] = set()
    for source in sorted(sources, key=lambda s: (s.published, s.article_id)):
        distinct.setdefault(source.report_id, source)
        if source.version > 1:
            updated.add(source.report_id)
    shown = [source_html(s, updated=s.report_id in updated)
             for s in list(distinct.values())[:limit]]
    extra = len(distinct) - len(shown)
    if extra > 0:
        shown.append(f"{extra} more")
    return "; ".join(shown) if shown else italic("no source on record")


def reports_html(sources: Iterable[SourceRef]) -> str:
    """ "3 outlets, Reuters first": the independent reports an item rests on."""
    return esc(corroboration(sources).text())


def event_when_html(event: EventView) -> str:
    when = when_text(event.start, event.end, event.granularity)
    if when is None:
        return italic(f"undated, first reported {day_text(event.first_reported_at)}")
    return bold(when)


def development_line(development: Development) -> str:
    """One sentence's development: its lead event, titled with what else the sentence told."""
    return event_line(development.lead, title=development.title)


def event_line(event: EventView, *, with_place: bool = True, title: str | None = None) -> str:
    """One development: date, what happened (place, status), background marked, sources."""
    what = title or event.title
    if with_place and event.place and event.place.lower() not in what.lower():
        what = f"{what} ({event.place})"
    parts = [event_when_html(event), esc(what)]
    summary = event.summary.strip().rstrip(";,:–—- ")
    if summary and summary.lower() != event.title.strip().lower():
        parts.append(esc(shorten(summary, SUMMARY_CHARS)))
    if event.status:
        parts.append(italic(event.status))
    if event.background:
        parts.append(italic("background: recalled, not news of the day"))
    if event.unconfirmed:
        parts.append(UNCONFIRMED)
    reports = reports_html(event.sources)
    if reports:
        parts.append(reports)
    parts += marks(corrected=bool(event.corrected), verified=event.verified, hidden=event.hidden)
    tag = id_tag(event_id(event.kind, event.id))
    return " · ".join(parts) + f" — {sources_html(event.sources)}{tag}"


def quote_when_html(quote: QuoteView) -> str:
    when = when_text(quote.said_on, quote.said_on, quote.said_granularity)
    if when is None:
        return italic(f"reported {day_text(quote.first_reported_at)}")
    return bold(when)


def quote_line(quote: QuoteView, *, with_speaker: bool = True) -> str:
    """ "Sun 1 Jun 2025 · Steve Witkoff: “completely unacceptable” — ILKHA, Sun 1 Jun 2025"."""
    words = f"“{shorten(quote.text, QUOTE_CHARS)}”"
    said = f"{esc(quote.speaker)}: {esc(words)}" if with_speaker else esc(words)
    tag = id_tag(quote_id(quote.id))
    return f"{quote_when_html(quote)} · {said} — {source_html(quote.source)}{tag}"


def excerpt(args: str) -> str:
    """A short, escaped echo of what the user typed, safe whatever they sent."""
    return esc(shorten(args, EXCERPT_CHARS))


def more_lines(page: Page, hint: str) -> list[str]:
    """ "Showing 20 of 312" and how to narrow it, when a list was cut; else nothing."""
    if not page.cut:
        return []
    return [italic(f"Showing {len(page.items)} of {page.count_text}. {hint}")]
