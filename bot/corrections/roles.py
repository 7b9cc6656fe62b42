"""Who may do what: admins (ADMIN_USER_IDS, and the console's operator) appoint editors;
editors and admins correct the timeline; everyone reads."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from bot.replies.reply import Asker
from bot.store.models import Editor

CONSOLE_NAME = "the console operator"


def is_editor(session: Session, user_id: int | None) -> bool:
    return user_id is not None and session.get(Editor, user_id) is not None


def may_correct(session: Session, asker: Asker) -> bool:
    """Read from the table on every correction: an editor removed a moment ago may not."""
    return asker.is_bot_admin or is_editor(session, asker.user_id)


def sees_ids(asker: Asker) -> bool:
    return asker.is_bot_admin or asker.is_editor


def editor_ids(session: Session) -> frozenset[int]:
    return frozenset(session.execute(select(Editor.user_id)).scalars())


def editors(session: Session) -> list[Editor]:
    return list(session.execute(select(Editor).order_by(Editor.added_at)).scalars())


def who_asks(asker: Asker) -> str:
    if asker.user_id is None:
        return CONSOLE_NAME
    return asker.user_name or f"user {asker.user_id}"
