"""What users do, turned into the updates Telegram would send the bot."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.emulator.checks import format_text
from tests.emulator.html_parse import utf16_len
from tests.emulator.state import ChatRef, EmulatorState, UserRef, quoted

# Telegram marks these itself in what users type; CommandHandler relies on bot_command.
_AUTO_ENTITIES = (
    ("bot_command", re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?!\w)")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"]+")),
)
_BOT_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_change_info": False,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
MAX_INLINE_QUERY = 256
_GROUP_ANONYMOUS_BOT = UserRef(1087968824, "Group", "GroupAnonymousBot", None, is_bot=True)


def split_like_an_app(text: str, limit: int = 4096) -> list[str]:
    """Cuts ``text`` into messages of at most ``limit`` UTF-16 units, at a space if one is
    near, as Telegram apps do before sending."""
    parts: list[str] = []
    while utf16_len(text) > limit:
        cut, size = 0, 0
        while size + utf16_len(text[cut]) <= limit:
            size += utf16_len(text[cut])
            cut += 1
        space = text.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space + 1
        parts.append(text[:cut].rstrip())
        text = text[cut:]
    return [*parts, text]


def auto_entities(text: str) -> list[dict[str, Any]]:
    entities = []
    for kind, pattern in _AUTO_ENTITIES:
        for match in pattern.finditer(text):
            entities.append(
                {
                    "type": kind,
                    "offset": utf16_len(text[: match.start()]),
                    "length": utf16_len(match.group()),
                }
            )
    return sorted(entities, key=lambda e: e["offset"])


class UserActions:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def user(self, user_id: int) -> UserRef:
        """The user with this id; users first seen in a group get a generated name."""
        if user_id not in self.state.users:
            self.state.users[user_id] = UserRef(user_id, f"User{user_id}")
        return self.state.users[user_id]

    def private_chat(
        self,
        user_id: int,
        first_name: str = "Ann",
        username: str | None = None,
        language_code: str | None = "en",
        *,
        started: bool = True,
    ) -> ChatRef:
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = UserRef(user_id, first_name, username, language_code)
        self.state.users[user_id] = user
        return self.state.add_chat(ChatRef(user_id, "private", user=user), started=started)

    def group_chat(
        self,
        chat_id: int,
        title: str = "Newsroom",
        *,
        supergroup: bool = False,
        admins: set[int] | frozenset[int] = frozenset(),
    ) -> ChatRef:
        if chat_id >= 0:
            raise ValueError("group chat ids are negative (supergroups: -100...)")
        for admin in admins:
            if admin != self.state.bot.id:
                self.user(admin)
        kind = "supergroup" if supergroup else "group"
        chat = self.state.add_chat(ChatRef(chat_id, kind, title=title, admins=set(admins)))
        self.state.status[chat_id].members.update(admins)
        return chat

    def _bot_sees(self, chat: ChatRef, text: str, reply_to: dict[str, Any] | None) -> bool:
        if chat.type == "private" or not self.state.privacy_mode:
            return True
        if self.state.bot.id in chat.admins:
            return True
        if reply_to is not None and reply_to["from"]["id"] == self.state.bot.id:
            return True
        command = re.match(r"/[A-Za-z0-9_]+(?:@(\w+))?", text)
        if command is None:
            return False
        addressee = command.group(1)
        return addressee is None or addressee.lower() == (self.state.bot.username or "").lower()

    def _user_message(
        self, chat: ChatRef, user_id: int, reply_to: int | None, **content: Any
    ) -> dict[str, Any]:
        if chat.id not in self.state.chats:
            raise LookupError(f"chat {chat.id} was not created with private_chat/group_chat")
        message: dict[str, Any] = {
            "message_id": self.state.next_message_id(chat.id),
            "from": self.user(user_id).as_dict(),
            "chat": chat.as_dict(),
            "date": int(time.time()),
        }
        if reply_to is not None:
            if (chat.id, reply_to) not in self.state.messages:
                raise LookupError(f"no message {reply_to} in chat {chat.id} to reply to")
            message["reply_to_message"] = quoted(self.state.messages[(chat.id, reply_to)])
        self._open_private_chat(chat, user_id)
        message.update({key: value for key, value in content.items() if value is not None})
        self.state.messages[(chat.id, message["message_id"])] = message
        self.state.status[chat.id].members.add(user_id)
        return message

    def _open_private_chat(self, chat: ChatRef, user_id: int) -> None:
        """Writing to a bot opens the chat, and writing after blocking it means the user
        pressed Restart, which Telegram reports as a my_chat_member update first."""
        status = self.state.status[chat.id]
        if chat.type != "private":
            return
        if status.blocked:
            self.chat_member_update(chat, user_id, new_status="member")
        status.started = True

    def send_text(
        self, chat: ChatRef, user_id: int, text: str, *, reply_to: int | None = None
    ) -> int:
        """A user writes ``text``; returns its message_id. Text over 4096 characters arrives
        as several messages, as Telegram apps split it; the first one's id is returned."""
        ids = []
        for part in split_like_an_app(text):
            message = self._user_message(
                chat, user_id, reply_to, text=part, entities=auto_entities(part) or None
            )
            if self._bot_sees(chat, part, message.get("reply_to_message")):
                self.state.queue.push("message", message)
            ids.append(message["message_id"])
            reply_to = None
        return ids[0]

    def send_document(
        self,
        chat: ChatRef,
        user_id: int,
        file_name: str,
        content: bytes,
        caption: str | None = None,
        mime_type: str = "text/plain",
    ) -> int:
        stored = self.state.store_file(content, file_name, mime_type)
        message = self._user_message(
            chat,
            user_id,
            None,
            document=stored.as_document(),
            caption=caption,
            caption_entities=auto_entities(caption or "") or None,
        )
        if self._bot_sees(chat, caption or "", None):
            self.state.queue.push("message", message)
        return message["message_id"]

    def press_button(
        self,
        chat: ChatRef,
        user_id: int,
        message_id: int,
        callback_data: str,
        *,
        forged: bool = False,
    ) -> str:
        """A tap on an inline button; ``forged`` sends data that no button carries."""
        message = self.state.messages.get((chat.id, message_id))
        if message is None or message["from"]["id"] != self.state.bot.id:
            raise LookupError(f"no message {message_id} from the bot in chat {chat.id}")
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        datas = [button.get("callback_data") for row in rows for button in row]
        if not forged and callback_data not in datas:
            raise LookupError(f"message {message_id} has no button {callback_data!r}: {datas}")
        query_id = self.state.new_id("cbq")
        self.state.open_callback_queries.add(query_id)
        self.state.queue.push(
            "callback_query",
            {
                "id": query_id,
                "from": self.user(user_id).as_dict(),
                "message": dict(message),
                "chat_instance": str(abs(chat.id) * 7919),
                "data": callback_data,
            },
        )
        return query_id

    def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        """A user types ``@bot query``; apps cut the query at 256 characters."""
        query = query[:MAX_INLINE_QUERY]
        query_id = self.state.new_id("iq")
        payload = {
            "id": query_id,
            "from": self.user(user_id).as_dict(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self.state.open_inline_queries[query_id] = payload
        self.state.queue.push("inline_query", payload)
        return query_id

    def choose_inline_result(self, user_id: int, query_id: str, result_id: str) -> str | None:
        """The user picks a result the bot offered; returns its inline_message_id, which
        Telegram gives only to results carrying an inline keyboard."""
        answers = self.state.record.inline_answers.get(query_id)
        if not answers:
            raise LookupError(f"the bot has not answered inline query {query_id}")
        result = next((r for r in answers[-1].results if str(r["id"]) == result_id), None)
        if result is None:
            raise LookupError(f"inline query {query_id} has no result {result_id!r}")
        payload: dict[str, Any] = {
            "result_id": result_id,
            "from": self.user(user_id).as_dict(),
            "query": self.state.open_inline_queries[query_id]["query"],
        }
        inline_message_id = None
        if result.get("reply_markup"):
            inline_message_id = self.state.new_id("inline")
            content = result.get("input_message_content") or {}
            shown = format_text(content.get("message_text"), content.get("parse_mode"))
            self.state.inline_messages[inline_message_id] = {
                "text": shown.text,
                "entities": shown.entities or None,
                "reply_markup": result["reply_markup"],
                "date": int(time.time()),
            }
            payload["inline_message_id"] = inline_message_id
        self.state.queue.push("chosen_inline_result", payload)
        return inline_message_id

    def block_user(self, user_id: int) -> None:
        """The user blocks the bot without the bot hearing of it until it next writes."""
        self._status(user_id).blocked = True

    def kick_bot(self, chat_id: int) -> None:
        self._status(chat_id).kicked = True

    def _status(self, chat_id: int) -> Any:
        if chat_id not in self.state.status:
            raise LookupError(f"chat {chat_id} was not created with private_chat/group_chat")
        return self.state.status[chat_id]

    def _bot_status(self, chat: ChatRef) -> str:
        status = self.state.status[chat.id]
        if status.blocked or status.kicked:
            return "kicked"
        if status.left:
            return "left"
        return "administrator" if self.state.bot.id in chat.admins else "member"

    def _bot_member(self, status: str) -> dict[str, Any]:
        member: dict[str, Any] = {"status": status, "user": self.state.bot.as_dict()}
        if status == "kicked":
            member["until_date"] = 0
        elif status == "administrator":
            member.update(_BOT_ADMIN_RIGHTS)
        return member

    def chat_member_update(self, chat: ChatRef, user_id: int, *, new_status: str) -> None:
        """A my_chat_member update: the user blocked or restarted the bot in a private chat,
        or added, removed or promoted the bot in a group; the chat's state follows."""
        if new_status not in ("member", "kicked", "left", "administrator"):
            raise ValueError(f"unsupported status {new_status!r}")
        status = self._status(chat.id)
        old_status = self._bot_status(chat)
        if chat.type == "private":
            status.blocked = new_status == "kicked"
            status.started = status.started or new_status == "member"
        else:
            status.kicked = new_status == "kicked"
            status.left = new_status == "left"
            if new_status == "administrator":
                chat.admins.add(self.state.bot.id)
            else:
                chat.admins.discard(self.state.bot.id)
        self.state.queue.push(
            "my_chat_member",
            {
                "chat": chat.as_dict(),
                "from": self.user(user_id).as_dict(),
                "date": int(time.time()),
                "old_chat_member": self._bot_member(old_status),
                "new_chat_member": self._bot_member(new_status),
            },
        )

    def migrate_group(self, chat_id: int, new_chat_id: int, *, notify: bool = True) -> ChatRef:
        """Upgrades a group to a supergroup; sends to the old id fail from now on."""
        old = self.state.chats.get(chat_id)
        if old is None or old.type != "group":
            raise LookupError(f"no basic group {chat_id}")
        if new_chat_id in self.state.chats:
            raise ValueError(f"chat {new_chat_id} exists already")
        new = self.group_chat(new_chat_id, old.title or "", supergroup=True, admins=old.admins)
        self.state.status[new_chat_id].members.update(self.state.status[chat_id].members)
        self.state.status[chat_id].migrated_to = new_chat_id
        if notify:
            humans = sorted(a for a in old.admins if a != self.state.bot.id)
            by = self.user(humans[0]) if humans else _GROUP_ANONYMOUS_BOT
            for chat, field_name, other in (
                (old, "migrate_to_chat_id", new_chat_id),
                (new, "migrate_from_chat_id", chat_id),
            ):
                message = {
                    "message_id": self.state.next_message_id(chat.id),
                    "from": by.as_dict(),
                    "chat": chat.as_dict(),
                    "date": int(time.time()),
                    field_name: other,
                }
                self.state.messages[(chat.id, message["message_id"])] = message
                self.state.queue.push("message", message)
        return new
