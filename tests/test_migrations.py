"""Migrations: an empty database upgrades to the models' schema and back, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from bot.store.database import current_revision, downgrade, ensure_schema, head_revision, upgrade

_NOON = datetime(2025, 10, 7, 12, tzinfo=UTC)


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d for d in compare_metadata(context, SQLModel.metadata) if not _is_fts_artifact(d)
        ]
    assert differences == []


def _is_fts_artifact(difference) -> bool:
    # The FTS5 shadow tables and the tsvector column/index are added by hand in the migration.
    text_form = repr(difference)
    return "search_doc_fts" in text_form or "tsv" in text_form


def test_quick_head_and_current_agree_with_alembic(engine):
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from bot.store.database import MIGRATIONS_DIR

    assert head_revision() == ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    with engine.connect() as connection:
        assert current_revision(engine) == MigrationContext.configure(
            connection
        ).get_current_revision()


def test_downgrade_to_base_and_upgrade_again(engine):
    assert current_revision(engine) == head_revision()
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "article" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert "article" in inspect(engine).get_table_names()


def test_ensure_schema_upgrades_an_empty_database_once(tmp_path, backend, pg_scratch_url):
    from bot.store.database import make_engine

    url = f"sqlite:///{tmp_path}/fresh.db" if backend == "sqlite" else pg_scratch_url("fresh")
    fresh = make_engine(url)
    assert ensure_schema(fresh) is True
    assert ensure_schema(fresh) is False
    fresh.dispose()


def test_full_text_search_index_follows_the_documents(engine):
    from bot.store.database import session_scope
    from bot.store.models import SearchDoc

    with session_scope(engine) as session:
        session.add(SearchDoc(kind="event", ref_id=1, body="Talks resumed in Sharm el-Sheikh"))
        session.add(SearchDoc(kind="quote", ref_id=2, body="completely unacceptable response"))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.execute(
                text("SELECT rowid FROM search_doc_fts WHERE search_doc_fts MATCH 'resuming'")
            ).all()
        else:
            rows = connection.execute(
                text(
                    "SELECT id FROM search_doc WHERE tsv @@ plainto_tsquery('english', 'resuming')"
                )
            ).all()
    assert len(rows) == 1


def test_sentence_search_migration_indexes_sentences_stored_before_it(engine):
    from sqlmodel import select

    from bot.store.database import session_scope
    from bot.store.models import SearchDoc
    from bot.timeline.search import search_sentences

    downgrade(engine, "0003_date_span_indexes")
    # Rows of that revision's shape, written as SQL: today's models have columns it lacks.
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO article (id, outlet, title, published_at, ingested_at, "
                "content_hash, text, source_name) VALUES (1, 'Wire', 't', :at, :at, 'h', 'x', '')"
            ),
            {"at": _NOON.replace(tzinfo=None) if engine.dialect.name == "sqlite" else _NOON},
        )
        connection.execute(
            text(
                "INSERT INTO sentence (article_id, position, paragraph, text) "
                "VALUES (1, 0, 0, 'Mediators met in Khan Younis.')"
            )
        )
    upgrade(engine)
    with session_scope(engine) as session:
        assert len(session.exec(select(SearchDoc).where(SearchDoc.kind == "sentence")).all()) == 1
        (hit,) = search_sentences(session, "khan younis")
        assert hit.source.sentence == "Mediators met in Khan Younis."


def test_title_key_migration_keys_the_events_stored_before_it(engine):
    from bot.store.database import session_scope

    downgrade(engine, "0004_sentence_search")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO event (kind, title, summary, issues, background, "
                "first_reported_at, last_reported_at) VALUES "
                "('proposal', 'The 60-Day Truce', 's', '', false, :at, :at)"
            ),
            {"at": _NOON.replace(tzinfo=None) if engine.dialect.name == "sqlite" else _NOON},
        )
    upgrade(engine)
    with session_scope(engine) as session:
        key = session.execute(text("SELECT title_key FROM event")).scalar_one()
    from bot.names import name_key

    assert key == name_key("the 60-day truce")


def test_the_id_counter_starts_past_the_ids_already_stored(engine):
    from bot.store.database import session_scope
    from bot.store.models import Article

    downgrade(engine, "0005_event_title_key")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO article (id, outlet, title, published_at, ingested_at, "
                "content_hash, text, source_name) VALUES (7, 'Wire', 't', :at, :at, 'h', 'x', '')"
            ),
            {"at": _NOON.replace(tzinfo=None) if engine.dialect.name == "sqlite" else _NOON},
        )
    upgrade(engine)
    with session_scope(engine) as session:
        article = Article(outlet="Wire", title="u", published_at=_NOON, content_hash="h3", text="y")
        session.add(article)
        session.flush()
        assert article.id == 8


def test_the_id_of_a_deleted_newest_row_is_not_given_again(engine):
    from bot.store.database import session_scope
    from bot.store.models import Article

    with session_scope(engine) as session:
        first = Article(outlet="Wire", title="u", published_at=_NOON, content_hash="a", text="y")
        session.add(first)
        session.flush()
        gone = first.id
        session.delete(first)
    with session_scope(engine) as session:
        second = Article(outlet="Wire", title="v", published_at=_NOON, content_hash="b", text="z")
        session.add(second)
        session.flush()
        assert second.id == gone + 1
