"""watches: what chats follow, the facts ingests log for them, and the alerts they make

Revision ID: 0013_watches
Revises: 0012_article_versions
Create Date: 2026-12-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_watches"
down_revision: str | None = "0012_article_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "fact_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("before", sa.String(), nullable=True),
        _when("logged_at", nullable=False),
        _when("matched_at", nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fact_log_matched_at", "fact_log", ["matched_at"])
    op.create_table(
        "watch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("typed", sa.String(), nullable=False),
        sa.Column("entity_kind", sa.String(), nullable=True),
        sa.Column("cadence", sa.String(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        _when("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "kind", "key"),
    )
    op.create_index("ix_watch_chat_id", "watch", ["chat_id"])
    op.create_index("ix_watch_kind_key", "watch", ["kind", "key"])
    op.create_table(
        "watch_chat",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_type", sa.String(), nullable=False),
        sa.Column("quiet_start", sa.String(), nullable=True),
        sa.Column("quiet_end", sa.String(), nullable=True),
        _when("hour_start", nullable=True),
        sa.Column("hour_count", sa.Integer(), nullable=False),
        sa.Column("paused_reason", sa.String(), nullable=True),
        _when("paused_at", nullable=True),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    op.create_table(
        "watch_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        _when("created_at", nullable=False),
        _when("next_attempt_at", nullable=False),
        _when("held_until", nullable=True),
        sa.Column("hold_reason", sa.String(), nullable=True),
        sa.Column("summary_id", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.Column("claimed_by", sa.String(), nullable=True),
        _when("claimed_until", nullable=True),
        sa.Column("pages", sa.Text(), nullable=True),
        sa.Column("messages_sent", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        _when("sent_at", nullable=True),
        sa.Column("edit_pending", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "article_id", "kind"),
    )
    op.create_index(
        "ix_watch_alert_status_next", "watch_alert", ["status", "next_attempt_at"]
    )
    op.create_index("ix_watch_alert_chat_status", "watch_alert", ["chat_id", "status"])
    op.create_table(
        "watch_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("fact_kind", sa.String(), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("why", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["watch_alert.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alert_id", "fact_kind", "ref_id", "change"),
    )
    op.create_index("ix_watch_match_alert_id", "watch_match", ["alert_id"])
    op.create_index("ix_watch_match_fact", "watch_match", ["fact_kind", "ref_id"])


def downgrade() -> None:
    op.drop_table("watch_match")
    op.drop_table("watch_alert")
    op.drop_table("watch_chat")
    op.drop_table("watch")
    op.drop_table("fact_log")
