"""What a view declares about itself: its request, its answers and its errors.

`@declare(...)` records a `Contract` on the view function and changes nothing else; the
OpenAPI builder (`service.api.openapi`) walks `app.url_map` and reads the contract of
each view it finds, so the document describes the routes that exist, as they are
declared beside their code. A request or answer schema is a marshmallow schema class,
or the name of a component the builder refines (the render request, whose `data` is
the chosen template's), or a JSON Schema written out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from marshmallow import Schema

View = TypeVar("View", bound=Callable[..., Any])
SchemaLike = type[Schema] | str | dict[str, Any]
CONTRACT_ATTRIBUTE = "api_contract"
JSON = "application/json"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
ZIP = "application/zip"
BYTES: dict[str, Any] = {"type": "string", "format": "binary"}
TEXT: dict[str, Any] = {"type": "string"}
OBJECT: dict[str, Any] = {"type": "object"}
FILE_UPLOAD: dict[str, Any] = {
    "type": "object",
    "properties": {"file": BYTES},
    "required": ["file"],
}
# Bodies the OpenAPI builder refines beyond their marshmallow envelope (service.api.openapi).
RENDER_REQUEST = "RenderRequest"
CASE_CREATE = "CaseCreate"
CASE_PATCH = "CasePatch"
JOB_REQUEST = "JobRequest"
INSTITUTION_PATCH = "InstitutionPatch"


@dataclass(frozen=True)
class Answer:
    """One successful answer: its status, what it means, and its content."""

    status: int
    description: str
    schema: SchemaLike | None = None
    media_types: tuple[str, ...] = (JSON,)
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """One error a route answers with (problem+json), besides those every route shares."""

    status: int
    description: str


@dataclass(frozen=True)
class Contract:
    """What a view accepts and answers."""

    answers: tuple[Answer, ...]
    body: SchemaLike | None = None
    body_media_type: str = JSON
    query: type[Schema] | None = None
    problems: tuple[Problem, ...] = ()
    description: str | None = None


def declare(
    *answers: Answer,
    body: SchemaLike | None = None,
    body_media_type: str = JSON,
    query: type[Schema] | None = None,
    problems: tuple[Problem, ...] = (),
    description: str | None = None,
) -> Callable[[View], View]:
    """Record what a view accepts and answers, for the OpenAPI document."""
    contract = Contract(answers, body, body_media_type, query, problems, description)

    def mark(view: View) -> View:
        setattr(view, CONTRACT_ATTRIBUTE, contract)
        return view

    return mark


def contract_of(view: Callable[..., Any] | None) -> Contract | None:
    """The contract a view declared, if any."""
    contract: Contract | None = getattr(view, CONTRACT_ATTRIBUTE, None)
    return contract


UNKNOWN_CASE = Problem(404, "Unknown case (or another organisation's)")
UNKNOWN_DOCUMENT = Problem(404, "Unknown document (or one the caller may not see)")
UNKNOWN_INSTITUTION = Problem(404, "Unknown institution (or another organisation's)")
RENDER_UNAVAILABLE = Problem(503, "Render over its time budget, or the store cannot be written")
FILE = Answer(
    200,
    "The file",
    BYTES,
    media_types=(PDF, DOCX),
    headers=("Content-Disposition", "X-Document-Id", "X-Content-SHA256"),
)
DOCUMENT_REVOKED = Problem(409, "The document was revoked")
DATABASE_UNAVAILABLE = Problem(503, "The database cannot be reached now; see Retry-After")
BYTES_UNAVAILABLE = Problem(
    503,
    "The document's bytes cannot be read now (document-bytes-missing, naming it); see Retry-After",
)
