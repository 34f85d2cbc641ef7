"""resilience: outbox.unsure_since (grace for unsure writes), tokens.env_digest

Revision ID: resilience
Revises: asking
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "resilience"
down_revision: str | None = "asking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("unsure_since", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("env_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("tokens") as batch:
        batch.drop_column("env_digest")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("unsure_since")
