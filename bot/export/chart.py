"""The timeline as a picture: rounds by venue and status, proposals and agreements marked.

Drawn with matplotlib's Agg canvas (no pyplot, no display, safe in a worker thread) and
imported only when a chart is asked for.  It is read on a phone: large type, one colour
per status (bot/export/palette.py), a legend, and hatching for a round whose dates are
known only to the month.  The PNG keeps within what Telegram accepts as a photo.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from bot.dates.model import coarseness
from bot.export.palette import NO_STATUS, NO_STATUS_LABEL, STATUS_COLOURS, status_colour
from bot.export.timeline_json import TimelineItem
from bot.replies.lines import when_text

DEFAULT_SIZE = (1600, 900)
DPI = 100
# What Telegram takes as a photo (sendPhoto); anything else must go as a document.
PHOTO_MAX_BYTES = 10 * 1000 * 1000
PHOTO_MAX_SIDES = 10_000  # width + height
PHOTO_MAX_RATIO = 20
MAX_VENUES = 10
OTHER_PLACES = "other places"
NO_PLACE = "place not reported"
MARKS_ROW = "proposals & agreements"
MARKS = {"proposal": ("^", "proposal"), "agreement": ("*", "agreement")}


class NothingToDraw(ValueError):
    """No dated round, proposal or agreement in the span asked for."""


@dataclass(frozen=True)
class Chart:
    png: bytes
    width: int
    height: int
    caption: str  # plain text; the adapters escape it
    rounds: int
    marks: int


def photo_problem(width: int, height: int, size: int) -> str | None:
    """Why Telegram would refuse this picture as a photo, or None."""
    if size >= PHOTO_MAX_BYTES:
        return f"the picture is {size:,} bytes; a photo is under {PHOTO_MAX_BYTES:,}"
    if width + height > PHOTO_MAX_SIDES:
        return f"{width}×{height} is too large; width and height add up to {PHOTO_MAX_SIDES:,}"
    if max(width, height) > PHOTO_MAX_RATIO * min(width, height):
        return f"{width}×{height} is too narrow; a photo is at most {PHOTO_MAX_RATIO}:1"
    return None


def draw_chart(
    items: list[TimelineItem],
    *,
    title: str,
    span: tuple[date, date] | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> Chart:
    """The picture of these items (a `NothingToDraw` when none is a dated round or mark)."""
    problem = photo_problem(size[0], size[1], 0)
    if problem is not None:
        raise ValueError(problem)
    rounds = [i.event for i in items if i.event.kind == "round" and i.event.start is not None]
    marks = [i.event for i in items if i.event.kind in MARKS and i.event.start is not None]
    if not rounds and not marks:
        raise NothingToDraw(title)
    venues = _venue_rows(rounds)
    rows = ([MARKS_ROW] if marks else []) + venues
    png = _render(rounds, marks, rows, title=title, span=span, size=size)
    caption = _caption(rounds, marks, venues, title=title, span=span)
    return Chart(png, size[0], size[1], caption, len(rounds), len(marks))


def _venue(event) -> str:
    return event.place or NO_PLACE


def _venue_rows(rounds: list) -> list[str]:
    """The places with most rounds, each once, in the order of their first round."""
    counts = Counter(_venue(e) for e in rounds)
    kept = set(counts)
    if len(counts) > MAX_VENUES:  # the rest share one row
        kept = {v for v, _ in counts.most_common(MAX_VENUES - 1)}
    order = list(dict.fromkeys(_venue(e) for e in sorted(rounds, key=lambda e: e.start)))
    rows = [v for v in order if v in kept]
    if len(counts) > len(kept):
        rows.append(OTHER_PLACES)
    return rows


def _row_of(event, rows: list[str]) -> int:
    venue = _venue(event)
    return rows.index(venue) if venue in rows else rows.index(OTHER_PLACES)


def _render(rounds, marks, rows, *, title, span, size) -> bytes:
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    figure = Figure(figsize=(size[0] / DPI, size[1] / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.2, 0.2, 0.77, 0.7))
    base = 18 * min(size[0] / DEFAULT_SIZE[0], size[1] / DEFAULT_SIZE[1]) ** 0.5
    first, last = _x_span(rounds, marks, span)
    # A one-day round in a two-year chart would be a hairline: never thinner than 1/100.
    thinnest = max((last - first).days / 100, 1)
    for event in rounds:
        start = event.start
        end = (event.end or start) + timedelta(days=1)
        vague = coarseness(event.granularity) > coarseness("week")
        axes.barh(
            _row_of(event, rows),
            width=max((end - start).days, thinnest),
            left=mdates.date2num(start),
            height=0.6,
            color=status_colour(event.status),
            alpha=0.45 if vague else 1.0,
            hatch="//" if vague else None,
            edgecolor="#333333",
            linewidth=1.2,
        )
    for event in marks:
        marker, _ = MARKS[event.kind]
        axes.plot(
            mdates.date2num(event.start), rows.index(MARKS_ROW), marker=marker, markersize=22,
            color="#333333" if event.kind == "proposal" else "#009E73",
            markeredgecolor="#111111", linestyle="none", clip_on=False,
        )
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=base)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.xaxis_date()
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.tick_params(axis="x", labelsize=base)
    axes.set_xlim(mdates.date2num(first), mdates.date2num(last))
    axes.grid(axis="x", color="#dddddd")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(title, fontsize=base * 1.45, loc="left", pad=16, fontweight="bold")
    statuses = {e.status for e in rounds}
    handles = [
        Patch(facecolor=colour, edgecolor="#333333", label=status)
        for status, colour in STATUS_COLOURS.items() if status in statuses
    ]
    if None in statuses:
        handles.append(Patch(facecolor=NO_STATUS, edgecolor="#333333", label=NO_STATUS_LABEL))
    if any(coarseness(e.granularity) > coarseness("week") for e in rounds):
        handles.append(Patch(facecolor="#ffffff", edgecolor="#333333", hatch="//",
                             label="dates known only roughly"))
    for kind, (marker, label) in MARKS.items():
        if any(e.kind == kind for e in marks):
            handles.append(Line2D([], [], marker=marker, linestyle="none", markersize=18,
                                  color="#333333" if kind == "proposal" else "#009E73",
                                  label=label))
    figure.legend(handles=handles, loc="lower center", ncols=min(len(handles), 4),
                  fontsize=base * 0.95, frameon=False, bbox_to_anchor=(0.5, 0.01))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _x_span(rounds, marks, span) -> tuple[date, date]:
    if span is not None:
        return span[0], span[1] + timedelta(days=1)
    starts = [e.start for e in (*rounds, *marks)]
    ends = [(e.end or e.start) + timedelta(days=1) for e in (*rounds, *marks)]
    first, last = min(starts), max(ends)
    pad = max((last - first).days // 20, 3)
    return first - timedelta(days=pad), last + timedelta(days=pad)


def _caption(rounds, marks, venues, *, title, span) -> str:
    when = when_text(span[0], span[1], "day") if span else None
    places = len({_venue(e) for e in rounds})
    parts = [f"{title}" + (f", {when}" if when else "") + ":"]
    counted = f"{len(rounds)} round" + ("" if len(rounds) == 1 else "s")
    counted += f" in {places} place" + ("" if places == 1 else "s")
    for kind in MARKS:
        n = sum(e.kind == kind for e in marks)
        if n:
            counted += f", {n} {kind}" + ("" if n == 1 else "s")
    parts.append(counted + ".")
    if len(venues) and venues[-1] == OTHER_PLACES:
        parts.append(f"The {MAX_VENUES - 1} busiest places have a row each.")
    parts.append("Colour: the round's last reported status; hatched: dates known only roughly.")
    return " ".join(parts)
