"""article versions: SimHash fingerprints, versions of a changed page, outlets that carried a copy

Revision ID: 0012_article_versions
Revises: 0011_feeds
Create Date: 2026-12-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_article_versions"
down_revision: str | None = "0011_feeds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Columns added in place: a batch copy of `article` on SQLite would drop the table,
    # and its cascades would empty every table that points at it.  So no foreign key on
    # `version_of_id` either (SQLite cannot add one in place); the writer keeps it true.
    op.add_column("article", sa.Column("simhash", sa.BigInteger(), nullable=True))
    op.add_column(
        "article", sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
    )
    op.add_column("article", sa.Column("version_of_id", sa.Integer(), nullable=True))
    op.create_index("ix_article_version_of_id", "article", ["version_of_id"])
    _fingerprint_stored_articles()
    op.create_table(
        "article_carrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_article_carrier_article_id", "article_carrier", ["article_id"])


def _fingerprint_stored_articles() -> None:
    """Articles stored before fingerprints get theirs, so a copy of one is known too."""
    from bot.ingest.near_copies import fingerprint

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, COALESCE(raw_text, text) FROM article")).all()
    for article_id, text in rows:
        connection.execute(
            sa.text("UPDATE article SET simhash = :print WHERE id = :id"),
            {"print": fingerprint(text), "id": article_id},
        )


def downgrade() -> None:
    op.drop_table("article_carrier")
    op.drop_index("ix_article_version_of_id", table_name="article")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("version_of_id")
        batch.drop_column("version")
        batch.drop_column("simhash")
