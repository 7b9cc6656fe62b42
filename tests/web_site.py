"""A real HTTP server on 127.0.0.1 (aiohttp, in its own thread) serving feeds and pages.

Tests put `Page`s at paths and change them between polls; the server answers conditional
GETs with 304 as a real outlet does, and counts what it was asked.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between 1 KB chunks of the body
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class LocalSite:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        ready = threading.Event()
        thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        thread.start()
        ready.wait(10)
        self._thread = thread

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.pages else request.path
        self.hits[path] += 1
        self.user_agents.append(request.headers.get("User-Agent", ""))
        page = self.pages.get(path)
        if page is None:
            return web.Response(status=404, text="not here")
        if page.delay:
            await asyncio.sleep(page.delay)
        headers = dict(page.headers)
        if page.etag:
            headers["ETag"] = page.etag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        if page.location:
            headers["Location"] = page.location
            return web.Response(status=page.status, headers=headers)
        if self._unchanged(request, page):
            self.not_modified[path] += 1
            return web.Response(status=304, headers=headers)
        body = page.body
        if page.gzip and "gzip" in request.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = page.content_type
        if not page.drip:
            return web.Response(status=page.status, body=body, headers=headers)
        response = web.StreamResponse(status=page.status, headers=headers)
        await response.prepare(request)
        for start in range(0, len(body), 1024):
            await response.write(body[start : start + 1024])
            await asyncio.sleep(page.drip)
        await response.write_eof()
        return response

    @staticmethod
    def _unchanged(request: web.Request, page: Page) -> bool:
        if page.etag and request.headers.get("If-None-Match") == page.etag:
            return True
        since = request.headers.get("If-Modified-Since")
        return bool(page.last_modified and since == page.last_modified and not page.etag)
