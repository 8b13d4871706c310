"""Jobs: a packet or a bulk render (JSON, or JSON Lines), answered 202; then its progress."""

from __future__ import annotations

from typing import Any

from flask import Request, Response, current_app, jsonify, request, url_for
from marshmallow import ValidationError

from service.access.guard import ForbiddenError, allow
from service.api.blueprint import api_blueprint, current_principal
from service.api.contract import JOB_REQUEST, Answer, Problem, declare
from service.api.requests import MAX_JSON_DEPTH, _depth, load_body, load_query, parse_json
from service.errors import DataValidationError, MalformedRequestError, PayloadTooLargeError
from service.i18n import N_
from service.jobs import JobService, JobView
from service.schemas.base import flatten_errors
from service.schemas.jobs import MAX_BULK_CASES, BulkUploadQuerySchema, JobRequestSchema
from service.schemas.responses import JobSchema

JSON_LINES = "application/x-ndjson"
JOB_ROLES = ("caseworker", "admin", "system")
PACKET_ROLES = ("caseworker", "admin")
PACKET_FIELDS = ("case_id", "documents", "langs", "formats", "child_ids")
BULK_FIELDS = ("template", "lang", "format", "cases")


def current_jobs() -> JobService:
    """The application's job service."""
    jobs: JobService = current_app.extensions["jobs"]
    return jobs


def read_json_lines(request: Request) -> list[Any]:
    """Parse a JSON Lines body: one JSON object a line (blank lines are skipped)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise PayloadTooLargeError(limit=limit)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRequestError(N_("The request body is not valid UTF-8.")) from None
    objects: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if len(objects) == MAX_BULK_CASES:
            raise DataValidationError({"cases": [N_("Send between 1 and 500 data objects.")]})
        try:
            value = parse_json(line, prefix=f"cases.{len(objects)}")
        except (ValueError, RecursionError):  # bad syntax, a duplicate key, NaN
            value = None
        if not isinstance(value, dict) or _depth(value) > MAX_JSON_DEPTH:
            raise MalformedRequestError(
                N_("Line %(line)s of the JSON Lines body is not a JSON object."), line=number
            )
        objects.append(value)
    return objects


def load_job_request(request: Request) -> dict[str, Any]:
    """The job asked for: a JSON body, or JSON Lines with the template in the query."""
    if request.mimetype != JSON_LINES:
        return load_body(request, JobRequestSchema)
    query = load_query(request, BulkUploadQuerySchema)
    body = {"kind": "bulk_render", **query, "cases": read_json_lines(request)}
    if body["webhook_url"] is None:
        del body["webhook_url"]
    try:
        loaded: dict[str, Any] = JobRequestSchema().load(body)
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages)) from None
    return loaded


def present_job(job: JobView) -> dict[str, Any]:
    """A job with its address, and each stored document's addresses."""
    body = job.as_dict()
    body["url"] = url_for("api.get_job", job_id=job.id)
    for result in body["results"]:
        if result.get("document_id"):
            result["url"] = url_for("api.get_document", document_id=result["document_id"])
            result["download_url"] = url_for(
                "api.get_document_file", document_id=result["document_id"]
            )
    return body


@api_blueprint.post("/jobs")
@allow(*JOB_ROLES)
@declare(
    Answer(202, "The job, queued", JobSchema, headers=("Location",)),
    body=JOB_REQUEST,
    problems=(
        Problem(404, "Unknown case or template"),
        Problem(503, "The job queue cannot be reached; see Retry-After"),
    ),
    description=(
        "A JSON body (`JobRequest`), or `application/x-ndjson` with one data object a line "
        "and `template`, `lang`, `format`, `webhook_url` in the query. A `webhook_url` is "
        "told by a POST signed with `X-Paperwork-Signature: t=<unix time>,v1=<HMAC-SHA256 "
        "of '<t>.<body>'>` when the job finishes."
    ),
)
def create_job() -> tuple[Response, int, dict[str, str]]:
    """Start a packet or bulk render in the background: 202 with the job's Location."""
    body = load_job_request(request)
    principal = current_principal()
    if body["kind"] == "packet" and principal.role not in PACKET_ROLES:
        raise ForbiddenError()
    names = PACKET_FIELDS if body["kind"] == "packet" else BULK_FIELDS
    job = current_jobs().create(
        body["kind"],
        {name: body.get(name) for name in names},
        principal=principal,
        webhook_url=body.get("webhook_url"),
    )
    location = url_for("api.get_job", job_id=job.id)
    return jsonify(present_job(job)), 202, {"Location": location}


@api_blueprint.get("/jobs/<job_id>")
@allow(*JOB_ROLES)
@declare(Answer(200, "The job", JobSchema), problems=(Problem(404, "Unknown job"),))
def get_job(job_id: str) -> Response:
    """A job's state, progress (`done` of `total`) and results so far."""
    response = jsonify(present_job(current_jobs().get(job_id, current_principal())))
    response.headers["Cache-Control"] = "no-store"
    return response
