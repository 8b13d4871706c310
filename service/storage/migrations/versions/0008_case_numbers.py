"""A short case number per organisation ("2026-0047"), beside the id.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Existing cases are numbered by creation, within their organisation and year.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the number column, number existing cases, then make it unique per organisation."""
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("number", sa.String(16), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, organisation_id, created_at FROM cases ORDER BY created_at, id")
    ).fetchall()
    counters: dict[tuple[str | None, str], int] = {}
    for case_id, organisation_id, created_at in rows:
        year = str(created_at)[:4]
        counters[(organisation_id, year)] = counters.get((organisation_id, year), 0) + 1
        connection.execute(
            sa.text("UPDATE cases SET number = :number WHERE id = :id"),
            {"number": f"{year}-{counters[(organisation_id, year)]:04d}", "id": case_id},
        )
    op.create_index(
        "ix_cases_organisation_number", "cases", ["organisation_id", "number"], unique=True
    )


def downgrade() -> None:
    """Drop the case numbers."""
    op.drop_index("ix_cases_organisation_number", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("number")
