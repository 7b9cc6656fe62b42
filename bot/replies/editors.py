"""/editor add|list|remove: admins appoint the editors who may correct the timeline."""

from __future__ import annotations

from sqlmodel import Session

from bot.corrections.roles import editors
from bot.render import bold, code, esc, italic
from bot.replies.arguments import tidy
from bot.replies.lines import day_text
from bot.replies.reply import Asker, Reply
from bot.store.models import Editor

USAGE = (
    f"Usage: {code('/editor add USER_ID')} (or send {code('/editor add')} as a reply to "
    f"their message), {code('/editor list')}, {code('/editor remove USER_ID')}"
)
REFUSED = "Only admins appoint and remove editors; nothing was changed."


def editor_command(session: Session, args: str, asker: Asker) -> Reply:
    """`args` is "add 123", "remove 123" or "list"; an adapter that saw a reply to someone's
    message puts their id (and name) after the verb: "add 123 Dana"."""
    if not asker.is_bot_admin:
        return Reply.text(REFUSED)
    verb, _, rest = tidy(args).partition(" ")
    verb = verb.lower()
    if verb == "list" and not rest:
        return _list(session)
    user_text, _, name = rest.partition(" ")
    if verb not in ("add", "remove") or not user_text.lstrip("-").isdigit():
        return Reply.text(USAGE)
    user_id = int(user_text)
    if verb == "add":
        return _add(session, user_id, name.strip() or None, asker)
    return _remove(session, user_id)


def _add(session: Session, user_id: int, name: str | None, asker: Asker) -> Reply:
    who = esc(name or f"user {user_id}")
    if session.get(Editor, user_id) is not None:
        return Reply.text(f"{who} ({user_id}) is an editor already.")
    session.add(Editor(user_id=user_id, name=name, added_by=asker.user_id, added_at=asker.now))
    session.flush()
    return Reply.text(f"{who} ({user_id}) is now an editor: not an editor → editor.")


def _remove(session: Session, user_id: int) -> Reply:
    row = session.get(Editor, user_id)
    if row is None:
        return Reply.text(f"User {user_id} is not an editor; see /editor list.")
    who = esc(row.name or f"user {user_id}")
    session.delete(row)
    session.flush()
    return Reply.text(f"{who} ({user_id}) is no longer an editor: editor → not an editor. "
                      "Their corrections stay.")


def _list(session: Session) -> Reply:
    found = editors(session)
    if not found:
        return Reply.text("No editors yet. Appoint one with " + code("/editor add USER_ID") + ".")
    lines = [bold(f"Editors ({len(found)})")]
    for row in found:
        lines.append(f"• {esc(row.name or 'user')} ({row.user_id}) "
                     + italic(f"since {day_text(row.added_at)}"))
    return Reply.text("\n".join(lines))
