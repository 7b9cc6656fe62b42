"""The emulator in a process of its own: the Bot API on one port, a control API on another.

A bot's throughput means something only when Telegram's side of HTTP is not in the bot's
process: in production the Bot API parses every HTML answer and builds every response on
Telegram's servers.  ``python -m tests.emulator`` starts a BotApiEmulator on 127.0.0.1
and this control API next to it, prints one JSON line with both ports and serves until
told to stop.  The control API (JSON in, JSON out, on its own port so that no path can
collide with a Bot API one):

    GET  /health                       {"ok": true}
    POST /chats     {"chats": [{"user_id": 7, "first_name": "Ann"}]}   -> {"chat_ids": [7]}
    POST /messages  {"messages": [{"chat_id": 7, "user_id": 7, "text": "/help"}]}
                                       -> {"update_ids": [...]}  (the updates queued)
    POST /delays    {"method": "sendMessage", "seconds": 0.02, "times": 100}
    GET  /counts                       what the bot did since the last reset (Counts)
    POST /reset                        counts start again from zero
    POST /shutdown                     the process stops

``RemoteEmulator`` is the client a benchmark uses: it starts the process (with
``--exit-with-stdin``, so that it cannot outlive a benchmark killed midway), waits until
it answers, and stops it.
"""

from __future__ import annotations

import asyncio
import json
import select
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from tests.emulator.server import BotApiEmulator

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_SHOWN = 5


@dataclass
class Counts:
    """What the bot did since the last reset, as the emulator saw it."""

    sent: dict[str, int] = field(default_factory=dict)  # successful sends and edits by method
    sent_per_chat: dict[int, int] = field(default_factory=dict)
    rejected: int = 0  # every call answered with an error, arranged faults included
    check_failures: int = 0  # calls Telegram would refuse: the bot's own bugs
    first_rejections: list[str] = field(default_factory=list)  # descriptions, for a report
    pending_updates: int = 0  # queued for the bot and not yet confirmed by it
    cpu_seconds: float = 0.0  # the emulator's process so far: compare two readings

    @property
    def sent_total(self) -> int:
        return sum(self.sent.values())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Counts:
        return cls(
            sent={str(k): int(v) for k, v in data["sent"].items()},
            sent_per_chat={int(k): int(v) for k, v in data["sent_per_chat"].items()},
            rejected=int(data["rejected"]),
            check_failures=int(data["check_failures"]),
            first_rejections=[str(d) for d in data["first_rejections"]],
            pending_updates=int(data["pending_updates"]),
            cpu_seconds=float(data["cpu_seconds"]),
        )


class EmulatorControl:
    """The control API's operations on an emulator in this process.  The methods are
    coroutines, as RemoteEmulator's are, so a caller can drive either one the same way."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator
        self._sent_from = 0
        self._rejected_from = 0

    @property
    def base_url(self) -> str:
        return self.emulator.base_url

    @property
    def base_file_url(self) -> str:
        return self.emulator.base_file_url

    async def private_chats(self, users: list[tuple[int, str]]) -> list[int]:
        return [self.emulator.private_chat(user_id, name).id for user_id, name in users]

    async def send_texts(self, messages: list[tuple[int, int, str]]) -> list[int]:
        """Queues what users write; returns the ids of the updates the bot will receive."""
        queue = self.emulator.state.queue
        before = len(queue.pending)
        for chat_id, user_id, text in messages:
            chat = self.emulator.state.chats.get(chat_id)
            if chat is None:
                raise LookupError(f"chat {chat_id} was not created")
            self.emulator.send_text(chat, user_id, text)
        # Nothing awaits between the pushes, so the new updates are the tail of the queue.
        return [update.update_id for update in queue.pending[before:]]

    async def delay_next(self, method: str, seconds: float, times: int) -> None:
        self.emulator.delay_next(method, seconds=seconds, times=times)

    async def reset(self) -> None:
        self._sent_from = len(self.emulator.sent)
        self._rejected_from = len(self.emulator.rejected)

    async def counts(self) -> Counts:
        sent = self.emulator.sent[self._sent_from :]
        rejected = self.emulator.rejected[self._rejected_from :]
        failures = [r for r in rejected if r.cause == "check"]
        return Counts(
            sent=dict(Counter(m.method for m in sent)),
            sent_per_chat=dict(Counter(m.chat_id for m in sent if m.chat_id is not None)),
            rejected=len(rejected),
            check_failures=len(failures),
            first_rejections=[f"{r.method}: {r.description}" for r in rejected[:_SHOWN]],
            pending_updates=self.emulator.pending_updates(),
            cpu_seconds=time.process_time(),
        )


def _field(entry: Any, name: str, kind: type) -> Any:
    """``entry[name]`` if it is a ``kind`` (an int passes as a float); 400 otherwise."""
    value = entry.get(name) if isinstance(entry, dict) else None
    accepted = (int, float) if kind is float else (kind,)
    if isinstance(value, bool) or not isinstance(value, accepted):
        raise web.HTTPBadRequest(text=f"{name!r} must be of type {kind.__name__}")
    return value


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as error:
        raise web.HTTPBadRequest(text="the body must be a JSON object") from error
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="the body must be a JSON object")
    return body


def control_app(control: EmulatorControl, stopping: asyncio.Event) -> web.Application:
    """The control API's routes over ``control``; POST /shutdown sets ``stopping``."""

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def chats(request: web.Request) -> web.Response:
        entries = _field(await _json_body(request), "chats", list)
        users = [(_field(e, "user_id", int), str(e.get("first_name", "Ann"))) for e in entries]
        try:
            return web.json_response({"chat_ids": await control.private_chats(users)})
        except ValueError as error:
            raise web.HTTPBadRequest(text=str(error)) from error

    async def messages(request: web.Request) -> web.Response:
        entries = _field(await _json_body(request), "messages", list)
        texts = [
            (_field(e, "chat_id", int), _field(e, "user_id", int), _field(e, "text", str))
            for e in entries
        ]
        try:
            return web.json_response({"update_ids": await control.send_texts(texts)})
        except LookupError as error:
            raise web.HTTPNotFound(text=str(error)) from error

    async def delays(request: web.Request) -> web.Response:
        body = await _json_body(request)
        method, seconds = _field(body, "method", str), float(_field(body, "seconds", float))
        await control.delay_next(method, seconds, _field(body, "times", int))
        return web.json_response({"ok": True})

    async def counts(_request: web.Request) -> web.Response:
        return web.json_response(asdict(await control.counts()))

    async def reset(_request: web.Request) -> web.Response:
        await control.reset()
        return web.json_response({"ok": True})

    async def shutdown(_request: web.Request) -> web.Response:
        stopping.set()
        return web.json_response({"ok": True})

    app = web.Application()
    app.add_routes(
        [
            web.get("/health", health),
            web.post("/chats", chats),
            web.post("/messages", messages),
            web.post("/delays", delays),
            web.get("/counts", counts),
            web.post("/reset", reset),
            web.post("/shutdown", shutdown),
        ]
    )
    return app


async def serve(emulator: BotApiEmulator, stopping: asyncio.Event) -> None:
    """Runs the emulator (configured, not started) and its control API on free ports until
    ``stopping`` is set; announces both ports as one JSON line on stdout once they answer."""
    runner = web.AppRunner(control_app(EmulatorControl(emulator), stopping), access_log=None)
    async with emulator:
        await runner.setup()
        try:
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            ready = {"bot_api_port": emulator.port, "control_port": runner.addresses[0][1]}
            print(json.dumps(ready), flush=True)
            await stopping.wait()
        finally:
            await runner.cleanup()


class RemoteEmulator:
    """A ``python -m tests.emulator`` process and a client of its control API."""

    def __init__(self, process: subprocess.Popen[str], bot_api_port: int, control_port: int):
        self.process = process
        self.base_url = f"http://127.0.0.1:{bot_api_port}/bot"
        self.base_file_url = f"http://127.0.0.1:{bot_api_port}/file/bot"
        self.control_url = f"http://127.0.0.1:{control_port}"
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def start(cls, *arguments: str, timeout: float = 30.0) -> RemoteEmulator:
        """Starts the process (``arguments`` as for ``python -m tests.emulator``) and
        returns once it has announced its ports."""
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "--exit-with-stdin", *arguments],
            cwd=_PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        deadline = time.monotonic() + timeout
        try:
            while not select.select([process.stdout], [], [], 0.1)[0]:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the emulator did not start (exit {process.poll()})")
            ready = json.loads(process.stdout.readline())
        except BaseException:
            process.kill()
            process.wait()
            raise
        return cls(process, ready["bot_api_port"], ready["control_port"])

    def stop(self, timeout: float = 5.0) -> None:
        """Asks the process to stop (SIGTERM, which it handles as POST /shutdown), and
        kills it if it has not stopped within ``timeout`` seconds."""
        if self.process.poll() is None:
            try:
                self.process.terminate()
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()

    async def __aenter__(self) -> RemoteEmulator:
        self._session = aiohttp.ClientSession()
        await self._request("GET", "/health")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        if self._session is None:
            raise RuntimeError("use RemoteEmulator as an async context manager")
        async with self._session.request(method, self.control_url + path, json=body) as answer:
            if answer.status != 200:
                raise RuntimeError(f"control {path}: {answer.status} {await answer.text()}")
            return await answer.json()

    async def private_chats(self, users: list[tuple[int, str]]) -> list[int]:
        chats = [{"user_id": user_id, "first_name": name} for user_id, name in users]
        return (await self._request("POST", "/chats", {"chats": chats}))["chat_ids"]

    async def send_texts(self, messages: list[tuple[int, int, str]]) -> list[int]:
        entries = [{"chat_id": c, "user_id": u, "text": t} for c, u, t in messages]
        return (await self._request("POST", "/messages", {"messages": entries}))["update_ids"]

    async def delay_next(self, method: str, seconds: float, times: int) -> None:
        await self._request(
            "POST", "/delays", {"method": method, "seconds": seconds, "times": times}
        )

    async def reset(self) -> None:
        await self._request("POST", "/reset")

    async def counts(self) -> Counts:
        return Counts.from_json(await self._request("GET", "/counts"))

    async def shutdown(self) -> None:
        await self._request("POST", "/shutdown")
