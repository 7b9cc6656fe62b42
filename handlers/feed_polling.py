"""The running bot polls its feeds: a tick every minute takes the feeds that are due.

The tick holds no state: the feed rows say what is due and who holds it, so a restart
loses nothing and several processes share the work (see bot/feeds/polling.py).
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.engine import Engine
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.feeds.polling import PollReport, poll_due
from bot.fetch.fetcher import Fetcher, FetchPolicy
from bot.render import esc

log = logging.getLogger(__name__)
TICK_SECONDS = 60


class FeedTick:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    def poll(self) -> PollReport:
        with Fetcher(FetchPolicy.from_settings(self.settings)) as fetcher:
            return poll_due(self.engine, fetcher, self.settings)

    async def __call__(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            report = await asyncio.to_thread(self.poll)
        except Exception:
            log.exception("Feed polling failed; the next tick tries again")
            return
        if report.ingested:
            from handlers.core_bridge import SERVICES_KEY

            services = context.bot_data.get(SERVICES_KEY)
            if services is not None:
                services.answers.expire()  # new articles: cached answers are stale
        for notice in report.disabled:
            log.warning("%s", notice)
            for admin in self.settings.admin_user_ids:
                try:
                    await context.bot.send_message(admin, esc(notice))
                except TelegramError as error:
                    log.warning("Could not tell admin %s a feed was disabled: %s", admin, error)


def install_feed_polling(application: Application, engine: Engine, settings: Settings) -> None:
    if application.job_queue is None:
        log.warning("No JobQueue (install python-telegram-bot[job-queue]): feeds are not polled")
        return
    application.job_queue.run_repeating(
        FeedTick(engine, settings), interval=TICK_SECONDS, first=5, name="feed tick"
    )
