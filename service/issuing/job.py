"""A render job: one document to render, typed, as it travels to a render process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from service.verification.seal import DocumentSeal


@dataclass(frozen=True)
class RenderJob:
    """What one document is made from, its input hash and the seal it prints.

    The issuer hashes the input once (for the reuse lookup and the seal) and the render
    takes that hash; a job without one (`input_sha256=None`) is hashed by the pipeline.
    A job without a seal renders a PDF that prints no verification code.
    """

    template_id: str
    data: Any
    lang: str
    format: str
    render_date: date
    input_sha256: str | None = None
    seal: DocumentSeal | None = None


@dataclass(frozen=True)
class DocumentRequest:
    """One document asked for: template, data, language, format, and the child it is for."""

    template_id: str
    data: Any
    lang: str
    format: str
    child_id: str | None = None
