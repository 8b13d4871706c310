"""Jobs remember when their message was sent: a queued job whose message was lost is sent again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08

Jobs from before count as sent when they were created (the sweeper sends again those
still queued a lease later).
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the time each job was last handed to a runner."""
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("published_at", UtcDateTime(), nullable=True))
    op.execute(sa.text("UPDATE jobs SET published_at = created_at"))


def downgrade() -> None:
    """Drop it."""
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("published_at")
