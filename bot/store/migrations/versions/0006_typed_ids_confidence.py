"""typed ids that are never reused, each event's confidence, what each report said of an
event (its dates, its evidence), the publication time's own offset

Revision ID: 0006_typed_ids_confidence
Revises: 0005_event_title_key
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_typed_ids_confidence"
down_revision: str | None = "0005_event_title_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose ids users see (r12, e12, p7, q3, a4); each counter starts past the ids
# already stored, so an id given out before this revision is never given out again.
_COUNTED = ("article", "entity", "event", "quote")


def upgrade() -> None:
    counter = op.create_table(
        "id_counter",
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    connection = op.get_bind()
    for table in _COUNTED:
        last = connection.execute(sa.text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar()
        op.bulk_insert(counter, [{"name": table, "last": int(last or 0)}])
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default="1.0")
        )
        batch_op.add_column(
            sa.Column("unconfirmed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("eventsource", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("start_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("granularity", sa.String(), nullable=True))
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_offset", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("published_offset")
    with op.batch_alter_table("eventsource", schema=None) as batch_op:
        batch_op.drop_column("granularity")
        batch_op.drop_column("end_date")
        batch_op.drop_column("start_date")
        batch_op.drop_column("confidence")
        batch_op.drop_column("evidence")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("unconfirmed")
        batch_op.drop_column("confidence")
    op.drop_table("id_counter")
