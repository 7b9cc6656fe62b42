"""/merge: two records are one person, place or event, answered before → after.

The record named second is merged into the first: its typed id reads as the first's
from then on, and the first gathers its spellings, roles, quotes and reports.  The merge
is a correction row (`bot.corrections.merges`), so /undo splits the records again.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.corrections import store
from bot.corrections.items import record_name
from bot.corrections.merges import MERGE, redirect
from bot.corrections.roles import may_correct, who_asks
from bot.ids import parse_typed_id
from bot.render import code, esc
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.editing import done_line, refused
from bot.replies.reply import Asker, Reply

USAGE = f"Usage: {code('/merge #KEEP #SAME')}, e.g. {code('/merge #p3 #p9')}"


def merge_command(session: Session, args: str, asker: Asker) -> Reply:
    if not may_correct(session, asker):
        return refused()
    args = tidy(args)
    words = args.split()
    if len(words) != 2 or len(args) > MAX_ARGS:
        return Reply.text(USAGE)
    typed = [parse_typed_id(word) for word in words]
    if any(t is None or t.letter not in ("p", "r", "e") for t in typed):
        return Reply.text("Give two ids of people, places, rounds or events, e.g. p3 p9.")
    (keep, same) = typed
    family = {keep.letter, same.letter}
    if len(family) == 2 and family != {"r", "e"}:
        return Reply.text("Only records of one kind are merged: people or places with people "
                          "or places, rounds and events with rounds and events.")
    kinds = ("p",) if keep.letter == "p" else store.EVENT_KINDS
    numbers = [redirect(session, kinds, keep.number), redirect(session, kinds, same.number)]
    names = [record_name(session, t.letter, n) for t, n in zip(typed, numbers, strict=True)]
    for word, name in zip(words, names, strict=True):
        if name is None:
            return Reply.text(f"There is no record {esc(word)} on record.")
    if numbers[0] == numbers[1]:
        return Reply.text(f"{esc(words[0])} and {esc(words[1])} are one record already.")
    kept, away = f"{keep.letter}{numbers[0]}", f"{same.letter}{numbers[1]}"
    row = store.record(
        session, target=(same.letter, numbers[1]), field=MERGE, value={"into": numbers[0]},
        before=f"{away} {names[1]}", after=f"one with {kept} {names[0]}", reason=None,
        by=asker.user_id, by_name=who_asks(asker), now=asker.now,
    )
    return Reply.text(done_line(row, names[1]))

