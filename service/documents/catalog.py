"""The catalog: template id -> TemplateSpec (schema, templates, version, example, context)."""

from __future__ import annotations

from service.documents.custody import CUSTODY_TEMPLATES
from service.documents.identity import IDENTITY_TEMPLATES
from service.documents.medical import MEDICAL_TEMPLATES
from service.documents.spec import TemplateSpec
from service.errors import NotFoundError
from service.i18n import N_

DOCUMENT_LANGUAGE_NAMES = {
    "uk": N_("Ukrainian"),
    "en": N_("English"),
    "uk-en": N_("Ukrainian and English"),
}


class TemplateNotFoundError(NotFoundError):
    """No template has the requested id."""

    slug = "template-not-found"
    title = N_("Unknown template")
    detail = N_("There is no template with the id %(template)s.")


TEMPLATES: tuple[TemplateSpec, ...] = (*IDENTITY_TEMPLATES, *MEDICAL_TEMPLATES, *CUSTODY_TEMPLATES)

_BY_ID = {spec.id: spec for spec in TEMPLATES}


def get_template(template_id: str) -> TemplateSpec:
    """Find a template by id, or raise TemplateNotFoundError."""
    try:
        return _BY_ID[template_id]
    except (KeyError, TypeError):
        raise TemplateNotFoundError(template=str(template_id)[:100]) from None


def list_templates() -> tuple[TemplateSpec, ...]:
    """List every template in catalog order."""
    return TEMPLATES
