"""Liveness and readiness: is the process up, and can it serve documents now."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.api.contract import Answer, Problem, declare
from service.errors import DatabaseUnavailableError, ServiceUnavailableError
from service.i18n import N_
from service.schemas.responses import HealthSchema

health_blueprint = Blueprint("health", __name__)
log = logging.getLogger(__name__)

OK, UNAVAILABLE, WARMING = "ok", "unavailable", "warming"


class NotReadyError(ServiceUnavailableError):
    """A part the service needs is not there (yet): a proxy sends requests elsewhere."""

    slug = "not-ready"
    title = N_("Not ready")
    detail = N_("The service cannot serve documents now. Try again shortly.")
    retry_after = 5

    def __init__(self, checks: dict[str, str]) -> None:
        super().__init__()
        self.checks = checks

    def extra_members(self) -> dict[str, Any]:
        """Which part is not ready."""
        return {"checks": self.checks}


@health_blueprint.get("/healthz")
@declare(Answer(200, "Serving", HealthSchema))
def healthz() -> Response:
    """Answer 200 while the process serves requests."""
    return jsonify(status="ok")


@health_blueprint.get("/readyz")
@declare(
    Answer(200, "Ready; `checks` says ok for each part", HealthSchema),
    problems=(Problem(503, "Not ready; `checks` names the part"),),
)
def readyz() -> Response:
    """Answer 200 when the database, the document store and the render processes are ready."""
    storage = current_app.extensions["storage"]
    checks = {
        "database": database_state(storage.database),
        "documents": OK if storage.files.ready() else UNAVAILABLE,
        "render": OK if current_app.extensions["render_pool"].is_warm else WARMING,
    }
    if any(state != OK for state in checks.values()):
        raise NotReadyError(checks)
    return jsonify(status="ready", checks=checks)


def database_state(database: Any) -> str:
    """Whether the database answers a query."""
    try:
        with database.connection() as connection:
            connection.execute(text("SELECT 1"))
    except DatabaseUnavailableError:  # logged where it was raised
        return UNAVAILABLE
    except SQLAlchemyError as error:
        log.warning("database not ready", extra={"exception": type(error).__name__})
        return UNAVAILABLE
    return OK
