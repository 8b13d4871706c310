"""The liveness endpoint."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

health_blueprint = Blueprint("health", __name__)


@health_blueprint.get("/healthz")
def healthz() -> Response:
    """Answer 200 while the process serves requests."""
    return jsonify(status="ok")
