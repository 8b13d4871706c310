"""DOCX templates of the custody.* documents."""

from __future__ import annotations

from scripts.docx_templates.layout import Block

DOCUMENTS: dict[str, tuple[list[Block], str]] = {}
