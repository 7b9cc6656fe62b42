"""The python-telegram-bot Application: wiring, defaults, command menus, and running it.

Everything Telegram-specific lives in `handlers/`; answers come from the core in
`bot/replies`, so the bot, the console chat and `timeline-bot ask` cannot disagree.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy.engine import Engine
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseRateLimiter, Defaults

from bot.config import ConfigError, Settings, StartupError
from bot.replies import commands as core
from bot.startup import protect_token
from handlers.callbacks import add_callback_handlers
from handlers.commands import add_command_handlers
from handlers.core_bridge import Services, attach_services
from handlers.errors import on_error
from handlers.feed_polling import install_feed_polling
from handlers.inline import add_inline_handlers
from handlers.migration import add_migration_handlers
from handlers.ordering import ChatOrderedUpdates
from handlers.uploads import add_upload_handlers

log = logging.getLogger(__name__)

# Named, because Telegram keeps the last list it was given when a bot sends none.
# my_chat_member: the digest stops writing to chats that blocked or removed the bot.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,
]
# A RetryAfter (429) is waited out and retried this many times before the send fails.
RATE_LIMIT_RETRIES = 3
# Before serving, getMe is tried this many times, with these pauses between the tries: a Bot
# API server started beside the bot gets about ten seconds to come up.
BOT_API_TRIES = 3
BOT_API_PAUSES = (3.0, 6.0)
BOT_API_TIMEOUT = 5.0
# Updates in flight at once (across chats; see handlers/ordering.py). Each mostly waits on a
# worker thread or on Telegram, so a few more than the default thread pool's size.
CONCURRENT_UPDATES = 8


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    base_url: str | None = None,
    base_file_url: str | None = None,
    rate_limiter: BaseRateLimiter | None = None,
) -> Application:
    """The bot, ready to initialise and run.

    `rate_limiter` replaces the production AIORateLimiter (Telegram's 30/s overall and
    20/min per group); the throughput benchmark passes one without those caps.
    """
    token = _token(settings)
    protect_token(token)
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url or settings.telegram_base_url)
        .base_file_url(base_file_url or settings.file_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(ChatOrderedUpdates(CONCURRENT_UPDATES))
        .post_init(register_commands)
        .build()
    )
    attach_services(
        application, Services(engine, settings, needs_chat_admin=_commands_needing_chat_admin())
    )
    add_handlers(application)
    _install_digest(application, engine, settings)
    install_feed_polling(application, engine, settings)
    return application


def add_handlers(application: Application) -> None:
    # One group: the first handler that matches takes the update, so the catch-all for
    # unknown commands (in add_command_handlers) comes after the named commands.
    add_migration_handlers(application)
    add_upload_handlers(application)
    add_command_handlers(application, [name for name, _ in core.COMMANDS])
    add_callback_handlers(application)
    add_inline_handlers(application)
    application.add_error_handler(on_error)


async def register_commands(application: Application) -> None:
    """The command menus Telegram shows: everything in private chats, a subset in groups."""
    bot = application.bot
    await bot.set_my_commands(
        [BotCommand(name, about) for name, about in core.COMMANDS],
        scope=BotCommandScopeAllPrivateChats(),
    )
    await bot.set_my_commands(
        [BotCommand(name, about) for name, about in core.GROUP_COMMANDS],
        scope=BotCommandScopeAllGroupChats(),
    )


def webhook_arguments(settings: Settings) -> dict[str, Any]:
    """How `run_webhook`/`start_webhook` serve WEBHOOK_URL; PTB's server then refuses any
    request whose X-Telegram-Bot-Api-Secret-Token header is not WEBHOOK_SECRET."""
    if not settings.webhook_url:
        raise ConfigError("Configuration error: WEBHOOK_URL is not set")
    if settings.webhook_secret is None:
        raise ConfigError(
            "Configuration error: WEBHOOK_SECRET must be set when WEBHOOK_URL is, "
            "so that only Telegram can post updates to the bot"
        )
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        # A reverse proxy usually forwards the public path unchanged.
        "url_path": urlsplit(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret.get_secret_value(),
        "allowed_updates": ALLOWED_UPDATES,
    }


class BotApiUnavailable(StartupError):
    """TELEGRAM_BASE_URL does not lead to a working Bot API; the message says what it did."""


def check_bot_api(settings: Settings) -> None:
    """Return once the Bot API answers getMe; otherwise, after BOT_API_TRIES tries, raise
    `BotApiUnavailable` (`ConfigError` at once when it refuses the token)."""
    base = settings.telegram_base_url
    problem = ""
    for attempt in range(BOT_API_TRIES):
        if attempt:
            time.sleep(BOT_API_PAUSES[attempt - 1])
        problem = _get_me_problem(base, _token(settings))
        if problem is None:
            return
        log.debug("Bot API try %d of %d: %s %s", attempt + 1, BOT_API_TRIES, base, problem)
    waited = sum(BOT_API_PAUSES[: BOT_API_TRIES - 1])
    raise BotApiUnavailable(
        f"Telegram error: the Bot API at {base} (TELEGRAM_BASE_URL) {problem}; "
        f"tried {BOT_API_TRIES} times over {waited:.0f} seconds"
    )


def _get_me_problem(base: str, token: str) -> str | None:
    """What is wrong with the Bot API at `base`, or None when getMe succeeds."""
    try:
        response = httpx.post(f"{base}{token}/getMe", timeout=BOT_API_TIMEOUT)
    except httpx.TimeoutException:
        return f"did not answer within {BOT_API_TIMEOUT:.0f} seconds"
    except httpx.HTTPError as error:
        # Transport errors carry the socket's reason, not the URL (which holds the token).
        return f"cannot be reached ({error or type(error).__name__})"
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "ok" not in body:
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        return f"is not a Telegram Bot API (it answered HTTP {response.status_code}, {kind})"
    if body["ok"]:
        return None
    if response.status_code == 401:
        raise ConfigError(
            f"Configuration error: TELEGRAM_BOT_TOKEN was refused by the Bot API at {base} "
            "(401 Unauthorized); copy the token again from @BotFather"
        )
    return f"answered {response.status_code} {body.get('description', '')}".rstrip()


def run_bot(settings: Settings, engine: Engine) -> None:
    """Serve until interrupted: webhook mode when WEBHOOK_URL is set, polling otherwise."""
    application = build_application(settings, engine)
    if settings.webhook_url:
        arguments = webhook_arguments(settings)
        log.info("Serving webhook on %s:%s", arguments["listen"], arguments["port"])
        application.run_webhook(**arguments)
    else:
        log.info("Polling %s", settings.telegram_base_url)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)


def _token(settings: Settings) -> str:
    if settings.telegram_bot_token is None:
        raise ConfigError("Configuration error: TELEGRAM_BOT_TOKEN is not set")
    return settings.telegram_bot_token.get_secret_value()


def _commands_needing_chat_admin() -> frozenset[str]:
    needed: set[str] = set()
    for name in ("bot.digest.commands", "bot.watches.commands"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        needed |= set(getattr(module, "NEEDS_CHAT_ADMIN", ()))
    return frozenset(needed)


def _install_digest(application: Application, engine: Engine, settings: Settings) -> None:
    # Imported here: the digest is its own package, and the bot answers lookups without it.
    try:
        digest = importlib.import_module("handlers.digest")
    except ImportError as error:
        if not (error.name or "").startswith(("handlers.digest", "bot.digest")):
            raise
        log.warning("The daily digest is not installed (%s); lookups only", error)
        return
    pacing = importlib.import_module("bot.digest.pacing").Pacing()
    digest.install_digest(application, engine, settings, pacing)
    # Alerts share the digest's pacing: one message in flight, alerts first.
    importlib.import_module("handlers.watches").install_watches(
        application, engine, settings, pacing
    )
