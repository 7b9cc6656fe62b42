"""/history and /show: what editors changed on an item, and any item by its id.

Editors only: history names who corrected what, and /show opens hidden items too.
A report that disagrees with a correction in force is flagged here: the correction
stands, and the report stays on record as its source's claim.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.corrections import store
from bot.corrections.items import Item
from bot.render import bold, esc, italic
from bot.replies.editing import one_item
from bot.replies.lines import day_text, event_line, quote_line, source_html, when_text
from bot.replies.reply import Asker, Button, Reply
from bot.store.models import Correction


def history_command(session: Session, args: str, asker: Asker) -> Reply:
    item = one_item(session, args, asker, "/history #ID", "/history #r12")
    if isinstance(item, Reply):
        return item
    rows = store.history(session, item.letter, item.number)
    lines = [bold(f"Corrections of {item.typed}") + f" · {esc(item.name)}"]
    if not rows:
        lines.append(italic("None: this is as the extractor read it."))
    lines += [history_line(row) for row in rows]
    flags = disagreeing_reports(item, rows)
    if flags:
        lines += ["", bold("Later reports that disagree (the correction stands)"), *flags]
    return Reply.text("\n".join(lines))


def history_line(row: Correction) -> str:
    """ "c17 · Tue 7 Oct 2025 · Dana: status ongoing → agreement (why) · undone"."""
    line = (f"• {bold(f'c{row.id}')} · {esc(day_text(row.made_at))} · {esc(row.made_by_name)}: "
            f"{esc(row.field)} {esc(row.before)} → {esc(row.after)}")
    if row.reason:
        line += " " + italic(f"({row.reason})")
    if row.undone_at is not None:
        line += " · " + italic(f"undone {day_text(row.undone_at)}")
    return line


def disagreeing_reports(item: Item, rows: list[Correction]) -> list[str]:
    """⚑ lines for reports whose status or dates differ from a correction in force."""
    event = item.event
    if event is None:
        return []
    in_force = {row.field for row in rows if row.undone_at is None}
    flags = []
    for source in event.sources:
        said = []
        if "status" in in_force and source.status and source.status != event.status:
            said.append(f"status {source.status}")
        if ("dates" in in_force and source.start is not None and event.start is not None
                and not (event.start <= source.start <= (event.end or event.start))):
            said.append("dates " + (when_text(source.start, source.end, "day") or ""))
        if said:
            flags.append(f"⚑ {source_html(source)} says {esc('; '.join(said))}")
    return flags


def show_command(session: Session, args: str, asker: Asker) -> Reply:
    """Any item by its id, hidden ones too, with its ✎ Fix button."""
    item = one_item(session, args, asker, "/show #ID", "/show #p7")
    if isinstance(item, Reply):
        return item
    return Reply.text(item_html(session, item), buttons=[fix_button(item.typed)])


def item_html(session: Session, item: Item) -> str:
    from bot.replies.profiles import profile_html
    from bot.replies.rounds import round_in_full

    if item.event is not None:
        if item.letter == "r":
            return round_in_full(session, item.event)
        return event_line(item.event)
    if item.person is not None:
        return profile_html(item.person)
    return quote_line(item.quote) if item.quote is not None else esc(item.typed)


def fix_button(typed: str) -> list[Button]:
    return [Button("✎ Fix", data=f"fixmenu|{typed}")]
