"""Whom a document is about, encrypted, so that lists can name the child.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Documents stored before have none; lists show them without a name.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the encrypted subject column."""
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("subject_encrypted", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    """Drop the subjects."""
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("subject_encrypted")
