"""asking: questions about replies the bot could not read; which reply approved a round

Revision ID: asking
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "asking"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "reply_questions",
        sa.Column("comment_id", sa.BigInteger(), nullable=False),
        sa.Column("feature", sa.String(length=20), nullable=False),
        sa.Column("thread_key", sa.String(length=255), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("question_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=True),
        sa.Column("answered_by", sa.String(length=40), nullable=True),
        sa.Column("not_english", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("comment_id"),
    )
    op.create_index(
        op.f("ix_reply_questions_thread_key"), "reply_questions", ["thread_key"], unique=False
    )
    op.add_column(
        "mentoring_rounds", sa.Column("approval_comment_id", sa.BigInteger(), nullable=True)
    )
    op.add_column("mentoring_pairs", sa.Column("decided_by", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("mentoring_pairs", "decided_by")
    op.drop_column("mentoring_rounds", "approval_comment_id")
    op.drop_index(op.f("ix_reply_questions_thread_key"), table_name="reply_questions")
    op.drop_table("reply_questions")
