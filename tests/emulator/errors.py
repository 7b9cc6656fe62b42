"""The error answer of the Bot API, raised anywhere in the emulator and turned into JSON once."""

from __future__ import annotations

from typing import Any, Literal

# Why an error was answered, so a test can tell the bot's own mistakes ("check") from
# conditions the test arranged on purpose (an injected "fault", or chat "state" such as a
# blocked user, a migrated group or a flood limit).
Cause = Literal["check", "fault", "state"]


class ApiError(Exception):
    """An answer with ``ok: false``, exactly as Telegram shapes it."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        parameters: dict[str, Any] | None = None,
        cause: Cause = "check",
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters
        self.cause: Cause = cause

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")
