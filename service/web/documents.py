"""A stored document's page: its verification code, download links, shares and revocation.

The same rules as the API (`service/storage/verification.py`): only those who may see a
document manage it, only its author or an admin revokes it, a link's address is shown
once, and everything is audited.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Response, flash, redirect, render_template, request, session, url_for
from marshmallow import ValidationError
from werkzeug.wrappers import Response as BaseResponse

from service.documents import get_template
from service.errors import DataValidationError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.rendering.page_images import RENDERER_VERSION
from service.schemas.base import flatten_errors
from service.schemas.verification import RevokeRequestSchema
from service.storage import StoredDocument
from service.storage.verification import (
    DocumentGoneError,
    DocumentRevokedError,
    RevocationForbiddenError,
    SealNotFoundError,
    VerificationStore,
)
from service.verification.rules import DEFAULT_LINK_DAYS, REVOCATION_REASONS
from service.web.previews import build_preview, load_page_image
from service.web.security import SIGNS_IN, login_required, signed_in_principal
from service.web.views import (
    CASEWORK,
    PER_PAGE,
    actor_names,
    other_organisations,
    page_count,
    requested_page,
    storage,
    translate,
    web_blueprint,
)

LINK_DAYS = (1, DEFAULT_LINK_DAYS, 30, 90)


def verification() -> VerificationStore:
    """The verification store (seals, shares, links)."""
    verifications = storage().verification
    if verifications is None:  # signing is always configured where pages are served
        raise RuntimeError("verification is not configured")
    return verifications


def read_days(value: str | None) -> int:
    """The validity of a new link: one of the offered numbers of days."""
    offered = {str(days): days for days in LINK_DAYS}  # never int(): "²" and 5,000 digits fail
    return offered.get(value or "", DEFAULT_LINK_DAYS)


@web_blueprint.get("/documents/<document_id>")
@login_required(*CASEWORK)
def document(document_id: str) -> str:
    """A document: what it is, its code, its links and shares, and revocation."""
    principal, metadata = visible_document(document_id)
    seal = verification().get(metadata.id)
    shares = verification().list_shares(metadata.id)
    organisations = other_organisations(principal)
    new_link = session.pop("new_link", None)
    return render_template(
        "document.html",
        document=metadata,
        title=get_template(metadata.template_id).titles(),
        seal=seal,
        public_url=verification().public_url,  # the address new QR codes carry
        note=verification().revocation_note(metadata.id) if seal and seal.revoked else None,
        shares=[share for share in shares if share["kind"] == "organisation"],
        links=[link for link in shares if link["kind"] == "link"],
        organisations=organisations,
        organisation_names={o["id"]: o["name"] for o in organisations},
        author=actor_names({metadata.created_by}).get(metadata.created_by),
        case_number=storage().cases.numbers({metadata.case_id}).get(metadata.case_id)
        if metadata.case_id
        else None,
        reasons=REVOCATION_REASONS,
        link_days=LINK_DAYS,
        new_link=new_link if new_link and new_link["document_id"] == metadata.id else None,
        preview=build_preview(metadata),
    )


@web_blueprint.get("/documents/<document_id>/pages/<int:number>.png")
@login_required(*SIGNS_IN)
def page_image(document_id: str, number: int, principal: Principal) -> BaseResponse:
    """One page of a PDF as an image, for those who may download the document."""
    metadata = storage().archive.get(document_id, principal)
    if principal.role == "partner":  # as a download: a partner no longer gets a revoked one
        seal = verification().get(metadata.id)
        if seal is not None and seal.revoked:
            raise DocumentGoneError()
    png = load_page_image(metadata, number)
    if png is None:
        raise NotFoundError()
    response = Response(png, mimetype="image/png")
    # Personal data: never in a shared cache; revalidated (so a share ended stops it) by ETag.
    response.headers["Cache-Control"] = "private, no-cache"
    response.set_etag(f"{RENDERER_VERSION}-{metadata.sha256[:32]}-{number}")
    return response.make_conditional(request)


def visible_document(document_id: str) -> tuple[Principal, StoredDocument]:
    """The signed-in person and a document they may see (else 404)."""
    principal = signed_in_principal()
    return principal, storage().archive.get(document_id, principal)


def back_to(document_id: str) -> BaseResponse:
    """Redirect to a document's page."""
    return redirect(url_for("web.document", document_id=document_id))


@web_blueprint.post("/documents/<document_id>/links")
@login_required(*CASEWORK)
def make_link(document_id: str) -> BaseResponse:
    """Make an expiring download link; its address is shown once, on the next page."""
    principal, metadata = visible_document(document_id)
    link, token = verification().create_link(
        metadata.id, principal, days=read_days(request.form.get("days"))
    )
    session["new_link"] = {
        "document_id": metadata.id,
        "url": f"{verification().public_url}/shared/{token}",
        "expires_at": link["expires_at"],
    }
    return back_to(metadata.id)


@web_blueprint.post("/documents/<document_id>/links/<link_id>/end")
@login_required(*CASEWORK)
def end_link(document_id: str, link_id: str) -> BaseResponse:
    """End a link before it expires."""
    principal, metadata = visible_document(document_id)
    verification().revoke_link(metadata.id, link_id, principal)
    flash(translate(N_("The link no longer works.")))
    return back_to(metadata.id)


@web_blueprint.post("/documents/<document_id>/shares")
@login_required(*CASEWORK)
def share(document_id: str) -> BaseResponse:
    """Share a document with a partner organisation."""
    principal, metadata = visible_document(document_id)
    verification().share(metadata.id, request.form.get("organisation_id", ""), principal)
    flash(translate(N_("The document is shared.")))
    return back_to(metadata.id)


@web_blueprint.post("/cases/<case_id>/shares")
@login_required(*CASEWORK)
def share_case_documents(case_id: str, principal: Principal) -> BaseResponse:
    """Share every valid document of a case with an organisation (a court gets the set)."""
    case = storage().cases.get(case_id, principal)
    organisation_id = request.form.get("organisation_id", "")
    shared = 0
    for document in storage().archive.list_for_case(case.id, principal):
        seal = verification().get(document.id)
        if seal is not None and not seal.revoked:
            _share, made = verification().share(document.id, organisation_id, principal)
            shared += made
    flash(translate(N_("Documents shared: %(count)s.")) % {"count": shared})
    return redirect(url_for("web.case", case_id=case.id) + "#documents")


@web_blueprint.post("/documents/<document_id>/shares/<organisation_id>/end")
@login_required(*CASEWORK)
def unshare(document_id: str, organisation_id: str) -> BaseResponse:
    """Stop sharing a document with an organisation."""
    principal, metadata = visible_document(document_id)
    verification().unshare(metadata.id, organisation_id, principal)
    flash(translate(N_("The document is no longer shared with this organisation.")))
    return back_to(metadata.id)


@web_blueprint.post("/documents/<document_id>/revoke")
@login_required(*CASEWORK)
def revoke(document_id: str) -> str | BaseResponse:
    """Revoke a document (its author or an admin); its verification page then says so.

    Revocation cannot be undone: the first post shows what it does and asks again (a page
    of its own, no JavaScript); only the post from that page, `confirmed=yes`, revokes.
    """
    principal, metadata = visible_document(document_id)
    try:
        body = RevokeRequestSchema().load(
            {"reason": request.form.get("reason", ""), "note": request.form.get("note") or None}
        )
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages)) from None
    if request.form.get("confirmed") != "yes":
        return confirm_revocation(principal, metadata, body)
    verification().revoke(
        metadata.id, metadata.created_by, principal, reason=body["reason"], note=body["note"]
    )
    flash(translate(N_("The document is revoked.")))
    return back_to(metadata.id)


def confirm_revocation(principal: Principal, metadata: StoredDocument, body: dict[str, Any]) -> str:
    """The page that asks before a document is revoked for good."""
    if not (principal.sees_everything or metadata.created_by == principal.id):
        raise RevocationForbiddenError()
    seal = verification().get(metadata.id)
    if seal is None:
        raise SealNotFoundError()
    if seal.revoked:
        raise DocumentRevokedError()
    return render_template(
        "revoke_confirm.html",
        document=metadata,
        title=get_template(metadata.template_id).titles(),
        seal=seal,
        reason=body["reason"],
        reason_label=translate(REVOCATION_REASONS[body["reason"]]),
        note=body["note"] or "",
        active=Counter(
            share["kind"]
            for share in verification().list_shares(metadata.id)
            if share["revoked_at"] is None
        ),
    )


@web_blueprint.get("/shared")
@login_required("partner", "admin")
def shared(principal: Principal) -> str | BaseResponse:
    """Documents shared with the partner's organisation: download and verification code."""
    page = requested_page()
    documents, total = storage().archive.list_shared(principal, page=page, per_page=PER_PAGE)
    pages = page_count(total)
    if page > pages:  # fewer documents are shared than when the link was made
        return redirect(url_for("web.shared", page=pages))
    seals = {document.id: verification().get(document.id) for document in documents}
    case_ids = {document.case_id for document in documents if document.case_id}
    return render_template(
        "shared.html",
        documents=documents,
        seals=seals,
        case_numbers=storage().cases.numbers(case_ids),
        titles={d.template_id: get_template(d.template_id).titles() for d in documents},
        page=page,
        pages=pages,
        total=total,
    )
