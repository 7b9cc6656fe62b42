"""Examples built from the timeline itself, so every suggested command finds something."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from bot.names import name_key
from bot.replies.lines import when_text
from bot.store.models import Event
from bot.timeline.stats import Overview, overview
from bot.timeline.version import KeptUntilChanged, newest_ids


@dataclass(frozen=True)
class Examples:
    overview: Overview
    person: str | None
    place: str | None
    when: str | None
    words: str | None


_examples: KeptUntilChanged[Examples] = KeptUntilChanged()


def live_examples(session: Session) -> Examples:
    """The timeline's overview and examples; recomputed only after an ingest changed it."""
    return _examples.get(session, newest_ids(session), lambda: _compute(session))


def _compute(session: Session) -> Examples:
    view = overview(session)
    when = when_text(*view.example_day) if view.example_day else None
    return Examples(view, view.example_person, view.example_place, when, _words(session, view))


def _words(session: Session, view: Overview) -> str | None:
    """A search that finds something: an issue of the newest round, else a place or surname."""
    issues = session.execute(
        select(Event.issues)
        .where(Event.kind == "round", Event.issues != "")
        .order_by(Event.start_date.desc().nulls_last(), Event.id.desc())
        .limit(1)
    ).scalar()
    if issues:
        return issues.split("; ")[0]
    if view.example_place:
        return view.example_place
    if view.example_person and name_key(view.example_person):
        return view.example_person.split()[-1]
    return None
