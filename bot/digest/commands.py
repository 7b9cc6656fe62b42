"""/subscribe, /unsubscribe, /settings and /digest: the digest's side of the core.

`/subscribe [HH:MM] [time zone] [filter] [quiet|always]`: the time first, then the zone
(an IANA name, a city, an abbreviation or UTC+3), then what to follow.  What is left out
keeps its current value (or the default from the settings for a new subscription);
`all` clears the filter; `quiet` sends nothing on a day with nothing new, `always` sends
one short line.  In groups only the chat's administrators may change the digest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.config import get_settings
from bot.dates import format_when
from bot.digest.compose import DigestComposer
from bot.digest.filters import resolve_filter
from bot.digest.schedule import format_clock, parse_clock
from bot.digest.subscriptions import deactivate, save_subscription, subscription_for
from bot.digest.zones import ZONE_EXAMPLES, find_zone, suggest_zones
from bot.render import bold, code, esc, italic, shorten
from bot.replies.reply import Asker, Reply
from bot.store.models import Subscription
from bot.watches.cards import watched_in_digest

NEEDS_CHAT_ADMIN = {"subscribe", "unsubscribe"}

PREVIEW_SPAN = timedelta(days=1)
FILTER_CHARS = 100
_QUIET = {"quiet", "--quiet", "skip-empty", "--skip-empty"}
_ALWAYS = {"always", "--always"}
_ALL = {"all", "everything", "none", "-"}
_MERIDIEM = {"am", "pm", "a.m.", "p.m."}
_ZONE_SHAPE = re.compile(r"/|^(?:utc|gmt)?[+-]\d", re.IGNORECASE)
# A zone name runs to four words at most ("Port of Spain", "Tel Aviv-Yafo").
_ZONE_WORDS = 4
# How close a word must be to a zone name to be taken for a misspelt zone, not a filter.
_MISSPELT_ZONE_SCORE = 90


class _Refusal(Exception):
    """A bad argument; the message is HTML, ready to show."""


@dataclass(frozen=True)
class _Wanted:
    at: time | None = None
    zone: str | None = None
    zone_typed: str | None = None
    filter_text: str | None = None
    clear_filter: bool = False
    skip_empty: bool | None = None


def _usage() -> str:
    return (
        f"Usage: {code('/subscribe [HH:MM] [time zone] [filter]')}\n"
        f"For example {code('/subscribe 07:30 Europe/London')} or "
        f"{code('/subscribe 08:00 Asia/Jerusalem Cairo')}.\n"
        f"Time zones: an IANA name or a city, e.g. {esc(', '.join(ZONE_EXAMPLES))}.\n"
        f"Add {code('quiet')} to get nothing on days with nothing new, "
        f"{code('all')} to drop a filter."
    )


def _group_refusal(asker: Asker) -> Reply | None:
    if asker.chat_type == "console":
        return Reply.text("The daily digest is delivered in Telegram chats; try it with the bot.")
    if asker.in_group and not asker.is_chat_admin:
        return Reply.text("Only this group's administrators can change its daily digest.")
    return None


def subscribe(session: Session, args: str, asker: Asker) -> Reply:
    refused = _group_refusal(asker)
    if refused:
        return refused
    try:
        wanted = _parse(session, args)
    except _Refusal as refusal:
        return Reply.text(f"{refusal}\n\n{_usage()}")
    settings = get_settings()
    current = subscription_for(session, asker.chat_id)
    keep = current is not None and current.active
    at = wanted.at or (parse_clock(current.local_time) if keep else settings.digest_default_time)
    zone = wanted.zone or (current.timezone if keep else settings.default_timezone)
    if wanted.clear_filter:
        filter_text = None
    else:
        filter_text = wanted.filter_text or (current.filter if keep else None)
    skip_empty = wanted.skip_empty
    if skip_empty is None:
        skip_empty = current.skip_empty if keep else False
    sub = save_subscription(
        session,
        chat_id=asker.chat_id,
        chat_type=asker.chat_type,
        user_id=asker.user_id,
        at=at,
        zone=zone,
        filter_text=filter_text,
        skip_empty=skip_empty,
        now=asker.now,
    )
    lines = [bold("Daily digest on." if not keep else "Daily digest updated.")]
    lines += _describe(session, sub, zone_typed=wanted.zone_typed)
    lines.append(
        f"Change it with {code('/subscribe')} again, stop it with {code('/unsubscribe')}, "
        f"see it now with {code('/digest')}."
    )
    return Reply.text("\n".join(lines))


def unsubscribe(session: Session, args: str, asker: Asker) -> Reply:
    refused = _group_refusal(asker)
    if refused:
        return refused
    if not deactivate(session, asker.chat_id, "unsubscribed", now=asker.now):
        return Reply.text(
            f"There is no daily digest in this chat. Start one with "
            f"{code('/subscribe 07:30 Europe/London')}."
        )
    return Reply.text(
        f"Daily digest stopped. Start it again any time with {code('/subscribe')}."
    )


def show_settings(session: Session, args: str, asker: Asker) -> Reply:
    sub = subscription_for(session, asker.chat_id)
    if sub is None or not sub.active:
        why = f" ({esc(sub.deactivated_reason)})" if sub and sub.deactivated_reason else ""
        return Reply.text(
            f"No daily digest in this chat{why}. Start one with "
            f"{code('/subscribe 07:30 Europe/London')}; "
            f"{code('/digest')} shows what it would say."
        )
    lines = [bold("Daily digest"), *_describe(session, sub, zone_typed=None)]
    zone = ZoneInfo(sub.timezone)
    if sub.last_digest_at is not None:
        lines.append(f"Last digest: {esc(_moment(sub.last_digest_at, zone))}")
    else:
        lines.append("Last digest: none yet")
    return Reply.text("\n".join(lines))


def preview(session: Session, args: str, asker: Asker) -> Reply:
    """The digest as it stands now for this chat; it does not count as the day's digest."""
    sub = subscription_for(session, asker.chat_id)
    active = sub is not None and sub.active
    zone = ZoneInfo(sub.timezone if active else get_settings().default_timezone)
    filter_text = " ".join(args.split())[:FILTER_CHARS] or (sub.filter if active else None)
    since = asker.now - PREVIEW_SPAN
    if active and sub.last_digest_at is not None:
        since = max(sub.last_digest_at, asker.now - timedelta(days=7))
    watched = watched_in_digest(session, [(asker.chat_id, since, asker.now)])
    digest = DigestComposer(session).digest(
        filter_text, since, asker.now, day=asker.now.astimezone(zone).date(), zone=zone,
        watched=watched.get((asker.chat_id, since, asker.now)),
    )
    footer = italic("Preview: not counted as the day's digest.")
    if not active:
        footer += f" Get it every day with {code('/subscribe')}."
    rerun = f"digest {' '.join(args.split())}".strip()
    return Reply.text(f"{digest.markup}\n\n{footer}", rerun=rerun)


def _describe(session: Session, sub: Subscription, *, zone_typed: str | None) -> list[str]:
    zone = ZoneInfo(sub.timezone)
    zone_text = esc(sub.timezone)
    if zone_typed and zone_typed.casefold() != sub.timezone.casefold():
        zone_text += f" (from “{esc(shorten(zone_typed, 40))}”)"
    lines = [f"Every day at {bold(sub.local_time)}, {zone_text}"]
    if sub.filter:
        digest_filter = resolve_filter(session, sub.filter)
        lines.append(f"Filter: {esc(digest_filter.describe())}")
    else:
        lines.append("Filter: none, everything new")
    if sub.skip_empty:
        lines.append("Days with nothing new: no message")
    else:
        lines.append("Days with nothing new: one short line")
    if sub.next_due_at is not None:
        lines.append(f"Next digest: {esc(_moment(sub.next_due_at, zone))}")
    return lines


def _moment(instant: datetime, zone: ZoneInfo) -> str:
    local = instant.astimezone(zone)
    day = format_when(local.date(), local.date(), "day")
    return f"{day}, {format_clock(local.time())} {local.tzname()}"


def _parse(session: Session, args: str) -> _Wanted:
    tokens = args.split()
    at = None
    if tokens:
        joined = " ".join(tokens[:2])
        if len(tokens) > 1 and tokens[1].casefold() in _MERIDIEM and parse_clock(joined):
            at, tokens = parse_clock(joined), tokens[2:]
        elif parse_clock(tokens[0]):
            at, tokens = parse_clock(tokens[0]), tokens[1:]
        elif re.fullmatch(r"\d{1,2}[:.h]\d{2}\S*", tokens[0]):
            raise _Refusal(f"“{esc(shorten(tokens[0], 20))}” is not a time of day (00:00–23:59).")
    zone, zone_typed, tokens = _take_zone(session, tokens)
    skip_empty = None
    kept = []
    for token in tokens:
        folded = token.casefold()
        if folded in _QUIET:
            skip_empty = True
        elif folded in _ALWAYS:
            skip_empty = False
        else:
            kept.append(token)
    rest = " ".join(kept)
    if len(rest) > FILTER_CHARS:
        raise _Refusal(
            f"A filter is a place, a person or a few words: at most {FILTER_CHARS} characters."
        )
    clear = rest.casefold() in _ALL
    return _Wanted(at, zone, zone_typed, None if clear else rest or None, clear, skip_empty)


def _take_zone(session: Session, tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    for size in range(min(_ZONE_WORDS, len(tokens)), 0, -1):
        typed = " ".join(tokens[:size])
        zone = find_zone(typed)
        if zone:
            return zone, typed, tokens[size:]
    if not tokens:
        return None, None, tokens
    first = tokens[0]
    if _ZONE_SHAPE.search(first):
        raise _Refusal(_unknown_zone(first, suggest_zones(first)))
    close = suggest_zones(first, 1, min_score=_MISSPELT_ZONE_SCORE) if len(tokens) == 1 else []
    if close and not resolve_filter(session, first).entity_ids:
        raise _Refusal(
            _unknown_zone(first, close)
            + f" To follow the word instead, name the zone first: "
            f"{code('/subscribe 07:00 UTC ' + shorten(first, 30))}."
        )
    return None, None, tokens


def _unknown_zone(typed: str, near: list[str]) -> str:
    text = f"I don't know the time zone “{esc(shorten(typed, 40))}”."
    if near:
        text += f" Did you mean {esc(' or '.join(near))}?"
    return text
