"""Plain records returned by the timeline queries, each fact with its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class SourceRef:
    """One article's report: outlet, publication time, link, and the sentence it said it in."""

    article_id: int
    outlet: str
    url: str | None
    published: datetime
    sentence: str | None = None
    status: str | None = None  # what this report said of a round's status
    start: date | None = None  # what this report said of the event's dates
    end: date | None = None
    evidence: str | None = None  # JSON: the cue behind each slot this report filled
    # Above 1: the article is a later version of a page (bot.ingest.batch), `version_of`
    # its first; all versions of one page are one report.
    version: int = 1
    version_of: int | None = None

    @property
    def report_id(self) -> int:
        """The article that first reported it: the same for every version of one page."""
        return self.version_of or self.article_id


@dataclass(frozen=True)
class Participant:
    entity_id: int
    name: str
    kind: str
    role: str  # participant, lead, mediator, speaker, subject
    side: str | None = None  # the delegation the person represents


@dataclass
class EventView:
    id: int
    kind: str
    title: str
    summary: str
    start: date | None
    end: date | None
    granularity: str | None
    place: str | None
    place_id: int | None
    status: str | None
    issues: list[str]
    outcome: str | None
    background: bool
    first_reported_at: datetime
    sources: list[SourceRef] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    confidence: float = 1.0
    unconfirmed: bool = False  # rests on one weak cue: shown marked, never as news
    # Editors' layer (bot.corrections): the fields they corrected, and their verdicts.  A
    # verified item counts as corroborated in `/latest corroborated`.
    corrected: tuple[str, ...] = ()
    verified: bool = False
    hidden: bool = False

    def status_history(self) -> list[tuple[str, SourceRef]]:
        """How the status moved, report by report: a repeated word is said once, first."""
        moves: list[tuple[str, SourceRef]] = []
        for source in sorted(self.sources, key=lambda s: (s.published, s.article_id)):
            if source.status and (not moves or moves[-1][0] != source.status):
                moves.append((source.status, source))
        return moves

    def with_role(self, *roles: str) -> list[Participant]:
        return [p for p in self.participants if p.role in roles]


@dataclass(frozen=True)
class QuoteView:
    id: int
    speaker_id: int | None
    speaker: str
    text: str
    said_on: date | None
    said_granularity: str | None
    first_reported_at: datetime
    source: SourceRef
    event_id: int | None = None


@dataclass(frozen=True)
class RoleView:
    role: str
    affiliation: str | None
    valid_from: date | None
    valid_to: date | None
    source: SourceRef | None  # None: from the curated gazetteer or from an editor
    by_editor: bool = False  # an editor's claim: it outranks every extracted one

    def since(self) -> date:
        """When the role is known from: its start, else the day an article gave it."""
        if self.valid_from is not None:
            return self.valid_from
        if self.source is not None:
            return self.source.published.date()
        return date.min

    def held_on(self, day: date) -> bool:
        """A reference term that covers the day (an article's claim has no term)."""
        if self.source is not None or self.valid_from is None or self.by_editor:
            return False
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class EntityView:
    id: int
    kind: str
    name: str
    role: str | None
    affiliation: str | None
    country: str | None


@dataclass
class Page(Generic[T]):
    """Some of the rows a query found, and how many there were in all."""

    items: list[T]
    total: int
    capped: bool = False  # there are more than `total`; counting stopped there

    @property
    def count_text(self) -> str:
        return f"more than {self.total:,}" if self.capped else f"{self.total:,}"

    @property
    def cut(self) -> bool:
        return self.capped or self.total > len(self.items)


@dataclass
class Profile:
    entity: EntityView
    spellings: list[str]
    roles: list[RoleView]  # held on `as_of` first
    events: Page[tuple[EventView, list[Participant]]]  # each with this entity's parts in it
    quotes: Page[QuoteView]
    said_of: Page[QuoteView]
    headline: RoleView | None = None  # the role held on the day of the latest report
    as_of: date | None = None
    corrected: bool = False  # an editor corrected it (bot.corrections)
    verified: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class ArticleView:
    id: int
    outlet: str
    url: str | None
    title: str
    published: datetime
    source_name: str
    events: int = 0
    quotes: int = 0
    carried_by: tuple = ()  # bot.timeline.carriers.Carrier: the article's outlet first
    version: int = 1  # above 1: the page changed at its address (bot.ingest.batch)
