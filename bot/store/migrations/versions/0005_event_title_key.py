"""events keyed by their title's transliteration-aware key, for merging by index

Revision ID: 0005_event_title_key
Revises: 0004_sentence_search
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_event_title_key"
down_revision: str | None = "0004_sentence_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_key", sa.String(), nullable=True))
        batch_op.create_index("ix_event_kind_title_key", ["kind", "title_key"], unique=False)
    _key_existing_titles()


def _key_existing_titles() -> None:
    # The key is Python (transliteration, articles, doubled letters), not SQL: computed here
    # once for the events stored before this revision, by the key function of this release.
    from bot.names import name_key

    connection = op.get_bind()
    event = sa.table(
        "event",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("title_key", sa.String),
    )
    rows = connection.execute(sa.select(event.c.id, event.c.title)).all()
    for event_id, title in rows:
        connection.execute(
            event.update().where(event.c.id == event_id).values(title_key=name_key(title))
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_kind_title_key")
        batch_op.drop_column("title_key")
