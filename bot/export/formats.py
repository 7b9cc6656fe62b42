"""One entry to every export: a format's name in, a file out, with what was left out.

`timeline-bot export` and the chat's /export both call `export_file`, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.export.selection import Selection
from bot.export.timeline_json import dumps, export_timeline, timeline_items

FORMATS = ("json", "csv", "timelinejs", "ics")
_FILES = {
    "json": ("timeline.json", "application/json"),
    "csv": ("timeline.csv", "text/csv"),
    "timelinejs": ("timeline-timelinejs.json", "application/json"),
    "ics": ("timeline.ics", "text/calendar"),
}
_LEFT_OUT_WHY = {
    "csv": "undated",
    "timelinejs": "undated",
    "ics": "not known to the day (only to the week, month or year, or undated)",
}


class UnknownFormat(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown export format '{name}': the formats are {', '.join(FORMATS)}.")


@dataclass(frozen=True)
class ExportFile:
    format: str
    file_name: str
    media_type: str
    content: bytes
    items: int  # rounds and events written
    left_out: int  # rounds and events the format had no place for

    def note(self) -> str:
        """ "14 rounds and events; 3 known only to the month were left out." """
        noun = "round or event" if self.items == 1 else "rounds and events"
        text = f"{self.items} {noun} in {self.file_name}"
        if self.left_out:
            verb = "was" if self.left_out == 1 else "were"
            text += f"; {self.left_out} {_LEFT_OUT_WHY[self.format]} {verb} left out"
        return text + "."


def export_file(
    session: Session,
    format: str,
    *,
    story: str,
    now: datetime,
    selection: Selection | None = None,
    include_hidden: bool = False,
) -> ExportFile:
    name = format.strip().lower()
    if name not in FORMATS:
        raise UnknownFormat(format)
    file_name, media_type = _FILES[name]
    if name == "json":
        document = export_timeline(session, story=story, now=now, selection=selection,
                                   include_hidden=include_hidden)
        items = len(document["rounds"]) + len(document["events"])
        return ExportFile(name, file_name, media_type, dumps(document).encode(), items, 0)
    items = timeline_items(session, selection, include_hidden=include_hidden)
    if name == "ics":
        from bot.export.calendar import timeline_ics

        content, left_out = timeline_ics(items, story=story, now=now)
    else:
        from bot.export.timelinejs import sheet_csv, timelinejs_json

        render = sheet_csv if name == "csv" else timelinejs_json
        text, left_out = render(items, story=story)
        content = text.encode()
    return ExportFile(name, file_name, media_type, content, len(items) - left_out, left_out)
