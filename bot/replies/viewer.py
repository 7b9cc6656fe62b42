"""Whether the answer being composed is for an editor: they see ids and editors' marks.

Set once per answer by `bot.replies.commands` from the `Asker`, so the many small
functions that draw lines need not each be handed the asker.  A context variable is
local to the worker thread (and task) composing the answer, so concurrent answers for
a reader and for an editor never see each other's setting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bot.render import code, italic

_EDITOR_VIEW: ContextVar[bool] = ContextVar("editor_view", default=False)
CORRECTED = italic("corrected by an editor")
VERIFIED = "✓ verified"
HIDDEN = italic("hidden by an editor")


def editor_view() -> bool:
    return _EDITOR_VIEW.get()


@contextmanager
def viewing(*, editor: bool) -> Iterator[None]:
    token = _EDITOR_VIEW.set(editor)
    try:
        yield
    finally:
        _EDITOR_VIEW.reset(token)


def id_tag(typed: str) -> str:
    """ " r12" in code type for editors; nothing for everyone else."""
    return f" {code(typed)}" if editor_view() else ""


def marks(*, corrected: bool, verified: bool, hidden: bool = False) -> list[str]:
    """The editors' marks an item carries in answers."""
    found = []
    if hidden:
        found.append(HIDDEN)
    if corrected:
        found.append(CORRECTED)
    if verified:
        found.append(VERIFIED)
    return found
