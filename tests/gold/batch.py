"""Score a batch of articles as users would meet it: ingest, export, compare with gold.

    python -m tests.gold.batch tests/articles/heldout4 tests/gold/heldout4.json
    python -m tests.gold.batch tests/blind/articles tests/blind/gold.json   # totals only

The articles go through the real ingest into a fresh SQLite file and come back through
`timeline-bot export --format json`'s own function, so the score is of what users see.
`--details` lists every miss and extra; never use it on the blind batch.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sqlalchemy import select

from bot.export.timeline_json import export_timeline
from bot.ids import article_id
from bot.ingest.batch import ingest_articles
from bot.ingest.sources import collect_articles
from bot.store.database import ensure_schema, make_engine, session_scope
from bot.store.models import Article
from bot.timeline.snapshot import source_label
from tests.gold.export_score import BatchScore, score_export


def export_of(folder: Path) -> tuple[dict, dict[str, str]]:
    """The batch's export, and each exported article's gold label (its file's number)."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/batch.db")
        ensure_schema(engine)
        report = ingest_articles(engine, collect_articles([folder]))
        if not report.ok:
            raise SystemExit(f"articles refused: {report.rejected}")
        with session_scope(engine) as session:
            document = export_timeline(session, story="batch")
            labels = {
                article_id(ident): source_label(ident, name)
                for ident, name in session.execute(select(Article.id, Article.source_name))
            }
        engine.dispose()
    return document, labels


def score_folder(folder: Path, gold: Path) -> BatchScore:
    document, labels = export_of(folder)
    return score_export(document, json.loads(gold.read_text(encoding="utf-8")), labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--details", action="store_true", help="every miss and extra")
    args = parser.parse_args()
    result = score_folder(args.folder, args.gold)
    print(result.details() if args.details else result.totals())


if __name__ == "__main__":
    main()
