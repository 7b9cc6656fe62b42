"""Bot API parameters from any of the encodings Telegram accepts.

PTB sends form fields with strings as they are and everything else JSON-encoded, and
multipart when it uploads a file; other clients send one JSON body. Telegram takes all of
them, so the emulator reads them into one typed view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_request import FileField

from tests.emulator.errors import bad_request

_JSON_FIELDS = frozenset(
    {
        "allowed_updates",
        "button",
        "caption_entities",
        "commands",
        "entities",
        "link_preview_options",
        "media",
        "reply_markup",
        "reply_parameters",
        "results",
        "scope",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    file_name: str | None
    content: bytes
    mime_type: str | None


async def read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return params
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON object") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        params.update(body)
        return params
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, FileField):
            params[name] = UploadedFile(value.filename, value.file.read(), value.content_type)
        elif name in _JSON_FIELDS:
            try:
                params[name] = json.loads(value)
            except ValueError as exc:
                raise bad_request(f"can't parse {name} JSON object") from exc
        else:
            params[name] = value
    return params


class Params:
    """Typed reads of one call's parameters; wrong types answer 400 like Telegram."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) is not None

    def get(self, name: str, default: Any = None) -> Any:
        value = self.raw.get(name)
        return default if value is None else value

    def int(self, name: str, default: int | None = None, *, required: bool = False) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f'parameter "{name}" is required')
            return default
        if isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Integer')
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise bad_request(f'field "{name}" must be of type Integer') from exc

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.raw.get(name)
        return default if value is None else str(value)

    def flag(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def chat_id(self, name: str = "chat_id") -> int:
        value = self.raw.get(name)
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            # "@username" addresses public channels and supergroups, which the emulator lacks
            raise bad_request("chat not found") from exc

    def reply_to(self) -> tuple[int | None, bool]:
        """The message replied to and whether a missing one may be ignored."""
        reply = self.raw.get("reply_parameters")
        if isinstance(reply, dict) and reply.get("message_id") is not None:
            return int(reply["message_id"]), bool(reply.get("allow_sending_without_reply"))
        return self.int("reply_to_message_id"), self.flag("allow_sending_without_reply")
