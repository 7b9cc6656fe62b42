"""names keyed again: "ph" and "f" are one sound ("Ophir" and "Ofir" are one person)

Revision ID: 0008_rekey_names
Revises: 0007_article_raw_text
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_rekey_names"
down_revision: str | None = "0007_article_raw_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Keys are Python (bot.names.name_key), not SQL: every stored key is computed again by
    # the key function of this release, so old spellings still find their entities.
    from bot.names import name_key

    connection = op.get_bind()
    for table, text_column in (("alias", "text"), ("entity", "name"), ("event", "title")):
        key_column = "title_key" if table == "event" else "key"
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column(text_column, sa.String),
                        sa.column(key_column, sa.String))
        for ident, text, key in connection.execute(
            sa.select(rows.c.id, rows.c[text_column], rows.c[key_column])
        ).all():
            new = name_key(text or "")
            if new != key:
                connection.execute(
                    rows.update().where(rows.c.id == ident).values({key_column: new})
                )


def downgrade() -> None:
    """Keys computed by a newer key function still find their rows by the older one's
    fuzzy match; nothing to undo."""
