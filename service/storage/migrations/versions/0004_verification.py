"""Verifiable documents: verification seals, revocation, shares with partners, links.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from service.storage.models import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create document_seals, document_shares and share_links."""
    op.create_table(
        "document_seals",
        sa.Column("document_id", sa.String(32), primary_key=True),
        sa.Column("code", sa.String(14), nullable=False, unique=True),
        sa.Column("series", sa.String(64), nullable=False, index=True),
        sa.Column("template_id", sa.String(100), nullable=False),
        sa.Column("template_version", sa.String(20), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("format", sa.String(5), nullable=False),
        sa.Column("render_date", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("verify_url", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("unsigned_sha256", sa.String(64), nullable=False),
        sa.Column("unsigned_size", sa.Integer(), nullable=False),
        sa.Column("certificate_sha256", sa.String(64)),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
        sa.Column("revoked_by", sa.String(64)),
        sa.Column("revocation_reason", sa.String(20)),
        sa.Column("revocation_note_encrypted", sa.LargeBinary()),
    )
    op.create_table(
        "document_shares",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "organisation_id",
            sa.String(32),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
    )
    op.create_index(
        "ix_document_shares_pair",
        "document_shares",
        ["document_id", "organisation_id"],
        unique=True,
    )
    op.create_table(
        "share_links",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
    )


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("share_links")
    op.drop_index("ix_document_shares_pair", table_name="document_shares")
    op.drop_table("document_shares")
    op.drop_table("document_seals")
