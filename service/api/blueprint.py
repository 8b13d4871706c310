"""The API blueprint, and what every view needs to reach the pipeline and storage."""

from __future__ import annotations

from flask import Blueprint, current_app, g

from service.documents import DocumentPipeline
from service.storage import Storage

api_blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def current_pipeline() -> DocumentPipeline:
    """The application's document pipeline."""
    pipeline: DocumentPipeline = current_app.extensions["document_pipeline"]
    return pipeline


def current_storage() -> Storage:
    """The application's storage."""
    storage: Storage = current_app.extensions["storage"]
    return storage


def current_actor() -> str:
    """Who is making the request (an id, never a name)."""
    return str(g.get("actor_id") or "anonymous")
