"""What every Bot API method shares: finding the chat the bot writes to, answering for its
standing there, and Telegram's flood limits."""

from __future__ import annotations

import time
from typing import Any

from tests.emulator.errors import ApiError, bad_request
from tests.emulator.faults import FloodControl
from tests.emulator.html_parse import FormattedText
from tests.emulator.params import Params
from tests.emulator.state import ChatRef, EmulatorState, SentMessage, quoted


class MethodBase:
    def __init__(self, state: EmulatorState, flood: FloodControl | None) -> None:
        self.state = state
        self.flood = flood

    def known_chat(self, chat_id: int) -> ChatRef:
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, chat_id: int) -> ChatRef:
        """The chat, if Telegram would let the bot act in it; the errors bots meet otherwise."""
        chat = self.known_chat(chat_id)
        status = self.state.status[chat_id]
        if status.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                parameters={"migrate_to_chat_id": status.migrated_to},
                cause="state",
            )
        if chat.type == "private":
            if status.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user", cause="state")
            if not status.started:
                raise ApiError(
                    403, "Forbidden: bot can't initiate conversation with a user", cause="state"
                )
        elif status.kicked:
            raise ApiError(
                403, f"Forbidden: bot was kicked from the {chat.type} chat", cause="state"
            )
        elif status.left:
            raise ApiError(
                403, f"Forbidden: bot is not a member of the {chat.type} chat", cause="state"
            )
        return chat

    def admit(self, chat_id: int) -> None:
        if self.flood is not None:
            self.flood.admit(chat_id)

    def reply_target(self, chat_id: int, params: Params) -> dict[str, Any] | None:
        message_id, allow_missing = params.reply_to()
        if message_id is None:
            return None
        target = self.state.messages.get((chat_id, message_id))
        if target is None and not allow_missing:
            raise bad_request("message to be replied not found")
        return target

    def bot_message(
        self, chat: ChatRef, reply_to: dict[str, Any] | None, **content: Any
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self.state.next_message_id(chat.id),
            "from": self.state.bot.as_dict(),
            "chat": chat.as_dict(),
            "date": int(time.time()),
        }
        if reply_to is not None:
            message["reply_to_message"] = quoted(reply_to)
        message.update({key: value for key, value in content.items() if value})
        self.state.messages[(chat.id, message["message_id"])] = message
        return message

    def record_sent(
        self,
        method: str,
        params: Params,
        message: dict[str, Any] | None,
        formatted: FormattedText | None,
        *,
        raw_text: str | None,
        parse_mode: str | None,
        chat_id: int | None = None,
        **extra: Any,
    ) -> SentMessage:
        reply_to = (message or {}).get("reply_to_message") or {}
        sent = SentMessage(
            method=method,
            chat_id=message["chat"]["id"] if message else chat_id,
            message_id=message["message_id"] if message else None,
            text=raw_text,
            parse_mode=parse_mode,
            plain_text=formatted.text if formatted else None,
            entities=formatted.entities if formatted else [],
            reply_markup=params.get("reply_markup") or None,
            reply_to_message_id=reply_to.get("message_id"),
            time=time.time(),
            **extra,
        )
        self.state.record.sent.append(sent)
        return sent
