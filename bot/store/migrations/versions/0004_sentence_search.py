"""full-text search over the articles' sentences: index the sentences already stored

New articles get their sentences indexed as they are ingested; this fills in the
ones ingested before.

Revision ID: 0004_sentence_search
Revises: 0003_date_span_indexes
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_sentence_search"
down_revision: str | None = "0003_date_span_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO search_doc (kind, ref_id, body) "
        "SELECT 'sentence', s.id, s.text FROM sentence s "
        "WHERE NOT EXISTS "
        "(SELECT 1 FROM search_doc d WHERE d.kind = 'sentence' AND d.ref_id = s.id)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM search_doc WHERE kind = 'sentence'")
