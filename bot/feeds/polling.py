"""Polling feeds: claim the due ones, fetch, parse, judge, ingest, record, reschedule.

The database is the schedule: each feed's row says when it is due and who holds it.  On
PostgreSQL a claim takes due rows with FOR UPDATE SKIP LOCKED and sets a lease
(`claimed_until`), so several bot processes never poll one feed twice; SQLite has one
writer at a time, which serialises the claims by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.config import Settings
from bot.feeds.parse import FeedEntry, NotAFeed, parse_feed
from bot.feeds.schedule import next_poll
from bot.feeds.urls import normalise_url
from bot.fetch.fetcher import Fetcher, FetchError
from bot.ingest.batch import ingest_articles
from bot.ingest.links import known_names
from bot.ingest.near_copies import FingerprintIndex
from bot.ingest.pages import page_article
from bot.ingest.relevance import judge, judge_feed_item
from bot.ingest.sources import Rejection
from bot.store import leases
from bot.store.database import session_scope
from bot.store.models import Feed, FeedItem

LEASE = timedelta(minutes=10)
CLAIM_BATCH = 20
_FEED = Feed.__table__


@dataclass
class PollReport:
    polled: int = 0
    not_modified: int = 0
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    disabled: list[str] = field(default_factory=list)  # a notice for the admins each


def claim_due(engine: Engine, now: datetime, *, limit: int = CLAIM_BATCH) -> list[int]:
    """Ids of enabled feeds due by `now` that no one holds, now held by us for `LEASE`."""
    with session_scope(engine) as session:
        due = (
            select(Feed.id)
            .where(Feed.enabled, Feed.next_poll_at <= now, leases.free(_FEED, now))
            .order_by(Feed.next_poll_at)
            .limit(limit)
        )
        ids = list(session.exec(leases.locking(due, _FEED)).all())
        leases.lease(session, _FEED, ids, until=now + LEASE)
        return ids


def poll_due(
    engine: Engine,
    fetcher: Fetcher,
    settings: Settings,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    everything: bool = False,
) -> PollReport:
    """Poll every due feed (every enabled one with `everything`), batch by batch."""
    report = PollReport()
    if everything:
        with session_scope(engine) as session:
            for feed in session.exec(select(Feed).where(Feed.enabled)).all():
                feed.next_poll_at = now()
                session.add(feed)
    stored_prints = FingerprintIndex()  # one for the whole poll, kept up as articles arrive
    while ids := claim_due(engine, now()):
        for feed_id in ids:
            poll_feed(engine, fetcher, settings, feed_id, report, now=now(),
                      stored_prints=stored_prints)
    return report


def poll_feed(
    engine: Engine,
    fetcher: Fetcher,
    settings: Settings,
    feed_id: int,
    report: PollReport,
    *,
    now: datetime,
    stored_prints: FingerprintIndex | None = None,
) -> None:
    with session_scope(engine) as session:
        feed = session.get(Feed, feed_id)
        url, etag, modified = feed.url, feed.etag, feed.last_modified
    report.polled += 1
    taken: list[FeedItem] = []
    try:
        fetched = fetcher.fetch(url, kind="feed", etag=etag, last_modified=modified)
        entries = [] if fetched.not_modified else parse_feed(fetched.body).entries
    except (FetchError, NotAFeed) as error:
        _record_failure(engine, settings, feed_id, str(error), report, now)
        return
    if fetched.not_modified:
        report.not_modified += 1
    else:
        stored_prints = stored_prints if stored_prints is not None else FingerprintIndex()
        taken = _take_new_entries(engine, fetcher, feed_id, entries, report, stored_prints)
    # The items are recorded with the feed's new state, in one transaction rather than one
    # each.  Should the poll die before it, the next one reads them again and finds the
    # articles already stored: nothing is lost or stored twice.
    with session_scope(engine) as session:
        session.add_all(taken)
        feed = session.get(Feed, feed_id)
        feed.failures = 0
        feed.last_error = None
        feed.last_polled_at = feed.last_success_at = now
        if not fetched.not_modified:
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
        every = feed.every_minutes or settings.feed_poll_minutes
        feed.next_poll_at = next_poll(feed.url, now, every, 0)
        feed.claimed_until = None
        session.add(feed)


def _record_failure(
    engine: Engine,
    settings: Settings,
    feed_id: int,
    reason: str,
    report: PollReport,
    now: datetime,
) -> None:
    report.failed += 1
    with session_scope(engine) as session:
        feed = session.get(Feed, feed_id)
        feed.failures += 1
        feed.last_error = reason
        feed.last_polled_at = now
        feed.claimed_until = None
        every = feed.every_minutes or settings.feed_poll_minutes
        feed.next_poll_at = next_poll(feed.url, now, every, feed.failures)
        if feed.failures >= settings.feed_max_failures:
            feed.enabled = False
            feed.disabled_reason = f"{feed.failures} failed polls in a row; the last: {reason}"
            report.disabled.append(f"Feed disabled: {feed.url} ({feed.disabled_reason})")
        session.add(feed)


def _take_new_entries(
    engine: Engine,
    fetcher: Fetcher,
    feed_id: int,
    entries: list[FeedEntry],
    report: PollReport,
    stored_prints: FingerprintIndex,
) -> list[FeedItem]:
    """What became of each new item, as rows to record."""
    with session_scope(engine) as session:
        seen = set(session.exec(select(FeedItem.item_key).where(FeedItem.feed_id == feed_id)).all())
        outlet = session.get(Feed, feed_id).outlet
        names = known_names(session)
    taken = []
    for entry in entries:
        if entry.key in seen:
            continue
        seen.add(entry.key)
        status, reason = _take_entry(engine, fetcher, entry, outlet, names, stored_prints)
        if status == "ingested":
            report.ingested += 1
        elif status == "skipped":
            report.skipped += 1
        taken.append(
            FeedItem(
                feed_id=feed_id,
                item_key=entry.key,
                url=normalise_url(entry.link) if entry.link else None,
                status=status,
                reason=reason,
            )
        )
    return taken


def _take_entry(
    engine: Engine,
    fetcher: Fetcher,
    entry: FeedEntry,
    outlet: str | None,
    names: tuple[str, ...],
    stored_prints: FingerprintIndex,
) -> tuple[str, str | None]:
    """What became of one new item: ("ingested" | "skipped" | "duplicate" | "rejected", why)."""
    if not entry.link:
        return "rejected", "the item has no link"
    # The feed's own title and summary decide first: an off-story item costs no page fetch.
    teaser = judge_feed_item(entry.title, entry.summary, known_names=names)
    if not teaser.on_story:
        return "skipped", teaser.reason
    try:
        fetched = fetcher.fetch(entry.link, kind="page")
    except FetchError as error:
        return "rejected", f"could not fetch the page: {error}"
    published = entry.published.isoformat() if entry.published else None
    item = page_article(
        fetched.body,
        normalise_url(fetched.url),
        charset=fetched.charset,
        outlet=outlet,
        published=published,
    )
    if isinstance(item, Rejection):
        return "rejected", item.reason
    verdict = judge(item.text, known_names=names)
    if not verdict.on_story:
        return "skipped", verdict.reason
    ingested = ingest_articles(engine, [item], stored_prints=stored_prints)
    if ingested.rejected:
        return "rejected", ingested.rejected[0].reason
    if ingested.copies:
        return "duplicate", "a copy of an article in the timeline; listed as carried by this outlet"
    if ingested.duplicates:
        return "duplicate", "the same text is already in the timeline"
    return "ingested", None
