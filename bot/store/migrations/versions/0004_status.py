"""cycle_log: the last poll and planner cycle, for `loti-bot status`

Revision ID: staff_check
Revises: resilience
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "staff_check"  # the branch name (alembic refuses "-")
down_revision: str | None = "resilience"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "cycle_log",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("cycle_log")
