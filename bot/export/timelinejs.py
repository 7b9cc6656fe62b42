"""The timeline as TimelineJS reads it: its Google Sheet template (CSV) and its own JSON.

Both are made from the same slides: a date only as precise as it is known (a date known
to the month leaves Day empty), the headline, the text with its sources, a group per
kind, and the round's status colour as the slide's background.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from bot.dates.model import coarseness
from bot.export.palette import status_colour
from bot.export.timeline_json import TimelineItem
from bot.render import esc, link
from bot.replies.lines import when_text
from bot.timeline.corroboration import corroboration

# The columns of TimelineJS's Google Sheet template, in its order.
SHEET_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)
SOURCES_LISTED = 5
GROUPS = {
    "round": "Rounds", "proposal": "Proposals", "agreement": "Agreements",
    "statement": "Statements", "announcement": "Announcements", "figure": "Figures",
    "collapse": "Collapses",
}


@dataclass(frozen=True)
class DateParts:
    year: int
    month: int | None
    day: int | None

    def as_json(self) -> dict[str, str]:
        parts = {"year": str(self.year)}
        if self.month is not None:
            parts["month"] = str(self.month)
        if self.day is not None:
            parts["day"] = str(self.day)
        return parts


@dataclass(frozen=True)
class Slide:
    unique_id: str
    start: DateParts
    end: DateParts | None
    display_date: str
    headline: str
    text: str  # HTML, as TimelineJS shows it
    group: str
    background: str


def _parts(day: date, granularity: str) -> DateParts:
    precision = coarseness(granularity)
    return DateParts(
        day.year,
        day.month if precision <= coarseness("season") else None,
        day.day if precision <= coarseness("week") else None,
    )


def slides(items: list[TimelineItem]) -> tuple[list[Slide], int]:
    """The slides of the dated items, oldest first, and how many undated items were left out."""
    dated = [i for i in items if i.event.start is not None]
    dated.sort(key=lambda i: (i.event.start, i.event.id))
    return [_slide(i) for i in dated], len(items) - len(dated)


def _slide(item: TimelineItem) -> Slide:
    event = item.event
    granularity = event.granularity or "day"
    end_day = event.end or event.start
    spans = end_day != event.start and coarseness(granularity) <= coarseness("week")
    headline = event.title
    if event.place and event.place.lower() not in headline.lower():
        headline = f"{headline} ({event.place})"
    return Slide(
        unique_id=item.typed_id,
        start=_parts(event.start, granularity),
        end=_parts(end_day, granularity) if spans else None,
        display_date=when_text(event.start, event.end, granularity) or "",
        headline=headline,
        text=_text(item),
        group=GROUPS.get(event.kind, event.kind.title()),
        background=status_colour(event.status) if event.kind == "round" else "",
    )


def _text(item: TimelineItem) -> str:
    event = item.event
    lines = [f"<p>{esc(event.summary)}</p>"] if event.summary.strip() else []
    facts = [f"Status: {esc(event.status)}"] if event.status else []
    reports = corroboration(event.sources).text()
    if reports:
        facts.append(esc(reports))
    if event.unconfirmed:
        facts.append("unconfirmed")
    if facts:
        lines.append(f"<p>{' · '.join(facts)}</p>")
    seen: dict[int, str] = {}
    for source in sorted(event.sources, key=lambda s: (s.published, s.article_id)):
        seen.setdefault(
            source.article_id,
            f"{link(source.outlet, source.url)}, {source.published.date().isoformat()}",
        )
    if seen:
        lines.append("<p>Sources: " + "; ".join(list(seen.values())[:SOURCES_LISTED]) + "</p>")
    return "".join(lines)


def sheet_csv(items: list[TimelineItem], *, story: str) -> tuple[str, int]:
    """The Google Sheet template's rows, a title slide first; and the undated left out."""
    shown, left_out = slides(items)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SHEET_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow({"Headline": story, "Text": _title_text(len(shown)), "Type": "title"})
    for slide in shown:
        row = {
            "Year": slide.start.year,
            "Month": slide.start.month or "",
            "Day": slide.start.day or "",
            "Display Date": slide.display_date,
            "Headline": esc(slide.headline),
            "Text": slide.text,
            "Group": slide.group,
            "Background": slide.background,
        }
        if slide.end is not None:
            row |= {
                "End Year": slide.end.year,
                "End Month": slide.end.month or "",
                "End Day": slide.end.day or "",
            }
        writer.writerow(row)
    return out.getvalue(), left_out


def timelinejs_json(items: list[TimelineItem], *, story: str) -> tuple[str, int]:
    """TimelineJS's JSON (a title and `events`), which `new TL.Timeline(id, data)` loads."""
    shown, left_out = slides(items)
    events = []
    for slide in shown:
        entry: dict = {
            "unique_id": slide.unique_id,
            "start_date": slide.start.as_json(),
            "display_date": slide.display_date,
            "text": {"headline": esc(slide.headline), "text": slide.text},
            "group": slide.group,
        }
        if slide.end is not None:
            entry["end_date"] = slide.end.as_json()
        if slide.background:
            entry["background"] = {"color": slide.background}
        events.append(entry)
    document = {
        "title": {"text": {"headline": esc(story), "text": _title_text(len(shown))}},
        "events": events,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", left_out


def _title_text(count: int) -> str:
    return f"<p>{count} dated rounds and events, each with its sources.</p>"
