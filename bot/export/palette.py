"""One colour per round status, shared by the chart and the TimelineJS slides.

The Okabe–Ito palette: told apart by readers with any common colour-vision deficiency.
"""

from __future__ import annotations

STATUS_COLOURS: dict[str, str] = {
    "scheduled": "#56B4E9",
    "ongoing": "#E69F00",
    "concluded": "#0072B2",
    "agreement": "#009E73",
    "collapsed": "#D55E00",
}
NO_STATUS = "#999999"
NO_STATUS_LABEL = "status not reported"


def status_colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status or "", NO_STATUS)
