"""/split: one record is two.  The editor ticks, with buttons, what goes to the new record.

`/split #p3` answers with a menu: the records merged into p3 by /merge, its spellings and
its sources, each a button that ticks or unticks it (✓), then ✂ Split and Cancel.  The
buttons carry the ticks themselves, as a bit mask with a fingerprint of the menu
("split|p3 t5.3fa9c1"), so the menu holds no state anywhere and a tick made on a menu
the record has outgrown is refused rather than misread.
"""

from __future__ import annotations

import json
import re

from sqlmodel import Session

from bot.corrections import store
from bot.corrections.items import record_name
from bot.corrections.merges import redirect
from bot.corrections.roles import may_correct, who_asks
from bot.corrections.splits import MERGED, SOURCE, SPELLING, Option, Splittable, make_split
from bot.corrections.splits import splittable as splittable_record
from bot.ids import parse_typed_id
from bot.render import bold, code, esc, italic, shorten
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.editing import done_line, refused
from bot.replies.lines import day_text
from bot.replies.reply import Asker, Button, Reply
from bot.store.models import Correction

USAGE = f"Usage: {code('/split #ID')}, e.g. {code('/split #p3')}"
CANCEL = "x"
_STATE = re.compile(r"^(?P<verb>[ts])(?P<mask>[0-9a-f]{1,8})\.(?P<fingerprint>[0-9a-f]{6})$")
_LABEL_CHARS = 40
_WHAT = {"p": "record", "r": "round", "e": "event"}


def split_record(session: Session, args: str, asker: Asker) -> Reply:
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    words = args.split()
    if not 1 <= len(words) <= 2 or len(args) > MAX_ARGS:
        return Reply.text(USAGE)
    typed = parse_typed_id(words[0])
    if typed is None or typed.letter not in ("p", "r", "e"):
        return Reply.text(f"Give the id of a person, place, round or event. {USAGE}")
    kinds = ("p",) if typed.letter == "p" else store.EVENT_KINDS
    number = redirect(session, kinds, typed.number)
    name = record_name(session, typed.letter, number)
    if name is None:
        return Reply.text(f"There is no {esc(words[0])} on record.")
    record = splittable_record(session, typed.letter, number, name)
    if len(words) == 1:
        return _opened(record, merged_away=typed.number)
    if words[1] == CANCEL:
        return Reply.text("Nothing was split.")
    state = _STATE.match(words[1])
    if state is None or int(state["mask"], 16) >> len(record.options):
        return Reply.text(USAGE)
    if state["fingerprint"] != record.fingerprint:
        return Reply.text(
            f"{esc(record.typed)} has changed since this menu was sent; nothing was split.",
            buttons=[[Button("Open it again", data=f"split|{record.typed}")]],
        )
    mask = int(state["mask"], 16)
    if state["verb"] == "t":
        return _menu(record, mask)
    picked = [o for i, o in enumerate(record.options) if mask >> i & 1]
    made = make_split(session, record, picked, by=asker.user_id, by_name=who_asks(asker),
                      now=asker.now)
    if isinstance(made, str):
        return _menu(record, mask, note=made)
    return _done(session, made, record)


def _opened(record: Splittable, *, merged_away: int) -> Reply:
    """The menu as first sent; `/split #p9` for a p9 merged into p3 opens p3's with p9
    ticked."""
    if not _has_two(record):
        return Reply.text(
            f"{esc(record.typed)} {esc(record.name)} has nothing to split: "
            + ("one spelling, and no record merged into it."
               if record.letter == "p" else "one report, and no record merged into it.")
        )
    ticked = [i for i, o in enumerate(record.options)
              if o.record is not None and o.record[1] == merged_away]
    return _menu(record, sum(1 << i for i in ticked))


def _has_two(record: Splittable) -> bool:
    if record.of(MERGED):
        return True
    if record.letter == "p":
        return len(record.of(SPELLING)) > 1
    return len(record.of(SOURCE)) + record.more_sources > 1


def _menu(record: Splittable, mask: int, *, note: str | None = None) -> Reply:
    what = _WHAT[record.letter]
    lines = [bold(f"✂ Split {record.typed}") + f" · {esc(record.name)}",
             f"Tick what goes to the new {what}, then press ✂ Split."]
    if record.of(MERGED):
        lines.append("• A record merged in with /merge comes back as itself, with its id.")
    if record.of(SPELLING):
        lines.append("• Spellings: the topmost one ticked names the new record, and later "
                     "reports that use a ticked spelling are of it.")
    if record.of(SOURCE):
        told = "what the ticked articles said of " if record.letter == "p" else \
            "the reports of the ticked articles on "
        lines.append(f"• Sources: the new {what} takes {told}{esc(record.typed)}.")
    if record.more_sources:
        lines.append(italic(f"Only the newest sources are listed; {record.more_sources} "
                            f"older ones stay with {record.typed}."))
    ticked = [o for i, o in enumerate(record.options) if mask >> i & 1]
    lines.append("Ticked: " + (esc("; ".join(_label(o) for o in ticked)) if ticked
                               else "nothing yet."))
    if note:
        lines.append(italic(note))
    return Reply.text("\n".join(lines), buttons=_buttons(record, mask), toast=note)


def _buttons(record: Splittable, mask: int) -> list[list[Button]]:
    fingerprint = record.fingerprint
    rows: list[list[Button]] = []
    for group, per_row in ((MERGED, 1), (SPELLING, 2), (SOURCE, 2)):
        row: list[Button] = []
        for i, option in enumerate(record.options):
            if option.group != group:
                continue
            tick = "✓ " if mask >> i & 1 else ""
            data = f"split|{record.typed} t{mask ^ (1 << i):x}.{fingerprint}"
            row.append(Button(tick + _label(option), data=data))
            if len(row) == per_row:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
    rows.append([Button("✂ Split", data=f"split|{record.typed} s{mask:x}.{fingerprint}"),
                 Button("Cancel", data=f"split|{record.typed} {CANCEL}")])
    return rows


def _label(option: Option) -> str:
    if option.group == MERGED:
        return shorten(f"{option.text} (merged)", _LABEL_CHARS)
    if option.group == SOURCE and option.day is not None:
        return shorten(f"{option.text} · {day_text(option.day)}", _LABEL_CHARS)
    return shorten(option.text, _LABEL_CHARS)


def _done(session: Session, row: Correction, record: Splittable) -> Reply:
    """Before → after, and a button to open each record as it now stands."""
    value = json.loads(row.value)
    opened = [(record.letter, record.number)]
    if value["new"] is not None:
        opened.append((record.letter, value["new"]))
    for merge in value["unmerged"]:
        merged = session.get(Correction, merge)
        if merged is not None:
            opened.append((merged.target_kind, merged.target_id))
    buttons = [[
        Button(shorten(f"{letter}{number} {record_name(session, letter, number) or ''}",
                       _LABEL_CHARS), data=f"show|{letter}{number}")
        for letter, number in opened
    ]]
    return Reply.text(done_line(row, record.name), buttons=buttons)
