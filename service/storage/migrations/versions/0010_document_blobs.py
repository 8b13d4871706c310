"""Document bytes in the database, so that every node of a cluster serves every document.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Used when PAPERWORK_DOCUMENT_STORE is `database` (the default on PostgreSQL); files
stored before move in with `flask --app wsgi documents migrate-store --to database`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table of encrypted document bytes."""
    op.create_table(
        "document_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    """Drop the table (move the bytes to files first: `documents migrate-store`)."""
    op.drop_table("document_blobs")
