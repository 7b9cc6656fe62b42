"""Subscription rows: find, save, follow a group's migration, and stop on Telegram's word."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlmodel import Session

from bot.digest.schedule import format_clock, next_due
from bot.store.models import Subscription

log = logging.getLogger(__name__)


def subscription_for(session: Session, chat_id: int) -> Subscription | None:
    return session.scalars(select(Subscription).where(Subscription.chat_id == chat_id)).first()


def save_subscription(
    session: Session,
    *,
    chat_id: int,
    chat_type: str,
    user_id: int | None,
    at: time,
    zone: str,
    filter_text: str | None,
    skip_empty: bool,
    now: datetime,
) -> Subscription:
    """Create or update the chat's subscription and (re)compute its next due instant.

    `updated_at` moves only here, when the settings change: the schedule starts after it,
    so subscribing at 09:00 to a 07:00 digest does not send one at once.
    """
    sub = subscription_for(session, chat_id)
    if sub is None:
        sub = Subscription(chat_id=chat_id, created_by=user_id, created_at=now)
        session.add(sub)
    sub.chat_type = chat_type
    sub.local_time = format_clock(at)
    sub.timezone = zone
    sub.filter = filter_text
    sub.skip_empty = skip_empty
    sub.active = True
    sub.deactivated_reason = None
    sub.deactivated_at = None
    sub.updated_at = now
    sub.next_due_at = next_due(at, ZoneInfo(zone), now)
    session.flush()
    return sub


def deactivate(
    session: Session, chat_id: int, reason: str, *, now: datetime | None = None
) -> bool:
    """Stop the chat's digest, recording why; True if an active subscription was stopped."""
    result = session.execute(
        update(Subscription)
        .where(Subscription.chat_id == chat_id, Subscription.active.is_(True))
        .values(
            active=False,
            deactivated_reason=reason[:500],
            deactivated_at=now or datetime.now(UTC),
            next_due_at=None,
        )
    )
    if result.rowcount:
        log.info("digest subscription of chat %s deactivated: %s", chat_id, reason)
    return bool(result.rowcount)


def move_chat(session: Session, old_chat_id: int, new_chat_id: int) -> int:
    """Follow a group's upgrade to a supergroup; the number of subscriptions moved (0 or 1).

    If the supergroup somehow has a subscription already, it is the newer choice of the
    group's admins: the old group's row is stopped rather than merged.
    """
    if old_chat_id == new_chat_id:
        return 0
    if subscription_for(session, new_chat_id) is not None:
        deactivate(session, old_chat_id, f"group moved to supergroup {new_chat_id}")
        return 0
    result = session.execute(
        update(Subscription)
        .where(Subscription.chat_id == old_chat_id)
        .values(chat_id=new_chat_id, chat_type="supergroup")
    )
    if result.rowcount:
        log.info("digest subscription moved from chat %s to %s", old_chat_id, new_chat_id)
    return int(result.rowcount)
