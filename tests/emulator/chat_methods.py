"""Bot API methods about the bot itself, chats, members, commands and files."""

from __future__ import annotations

import json
from typing import Any

from tests.emulator.checks import check_commands
from tests.emulator.errors import bad_request
from tests.emulator.method_base import MethodBase
from tests.emulator.params import Params
from tests.emulator.state import ChatRef

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_SCOPES_WITH_CHAT = frozenset({"chat", "chat_administrators", "chat_member"})
_SCOPES = _SCOPES_WITH_CHAT | {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
}
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)


class ChatMethods(MethodBase):
    CHAT_METHODS = (
        "getMe",
        "getChat",
        "getChatMember",
        "getChatAdministrators",
        "sendChatAction",
        "setMyCommands",
        "getMyCommands",
        "deleteMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "getFile",
        "leaveChat",
        "close",
        "logOut",
    )

    def getMe(self, p: Params) -> dict[str, Any]:
        return {
            **self.state.bot.as_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.state.privacy_mode,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def getChat(self, p: Params) -> dict[str, Any]:
        chat = self.known_chat(p.chat_id())
        return {
            **chat.as_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member(self, chat: ChatRef, user_id: int) -> dict[str, Any]:
        user = self.state.bot if user_id == self.state.bot.id else self.state.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        status = self.state.status[chat.id]
        if user_id in chat.admins:
            rights = dict.fromkeys(_ADMIN_RIGHTS, True)
            return {
                "status": "administrator",
                "user": user.as_dict(),
                "can_be_edited": False,
                "is_anonymous": False,
                **rights,
            }
        if user_id == self.state.bot.id:
            if status.kicked:
                return {"status": "kicked", "user": user.as_dict(), "until_date": 0}
            return {"status": "left" if status.left else "member", "user": user.as_dict()}
        present = chat.type == "private" or user_id in status.members
        return {"status": "member" if present else "left", "user": user.as_dict()}

    def getChatMember(self, p: Params) -> dict[str, Any]:
        chat = self.known_chat(p.chat_id())
        return self._member(chat, p.int("user_id", required=True) or 0)

    def getChatAdministrators(self, p: Params) -> list[dict[str, Any]]:
        chat = self.known_chat(p.chat_id())
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        return [self._member(chat, user_id) for user_id in sorted(chat.admins)]

    def sendChatAction(self, p: Params) -> bool:
        chat_id = p.chat_id()
        if p.text("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.writable_chat(chat_id)
        return True

    def _commands_key(self, p: Params) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
            raise bad_request("BOT_COMMAND_SCOPE_INVALID")
        if scope["type"] in _SCOPES_WITH_CHAT:
            self.known_chat(int(scope.get("chat_id", 0)))
        return json.dumps(scope, sort_keys=True), p.text("language_code") or ""

    def setMyCommands(self, p: Params) -> bool:
        commands = check_commands(p.get("commands"))
        self.state.record.commands[self._commands_key(p)] = commands
        return True

    def getMyCommands(self, p: Params) -> list[dict[str, str]]:
        return self.state.record.commands.get(self._commands_key(p), [])

    def deleteMyCommands(self, p: Params) -> bool:
        self.state.record.commands.pop(self._commands_key(p), None)
        return True

    def setMyDescription(self, p: Params) -> bool:
        if len(p.text("description") or "") > 512:
            raise bad_request("BOT_DESCRIPTION_INVALID")
        return True

    def setMyShortDescription(self, p: Params) -> bool:
        if len(p.text("short_description") or "") > 120:
            raise bad_request("BOT_DESCRIPTION_INVALID")
        return True

    def getFile(self, p: Params) -> dict[str, Any]:
        stored = self.state.files.get(p.text("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    def leaveChat(self, p: Params) -> bool:
        chat = self.writable_chat(p.chat_id())
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self.state.status[chat.id].left = True
        return True

    def close(self, p: Params) -> bool:
        return True

    def logOut(self, p: Params) -> bool:
        return True
