"""Webhook mode: once the bot sets a webhook, Telegram POSTs it the updates one by one,
retrying each until the bot's server answers 2xx, and refuses getUpdates."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from tests.emulator.errors import ApiError, bad_request
from tests.emulator.params import Params
from tests.emulator.state import UpdateQueue

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
_RETRY_FIRST, _RETRY_MAX = 0.05, 1.0


def webhook_conflict() -> ApiError:
    return ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first",
    )


class WebhookSender:
    def __init__(self, queue: UpdateQueue) -> None:
        self.queue = queue
        self.url = ""
        self.secret_token: str | None = None
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered = 0
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        return bool(self.url)

    async def set(self, p: Params) -> bool:
        url = p.text("url") or ""
        if not url:
            return await self.delete(p)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname not in _LOCAL_HOSTS:
            raise bad_request("bad webhook: the emulator delivers to 127.0.0.1 only")
        secret = p.text("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        if p.flag("drop_pending_updates"):
            self.queue.drop_all()
        self.queue.set_allowed(p.get("allowed_updates"))
        await self._stop_task()
        self.url, self.secret_token = url, secret
        self.last_error_date = self.last_error_message = None
        self._task = asyncio.create_task(self._deliver(), name="emulator-webhook")
        self.queue.changed.set()  # a long poll still waiting must end now
        return True

    async def delete(self, p: Params) -> bool:
        await self._stop_task()
        self.url, self.secret_token = "", None
        if p.flag("drop_pending_updates"):
            self.queue.drop_all()
        return True

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.queue.pending),
        }
        if self.url:
            info.update(max_connections=40, ip_address="127.0.0.1")
        if self.last_error_date is not None:
            info.update(
                last_error_date=self.last_error_date, last_error_message=self.last_error_message
            )
        return info

    async def close(self) -> None:
        await self._stop_task()

    async def _stop_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _deliver(self) -> None:
        retry = _RETRY_FIRST
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while True:
                if not self.queue.pending:
                    self.queue.changed.clear()
                    await self.queue.changed.wait()
                    continue
                update = self.queue.pending[0]
                if await self._post(session, update.as_dict()):
                    self.queue.confirm_below(update.update_id + 1)
                    self.queue.last_fetch = time.monotonic()
                    self.delivered += 1
                    retry = _RETRY_FIRST
                else:
                    await asyncio.sleep(retry)
                    retry = min(retry * 2, _RETRY_MAX)

    async def _post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        headers = {}
        if self.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token
        try:
            async with session.post(self.url, json=update, headers=headers) as response:
                if 200 <= response.status < 300:
                    return True
                error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {exc.__class__.__name__}"
        self.last_error_date, self.last_error_message = int(time.time()), error
        return False
