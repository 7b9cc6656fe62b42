"""What Telegram validates in what a bot sends, with Telegram's error descriptions."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tests.emulator.errors import bad_request
from tests.emulator.html_parse import FormattedText, parse_html, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_CALLBACK_ANSWER = 200
MAX_COMMANDS = 100

_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_RESULT_TYPES_WITH_TEXT = {"article"}


def format_text(text: Any, parse_mode: Any, entities: Any = None) -> FormattedText:
    """Applies ``parse_mode`` to ``text``: the text and entities the recipient would see."""
    text = "" if text is None else str(text)
    mode = (parse_mode or "").strip().lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("", "markdown", "markdownv2"):
        # Markdown modes are passed through unchecked: the bot renders HTML only.
        return FormattedText(text, list(entities) if isinstance(entities, list) else [])
    raise bad_request(f'unsupported parse_mode "{parse_mode}"')


def check_message_text(text: Any, parse_mode: Any, entities: Any = None) -> FormattedText:
    """The checks of sendMessage and editMessageText, in Telegram's order."""
    if text is None or text == "":
        raise bad_request("message text is empty")
    formatted = format_text(text, parse_mode, entities)
    # Telegram trims surrounding whitespace before it measures and stores a message.
    visible = formatted.text.strip()
    if not visible:
        raise bad_request("message text is empty")
    if utf16_len(visible) > MAX_TEXT:
        raise bad_request("message is too long")
    return formatted


def check_caption(caption: Any, parse_mode: Any, entities: Any = None) -> FormattedText:
    if caption is None or caption == "":
        return FormattedText("")
    formatted = format_text(caption, parse_mode, entities)
    if utf16_len(formatted.text.strip()) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return formatted


def _check_button_url(url: Any) -> None:
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https", "tg") or not (parts.netloc or parts.scheme == "tg"):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: object expected")
    if not str(button.get("text") or "").strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in _BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(str(data).encode("utf-8"))
        if not isinstance(data, str) or not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        _check_button_url(button["url"])


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validates a reply_markup; returns it as Telegram echoes it in the Message (or None)."""
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                _check_inline_button(button)
        # An empty inline keyboard removes the buttons, and Telegram omits it from the Message.
        return markup if any(rows) else None
    if inline_only:
        raise bad_request("inline keyboard expected")
    for key in ("keyboard", "remove_keyboard", "force_reply"):
        if key in markup:
            return None  # accepted, but only inline keyboards are part of a Message
    raise bad_request('can\'t find field "inline_keyboard"')


def check_inline_results(results: Any, next_offset: Any) -> list[dict[str, Any]]:
    if not isinstance(results, list):
        raise bad_request("can't parse JSON encoded inline query results")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or "type" not in result:
            raise bad_request('can\'t parse inline query result: field "type" must be a String')
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        _check_inline_result(result)
    return results


def _check_inline_result(result: dict[str, Any]) -> None:
    if result["type"] in _RESULT_TYPES_WITH_TEXT:
        if not str(result.get("title") or "").strip():
            raise bad_request("RESULT_TITLE_EMPTY")
        if "input_message_content" not in result:
            raise bad_request(
                "can't parse inline query result: "
                'field "input_message_content" must be of type Object'
            )
    content = result.get("input_message_content")
    if isinstance(content, dict) and "message_text" in content:
        check_message_text(
            content.get("message_text"), content.get("parse_mode"), content.get("entities")
        )
    if "caption" in result:
        check_caption(result["caption"], result.get("parse_mode"))
    check_reply_markup(result.get("reply_markup"), inline_only=True)


def check_callback_answer_text(text: Any) -> None:
    if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")


def check_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        if not _COMMAND_NAME.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return commands
