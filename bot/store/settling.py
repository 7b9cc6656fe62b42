"""Rounds closed by outcomes that other reports tell: the store's side of
`bot.ingest.events.settle`.

One report tells of talks in Doha; another, days later, that Israel recalled its team from
Doha.  The round ends there, collapsed, on the recall's day, whichever report came first.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import Session, select

from bot.ingest.events.settle import closes, ends_talks, latest
from bot.ingest.model import ExtractedEvent
from bot.store.models import Article, Event, EventSource

_STATUS = {"agreement": "agreement", "collapse": "collapsed"}
_STRONG = ("agreement", "collapsed")


def settle_stored_rounds(
    session: Session, stored: list[tuple[Event, ExtractedEvent]], article: Article
) -> None:
    for event, extracted in stored:
        if extracted.kind in _STATUS and ends_talks(extracted) and event.place_id is not None:
            near = _rounds_near(session, event)
            if near:
                ended = latest(near, event.start_date, _start)
                _close(ended, _STATUS[event.kind], event.start_date, extracted.background)
        elif extracted.kind == "round" and event.start_date is not None and event.place_id:
            for outcome in _outcomes_near(session, event):
                ended = latest(_rounds_near(session, outcome), outcome.start_date, _start)
                if ended.id == event.id:
                    _close(event, _STATUS[outcome.kind], outcome.start_date, outcome.background)
            session.add(event)


def _start(event: Event):
    return event.start_date


def _rounds_near(session: Session, outcome: Event) -> list[Event]:
    day = outcome.start_date
    rounds = session.exec(
        select(Event).where(
            Event.kind == "round", Event.place_id == outcome.place_id,
            Event.start_date.is_not(None), Event.start_date <= day + timedelta(days=1),
        )
    ).all()
    return [r for r in rounds if closes(day, r.start_date, r.end_date or r.start_date)]


def _outcomes_near(session: Session, round_: Event) -> list[Event]:
    end = round_.end_date or round_.start_date
    outcomes = session.exec(
        select(Event).where(
            Event.kind.in_(list(_STATUS)), Event.place_id == round_.place_id,
            Event.unconfirmed.is_(False), Event.start_date.is_not(None),
            Event.start_date >= round_.start_date - timedelta(days=1),
        )
    ).all()
    return [
        o for o in outcomes
        if closes(o.start_date, round_.start_date, end) and _ends_talks(session, o)
    ]


def _ends_talks(session: Session, outcome: Event) -> bool:
    """Whether some report of the outcome says it ended talks, not a truce."""
    for evidence in session.exec(
        select(EventSource.evidence).where(EventSource.event_id == outcome.id)
    ).all():
        if evidence and json.loads(evidence).get("of") in ("deal", "talks"):
            return True
    return False


def _close(round_: Event, status: str, day, recalled: bool) -> None:
    if round_.status in _STRONG and round_.status == status and not recalled \
            and round_.granularity == "day" and round_.end_date is not None \
            and day > round_.end_date:
        # "the deal was signed on Thursday", of a round already told as ending in a deal
        # on Wednesday: it ended the day the deal was made.
        round_.end_date = day
        return
    if round_.status in _STRONG and (recalled or round_.status == status):
        return  # a recalled outcome never undoes a deal or a breakdown already on record
    round_.status = status
    if round_.granularity == "day" and day >= round_.start_date:
        round_.end_date = day  # the round ends the day the outcome ends it
