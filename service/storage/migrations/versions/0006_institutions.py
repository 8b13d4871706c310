"""The directory of institutions (public bodies) of each organisation.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the institutions table."""
    op.create_table(
        "institutions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "organisation_id",
            sa.String(32),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_folded", sa.String(600), nullable=False),
        sa.Column("name_dative", sa.String(300)),
        sa.Column("name_genitive", sa.String(300)),
        sa.Column("name_en", sa.String(300)),
        sa.Column("address", sa.JSON()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
    )
    op.create_index(
        "ix_institutions_organisation_name", "institutions", ["organisation_id", "name_folded"]
    )


def downgrade() -> None:
    """Drop the institutions table."""
    op.drop_index("ix_institutions_organisation_name", "institutions")
    op.drop_table("institutions")
