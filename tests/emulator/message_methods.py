"""Bot API methods that send, edit and delete messages, and answer queries."""

from __future__ import annotations

from typing import Any

from tests.emulator.checks import (
    check_callback_answer_text,
    check_caption,
    check_inline_results,
    check_message_text,
    check_reply_markup,
)
from tests.emulator.errors import bad_request
from tests.emulator.method_base import MethodBase
from tests.emulator.params import Params, UploadedFile
from tests.emulator.state import InlineAnswer, StoredFile

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


_PNG = b"\x89PNG\r\n\x1a\n"
PHOTO_MAX_BYTES = 10 * 1000 * 1000


def _photo_size(content: bytes) -> tuple[int, int]:
    """A PNG's size from its header, refused as Telegram refuses photos it cannot take; any
    other picture is taken as 1280×720."""
    if len(content) >= PHOTO_MAX_BYTES:
        raise bad_request("PHOTO_SAVE_FILE_INVALID")
    if not content.startswith(_PNG):
        return 1280, 720
    width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if width + height > 10_000 or max(width, height) > 20 * max(min(width, height), 1):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return width, height


class MessageMethods(MethodBase):
    MESSAGE_METHODS = (
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "deleteMessage",
        "answerCallbackQuery",
        "answerInlineQuery",
    )

    def sendMessage(self, p: Params) -> dict[str, Any]:
        chat_id = p.chat_id()
        formatted = check_message_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
        markup = check_reply_markup(p.get("reply_markup"))
        chat = self.writable_chat(chat_id)
        reply_to = self.reply_target(chat_id, p)
        self.admit(chat_id)
        message = self.bot_message(
            chat, reply_to, text=formatted.text, entities=formatted.entities, reply_markup=markup
        )
        self.record_sent(
            "sendMessage",
            p,
            message,
            formatted,
            raw_text=p.text("text"),
            parse_mode=p.text("parse_mode"),
        )
        return message

    def _upload(self, p: Params, field: str, default_mime: str | None) -> StoredFile:
        value = p.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.get(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile):
            if not value.content:
                raise bad_request("file must be non-empty")
            return self.state.store_file(
                value.content, value.file_name, value.mime_type or default_mime
            )
        if isinstance(value, str) and value in self.state.files:
            return self.state.files[value]
        if value is None:
            raise bad_request(f'parameter "{field}" is required')
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _send_file(self, method: str, p: Params, field: str, mime: str | None) -> dict[str, Any]:
        chat_id = p.chat_id()
        caption = check_caption(p.get("caption"), p.get("parse_mode"), p.get("caption_entities"))
        markup = check_reply_markup(p.get("reply_markup"))
        stored = self._upload(p, field, mime)
        chat = self.writable_chat(chat_id)
        reply_to = self.reply_target(chat_id, p)
        self.admit(chat_id)
        if field == "photo":
            width, height = _photo_size(stored.content)
            size = {"width": width, "height": height, "file_size": len(stored.content)}
            attachment: Any = [
                {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, **size}
            ]
        else:
            attachment = stored.as_document()
        message = self.bot_message(
            chat,
            reply_to,
            caption=caption.text,
            caption_entities=caption.entities,
            reply_markup=markup,
            **{field: attachment},
        )
        self.record_sent(
            method,
            p,
            message,
            caption,
            raw_text=p.text("caption"),
            parse_mode=p.text("parse_mode"),
            document=stored,
        )
        return message

    def sendDocument(self, p: Params) -> dict[str, Any]:
        return self._send_file("sendDocument", p, "document", "application/octet-stream")

    def sendPhoto(self, p: Params) -> dict[str, Any]:
        return self._send_file("sendPhoto", p, "photo", "image/jpeg")

    def _editable(self, p: Params) -> tuple[dict[str, Any], bool]:
        """The message an edit addresses, and whether it was sent through inline mode."""
        inline_id = p.text("inline_message_id")
        if inline_id:
            message = self.state.inline_messages.get(inline_id)
            if message is None:
                raise bad_request("MESSAGE_ID_INVALID")
            return message, True
        chat_id = p.chat_id()
        self.writable_chat(chat_id)
        message = self.state.messages.get((chat_id, p.int("message_id", required=True)))
        if message is None:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != self.state.bot.id:
            raise bad_request("message can't be edited")
        return message, False

    def _finish_edit(
        self,
        method: str,
        p: Params,
        message: dict[str, Any],
        inline: bool,
        changes: dict[str, Any],
        formatted: Any,
        raw: str | None,
    ) -> Any:
        if all(message.get(key) == (value or None) for key, value in changes.items()):
            raise bad_request(_NOT_MODIFIED)
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = message["date"] + 1
        self.record_sent(
            method,
            p,
            None if inline else message,
            formatted,
            raw_text=raw,
            parse_mode=p.text("parse_mode"),
            inline_message_id=p.text("inline_message_id"),
        )
        return True if inline else message

    def editMessageText(self, p: Params) -> Any:
        formatted = check_message_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
        markup = check_reply_markup(p.get("reply_markup"), inline_only=True)
        message, inline = self._editable(p)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        changes = {"text": formatted.text, "entities": formatted.entities, "reply_markup": markup}
        return self._finish_edit(
            "editMessageText", p, message, inline, changes, formatted, p.text("text")
        )

    def editMessageCaption(self, p: Params) -> Any:
        formatted = check_caption(p.get("caption"), p.get("parse_mode"), p.get("caption_entities"))
        markup = check_reply_markup(p.get("reply_markup"), inline_only=True)
        message, inline = self._editable(p)
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        changes = {
            "caption": formatted.text,
            "caption_entities": formatted.entities,
            "reply_markup": markup,
        }
        return self._finish_edit(
            "editMessageCaption", p, message, inline, changes, formatted, p.text("caption")
        )

    def editMessageReplyMarkup(self, p: Params) -> Any:
        markup = check_reply_markup(p.get("reply_markup"), inline_only=True)
        message, inline = self._editable(p)
        return self._finish_edit(
            "editMessageReplyMarkup", p, message, inline, {"reply_markup": markup}, None, None
        )

    def deleteMessage(self, p: Params) -> bool:
        chat_id = p.chat_id()
        chat = self.writable_chat(chat_id)
        key = (chat_id, p.int("message_id", required=True))
        message = self.state.messages.get(key)
        if message is None:
            raise bad_request("message to delete not found")
        own = message["from"]["id"] == self.state.bot.id
        if chat.type != "private" and not own and self.state.bot.id not in chat.admins:
            raise bad_request("message can't be deleted")
        del self.state.messages[key]
        return True

    def answerCallbackQuery(self, p: Params) -> bool:
        query_id = p.text("callback_query_id") or ""
        check_callback_answer_text(p.get("text"))
        if query_id not in self.state.open_callback_queries:
            raise bad_request(_QUERY_INVALID)
        self.state.open_callback_queries.discard(query_id)
        self.state.record.callback_answers[query_id] = dict(p.raw)
        return True

    def answerInlineQuery(self, p: Params) -> bool:
        query_id = p.text("inline_query_id") or ""
        results = check_inline_results(p.get("results"), p.get("next_offset"))
        if query_id not in self.state.open_inline_queries:
            raise bad_request(_QUERY_INVALID)
        answer = InlineAnswer(
            query_id=query_id,
            results=results,
            next_offset=p.text("next_offset"),
            cache_time=p.int("cache_time"),
            is_personal=p.flag("is_personal"),
        )
        self.state.record.inline_answers.setdefault(query_id, []).append(answer)
        return True
