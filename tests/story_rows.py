"""A small, hand-made timeline written straight into the store, for tests of queries and replies.

The rows are what ingest would write (articles, sentences, entities with aliases,
events with sources and participants, quotes, search documents), so the tests
do not depend on the extractor's current accuracy.  `StoryRows` is the one place
tests build such rows; `tests/digest_data.py` wraps it for the digest's tests.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.names import name_key
from bot.store.models import (
    Alias,
    Article,
    Entity,
    Event,
    EventEntity,
    EventSource,
    Quote,
    QuoteSubject,
    RoleClaim,
    SearchDoc,
    Sentence,
)


def day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def moment(value: str | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(day(value), datetime.min.time(), tzinfo=UTC)


class StoryRows:
    """Builder: each method adds rows and returns the new row."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _add(self, row):
        self.session.add(row)
        self.session.flush()
        return row

    def article(
        self,
        outlet: str,
        published: str | datetime,
        url: str | None = None,
        name: str = "",
        *,
        ingested_at: datetime | None = None,
    ) -> Article:
        """An article; `ingested_at` (when the bot learned of it) defaults to now."""
        digest = hashlib.sha256(f"{outlet}{published}{url}{name}".encode()).hexdigest()
        article = Article(
            outlet=outlet,
            url=url,
            title=f"{outlet} report",
            published_at=moment(published),
            content_hash=digest,
            text="...",
            source_name=name or f"{outlet}.txt",
        )
        if ingested_at is not None:
            article.ingested_at = ingested_at
        return self._add(article)

    def sentence(self, article: Article, text: str) -> Sentence:
        position = self.session.execute(
            select(func.count(Sentence.id)).where(Sentence.article_id == article.id)
        ).scalar_one()
        return self._add(Sentence(article_id=article.id, position=position, paragraph=0, text=text))

    def entity(
        self, kind: str, name: str, *spellings: str, role=None, affiliation=None, known=False
    ) -> Entity:
        entity = self._add(
            Entity(
                kind=kind,
                name=name,
                key=name_key(name),
                role=role,
                affiliation=affiliation,
                known=known,
            )
        )
        # One alias per key, as the store keeps them: "al-Nono" and "al-Nounou" share one.
        by_key = {name_key(text): text for text in reversed((name, *spellings))}
        for key, text in by_key.items():
            self._add(Alias(entity_id=entity.id, kind=kind, text=text, key=key))
        return entity

    def role(
        self,
        person: Entity,
        role: str,
        affiliation: str | None,
        article=None,
        sentence=None,
        valid_from: str | None = None,
        valid_to: str | None = None,
    ) -> RoleClaim:
        return self._add(
            RoleClaim(
                entity_id=person.id,
                role=role,
                affiliation=affiliation,
                valid_from=day(valid_from) if valid_from else None,
                valid_to=day(valid_to) if valid_to else None,
                article_id=article.id if article else None,
                sentence_id=sentence.id if sentence else None,
            )
        )

    def event(
        self,
        kind: str,
        title: str,
        article: Article,
        sentence_text: str,
        *,
        start: str | date | None,
        end: str | date | None = None,
        granularity: str | None = "day",
        place: Entity | None = None,
        status: str | None = None,
        issues: str = "",
        outcome: str | None = None,
        background: bool = False,
        unconfirmed: bool = False,
    ) -> Event:
        event = self._add(
            Event(
                kind=kind,
                title=title,
                summary=sentence_text,
                start_date=day(start) if start else None,
                end_date=day(end or start) if start else None,
                granularity=granularity if start else None,
                place_id=place.id if place else None,
                status=status,
                issues=issues,
                outcome=outcome,
                background=background,
                first_reported_at=article.published_at,
                last_reported_at=article.published_at,
                confidence=0.3 if unconfirmed else 1.0,
                unconfirmed=unconfirmed,
            )
        )
        self.report(event, article, sentence_text, status=status)
        body = " ".join(p for p in (title, sentence_text, place.name if place else "", issues) if p)
        self._add(SearchDoc(kind="event", ref_id=event.id, body=body))
        return event

    def report(self, event: Event, article: Article, text: str, *, status=None) -> EventSource:
        sentence = self.sentence(article, text)
        event.first_reported_at = min(event.first_reported_at, article.published_at)
        event.last_reported_at = max(event.last_reported_at, article.published_at)
        self.session.add(event)
        return self._add(
            EventSource(
                event_id=event.id,
                article_id=article.id,
                sentence_id=sentence.id,
                status=status,
                summary=text,
                reported_at=article.published_at,
            )
        )

    def part(self, event: Event, entity: Entity, role: str, article: Article, side=None):
        source = (
            self.session.execute(
                select(EventSource).where(EventSource.event_id == event.id).order_by(EventSource.id)
            )
            .scalars()
            .first()
        )
        return self._add(
            EventEntity(
                event_id=event.id,
                entity_id=entity.id,
                role=role,
                delegation_of_id=side.id if side else None,
                article_id=article.id,
                sentence_id=source.sentence_id,
            )
        )

    def quote(
        self,
        speaker: Entity | None,
        label: str,
        text: str,
        article: Article,
        sentence_text: str,
        *,
        said: str | date | None,
        granularity: str = "day",
        about: tuple[Entity, ...] = (),
        event: Event | None = None,
    ) -> Quote:
        sentence = self.sentence(article, sentence_text)
        quote = self._add(
            Quote(
                speaker_id=speaker.id if speaker else None,
                speaker_label=speaker.name if speaker else label,
                text=text,
                text_hash=hashlib.sha256(text.encode()).hexdigest(),
                said_on=day(said) if said else None,
                said_granularity=granularity if said else None,
                article_id=article.id,
                sentence_id=sentence.id,
                event_id=event.id if event else None,
                first_reported_at=article.published_at,
            )
        )
        for subject in about:
            self._add(QuoteSubject(quote_id=quote.id, entity_id=subject.id))
        self._add(SearchDoc(kind="quote", ref_id=quote.id, body=f"{quote.speaker_label}: {text}"))
        return quote


def build_story(engine: Engine) -> dict[str, int]:
    """A miniature of the story: three rounds, a status that moved, quotes, a background truce.

    Returns the ids tests refer to, by name.
    """
    with Session(engine, expire_on_commit=False) as session:
        s = StoryRows(session)
        ynet = s.article(
            "Ynetnews", "2025-10-07", "https://www.ynetnews.com/article/x1", "003_a.txt"
        )
        ilkha = s.article("ILKHA", "2025-06-01", "https://ilkha.com/english/y2", "001_b.txt")
        aqaba = s.article("iAqaba", "2025-08-12", "https://iaqaba.com/z3", "004_c.txt")
        later = s.article("Later Wire", "2025-10-09", None, "later.txt")
        israel = s.entity("country", "Israel", "Israeli")
        egypt = s.entity("country", "Egypt", "Egyptian")
        qatar = s.entity("country", "Qatar")
        hamas = s.entity("organisation", "Hamas")
        witkoff = s.entity(
            "person", "Steve Witkoff", "Witkoff", role="envoy", affiliation="United States"
        )
        nounou = s.entity(
            "person",
            "Taher al-Nounou",
            "Taher al-Nono",
            "Al-Nounou",
            role="senior official",
            affiliation="Hamas",
        )
        dermer = s.entity("person", "Ron Dermer", "Dermer", role="Minister", affiliation="Israel")
        hayya = s.entity(
            "person", "Khalil al-Hayya", "al-Hayyah", role="delegation head", affiliation="Hamas"
        )
        yahya = s.entity("person", "Yahya Sinwar", role="leader", affiliation="Hamas")
        mohammed = s.entity("person", "Mohammed Sinwar", role="commander", affiliation="Hamas")
        sharm = s.entity("place", "Sharm el-Sheikh", "Sharm al-Sheikh")
        cairo = s.entity("place", "Cairo")
        doha = s.entity("place", "Doha")
        s.entity("place", "Gaza Strip", "Gaza")
        s.role(
            witkoff, "Special Envoy to the Middle East", "United States", valid_from="2025-01-20"
        )
        s.role(
            witkoff,
            "U.S. envoy",
            "United States",
            ilkha,
            s.sentence(ilkha, "U.S. envoy Steve Witkoff rejected the response."),
        )

        sharm_round = s.event(
            "round",
            "Negotiations in Sharm el-Sheikh",
            ynet,
            "Talks resumed Tuesday in Sharm el-Sheikh with Ron Dermer leading Israel's team.",
            start="2025-10-06",
            end="2025-10-07",
            place=sharm,
            status="ongoing",
            issues="withdrawal timelines; hostage releases",
        )
        s.report(
            sharm_round,
            later,
            "The Sharm el-Sheikh talks collapsed on Thursday.",
            status="collapsed",
        )
        sharm_round.status = "collapsed"
        s.part(sharm_round, dermer, "lead", ynet, side=israel)
        s.part(sharm_round, hamas, "participant", ynet)
        s.part(sharm_round, witkoff, "participant", ynet)
        s.part(sharm_round, egypt, "mediator", ynet)
        s.part(sharm_round, qatar, "mediator", ynet)

        cairo_round = s.event(
            "round",
            "Negotiations in Cairo",
            aqaba,
            "A senior Hamas delegation, led by Khalil al-Hayya, arrived in Cairo on Tuesday.",
            start="2025-08-12",
            place=cairo,
            status="ongoing",
            issues="60-day truce",
        )
        s.part(cairo_round, hayya, "lead", aqaba, side=hamas)
        s.part(cairo_round, egypt, "mediator", aqaba)
        doha_round = s.event(
            "round",
            "Negotiations in Doha",
            aqaba,
            "The last round in Doha crumbled under mutual accusations.",
            start="2025-07-01",
            end="2025-07-31",
            granularity="month",
            place=doha,
            status="collapsed",
            background=True,
        )
        truce = s.event(
            "statement",
            "Truce of November",
            ilkha,
            "A truce in November led to the release of hostages.",
            start="2023-11-01",
            end="2023-11-30",
            granularity="month",
            background=True,
        )
        proposal = s.event(
            "proposal",
            "Witkoff proposal",
            ilkha,
            "The push is based on a proposal put forward by U.S. envoy Steve Witkoff.",
            start="2025-06-01",
        )
        s.part(proposal, witkoff, "lead", ilkha)
        unacceptable = s.quote(
            witkoff,
            "U.S. envoy Steve Witkoff",
            "completely unacceptable",
            ilkha,
            "Witkoff called Hamas's response “completely unacceptable”.",
            said="2025-05-31",
            about=(hamas,),
        )
        s.quote(
            nounou,
            "Al-Nounou",
            "Israeli intransigence",
            aqaba,
            "Al-Nounou blamed “Israeli intransigence” for the delay.",
            said="2025-08-12",
            about=(israel,),
        )
        s.quote(
            None,
            "a US official",
            "set the stage for ending the war",
            ynet,
            "A US official said the deal would “set the stage for ending the war”.",
            said=None,
            event=sharm_round,
        )
        session.commit()
        return {
            "sharm": sharm.id,
            "cairo": cairo.id,
            "doha": doha.id,
            "witkoff": witkoff.id,
            "nounou": nounou.id,
            "yahya": yahya.id,
            "mohammed": mohammed.id,
            "sharm_round": sharm_round.id,
            "cairo_round": cairo_round.id,
            "doha_round": doha_round.id,
            "truce": truce.id,
            "proposal": proposal.id,
            "unacceptable": unacceptable.id,
            "hamas": hamas.id,
        }
