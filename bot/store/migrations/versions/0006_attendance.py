"""attendance: each occurrence's "did you come?" call, and who came

Revision ID: attendance
Revises: programme
Create Date: 2026-12-03 17:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "attendance"
down_revision: str | None = "programme"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "attendance",
        sa.Column("event_key", sa.String(length=255), nullable=False),
        sa.Column("person_key", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_key", "person_key", name=op.f("pk_attendance")),
    )
    op.create_table(
        "attendance_calls",
        sa.Column("event_key", sa.String(length=255), nullable=False),
        sa.Column("comment_id", sa.BigInteger(), nullable=False),
        sa.Column("event_ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("event_key", name=op.f("pk_attendance_calls")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("attendance_calls")
    op.drop_table("attendance")
