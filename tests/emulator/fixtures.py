"""Pytest fixtures for the emulator; tests/conftest.py imports them with
``from tests.emulator.fixtures import *``."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from tests.emulator.server import BotApiEmulator

__all__ = ["ann", "emulator", "emulator_bot", "flood_limited_emulator", "polling"]

PRIVATE = 4242  # the private chat of "Ann", the emulator tests' usual reader


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


@pytest.fixture
def ann(emulator: BotApiEmulator):
    """Ann's private chat with the bot, already opened."""
    return emulator.private_chat(PRIVATE, "Ann", "ann_reads")


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    """One button per callback data, each on its own row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(d[:10] or "x", callback_data=d)] for d in datas]
    )


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now, for a webhook server under test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
