"""Watch rows and each chat's alert settings: add, list, switch, remove, quiet hours,
pausing a chat Telegram refused, and following a group to its supergroup."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlmodel import Session

from bot.config import get_settings
from bot.digest.schedule import format_clock
from bot.store.models import Subscription, Watch, WatchAlert, WatchChat
from bot.watches.holding import QuietHours, stored_quiet_hours

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """What a watch follows, as read from what was typed."""

    kind: str  # person, place, phrase
    key: str
    label: str
    entity_kind: str | None  # person, organisation, country, place; None for a phrase


def watches_of(session: Session, chat_id: int) -> list[Watch]:
    """The chat's watches in the order they were added: /watches numbers them so."""
    return list(session.scalars(select(Watch).where(Watch.chat_id == chat_id).order_by(Watch.id)))


def watch_in_chat(session: Session, chat_id: int, watch_id: int) -> Watch | None:
    watch = session.get(Watch, watch_id)
    return watch if watch is not None and watch.chat_id == chat_id else None


def find_same(session: Session, chat_id: int, target: Target) -> Watch | None:
    return session.scalars(
        select(Watch).where(
            Watch.chat_id == chat_id, Watch.kind == target.kind, Watch.key == target.key
        )
    ).first()


def add_watch(
    session: Session, *, chat_id: int, target: Target, typed: str, user_id: int | None,
    cadence: str, now: datetime,
) -> Watch:
    watch = Watch(
        chat_id=chat_id, kind=target.kind, key=target.key, label=target.label, typed=typed,
        entity_kind=target.entity_kind, cadence=cadence, created_by=user_id, created_at=now,
    )
    session.add(watch)
    session.flush()
    return watch


def retarget(watch: Watch, target: Target) -> None:
    watch.kind, watch.key, watch.label = target.kind, target.key, target.label
    watch.entity_kind = target.entity_kind


def chat_row(session: Session, chat_id: int) -> WatchChat | None:
    return session.get(WatchChat, chat_id)


def reachable_chat(session: Session, chat_id: int, chat_type: str) -> WatchChat:
    """The chat's settings row, made if need be; a chat that speaks to us is reachable
    again, so a pause after Telegram refused it ends here."""
    row = session.get(WatchChat, chat_id)
    if row is None:
        row = WatchChat(chat_id=chat_id, chat_type=chat_type)
        session.add(row)
    row.chat_type = chat_type
    row.paused_reason = None
    row.paused_at = None
    session.flush()
    return row


def set_quiet_hours(row: WatchChat, quiet: QuietHours | None) -> None:
    row.quiet_start = format_clock(quiet.start) if quiet else None
    row.quiet_end = format_clock(quiet.end) if quiet else None


def quiet_hours_of(row: WatchChat | None) -> QuietHours | None:
    return stored_quiet_hours(row.quiet_start, row.quiet_end) if row is not None else None


def chat_zone(session: Session, chat_id: int) -> ZoneInfo:
    """The chat's digest zone, or DEFAULT_TIMEZONE when it never subscribed."""
    zone = session.scalars(
        select(Subscription.timezone).where(Subscription.chat_id == chat_id)
    ).first()
    return ZoneInfo(zone or get_settings().default_timezone)


def has_digest(session: Session, chat_id: int) -> Subscription | None:
    return session.scalars(
        select(Subscription).where(Subscription.chat_id == chat_id, Subscription.active)
    ).first()


def pause_chat(session: Session, chat_id: int, reason: str, *, now: datetime) -> bool:
    """Stop queueing alerts for a chat Telegram refused; its watches are kept."""
    result = session.execute(
        update(WatchChat)
        .where(WatchChat.chat_id == chat_id, WatchChat.paused_reason.is_(None))
        .values(paused_reason=reason[:500], paused_at=now)
    )
    if result.rowcount:
        log.info("watch alerts to chat %s paused: %s", chat_id, reason)
    return bool(result.rowcount)


def move_watches(session: Session, old_chat_id: int, new_chat_id: int) -> int:
    """Follow a group to its supergroup: its watches, settings and alerts still to send.
    A watch the supergroup has already is dropped from the old group."""
    if old_chat_id == new_chat_id:
        return 0
    theirs = {(w.kind, w.key) for w in watches_of(session, new_chat_id)}
    moved = 0
    for watch in watches_of(session, old_chat_id):
        if (watch.kind, watch.key) in theirs:
            session.delete(watch)
        else:
            watch.chat_id = new_chat_id
            moved += 1
    old = session.get(WatchChat, old_chat_id)
    if old is not None:
        if session.get(WatchChat, new_chat_id) is None:
            session.add(WatchChat(
                chat_id=new_chat_id, chat_type="supergroup", quiet_start=old.quiet_start,
                quiet_end=old.quiet_end, hour_start=old.hour_start, hour_count=old.hour_count,
            ))
        session.delete(old)
    taken = select(WatchAlert.article_id).where(WatchAlert.chat_id == new_chat_id)
    session.execute(
        delete(WatchAlert).where(
            WatchAlert.chat_id == old_chat_id, WatchAlert.article_id.in_(taken)
        )
    )
    session.execute(
        update(WatchAlert).where(WatchAlert.chat_id == old_chat_id).values(chat_id=new_chat_id)
    )
    session.flush()
    if moved:
        log.info("watches moved from chat %s to %s", old_chat_id, new_chat_id)
    return moved
