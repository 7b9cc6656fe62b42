"""The whole timeline as one JSON object: a stable interface for evaluation and other tools.

Field names are a contract (see the README): outside checks read `rounds[].place`,
`start`, `status`, `confidence`... so they change only with `schema_version`.  Dates are
ISO 8601; an article's `published` keeps the offset its outlet gave.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from bot.corrections.layer import Layer
from bot.corrections.merges import merged_into
from bot.corrections.store import in_force
from bot.export.selection import Selection
from bot.ids import article_id, event_id, person_id, quote_id
from bot.store.models import Alias, Article, Entity, Event, Quote, RoleClaim
from bot.timeline.carriers import Carrier, carriers_of
from bot.timeline.corroboration import corroboration
from bot.timeline.loading import load_events
from bot.timeline.records import EventView, SourceRef

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class TimelineItem:
    """A round or event as every export renders it: the reply's record and what the export
    adds (confidence, the unconfirmed mark, the place's country)."""

    event: EventView
    extra: dict[str, Any]

    @property
    def typed_id(self) -> str:
        return event_id(self.event.kind, self.event.id)


def timeline_items(
    session: Session, selection: Selection | None = None, *, include_hidden: bool = False
) -> list[TimelineItem]:
    """Every round and event (those `selection` keeps), in id order, with editors'
    corrections applied; items an editor hid only with `include_hidden`."""
    event_ids = list(session.execute(select(Event.id).order_by(Event.id)).scalars())
    events = load_events(session, event_ids, include_hidden=include_hidden)
    extra = _event_extras(session, event_ids)
    items = [TimelineItem(e, extra[e.id]) for e in events]
    if selection is None:
        return items
    return [i for i in items if selection.keeps(i.event, i.extra["country"])]


def export_timeline(
    session: Session,
    *,
    story: str,
    now: datetime | None = None,
    selection: Selection | None = None,
    include_hidden: bool = False,
) -> dict:
    """The JSON export; `selection` narrows its rounds and events (the rest is whole).
    Editors' corrections are applied: each item says whether it was `corrected` and
    `verified`; items an editor hid are left out, or with `include_hidden` kept and marked
    `hidden: true`."""
    articles = _articles(session)
    published = {a["id"]: a["published"] for a in articles}
    items = timeline_items(session, selection, include_hidden=include_hidden)
    return {
        "schema_version": SCHEMA_VERSION,
        "story": story,
        "exported_at": (now or datetime.now(UTC)).isoformat(),
        "articles": articles,
        "rounds": [
            _editors(_round(i.event, i.extra, published), i.event.corrected,
                     i.event.verified, i.event.hidden)
            for i in items if i.event.kind == "round"
        ],
        "events": [
            _editors(_event(i.event, i.extra, published), i.event.corrected,
                     i.event.verified, i.event.hidden)
            for i in items if i.event.kind != "round"
        ],
        "people": _people(session, published, include_hidden),
        "quotes": _quotes(session, published, include_hidden),
    }


def _editors(item: dict, corrected: object, verified: bool, hidden: bool) -> dict:
    item["corrected"] = bool(corrected)
    item["verified"] = verified
    if hidden:
        item["hidden"] = True
    return item


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _published(article: Article) -> str:
    moment = article.published_at
    if article.published_offset is not None:
        moment = moment.astimezone(timezone(timedelta(minutes=article.published_offset)))
    return moment.isoformat()


def _articles(session: Session) -> list[dict]:
    rows = session.execute(select(Article).order_by(Article.id)).scalars().all()
    carried = carriers_of(session, list(rows))
    return [
        {
            "id": article_id(a.id),
            "outlet": a.outlet,
            "url": a.url,
            "published": _published(a),
            "title": a.title,
            "version": a.version,
            "version_of": article_id(a.version_of_id) if a.version_of_id else None,
            "carried_by": [_carrier(c, a) for c in carried[a.id]],
        }
        for a in rows
    ]


def _carrier(carrier: Carrier, article: Article) -> dict:
    own = carrier.published == article.published_at and carrier.outlet == article.outlet
    published = _published(article) if own else _iso_moment(carrier.published)
    return {"outlet": carrier.outlet, "url": carrier.url, "published": published}


def _iso_moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _reports(event: EventView) -> dict[str, Any]:
    found = corroboration(event.sources)
    return {
        "reports": found.reports,
        "outlets": list(found.outlets),
        "first_reported_by": found.first,
    }


def _source(source: SourceRef, published: dict[str, str]) -> dict:
    typed = article_id(source.article_id)
    return {
        "article_id": typed,
        "outlet": source.outlet,
        "url": source.url,
        "published": published.get(typed, source.published.isoformat()),
    }


def _sources(event: EventView, published: dict[str, str]) -> list[dict]:
    """One entry per article, with what that article said of the dates and the status."""
    seen: dict[int, dict] = {}
    for source in event.sources:
        entry = seen.setdefault(source.article_id, _source(source, published))
        if source.start is not None and "start" not in entry:
            entry["start"], entry["end"] = _iso(source.start), _iso(source.end or source.start)
        if source.status is not None:
            entry["status"] = source.status
    return list(seen.values())


def _event_extras(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """What EventView does not carry: confidence, the unconfirmed mark, the place's country
    (of the place kept, when an editor merged the event's place into another)."""
    rows = session.execute(
        select(Event.id, Event.confidence, Event.unconfirmed, Event.place_id)
        .where(Event.id.in_(ids))
    ).all() if ids else []
    merged = merged_into(session, ("p",))
    place_of = {ident: merged.get(place, place) for ident, _, _, place in rows}
    places = {
        entity.id: entity for entity in session.execute(
            select(Entity).where(Entity.id.in_({p for p in place_of.values() if p}))
        ).scalars()
    }
    extras: dict[int, dict[str, Any]] = {}
    for ident, confidence, unconfirmed, _ in rows:
        place = places.get(place_of[ident])
        extras[ident] = {
            "confidence": round(float(confidence), 2),
            "unconfirmed": bool(unconfirmed),
            "country": None if place is None
            else place.name if place.kind == "country" else place.country,
        }
    return extras


def _round(event: EventView, extra: dict[str, Any], published: dict[str, str]) -> dict:
    people = [p for p in event.participants if p.kind == "person"]
    taking_part = [p for p in people if p.role in ("lead", "participant")]
    sides = {p.side for p in event.participants if p.side}
    sides |= {
        p.name for p in event.participants
        if p.kind != "person" and p.role in ("lead", "participant")
    }
    return {
        "id": event_id("round", event.id),
        "title": event.title,
        "place": event.place,
        "country": extra["country"],
        "start": _iso(event.start),
        "end": _iso(event.end or event.start),
        "granularity": event.granularity,
        "status": event.status,
        "participants": [
            {
                "person_id": person_id(p.entity_id),
                "name": p.name,
                "side": p.side,
                "lead": p.role == "lead",
            }
            for p in _unique_people(taking_part)
        ],
        "delegations": sorted(sides),
        "mediators": list(dict.fromkeys(p.name for p in event.with_role("mediator"))),
        "issues": event.issues,
        "outcome": event.outcome,
        "summary": event.summary,
        "sources": _sources(event, published),
        **_reports(event),
        "confidence": extra["confidence"],
        "unconfirmed": extra["unconfirmed"],
        "background": event.background,
    }


def _unique_people(people: list) -> list:
    # A lead is also listed as a participant by some reports: one entry, lead wins.
    chosen: dict[int, Any] = {}
    for p in people:
        if p.entity_id not in chosen or p.role == "lead":
            chosen[p.entity_id] = p
    return list(chosen.values())


def _event(event: EventView, extra: dict[str, Any], published: dict[str, str]) -> dict:
    return {
        "id": event_id(event.kind, event.id),
        "kind": event.kind,
        "title": event.title,
        "summary": event.summary,
        "place": event.place,
        "start": _iso(event.start),
        "end": _iso(event.end or event.start),
        "granularity": event.granularity,
        "status": event.status,
        "sources": _sources(event, published),
        **_reports(event),
        "confidence": extra["confidence"],
        "unconfirmed": extra["unconfirmed"],
        "background": event.background,
    }


def _source_of(
    article: int | None, articles: dict[int, Article], published: dict[str, str]
) -> dict | None:
    if article is None or article not in articles:
        return None
    row = articles[article]
    return {
        "article_id": article_id(row.id),
        "outlet": row.outlet,
        "url": row.url,
        "published": published[article_id(row.id)],
    }


def _people(session: Session, published: dict[str, str], include_hidden: bool) -> list[dict]:
    """Every person once: one an editor merged into another is left out, and the one kept
    carries both records' spellings and roles."""
    merged = merged_into(session, ("p",))
    everyone = session.execute(
        select(Entity).where(Entity.kind == "person").order_by(Entity.id)
    ).scalars().all()
    layers = in_force(session, ("p",), [p.id for p in everyone])
    people = [p for p in everyone if p.id not in merged
              and (include_hidden or not (p.id in layers and layers[p.id].hidden))]
    kept_as = {p.id: merged.get(p.id, p.id) for p in everyone}
    ids = list(kept_as)
    aliases: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[RoleClaim]] = defaultdict(list)
    for p in everyone:
        if p.id in merged:
            aliases[kept_as[p.id]].append(p.name)
    if ids:
        for entity, text in session.execute(
            select(Alias.entity_id, Alias.text).where(Alias.entity_id.in_(ids)).order_by(Alias.id)
        ).all():
            aliases[kept_as[entity]].append(text)
        for claim in session.execute(
            select(RoleClaim).where(RoleClaim.entity_id.in_(ids)).order_by(RoleClaim.id)
        ).scalars():
            roles[kept_as[claim.entity_id]].append(claim)
    articles = {a.id: a for a in session.execute(select(Article)).scalars()}
    empty = Layer()
    return [
        _editors(
            {
                "id": person_id(p.id),
                "name": p.name,
                "aliases": [a for a in dict.fromkeys(aliases[p.id]) if a != p.name],
                "roles": _editor_roles(layers.get(p.id, empty))
                + _roles([c for c in roles[p.id]
                          if c.role.lower() not in layers.get(p.id, empty).unroles],
                         articles, published),
            },
            layers.get(p.id, empty).corrected,
            layers.get(p.id, empty).verified,
            layers.get(p.id, empty).hidden,
        )
        for p in people
    ]


def _editor_roles(layer: Layer) -> list[dict]:
    """Editors' role claims, newest first: they outrank the extracted ones."""
    return [
        {"title": r.role, "affiliation": r.affiliation, "since": _iso(r.valid_from),
         "until": None, "source": None, "corrected": True}
        for r in reversed(layer.roles)
    ]


def _roles(
    claims: list[RoleClaim], articles: dict[int, Article], published: dict[str, str]
) -> list[dict]:
    seen: set[tuple] = set()
    out = []
    for c in claims:
        key = (c.role.lower(), (c.affiliation or "").lower(), c.valid_from, c.valid_to,
               c.article_id is None)
        if key in seen:
            continue
        seen.add(key)
        out.append({
            "title": c.role,
            "affiliation": c.affiliation,
            "since": _iso(c.valid_from),
            "until": _iso(c.valid_to),
            "source": _source_of(c.article_id, articles, published),
        })
    return out


def _quotes(session: Session, published: dict[str, str], include_hidden: bool) -> list[dict]:
    articles = {a.id: a for a in session.execute(select(Article)).scalars()}
    merged = merged_into(session, ("p",))
    speaker = aliased(Entity)
    rows = session.execute(
        select(Quote, speaker.id, speaker.name, speaker.kind)
        .outerjoin(speaker, speaker.id == Quote.speaker_id)
        .order_by(Quote.id)
    ).all()
    kept = {
        entity.id: entity for entity in session.execute(
            select(Entity).where(Entity.id.in_(set(merged.values())))
        ).scalars()
    } if merged else {}
    layers = in_force(session, ("q",), [r[0].id for r in rows])
    empty = Layer()
    rows = [r for r in rows
            if include_hidden or not (r[0].id in layers and layers[r[0].id].hidden)]
    found = []
    for q, entity_id, name, kind in rows:
        if merged.get(entity_id) in kept:
            # A speaker an editor merged into another speaks as that one.
            entity = kept[merged[entity_id]]
            entity_id, name, kind = entity.id, entity.name, entity.kind
        found.append(_editors({
            "id": quote_id(q.id),
            "speaker": name or q.speaker_label,
            # A body that speaks ("Hamas said in a statement") is named, but only a person
            # has a `person_id`: every one points into `people`.
            "person_id": person_id(entity_id) if kind == "person" else None,
            "text": q.text,
            "said_on": _iso(q.said_on),
            "granularity": q.said_granularity,
            "source": _source_of(q.article_id, articles, published),
        }, False, layers.get(q.id, empty).verified, layers.get(q.id, empty).hidden))
    return found
