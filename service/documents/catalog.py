"""The catalog: template id -> schema, templates, version, example and context builder."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from marshmallow import Schema

from service.documents.identity import describe_birth_fact_application
from service.errors import NotFoundError
from service.i18n import LANGUAGES, N_, gettext
from service.schemas.identity import BirthFactCourtApplicationSchema

EXAMPLES_DIR = Path(__file__).parent / "examples"
FORMATS = ("pdf", "docx")
DOCUMENT_LANGUAGES = ("uk", "en", "uk-en")


class TemplateNotFoundError(NotFoundError):
    """No template has the requested id."""

    slug = "template-not-found"
    title = N_("Unknown template")
    detail = N_("There is no template with the id %(template)s.")


@dataclass(frozen=True)
class TemplateSpec:
    """Everything the pipeline needs to know about one document."""

    id: str
    version: str
    title: str
    legal_basis: str
    schema: type[Schema]
    describe: Callable[[Mapping[str, Any], str, date], dict[str, Any]]
    filename_stem: str

    @property
    def docx_template(self) -> str:
        """Name of the DOCX template under templates_docx/."""
        return f"{self.id}.docx"

    @property
    def html_template(self) -> str:
        """Name of the HTML template under templates_pdf/."""
        return f"{self.id}.html"

    def load_example(self) -> dict[str, Any]:
        """Read the complete, realistic example data of this template."""
        example: dict[str, Any] = json.loads(
            (EXAMPLES_DIR / f"{self.id}.json").read_text(encoding="utf-8")
        )
        return example

    def titles(self) -> dict[str, str]:
        """Give the title in every language."""
        return {lang: gettext(self.title, lang) for lang in LANGUAGES}

    def legal_bases(self) -> dict[str, str]:
        """Give the legal basis in every language."""
        return {lang: gettext(self.legal_basis, lang) for lang in LANGUAGES}


TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="identity.birth_fact_court_application",
        version="1.0.0",
        title=N_(
            "Application to establish the fact of birth on the temporarily occupied territory"
        ),
        legal_basis=N_(
            "Civil Procedure Code of Ukraine, articles 315, 317–319 (as amended by Law "
            "No. 2345-IX of 01.07.2022)"
        ),
        schema=BirthFactCourtApplicationSchema,
        describe=describe_birth_fact_application,
        filename_stem="birth-fact-court-application",
    ),
)

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
