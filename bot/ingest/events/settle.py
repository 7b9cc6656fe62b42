"""A round and the outcome that ended it: a deal or a breakdown closes the round.

"Israel recalled its negotiating team from Doha on Tuesday" is a collapse of its own and
the end of the Doha round that team was at; "Israel and Hamas signed off on the first
phase" in Sharm el-Sheikh ends the talks there in agreement.  A truce that lapsed ends no
round: the talks about it may go on.  The outcome must fall in the round's days, or soon
after its last reported day, and at its place; an outcome with no place closes the
report's one current round, or the round told in the sentences just before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from bot.ingest.events.confidence import CONFIRMED
from bot.ingest.events.round_dates import BEGAN_BEFORE, first_day
from bot.ingest.events.round_mentions import FINAL, ROUND_LENGTH
from bot.ingest.model import ExtractedEvent, When

T = TypeVar("T")
# A recall is told days after the last report of the talks it ends.
AFTER_LAST_DAY = timedelta(days=10)
_STATUS = {"agreement": "agreement", "collapse": "collapsed"}
ASSUMED_SLACK = timedelta(days=3)
NEXT_TO = 2  # sentences between a round and an outcome with no place that ends it
_LEDE_SENTENCES = 1  # the sentences that open a report: its news


def closes(outcome_day, start, end) -> bool:
    """Whether an outcome on `outcome_day` can end a round reported `start`..`end`: not
    one that came before it began."""
    return start <= outcome_day <= end + AFTER_LAST_DAY


def ends_talks(outcome: ExtractedEvent) -> bool:
    return (
        outcome.kind in _STATUS and outcome.evidence.get("of") in ("deal", "talks")
        and not outcome.unconfirmed and outcome.when is not None
    )


def settle_rounds(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """The report's rounds, each closed by the outcome of the report that ends it."""
    rounds = [e for e in events if e.kind == "round" and e.when is not None]
    agreed: set[int] = set()  # the rounds a deal of the report already ended
    for outcome in sorted((e for e in events if ends_talks(e)),
                          key=lambda e: e.when.start):  # type: ignore[union-attr]
        day = outcome.when.start  # type: ignore[union-attr]
        fitting = [
            r for r in rounds
            if r.background == outcome.background and (
                closes(day, r.when.start, r.when.end)
                # "A round ... opened in Doha on 6 July ... It lasted nearly three weeks. On
                # 24 July Israel recalled its team": a round told only by its opening ends
                # within a round's length of it.
                or (_told_by_opening(r) and r.when.start <= day <= r.when.start + ROUND_LENGTH
                    and 0 <= outcome.sentence - r.sentence <= NEXT_TO)
                # An undated round taken to be the report's day ended with the deal the
                # report dates days before it: "announced on Wednesday", filed Thursday.
                or (r.evidence.get("dates") == "assumed"
                    and r.when.start - ASSUMED_SLACK <= day <= r.when.end))
        ]
        if outcome.place_key is not None:
            fitting = [r for r in fitting if r.place_key == outcome.place_key]
        elif len(_current(rounds)) != 1 and not (
            # "Israel said on Saturday it had called its Mossad negotiators home from
            # Qatar": a recall the lede tells ends the last round it can, told after it.
            outcome.kind == "collapse" and outcome.sentence <= _LEDE_SENTENCES
            and not outcome.background
        ):
            # "The talks opened in Sharm el-Sheikh on Monday. On the third day they signed
            # off": with no place, the round told just before.
            fitting = [r for r in fitting if 0 <= outcome.sentence - r.sentence <= NEXT_TO]
        # A round stated as fact before one that rests on a weak cue ("Gallant, already in
        # the US, went ahead with his own meetings").
        fitting = [r for r in fitting if not r.unconfirmed] or fitting
        if fitting:
            ended = latest(fitting, day, lambda r: r.when.start)
            if outcome.kind == "agreement" and id(ended) in agreed:
                # "agreed on Wednesday ... the office said on Friday the agreement had been
                # finalised": the deal that ended the talks, told again, not a later end.
                # (A recall in two steps ends with the second.)
                continue
            kept = close(ended, _STATUS[outcome.kind], day, outcome.evidence.get("words", ""),
                         assumed=outcome.evidence.get("dates") == "assumed",
                         told=outcome.summary)
            if kept is not None:
                outcome.when = When(kept, kept, "day")  # the end the report told
            if outcome.kind == "agreement":
                agreed.add(id(ended))
            if outcome.kind == "agreement" and ended.unconfirmed and (
                    (outcome.place_key is not None and outcome.place_key == ended.place_key)
                    # "When the first delegations reached Sharm el-Sheikh on Monday ... By
                    # late on Wednesday ... had signed off": a dated deal that ends the
                    # report's one round bears it out.
                    or (outcome.place_key is None and not outcome.background
                        and outcome.evidence.get("dates") == "stated"
                        and _current(rounds) == [ended])):
                # "The text was signed in Sharm el-Sheikh on Thursday": a deal made at the
                # venue bears out the talks there.
                ended.confidence = max(ended.confidence, CONFIRMED)
                ended.unconfirmed = False
    return events


def _current(rounds: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """The report's current rounds stated as fact; the ones on a weak cue when it states
    none ("When the first delegations reached Sharm el-Sheikh on Monday ...")."""
    current = [r for r in rounds if not r.background]
    return [r for r in current if not r.unconfirmed] or current


def _told_by_opening(round_: ExtractedEvent) -> bool:
    """Whether the round's one day is the day it opened ("opened in Doha on 6 July")."""
    told = str(round_.evidence.get("dates", "")).removeprefix("stated:").strip()
    if not told or round_.when is None or round_.when.start != round_.when.end:
        return False
    at = round_.summary.find(told)
    return (at > 0 and bool(BEGAN_BEFORE.search(round_.summary, 0, at))) or (at == 0 and bool(
        # a chronology's item: "Jul 6 - A new round of proximity talks opens in Doha."
        _OPENS_AFTER.match(round_.summary, len(told))))


_OPENS_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:opens|opened|begins|began|starts|started|resumes|resumed|kicks off"
    r"|kicked off)\b", re.IGNORECASE)


def latest(rounds: list[T], day: date, start: Callable[[T], date]) -> T:
    """The round an outcome ends: the last one begun by its day."""
    begun = [r for r in rounds if start(r) <= day] or rounds
    return max(begun, key=start)


def close(
    round_: ExtractedEvent, status: str, day, words: str, *, assumed: bool = False,
    told: str = "",
) -> date | None:
    """End the round with the outcome; the round's own last day when it keeps it rather
    than take the day an undated outcome was only assumed to fall on."""
    when = round_.when
    # "The talks broke up in Cairo on Thursday ... The talks reached an impasse": an end
    # the report dates on no day of its own is the end already told, not the report's day.
    # (Unless the round's end was read from the outcome's own words.)
    told_ended = assumed and round_.status in FINAL \
        and str(round_.evidence.get("status", "")).startswith("word:") \
        and str(round_.evidence["status"]).removeprefix("word:").strip() not in told \
        and str(round_.evidence.get("dates", "")).startswith("stated") \
        and when is not None and day > when.end
    if told_ended:
        pass
    elif when is not None and when.granularity == "day" and day != when.end:
        # A round ends the day a deal or a breakdown ends it, even one that "has been under
        # way since 6 July" up to the report.
        if day < when.start and round_.evidence.get("dates") == "assumed":
            round_.when = When(day, day, "day")  # the day assumed was only the report's
        else:
            round_.when = replace(when, end=max(day, when.start))
    elif when is None:
        round_.when = When(day, day, "day")
    lasted = str(round_.evidence.get("lasted", ""))
    if lasted and round_.when is not None and round_.when.granularity == "day" \
            and round_.when.end == day and not told_ended:
        # "announced the deal on Wednesday ... it came out of four days of discussions".
        first = first_day(day, lasted)
        if round_.when.start > first or str(round_.evidence.get("dates")).startswith("assumed"):
            round_.when = When(first, day, "day")
    round_.status = status  # type: ignore[assignment]
    round_.evidence = {**round_.evidence, "status": f"outcome: {words}"}
    return when.end if told_ended and when is not None else None
