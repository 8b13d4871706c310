"""Context builders and catalog entries of the custody.* documents."""

from __future__ import annotations

from service.documents.spec import TemplateSpec

CUSTODY_TEMPLATES: tuple[TemplateSpec, ...] = ()
