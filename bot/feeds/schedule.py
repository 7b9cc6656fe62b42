"""When to poll a feed again.  Pure: the interval, jitter, and backoff after failures."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

MAX_BACKOFF = timedelta(hours=24)
JITTER_SHARE = 0.1  # up to a tenth of the interval, so feeds added together spread out


def jitter(url: str, when: datetime, interval: timedelta) -> timedelta:
    """A spread of 0 to 10% of `interval`, fixed by the feed and the moment (no random state,
    so a test can predict it)."""
    seed = hashlib.sha256(f"{url}|{when.isoformat()}".encode()).digest()
    share = int.from_bytes(seed[:4], "big") / 2**32
    return interval * (JITTER_SHARE * share)


def next_poll(url: str, now: datetime, every_minutes: int, failures: int) -> datetime:
    """After a success (`failures` 0) one interval; after failures in a row, twice as long
    for each, up to a day."""
    interval = timedelta(minutes=every_minutes)
    wait = min(interval * (2**failures), MAX_BACKOFF) if failures else interval
    return now + wait + jitter(url, now, interval)
