"""The plan of each case: a row per step, rewritten whenever the case changes.

Revision ID: 0007
Revises: 0004, 0006
Create Date: 2026-12-07

Also joins the two heads (0004 verification, 0006 institutions) into one.
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0007"
down_revision = ("0004", "0006")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the plan_steps table and the caseload's indexes."""
    op.create_table(
        "plan_steps",
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("step_key", sa.String(100), primary_key=True),
        sa.Column("organisation_id", sa.String(32)),
        sa.Column("person", sa.String(32), nullable=False),
        sa.Column("rule", sa.String(60), nullable=False),
        sa.Column("template_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("ready", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("due", sa.Date()),
        sa.Column("overdue_from", sa.Date()),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("applies", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("is_next", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("progress_encrypted", sa.LargeBinary()),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_index(
        "ix_plan_steps_caseload", "plan_steps", ["organisation_id", "is_next", "due", "case_id"]
    )
    op.create_index(
        "ix_plan_steps_template", "plan_steps", ["organisation_id", "is_next", "template_id"]
    )


def downgrade() -> None:
    """Drop the plan_steps table."""
    op.drop_index("ix_plan_steps_template", "plan_steps")
    op.drop_index("ix_plan_steps_caseload", "plan_steps")
    op.drop_table("plan_steps")
