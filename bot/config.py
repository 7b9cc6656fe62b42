"""Every setting of the bot, read once from the environment and `.env`.

Each field is documented in `.env.example`; keep the two in step.
"""

from __future__ import annotations

import re
from datetime import time
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.paths import DATA_DIR

DEFAULT_SQLITE_PATH = DATA_DIR / "timeline.db"

TELEGRAM_API = "https://api.telegram.org/bot"
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_LOG_LEVELS = {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}


class StartupError(Exception):
    """The program cannot start (a setting, the database, the Bot API); the message is one
    line fit to show as is, and `timeline-bot` prints it instead of a traceback."""


class ConfigError(StartupError):
    """A setting has a bad value; the message names it and is fit to show as is."""


# What each setting accepts, in our words: pydantic's own ("Input should be greater than 0")
# names neither the setting nor an example.  Our validators' messages say the same things.
ACCEPTED = {
    "story": "must be 3 to 120 characters naming the story, e.g. the Gaza ceasefire negotiations",
    "telegram_bot_token": "must be the token from @BotFather (digits, a colon, then letters)",
    "telegram_base_url": "must be an http(s) URL such as http://127.0.0.1:8081/bot",
    "telegram_base_file_url": "must be an http(s) URL such as http://127.0.0.1:8081/file/bot",
    "database_url": "must start with sqlite:/// or postgresql://",
    "admin_user_ids": "must be Telegram user ids separated by commas, e.g. 1234,5678",
    "default_timezone": "must be an IANA time zone such as Europe/London",
    "digest_default_time": "must be a time of day as HH:MM, e.g. 07:30",
    "digest_late_window_hours": "must be a positive number of hours, e.g. 6 or 0.5",
    "log_level": "must be one of CRITICAL, DEBUG, ERROR, INFO, WARNING",
    "webhook_url": "must be an https:// URL that Telegram can reach",
    "webhook_secret": "must be 1-256 characters of A-Z, a-z, 0-9, _ and -",
    "webhook_listen": "must be an address to listen on, e.g. 0.0.0.0 or 127.0.0.1",
    "webhook_port": "must be a port number from 1 to 65535, e.g. 8443",
    "fetch_timeout_seconds": "must be a positive number of seconds, e.g. 20",
    "fetch_max_bytes": "must be a positive number of bytes, e.g. 5000000",
    "fetch_user_agent": "must be 3 to 200 characters naming the bot, e.g. TimelineBot/0.1",
    "fetch_allow_networks": "must be CIDR networks separated by commas, e.g. 127.0.0.1/32",
    "feed_poll_minutes": "must be a whole number of minutes, at least 5, e.g. 15",
    "feed_max_failures": "must be a whole number of failures, at least 1, e.g. 10",
    "watch_limit_per_chat": "must be a whole number of watches from 1 to 100, e.g. 20",
    "watch_alerts_per_hour": "must be a whole number of alerts, at least 1, e.g. 10",
    "watch_tick_seconds": "must be a number of seconds from 1 to 60, e.g. 10",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    story: str = Field(default="the Gaza ceasefire negotiations", min_length=3, max_length=120)
    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = TELEGRAM_API
    telegram_base_file_url: str | None = None
    database_url: str = Field(default_factory=lambda: f"sqlite:///{DEFAULT_SQLITE_PATH}")
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_timezone: str = "UTC"
    digest_default_time: time = time(7, 0)
    digest_late_window_hours: float = Field(default=6.0, gt=0)
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    fetch_timeout_seconds: float = Field(default=20.0, gt=0)
    fetch_max_bytes: int = Field(default=5_000_000, gt=0)
    fetch_user_agent: str = Field(
        default="TimelineBot/0.1 (news timeline bot; polls feeds politely)",
        min_length=3,
        max_length=200,
    )
    fetch_allow_networks: Annotated[tuple[IPv4Network | IPv6Network, ...], NoDecode] = ()
    feed_poll_minutes: int = Field(default=15, ge=5)
    feed_max_failures: int = Field(default=10, ge=1)
    watch_limit_per_chat: int = Field(default=20, ge=1, le=100)
    watch_alerts_per_hour: int = Field(default=10, ge=1)
    watch_tick_seconds: float = Field(default=10.0, ge=1, le=60)

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not _TOKEN_SHAPE.match(value.strip()):
            # Never echo the value: a mistyped token is still mostly a secret.
            raise ValueError(ACCEPTED["telegram_bot_token"])
        return value.strip()

    @field_validator("telegram_base_url", "telegram_base_file_url")
    @classmethod
    def _http_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value:
            return TELEGRAM_API if info.field_name == "telegram_base_url" else None
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(ACCEPTED[info.field_name])
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError(ACCEPTED["database_url"])
        if value.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            if not all(re.fullmatch(r"-?\d+", p) for p in parts):
                raise ValueError(ACCEPTED["admin_user_ids"])
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("fetch_allow_networks", mode="before")
    @classmethod
    def _networks(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return tuple(
                    ip_network(p, strict=False) for p in re.split(r"[,\s]+", value.strip()) if p
                )
            except ValueError:
                raise ValueError(ACCEPTED["fetch_allow_networks"]) from None
        return value

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(ACCEPTED["default_timezone"]) from None
        return value

    @field_validator("digest_default_time", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError(ACCEPTED["digest_default_time"])
            return time(int(match[1]), int(match[2]))
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in _LOG_LEVELS:
            raise ValueError(ACCEPTED["log_level"])
        return value.upper()

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
            # Telegram's own rule for secret_token.
            raise ValueError(ACCEPTED["webhook_secret"])
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith("https://") and not value.startswith("http://127.0.0.1"):
            raise ValueError(ACCEPTED["webhook_url"])
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError(
                "WEBHOOK_SECRET must be set when WEBHOOK_URL is (1-256 characters of A-Z, a-z, "
                "0-9, _ and -), so that only Telegram can post updates to the bot"
            )
        return self

    @property
    def file_base_url(self) -> str:
        if self.telegram_base_file_url:
            return self.telegram_base_file_url
        return re.sub(r"/bot$", "/file/bot", self.telegram_base_url)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if not first["loc"]:
        return message  # a rule between settings names them itself
    field = str(first["loc"][0])
    if first["type"] != "value_error":
        message = ACCEPTED.get(field, message)
    return f"{field.upper()} {message}"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line that names the setting."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(f"Configuration error: {_describe(error)}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
