"""A feed's bytes to its items.  Pure: feedparser reads bytes we fetched, never a URL.

feedparser can fetch by itself, with no timeout; it is given a stream, so it never does.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.feeds.urls import normalise_url


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable across polls: a hash of the guid, else the normalised link
    link: str | None
    title: str
    summary: str
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    problem: str | None  # feedparser's "bozo" reason, when the XML was not well formed


class NotAFeed(ValueError):
    """The bytes hold no feed at all."""


def parse_feed(body: bytes, content_type: str | None = None) -> ParsedFeed:
    import feedparser  # imported here: only polling needs it

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not parsed.entries and not parsed.feed.get("title"):
        raise NotAFeed(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    entries = [_entry(e) for e in parsed.entries]
    return ParsedFeed(parsed.feed.get("title"), [e for e in entries if e is not None], problem)


def _entry(raw) -> FeedEntry | None:
    link = raw.get("link")
    identity = raw.get("id") or (normalise_url(link) if link else None)
    if not identity:
        return None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
    # dict.get: feedparser's own get answers a missing `updated` with `published`, warning.
    updated = dict.get(raw, "updated_parsed")
    if updated and raw.get("published_parsed") and updated != raw.get("published_parsed"):
        # An item the outlet says it updated is read again: the page may be a new version.
        identity += "\n" + datetime(*updated[:6], tzinfo=UTC).isoformat()
    return FeedEntry(
        key=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
        link=link,
        title=raw.get("title", ""),
        summary=raw.get("summary", ""),
        published=published,
    )
