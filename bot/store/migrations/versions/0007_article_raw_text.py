"""each article's text as it arrived, so a rebuild reads it again from the start

Revision ID: 0007_article_raw_text
Revises: 0006_typed_ids_confidence
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_article_raw_text"
down_revision: str | None = "0006_typed_ids_confidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Articles stored before keep only their cleaned text; a rebuild reads that instead.
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_text", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("raw_text")
