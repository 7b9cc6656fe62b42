"""A folder of articles ingested into a real database and scored against its gold file,
with the sentences each article left in the store (to prove furniture never got in)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.ingest.batch import ingest_articles
from bot.ingest.sources import collect_articles
from bot.names import name_key
from bot.store.models import Article, Sentence
from bot.timeline.snapshot import timeline_snapshot
from tests.gold.score import Scores, load_gold, score


@dataclass
class Stored:
    snapshot: dict
    scores: Scores
    sentences: dict[str, list[str]]  # source label ("101") -> stored sentence texts


def ingest_and_score(engine: Engine, folder: Path, gold: Path, *, articles: int) -> Stored:
    report = ingest_articles(engine, collect_articles([folder]))
    assert report.ok, report.rejected
    assert len(report.added) == articles
    with Session(engine) as session:
        snapshot = timeline_snapshot(session)
        rows = session.execute(
            select(Article.source_name, Sentence.text)
            .join(Sentence, Sentence.article_id == Article.id)
            .order_by(Article.id, Sentence.position)
        ).all()
    sentences: dict[str, list[str]] = {}
    for source_name, text in rows:
        sentences.setdefault(Path(source_name).name.split("_", 1)[0], []).append(text)
    return Stored(snapshot, score(snapshot, load_gold(gold)), sentences)


def rounds_at(snapshot: dict, place: str) -> list[dict]:
    return [r for r in snapshot["rounds"] if name_key(r["place"] or "") == name_key(place)]


NON_LATIN = re.compile(r"[\u0590-\u05FF\u0600-\u06FF]")  # Hebrew and Arabic captions


def below(stored: Stored, floors: dict[str, tuple[float, float]]) -> list[str]:
    """The categories scoring under their (precision, recall) floors, readably."""
    return [
        f"{name} P={c.precision:.2f} R={c.recall:.2f}"
        for name, c in stored.scores.categories.items()
        if name in floors and (c.precision < floors[name][0] or c.recall < floors[name][1])
    ]


def texts(stored: Stored) -> list[str]:
    return [t for ts in stored.sentences.values() for t in ts]


def leaked(stored: Stored, lines: list[str]) -> list[str]:
    """Which of `lines` (furniture, appended items) some stored sentence contains."""
    return [f"{line!r} in {t!r}" for line in lines for t in texts(stored) if line in t]
