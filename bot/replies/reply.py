"""What the core answers: HTML pages and buttons, knowing nothing of Telegram.

The PTB handlers, the console chat, `timeline-bot ask` and the digest all render
the same `Reply`, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.render import CAPTION_LIMIT, MESSAGE_LIMIT, callback_data_fits, split_html, visible_length

PAGE_PREFIX = "pg"


@dataclass(frozen=True)
class Button:
    """An inline button: `data` is callback data (at most 64 bytes), `url` opens a link."""

    text: str
    data: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.data is None) == (self.url is None):
            raise ValueError("a button has either callback data or a URL")
        if self.data is not None and not callback_data_fits(self.data):
            raise ValueError(f"callback data over 64 bytes: {self.data!r}")


@dataclass(frozen=True)
class Asker:
    """Who asks, and where: enough for the core to decide what to answer and allow."""

    user_id: int | None
    chat_id: int
    chat_type: str = "private"  # private, group, supergroup, channel, console
    is_bot_admin: bool = False  # listed in ADMIN_USER_IDS
    is_chat_admin: bool | None = None  # in groups: may change the group's settings
    # Appointed with /editor add, as the adapter last read it: it decides only what answers
    # show (ids); every correction checks the editors' table again.
    is_editor: bool = False
    user_name: str = ""  # who made a correction, as /history shows it
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def in_group(self) -> bool:
        return self.chat_type in ("group", "supergroup")


@dataclass(frozen=True)
class Attachment:
    """A file sent with the answer: a document (an export) or a photo (the chart)."""

    kind: str  # "document" or "photo"
    file_name: str
    media_type: str
    content: bytes
    how_elsewhere: str  # the command line that writes the same file, for the console


@dataclass
class Reply:
    """One answer: its HTML `pages` (each fits one message) and `buttons` under it.

    `rerun` is a short "command args" that regenerates this answer, set when the
    answer is long enough to page: the ◀ ▶ buttons carry it in their callback data.
    """

    pages: list[str]
    buttons: list[list[Button]] = field(default_factory=list)
    rerun: str | None = None
    attachment: Attachment | None = None  # sent with pages[0] as its caption
    # Shown over the chat when the answer is to a button press ("Leave r12 one report"):
    # a menu that stays as it was still says why.
    toast: str | None = None

    @classmethod
    def file(cls, caption: str, attachment: Attachment) -> Reply:
        if visible_length(caption) > CAPTION_LIMIT:
            raise ValueError(f"caption over {CAPTION_LIMIT} characters: {caption[:80]!r}")
        return cls(pages=[caption], attachment=attachment)

    @classmethod
    def text(
        cls, markup: str, *, buttons: list[list[Button]] | None = None, rerun: str | None = None,
        toast: str | None = None,
    ) -> Reply:
        return cls(pages=split_html(markup, MESSAGE_LIMIT), buttons=buttons or [], rerun=rerun,
                   toast=toast)

    @property
    def paged(self) -> bool:
        return (
            len(self.pages) > 1
            and self.rerun is not None
            and all(callback_data_fits(page_data(self.rerun, n)) for n in range(len(self.pages)))
        )

    def keyboard(self, page: int = 0) -> list[list[Button]]:
        """The buttons to show under page `page`: navigation first when paged."""
        rows = [list(row) for row in self.buttons]
        if self.paged:
            nav = []
            if page > 0:
                nav.append(Button("◀", data=page_data(self.rerun, page - 1)))
            nav.append(Button(f"{page + 1}/{len(self.pages)}", data=page_data(self.rerun, page)))
            if page < len(self.pages) - 1:
                nav.append(Button("▶", data=page_data(self.rerun, page + 1)))
            rows.insert(0, nav)
        return rows


def page_data(rerun: str, page: int) -> str:
    return f"{PAGE_PREFIX}|{page}|{rerun}"


def parse_page_data(data: str) -> tuple[int, str] | None:
    parts = data.split("|", 2)
    if len(parts) != 3 or parts[0] != PAGE_PREFIX or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2]
