"""Background jobs: packets and bulk renders, their progress and results.

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the jobs table."""
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(10), nullable=False, index=True),
        sa.Column("created_by", sa.String(64), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("organisation_id", sa.String(32), index=True),
        sa.Column("case_id", sa.String(32)),
        sa.Column("total", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("done", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("request_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("webhook_encrypted", sa.LargeBinary()),
        sa.Column("webhook_state", sa.String(12)),
        sa.Column("webhook_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("started_at", UtcDateTime()),
        sa.Column("finished_at", UtcDateTime()),
    )


def downgrade() -> None:
    """Drop the jobs table."""
    op.drop_table("jobs")
