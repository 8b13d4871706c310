"""What the pipeline knows about one document: `TemplateSpec`."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from marshmallow import Schema

from service.documents.premises import Premises
from service.i18n import LANGUAGES, gettext

EXAMPLES_DIR = Path(__file__).parent / "examples"


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
    # What must be true of the person for the document to apply (documents/premises.py).
    premises: Premises | None = None

    @property
    def docx_template(self) -> str:
        """Name of the DOCX template under templates_docx/."""
        return f"{self.id}.docx"

    @property
    def html_template(self) -> str:
        """Name of the HTML template under templates_pdf/."""
        return f"{self.id}.html"

    def data_schema(self) -> Schema:
        """The schema of the document's data, one instance per process (loading leaves it as is)."""
        return shared_schema(self.schema)

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

    def hash_input(self, data: Any, lang: str, fmt: str, render_date: date) -> str:
        """Hash what determines a document: template, version, language, format, data, date."""
        canonical = json.dumps(
            {
                "template": self.id,
                "version": self.version,
                "lang": lang,
                "format": fmt,
                "date": render_date.isoformat(),
                "data": data,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.cache
def shared_schema(schema_class: type[Schema]) -> Schema:
    """One instance of a schema class: building one, costs more than a load."""
    return schema_class()
