"""Open the timeline for a command: settings, engine, schema, and the seeds on first run."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.config import Settings
from bot.paths import SEEDS_DIR
from bot.store.database import (
    current_revision,
    head_revision,
    make_engine,
    reaching_database,
    session_scope,
    upgrade_if_behind,
)
from bot.store.locks import startup_lock
from bot.store.models import Article

SECRET_MASK = "***"


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    if token:
        protect_token(token)
    else:
        _quiet_request_logs()


class RedactToken(logging.Filter):
    """Masks bot tokens, and their secret halves, in a record: message, traceback, stack.

    The part after the colon is the secret (the bot id before it is public), so it is
    masked on its own too: an exception can quote it without the id.
    """

    def __init__(self, token: str) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.add(token)

    def add(self, token: str) -> None:
        found = {token, token.split(":", 1)[-1]} | set(self.secrets)
        self.secrets = sorted((s for s in found if s), key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, SECRET_MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report, not ours
            return True
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            # Formatters reuse exc_text when it is set, so the traceback is cleaned once, here.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_redactor: RedactToken | None = None


def protect_token(token: str) -> None:
    """From now on no log record of this process shows `token`.

    Records are cleaned as they are made (a log record factory), not by a handler or
    logger filter: a logger filter never sees records propagated from child loggers
    (PTB's, httpx's), and a handler filter misses handlers added later (pytest's
    capture, a deployment's JSON handler).
    """
    global _redactor
    _quiet_request_logs()
    if _redactor is not None:
        _redactor.add(token)
        return
    redactor = _redactor = RedactToken(token)
    make_record = logging.getLogRecordFactory()

    def make_redacted_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(make_redacted_record)


def _quiet_request_logs() -> None:
    # httpx and httpcore log every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def open_timeline(
    settings: Settings, *, seed: bool = True, say: Callable[[str], None] = print
) -> Engine:
    """The engine, once the schema is current and (with `seed`) the timeline is not empty.

    Several processes may start at once on an empty database (bot replicas, a cron job):
    they take turns under the startup lock, so one migrates and ingests the seeds and the
    others find both done.  A database that cannot be reached is one line
    (`DatabaseUnavailable`), not a traceback.
    """
    engine = make_engine(settings.database_url)
    with reaching_database(settings.database_url):
        if _ready(engine, seed=seed):
            return engine
        with startup_lock(engine):
            upgrade_if_behind(engine)
            if seed and _is_empty(engine):
                _ingest_seeds(engine, say)
    return engine


def _ready(engine: Engine, *, seed: bool) -> bool:
    if current_revision(engine) != head_revision():
        return False
    return not (seed and _is_empty(engine))


def _ingest_seeds(engine: Engine, say: Callable[[str], None]) -> None:
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles

    report = ingest_articles(engine, collect_articles([SEEDS_DIR]))
    say(
        f"Empty timeline: ingested {len(report.added)} seed articles from {SEEDS_DIR.name}/ "
        f"({report.events_new} events, {len(report.people)} people, {report.quotes} quotes)."
    )


def _is_empty(engine: Engine) -> bool:
    with session_scope(engine) as session:
        return session.exec(select(Article.id).limit(1)).first() is None
