"""Polling 100 feeds of 50 items each from a local aiohttp server (in its own process).

The first poll finds everything new; routine polls are mostly 304s.  Each is timed (wall
and CPU) and set against a bare httpx fetch of the same URLs, the same bytes; peak memory
is the process's peak RSS; arrival is the time from an item appearing in its feed to its
events being answerable, the poll tick driven directly (the interval itself adds up to
FEED_POLL_MINUTES).  Pages are the extraction corpus (on-story: once its 144 texts are used
up, syndicated copies, each with its outlet's own byline and footer, so that they are found
as near copies, not as the same text) and off-story items: local news from the same ground
("rain floods tents in Gaza"), whose pages are off-story too; the filter should turn them
away from their title and summary, without fetching the page.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FEEDS, ITEMS = 100, 50
OFF_STORY_SHARE = 0.6  # items about the region, not the talks
WHEN = datetime(2025, 10, 7, 6, 30, tzinfo=UTC)


def _corpus() -> list[tuple[str, str]]:
    texts = sorted((ROOT / "tests" / "articles").rglob("*.txt"))
    found = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip()]
        found.append((lines[1] if len(lines) > 1 else path.stem, text))
    return found


def _serve(port_out, ready) -> None:
    import asyncio

    from aiohttp import web

    from tests.news_pages import OFF_STORY_BODY, article_html, rss

    corpus = _corpus()
    versions = [0] * FEEDS
    served: list[str] = []  # the pages asked for, so that the bare fetch asks for the same

    def off_story(feed: int, item: int) -> bool:
        return (item * 7 + feed) % 10 < OFF_STORY_SHARE * 10 and item < ITEMS

    def items(feed: int) -> list[tuple[str, str, str, datetime]]:
        count = ITEMS + versions[feed]
        found = []
        for item in range(count):
            if off_story(feed, item):
                found.append((f"Rain floods tents {feed}-{item}", f"{base}/page/{feed}/{item}",
                              "Rain in central Gaza; aid groups ask for tarpaulins", WHEN))
            else:
                title, _ = corpus[(feed * ITEMS + item) % len(corpus)]
                found.append((title, f"{base}/page/{feed}/{item}",
                              "Ceasefire talks: mediators, Hamas and Israeli negotiators", WHEN))
        return found

    async def feed(request):
        number = int(request.match_info["n"])
        etag = f'"v{versions[number]}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        body = rss(f"Outlet {number}", items(number))
        return web.Response(body=body, content_type="application/rss+xml",
                            headers={"ETag": etag})

    async def page(request):
        number, item = int(request.match_info["n"]), int(request.match_info["i"])
        served.append(str(request.url))
        if item >= ITEMS:  # an item added later: a fresh report of its own
            title, text = "Hamas team in Cairo for talks", OFF_STORY_BODY
            text = (
                f"A Hamas delegation arrived in Cairo on Tuesday for a round of ceasefire talks "
                f"number {number}-{item} with Egyptian and Qatari mediators, officials said. "
                "Israeli negotiators led by Ron Dermer are due in Cairo on Wednesday.\n\n"
                + text
            )
        elif off_story(number, item):
            title, text = f"Rain floods tents {number}-{item}", OFF_STORY_BODY
        else:
            title, text = corpus[(number * ITEMS + item) % len(corpus)]
            text = (f"By Outlet {number} staff, with agencies\n\n{text}\n\n"
                    f"This report appeared first on Outlet {number} ({number}-{item}).")
        body = article_html(title, text, site=f"Outlet {number}")
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    async def pages_served(request):
        listed = "\n".join(served)
        served.clear()
        return web.Response(text=listed)

    async def bump(request):
        versions[int(request.match_info["n"])] += 1
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/feed/{n}.xml", feed)
    app.router.add_get("/page/{n}/{i}", page)
    app.router.add_get("/bump/{n}", bump)
    app.router.add_get("/served", pages_served)

    async def main():
        nonlocal base
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        port_out.value = port
        ready.set()
        await asyncio.Event().wait()

    base = ""
    asyncio.run(main())


def _timed(action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _bare_fetch(urls: list[str], etags: dict[str, str] | None = None) -> tuple[float, float]:
    import httpx

    def fetch_all():
        with httpx.Client(timeout=20) as client:
            for url in urls:
                headers = {"If-None-Match": etags[url]} if etags and url in etags else {}
                client.get(url, headers=headers).read()

    _, wall, cpu = _timed(fetch_all)
    return wall, cpu


def run() -> None:
    from collections import Counter

    import httpx
    from sqlmodel import select

    from bot.config import load_settings
    from bot.feeds.polling import poll_due
    from bot.feeds.registry import add_feed
    from bot.fetch.fetcher import Fetcher, FetchPolicy
    from bot.startup import open_timeline
    from bot.store.database import session_scope
    from bot.store.models import Article, ArticleCarrier, EventSource, FeedItem

    port, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(port, ready), daemon=True)
    server.start()
    ready.wait(30)
    base = f"http://127.0.0.1:{port.value}"
    folder = tempfile.mkdtemp(prefix="bench-feeds-")
    settings = load_settings(database_url=f"sqlite:///{folder}/feeds.db",
                             fetch_allow_networks="127.0.0.1/32")
    engine = open_timeline(settings, seed=False, say=lambda _: None)
    feed_urls = [f"{base}/feed/{n}.xml" for n in range(FEEDS)]
    with session_scope(engine) as session:
        for url in feed_urls:
            add_feed(session, url)
    try:
        with Fetcher(FetchPolicy.from_settings(settings)) as fetcher:
            first, wall, cpu = _timed(lambda: poll_due(engine, fetcher, settings, everything=True))
            with session_scope(engine) as session:
                pages = [u for u in session.exec(select(FeedItem.url)).all() if u]
                statuses = Counter(session.exec(select(FeedItem.status)).all())
                articles = len(session.exec(select(Article.id)).all())
                carried = len(session.exec(select(ArticleCarrier.id)).all())
            fetched_pages = httpx.get(f"{base}/served").text.split()
            bare_wall, bare_cpu = _bare_fetch(feed_urls + fetched_pages)
            print(f"first poll: {FEEDS} feeds x {ITEMS} items = {len(pages)} new items; "
                  f"{first.ingested} ingested, {statuses['duplicate']} copies, "
                  f"{first.skipped} skipped off-story, {len(fetched_pages)} pages fetched; "
                  f"{articles} articles stored, {carried} other carriers listed")
            print(f"  wall {wall:.1f} s, CPU {cpu:.1f} s; bare fetch of the same "
                  f"{len(feed_urls) + len(fetched_pages)} URLs: wall {bare_wall:.2f} s, "
                  f"CPU {bare_cpu:.2f} s (x{wall / bare_wall:.0f} wall, x{cpu / bare_cpu:.0f} CPU)")
            routine = []
            for _ in range(3):
                report, wall, cpu = _timed(
                    lambda: poll_due(engine, fetcher, settings, everything=True))
                routine.append((wall, cpu, report.not_modified))
            etags = {url: '"v0"' for url in feed_urls}
            bare_wall, bare_cpu = _bare_fetch(feed_urls, etags)
            wall = sum(r[0] for r in routine) / len(routine)
            cpu = sum(r[1] for r in routine) / len(routine)
            print(f"routine poll (mean of 3): {routine[0][2]} of {FEEDS} answered 304; "
                  f"wall {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms; bare conditional "
                  f"fetch: wall {bare_wall * 1000:.0f} ms, CPU {bare_cpu * 1000:.0f} ms "
                  f"(x{wall / bare_wall:.1f} wall, x{cpu / bare_cpu:.1f} CPU)")
            delays = []
            for feed in range(3):
                appeared = time.perf_counter()
                httpx.get(f"{base}/bump/{feed}")
                poll_due(engine, fetcher, settings, everything=True)
                with session_scope(engine) as session:
                    newest = session.exec(select(Article.id).order_by(Article.id.desc())).first()
                    assert session.exec(
                        select(EventSource.id).where(EventSource.article_id == newest)).first()
                delays.append(time.perf_counter() - appeared)
            print(f"arrival: item appears -> its events answerable in "
                  f"{min(delays):.2f}-{max(delays):.2f} s after the poll tick that finds it "
                  f"(plus at most one interval, FEED_POLL_MINUTES={settings.feed_poll_minutes}"
                  f", + jitter; {timedelta(minutes=settings.feed_poll_minutes)})")
    finally:
        server.terminate()
        server.join(5)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS of the polling process): {peak:.0f} MB")
    _near_copy_lookup(folder)


STORED = 20_000  # a store far bigger than the first poll's, where a scan per arrival shows


def _near_copy_lookup(folder: str) -> None:
    """One arrival's search for near copies among many stored fingerprints: reading the
    column and comparing each in Python (each arrival, as before) against the index kept
    for the poll (one read, then only the rows added since)."""
    import random

    from sqlalchemy import insert
    from sqlmodel import select

    from bot.config import load_settings
    from bot.ingest.batch import catch_up
    from bot.ingest.near_copies import FingerprintIndex, copy_candidates
    from bot.startup import open_timeline
    from bot.store.database import session_scope
    from bot.store.models import Article

    settings = load_settings(database_url=f"sqlite:///{folder}/lookup.db")
    engine = open_timeline(settings, seed=False, say=lambda _: None)
    rng = random.Random(12)
    rows = [
        {"outlet": "Wire", "title": f"Report {n}", "published_at": WHEN, "ingested_at": WHEN,
         "content_hash": f"{n:064x}", "text": "", "source_name": "", "version": 1,
         "simhash": rng.getrandbits(64) - (1 << 63)}
        for n in range(STORED)
    ]
    with session_scope(engine) as session:
        session.execute(insert(Article), rows)
    arrivals = [rng.getrandbits(64) - (1 << 63) for _ in range(50)]

    def scan():
        for print_ in arrivals:
            with session_scope(engine) as session:
                stored = session.exec(
                    select(Article.id, Article.simhash).where(Article.simhash.is_not(None))
                ).all()
                copy_candidates(print_, stored)

    index = FingerprintIndex()

    def build():
        with session_scope(engine) as session:
            catch_up(session, index)

    def search():
        for print_ in arrivals:
            with session_scope(engine) as session:
                catch_up(session, index)
                index.near(print_)

    _, scan_wall, _ = _timed(scan)
    _, build_wall, _ = _timed(build)
    _, index_wall, _ = _timed(search)
    each_scan, each_index = scan_wall / len(arrivals), index_wall / len(arrivals)
    print(f"near-copy search among {STORED:,} stored fingerprints, per arrival: column read "
          f"and compared each time {each_scan * 1000:.1f} ms; index kept for the poll "
          f"{each_index * 1000:.2f} ms (x{each_scan / each_index:.0f} faster; built once in "
          f"{build_wall * 1000:.0f} ms)")


if __name__ == "__main__":
    run()
