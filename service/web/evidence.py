"""Evidence on the case page: the upload form, thumbnails, download and deletion.

The same rules as the API (`service/api/evidence.py`, whose `receive_evidence` both use):
the type is told from the bytes, the size is limited, everything is audited. Thumbnails
are made on the server on first view (the first page of a PDF, a photo turned upright)
and stored encrypted beside the document files, like a document's preview images.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, abort, flash, redirect, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from service.api.evidence import evidence_limit, evidence_response, receive_evidence
from service.casework import refresh_plan
from service.documents.identity import EVIDENCE_LABELS
from service.errors import DataValidationError
from service.i18n import N_
from service.principal import Principal
from service.rendering.evidence import THUMBNAIL_RENDERER, render_thumbnail
from service.schemas.evidence import CASE, EVIDENCE_FILE_KINDS
from service.storage import CaseView, PageImageCache, StoredEvidence
from service.storage.erasure import ADULT_ROLES
from service.web.erasure import ROLE_NAMES
from service.web.previews import PREVIEW_FAULTS
from service.web.security import login_required
from service.web.views import CASEWORK, person_name, storage, translate, web_blueprint

log = logging.getLogger(__name__)
WHOLE_CASE = N_("the whole family")


def thumbnails() -> PageImageCache:
    """The stored thumbnails of evidence files (by their SHA-256)."""
    return storage().page_images(THUMBNAIL_RENDERER)


def person_choices(case: CaseView) -> list[tuple[str, str]]:
    """Whom a file may be about, as the form offers it: the family, each child, each adult."""
    choices = [(CASE, translate(WHOLE_CASE))]
    choices += [
        (str(child.get("id")), person_name(child)) for child in case.data.get("children") or []
    ]
    choices += [
        (role, f"{person_name(case.data[role])} ({translate(ROLE_NAMES[role])})")
        for role in ADULT_ROLES
        if isinstance(case.data.get(role), dict)
    ]
    return choices


@web_blueprint.app_template_global()
def evidence_megabytes() -> str:
    """The evidence size limit in megabytes, as the form says it."""
    return f"{evidence_limit() / (1024 * 1024):g}"


@web_blueprint.app_template_global()
def case_evidence(case: CaseView, lang: str) -> dict[str, Any]:
    """What the case page's evidence part shows (called by _evidence.html): the files, the
    form's choices, and the errors and values of a refused upload."""
    people = dict(person_choices(case))
    files = []
    for item in storage().evidence.list_for_case(case.id):
        caption = (item.description or {}).get(lang) or (item.description or {}).get("uk")
        files.append(
            {
                "item": item,
                "kind": translate(EVIDENCE_LABELS[item.kind]),
                "caption": caption,
                "person": people.get(
                    item.person or CASE, translate(N_("a person no longer in the case"))
                ),
                "size_kb": max(1, round(item.size / 1024)),
            }
        )
    posted = session.pop("evidence_form", None)
    return {
        "files": files,
        "kinds": [(kind, translate(EVIDENCE_LABELS[kind])) for kind in EVIDENCE_FILE_KINDS],
        "people": list(people.items()),
        "errors": posted["errors"] if posted and posted["case_id"] == case.id else {},
        "values": posted["values"] if posted and posted["case_id"] == case.id else {},
    }


@web_blueprint.post("/cases/<case_id>/evidence")
@login_required(*CASEWORK)
def add_evidence(case_id: str, principal: Principal) -> BaseResponse:
    """Attach a scan or photo; a refused one comes back beside the form's fields."""
    found = storage().cases.get(case_id, principal)
    try:
        receive_evidence(storage(), found, principal)
    except DataValidationError as error:
        session["evidence_form"] = {
            "case_id": found.id,
            "values": {key: value for key, value in request.form.items() if key != "_csrf_token"},
            "errors": {
                path: [translate(message, **getattr(message, "params", {})) for message in messages]
                for path, messages in error.errors.items()
            },
        }
        return redirect(url_for("web.case", case_id=found.id) + "#evidence")
    flash(translate(N_("The file is attached to the case.")))
    return redirect(url_for("web.case", case_id=found.id) + "#evidence")


def visible_evidence(case_id: str, evidence_id: str, principal: Principal) -> StoredEvidence:
    """An evidence file of a case the signed-in person may see (else a 404)."""
    found = storage().cases.get(case_id, principal)
    return storage().evidence.get(found.id, evidence_id)


@web_blueprint.get("/cases/<case_id>/evidence/<evidence_id>/thumbnail.png")
@login_required(*CASEWORK)
def evidence_thumbnail(case_id: str, evidence_id: str, principal: Principal) -> Response:
    """A small image of an evidence file's first page, made on first view and kept."""
    evidence = visible_evidence(case_id, evidence_id, principal)
    cache = thumbnails()
    png = cache.load(evidence.sha256, 1)
    if png is None:
        try:
            cache.ensure(
                evidence.sha256,
                lambda: [
                    render_thumbnail(storage().evidence.read_bytes(evidence), evidence.media_type)
                ],
            )
        except (*PREVIEW_FAULTS, DataValidationError) as error:
            log.warning(
                "evidence thumbnail not made",
                extra={"evidence_id": evidence.id, "exception": type(error).__name__},
            )
            abort(404)
        png = cache.load(evidence.sha256, 1)
    if png is None:
        abort(404)
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@web_blueprint.get("/cases/<case_id>/evidence/<evidence_id>/file")
@login_required(*CASEWORK)
def evidence_file(case_id: str, evidence_id: str, principal: Principal) -> Response:
    """An evidence file's bytes, to save (the download is audited)."""
    evidence = visible_evidence(case_id, evidence_id, principal)
    return evidence_response(evidence, storage().evidence.download(evidence, principal))


@web_blueprint.post("/cases/<case_id>/evidence/<evidence_id>/delete")
@login_required(*CASEWORK)
def delete_evidence(case_id: str, evidence_id: str, principal: Principal) -> BaseResponse:
    """Delete an evidence file (after the page's confirmation); audited."""
    evidence = visible_evidence(case_id, evidence_id, principal)
    storage().evidence.delete(evidence, principal=principal)
    refresh_plan(storage(), storage().cases.get(case_id, principal))
    flash(translate(N_("The file is deleted from the case.")))
    return redirect(url_for("web.case", case_id=case_id) + "#evidence")
