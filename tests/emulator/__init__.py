"""A local Telegram Bot API for end-to-end tests: validates like Telegram, fails on request."""

from tests.emulator.errors import ApiError
from tests.emulator.faults import FloodLimits
from tests.emulator.server import BotApiEmulator
from tests.emulator.state import ApiCall, ChatRef, InlineAnswer, Rejection, SentMessage, UserRef

__all__ = [
    "ApiCall",
    "ApiError",
    "BotApiEmulator",
    "ChatRef",
    "FloodLimits",
    "InlineAnswer",
    "Rejection",
    "SentMessage",
    "UserRef",
]
