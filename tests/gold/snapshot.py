"""A timeline snapshot (the gold file's shape) built from per-article extractions.

Merging across articles follows the store's rules in miniature: one person for
all spellings `bot.names.match_name` confidently joins, one round per venue and
overlapping dates (its status from the latest report), every source kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.ingest.model import ArticleInput, ExtractedEvent, Extraction
from bot.ingest.sources import collect_articles
from bot.names import match_name, name_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass(frozen=True)
class Report:
    source: str  # "003": the seed file's number
    published: datetime
    extraction: Extraction


def seed_articles(folder: Path = SEEDS) -> list[ArticleInput]:
    articles = [a for a in collect_articles([folder]) if isinstance(a, ArticleInput)]
    return sorted(articles, key=lambda a: a.source_name)


def source_id(article: ArticleInput) -> str:
    return Path(article.source_name).name.split("_", 1)[0]


def build_snapshot(reports: Sequence[Report]) -> dict:
    snapshot: dict = {
        "people": _people(reports), "rounds": [], "quotes": [], "proposals": [],
        "figures": [], "events": [], "background": [],
    }
    for report in sorted(reports, key=lambda r: r.published):
        ex = report.extraction
        names = {m.key: m.name for m in ex.entities}
        for event in ex.events:
            snapshot["events"].append(
                {"kind": event.kind, "title": event.title, "summary": event.summary,
                 "source": report.source}
            )
            if event.kind == "round":
                _add_round(snapshot["rounds"], _round(event, names, report.source))
            elif event.background:
                snapshot["background"].append({
                    "what": event.title,
                    "start": event.when.start.isoformat() if event.when else None,
                    "end": event.when.end.isoformat() if event.when else None,
                    "source": report.source,
                })
            elif event.kind == "proposal":
                snapshot["proposals"].append({
                    "name": event.title, "by": _who(event, names, "lead"), "source": report.source,
                })
            elif event.kind == "figure":
                snapshot["figures"].append({
                    "figure": event.title, "attribution": _who(event, names, "speaker"),
                    "source": report.source,
                })
        snapshot["quotes"] += [
            {
                "speaker": names.get(q.speaker_key) if q.speaker_key else None,
                "label": q.speaker_label,
                "text": q.text,
                "said": q.said.start.isoformat() if q.said else None,
                "source": report.source,
            }
            for q in ex.quotes
        ]
    return snapshot


def _who(event: ExtractedEvent, names: dict[str, str], role: str) -> str | None:
    keys = [p.entity_key for p in event.participants if p.role == role]
    return names.get(keys[0], keys[0]) if keys else None


def _round(event: ExtractedEvent, names: dict[str, str], source: str) -> dict:
    def role(r: str) -> list[str]:
        return [names.get(p.entity_key, p.entity_key) for p in event.participants if p.role == r]

    when = event.when
    return {
        "place": names.get(event.place_key or "", event.place_key),
        "start": when.start.isoformat() if when else None,
        "end": when.end.isoformat() if when else None,
        "granularity": when.granularity if when else None,
        "status": event.status,
        "background": event.background,
        "lead": role("lead"),
        "mediators": role("mediator"),
        "participants": role("participant"),
        "issues": list(event.issues),
        "sources": [source],
    }


def _dates_meet(a: dict, b: dict) -> bool:
    if not a["start"] or not b["start"]:
        return a["start"] == b["start"]
    slack = timedelta(days=3)
    a0, a1 = date.fromisoformat(a["start"]), date.fromisoformat(a["end"])
    b0, b1 = date.fromisoformat(b["start"]), date.fromisoformat(b["end"])
    return a0 - slack <= b1 and b0 - slack <= a1


def _add_round(rounds: list[dict], new: dict) -> None:
    """Same venue, meeting dates: one round; the later report sets the status."""
    for old in rounds:
        if name_key(old["place"] or "") == name_key(new["place"] or "") and _dates_meet(old, new):
            old["sources"] = sorted(set(old["sources"]) | set(new["sources"]))
            old["status"] = new["status"] or old["status"]
            for field in ("lead", "mediators", "participants", "issues"):
                old[field] = list(dict.fromkeys(old[field] + new[field]))
            if new["granularity"] == "day" and old["granularity"] != "day":
                old.update(start=new["start"], end=new["end"], granularity="day")
            return
    rounds.append(new)


def _people(reports: Sequence[Report]) -> list[dict]:
    people: list[dict] = []
    for report in reports:
        for m in report.extraction.entities:
            if m.kind != "person":
                continue
            spellings = sorted({m.name, *m.spellings})
            pool = [(s, i) for i, p in enumerate(people) for s in p["spellings"]]
            hit = match_name(m.name, pool) if pool else None
            same = next(
                (i for i, p in enumerate(people) if name_key(p["name"]) == name_key(m.name)),
                hit.best if hit and hit.confident else None,
            )
            if same is None:
                people.append({
                    "name": m.name, "spellings": spellings, "role": m.role,
                    "affiliation": m.affiliation, "sources": [report.source],
                })
                continue
            person = people[same]
            person["spellings"] = sorted(set(person["spellings"]) | set(spellings))
            person["sources"] = sorted({*person["sources"], report.source})
            person["role"] = person["role"] or m.role
            person["affiliation"] = person["affiliation"] or m.affiliation
    return people
