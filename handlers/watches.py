"""Watch alerts' Telegram side: a tick every WATCH_TICK_SECONDS that matches the facts any
process logged since, releases held summaries and sends what is due, through the same
paced sender and pacing as the digest (alerts go first)."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine
from telegram.ext import Application

from bot.config import Settings
from bot.digest.pacing import Pacing
from bot.watches.alerts import AlertOutbox
from handlers.digest import SendTick
from handlers.paced_sender import PacedSender

log = logging.getLogger(__name__)

ALERT_SENDER_KEY = "watch_alert_sender"


def install_watches(
    application: Application, engine: Engine, settings: Settings, pacing: Pacing
) -> None:
    sender = PacedSender(application.bot, engine, pacing=pacing,
                         keep_going=lambda: application.running)
    outbox = AlertOutbox(cap=settings.watch_alerts_per_hour)
    application.bot_data[ALERT_SENDER_KEY] = sender
    if application.job_queue is None:
        log.warning("No JobQueue (install python-telegram-bot[job-queue]): no watch alerts")
        return
    application.job_queue.run_repeating(
        SendTick(lambda: sender.run(outbox), "watch alert"),
        interval=settings.watch_tick_seconds, first=1, name="watch tick",
    )
