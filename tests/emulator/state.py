"""What the emulated Telegram knows: users, chats, messages, files, pending updates, and
the record of every call the bot made."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from tests.emulator.errors import Cause


@dataclass
class UserRef:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class ChatRef:
    """A chat as tests name it; ``id`` is what the bot sees as ``chat_id``."""

    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    user: UserRef | None = None  # the other side of a private chat
    admins: set[int] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title
        return data


@dataclass
class ChatStatus:
    """The bot's standing in a chat, which decides how Telegram answers a send."""

    started: bool = True  # a user must have opened a private chat before the bot can write
    blocked: bool = False
    kicked: bool = False
    left: bool = False
    migrated_to: int | None = None
    members: set[int] = field(default_factory=set)  # users seen in a group, for getChatMember
    next_message_id: itertools.count = field(default_factory=lambda: itertools.count(1))


@dataclass
class SentMessage:
    """One successful message-producing call of the bot (a send or an edit)."""

    method: str
    chat_id: int | None
    message_id: int | None
    text: str | None  # as the bot sent it (HTML source when parse_mode is HTML)
    parse_mode: str | None
    plain_text: str | None  # what the user sees after entity parsing
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    reply_to_message_id: int | None
    time: float
    inline_message_id: str | None = None
    document: StoredFile | None = None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """All inline buttons, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class Rejection:
    method: str
    params: dict[str, Any]
    status: int
    description: str
    cause: Cause
    time: float


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    time: float
    status: int = 200


@dataclass
class InlineAnswer:
    query_id: str
    results: list[dict[str, Any]]
    next_offset: str | None
    cache_time: int | None
    is_personal: bool


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str | None
    mime_type: str | None
    content: bytes

    def as_document(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass
class PendingUpdate:
    update_id: int
    kind: str  # the Update field: "message", "callback_query", ...
    payload: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.kind: self.payload}


def quoted(message: dict[str, Any]) -> dict[str, Any]:
    """A message as it appears inside another: Telegram nests reply_to_message one level."""
    return {key: value for key, value in message.items() if key != "reply_to_message"}


# Telegram leaves these out unless getUpdates or setWebhook asks for them by name.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    """Updates wait here until a getUpdates offset or a webhook delivery confirms them."""

    def __init__(self) -> None:
        self._ids = itertools.count(100_001)
        self.pending: list[PendingUpdate] = []
        self.allowed: frozenset[str] | None = None
        self.changed = asyncio.Event()
        self.last_fetch = 0.0

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        wanted = kind not in OPT_IN_UPDATES if self.allowed is None else kind in self.allowed
        update_id = next(self._ids)
        if wanted:
            self.pending.append(PendingUpdate(update_id, kind, payload))
            self.changed.set()
        return update_id

    def set_allowed(self, allowed: Any) -> None:
        if isinstance(allowed, list):
            self.allowed = frozenset(allowed) if allowed else None

    def confirm_below(self, offset: int) -> None:
        self.pending = [u for u in self.pending if u.update_id >= offset]

    def drop_all(self) -> None:
        self.pending.clear()


class CallRecord:
    """Everything the bot did, and an event that fires on each new entry."""

    def __init__(self) -> None:
        self.sent: list[SentMessage] = []
        self.rejected: list[Rejection] = []
        self.calls: list[ApiCall] = []
        self.inline_answers: dict[str, list[InlineAnswer]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.changed = asyncio.Event()
        self.last_activity = time.monotonic()

    def touch(self) -> None:
        self.last_activity = time.monotonic()
        self.changed.set()


@dataclass
class EmulatorState:
    bot: UserRef
    token: str
    # With privacy mode on (Telegram's default) a bot in a group gets commands and replies only.
    privacy_mode: bool = True
    users: dict[int, UserRef] = field(default_factory=dict)
    chats: dict[int, ChatRef] = field(default_factory=dict)
    status: dict[int, ChatStatus] = field(default_factory=dict)
    # (chat_id, message_id) -> the Message object as Telegram would return it
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    # inline_message_id -> the message a user sent through the bot's inline mode
    inline_messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    open_callback_queries: set[str] = field(default_factory=set)
    open_inline_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    queue: UpdateQueue = field(default_factory=UpdateQueue)
    record: CallRecord = field(default_factory=CallRecord)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    def add_chat(self, chat: ChatRef, *, started: bool = True) -> ChatRef:
        self.chats[chat.id] = chat
        self.status.setdefault(chat.id, ChatStatus(started=started))
        return chat

    def next_message_id(self, chat_id: int) -> int:
        return next(self.status[chat_id].next_message_id)

    def store_file(
        self, content: bytes, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        number = next(self._ids)
        extension = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"documents/file_{number}.{extension}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)
