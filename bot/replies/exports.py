"""/export and /chart: the timeline as a file or a picture, for everyone.

The renderers live in bot/export/; this module only picks one from the arguments and
wraps its output as a `Reply` with an `Attachment`, so the Telegram handlers, the
console and the command line all send the same files.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.config import get_settings
from bot.dates import read_date
from bot.export.formats import FORMATS, export_file
from bot.export.selection import Selection
from bot.export.timeline_json import timeline_items
from bot.render import code, esc, shorten
from bot.replies.arguments import MAX_ARGS, tidy, too_long
from bot.replies.lines import excerpt, when_text
from bot.replies.reply import Asker, Attachment, Reply

DEFAULT_FORMAT = "csv"
CHART_TITLE_CHARS = 80


def export_command(session: Session, args: str, asker: Asker) -> Reply:
    name = tidy(args).lower() or DEFAULT_FORMAT
    if name not in FORMATS:
        return Reply.text(
            f"I cannot export “{excerpt(args)}”. Usage: {code('/export [csv|timelinejs|ics|json]')}"
            f"; csv is TimelineJS's sheet, ics a calendar."
        )
    story = get_settings().story
    written = export_file(session, name, story=story, now=asker.now)
    attachment = Attachment(
        "document", written.file_name, written.media_type, written.content,
        f"timeline-bot export --format {name} --output {written.file_name}",
    )
    return Reply.file(esc(written.note()), attachment)


def chart_command(session: Session, args: str, asker: Asker) -> Reply:
    from bot.export.chart import NothingToDraw, draw_chart

    args = tidy(args)
    if len(args) > MAX_ARGS:
        return too_long("chart", args, "2025")
    selection, span, when = None, None, None
    if args:
        reading = read_date(args, asker.now)
        if reading is None:
            return Reply.text(
                f"I could not read “{excerpt(args)}” as a date. Usage: {code('/chart [span]')}, "
                f"e.g. {code('/chart 2025')} or {code('/chart Jul 2025')}."
            )
        span = (reading.start, reading.end)
        selection = Selection(since=reading.start, until=reading.end)
        when = when_text(reading.start, reading.end, reading.granularity)
    title = shorten(f"Rounds of {get_settings().story}", CHART_TITLE_CHARS)
    try:
        chart = draw_chart(timeline_items(session, selection), title=title, span=span)
    except NothingToDraw:
        where = f" for {esc(when)}" if when else ""
        return Reply.text(f"No dated round, proposal or agreement is on record{where}. "
                          "See /rounds for what is.")
    command = "timeline-bot chart --output chart.png"
    if span is not None:
        command = (f"timeline-bot chart --since {span[0].isoformat()} "
                   f"--until {span[1].isoformat()} --output chart.png")
    attachment = Attachment("photo", "chart.png", "image/png", chart.png, command)
    return Reply.file(esc(chart.caption), attachment)
