"""Which rounds and events an export or the chart covers: `--since`, `--until`, `--kind`,
`--place`, `--person`.  Dates are read by the same reader as /on ("Jul 2025", "2025-07-28",
"last week"); names by the bot's own lookup, so `--person Witkof` finds Steve Witkoff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from bot.corrections.merges import redirect
from bot.dates import read_date
from bot.ids import parse_typed_id
from bot.names import name_key
from bot.timeline.records import EventView

EVENT_KINDS = ("round", "statement", "proposal", "announcement", "figure", "agreement",
               "collapse")


class SelectionError(ValueError):
    """A filter that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Selection:
    since: date | None = None
    until: date | None = None
    kinds: frozenset[str] = frozenset()
    place: str | None = None  # a name_key: the place or its country
    person_ids: frozenset[int] = field(default_factory=frozenset)
    person: str | None = None  # as typed, for messages

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps(self, event: EventView, country: str | None = None) -> bool:
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.dated and not self._in_span(event):
            return False
        if self.place is not None and self.place not in {
            name_key(event.place or ""), name_key(country or "")
        }:
            return False
        return self.person is None or any(
            p.entity_id in self.person_ids for p in event.participants
        )

    def _in_span(self, event: EventView) -> bool:
        if event.start is None:
            return False
        end = event.end or event.start
        return (self.since is None or end >= self.since) and (
            self.until is None or event.start <= self.until
        )


def read_span(text: str, now: datetime, *, option: str) -> tuple[date, date]:
    reading = read_date(text, now)
    if reading is None:
        raise SelectionError(
            f"{option}: could not read “{text}” as a date; try 2025-07-28, Jul 2025 or 2025."
        )
    return reading.start, reading.end


def make_selection(
    session: Session,
    *,
    now: datetime,
    since: str | None = None,
    until: str | None = None,
    kinds: list[str] | None = None,
    place: str | None = None,
    person: str | None = None,
) -> Selection:
    """The selection the options name; a `SelectionError` says which option is wrong."""
    wanted = frozenset(k.strip().lower() for k in kinds or [] if k.strip())
    unknown = sorted(wanted - set(EVENT_KINDS))
    if unknown:
        raise SelectionError(
            f"--kind: unknown kind {', '.join(unknown)}; the kinds are {', '.join(EVENT_KINDS)}."
        )
    first = read_span(since, now, option="--since")[0] if since else None
    last = read_span(until, now, option="--until")[1] if until else None
    if first is not None and last is not None and last < first:
        raise SelectionError(f"--until ({last}) is before --since ({first}).")
    return Selection(
        since=first,
        until=last,
        kinds=wanted,
        place=name_key(place) if place else None,
        person_ids=_people(session, person) if person else frozenset(),
        person=person,
    )


def _people(session: Session, text: str) -> frozenset[int]:
    from bot.replies.profiles import find_person_or_group

    typed = parse_typed_id(text)
    if typed is not None and typed.letter == "p":
        # Rounds name a person merged into another as that one.
        return frozenset({redirect(session, ("p",), typed.number)})
    found = find_person_or_group(session, text)
    if found.best is None:
        names = ", ".join(c.name for c in found.choices[:4])
        hint = f" Did you mean {names}?" if names else ""
        raise SelectionError(f"--person: no one on record is called “{text}”.{hint}")
    return frozenset({found.best.entity_id})
