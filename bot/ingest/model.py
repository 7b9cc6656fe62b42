"""Plain data passed between the ingest stages and the timeline store.

The extractor turns one article's text into an `Extraction`; the store writes it
into SQL and merges it with what earlier articles said.  Nothing here touches the
database or Telegram, so every stage can be tested with a one-line input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

EntityKind = Literal["person", "organisation", "country", "place"]
EventKind = Literal[
    "round", "statement", "proposal", "announcement", "figure", "agreement", "collapse"
]
EventStatus = Literal["scheduled", "ongoing", "concluded", "collapsed", "agreement"]
Granularity = Literal["day", "week", "month", "season", "year"]
ParticipantRole = Literal["participant", "lead", "mediator", "speaker", "subject"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned story, numbered from 0 across the article."""

    index: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class When:
    """A resolved date: `start`..`end` inclusive, never more precise than the text."""

    start: date
    end: date
    granularity: Granularity


@dataclass(frozen=True)
class RoleClaim:
    """What one sentence says a person is: "Qatar Foreign Ministry spokesperson"."""

    role: str
    affiliation: str | None
    sentence: int


@dataclass
class EntityMention:
    """A person, organisation, country or place as one article knows it.

    `key` is the transliteration-aware key of `name` (see `bot.names.name_key`);
    the store resolves it against the alias table.  `known` is True when the
    gazetteer in data/ supplied the entity, False when the article introduced it.
    """

    key: str
    kind: EntityKind
    name: str
    spellings: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    known: bool = False
    role_claims: list[RoleClaim] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Participant:
    entity_key: str
    role: ParticipantRole
    delegation_of: str | None = None  # entity key of the side the person represents


@dataclass
class ExtractedEvent:
    """A development of the story: a negotiation round, a proposal, a figure...

    `sentence` is where the article says it; `background` marks past events an
    article recalls ("a truce in November") so they keep their own date and are
    not reported as news of the publication day.
    """

    kind: EventKind
    title: str
    summary: str
    when: When | None
    sentence: int
    place_key: str | None = None
    status: EventStatus | None = None
    participants: list[Participant] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    outcome: str | None = None
    background: bool = False
    # The cue behind each slot ("venue": "in-city: talks in Doha"), what they support
    # together (0..1), and whether the event rests on one weak cue: an unconfirmed event
    # is stored and shown marked, never stated as fact.
    evidence: dict[str, str] = field(default_factory=dict)
    confidence: float = 1.0
    unconfirmed: bool = False


@dataclass(frozen=True)
class ExtractedQuote:
    speaker_key: str | None  # None: an unnamed source ("a US official")
    speaker_label: str  # how the article names the speaker
    text: str
    said: When | None
    sentence: int
    about_keys: tuple[str, ...] = ()


@dataclass
class Extraction:
    title: str
    paragraphs: list[str]
    sentences: list[Sentence]
    entities: list[EntityMention]
    events: list[ExtractedEvent]
    quotes: list[ExtractedQuote]
    dropped: list[str] = field(default_factory=list)  # lines judged not part of the story


@dataclass(frozen=True)
class ArticleInput:
    """An article as it arrives, before extraction."""

    text: str
    outlet: str
    published_at: datetime
    url: str | None = None
    title: str | None = None
    note: str | None = None
    source_name: str = ""  # file name or "pasted text", for reports
