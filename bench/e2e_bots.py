"""The bots the end-to-end benchmark measures, and how it starts, watches and stops them.

- echo floor: a minimal python-telegram-bot bot answering every text with the same text;
- same HTML: that bot sending, precomputed, the exact messages our bot sends (diagnostic);
- ours: handlers.app.build_application as in production, with Telegram's caps at 0.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.replies.arguments import split_command
from bot.replies.commands import answer, answer_text
from bot.replies.reply import Asker
from handlers.app import ALLOWED_UPDATES, CONCURRENT_UPDATES, build_application
from handlers.send import inline_keyboard, pages_to_send
from tests.emulator.control import EmulatorControl, RemoteEmulator
from tests.emulator.server import BotApiEmulator
from tests.test_bot_e2e_harness import BOT_USERNAME, TOKEN, make_settings


async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


# The messages our bot sends for one question: its pages and the first one's keyboard.
AnswerAsSent = tuple[list[str], InlineKeyboardMarkup | None]


def replying_with(answers: dict[str, AnswerAsSent]):
    async def reply(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        pages, keyboard = answers[update.message.text]
        for number, page in enumerate(pages):
            await update.message.reply_text(
                page,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                reply_markup=keyboard if number == 0 else None,
            )

    return reply


def answers_as_sent(engine, questions: list[str]) -> dict[str, AnswerAsSent]:
    """The messages our bot sends for each question, as handlers/send.py sends them."""
    from bot.store.database import session_scope

    asker = Asker(user_id=10_000, chat_id=10_000)
    answers = {}
    with session_scope(engine) as session:
        for question in set(questions):
            parsed = split_command(question, BOT_USERNAME)
            if parsed is None:
                reply = answer_text(session, question, asker)
            else:
                reply = answer(session, *parsed, asker)
            assert reply is not None, question
            answers[question] = (pages_to_send(reply), inline_keyboard(reply.keyboard(0)))
    return answers


# What the benchmark drives: the emulator in this process or in its own, alike.
EmulatorSide = EmulatorControl | RemoteEmulator


@contextlib.asynccontextmanager
async def emulator_side(process: RemoteEmulator | None) -> AsyncIterator[EmulatorSide]:
    if process is not None:
        async with process:
            yield process
        return
    async with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME) as emulator:
        yield EmulatorControl(emulator)


@dataclass
class MeasuredBot:
    """A polling Application and the updates it has finished with (every handler and the
    error handler done: a TypeHandler in the last group sees each update after them)."""

    application: Application
    handled: set[int] = field(default_factory=set)
    progress: asyncio.Event = field(default_factory=asyncio.Event)

    async def mark_handled(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        self.handled.add(update.update_id)
        self.progress.set()

    async def finished(self, update_ids: list[int], timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while not self.handled.issuperset(update_ids):
                self.progress.clear()
                await self.progress.wait()


async def start_polling(application: Application) -> MeasuredBot:
    """Starts the Application as run_polling would, with a short long-poll."""
    bot = MeasuredBot(application)
    application.add_handler(TypeHandler(Update, bot.mark_handled), group=1_000)
    await application.initialize()
    if application.post_init is not None:  # run_polling would call it; starting by hand, we do
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES
    )
    return bot


async def stop_bot(bot: MeasuredBot) -> None:
    application = bot.application
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()


def echo_bot(side: EmulatorSide, answers: dict[str, AnswerAsSent] | None = None) -> Application:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(side.base_url)
        .base_file_url(side.base_file_url)
        .concurrent_updates(CONCURRENT_UPDATES)
        .build()
    )
    callback = _echo if answers is None else replying_with(answers)
    application.add_handler(MessageHandler(filters.TEXT, callback))
    return application


def our_bot(side: EmulatorSide, engine, scratch: Path) -> Application:
    uncapped = AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)
    return build_application(
        make_settings(scratch),
        engine,
        base_url=side.base_url,
        base_file_url=side.base_file_url,
        rate_limiter=uncapped,
    )
