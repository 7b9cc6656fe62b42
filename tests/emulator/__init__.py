"""A local Telegram Bot API for end-to-end tests: validates like Telegram, fails on request.

    async def test_rounds(emulator):                      # fixture from tests.emulator.fixtures
        app = emulator.application_builder().build()     # token, base_url, base_file_url set
        add_handlers(app)
        async with polling(app):
            ann = emulator.private_chat(42, "Ann")
            emulator.send_text(ann, 42, "/rounds doha")
            [reply] = await emulator.wait_for(lambda: emulator.messages_to(42))
            await emulator.wait_idle()
        assert "Doha" in reply.plain_text
        assert emulator.rejected == []                   # Telegram would have taken every call

Groups have privacy mode on, as on Telegram: the bot gets commands and replies to its own
messages only (``BotApiEmulator(privacy_mode=False)`` or the bot among the admins: all).
Flood limits, when enforced, count sends (not edits): 30 a second overall, 1 a second per
private chat after a burst of 3, 20 a minute per group.
"""

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
