"""Institutions keep their ЄДРПОУ code: court applications name the interested party by it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the code (null for the institutions entered before)."""
    with op.batch_alter_table("institutions") as batch:
        batch.add_column(sa.Column("edrpou", sa.String(8), nullable=True))


def downgrade() -> None:
    """Drop the code."""
    with op.batch_alter_table("institutions") as batch:
        batch.drop_column("edrpou")
