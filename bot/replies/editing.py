"""/fix, /hide, /verify and /undo: editors correct the timeline, each answered before → after.

Every command checks, against the editors' table, that the asker may correct; anyone
else is refused in one line and nothing changes.  A correction is a row of its own
(`bot.corrections.store`), never an edit of what the extractor read.
"""

from __future__ import annotations

import re
from typing import get_args

from sqlmodel import Session

from bot.corrections import store
from bot.corrections.items import FIELDS_OF, USAGE_OF, Item, field_text, find_item
from bot.corrections.merges import SPLIT
from bot.corrections.roles import may_correct, who_asks
from bot.corrections.splits import undo_split
from bot.dates import read_date
from bot.ids import LETTERS
from bot.ingest.model import EventStatus
from bot.render import bold, code, esc, italic
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.lookup import lookup_entity
from bot.replies.reply import Asker, Reply
from bot.store.models import Correction

REFUSED = (
    "Only editors can correct the timeline, and nothing was changed. "
    "An admin can appoint you with /editor add."
)
MAX_VALUE = 120
STATUSES = get_args(EventStatus)
_SINCE = re.compile(r"\s+since\s+(?P<when>.+)$", re.IGNORECASE)
_CORRECTION_ID = re.compile(r"^#?c(\d{1,9})$", re.IGNORECASE)


def refused() -> Reply:
    return Reply.text(REFUSED)


def _usage(shape: str, example: str) -> Reply:
    return Reply.text(f"Usage: {code(shape)}, e.g. {code(example)}")


def one_item(
    session: Session, args: str, asker: Asker, shape: str, example: str
) -> Item | Reply:
    """The item a one-id editor's command ("/verify #r12") names, or the reply that says
    why there is none: not an editor, no single id, no such item."""
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    if not args or " " in args:
        return _usage(shape, example)
    item = find_item(session, args)
    return Reply.text(esc(item)) if isinstance(item, str) else item


def fix_command(session: Session, args: str, asker: Asker) -> Reply:
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    words = args.split(" ", 2)
    if len(words) < 3 or len(args) > MAX_ARGS:
        return _usage("/fix #ID FIELD VALUE", "/fix #r12 status agreement")
    item = find_item(session, words[0])
    if isinstance(item, str):
        return Reply.text(esc(item))
    field, value = words[1].lower(), words[2].strip()
    if field not in FIELDS_OF[item.letter]:
        fields = ", ".join(FIELDS_OF[item.letter]) or "none: hide or verify it instead"
        return Reply.text(esc(f"A {LETTERS[item.letter]} has no field “{field[:20]}”; "
                              f"its fields: {fields}."))
    if len(value) > MAX_VALUE:
        return Reply.text(f"That {esc(field)} is too long: at most {MAX_VALUE} characters.")
    parsed = _read_value(session, item, field, value, asker)
    if isinstance(parsed, str):
        return Reply.text(esc(parsed))
    stored, after = parsed
    return _record(session, item, field, stored, after, None, asker)


def _read_value(
    session: Session, item: Item, field: str, value: str, asker: Asker
) -> tuple[dict, str] | str:
    """What the editor typed, as stored and as shown; or one line saying what is wrong."""
    if field == "status":
        word = value.lower()
        if word not in STATUSES:
            return f"A status is one of: {', '.join(STATUSES)}."
        return {"status": word}, word
    if field == "title":
        return {field: value}, value
    if field == "place":
        place = lookup_entity(session, value, ("place",))
        if place.found and not place.corrected:
            return {"name": place.best.name, "place_id": place.best.entity_id}, place.best.name
        return {"name": value, "place_id": None}, value
    if field == "dates":
        reading = read_date(value, asker.now)
        if reading is None:
            return f"I cannot read “{value[:40]}” as a date; try 28 Jul 2024 or 2024-07-28."
        from bot.replies.lines import when_text

        stored = {"start": reading.start.isoformat(), "end": reading.end.isoformat(),
                  "granularity": reading.granularity}
        return stored, when_text(reading.start, reading.end, reading.granularity) or value
    if field == "role":
        return _read_role(value, asker)
    known = [r.role for r in item.person.roles if not r.by_editor] if item.person else []
    match = next((r for r in known if r.lower() == value.lower()), None)
    if match is None:
        listed = "; ".join(dict.fromkeys(known)) or "none"
        return f"{item.typed} has no extracted role “{value[:40]}”. Its roles: {listed}."
    return {"role": match}, "hidden"


def _read_role(value: str, asker: Asker) -> tuple[dict, str] | str:
    """ "Prime Minister, Qatar since 7 Mar 2023": the title, its affiliation, its start."""
    since = None
    found = _SINCE.search(value)
    if found:
        reading = read_date(found["when"], asker.now)
        if reading is None:
            return f"I cannot read “{found['when'][:40]}” as a date; try since 7 Mar 2023."
        since, value = reading.start, value[: found.start()]
    title, _, affiliation = (part.strip() for part in value.partition(","))
    if not title:
        return "Give the role's title, e.g. role Prime Minister, Qatar."
    stored = {"role": title, "affiliation": affiliation or None,
              "since": since.isoformat() if since else None}
    shown = title + (f", {affiliation}" if affiliation else "")
    if since:
        from bot.replies.lines import day_text

        shown += f" since {day_text(since)}"
    return stored, shown


def _record(
    session: Session, item: Item, field: str, value: dict, after: str, reason: str | None,
    asker: Asker,
) -> Reply:
    before = value["role"] if field == "unrole" else field_text(item, field)
    row = store.record(
        session, target=(item.letter, item.number), field=field, value=value, before=before,
        after=after, reason=reason, by=asker.user_id, by_name=who_asks(asker), now=asker.now,
    )
    return Reply.text(done_line(row, item.name))


def done_line(row: Correction, name: str) -> str:
    """ "c17 · r12 Cairo · status: ongoing → agreement"."""
    what = f"{row.target_kind}{row.target_id}"
    line = (f"{bold(f'c{row.id}')} · {esc(what)} {esc(name)} · {esc(row.field)}: "
            f"{esc(row.before)} → {esc(row.after)}")
    if row.reason:
        line += " " + italic(f"({row.reason})")
    return line + "\n" + italic("Undo with /undo.")


def hide_command(session: Session, args: str, asker: Asker) -> Reply:
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    if not args or len(args) > MAX_ARGS:
        return _usage("/hide #ID [reason]", "/hide #r13 not a round")
    target, _, reason = args.partition(" ")
    item = find_item(session, target)
    if isinstance(item, str):
        return Reply.text(esc(item))
    if item.hidden:
        return Reply.text(
            f"{esc(item.typed)} is hidden already; see /history {esc(item.typed)} to undo it."
        )
    return _record(session, item, "hide", {}, "hidden", reason.strip() or None, asker)


def verify_command(session: Session, args: str, asker: Asker) -> Reply:
    item = one_item(session, args, asker, "/verify #ID", "/verify #r12")
    if isinstance(item, Reply):
        return item
    if item.letter not in ("r", "e", "p"):
        return Reply.text("Only rounds, events and people are verified.")
    if item.verified:
        return Reply.text(f"{esc(item.typed)} is verified already.")
    return _record(session, item, "verify", {}, "✓ verified", None, asker)


def undo_command(session: Session, args: str, asker: Asker) -> Reply:
    """`/undo`: the asker's own last correction; `/undo c17`: that one (admins any)."""
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    if not args:
        row = store.last_of(session, asker.user_id)
        if row is None:
            return Reply.text("You have no correction to undo.")
    else:
        number = _CORRECTION_ID.match(args)
        if number is None:
            return _usage("/undo [c17]", "/undo c17")
        row = session.get(Correction, int(number[1]))
        if row is None:
            return Reply.text(f"There is no correction {esc(args)}; see /history #ID.")
        if row.made_by != asker.user_id and not asker.is_bot_admin:
            return Reply.text("Only admins undo other editors' corrections; nothing was changed.")
        if row.undone_at is not None:
            return Reply.text(f"c{row.id} is undone already.")
    row.undone_at, row.undone_by = asker.now, asker.user_id
    session.add(row)
    session.flush()
    if row.field == SPLIT:
        undo_split(session, row)
    what = f"{row.target_kind}{row.target_id}"
    return Reply.text(
        f"Undid {bold(f'c{row.id}')} · {esc(what)} · {esc(row.field)}: "
        f"{esc(row.after)} → {esc(row.before)}"
    )


def fix_menu(session: Session, args: str, asker: Asker) -> Reply:
    """The ✎ Fix button: the item's fields as they stand and the commands that change them."""
    from bot.replies.reply import Button

    if not may_correct(session, asker):
        return refused()
    item = find_item(session, tidy(args))
    if isinstance(item, str):
        return Reply.text(esc(item))
    lines = [bold(f"✎ Fix {item.typed}") + f" · {esc(item.name)}"]
    for field in FIELDS_OF[item.letter]:
        now = field_text(item, field)
        lines.append(f"• {esc(field)}: {esc(now)} — {code(f'/fix {item.typed} {USAGE_OF[field]}')}")
    lines.append(f"• hide: {code(f'/hide {item.typed} reason')}")
    if item.letter != "q":
        lines.append(f"• split in two: {code(f'/split {item.typed}')}")
    lines.append(f"• history: {code(f'/history {item.typed}')}")
    buttons = [[Button("History", data=f"history|{item.typed}")]]
    if item.letter != "q":
        buttons[0].append(Button("✂ Split", data=f"split|{item.typed}"))
    if not item.verified and item.letter != "q":
        buttons[0].insert(0, Button("✓ Verify", data=f"verify|{item.typed}"))
    return Reply.text("\n".join(lines), buttons=buttons)
