"""A token may belong to a person; a person's page sessions can be ended all at once.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the owner of a token (null: a system token) and the generation of a person's sessions."""
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("user_id", sa.String(32), nullable=True))
        batch.create_index("ix_api_tokens_user_id", ["user_id"])
        batch.create_foreign_key("fk_api_tokens_user_id_users", "users", ["user_id"], ["id"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    """Drop both (every token becomes a system token again)."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_generation")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_constraint("fk_api_tokens_user_id_users", type_="foreignkey")
        batch.drop_index("ix_api_tokens_user_id")
        batch.drop_column("user_id")
