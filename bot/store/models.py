"""The timeline store: SQLModel tables shared by ingest, queries and the digest.

Datetimes are timezone-aware and kept in UTC (see `UTCDateTime`); dates of events
carry a granularity so that a month is never shown as an invented day.  Every
fact (event source, participant, quote, role claim) points at the article and
sentence it came from.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes in, UTC-aware datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; attach a time zone first")
        value = value.astimezone(UTC)
        # SQLite has no time zone type: store naive UTC text and restore the zone on read.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _fk(target: str, *, nullable: bool = False, index: bool = True, cascade: bool = True) -> Column:
    return Column(
        Integer,
        ForeignKey(target, ondelete="CASCADE" if cascade else "SET NULL"),
        nullable=nullable,
        index=index,
    )


def _when(**kw) -> Column:
    return Column(UTCDateTime(), **kw)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    outlet: str = Field(index=True)
    url: str | None = None
    title: str
    published_at: datetime = Field(sa_column=_when(nullable=False, index=True))
    ingested_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))
    content_hash: str = Field(unique=True, max_length=64)
    text: str  # the story's paragraphs, as the extractor kept them
    # The text as it arrived, page furniture and all: `timeline-bot rebuild` reads it again.
    raw_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    note: str | None = None
    source_name: str = ""
    # Minutes east of UTC the outlet gave with the publication time: `published_at` is UTC,
    # and the export gives the time back with the outlet's own offset.
    published_offset: int | None = None
    # The SimHash of the text as it arrived (bot.ingest.near_copies): how a syndicated copy
    # at another address is known for this article.
    simhash: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    # A page that changed at the same address is a new version: a row of its own, whose
    # facts keep it as their source, pointing at the first version.
    version: int = Field(default=1)
    # No foreign key: SQLite cannot add one to a stored table (migration 0012).
    version_of_id: int | None = Field(
        default=None, sa_column=Column(Integer, nullable=True, index=True)
    )


class ArticleCarrier(SQLModel, table=True):
    """Another outlet that carried an article: a syndicated copy, stored once, listed here."""

    __tablename__ = "article_carrier"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(sa_column=_fk("article.id"))
    outlet: str
    url: str | None = None
    published_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    seen_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class Sentence(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(sa_column=_fk("article.id"))
    position: int
    paragraph: int
    text: str


class Entity(SQLModel, table=True):
    """A person, organisation, country or place; `key` is `bot.names.name_key(name)`."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    name: str
    key: str = Field(index=True)
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    known: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class Alias(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("entity_id", "key"),
        Index("ix_alias_kind_key", "kind", "key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(sa_column=_fk("entity.id"))
    kind: str
    text: str
    key: str = Field(index=True)


class RoleClaim(SQLModel, table=True):
    """ "Qatar Foreign Ministry spokesperson", as the gazetteer or one sentence says it."""

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(sa_column=_fk("entity.id"))
    role: str
    affiliation: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    article_id: int | None = Field(default=None, sa_column=_fk("article.id", nullable=True))
    sentence_id: int | None = Field(
        default=None, sa_column=_fk("sentence.id", nullable=True, index=False)
    )


class Event(SQLModel, table=True):
    # Date spans read start dates in a bounded range and then test end dates: with both in
    # one index, the span query and its count never touch the table.  A place's rounds are
    # one index range, already in date order.
    __table_args__ = (
        Index("ix_event_kind_start", "kind", "start_date"),
        Index("ix_event_start_end", "start_date", "end_date"),
        Index("ix_event_place_kind_start", "place_id", "kind", "start_date"),
        Index("ix_event_kind_title_key", "kind", "title_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    title: str
    # bot.names.name_key(title): a later report of "the 60-Day truce" finds its proposal by
    # index instead of re-keying every proposal on record.
    title_key: str | None = None
    summary: str
    start_date: date | None = None
    end_date: date | None = None
    granularity: str | None = None
    place_id: int | None = Field(
        default=None, sa_column=_fk("entity.id", nullable=True, index=False, cascade=False)
    )
    status: str | None = None
    issues: str = ""  # "; "-separated, in the order first reported
    outcome: str | None = None
    background: bool = False
    first_reported_at: datetime = Field(sa_column=_when(nullable=False, index=True))
    last_reported_at: datetime = Field(sa_column=_when(nullable=False))
    # How well the reports' cues support the event (0..1), and whether it rests on one weak
    # cue: an unconfirmed event is shown marked in detail answers and left out of news.
    confidence: float = Field(
        default=1.0, sa_column=Column(Float, nullable=False, server_default="1.0")
    )
    unconfirmed: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


class EventSource(SQLModel, table=True):
    """One article's report of an event, with what it said of the status then."""

    __table_args__ = (UniqueConstraint("event_id", "sentence_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    article_id: int = Field(sa_column=_fk("article.id"))
    sentence_id: int = Field(sa_column=_fk("sentence.id", index=False))
    status: str | None = None
    summary: str
    reported_at: datetime = Field(sa_column=_when(nullable=False))
    # What this report said of the event's dates: merging never joins reports of dates more
    # than a month apart unless one of them gives the span that joins them.
    start_date: date | None = None
    end_date: date | None = None
    granularity: str | None = None
    evidence: str | None = None  # JSON: the cue behind each slot this report filled
    confidence: float | None = None  # what this report's cues alone support


class EventEntity(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("event_id", "entity_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    entity_id: int = Field(sa_column=_fk("entity.id"))
    role: str  # participant, lead, mediator, speaker, subject
    delegation_of_id: int | None = Field(
        default=None, sa_column=_fk("entity.id", nullable=True, index=False, cascade=False)
    )
    article_id: int = Field(sa_column=_fk("article.id", index=False))
    sentence_id: int = Field(sa_column=_fk("sentence.id", index=False))


class Quote(SQLModel, table=True):
    # "What was said in July", oldest first: one index range in the order it is shown.
    __table_args__ = (
        UniqueConstraint("sentence_id", "text_hash"),
        Index("ix_quote_said_reported", "said_on", "first_reported_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int | None = Field(
        default=None, sa_column=_fk("entity.id", nullable=True, cascade=False)
    )
    speaker_label: str
    text: str
    text_hash: str = Field(max_length=64)
    said_on: date | None = None
    said_granularity: str | None = None
    article_id: int = Field(sa_column=_fk("article.id"))
    sentence_id: int = Field(sa_column=_fk("sentence.id", index=False))
    event_id: int | None = Field(
        default=None, sa_column=_fk("event.id", nullable=True, cascade=False)
    )
    first_reported_at: datetime = Field(sa_column=_when(nullable=False, index=True))


class QuoteSubject(SQLModel, table=True):
    """Who a quote is about: the "what others said of them" of a profile."""

    quote_id: int = Field(
        sa_column=Column(Integer, ForeignKey("quote.id", ondelete="CASCADE"), primary_key=True)
    )
    entity_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    )


class IdCounter(SQLModel, table=True):
    """The last id given out per table, so an id is never given out twice (see `bot.store.ids`)."""

    __tablename__ = "id_counter"

    name: str = Field(primary_key=True)
    last: int


class SearchDoc(SQLModel, table=True):
    """The text that full-text search sees; FTS5 or tsvector indexes sit on top (migrations)."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # event or quote
    ref_id: int
    body: str


class Subscription(SQLModel, table=True):
    """A chat's daily digest: local time and zone, so the database is the schedule.

    `next_due_at` is the next occurrence of `local_time` in `timezone`, in UTC, so the
    minute tick finds what is due with one indexed range query.
    """

    __table_args__ = (Index("ix_subscription_active_next_due", "active", "next_due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    chat_type: str = "private"
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    local_time: str = "07:00"  # HH:MM in `timezone`
    timezone: str = "UTC"
    filter: str | None = None
    skip_empty: bool = False
    active: bool = Field(default=True, index=True)
    deactivated_reason: str | None = None
    deactivated_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))
    last_digest_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    next_due_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class DigestEdition(SQLModel, table=True):
    """The pages a digest was composed into, kept from the first claim of its delivery so
    that a resumed send sends those pages again, whatever was ingested meanwhile.
    Subscribers whose digests came out alike share one row, found by the pages' hash."""

    __tablename__ = "digest_edition"

    id: int | None = Field(default=None, primary_key=True)
    pages_hash: str = Field(unique=True, max_length=64)
    pages: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the HTML of each page
    created_at: datetime = Field(sa_column=_when(nullable=False))


class Delivery(SQLModel, table=True):
    """One day's digest for one subscription, written before it is sent."""

    __table_args__ = (
        UniqueConstraint("subscription_id", "local_date"),
        Index("ix_delivery_status_next", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(sa_column=_fk("subscription.id"))
    local_date: date
    status: str = "pending"  # pending, sent, failed, skipped
    due_at: datetime = Field(sa_column=_when(nullable=False))
    next_attempt_at: datetime = Field(sa_column=_when(nullable=False))
    attempts: int = 0
    last_error: str | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    since: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    messages_sent: int = 0
    edition_id: int | None = Field(
        default=None, sa_column=_fk("digest_edition.id", nullable=True, index=False, cascade=False)
    )


class Editor(SQLModel, table=True):
    """A Telegram user an admin appointed to correct the timeline."""

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str | None = None  # as Telegram showed them when appointed, for /editor list
    added_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    added_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class Correction(SQLModel, table=True):
    """An editor's correction of one item, kept apart from what the extractor read.

    The target is the item's typed id (`r12`, `p7`), which outlives rebuilds, so nothing
    here points into the extracted tables: a rebuild replaces them and the corrections are
    applied again on read.  Undoing keeps the row and marks it undone.
    """

    __table_args__ = (Index("ix_correction_target", "target_kind", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    target_kind: str = Field(max_length=1)  # r, e, p, q: the typed id's letter
    target_id: int
    field: str  # status, place, dates, title, role, unrole, hide, verify, merge
    value: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    before: str = Field(sa_column=Column(Text, nullable=False))  # what answers showed, as text
    after: str = Field(sa_column=Column(Text, nullable=False))
    reason: str | None = None
    made_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    made_by_name: str = ""
    made_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False, index=True))
    undone_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    undone_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


# After the classes: the counter hands out ids for the tables whose ids users see.
from bot.store.ids import give_ids  # noqa: E402

give_ids(Article, Entity, Event, Quote)


class Feed(SQLModel, table=True):
    """A feed the bot polls.  The row is the schedule: `next_poll_at` says when, and a
    process that polls it holds `claimed_until` so that no other polls it meanwhile."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    outlet: str | None = None
    every_minutes: int | None = None  # None: FEED_POLL_MINUTES
    enabled: bool = Field(default=True, index=True)
    disabled_reason: str | None = None
    failures: int = 0  # in a row
    etag: str | None = None
    last_modified: str | None = None
    next_poll_at: datetime = Field(sa_column=_when(nullable=False, index=True))
    claimed_until: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    last_polled_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    last_success_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class FeedItem(SQLModel, table=True):
    """An item a feed listed, once: what became of it (ingested, skipped, duplicate,
    rejected) and why, so that a poll never reads it twice."""

    __tablename__ = "feed_item"
    __table_args__ = (UniqueConstraint("feed_id", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(sa_column=_fk("feed.id"))
    item_key: str = Field(max_length=64)
    url: str | None = None
    status: str = Field(index=True)
    reason: str | None = None
    seen_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class FactLog(SQLModel, table=True):
    """A fact that entered the timeline: the outbox watches read.

    Written by an ingest in the transaction that stores the article (whichever process it
    runs in: a feed poll, /ingest, `timeline-bot ingest`), never by a rebuild and never for
    a fact stated as unconfirmed.  `change` is `new` (a round, proposal, figure or quote
    first reported), `moved` (a round's status changed: `before` → `status`) or `also` (a
    fact on record reported again, by another article or a syndicated copy).  `ref_id` is
    the event's or the first quote's id, with no foreign key: a rebuild replaces those
    rows and gives the same ids back.  `matched_at` is set when the watches have seen it.
    """

    __tablename__ = "fact_log"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(sa_column=_fk("article.id", index=False))
    kind: str  # event, quote
    ref_id: int
    change: str  # new, moved, also
    status: str | None = None
    before: str | None = None
    logged_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))
    matched_at: datetime | None = Field(default=None, sa_column=_when(nullable=True, index=True))


class Watch(SQLModel, table=True):
    """A person, place or phrase a chat follows.  A person or place is kept by the name key
    it matched (`bot.names.name_key`), which outlives rebuilds; a phrase by its normal form
    (`bot.watches.phrases`)."""

    __table_args__ = (
        UniqueConstraint("chat_id", "kind", "key"),
        Index("ix_watch_kind_key", "kind", "key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    kind: str  # person, place, phrase
    key: str
    label: str  # as answers show it: "Steve Witkoff", "“hostage exchange” -drill"
    typed: str  # what the user typed, read again when they switch the kind
    entity_kind: str | None = None  # person, organisation, country, place
    cadence: str = "instant"  # instant, digest
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when(nullable=False))


class WatchChat(SQLModel, table=True):
    """A chat's alert settings and budget: quiet hours, this hour's count of instant alerts,
    and whether Telegram refused it (blocked, removed) so that nothing more is queued."""

    __tablename__ = "watch_chat"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_type: str = "private"
    quiet_start: str | None = None  # HH:MM in the chat's digest zone (or DEFAULT_TIMEZONE)
    quiet_end: str | None = None
    hour_start: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    hour_count: int = 0
    paused_reason: str | None = None
    paused_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class WatchAlert(SQLModel, table=True):
    """One message for one chat, written before it is sent: a `card` (the facts one article
    brought that the chat's watches matched) or a `summary` (the cards held back by quiet
    hours or the hourly cap).  Its lifecycle follows a digest delivery's (claims, pages
    stored at the first claim, `messages_sent`), plus `held` until `held_until`,
    `summarised` into `summary_id`, and `digest` for matches that wait for the chat's next
    daily digest.  A sent card keeps its `message_id`, so another outlet's report of one of
    its facts edits it in place (`edit_pending`)."""

    __tablename__ = "watch_alert"
    __table_args__ = (
        UniqueConstraint("chat_id", "article_id", "kind"),
        Index("ix_watch_alert_status_next", "status", "next_attempt_at"),
        Index("ix_watch_alert_chat_status", "chat_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = "card"  # card, summary
    article_id: int | None = Field(
        default=None, sa_column=_fk("article.id", nullable=True, index=False)
    )
    status: str = "pending"  # pending, held, summarised, digest, sent, failed, skipped
    created_at: datetime = Field(sa_column=_when(nullable=False))
    next_attempt_at: datetime = Field(sa_column=_when(nullable=False))
    held_until: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    hold_reason: str | None = None  # quiet, cap
    summary_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    attempts: int = 0
    last_error: str | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    pages: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    messages_sent: int = 0
    message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    edit_pending: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


class WatchMatch(SQLModel, table=True):
    """A fact on an alert, and why it is there: the labels of the chat's watches it matched."""

    __tablename__ = "watch_match"
    __table_args__ = (
        UniqueConstraint("alert_id", "fact_kind", "ref_id", "change"),
        Index("ix_watch_match_fact", "fact_kind", "ref_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(sa_column=_fk("watch_alert.id"))
    fact_kind: str  # event, quote
    ref_id: int
    change: str  # new, moved
    status: str | None = None
    before: str | None = None
    why: str
