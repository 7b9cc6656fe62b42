"""/watch, /watches, /unwatch and /quiethours, and the buttons under their answers.

`/watch <what>` reads a person or a place through the same lookup as /who and /round, or
else a phrase (`"hostage exchange" -drill`), and says how it read it, with buttons to
switch the kind and the cadence (at once, or at the top of the next daily digest).  In
groups only the chat's administrators add, change or remove watches; anyone may list them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from bot.config import get_settings
from bot.digest.schedule import format_clock
from bot.digest.subscriptions import save_subscription
from bot.names import name_key
from bot.render import bold, code, esc, italic, shorten
from bot.replies.arguments import MAX_ARGS, tidy
from bot.replies.reply import Asker, Button, Reply
from bot.store.models import Watch
from bot.watches.holding import parse_quiet_hours
from bot.watches.store import (
    Target,
    add_watch,
    chat_row,
    chat_zone,
    find_same,
    has_digest,
    quiet_hours_of,
    reachable_chat,
    retarget,
    set_quiet_hours,
    watch_in_chat,
    watches_of,
)
from bot.watches.targets import KINDS, read_target, target_of_entity

NEEDS_CHAT_ADMIN = frozenset(
    {"watch", "unwatch", "quiethours", "watchkind", "watchpick", "watchcad", "watchsub",
     "watchdel", "watchoff"}
)
_EXAMPLES = ("/watch Witkoff", "/watch Doha", '/watch "hostage exchange" -drill')
_WHAT = {"person": "the person", "organisation": "the organisation", "country": "the country",
         "place": "the place", None: "the phrase"}
_CADENCE = {"instant": "at once", "digest": "in the daily digest"}
_OFF = {"off", "none", "no", "stop", "-"}
LABEL_CHARS = 40


def _refusal(asker: Asker) -> Reply | None:
    if asker.chat_type == "console":
        return Reply.text("Watches send alerts to Telegram chats; try them with the bot.")
    if asker.in_group and not asker.is_chat_admin:
        return Reply.note("Only this group's administrators can change its watches.")
    return None


def _examples() -> str:
    return ", ".join(code(e) for e in _EXAMPLES)


def _usage() -> str:
    return (
        f"Usage: {code('/watch <person, place or “phrase”>')}, e.g. {_examples()}.\n"
        f"A phrase matches as written; {code('-word')} leaves out items with that word."
    )


def watch(session: Session, args: str, asker: Asker) -> Reply:
    refused = _refusal(asker)
    if refused:
        return refused
    args = tidy(args)
    if not args:
        return Reply.text(_usage())
    if len(args) > MAX_ARGS:
        return Reply.text(f"That is too long to watch.\n{_usage()}")
    reading = read_target(session, args)
    if reading.target is None:
        return Reply.text(f"{esc(reading.problem)}\n{_usage()}")
    reachable_chat(session, asker.chat_id, asker.chat_type)
    same = find_same(session, asker.chat_id, reading.target)
    if same is not None:
        return _confirmation(session, same, lead="Already watching")
    limit = get_settings().watch_limit_per_chat
    if len(watches_of(session, asker.chat_id)) >= limit:
        return Reply.text(
            f"This chat has {limit} watches, the most it may have. Remove one first: "
            f"{code('/watches')} lists them with ✕ buttons."
        )
    added = add_watch(
        session, chat_id=asker.chat_id, target=reading.target, typed=args,
        user_id=asker.user_id, cadence="instant", now=asker.now,
    )
    return _confirmation(session, added, choices=reading.choices)


def _confirmation(session: Session, watch: Watch, *, lead: str = "Watching", choices=(),
                  note: str = "") -> Reply:
    lines = [f"👁 {lead} {bold(watch.label)}, {_WHAT.get(watch.entity_kind, 'the phrase')}."]
    if note:
        lines.append(italic(note))
    if watch.cadence == "instant":
        cap = get_settings().watch_alerts_per_hour
        quiet = quiet_hours_of(chat_row(session, watch.chat_id))
        lines.append(
            f"Alerts come at once when a new fact matches: a short card with its source "
            f"(at most {cap} an hour; quiet hours: {quiet.text() if quiet else 'none'})."
        )
    else:
        digest = has_digest(session, watch.chat_id)
        if digest is not None:
            lines.append(f"Matches go to the top of the next daily digest "
                         f"({esc(digest.local_time)}, {esc(digest.timezone)}).")
        else:
            lines.append("Matches go to the top of the daily digest, but this chat has none "
                         "yet: subscribe below to get them.")
    if choices:
        lines.append("Did you mean a name instead? Pick it below.")
    lines.append(f"Wrong reading? Switch below. {code('/watches')} lists this chat's watches.")
    return Reply.text("\n".join(lines), buttons=_buttons(session, watch, choices))


def _buttons(session: Session, watch: Watch, choices) -> list[list[Button]]:
    rows = [[Button(c.name[:LABEL_CHARS], data=f"watchpick|{watch.id}|{c.entity_id}")]
            for c in choices[:5]]
    rows.append([
        Button(("✓ " if watch.kind == kind else "") + kind, data=f"watchkind|{watch.id}|{kind}")
        for kind in KINDS
    ])
    rows.append([
        Button(("✓ " if watch.cadence == cadence else "") + shown,
               data=f"watchcad|{watch.id}|{cadence}")
        for cadence, shown in (("instant", "at once"), ("digest", "in the digest"))
    ])
    if watch.cadence == "digest" and has_digest(session, watch.chat_id) is None:
        rows.append([Button("Subscribe to the daily digest", data=f"watchsub|{watch.id}")])
    rows.append([Button("✕ Stop watching", data=f"watchoff|{watch.id}")])
    return rows


_GONE = "That watch was removed; see /watches."
ButtonHandler = Callable[[Session, Watch, list[str], Asker], Reply]


def _button(handle: ButtonHandler) -> Callable[[Session, str, Asker], Reply]:
    """A button under a /watch or /watches answer ("watchcad|7|digest"): refused to those
    who may not change the chat's watches, and a notice when its watch is gone."""

    def run(session: Session, args: str, asker: Asker) -> Reply:
        refused = _refusal(asker)
        if refused:
            return refused
        first, *rest = args.split("|")
        watch = watch_in_chat(session, asker.chat_id, int(first)) if first.isdigit() else None
        if watch is None:
            return Reply.note(_GONE)
        return handle(session, watch, rest, asker)

    return run


@_button
def switch_kind(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    kind = rest[0] if rest and rest[0] in KINDS else watch.kind
    if kind == watch.kind:
        return _confirmation(session, watch)
    reading = read_target(session, watch.typed, kind)
    if reading.target is None:
        note = f"“{shorten(watch.typed, 40)}” as a {kind}: {reading.problem}"
        return _confirmation(session, watch, choices=reading.choices, note=note)
    return _retargeted(session, watch, reading.target)


@_button
def pick(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    target = target_of_entity(session, int(rest[0])) if rest and rest[0].isdigit() else None
    if target is None:
        return Reply.note(_GONE)
    return _retargeted(session, watch, target)


def _retargeted(session: Session, watch: Watch, target: Target) -> Reply:
    same = find_same(session, watch.chat_id, target)
    if same is not None and same.id != watch.id:
        session.delete(watch)
        session.flush()
        return _confirmation(session, same, lead="Already watching")
    retarget(watch, target)
    session.add(watch)
    session.flush()
    return _confirmation(session, watch)


@_button
def switch_cadence(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    if rest and rest[0] in _CADENCE:
        watch.cadence = rest[0]
        session.add(watch)
        session.flush()
    return _confirmation(session, watch)


@_button
def subscribe_for_watch(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    """The digest an "in the digest" watch needs, at the default time and zone."""
    settings = get_settings()
    if has_digest(session, asker.chat_id) is None:
        save_subscription(
            session, chat_id=asker.chat_id, chat_type=asker.chat_type, user_id=asker.user_id,
            at=settings.digest_default_time, zone=settings.default_timezone, filter_text=None,
            skip_empty=False, now=asker.now,
        )
    at = format_clock(settings.digest_default_time)
    return _confirmation(session, watch,
                         note=f"Daily digest on. Change its time with /subscribe {at} <zone>.")


@_button
def stop_from_card(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    session.delete(watch)
    session.flush()
    return Reply.text(f"Stopped watching {bold(watch.label)}. "
                      f"{code('/watches')} lists the others.")


@_button
def remove_from_list(session: Session, watch: Watch, rest: list[str], asker: Asker) -> Reply:
    session.delete(watch)
    session.flush()
    reply = watches_list(session, "", asker)
    reply.notice = f"Stopped watching {shorten(watch.label, 60)}."
    return reply


def watches_list(session: Session, args: str, asker: Asker) -> Reply:
    if asker.chat_type == "console":
        return _refusal(asker)
    found = watches_of(session, asker.chat_id)
    limit = get_settings().watch_limit_per_chat
    if not found:
        return Reply.text(f"This chat watches nothing yet. Try {_examples()}.")
    lines = [f"{bold('Watches in this chat')} ({len(found)} of {limit})"]
    for number, watch in enumerate(found, 1):
        kind = "phrase" if watch.kind == "phrase" else (watch.entity_kind or watch.kind)
        lines.append(f"{number}. {esc(watch.label)} · {kind} · {_CADENCE[watch.cadence]}")
    row = chat_row(session, asker.chat_id)
    quiet = quiet_hours_of(row)
    zone = chat_zone(session, asker.chat_id).key
    lines.append("")
    lines.append(f"Quiet hours: {quiet.text() + ', ' + esc(zone) if quiet else 'none'} "
                 f"({code('/quiethours 22:00-07:00')}).")
    if row is not None and row.paused_reason:
        lines.append(italic(f"Alerts are paused: {row.paused_reason}. They start again "
                            "when someone here sends /watch."))
    if any(w.cadence == "digest" for w in found) and has_digest(session, asker.chat_id) is None:
        lines.append(italic("Watches “in the digest” need a daily digest: /subscribe."))
    lines.append(f"Remove one with ✕ below or {code('/unwatch 1')}.")
    buttons = [[Button(f"✕ {n}. {shorten(w.label, LABEL_CHARS)}", data=f"watchdel|{w.id}")]
               for n, w in enumerate(found, 1)]
    return Reply.text("\n".join(lines), buttons=buttons)


def unwatch(session: Session, args: str, asker: Asker) -> Reply:
    refused = _refusal(asker)
    if refused:
        return refused
    args = tidy(args)
    found = watches_of(session, asker.chat_id)
    if not args:
        return Reply.text(f"Usage: {code('/unwatch <number or name>')}, e.g. "
                          f"{code('/unwatch 2')}; {code('/watches')} numbers them.")
    if args.casefold() in ("all", "everything"):
        for watch in found:
            session.delete(watch)
        return Reply.text(f"Stopped all {len(found)} watches in this chat." if found
                          else "This chat watches nothing.")
    chosen = _which(session, args, found)
    if chosen is None:
        return Reply.text(f"No watch here matches “{esc(shorten(args, 40))}”. "
                          f"{code('/watches')} lists them with their numbers.")
    session.delete(chosen)
    return Reply.text(f"Stopped watching {bold(chosen.label)}.")


def _which(session: Session, args: str, found: list[Watch]) -> Watch | None:
    number = args.removeprefix("#")
    if number.isdigit():
        index = int(number) - 1
        return found[index] if 0 <= index < len(found) else None
    key = name_key(args)
    for watch in found:
        if key and key in (watch.key, name_key(watch.label), name_key(watch.typed)):
            return watch
    reading = read_target(session, args)
    if reading.target is not None:
        return next((w for w in found if (w.kind, w.key) ==
                     (reading.target.kind, reading.target.key)), None)
    return None


def quiet_hours(session: Session, args: str, asker: Asker) -> Reply:
    refused = _refusal(asker)
    if refused:
        return refused
    args = tidy(args)
    zone = chat_zone(session, asker.chat_id).key
    where = "this chat's digest time zone" if has_digest(session, asker.chat_id) else \
        "DEFAULT_TIMEZONE"
    usage = (f"Usage: {code('/quiethours 22:00-07:00')} (in {esc(zone)}, {where}), "
             f"or {code('/quiethours off')}.")
    row = chat_row(session, asker.chat_id)
    if not args:
        quiet = quiet_hours_of(row)
        now = f"Quiet hours: {quiet.text()}, {esc(zone)}." if quiet else "No quiet hours."
        return Reply.text(f"{now}\n{usage}")
    row = reachable_chat(session, asker.chat_id, asker.chat_type)
    if args.casefold() in _OFF:
        set_quiet_hours(row, None)
        return Reply.text("Quiet hours off: alerts come at once, day and night.")
    try:
        quiet = parse_quiet_hours(args)
    except ValueError:
        return Reply.text(f"“{esc(shorten(args, 30))}” is not a span of hours.\n{usage}")
    set_quiet_hours(row, quiet)
    session.add(row)
    return Reply.text(
        f"Quiet hours {bold(quiet.text())}, {esc(zone)}: alerts that arrive then are held "
        f"and come as one summary at {format_clock(quiet.end)}."
    )
