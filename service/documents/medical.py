"""Context builders and catalog entries of the medical.* documents."""

from __future__ import annotations

from service.documents.spec import TemplateSpec

MEDICAL_TEMPLATES: tuple[TemplateSpec, ...] = ()
