"""The timeline as an iCalendar file (RFC 5545), written with the `icalendar` package.

Rounds and dated events are all-day events spanning their dates (DTEND is the day after
the last, as the standard wants), and the UID is the item's id, so a calendar that
imports the file again updates its entries instead of doubling them.  An item known only
to the week, month or year has no day to put in a calendar: it is left out and counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.export.timeline_json import TimelineItem
from bot.timeline.corroboration import corroboration

PRODUCT = "-//Timeline Bot//timeline export//EN"


def timeline_ics(
    items: list[TimelineItem], *, story: str, now: datetime
) -> tuple[bytes, int]:
    """The calendar, and how many items were left out for want of a day."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", story)
    left_out = 0
    for item in sorted(items, key=lambda i: (i.event.start is None, i.event.start, i.event.id)):
        event = item.event
        if event.start is None or (event.granularity or "day") != "day":
            left_out += 1
            continue
        entry = Event()
        entry.add("uid", item.typed_id)
        entry.add("dtstamp", now)
        entry.add("dtstart", event.start)
        entry.add("dtend", (event.end or event.start) + timedelta(days=1))
        entry.add("summary", _summary(item))
        entry.add("description", _description(item))
        entry.add("categories", [event.kind])
        if event.place:
            entry.add("location", event.place)
        first = min(event.sources, key=lambda s: (s.published, s.article_id), default=None)
        if first is not None and first.url:
            entry.add("url", first.url)
        calendar.add_component(entry)
    return calendar.to_ical(), left_out


def _summary(item: TimelineItem) -> str:
    event = item.event
    title = event.title
    if event.place and event.place.lower() not in title.lower():
        title = f"{title} ({event.place})"
    return f"{title}: {event.status}" if event.status else title


def _description(item: TimelineItem) -> str:
    event = item.event
    lines = [event.summary.strip()] if event.summary.strip() else []
    reports = corroboration(event.sources).text()
    if reports:
        lines.append(f"Reported by {reports}.")
    if event.unconfirmed:
        lines.append("Unconfirmed: rests on one weak cue.")
    seen: dict[int, str] = {}
    for source in sorted(event.sources, key=lambda s: (s.published, s.article_id)):
        seen.setdefault(
            source.article_id,
            f"{source.outlet}, {source.published.date().isoformat()}"
            + (f": {source.url}" if source.url else ""),
        )
    lines += [f"Source: {s}" for s in seen.values()]
    return "\n".join(lines)
