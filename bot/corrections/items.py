"""The item a correction is about, found by its typed id, and its fields as answers show them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.corrections.layer import Layer
from bot.corrections.merges import redirect
from bot.corrections.store import EVENT_KINDS, layer_of
from bot.ids import LETTERS, parse_typed_id
from bot.store.models import Entity, Event
from bot.timeline.events import event_by_id
from bot.timeline.loading import load_quotes
from bot.timeline.people import profile
from bot.timeline.records import EventView, Profile, QuoteView

PLACE_KINDS = ("place", "country")
# What may be corrected on each kind of item, in the order the ✎ Fix menu offers it.
FIELDS_OF = {
    "r": ("status", "place", "dates", "title"),
    "e": ("status", "place", "dates", "title"),
    "p": ("role", "unrole"),
    "q": (),
}
USAGE_OF = {
    "status": "status agreement",
    "place": "place Rome",
    "dates": "dates 28 Jul 2024",
    "title": "title Talks in Cairo",
    "role": "role Prime Minister, Qatar since 7 Mar 2023",
    "unrole": "unrole senior Trump adviser",
}


@dataclass
class Item:
    letter: str  # r, e, p, q
    number: int
    event: EventView | None = None
    person: Profile | None = None
    quote: QuoteView | None = None
    layer: Layer | None = None

    @property
    def typed(self) -> str:
        return f"{self.letter}{self.number}"

    @property
    def hidden(self) -> bool:
        return self.layer is not None and self.layer.hidden

    @property
    def verified(self) -> bool:
        return self.layer is not None and self.layer.verified

    @property
    def name(self) -> str:
        if self.event is not None:
            return self.event.place or self.event.title if self.letter == "r" else self.event.title
        if self.person is not None:
            return self.person.entity.name
        if self.quote is not None:
            return f"{self.quote.speaker}: “{self.quote.text[:60]}”"
        return self.typed


def find_item(session: Session, text: str) -> Item | str:
    """The item `#r12` names (hidden ones too), or one line saying why there is none."""
    typed = parse_typed_id(text)
    if typed is None or typed.letter is None:
        return f"“{text[:40]}” is no id: ids look like r12, e5, p7 or q3."
    letter, number = typed.letter, typed.number
    if letter in EVENT_KINDS or letter == "p":
        # A record merged into another reads as that one.
        number = redirect(session, EVENT_KINDS if letter in EVENT_KINDS else ("p",), number)
    if letter == "a":
        return "Articles are not corrected; correct the rounds, events or people read from them."
    missing = f"There is no {LETTERS[letter]} {letter}{number} on record."
    layer = layer_of(session, letter, number)
    if letter in ("r", "e"):
        event = event_by_id(session, number, include_hidden=True)
        if event is None or (event.kind == "round") != (letter == "r"):
            return missing
        return Item(letter, number, event=event, layer=layer)
    if letter == "p":
        found = profile(session, number, limit=5, include_hidden=True)
        if found is not None and found.entity.kind in PLACE_KINDS:
            return f"{letter}{number} is a place, not a person; correct the rounds held there."
        return missing if found is None else Item(letter, number, person=found, layer=layer)
    quotes = load_quotes(session, [number], include_hidden=True)
    return missing if not quotes else Item(letter, number, quote=quotes[0], layer=layer)


def record_name(session: Session, letter: str, number: int) -> str | None:
    """A record's name as merges and splits show it, or None when there is no such record."""
    if letter == "p":
        entity = session.get(Entity, number)
        return entity.name if entity is not None else None
    event = session.get(Event, number)
    if event is None or (event.kind == "round") != (letter == "r"):
        return None
    if letter == "r" and event.place_id is not None:
        place = session.get(Entity, event.place_id)
        return place.name if place is not None else event.title
    return event.title


def field_text(item: Item, field: str) -> str:
    """What answers show now of one field, as plain text for before → after."""
    from bot.replies.lines import when_text

    event, person = item.event, item.person
    if event is not None:
        if field == "status":
            return event.status or "no status"
        if field == "place":
            return event.place or "no place"
        if field == "dates":
            return when_text(event.start, event.end, event.granularity) or "undated"
        if field == "title":
            return event.title
    if person is not None and field in ("role", "unrole"):
        role = person.headline
        if role is None:
            return "no role"
        return role.role + (f", {role.affiliation}" if role.affiliation else "")
    if field == "hide":
        return "hidden" if item.hidden else "shown"
    if field == "verify":
        return "✓ verified" if item.verified else "not verified"
    return ""
