"""The caseworker pages: sign in, cases, the case form, documents, preview, packets."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError
from werkzeug.wrappers import Response as BaseResponse

from service.casework import build_document_data, outcome_source, refresh_plan, select_packet
from service.documents import DOCUMENT_LANGUAGES, FORMATS, get_template, list_templates
from service.documents.catalog import DOCUMENT_LANGUAGE_NAMES
from service.documents.from_case import MOTHER
from service.documents.premises import NotApplicableError
from service.documents.references import InstitutionLookup
from service.errors import DataValidationError, NotFoundError, ServiceError
from service.i18n import N_, Message, gettext
from service.issuing import DocumentIssuer
from service.planning.plan import MOTHER_RULES
from service.principal import Principal
from service.schemas.base import UNTRANSLATED, collect_warnings, flatten_errors
from service.schemas.case import CaseSchema
from service.storage import Storage
from service.storage.audit import list_events
from service.storage.cases import CaseView, read_case_number
from service.ukrainian import transliterate
from service.ukrainian.codifier import suggest_places
from service.verification import normalise_code
from service.web.forms import (
    FormGroup,
    build_form,
    checkbox_paths,
    country_choices,
    form_parts,
    item_label,
    list_index,
    parse_form,
    path_label,
    still_needed,
    suggestion_lists,
)
from service.web.people import (
    CERTIFICATES,
    drop_blank_people,
    offer_people,
    other_children_field,
    with_person_ids,
)
from service.web.pickers import (
    DIRECTORY_LIST,
    AddInstitution,
    link_institutions,
    offer_institutions,
    remember_institutions,
    resolve_for_check,
)
from service.web.previews import find_preview
from service.web.security import (
    SIGNS_IN,
    check_csrf,
    csrf_token,
    login_required,
    signed_in,
    signed_in_principal,
    users,
)

web_blueprint = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/web",
)
CASEWORK = ("caseworker", "admin")
# People a case often does not have: folded on the case form until filled in.
OPTIONAL_PARTS = ("father", "people", "legal_representative")
PER_PAGE = 20
# A packet's error path: the template, the child it was for, the field in its data.
PACKET_PATH = re.compile(
    r"^(?P<template>[a-z]+\.[a-z_]+)(\[(?P<child>[^\]]+)\])?(\.(?P<field>.+))?$"
)


@web_blueprint.before_request
def protect_forms() -> None:
    """Every form carries the session's CSRF token."""
    check_csrf()


ACTION_NAMES = {
    "case_created": N_("case created"),
    "case_changed": N_("case changed"),
    "document_rendered": N_("document made"),
    "document_reused": N_("document served again"),
    "document_downloaded": N_("document downloaded"),
    "packet_built": N_("packet built"),
    "cases_purged": N_("old cases deleted"),
    "case_erased": N_("case erased"),
    "person_erased": N_("a person erased, with the case's documents"),
    "case_exported": N_("data held exported"),
    "cases_reindexed": N_("case search rebuilt"),
    "document_shared": N_("document shared with an organisation"),
    "share_revoked": N_("sharing with an organisation stopped"),
    "document_revoked": N_("document revoked"),
    "link_created": N_("download link made"),
    "link_revoked": N_("download link ended"),
    "job_created": N_("background work started"),
    "job_finished": N_("background work finished"),
    "institution_created": N_("institution added to the directory"),
    "institution_changed": N_("institution in the directory changed"),
    "plan_step_changed": N_("step of the plan recorded"),
    "user_disabled": N_("user disabled"),
    "user_enabled": N_("user enabled"),
    "key_rotated": N_("new data key added"),
    "keys_reencrypted": N_("data re-encrypted with the newest key"),
    "key_retired": N_("old data key retired"),
    "evidence_added": N_("evidence file attached"),
    "evidence_deleted": N_("evidence file deleted"),
    "evidence_downloaded": N_("evidence file downloaded"),
    "note_added": N_("note added"),
    "note_deleted": N_("note deleted"),
    "calendar_feed_created": N_("calendar feed made"),
    "calendar_feed_revoked": N_("calendar feed revoked"),
    "reminder_sent": N_("reminder sent by e-mail"),
}


def person_name(person: Any) -> str:
    """Surname, given name and patronymic of a (possibly incomplete) person, as entered."""
    if not isinstance(person, dict):
        return ""
    parts = (person.get(key) for key in ("surname", "given_name", "patronymic"))
    return " ".join(str(part) for part in parts if part)


def numeric_date(value: Any) -> str:
    """An ISO date as dd.MM.yyyy (Ukrainian usage); anything else unchanged."""
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[:4]}"
    return text


KYIV = ZoneInfo("Europe/Kyiv")


def kyiv_time(value: Any) -> str:
    """A stored UTC time (datetime or ISO text) as Kyiv local time with its zone."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return str(value or "")
    if moment.tzinfo is None:  # stored in UTC
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(KYIV)
    return f"{local:%d.%m.%Y %H:%M} {local.tzname()}"


def language_name(code: str) -> str:
    """The name of a document language for the page."""
    return translate(DOCUMENT_LANGUAGE_NAMES[code]) if code in DOCUMENT_LANGUAGE_NAMES else code


def action_name(action: str) -> str:
    """What an audit action means, for the page."""
    return translate(ACTION_NAMES[action]) if action in ACTION_NAMES else action


def template_title(template_id: str, lang: str) -> str:
    """A document's title in the page's language (its id if the catalog lacks it)."""
    try:
        return str(get_template(template_id).titles()[lang])
    except (NotFoundError, KeyError):
        return template_id


CYRILLIC = re.compile("[\u0400-\u04ff]")


@web_blueprint.app_template_filter()
def with_latin(name: str | None) -> str:
    """A name as an English page shows it: the Cyrillic, then its Latin spelling (KMU 55)."""
    text = name or ""
    if str(get_locale() or "uk") != "en" or not CYRILLIC.search(text):
        return text
    return f"{text} ({transliterate(text)})"


@web_blueprint.app_context_processor
def page_globals() -> dict[str, Any]:
    """What every page may use: the CSRF token, the language, the signed-in person, helpers."""
    return {
        "csrf_token": csrf_token,
        "page_lang": str(get_locale() or "uk"),
        "principal": signed_in(),
        "person_name": lambda person: with_latin(person_name(person)),
        "people_names": lambda people: "; ".join(
            with_latin(person_name(person)) for person in people
        ),
        "numeric_date": numeric_date,
        "language_name": language_name,
        "action_name": action_name,
        "template_title": template_title,
        "kyiv_time": kyiv_time,
        "field_label": lambda path: path_label(path, translate),
        "packet_error_label": packet_error_label,
        "suggestion_lists": lambda lang: suggestion_lists(lang, translate),
        "country_choices": lambda list_id, lang: country_choices(list_id, lang, translate),
    }


def storage() -> Storage:
    """The application's storage."""
    store: Storage = current_app.extensions["storage"]
    return store


def issuer() -> DocumentIssuer:
    """The application's issuer: the one way to make (or serve again) a stored document."""
    made: DocumentIssuer = current_app.extensions["issuer"]
    return made


def other_organisations(principal: Principal) -> list[dict[str, Any]]:
    """Organisations other than the person's own: whom documents may be shared with."""
    return [
        organisation
        for organisation in current_app.extensions["access"].list_organisations()
        if organisation["id"] != principal.organisation_id
    ]


def translate(msgid: str, **params: object) -> str:
    """Translate a message for the page's language (a `Message` brings its parameters)."""
    lang = str(get_locale() or "uk")
    if isinstance(msgid, Message):
        params = {**msgid.params_in(lang), **params}
    return gettext(msgid, lang, **params) if params else str(_(msgid))


def field_errors(error: DataValidationError, prefix: str = "data.") -> dict[str, list[str]]:
    """Field errors of a 422, keyed by form path, in the page's language."""
    return {
        path.removeprefix(prefix): [translate(message) for message in messages]
        for path, messages in error.errors.items()
    }


@web_blueprint.route("/login", methods=["GET", "POST"])
def login() -> str | BaseResponse:
    """Sign in with e-mail and password."""
    error = None
    if request.method == "POST":
        signed = users().sign_in(request.form.get("email", ""), request.form.get("password", ""))
        if signed is not None and signed.principal.role in SIGNS_IN:
            session.clear()
            session["user_id"] = signed.principal.id
            session["session_generation"] = signed.session_generation
            session.permanent = True
            target = request.args.get("next", "")
            safe = target.startswith("/") and not target.startswith("//")
            return redirect(target if safe else url_for("web.home"))
        error = translate(N_("The e-mail or the password is not right."))
    return render_template("login.html", error=error, email=request.form.get("email", ""))


@web_blueprint.post("/logout")
def logout() -> BaseResponse:
    """Sign out."""
    session.clear()
    return redirect(url_for("web.login"))


@web_blueprint.get("/language/<lang>")
def language(lang: str) -> BaseResponse:
    """Switch the pages' language (uk or en) and stay on the page."""
    if lang in ("uk", "en"):
        session["lang"] = lang
    target = request.args.get("next", "")
    return redirect(
        target if target.startswith("/") and not target.startswith("//") else url_for("web.cases")
    )


@web_blueprint.get("/")
@login_required(*SIGNS_IN)
def home() -> BaseResponse:
    """The start page: the case list, or for a partner the documents shared with them."""
    principal = signed_in()
    if principal is not None and principal.role == "partner":
        return redirect(url_for("web.shared"))
    return redirect(url_for("web.cases"))


@web_blueprint.get("/cases")
@login_required(*CASEWORK)
def cases(principal: Principal) -> str | BaseResponse:
    """Cases, newest change first; found by case number, surname (Ukrainian or Latin
    spelling) or a document's verification code; `mine=1` keeps the person's own."""
    query = request.args.get("q", "").strip()[:100]
    mine = request.args.get("mine") == "1"
    page = requested_page()
    number, code, surname = case_search(query)
    found, total = storage().cases.search(
        principal,
        surname=surname,
        number=number,
        document_code=code,
        created_by=principal.id if mine else None,
        page=page,
        per_page=PER_PAGE,
    )
    pages = page_count(total)
    if page > pages:  # the list got shorter since the link was made: its last page
        return redirect(
            url_for("web.cases", q=query or None, mine="1" if mine else None, page=pages)
        )
    return render_template(
        "cases.html", cases=found, query=query, mine=mine, page=page, pages=pages, total=total
    )


def case_search(typed: str) -> tuple[str | None, str | None, str | None]:
    """What a search text may be (any of them): a case number, a document's code, a surname."""
    if not typed:
        return None, None, None
    surname = typed if any(letter.isalpha() for letter in typed) else None
    return read_case_number(typed), normalise_code(typed), surname


def requested_page() -> int:
    """The page of a list asked for in the query (`page`); the first if it makes no sense."""
    try:
        return max(1, min(int(request.args.get("page", "1")), 100000))
    except ValueError:
        return 1


def page_count(total: int) -> int:
    """How many pages a list of `total` items fills (one, when empty)."""
    return max(1, -(-total // PER_PAGE))


def list_sizes(form: dict[str, str]) -> dict[str, int]:
    """How many items of each list the posted form has (children.3.x means at least 4)."""
    sizes: dict[str, int] = {}
    for name in form:
        parts = name.split(".")
        for position, part in enumerate(parts):
            index = list_index(part)
            if index is not None:
                key = ".".join(parts[:position])
                sizes[key] = max(sizes.get(key, 0), index + 1)
    return sizes


def render_case_form(
    values: dict[str, Any], errors: dict[str, list[str]], sizes: dict[str, int], case_id: str | None
) -> str:
    """The case form, filled and with its errors."""
    schema = CaseSchema()
    values = with_person_ids(values, sizes.get("people", 0))
    items = build_form(schema, values, errors, translate, list_sizes=sizes)
    directory = directory_choices(None)
    offer_institutions(items, directory, translate)
    offer_people(items, values, translate)
    return render_template(
        "case_form.html",
        items=items,
        parts=form_parts(items, still_needed(schema, values)),
        required_words=translate(N_("needed for documents")),
        required_enforced=False,
        directory=directory,
        directory_list=DIRECTORY_LIST,
        optional_parts=OPTIONAL_PARTS,
        case_id=case_id,
        has_errors=bool(errors),
        general_errors=errors.get("_schema", []) + errors.get("data", []),
    )


REMEMBERED = N_("«%(name)s» is added to the directory of institutions: the next case offers it.")


def add_to_directory(principal: Principal, organisation_id: str | None) -> AddInstitution:
    """Add a typed public body to the case's organisation's directory (None: it may not)."""

    def add(data: dict[str, Any]) -> tuple[str, bool] | None:
        try:
            institution, added = storage().institutions.find_or_add(
                data, principal=principal, organisation_id=organisation_id
            )
        except (DataValidationError, NotFoundError):
            return None
        return institution.id, added

    return add


def directory_choices(organisation_id: str | None) -> list[tuple[str, str]]:
    """(id, name) of the institutions the forms of a case offer (its organisation's)."""
    principal = signed_in()
    owner = organisation_id or (principal.organisation_id if principal else None)
    return storage().institutions.choices(owner)


def posted_case() -> tuple[dict[str, Any], dict[str, int]]:
    """The case data of the posted form, and its list sizes (add or remove a child)."""
    form = request.form.to_dict()
    sizes = list_sizes(form)
    items = build_form(CaseSchema(), {}, {}, translate, list_sizes=sizes)
    data = parse_form(form, checkbox_paths(items))
    action = request.form.get("_action", "")
    if action == "add_child":
        sizes["children"] = max(sizes.get("children", 1), len(data.get("children", []))) + 1
    elif action.startswith("remove_child:"):
        index = list_index(action.split(":", 1)[1])
        children = data.get("children", [])
        if index is not None and index < len(children):
            children.pop(index)
        sizes["children"] = max(1, len(children))
    elif action == "add_person":
        sizes["people"] = max(sizes.get("people", 1), len(data.get("people", []))) + 1
    elif action.startswith("remove_person:"):
        index = list_index(action.split(":", 1)[1])
        people = data.get("people", [])
        if index is not None and index < len(people):
            people.pop(index)
        sizes["people"] = max(1, len(people))
    return drop_blank_people(data), sizes


MOST_NEEDED_LISTED = 8


def flash_saved_case(data: dict[str, Any]) -> None:
    """Say the case is saved, and what its started parts still need for documents."""
    flash(translate(N_("The case is saved.")))
    needed = [path_label(path, translate) for path in still_needed(CaseSchema(), data)]
    if not needed:
        return
    shown = "; ".join(needed[:MOST_NEEDED_LISTED])
    if len(needed) > MOST_NEEDED_LISTED:
        more = translate(N_("and %(count)s more")) % {"count": len(needed) - MOST_NEEDED_LISTED}
        shown = f"{shown}; {more}"
    flash(translate(N_("For documents it still needs: %(fields)s.")) % {"fields": shown}, "warning")


@web_blueprint.route("/cases/new", methods=["GET", "POST"])
@login_required(*CASEWORK)
def new_case(principal: Principal) -> str | BaseResponse | tuple[str, int]:
    """Enter a family; errors appear beside their fields and nothing typed is lost."""
    if request.method == "GET":
        return render_case_form({}, {}, {}, None)
    data, sizes = posted_case()
    if request.form.get("_action"):
        return render_case_form(data, {}, sizes, None)
    try:
        case = storage().cases.create(data, principal=principal)
    except DataValidationError as error:
        return render_case_form(data, field_errors(error), sizes, None), 422
    refresh_plan(storage(), case)
    flash_saved_case(case.data)
    return redirect(url_for("web.case", case_id=case.id))


@web_blueprint.route("/cases/<case_id>/edit", methods=["GET", "POST"])
@login_required(*CASEWORK)
def edit_case(case_id: str, principal: Principal) -> str | BaseResponse | tuple[str, int]:
    """Change a case with the same form."""
    current = storage().cases.get(case_id, principal)
    if request.method == "GET":
        return render_case_form(current.data, {}, {}, case_id)
    data, sizes = posted_case()
    if request.form.get("_action"):
        return render_case_form(data, {}, sizes, case_id)
    replacement = {key: None for key in current.data if key != "template_data"} | data
    try:
        changed = storage().cases.update(case_id, replacement, principal=principal)
    except DataValidationError as error:
        return render_case_form(data, field_errors(error), sizes, case_id), 422
    refresh_plan(storage(), changed)
    flash_saved_case(changed.data)
    return redirect(url_for("web.case", case_id=case_id))


def case_warnings(data: dict[str, Any]) -> list[dict[str, str]]:
    """Warnings about a case (e.g. an RNOKPP of another birth date), to show, not to block."""
    schema = CaseSchema()
    try:
        loaded = schema.load(data, partial=True)
    except ValidationError:
        return []
    return [
        {
            "path": item.path,
            "message": translate(item.message) % item.params
            if item.params
            else translate(item.message),
        }
        for item in collect_warnings(schema, loaded)
    ]


@web_blueprint.get("/cases/<case_id>")
@login_required(*CASEWORK)
def case(case_id: str) -> str:
    """A case: its plan, people, documents, history, and the forms to make documents."""
    return render_case_page(case_id)


def actor_names(actor_ids: set[str]) -> dict[str, str]:
    """Who did something, as a person reads it: a user's e-mail, an API client's name."""
    names = users().emails(actor_ids)
    unnamed = actor_ids - names.keys()
    if unnamed:
        for token in current_app.extensions["access"].list_tokens():
            if token["id"] in unnamed:
                name = translate(N_("API client “%(name)s”"))
                names[token["id"]] = name % {"name": token["name"]}
    return names


def packet_error_label(path: str, children: list[dict[str, Any]]) -> str:
    """A packet's error path as words: "medical.referral[<child's id>].facility" → the
    document's title (the child's name) › the field's label."""
    found = PACKET_PATH.match(path)
    if found is None:
        return path_label(path, translate)
    shown = template_title(found["template"], str(get_locale() or "uk"))
    if found["child"]:
        child = next((c for c in children if c.get("id") == found["child"]), None)
        gone = translate(N_("a child no longer in the case"))
        shown += f" ({person_name(child) if child else gone})"
    if found["field"]:
        shown += " › " + path_label(found["field"], translate)
    return shown


def render_case_page(case_id: str, **extra: Any) -> str:
    """The case page; `extra` carries a step form posted with errors (service/web/plans.py)."""
    principal = signed_in_principal()
    found = storage().cases.get(case_id, principal)
    documents = storage().archive.list_for_case(case_id, principal)
    with storage().database.session() as db:
        history = list_events(db, case_id=case_id, limit=200)
    emails = actor_names({event["actor"] for event in history} | {found.created_by})
    errors = session.pop("document_errors", None)
    return render_template(
        "case.html",
        case=found,
        documents=documents,
        history=history,
        emails=emails,
        warnings=case_warnings(found.data),
        templates=list_templates(),
        languages=DOCUMENT_LANGUAGES,
        formats=FORMATS,
        document_errors=errors,
        preview=find_preview(request.args.get("preview"), principal),
        organisations=other_organisations(principal),
        step_form=extra.get("step_form"),
        note_form=extra.get("note_form"),
    )


@web_blueprint.post("/cases/<case_id>/documents")
@login_required(*CASEWORK)
def make_document(case_id: str, principal: Principal) -> BaseResponse:
    """Make one document from the case; what it still lacks is shown on the case page."""
    found = storage().cases.get(case_id, principal)
    template_id = request.form.get("template", "")
    lang = request.form.get("lang", "uk")
    fmt = request.form.get("format", "pdf")
    child_id = request.form.get("child_id") or None
    try:
        spec = get_template(template_id)
        lookup = storage().institutions.lookup_for(principal, found.organisation_id)
        data = build_document_data(storage(), found, spec, child_id, None, lookup=lookup)
        untranslated = [
            warning
            for warning in issuer().validate(spec.id, data, lang).warnings
            if warning.message == UNTRANSLATED
        ]
        if untranslated and not request.form.get("untranslated_ok"):
            # Said before the document is made, not after: give the English, or confirm.
            session["document_errors"] = {
                "template": template_id,
                "untranslated": {"lang": lang, "format": fmt, "child_id": child_id or ""},
                "errors": [
                    [item.path, [translate(item.message, **item.params)]] for item in untranslated
                ],
            }
            return redirect(url_for("web.case", case_id=case_id) + "#documents")
        issued = issuer().issue(
            spec.id, data, lang, fmt, principal=principal, case=found, child_id=child_id
        )
    except DataValidationError as error:
        session["document_errors"] = {
            "template": template_id,
            "errors": [
                [path, [translate(m) for m in messages]] for path, messages in error.errors.items()
            ],
        }
        return redirect(url_for("web.case", case_id=case_id) + "#documents")
    except NotApplicableError as refusal:
        lang_shown = str(get_locale() or "uk")
        session["document_errors"] = {
            "template": template_id,
            "refused": [
                [item["fact"][lang_shown], item["rule"][lang_shown]]
                for item in refusal.extra_members()["refusals"]
            ],
        }
        return redirect(url_for("web.case", case_id=case_id) + "#documents")
    preview = issued.metadata.id if fmt == "pdf" else None
    return redirect(url_for("web.case", case_id=case_id, preview=preview) + "#documents")


@web_blueprint.get("/documents/<document_id>/<disposition>")
@login_required(*SIGNS_IN)
def document_file(document_id: str, disposition: str, principal: Principal) -> Response:
    """A document's bytes: `preview` shows a PDF in the page, `download` saves the file."""
    metadata, content = storage().archive.download(document_id, principal)
    response = Response(content, mimetype=metadata.media_type)
    kind = "inline" if disposition == "preview" and metadata.format == "pdf" else "attachment"
    response.headers["Content-Disposition"] = f'{kind}; filename="{metadata.filename}"'
    response.headers["X-Content-SHA256"] = metadata.sha256
    return response


def packet_choices() -> dict[str, Any]:
    """Whom, which documents, languages and formats the packet form chose (the API's choice)."""
    people = [person for person in request.form.getlist("child_ids") if person]
    if request.form.get("children_chosen") and not people:
        raise DataValidationError({"child_ids": [N_("Choose at least one person.")]})
    templates = [t for t in request.form.getlist("documents") if t]
    if not templates:
        raise DataValidationError({"documents": [N_("Choose between 1 and 24 documents.")]})
    langs = [lang for lang in request.form.getlist("langs") if lang in DOCUMENT_LANGUAGES]
    formats = [fmt for fmt in request.form.getlist("formats") if fmt in FORMATS]
    return {
        "child_ids": people or None,
        "documents": list(dict.fromkeys(templates)),
        "langs": langs or ["uk"],
        "formats": formats or ["pdf"],
    }


@web_blueprint.post("/cases/<case_id>/packet")
@login_required(*CASEWORK)
def packet(case_id: str, principal: Principal) -> Response | BaseResponse:
    """The chosen documents of the chosen people's plans, in a ZIP with a merged PDF."""
    try:
        chosen = packet_choices()
        found = storage().cases.get(case_id, principal)
        selection = select_packet(storage(), found, chosen["documents"], chosen["child_ids"])
        built = issuer().packets.build(
            case_id,
            outcomes=outcome_source(storage().plans, found),
            pairs=selection.pairs,
            left_out=selection.left_out,
            langs=chosen["langs"],
            formats=chosen["formats"],
            principal=principal,
        )
    except DataValidationError as error:
        session["document_errors"] = {
            "template": "packet",
            "errors": [
                [path, [translate(m) for m in messages]] for path, messages in error.errors.items()
            ],
        }
        return redirect(url_for("web.case", case_id=case_id) + "#packet")
    response = Response(built.content, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


@web_blueprint.post("/cases/<case_id>/packet/job")
@login_required(*CASEWORK)
def packet_job(case_id: str, principal: Principal) -> tuple[Response, int]:
    """Start rendering a packet's documents in the background, for the page to show progress.

    The page then posts the packet form itself, which finds every document in the store.
    Any refusal answers 422 and the page falls back to that form alone (with its errors).
    """
    try:
        request_data = {"case_id": case_id, **packet_choices()}
        job = current_app.extensions["jobs"].create(
            "packet", request_data, principal=principal, webhook_url=None
        )
    except ServiceError:
        return jsonify(started=False), 422
    return jsonify(started=True, progress_url=url_for("web.job_progress", job_id=job.id)), 202


@web_blueprint.get("/jobs/<job_id>")
@login_required(*CASEWORK)
def job_progress(job_id: str, principal: Principal) -> Response:
    """How far a background job has come: counts only, never a name."""
    job = current_app.extensions["jobs"].get(job_id, principal)
    return jsonify(state=job.state, done=job.done, failed=job.failed, total=job.total)


@web_blueprint.get("/places")
@login_required(*CASEWORK)
def places(principal: Principal) -> Response:
    """Settlements whose names begin with `q`, for the place picker of the forms."""
    typed = (request.args.get("q") or "")[:100]
    found = suggest_places(typed, 15) if len(typed.strip()) >= 2 else []
    lang = str(get_locale() or "uk")
    return jsonify(
        places=[
            {"katottg": place.katottg, "line": place.line if lang == "uk" else place.line_en}
            for place in found
        ]
    )


# What the case holds (its people, the child's certificates, the other children), so a
# document's own data page does not ask it again.
CASE_KEYS = set(CaseSchema().fields) | {"child", "patient", *CERTIFICATES, "other_children"}


class DocumentDataSchemaView:
    """The part of a template's schema that a case does not hold (court, evidence, ...)."""

    def __init__(self, template_id: str) -> None:
        self.spec = get_template(template_id)
        schema = self.spec.schema()
        self.names = [name for name in schema.fields if name not in CASE_KEYS]
        self.schema = self.spec.schema(only=self.names) if self.names else None

    def check(
        self, values: dict[str, Any], translate: Any, lookup: Any = None
    ) -> dict[str, list[str]]:
        """Check each part on its own (the document's cross-field rules need the case too);
        an institution chosen from the directory is checked as the directory has it."""
        if self.schema is None:
            return {}
        messages: dict[str, Any] = {}
        try:
            values = resolve_for_check(values, lookup)
        except DataValidationError as error:
            return {path: [translate(m) for m in found] for path, found in error.errors.items()}
        for name in self.names:
            if name in values:
                try:
                    self.schema.fields[name].deserialize(values[name])
                except ValidationError as error:
                    messages[name] = error.messages
        return {
            path: [translate(message) for message in found]
            for path, found in flatten_errors(messages).items()
        }

    def check_with_case(
        self, case: CaseView, values: dict[str, Any], lookup: InstitutionLookup | None
    ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Check the document as generation would, with the case, for each of its people.

        Returns the errors in this form's fields (they keep it from being saved, with the
        messages generation gives) and what the case itself still lacks (only shown).
        """
        template_data = dict(case.data.get("template_data") or {})
        template_data[self.spec.id] = values
        as_saved = dataclasses.replace(case, data={**case.data, "template_data": template_data})
        people: list[str | None] = [child.get("id") for child in case.data.get("children") or []]
        if any(rule.template == self.spec.id for rule in MOTHER_RULES):
            people = [MOTHER]
        # Checked for the children whose plan has the document (their evidence, their
        # certificates differ); for every child when no plan names it.
        planned = {
            step.person
            for step in storage().plans.steps(case.id)
            if step.applies and step.template_id == self.spec.id
        }
        people = [person for person in people if person in planned] or people
        form_errors: dict[str, list[str]] = {}
        case_needs: dict[str, list[str]] = {}
        for person in people:
            try:
                data = build_document_data(
                    storage(), as_saved, self.spec, person, None, lookup=lookup
                )
                self.spec.data_schema().load(data)
            except ValidationError as error:
                found = flatten_errors(error.messages)
            except DataValidationError as error:
                found = error.errors
            else:
                continue
            for path, messages in found.items():
                target = form_errors if path.split(".")[0] in self.names else case_needs
                for message in messages:
                    shown = translate(message)
                    if shown not in target.setdefault(path, []):
                        target[path].append(shown)
        return form_errors, case_needs


@web_blueprint.route("/cases/<case_id>/data/<template_id>", methods=["GET", "POST"])
@login_required(*CASEWORK)
def document_data(
    case_id: str, template_id: str, principal: Principal
) -> BaseResponse | tuple[str, int]:
    """What one document needs beyond the case (a court, evidence), kept with the case."""
    found = storage().cases.get(case_id, principal)
    view = DocumentDataSchemaView(template_id)
    saved = (found.data.get("template_data") or {}).get(view.spec.id, {})
    values, errors, sizes = saved, {}, {}
    directory = directory_choices(found.organisation_id)
    case_needs: dict[str, list[str]] = {}
    if request.method == "GET" and view.schema is not None:
        lookup = storage().institutions.lookup_for(principal, found.organisation_id)
        case_needs = view.check_with_case(found, saved, lookup)[1]
    if request.method == "POST" and view.schema is not None:
        form = request.form.to_dict()
        sizes = list_sizes(form)
        items = build_form(view.schema, {}, {}, translate, list_sizes=sizes)
        values = link_institutions(parse_form(form, checkbox_paths(items)), directory)
        action = request.form.get("_action", "")
        if action.startswith("add:"):
            key = action.split(":", 1)[1]
            sizes[key] = max(sizes.get(key, 1), len(values.get(key, []))) + 1
        else:
            lookup = storage().institutions.lookup_for(principal, found.organisation_id)
            errors = view.check(values, translate, lookup)
            if not errors:
                errors, case_needs = view.check_with_case(found, values, lookup)
            if not errors:
                remembered = remember_institutions(
                    values, add_to_directory(principal, found.organisation_id)
                )
                template_data = dict(found.data.get("template_data") or {})
                template_data[view.spec.id] = values
                changed = storage().cases.update(
                    case_id, {"template_data": template_data}, principal=principal
                )
                refresh_plan(storage(), changed)
                flash(translate(N_("The case is saved.")))
                for name in remembered:
                    flash(translate(REMEMBERED) % {"name": name})
                return redirect(url_for("web.case", case_id=case_id) + "#documents")
    items = (
        build_form(view.schema, values, errors, translate, list_sizes=sizes) if view.schema else []
    )
    offer_institutions(items, directory, translate)
    if "other_children" in view.spec.schema().fields:
        items.append(other_children_field(found.data, values, errors, translate))
    return render_template(
        "document_data.html",
        items=items,
        directory=directory,
        directory_list=DIRECTORY_LIST,
        case=found,
        spec=view.spec,
        has_errors=bool(errors),
        case_needs=[
            (path_label(path, translate), " ".join(messages))
            for path, messages in case_needs.items()
        ],
        list_paths=[
            (item.path, add_label(item))
            for item in items
            if isinstance(item, FormGroup)
            and any(
                isinstance(inner, FormGroup) and inner.index is not None for inner in item.items
            )
        ],
    ), (422 if errors else 200)


def add_label(group: FormGroup) -> str:
    """What a list's "add" button adds, by name and number: "Add: Evidence 3"."""
    count = sum(
        1 for inner in group.items if isinstance(inner, FormGroup) and inner.index is not None
    )
    shown = item_label(group.path.rsplit(".", 1)[-1], count, translate)
    return translate(N_("Add: %(item)s"), item=shown)
