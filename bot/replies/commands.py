"""The core: a command, its arguments and who asks, in; a `Reply` out.  No Telegram here.

The PTB handlers, the console chat, `timeline-bot ask` and the digest all call
`answer`, `answer_text` and `answer_callback`, so they always agree.  Callback
data is either page data ("pg|<page>|<command args>", see reply.py) or a
command to run ("who|#12"), both at most 64 bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session

from bot.corrections.roles import sees_ids
from bot.ids import parse_typed_id
from bot.render import callback_data_fits, code, esc
from bot.replies.about import help_command, sources_command
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.developments import latest, on, search_command
from bot.replies.editing import fix_command, fix_menu, hide_command, undo_command, verify_command
from bot.replies.editors import editor_command
from bot.replies.exports import chart_command, export_command
from bot.replies.feeds import (
    addfeed_command,
    enablefeed_command,
    feeds_command,
    removefeed_command,
)
from bot.replies.history import history_command, show_command
from bot.replies.inline import InlineCard, inline_cards
from bot.replies.lines import excerpt
from bot.replies.lookup import lookup_entity
from bot.replies.merging import merge_command
from bot.replies.profiles import find_person_or_group, quotes, who
from bot.replies.reply import Asker, Button, Reply, parse_page_data
from bot.replies.rounds import PLACES, round_command, rounds_command
from bot.replies.splitting import split_record
from bot.replies.upload import ingest_pasted, ingest_upload, parse_caption
from bot.replies.viewer import viewing

Handler = Callable[[Session, str, Asker], Reply]

COMMANDS: list[tuple[str, str]] = [
    ("latest", "Newest developments, dated and sourced"),
    ("round", "Rounds by place or date, e.g. /round Cairo"),
    ("rounds", "Every negotiation round in order"),
    ("who", "A person's profile, roles, rounds and quotes"),
    ("quotes", "Quotes by a person or on a topic"),
    ("on", "What happened on a date or in a period"),
    ("search", "Full-text search over events and quotes"),
    ("sources", "The articles the timeline is built from"),
    ("export", "The timeline as a file: csv, timelinejs, ics or json"),
    ("chart", "The rounds as a picture, e.g. /chart 2025"),
    ("subscribe", "Daily digest at your time, e.g. /subscribe 07:30 London"),
    ("unsubscribe", "Stop the daily digest"),
    ("settings", "Your digest time, zone and filter"),
    ("digest", "Preview your digest now"),
    ("help", "What I know and how to ask"),
]
GROUP_COMMANDS: list[tuple[str, str]] = [c for c in COMMANDS if c[0] != "digest"]
DIGEST_COMMANDS = {
    "subscribe": "subscribe",
    "unsubscribe": "unsubscribe",
    "settings": "show_settings",
    "digest": "preview",
}
# Words people type for our commands; each maps to the command it means.
_SYNONYMS = {
    "start": "help",
    "quote": "quotes",
    "find": "search",
    "source": "sources",
    "articles": "sources",
    "news": "latest",
    "profile": "who",
    "when": "on",
    "date": "on",
    "talks": "rounds",
}
EXPIRED = "This button no longer works; send the command again."
# Commands no button may run: an upload, and files that a pressed message cannot become.
NOT_FROM_BUTTONS = frozenset({"ingest", "export", "chart"})


@dataclass(frozen=True)
class CallbackAnswer:
    reply: Reply | None  # the answer to show in place of the pressed message; None: nothing new
    page: int = 0
    toast: str | None = None  # a short notice shown over the chat


def _digest(name: str) -> Handler:
    def run(session: Session, args: str, asker: Asker) -> Reply:
        # Imported here: the digest package is optional for the core and heavy to import.
        try:
            from bot.digest import commands as digest_commands
        except ImportError:
            return Reply.text("Daily digests are not available on this server yet.")
        return getattr(digest_commands, DIGEST_COMMANDS[name])(session, args, asker)

    return run


def _ingest(session: Session, args: str, asker: Asker) -> Reply:
    return ingest_pasted(session.get_bind(), args, asker)


HANDLERS: dict[str, Handler] = {
    "start": help_command,
    "help": help_command,
    "latest": latest,
    "round": round_command,
    "rounds": rounds_command,
    "who": who,
    "quotes": quotes,
    "on": on,
    "search": search_command,
    "sources": sources_command,
    "export": export_command,
    "chart": chart_command,
    "ingest": _ingest,
    "feeds": feeds_command,
    "addfeed": addfeed_command,
    "removefeed": removefeed_command,
    "enablefeed": enablefeed_command,
    **{name: _digest(name) for name in DIGEST_COMMANDS},
    # Editors' and admins' commands: each checks who asks (bot.corrections.roles).
    "fix": fix_command,
    "hide": hide_command,
    "merge": merge_command,
    "split": split_record,
    "verify": verify_command,
    "undo": undo_command,
    "history": history_command,
    "show": show_command,
    "editor": editor_command,
    "fixmenu": fix_menu,
}
# Not in the menus everyone sees: only editors and admins may use them.
EDITOR_COMMANDS = ("fix", "merge", "split", "hide", "verify", "undo", "history", "show", "editor")


def answer(session: Session, command: str, args: str, asker: Asker) -> Reply:
    """The reply to "/command args"; an unknown command gets a hint with a guess."""
    name = command.lower().lstrip("/").split("@", 1)[0]
    handler = HANDLERS.get(name)
    if handler is None:
        return _unknown_command(name, args)
    with viewing(editor=sees_ids(asker)):
        return handler(session, args, asker)


def _unknown_command(name: str, args: str) -> Reply:
    guess = _SYNONYMS.get(name)
    if guess is None:
        names = [c for c, _ in COMMANDS]
        found = (
            process.extractOne(name, names, scorer=fuzz.ratio, score_cutoff=65) if name else None
        )
        guess = found[0] if found else None
    shown = excerpt(name) if name else ""
    if guess is None:
        return Reply.text(f"I do not know /{shown}. Send /help to see what I can answer.")
    args = tidy(args)
    data = f"{guess}|{args}"
    fits = callback_data_fits(data)
    buttons = [[Button(f"/{guess} {args}".strip()[:60], data=data)]] if fits else []
    return Reply.text(f"I do not know /{shown}. Did you mean {code('/' + guess)}?", buttons=buttons)


def answer_text(session: Session, text: str, asker: Asker) -> Reply | None:
    """Plain text: in a group, chatter (None); in private, a name, a place, or a hint."""
    if asker.in_group:
        return None
    text = tidy(text)
    if not text:
        return help_command(session, "", asker)
    if len(text) > MAX_ARGS:
        return Reply.text(
            "I answer questions as commands, e.g. /search with a few words. "
            "Admins add articles with /ingest."
        )
    with viewing(editor=sees_ids(asker)):
        return _answer_words(session, text, asker)


def _answer_words(session: Session, text: str, asker: Asker) -> Reply:
    typed = parse_typed_id(text)
    if typed is not None:
        return _by_typed_id(session, text, typed.letter, asker)
    person = find_person_or_group(session, text)
    place = lookup_entity(session, text, PLACES)
    if person.found and not (person.corrected and place.found and not place.corrected):
        return who(session, text, asker)
    if place.found:
        return round_command(session, text, asker)
    return _hint(text, person)


def _by_typed_id(session: Session, text: str, letter: str | None, asker: Asker) -> Reply:
    """ "r12" or a bare "#12" is a round (as /round takes it), "p7" a person; ids are never
    looked up as names or places."""
    if letter in (None, "r"):
        return round_command(session, text, asker)
    if letter == "p":
        return who(session, text, asker)
    return Reply.text(
        f"{esc(text)} is an id from the export. Ask with a command: "
        + ", ".join(code(c) for c in ("/round r12", "/who p7", "/search <words>"))
        + "."
    )


def _hint(text: str, person) -> Reply:
    buttons = []
    if person.close:
        buttons += [[Button(c.name, data=f"who|#{c.entity_id}")] for c in person.choices]
    if callback_data_fits(f"search|{text}"):
        buttons.append([Button(f"Search “{text[:40]}”", data=f"search|{text}")])
    lines = [f"I did not recognise “{excerpt(text)}” as a name or a place."]
    lines.append(
        "Ask with a command: "
        + ", ".join(code(c) for c in ("/who <name>", "/round <place>", "/search <words>"))
        + ", or /help."
    )
    if person.close:
        lines.append("Did you mean one of these?")
    return Reply.text("\n".join(lines), buttons=buttons)


def answer_callback(session: Session, data: str, asker: Asker) -> CallbackAnswer:
    """A button press: a page of an answer, or a command the button stands for."""
    paged = parse_page_data(data)
    if paged is not None:
        page, rerun = paged
        command, _, args = rerun.partition(" ")
        if command not in HANDLERS or command in NOT_FROM_BUTTONS:
            return CallbackAnswer(None, 0, EXPIRED)
        reply = answer(session, command, args, asker)
        if page >= len(reply.pages):
            return CallbackAnswer(
                reply, len(reply.pages) - 1, "The answer has changed; this is its last page."
            )
        return CallbackAnswer(reply, page, None)
    command, sep, args = data.partition("|")
    if not sep or command not in HANDLERS or command in NOT_FROM_BUTTONS:
        return CallbackAnswer(None, 0, EXPIRED)
    reply = answer(session, command, args, asker)
    return CallbackAnswer(reply, 0, reply.toast)


__all__ = [
    "COMMANDS",
    "GROUP_COMMANDS",
    "CallbackAnswer",
    "InlineCard",
    "answer",
    "answer_callback",
    "answer_text",
    "ingest_upload",
    "inline_cards",
    "parse_caption",
]
