"""The API blueprint, its access check, and what every view needs to reach its parts."""

from __future__ import annotations

from flask import Blueprint, current_app

from service.access.guard import check_request, current_principal
from service.access.tokens import AccessStore
from service.documents import DocumentPipeline
from service.issuing import DocumentIssuer
from service.storage import Storage

api_blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

__all__ = [
    "api_blueprint",
    "current_actor",
    "current_issuer",
    "current_pipeline",
    "current_principal",
    "current_storage",
]

CASEWORK = ("caseworker", "admin")
RENDERING = ("system", "caseworker", "admin")
DOCUMENT_READERS = ("caseworker", "partner", "admin")
EVERY_ROLE = ("caseworker", "partner", "system", "admin")


@api_blueprint.before_request
def check_access() -> None:
    """Every API request carries a valid token whose role the view allows."""
    store: AccessStore = current_app.extensions["access"]
    check_request(store)


def current_pipeline() -> DocumentPipeline:
    """The application's document pipeline."""
    pipeline: DocumentPipeline = current_app.extensions["document_pipeline"]
    return pipeline


def current_storage() -> Storage:
    """The application's storage."""
    storage: Storage = current_app.extensions["storage"]
    return storage


def current_issuer() -> DocumentIssuer:
    """The application's issuer: the one way to make (or serve again) a stored document."""
    issuer: DocumentIssuer = current_app.extensions["issuer"]
    return issuer


def current_actor() -> str:
    """Who is making the request: the token's id, never a name."""
    return current_principal().id
