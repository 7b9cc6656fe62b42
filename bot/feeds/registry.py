"""The feeds the bot follows: add, remove, enable, and each one's state with its counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.feeds.urls import normalise_url
from bot.fetch.addresses import scheme_refusal
from bot.store.models import Feed, FeedItem

MIN_EVERY = 5


@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    outlet: str | None
    every_minutes: int | None
    enabled: bool
    disabled_reason: str | None
    failures: int
    last_success_at: datetime | None
    last_error: str | None
    next_poll_at: datetime
    counts: dict[str, int]  # ingested, skipped, duplicate, rejected
    skip_reasons: dict[str, int]

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "every_minutes": self.every_minutes,
            "state": "enabled" if self.enabled else "disabled",
            "disabled_reason": self.disabled_reason,
            "failures": self.failures,
            "last_success": self.last_success_at.isoformat() if self.last_success_at else None,
            "last_error": self.last_error,
            "next_poll": self.next_poll_at.isoformat(),
            "items": self.counts,
            "skipped_reasons": self.skip_reasons,
        }


def feed_url(url: str) -> str:
    """The feed's address as stored, or ValueError saying what is wrong with it."""
    url = url.strip()
    scheme = url.partition("://")[0] if "://" in url else ""
    if refusal := scheme_refusal(scheme):
        raise ValueError(refusal)
    return normalise_url(url)


def add_feed(
    session: Session, url: str, *, outlet: str | None = None, every_minutes: int | None = None
) -> tuple[Feed, bool]:
    """The feed at `url`, and whether it is new; ValueError for a bad address or interval."""
    url = feed_url(url)
    if every_minutes is not None and every_minutes < MIN_EVERY:
        raise ValueError(f"a feed is polled at most every {MIN_EVERY} minutes")
    existing = session.exec(select(Feed).where(Feed.url == url)).first()
    if existing is not None:
        return existing, False
    feed = Feed(url=url, outlet=outlet, every_minutes=every_minutes, next_poll_at=datetime.now(UTC))
    session.add(feed)
    session.flush()
    return feed, True


def find_feed(session: Session, url_or_id: str) -> Feed | None:
    text = url_or_id.strip().removeprefix("#")
    if text.isdigit():
        return session.get(Feed, int(text))
    try:
        return session.exec(select(Feed).where(Feed.url == feed_url(text))).first()
    except ValueError:
        return None


def remove_feed(session: Session, url_or_id: str) -> Feed | None:
    feed = find_feed(session, url_or_id)
    if feed is not None:
        session.delete(feed)
    return feed


def enable_feed(session: Session, url_or_id: str) -> Feed | None:
    feed = find_feed(session, url_or_id)
    if feed is not None:
        feed.enabled, feed.disabled_reason, feed.failures = True, None, 0
        feed.next_poll_at = datetime.now(UTC)
        session.add(feed)
    return feed


def feed_states(session: Session) -> list[FeedState]:
    counts: dict[int, Counter] = {}
    reasons: dict[int, Counter] = {}
    rows = session.exec(
        select(FeedItem.feed_id, FeedItem.status, FeedItem.reason, func.count()).group_by(
            FeedItem.feed_id, FeedItem.status, FeedItem.reason
        )
    ).all()
    for feed_id, status, reason, n in rows:
        counts.setdefault(feed_id, Counter())[status] += n
        if status == "skipped" and reason:
            reasons.setdefault(feed_id, Counter())[reason.split(" (found")[0]] += n
    states = []
    for feed in session.exec(select(Feed).order_by(Feed.id)).all():
        tally = counts.get(feed.id, Counter())
        states.append(
            FeedState(
                id=feed.id,
                url=feed.url,
                outlet=feed.outlet,
                every_minutes=feed.every_minutes,
                enabled=feed.enabled,
                disabled_reason=feed.disabled_reason,
                failures=feed.failures,
                last_success_at=feed.last_success_at,
                last_error=feed.last_error,
                next_poll_at=feed.next_poll_at,
                counts={
                    k: tally.get(k, 0) for k in ("ingested", "skipped", "duplicate", "rejected")
                },
                skip_reasons=dict(reasons.get(feed.id, Counter())),
            )
        )
    return states
