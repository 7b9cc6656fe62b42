"""Pytest fixtures for the emulator; tests/conftest.py imports them with
``from tests.emulator.fixtures import *``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from telegram import Bot
from telegram.ext import Application

from tests.emulator.server import BotApiEmulator

__all__ = ["emulator", "emulator_bot", "flood_limited_emulator", "polling"]


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    """A started emulator with Telegram's checks on and flood limits off."""
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
async def flood_limited_emulator() -> AsyncIterator[BotApiEmulator]:
    """A started emulator that also answers 429 past Telegram's flood limits."""
    async with BotApiEmulator(enforce_flood_limits=True) as emu:
        yield emu


@pytest.fixture
async def emulator_bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    """An initialized ``telegram.Bot`` talking to ``emulator``."""
    bot = Bot(emulator.token, base_url=emulator.base_url, base_file_url=emulator.base_file_url)
    async with bot:
        yield bot


@asynccontextmanager
async def polling(app: Application, *, timeout: int = 1) -> AsyncIterator[Application]:
    """Runs ``app`` polling the emulator for the block, then stops and shuts it down."""
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=timeout)
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
