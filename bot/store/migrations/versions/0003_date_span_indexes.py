"""indexes for date spans, a place's rounds and quotes by day

Each new index starts with the column of the index it replaces, so every query that
used the old one can use the new one.

Revision ID: 0003_date_span_indexes
Revises: 0002_digest
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_date_span_indexes"
down_revision: str | None = "0002_digest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_start_date")
        batch_op.drop_index("ix_event_place_id")
        batch_op.create_index("ix_event_start_end", ["start_date", "end_date"], unique=False)
        batch_op.create_index(
            "ix_event_place_kind_start", ["place_id", "kind", "start_date"], unique=False
        )
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index("ix_quote_said_on")
        batch_op.create_index(
            "ix_quote_said_reported", ["said_on", "first_reported_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index("ix_quote_said_reported")
        batch_op.create_index("ix_quote_said_on", ["said_on"], unique=False)
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_place_kind_start")
        batch_op.drop_index("ix_event_start_end")
        batch_op.create_index("ix_event_place_id", ["place_id"], unique=False)
        batch_op.create_index("ix_event_start_date", ["start_date"], unique=False)
