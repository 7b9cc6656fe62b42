"""What `/watch <text>` follows: a person or a place through the same forgiving lookup as
/who and /round, else a phrase.  Quotes or a `-word` make a phrase at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from bot.replies.lookup import Candidate, Lookup, lookup_entity
from bot.replies.profiles import find_person_or_group
from bot.store.models import Entity
from bot.watches.phrases import PhraseError, parse_phrase
from bot.watches.store import Target

KINDS = ("person", "place", "phrase")
PLACE_KINDS = ("place",)
COUNTRY_KINDS = ("country",)
_PHRASE_MARKS = ('"', "“", "”", "«", "»", "„")


@dataclass
class Reading:
    """A target, or why there is none; `choices` are names the text may have meant."""

    target: Target | None = None
    problem: str | None = None
    choices: list[Candidate] = field(default_factory=list)


def looks_like_phrase(text: str) -> bool:
    return any(mark in text for mark in _PHRASE_MARKS) or any(
        word.startswith(("-", "−")) and len(word) > 1 for word in text.split()
    )


def read_target(session: Session, text: str, kind: str | None = None) -> Reading:
    """`text` read as a watch of `kind`, or of the likeliest kind when None."""
    if kind == "phrase" or (kind is None and looks_like_phrase(text)):
        return _phrase(text)
    person = find_person_or_group(session, text) if kind in (None, "person") else Lookup(text)
    place = _place(session, text) if kind in (None, "place") else Lookup(text)
    # A country found among groups ("Doha" for Qatar, as a capital stands for its state)
    # gives way to a place of that name: it is a place watch either way.
    nation = person.found and person.best.kind == "country" and kind is None
    if person.found and not nation and not (
        person.corrected and place.found and not place.corrected
    ):
        return Reading(_entity_target(session, "person", person.best))
    if place.found:
        return Reading(_entity_target(session, "place", place.best))
    if nation:
        return Reading(_entity_target(session, "place", person.best))
    choices = [c for c in [*person.choices, *place.choices] if person.close or place.close]
    if kind is None:
        reading = _phrase(text)
        reading.choices = choices
        return reading
    what = "person or organisation" if kind == "person" else "place"
    return Reading(problem=f"No {what} on record is called that.", choices=choices)


def target_of_entity(session: Session, entity_id: int) -> Target | None:
    entity = session.get(Entity, entity_id)
    if entity is None:
        return None
    kind = "place" if entity.kind in ("place", "country") else "person"
    return Target(kind, entity.key, entity.name, entity.kind)


def _place(session: Session, text: str) -> Lookup:
    place = lookup_entity(session, text, PLACE_KINDS)
    if place.found and not place.corrected:
        return place
    country = lookup_entity(session, text, COUNTRY_KINDS)
    return country if country.found and not country.corrected else place


def _entity_target(session: Session, kind: str, best: Candidate) -> Target:
    entity = session.get(Entity, best.entity_id)
    return Target(kind, entity.key, entity.name, entity.kind)


def _phrase(text: str) -> Reading:
    try:
        phrase = parse_phrase(text)
    except PhraseError as error:
        return Reading(problem=str(error))
    return Reading(Target("phrase", phrase.key, phrase.label, None))
