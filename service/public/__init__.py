"""Public pages: `/verify/<code>` (is this document genuine?) and `/shared/<token>` (a link).

No token and no JavaScript: a court or a partner abroad opens the address printed under
the QR code and reads, in Ukrainian and English, whether the document is genuine and
not revoked, with its template, issue date, issuer and SHA-256, and nothing personal.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from service.access.guard import PUBLIC, allow
from service.errors import translate_message
from service.i18n import N_
from service.storage import Storage
from service.storage.verification import (
    REVOCATION_REASONS,
    VerificationCodeNotFoundError,
    VerificationStore,
)
from service.verification import normalise_code

verification_pages = Blueprint("public", __name__, template_folder="templates")

TEXTS = {
    "page_title": N_("Document verification"),
    "intro": N_("Type the code printed beside the QR code on the document, or follow the QR code."),
    "code_label": N_("Verification code"),
    "check": N_("Check"),
    "genuine": N_("Genuine document: issued by us and not revoked"),
    "revoked": N_("This document was revoked"),
    "unknown": N_("No document was issued with this code"),
    "unknown_detail": N_(
        "Check the code for typing errors. A document whose code is not found here was "
        "not issued by this service."
    ),
    "revoked_on": N_("Revoked on"),
    "reason": N_("Reason"),
    "document": N_("Document"),
    "template": N_("Template and version"),
    "issued": N_("Issue date"),
    "issuer": N_("Issuing organisation"),
    "language": N_("Language of the document"),
    "sha256": N_("SHA-256 of the file"),
    "signed": N_("Digitally signed (PAdES)"),
    "yes": N_("yes"),
    "no": N_("no"),
    "hash_hint": N_(
        "The SHA-256 of the file you hold must equal this one; or send the file to "
        "POST /api/v1/verify to check its signature."
    ),
    "privacy": N_("This page shows no personal data."),
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def verification_store() -> VerificationStore:
    """The application's verification store."""
    storage: Storage = current_app.extensions["storage"]
    store = storage.verification
    if store is None:
        raise VerificationCodeNotFoundError()
    return store


def both(msgid: str) -> dict[str, str]:
    """A text in Ukrainian and English."""
    return translate_message(msgid)


def page(status: int, **context: Any) -> Response:
    """Render the verification page with its texts in both languages."""
    texts = {key: both(msgid) for key, msgid in TEXTS.items()}
    html = render_template("public/verify.html", t=texts, **context)
    response = Response(html, status=status, mimetype="text/html")
    response.headers.update(SECURITY_HEADERS)
    return response


@verification_pages.get("/verify")
@allow(PUBLIC)
def verify_form() -> BaseResponse:
    """The form to type a code; with `?code=` it goes to that code's page."""
    typed = request.args.get("code", "")[:40]
    if typed:
        code = normalise_code(typed)
        if code is not None:
            return redirect(url_for("public.verify_page", code=code), code=303)
        return page(404, found=False, code=typed)
    return page(200, found=None, code="")


@verification_pages.get("/verify/<code>")
@allow(PUBLIC)
def verify_page(code: str) -> Response:
    """Whether the document of a code is genuine and not revoked, in Ukrainian and English."""
    try:
        seal = verification_store().find(code[:40])
    except VerificationCodeNotFoundError:
        return page(404, found=False, code=code[:40])
    reason = REVOCATION_REASONS.get(seal.revocation_reason or "")
    return page(
        200,
        found=True,
        code=seal.code,
        seal=seal.public_dict(),
        reason=both(reason) if reason else None,
    )


@verification_pages.get("/shared/<token>")
@allow(PUBLIC)
def shared_file(token: str) -> Response:
    """Download the document of an expiring link (audited); 404 unknown, 410 ended."""
    linked = verification_store().download_by_link(token)
    response = Response(linked.content, mimetype=linked.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{linked.filename}"'
    response.headers["X-Document-Id"] = linked.document_id
    response.headers["X-Content-SHA256"] = linked.sha256
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
