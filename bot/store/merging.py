"""When a report tells of an event already on record, and what it may change of it.

Two reports are of one round when they put it at one place on days next to each other;
of one agreement or collapse when they give the same kind within a day; of one plan or
figure when they name it alike within a month.  A later report moves a status only when
it tells the change as news, and a report resting on weak cues or only recalling the
event corroborates it without stretching its dates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

from sqlmodel import Session, select

from bot.dates.model import coarseness
from bot.ingest.events.confidence import CONFIRMED, combine
from bot.ingest.events.settle import closes, latest
from bot.ingest.model import ExtractedEvent
from bot.names import name_key
from bot.store.models import Article, Entity, Event, EventSource

# How far apart two day-dated reports of a round at one place may be and still be one round:
# talks that "began Monday" and "resumed Wednesday" are the same round.
ROUND_GAP = timedelta(days=1)
# Two reports of an agreement or a collapse a day apart tell of one (time zones, "late
# Wednesday" told on Thursday); two of a proposal or a figure more than a month apart tell
# of two, unless one report gives the span that joins them.
OUTCOME_GAP = timedelta(days=1)
MERGE_LIMIT = timedelta(days=31)
# A deal is in force within days of being made ("agreed on Wednesday", "took effect Sunday").
FORCE_AFTER_DEAL = timedelta(days=7)
# The longest run of days one report may give and still show two rounds to be one.
JOIN_SPAN = timedelta(days=10)
# The longest a round runs from its opening to the end a later recollection names.
ROUND_SPAN = timedelta(days=28)
OUTCOME_KINDS = ("agreement", "collapse")
# Words of the text outrank what the dates imply; see round_events._settled_status.
_DERIVED = ("dates past", "dates now", "dates ahead")
# When two sources of the same day disagree, the more final word wins.
STATUS_RANK = {"scheduled": 0, "ongoing": 1, "concluded": 2, "collapsed": 3, "agreement": 4}



def find_same_event(
    session: Session, extracted: ExtractedEvent, place: Entity | None,
    article_id: int | None = None,
) -> Event | None:
    return next(
        (e for e in _same_events(session, extracted, place)
         if _reports_fit(session, e, extracted)
         and not (extracted.kind == "round" and _apart(e, extracted)
                  and _told_by(session, e, article_id))),
        None,
    )


def _apart(event: Event, extracted: ExtractedEvent) -> bool:
    """Whether the two are on days of their own, neither overlapping the other."""
    when = extracted.when
    if when is None or event.start_date is None or when.granularity != "day" \
            or event.granularity != "day":
        return False
    return when.start > (event.end_date or event.start_date) or when.end < event.start_date


def _told_by(session: Session, event: Event, article_id: int | None) -> bool:
    """Whether the article already told this round: two rounds one report keeps apart
    ("the Hamas team left Cairo on Sunday ... talks resumed there on Tuesday") stay two."""
    return article_id is not None and session.exec(
        select(EventSource.id).where(
            EventSource.event_id == event.id, EventSource.article_id == article_id)
    ).first() is not None


def also_same_rounds(
    session: Session, extracted: ExtractedEvent, place: Entity | None, found: Event
) -> list[Event]:
    """Other rounds on record that this report, folded into `found`, shows to be the same.

    Only a firm report of days does: "talks ran from Saturday to Wednesday" joins the
    Saturday talks and the Wednesday talks; "rounds in Paris in January and February" or a
    recalled or assumed date joins nothing."""
    when = extracted.when
    if extracted.kind != "round" or when is None or when.granularity != "day" \
            or when.end - when.start > JOIN_SPAN or extracted.background \
            or extracted.unconfirmed or not _moves_dates(found, extracted):
        return []
    return [
        e for e in _same_events(session, extracted, place)
        if e.id != found.id and _same_period(e, extracted) and _reports_fit(session, e, extracted)
    ]


def _reports_fit(session: Session, event: Event, extracted: ExtractedEvent) -> bool:
    """Whether the event's reports and this one stay within a month of each other.

    Each merge compares a report with the event as it stands, so a chain of reports a few
    weeks apart ("eight killed" in January, February and March) could join what no two
    neighbours would; the whole set of reports is what must fit, unless one report gives
    the span that joins them."""
    when = extracted.when
    if when is None:
        return True
    spans = [(when.start, when.end)] + [
        (start, end or start)
        for start, end in session.exec(
            select(EventSource.start_date, EventSource.end_date).where(
                EventSource.event_id == event.id, EventSource.start_date.is_not(None)
            )
        ).all()
    ]
    latest_start = max(start for start, _ in spans)
    earliest_end = min(end for _, end in spans)
    if latest_start - earliest_end <= MERGE_LIMIT:
        return True
    return any(start <= earliest_end and end >= latest_start for start, end in spans)


def _same_events(
    session: Session, extracted: ExtractedEvent, place: Entity | None
) -> Iterator[Event]:
    """The events this report may be of, the likeliest first."""
    if extracted.kind == "round":
        if place is None or extracted.when is None:
            return
        candidates = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == place.id)
        ).all()
        yield from (event for event in candidates if _same_period(event, extracted))
        if extracted.evidence.get("venue", "").startswith("left-city"):
            # "Israel recalled its team from Doha on Thursday": the end of the Doha round
            # another report told, not a round of its own.
            day = extracted.when.start
            fitting = [
                e for e in candidates
                if e.start_date is not None
                and closes(day, e.start_date, e.end_date or e.start_date)
            ]
            if fitting:
                yield latest(fitting, day, lambda e: e.start_date)
        else:
            # The talks a recall read before them ended: "recalled its team from Doha on
            # Thursday", stored first, then "held talks in Doha on Sunday".
            yield from (
                e for e in candidates
                if e.start_date is not None and e.status == "collapsed"
                and extracted.when.granularity == "day" and _recall_only(session, e)
                and closes(e.start_date, extracted.when.start, extracted.when.end)
            )
        return
    if extracted.kind in OUTCOME_KINDS:
        yield from _same_outcomes(session, extracted)
        return
    candidates = session.exec(
        select(Event)
        .where(Event.kind == extracted.kind, Event.title_key == name_key(extracted.title))
        .order_by(Event.id)
    ).all()
    yield from (e for e in candidates if _within_a_month(e, extracted))


def _recall_only(session: Session, event: Event) -> bool:
    """Whether every report of a round told only of a team leaving its city."""
    cues = session.exec(select(EventSource.evidence).where(EventSource.event_id == event.id)).all()
    return bool(cues) and all(
        cue is not None and str(json.loads(cue).get("venue", "")).startswith("left-city")
        for cue in cues)


def _within_a_month(event: Event, extracted: ExtractedEvent) -> bool:
    """The same-titled plan or figure, unless the two reports are more than a month apart."""
    when = extracted.when
    if when is None or event.start_date is None:
        return True
    gap = max(when.start - (event.end_date or event.start_date), event.start_date - when.end)
    return gap <= MERGE_LIMIT


def _same_outcomes(session: Session, extracted: ExtractedEvent) -> Iterator[Event]:
    when = extracted.when
    if when is None:
        return
    candidates = session.exec(
        select(Event).where(Event.kind == extracted.kind).order_by(Event.id)
    ).all()
    of = extracted.evidence.get("of")
    for event in candidates:
        if event.start_date is None:
            continue
        told = _outcome_of(session, event)
        if _made_then_in_force(of, told, event, when):
            yield event
            continue
        if of and of not in told:
            continue  # a truce that lapsed and a team recalled the next day are two events
        end = event.end_date or event.start_date
        if event.granularity == "day" and when.granularity == "day":
            if abs(when.start - event.start_date) <= OUTCOME_GAP:
                yield event
        elif when.start <= end and event.start_date <= when.end and (
            max(end, when.end) - min(event.start_date, when.start) <= MERGE_LIMIT
        ):
            yield event


def _made_then_in_force(of: str | None, told: set[str], event: Event, when) -> bool:
    """A deal agreed on Wednesday and the truce in force on Sunday are one agreement,
    whichever report came first."""
    if event.granularity != "day" or when.granularity != "day":
        return False
    if of == "force" and told & {"deal", "force"}:
        return timedelta(0) <= when.start - event.start_date <= FORCE_AFTER_DEAL
    if of == "deal" and told == {"force"}:
        return timedelta(0) <= event.start_date - when.start <= FORCE_AFTER_DEAL
    return False


def _same_period(event: Event, extracted: ExtractedEvent) -> bool:
    when = extracted.when
    if event.start_date is None or when is None:
        return False
    if event.granularity == "day" and when.granularity == "day":
        return when.start <= event.end_date + ROUND_GAP and event.start_date <= when.end + ROUND_GAP
    return when.start <= event.end_date and event.start_date <= when.end


def _outcome_of(session: Session, event: Event) -> set[str]:
    """What the reports of an outcome say it ended: "talks", "truce" or made a "deal"."""
    found = set()
    for evidence in session.exec(
        select(EventSource.evidence).where(EventSource.event_id == event.id)
    ).all():
        if evidence:
            found.add(json.loads(evidence).get("of"))
    return found


def fold_into(
    event: Event, extracted: ExtractedEvent, article: Article, place_id: int | None = None,
    *, echo: bool = False,
) -> None:
    """Fold a later report into the event; an `echo` (the same sentence, syndicated) adds a
    source but no support."""
    when = extracted.when
    if event.place_id is None and place_id is not None:
        event.place_id = place_id  # "called home at the start of the month", then "from Doha"
    if event.kind in OUTCOME_KINDS:
        # The finest date any report gives: "in January" and "on January 15" are one day;
        # and the day the deal was made, not the day it took effect.
        made = extracted.evidence.get("of") == "deal" and event.start_date is not None \
            and when is not None and when.granularity == event.granularity == "day" \
            and when.start < event.start_date
        if when is not None and (
            event.start_date is None or made
            or coarseness(when.granularity) < coarseness(event.granularity)
        ):
            event.start_date, event.end_date = when.start, when.end
            event.granularity = when.granularity
    elif event.kind != "round":
        # A proposal or a figure dates from when it was first put forward; a later report
        # of it does not stretch it into a range of days.
        if when is not None and (event.start_date is None or when.start < event.start_date):
            event.start_date, event.end_date = when.start, when.end
            event.granularity = when.granularity
    elif when is not None and event.start_date is not None and event.unconfirmed \
            and not extracted.unconfirmed:
        # The first firm report of a round that rested on weak cues gives its dates.
        event.start_date, event.end_date, event.granularity = when.start, when.end, \
            when.granularity
    elif when is not None and event.start_date is not None and not _moves_dates(event, extracted):
        pass
    elif when is not None and event.start_date is not None:
        mine = coarseness(event.granularity)
        theirs = coarseness(when.granularity)
        if theirs < mine:
            event.start_date, event.end_date, event.granularity = (
                when.start,
                when.end,
                when.granularity,
            )
        elif theirs == mine:
            event.start_date = min(event.start_date, when.start)
            event.end_date = max(event.end_date or when.end, when.end)
    elif when is not None:
        event.start_date, event.end_date, event.granularity = when.start, when.end, when.granularity
    if extracted.status and _moves_status(event, extracted, article):
        event.status = extracted.status
    if not echo:
        event.confidence = round(combine([event.confidence, extracted.confidence]), 2)
    event.unconfirmed = event.confidence < CONFIRMED
    issues = [i for i in event.issues.split("; ") if i] + list(extracted.issues)
    event.issues = "; ".join(dict.fromkeys(issues))
    if extracted.outcome and article.published_at >= event.last_reported_at:
        event.outcome = extracted.outcome
    if (
        len(extracted.summary) > len(event.summary)
        and article.published_at >= event.last_reported_at
    ):
        event.summary = extracted.summary
    event.background = event.background and extracted.background
    event.first_reported_at = min(event.first_reported_at, article.published_at)
    event.last_reported_at = max(event.last_reported_at, article.published_at)


def _leaving(extracted: ExtractedEvent) -> bool:
    """ "The team left Doha on Thursday": too little to state a round alone, but the end
    of one on record."""
    return extracted.evidence.get("venue", "").startswith("left-city")


def _moves_dates(event: Event, extracted: ExtractedEvent) -> bool:
    """A report that only assumes the day, rests on weak cues or recalls the round
    corroborates it; its days do not stretch what firmer news reports gave."""
    if extracted.evidence.get("dates", "").startswith("assumed"):
        return False
    if extracted.unconfirmed and not event.unconfirmed and not _leaving(extracted):
        return False
    if extracted.background and not event.background:
        # "the Cairo session of August 25", recalled, pins down the round another report
        # only planned for "next week": a finer day within its span.
        when = extracted.when
        if when is None or event.start_date is None:
            return False
        last = event.end_date or event.start_date
        finer = coarseness(when.granularity) < coarseness(event.granularity) and \
            event.start_date <= when.start and when.end <= last
        # "The round opened in Doha on March 18 ... On March 26 Israel recalled its
        # negotiators", recalled months later: the end the recall names, of the round that
        # news reports told open, as the status it moves (_moves_status) is.
        ended = extracted.status in ("collapsed", "agreement") \
            and str(extracted.evidence.get("status", "")).startswith("outcome") \
            and when.granularity == "day" and when.start <= last < when.end \
            and when.end - event.start_date <= ROUND_SPAN
        # "6-24 July 2025 - Doha: proximity talks ...; Israel and the US recall their
        # teams on 24 July", recalled months later, of the round news told only by the
        # recall: the opening it names, with the same end.
        opened = extracted.status in ("collapsed", "agreement", "concluded") \
            and when.granularity == "day" and when.start < event.start_date \
            and abs((when.end - last).days) <= 1 and last - when.start <= ROUND_SPAN \
            and event.start_date == last
        return finer or ended or opened
    return True


def _moves_status(event: Event, extracted: ExtractedEvent, article: Article) -> bool:
    """Whether this report's status replaces the event's.

    A report moves the status when it tells the change as news: a newer report, or one of
    the same day with the more final word.  A report that only recalls the round moves it
    only to a breakdown or a deal it names in words; a status inferred from the dates
    ("it was on Sunday, so it took place") never undoes a breakdown or a deal.
    """
    if event.status is None or (event.unconfirmed and not extracted.unconfirmed):
        return True  # the first firm report of a round that rested on weak cues
    if extracted.unconfirmed and not event.unconfirmed and not _leaving(extracted):
        return False
    strong = ("collapsed", "agreement")
    derived = extracted.evidence.get("status", "") in _DERIVED
    if derived and event.status in strong:
        return False
    if extracted.background and not event.background:
        # A later recall that says in words that talks told as going on have ended ("a
        # round of talks in Cairo on February 27-28 ended without a deal") closes them.
        ended = extracted.status == "concluded" and event.status in ("ongoing", "scheduled") \
            and article.published_at > event.last_reported_at
        if ended and derived and event.status == "ongoing" and event.end_date is not None \
                and article.published_at.date() > event.end_date + ROUND_SPAN:
            # Talks told as going on in April and recalled in July as held are over: no
            # round runs that long.
            return True
        return not derived and (ended or (extracted.status in strong
                                          and event.status not in strong))
    if article.published_at > event.last_reported_at:
        return True
    if article.published_at < event.last_reported_at:
        return False
    return STATUS_RANK.get(extracted.status, 0) >= STATUS_RANK.get(event.status, 0)
