"""Open the timeline for a command: settings, engine, schema, and the seeds on first run."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.config import SEEDS_DIR, Settings
from bot.store.database import ensure_schema, make_engine, session_scope
from bot.store.models import Article

SECRET_MASK = "***"


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    if token:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactToken(token))


class RedactToken(logging.Filter):
    """Replace the bot token wherever it would appear in a log line."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, SECRET_MASK), None
        return True


def open_timeline(
    settings: Settings, *, seed: bool = True, say: Callable[[str], None] = print
) -> Engine:
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    if seed and _is_empty(engine):
        from bot.ingest.batch import ingest_articles
        from bot.ingest.sources import collect_articles

        report = ingest_articles(engine, collect_articles([SEEDS_DIR]))
        say(
            f"Empty timeline: ingested {len(report.added)} seed articles from {SEEDS_DIR.name}/ "
            f"({report.events_new} events, {len(report.people)} people, {report.quotes} quotes)."
        )
    return engine


def _is_empty(engine: Engine) -> bool:
    with session_scope(engine) as session:
        return session.exec(select(Article.id).limit(1)).first() is None
