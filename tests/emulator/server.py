"""The emulated Bot API server: aiohttp on 127.0.0.1, routing, long polling, lifecycle."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import web
from telegram.ext import ApplicationBuilder

from tests.emulator.chat_methods import ChatMethods
from tests.emulator.errors import ApiError
from tests.emulator.faults import FaultPlan, FloodControl, FloodLimits, InjectedDelay, InjectedError
from tests.emulator.message_methods import MessageMethods
from tests.emulator.params import Params, read_params
from tests.emulator.record_view import RecordView
from tests.emulator.state import ApiCall, EmulatorState, Rejection, UserRef
from tests.emulator.user_actions import UserActions
from tests.emulator.webhook import WebhookSender, webhook_conflict

log = logging.getLogger(__name__)

_POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class BotMethods(MessageMethods, ChatMethods):
    """The synchronous Bot API methods, looked up case-insensitively as Telegram does."""

    def __init__(self, state: EmulatorState, flood: FloodControl | None) -> None:
        super().__init__(state, flood)
        self.names = {n.lower(): n for n in self.MESSAGE_METHODS + self.CHAT_METHODS}


class BotApiEmulator(UserActions, RecordView):
    """A local Telegram Bot API that validates like Telegram and fails on request.

    Point python-telegram-bot at ``base_url`` and ``base_file_url``; act as users with
    ``send_text``, ``press_button`` and friends; read what the bot did from ``sent``,
    ``calls`` and ``rejected``.
    """

    def __init__(
        self,
        *,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "TimelineTestBot",
        enforce_flood_limits: bool = False,
        flood_limits: FloodLimits | None = None,
        privacy_mode: bool = True,
    ) -> None:
        bot = UserRef(int(token.split(":", 1)[0]), "Timeline Test Bot", bot_username, None, True)
        state = EmulatorState(bot=bot, token=token, privacy_mode=privacy_mode)
        UserActions.__init__(self, state)
        self.token = token
        self.faults = FaultPlan()
        self.flood = FloodControl(flood_limits or FloodLimits()) if enforce_flood_limits else None
        self.methods = BotMethods(state, self.flood)
        self.webhook = WebhookSender(state.queue)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._poll_generation = 0
        self._closing = False

    @property
    def polls(self) -> int:
        """How many getUpdates calls the bot has made: ``polls >= 2`` means it is polling."""
        return self._poll_generation

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def application_builder(self) -> ApplicationBuilder:
        """An ApplicationBuilder already pointed at this emulator with its token."""
        return (
            ApplicationBuilder()
            .token(self.token)
            .base_url(self.base_url)
            .base_file_url(self.base_file_url)
        )

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._route)
        # handler_cancellation: a client that gives up (timeout, killed bot) ends its handler,
        # so an abandoned long poll neither lingers nor competes with the next one.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self._closing = True
        self.state.queue.changed.set()
        await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # faults -----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` (to ``chat_id`` if given) fail with
        ``status``: 429 carries ``parameters.retry_after`` (default 1), others a plain text."""
        self.faults.errors.append(
            InjectedError(method, chat_id, times, status, retry_after, description)
        )

    def delay_next(
        self,
        method: str,
        *,
        seconds: float,
        chat_id: int | None = None,
        executed: bool = True,
        times: int = 1,
    ) -> None:
        """Answers the next calls late, to outlast the client's timeout. ``executed=True``:
        the call takes effect at once and only its answer is lost (a retry duplicates it);
        ``executed=False``: the request is held unprocessed and dropped if the client leaves."""
        self.faults.delays.append(InjectedDelay(method, chat_id, times, seconds, executed))

    # HTTP -------------------------------------------------------------------------------

    def _error_response(self, error: ApiError) -> web.Response:
        return web.json_response(error.payload(), status=error.status)

    async def _route(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        if path.startswith("file/bot"):
            token, _, file_path = path.removeprefix("file/bot").partition("/")
            if token != self.token:
                return self._error_response(ApiError(401, "Unauthorized"))
            stored = self.state.file_by_path(file_path)
            if stored is None:
                return self._error_response(ApiError(404, "Not Found"))
            return web.Response(body=stored.content)
        if not path.startswith("bot") or "/" not in path:
            return self._error_response(ApiError(404, "Not Found"))
        token, _, method = path.removeprefix("bot").partition("/")
        if token != self.token:
            return self._error_response(ApiError(401, "Unauthorized"))
        return await self._api(request, method)

    async def _api(self, request: web.Request, method: str) -> web.Response:
        name = self.methods.names.get(method.lower(), method)
        raw: dict[str, Any] = {}
        call = ApiCall(name, raw, time.time())
        try:
            raw.update(await read_params(request))
            if name.lower() == "getupdates":
                injected = self.faults.take_error("getUpdates", None)
                if injected is not None:
                    raise injected
                return web.json_response({"ok": True, "result": await self._get_updates(raw)})
            self.state.record.calls.append(call)
            self.state.record.touch()
            result = await self._call(name, Params(raw))
        except ApiError as error:
            call.status = error.status
            self.state.record.rejected.append(
                Rejection(name, raw, error.status, error.description, error.cause, time.time())
            )
            # Only the bot's own mistakes are warnings; arranged faults and floods are routine.
            level = logging.WARNING if error.cause == "check" else logging.INFO
            log.log(level, "emulator rejected %s %s: %s", name, raw, error.description)
            self.state.record.touch()
            return self._error_response(error)
        self.state.record.touch()
        return web.json_response({"ok": True, "result": result})

    async def _call(self, name: str, params: Params) -> Any:
        try:
            chat_id = int(params.get("chat_id"))
        except (TypeError, ValueError):
            chat_id = None
        injected = self.faults.take_error(name, chat_id)
        if injected is not None:
            raise injected
        delay = self.faults.take_delay(name, chat_id)
        if delay is not None and not delay.executed:
            await asyncio.sleep(delay.seconds)
        result = await self._execute(name, params)
        if delay is not None and delay.executed:
            await asyncio.sleep(delay.seconds)
        return result

    async def _execute(self, name: str, params: Params) -> Any:
        if name == "setWebhook":
            return await self.webhook.set(params)
        if name == "deleteWebhook":
            return await self.webhook.delete(params)
        if name == "getWebhookInfo":
            return self.webhook.info()
        if name.lower() not in self.methods.names:
            raise ApiError(404, "Not Found")
        return getattr(self.methods, name)(params)

    async def _get_updates(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook.active:
            raise webhook_conflict()
        params, queue = Params(raw), self.state.queue
        offset = params.int("offset", 0) or 0
        limit = min(max(params.int("limit", 100) or 100, 1), 100)
        timeout = max(params.int("timeout", 0) or 0, 0)
        queue.set_allowed(params.get("allowed_updates"))
        if offset < 0:
            queue.pending = queue.pending[offset:]
        elif offset:
            queue.confirm_below(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        queue.changed.set()  # wakes a poll this one supersedes
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._closing:
            if self.webhook.active:
                raise webhook_conflict()
            if generation != self._poll_generation:
                raise ApiError(409, _POLL_CONFLICT)
            remaining = deadline - loop.time()
            if queue.pending or remaining <= 0:
                break
            queue.changed.clear()
            try:
                await asyncio.wait_for(queue.changed.wait(), remaining)
            except TimeoutError:
                break
        batch = [update.as_dict() for update in queue.pending[:limit]]
        if batch:
            queue.last_fetch = time.monotonic()
            self.state.record.touch()
        return batch
