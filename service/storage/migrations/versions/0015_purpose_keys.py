"""Purpose keys (verification codes, link tokens) kept encrypted, so a data key can rotate.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the table (filled on first use from the keys derived until now)."""
    op.create_table(
        "purpose_keys",
        sa.Column("purpose", sa.String(40), primary_key=True),
        sa.Column("key_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the table (codes and links then derive from the first data key again)."""
    op.drop_table("purpose_keys")
