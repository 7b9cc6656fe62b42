"""A round's mention: what one clause tells of the talks, and what the whole report
tells every clause (its day, its dateline, its lede)."""


from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.ingest.document.passages import Mark
from bot.ingest.events.round_cues import NOUN_WEIGHT, VENUE_WEIGHT, noun_strength
from bot.ingest.events.round_dates import DATE_WEIGHT
from bot.ingest.events.round_status import StatusCue
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import Participant, When

# A report older than this tells of the past: background, not the day's news.
RECENT = timedelta(days=7)
# The longest a round of talks runs in this story (the July 2025 Doha round: 19 days).
ROUND_LENGTH = timedelta(days=28)


@dataclass
class Mention:
    sentence: int
    text: str
    place: Mark | None
    when: When | None
    status: StatusCue | None
    background: bool
    participants: list[Participant] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    outcome: str | None = None
    began: When | None = None
    noun: str = ""
    venue_cue: str = ""
    date_cue: str = "none"
    time_text: str = ""
    said_day: bool = False  # dated only by the day it was told ("said Friday they had left")
    told_on: date | None = None  # the day of the live or timeline entry that tells it
    entry_day: date | None = None  # the day of the live entry it is in, if any

    @property
    def weight(self) -> float:
        return self.weight_dated(self.date_cue)

    def weight_dated(self, date_cue: str) -> float:
        """The weight with the date cue the round's days rest on."""
        noun = noun_strength(self.noun, self.text)
        venue = VENUE_WEIGHT.get(self.venue_cue, 0.0) if self.place else 0.0
        return NOUN_WEIGHT[noun] * venue * DATE_WEIGHT[date_cue]


@dataclass(frozen=True)
class Setting:
    """What the whole report tells every sentence: its day, its dateline, its lede."""

    published: date
    describe: Callable[[str], PlaceFacts | None]
    dateline: Mark | None = None  # the dateline's city, as a mark of no sentence
    lede: frozenset[int] = frozenset()  # sentences of the lede
    headline: frozenset[str] = frozenset()  # places the headline's talks are in
    entries: dict[int, date] = field(default_factory=dict)  # a live page's day per paragraph
    cities: frozenset[str] = frozenset()  # the cities the report names anywhere


def party_city(setting: Setting) -> bool:
    """A dateline in one side's city (JERUSALEM, ...) is where the reporter is, not the
    talks: the sides' cities host visits and cabinet meetings, the mediators host rounds."""
    if setting.dateline is None:
        return False
    facts = setting.describe(setting.dateline.key)
    return facts is not None and facts.country in vocabulary().parties


# "wrapped up its stint in Doha and flew home": a team going home ends its stay there.
_WENT_HOME = re.compile(
    r"(?:flew|returned|returning|went|headed|came|coming|going)\s+(?:back\s+)?home|wrapped up",
    re.IGNORECASE,
)


def leaving(mention: Mention) -> bool:
    return mention.venue_cue == "left-city" or (
        mention.status is not None and bool(_WENT_HOME.match(mention.status.word))
    )


STARTED = re.compile(
    r"^(?:began|begun|begin\w*|start\w*|restart\w*|(?:re-?)?open\w*|commenc\w*|resum\w*|reconven\w*|"
    r"kick\w* off|launched|gathered|assembled|converged)",
    re.IGNORECASE,
)


HAD_GONE = re.compile(
    r"\bhad\s+(?:already\s+)?(?:gone|travell?ed|flown|arrived|landed|headed)\b", re.IGNORECASE
)


FINAL = ("collapsed", "agreement", "concluded")
