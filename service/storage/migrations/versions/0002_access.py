"""Organisations and API tokens; documents remember the organisation that made them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create organisations and tokens; add documents.organisation_id."""
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("organisation_id", sa.String(32), sa.ForeignKey("organisations.id"), index=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("organisation_id", sa.String(32)))
        batch.create_index("ix_documents_organisation_id", ["organisation_id"])


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_organisation_id")
        batch.drop_column("organisation_id")
    op.drop_table("api_tokens")
    op.drop_table("organisations")
