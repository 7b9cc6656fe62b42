"""digest editions: the pages a delivery was composed into, kept for a resumed send

Revision ID: 0009_digest_editions
Revises: 0008_rekey_names
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_digest_editions"
down_revision: str | None = "0008_rekey_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_edition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pages_hash", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pages_hash"),
    )
    # Rows already pending keep NULL: they are composed at their next claim, as before.
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_delivery_edition_id_digest_edition",
            "digest_edition",
            ["edition_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("fk_delivery_edition_id_digest_edition", type_="foreignkey")
        batch_op.drop_column("edition_id")
    op.drop_table("digest_edition")
