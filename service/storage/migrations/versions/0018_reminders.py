"""Reminders: each person's digest language and calendar feed (a token hash), and the
digests sent (one a day).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the two tables (no row: the digest is on, in Ukrainian, and no feed exists)."""
    op.create_table(
        "reminder_settings",
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("feed_token_sha256", sa.String(64), nullable=True, unique=True),
        sa.Column("feed_created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reminder_digests",
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("steps", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    """Drop both (feeds stop working; a digest may be sent again the same day)."""
    op.drop_table("reminder_digests")
    op.drop_table("reminder_settings")
