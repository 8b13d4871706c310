"""Public pages: `/verify/<code>` (is this document genuine?) and `/shared/<token>` (a link).

No token and no JavaScript: a court or a partner abroad opens the address printed under
the QR code and reads, in Ukrainian and English, whether the document is genuine and
not revoked, with its template, issue date, issuer and SHA-256, and nothing personal.
A code only says that such a document was issued; to know that the file in hand is that
document, unchanged, they upload it (`POST /verify/file`: signature and stored hash).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse

from service.access.guard import PUBLIC, allow
from service.api.contract import (
    DATABASE_UNAVAILABLE,
    FILE,
    HTML,
    TEXT,
    Answer,
    Problem,
    declare,
)
from service.documents.catalog import DOCUMENT_LANGUAGE_NAMES
from service.documents.context import as_language
from service.errors import ServiceError, translate_message
from service.i18n import N_, gettext
from service.issuing import DocumentIssuer
from service.issuing.checks import DocumentChecks, present_seal
from service.storage import Storage
from service.storage.verification import VerificationCodeNotFoundError, VerificationStore
from service.ukrainian import format_date_long, transliterate
from service.verification import normalise_code
from service.verification.rules import PUBLIC_REASONS, WITHDRAWAL_REASONS

verification_pages = Blueprint("public", __name__, template_folder="templates")

TEXTS = {
    "page_title": N_("Document verification"),
    "intro": N_("Type the code printed beside the QR code on the document, or follow the QR code."),
    "code_label": N_("Verification code"),
    "check": N_("Check"),
    "genuine": N_("Genuine document: issued by us and not revoked"),
    "revoked": N_("This document was revoked"),
    "withdrawn": N_("This document was withdrawn: it is no longer valid"),
    "withdrawn_on": N_("Withdrawn on"),
    "unknown": N_("No document was issued with this code"),
    "unknown_detail": N_(
        "Check the code for typing errors. A document whose code is not found here was "
        "not issued by this service."
    ),
    "revoked_on": N_("Revoked on"),
    "reason": N_("Reason"),
    "document": N_("Document"),
    "template": N_("Form version"),
    "issued": N_("Issue date"),
    "issuer": N_("Issuing organisation"),
    "language": N_("Language of the document"),
    "sha256": N_("SHA-256 of the file"),
    "signed": N_("Digitally signed (PAdES)"),
    "yes": N_("yes"),
    "no": N_("no"),
    "hash_hint": N_(
        "The SHA-256 of the file you hold must equal this one; or check the file itself "
        "below (or send it to POST /api/v1/verify)."
    ),
    "privacy": N_("This page shows no personal data."),
    "file_intro": N_(
        "To check that the file you received (PDF or DOCX) is that document, unchanged, "
        "choose it here."
    ),
    "file_label": N_("The document's file"),
    "check_file": N_("Check the file"),
    "file_genuine": N_("This file is a document we issued, unchanged, and it is not revoked"),
    "file_kept": N_("The file is checked and not kept."),
}

# What a checked file is, when it is not a genuine document (reasons of `verify_file`).
FILE_VERDICTS = {
    "revoked": N_("This file is a document we issued, unchanged, but it was revoked"),
    "withdrawn": N_("This file is a document we issued, unchanged, but it was withdrawn"),
    "unknown_document": N_(
        "This file is signed by us, but no issued document has this content (it may have "
        "been deleted under the retention rules)"
    ),
    "signature_invalid": N_(
        "This file was changed after it was signed, or its signature is not ours: do not rely on it"
    ),
    "not_signed": N_(
        "This file carries no signature of ours: it is not a document issued by this "
        "service, or it was saved again (printing to PDF removes the signature)"
    ),
    "not_a_pdf": N_("This is neither a signed PDF nor a DOCX file that we issued"),
    "too_large": N_("The file is larger than any document of ours"),
    "no_file": N_("Choose the file first"),
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


def checks() -> DocumentChecks:
    """Checks of codes and files against the seals."""
    issuer: DocumentIssuer = current_app.extensions["issuer"]
    if issuer.checks is None:
        raise VerificationCodeNotFoundError()
    return issuer.checks


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


def describe_seal_for_people(seal: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The seal's dates, language and format as words, in Ukrainian and English."""
    shown: dict[str, dict[str, str]] = {}
    for lang in ("uk", "en"):
        words = as_language(lang)
        shown[lang] = {
            "issued": format_date_long(date.fromisoformat(seal["issued"]), words),
            "revoked_on": format_date_long(datetime.fromisoformat(seal["revoked_at"]).date(), words)
            if seal.get("revoked_at")
            else "",
            "language": gettext(DOCUMENT_LANGUAGE_NAMES.get(seal["lang"], seal["lang"]), lang),
            "version": gettext(N_("version %(version)s"), lang, version=seal["version"]),
            # The issuer's name is kept in Ukrainian; a reader abroad gets its Latin spelling.
            "issuer": seal["issuer"] if lang == "uk" else transliterate(seal["issuer"]),
        }
    return shown


def page(status: int, **context: Any) -> Response:
    """Render the verification page with its texts in both languages."""
    texts = {key: both(msgid) for key, msgid in TEXTS.items()}
    if context.get("seal"):
        context["shown"] = describe_seal_for_people(context["seal"])
        context["withdrawn"] = context["seal"]["revocation_reason"] in WITHDRAWAL_REASONS
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
@declare(
    Answer(200, "Genuine or revoked, in Ukrainian and English", TEXT, media_types=(HTML,)),
    Answer(404, "Unknown code", TEXT, media_types=(HTML,)),
    problems=(DATABASE_UNAVAILABLE,),
)
def verify_page(code: str) -> Response:
    """Whether the document of a code is genuine and not revoked, in Ukrainian and English."""
    try:
        seal = checks().find(code[:40])
    except VerificationCodeNotFoundError:
        return page(404, found=False, code=code[:40])
    reason = PUBLIC_REASONS.get(seal.revocation_reason or "")
    return page(
        200,
        found=True,
        code=seal.code,
        seal=present_seal(seal),
        reason=both(reason) if reason else None,
    )


def read_upload(upload: FileStorage | None, limit: int) -> bytes:
    """The first `limit` bytes of an uploaded file (none without one); the file is closed."""
    if upload is None:
        return b""
    try:
        content: bytes = upload.read(limit)
        return content
    finally:
        upload.close()


@verification_pages.post("/verify/file")
@allow(PUBLIC)
def verify_file_page() -> Response:
    """Whether an uploaded PDF is a document we issued, unchanged and not revoked."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        content = read_upload(request.files.get("file"), limit + 1)
    except RequestEntityTooLarge:
        return page(413, found=None, code="", file_verdict=both(FILE_VERDICTS["too_large"]))
    if not content:
        return page(422, found=None, code="", file_verdict=both(FILE_VERDICTS["no_file"]))
    if len(content) > limit:
        return page(413, found=None, code="", file_verdict=both(FILE_VERDICTS["too_large"]))
    result = checks().verify_file(content)
    document = result["document"] if result["reason"] in (None, "revoked") else None
    verdict = result["reason"]
    if verdict == "revoked" and document and document["revocation_reason"] in WITHDRAWAL_REASONS:
        verdict = "withdrawn"
    reason = PUBLIC_REASONS.get(document["revocation_reason"] or "") if document else None
    return page(
        200,
        found=document is not None,
        code=document["code"] if document else "",
        seal=document,
        reason=both(reason) if reason else None,
        file_checked=True,
        file_genuine=result["genuine"],
        file_verdict=both(TEXTS["file_genuine"] if verdict is None else FILE_VERDICTS[verdict]),
        file_sha256=result["sha256"],
    )


@verification_pages.get("/shared/<token>")
@allow(PUBLIC)
@declare(
    FILE,
    Answer(404, "Unknown link (a page, to a browser)", TEXT, media_types=(HTML,)),
    Answer(
        410,
        "Link ended or revoked, or document revoked (a page, to a browser)",
        TEXT,
        media_types=(HTML,),
    ),
    problems=(
        Problem(404, "Unknown link"),
        Problem(410, "Link ended or revoked, or document revoked"),
        DATABASE_UNAVAILABLE,
    ),
)
def shared_file(token: str) -> Response:
    """Download the document of an expiring link (audited); 404 unknown, 410 ended."""
    try:
        linked = verification_store().download_by_link(token)
    except ServiceError as error:
        if "text/html" not in request.headers.get("Accept", ""):
            raise
        # Whoever followed the link in a browser reads why it gives nothing, in both
        # languages, on the verification page (not the API's problem+json).
        told = {lang: error.describe(lang) for lang in ("uk", "en")}
        verdict = {lang: f"{text['title']}. {text['detail']}" for lang, text in told.items()}
        return page(error.status, found=None, code="", file_verdict=verdict)
    response = Response(linked.content, mimetype=linked.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{linked.filename}"'
    response.headers["X-Document-Id"] = linked.document_id
    response.headers["X-Content-SHA256"] = linked.sha256
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
