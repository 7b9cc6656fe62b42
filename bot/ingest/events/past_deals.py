"""Truces and deals a story recalls: background with their own dates, not news.

"A weeklong truce in November freed more than 100 hostages", "the only pause came
in late November 2023, when a week-long truce brokered by Qatar and Egypt ...":
a deal noun, a past time in reach of it, and a verb of a deal made or kept.  A
deal the sentence points back to ("that truce collapsed on March 18") is one the
story already has; the date of its end is no date of its making.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.ingest.document.passages import Passage, TimeMark
from bot.ingest.model import ExtractedEvent, Participant, When

_PAST_DEAL = re.compile(
    r"\b(?P<deal>truce|ceasefire|cease-fire|deal|agreement|accord)\b", re.IGNORECASE
)
_DEAL_MADE = re.compile(
    r"\b(?:led to|took effect|came into effect|held|reached|agreed|signed|brokered|negotiated|"
    r"negotiating|secured|freed|released|saw|paused|halted|came)\b",
    re.IGNORECASE,
)
_DEAL_ENDED = re.compile(
    r"\b(?:collaps\w*|expired|broke down|ended|unravel\w*|fell apart|shattered)\b", re.IGNORECASE
)
_POINTS_BACK = re.compile(r"\b(?:that|this|the same)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_MEDIATED = re.compile(r"\b(?:instrumental|mediat\w*|brokered)\b", re.IGNORECASE)
_BROKERED_BY = re.compile(r"^\s*(?:brokered|mediated|negotiated)\s+by\b", re.IGNORECASE)
# How far a time may sit from the deal noun and still date it.
_BEFORE, _AFTER = 45, 40


@dataclass(frozen=True)
class RecalledDeal:
    noun: re.Match[str]  # at sentence offsets
    time: TimeMark


def recalled_deal(passage: Passage, start: int, end: int, published: date) -> RecalledDeal | None:
    """The past deal the sentence at `start`..`end` of `passage` recalls, if any."""
    text = passage.blank[start:end]
    if not _DEAL_MADE.search(text):
        return None
    for m in _PAST_DEAL.finditer(text):
        if _POINTS_BACK.search(text[: m.start()]):
            continue
        noun_at, noun_end = start + m.start(), start + m.end()
        times = [
            t for t in passage.times_in(max(start, noun_at - _BEFORE), min(end, noun_end + _AFTER))
            if t.expression.direction == "past"
            and (published - t.expression.end).days > 7
            and not _SINCE.search(passage.text[max(start, t.start - 8) : t.start])
            # "the agreement collapsed on March 18": the end of a deal, not its making.
            and not (t.start > noun_end and _DEAL_ENDED.search(passage.text[noun_end : t.start]))
        ]
        if times:
            return RecalledDeal(m, min(times, key=lambda t: abs(t.start - noun_at)))
    return None


def find_past_deals(passages: list[Passage], published: date) -> list[ExtractedEvent]:
    """Truces and deals the story recalls ("a truce in November that led to ..."): background."""
    events: list[ExtractedEvent] = []
    for passage in passages:
        for index, start, end in passage.sentences:
            deal = recalled_deal(passage, start, end, published)
            if deal is None:
                continue
            e = deal.time.expression
            events.append(ExtractedEvent(
                kind="proposal",
                title=f"{deal.noun.group('deal').lower()} of {e.text}",
                summary=passage.text[start:end][:400],
                when=When(e.start, e.end, e.granularity),
                sentence=index,
                status="agreement",
                participants=_mediators(passage, start, end, deal),
                background=True,
            ))
    return events


def _mediators(passage: Passage, start: int, end: int, deal: RecalledDeal) -> list[Participant]:
    text = passage.blank[start:end]
    if not _MEDIATED.search(text):
        return []
    noun_end = start + deal.noun.end()
    after = passage.text[noun_end:end]
    # "a truce brokered by Qatar and Egypt": the names after; else the ones before the deal.
    if _BROKERED_BY.search(after):
        span = (noun_end, min(end, noun_end + 60))
    else:
        span = (start, start + deal.noun.start())
    return [
        Participant(k.key, "mediator")
        for k in passage.marks_in(*span)
        if k.kind in ("country", "organisation")
    ]
