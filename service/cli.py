"""Command line: `flask --app wsgi render ...`, `flask --app wsgi templates list|show`."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup, run_command, with_appcontext

from service.access.tokens import AccessConfigurationError, AccessStore
from service.access.users import UserStore
from service.casework import present_plan, read_plan, refresh_plan
from service.config import PROJECT_ROOT, parse_age
from service.directory import (
    SeedFileError,
    load_seed,
    read_institutions_csv,
    seed_directory,
    seed_empty_directories,
)
from service.documents import (
    DOCUMENT_LANGUAGES,
    FORMATS,
    DocumentPipeline,
    describe_template,
    get_template,
    list_templates,
)
from service.errors import (
    DataValidationError,
    MalformedRequestError,
    NotFoundError,
    ServiceError,
    build_problem,
    translate_message,
)
from service.i18n import N_
from service.issuing import DocumentIssuer
from service.issuing.store_check import check_store
from service.principal import ROLES, Principal
from service.reminders import (
    MailConfigurationError,
    MailServerError,
    kyiv_today,
    load_smtp_settings,
    send_digests,
)
from service.storage import (
    DATABASE_STORE,
    DOCUMENT_STORES,
    FILESYSTEM_STORE,
    Storage,
    ensure_key_file,
    ensure_secret_file,
)
from service.storage.audit import record_event
from service.storage.crypto import (
    KeyConfigurationError,
    generate_key,
    key_id,
    read_keys,
    write_key_file,
)
from service.storage.key_rotation import DEFAULT_BATCH, LEGACY, Reencryption, count_usage
from service.storage.store_migration import move_documents
from service.ukrainian.institutions import derive_institution_forms
from service.verification import create_development_identity, signing_settings
from service.verification.rules import ERASURE_REASONS

EXIT_INVALID_INPUT = 2

templates_cli = AppGroup("templates", help="Inspect the document catalog.")


def print_json(value: Any) -> None:
    """Print a value as indented UTF-8 JSON."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def fail_with_problem(error: ServiceError, instance: str) -> None:
    """Print the problem+json of an error on stdout and exit with status 2."""
    print_json(build_problem(error, instance=instance, request_id=uuid.uuid4().hex, lang="uk"))
    sys.exit(EXIT_INVALID_INPUT)


@templates_cli.command("list")
def list_command() -> None:
    """Print every template: id, titles, version, languages, formats."""
    print_json({"templates": [describe_template(spec) for spec in list_templates()]})


@templates_cli.command("show")
@click.argument("template_id")
def show_command(template_id: str) -> None:
    """Print one template with the JSON Schema of its data and a complete example."""
    try:
        print_json(describe_template(get_template(template_id), detail=True))
    except ServiceError as error:
        fail_with_problem(error, f"cli:templates show {template_id[:100]}")


@templates_cli.command("lint")
@click.argument("template_ids", nargs=-1)
def lint_command(template_ids: tuple[str, ...]) -> None:
    """Check templates: split tags, unknown variables, missing glyphs, their legal sources."""
    from service.documents.lint import lint_template

    pipeline: DocumentPipeline = current_app.extensions["document_pipeline"]
    specs = [get_template(one) for one in template_ids] if template_ids else list_templates()
    report = []
    for spec in specs:
        problems = lint_template(
            spec,
            current_app.config["TEMPLATES_DOCX_DIR"],
            current_app.config["TEMPLATES_PDF_DIR"],
            pipeline.pdf.render_html,
            [spec.load_example()],
            sources_dir=PROJECT_ROOT / "docs" / "legal",
        )
        report.append({"id": spec.id, "problems": [problem.as_dict() for problem in problems]})
    print_json({"templates": report})
    if any(entry["problems"] for entry in report):
        sys.exit(1)


@templates_cli.command("fingerprints")
@click.option("--record", is_flag=True, help="Write the fingerprints (after raising a version).")
def fingerprints_command(record: bool) -> None:
    """Check that no template's files changed under a version already given."""
    from service.documents import fingerprints

    docx_dir = current_app.config["TEMPLATES_DOCX_DIR"]
    pdf_dir = current_app.config["TEMPLATES_PDF_DIR"]
    changed = fingerprints.changed_without_new_version(docx_dir, pdf_dir)
    if changed:
        click.echo(f"Changed without a new version (raise it first): {', '.join(changed)}")
        sys.exit(1)
    if record:
        fingerprints.record_fingerprints(docx_dir, pdf_dir)
    missing = fingerprints.unrecorded(docx_dir, pdf_dir)
    if missing:
        click.echo(f"Not recorded yet (run with --record): {', '.join(missing)}")
        sys.exit(1)
    click.echo("Every template's fingerprint matches its version.")


def write_atomically(path: Path, content: bytes) -> None:
    """Write a file under a temporary name, flush it, then rename: never a partial file."""
    path = path.resolve()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command("render")
@click.argument("template_id")
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON file with the template's data ('-' for stdin).",
)
@click.option("--lang", type=click.Choice(DOCUMENT_LANGUAGES), default="uk", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def render_command(template_id: str, data_path: Path, lang: str, fmt: str, output: Path) -> None:
    """Render one document to a file; invalid data prints a problem and exits with 2."""
    instance = f"cli:render {template_id[:100]}"
    pipeline: DocumentPipeline = current_app.extensions["document_pipeline"]
    try:
        raw = sys.stdin.read() if str(data_path) == "-" else data_path.read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        fail_with_problem(
            MalformedRequestError(N_("The data file is not readable JSON.")), instance
        )
    try:
        document = pipeline.render(template_id, data, lang, fmt)
    except ServiceError as error:
        fail_with_problem(error, instance)
    write_atomically(output, document.content)
    click.echo(
        json.dumps(
            {"output": str(output), "sha256": document.sha256, "bytes": len(document.content)}
        ),
        err=True,
    )


db_cli = AppGroup("db", help="The database schema.")
keys_cli = AppGroup("keys", help="The data encryption keys: init, rotate, reencrypt, retire, list.")


@db_cli.command("upgrade")
def db_upgrade_command() -> None:
    """Bring the database schema to the latest migration."""
    storage: Storage = current_app.extensions["storage"]
    storage.database.upgrade()
    click.echo("database at the latest migration", err=True)


@keys_cli.command("init")
def keys_init_command() -> None:
    """Create the development data key under var/ if there is none (and no PAPERWORK_DATA_KEYS)."""
    init_signing_identity()
    if current_app.config["DATA_KEYS"]:
        click.echo("PAPERWORK_DATA_KEYS is set: no key file needed", err=True)
        return
    path = current_app.config["DATA_KEY_FILE"]
    made = ensure_key_file(path)
    click.echo(f"{'created' if made else 'kept'} {path}", err=True)
    secret = Path(current_app.config["VAR_DIR"]) / "secret.key"
    made = ensure_secret_file(secret)
    click.echo(f"{'created' if made else 'kept'} {secret}", err=True)


def data_keys() -> list[bytes]:
    """The configured data keys, newest first (exits with a clear message if there are none)."""
    try:
        return read_keys(current_app.config["DATA_KEYS"], current_app.config["DATA_KEY_FILE"])
    except KeyConfigurationError as error:
        raise click.ClickException(str(error)) from None


def save_data_keys(keys: list[bytes]) -> None:
    """Write the keys into the key file, or say what to set PAPERWORK_DATA_KEYS to."""
    if current_app.config["DATA_KEYS"]:
        click.echo(
            "PAPERWORK_DATA_KEYS is set, so no file was changed: set it, on every machine, to",
            err=True,
        )
        click.echo(f"PAPERWORK_DATA_KEYS={','.join(key.decode('ascii') for key in keys)}")
        return
    path = current_app.config["DATA_KEY_FILE"]
    write_key_file(path, keys)
    click.echo(f"wrote {path}", err=True)


@keys_cli.command("rotate")
def keys_rotate_command() -> None:
    """Add a new data key first: new values are encrypted with it, the others still decrypt.

    Then restart every process that reads the keys and run `keys reencrypt`.
    """
    storage: Storage = current_app.extensions["storage"]
    keys = data_keys()
    # The keys of verification codes and link tokens, stored under the keys in force
    # before they change: links and codes made so far keep working.
    storage.purpose_keys.ensure_all()
    new = generate_key()
    save_data_keys([new, *keys])
    with storage.database.connection() as connection:
        record_event(connection, "key_rotated", "cli", key=key_id(new), keys=len(keys) + 1)
    click.echo(
        f"new key {key_id(new)} encrypts from now on. Restart every process that reads the "
        "keys (gunicorn, Celery workers), then run `flask --app wsgi keys reencrypt`.",
        err=True,
    )


@keys_cli.command("list")
def keys_list_command() -> None:
    """Print each data key's id and how many values and files still use it."""
    storage: Storage = current_app.extensions["storage"]
    ids = [key_id(key) for key in data_keys()]
    usage = count_usage(storage.database, storage.documents_dir)
    listed: list[dict[str, Any]] = []
    for position, identifier in enumerate(ids, start=1):
        values, files = usage.of(identifier)
        listed.append(
            {
                "id": identifier,
                "position": position,
                "encrypts_new_values": position == 1,
                "values": values,
                "files": files,
            }
        )
    unknown = usage.key_ids() - {*ids, LEGACY}
    for identifier in sorted(unknown):
        values, files = usage.of(identifier)
        listed.append({"id": identifier, "configured": False, "values": values, "files": files})
    legacy_values, legacy_files = usage.of(LEGACY)
    print_json(
        {
            "keys": listed,
            # Fernet tokens from before December 2026 name no key: `reencrypt` rewrites them.
            "fernet_tokens": {"values": legacy_values, "files": legacy_files},
            "by_column": {
                column: dict(counts) for column, counts in usage.values.items() if counts
            },
            "to_reencrypt": usage.needing_work(ids[0]),
        }
    )
    if unknown:
        click.echo(
            f"some values or files are encrypted with keys that are not configured: "
            f"{', '.join(sorted(unknown))}",
            err=True,
        )


@keys_cli.command("reencrypt")
@click.option("--batch-size", default=DEFAULT_BATCH, show_default=True, type=click.IntRange(1))
def keys_reencrypt_command(batch_size: int) -> None:
    """Rewrite every encrypted value and file under the newest key, checking each one.

    Batched (a short transaction each) and resumable: run it again after an interruption;
    what is already under the newest key is skipped. Exits 1 while anything could not be
    read or did not match its address (named in the summary).
    """
    storage: Storage = current_app.extensions["storage"]
    cipher = storage.cipher
    started = time.monotonic()
    total = count_usage(storage.database, storage.documents_dir).needing_work(cipher.key_ids[0])
    run = Reencryption(storage.database, storage.documents_dir, cipher, batch_size=batch_size)
    with click.progressbar(length=total, label="re-encrypting", file=sys.stderr) as bar:
        run.run(progress=bar.update)
    usage = count_usage(storage.database, storage.documents_dir)
    still = {
        identifier: dict(zip(("values", "files"), usage.of(identifier), strict=True))
        for identifier in cipher.key_ids[1:]
    }
    print_json(
        {
            "key": cipher.key_ids[0],
            **run.report.as_dict(),
            "seconds": round(time.monotonic() - started, 1),
            "older_keys_still_used_by": still,
            "to_reencrypt": usage.needing_work(cipher.key_ids[0]),
        }
    )
    if not run.report.complete:
        click.echo("some values or files could not be re-encrypted: see the summary", err=True)
        sys.exit(1)
    free = [identifier for identifier, used in still.items() if not any(used.values())]
    if free and usage.of(LEGACY) == (0, 0):
        click.echo(f"nothing needs {', '.join(free)} any more: `keys retire` it", err=True)


@keys_cli.command("retire")
@click.argument("old_key_id")
def keys_retire_command(old_key_id: str) -> None:
    """Remove an old data key (its id from `keys list`), refused while anything needs it."""
    storage: Storage = current_app.extensions["storage"]
    keys = data_keys()
    wanted = old_key_id.strip().lower()
    matching = [key for key in keys if len(wanted) >= 6 and key_id(key).startswith(wanted)]
    if len(matching) != 1:
        raise click.UsageError(
            f"{'several keys' if matching else 'no configured key'} with the id {old_key_id!r}:"
            " give the id `keys list` shows"
        )
    old = matching[0]
    if old == keys[0]:
        click.echo(
            f"refused: {key_id(old)} is the key that encrypts new values; "
            "`keys rotate` first, then `keys reencrypt`",
            err=True,
        )
        sys.exit(1)
    usage = count_usage(storage.database, storage.documents_dir)
    values, files = usage.of(key_id(old))
    legacy_values, legacy_files = usage.of(LEGACY)
    if values or files or legacy_values or legacy_files:
        legacy = (
            f" (and {legacy_values + legacy_files} older Fernet tokens, which any key may have "
            "made)"
            if legacy_values or legacy_files
            else ""
        )
        click.echo(
            f"refused: key {key_id(old)} is still needed by {values} values and {files} "
            f"files{legacy}: run `flask --app wsgi keys reencrypt` first",
            err=True,
        )
        sys.exit(1)
    save_data_keys([key for key in keys if key != old])
    with storage.database.connection() as connection:
        record_event(connection, "key_retired", "cli", key=key_id(old), keys=len(keys) - 1)
    click.echo(f"retired {key_id(old)}: restart every process that reads the keys", err=True)


def init_signing_identity() -> None:
    """Create a self-signed development signing certificate under var/ unless one is configured."""
    if current_app.config["SIGNING_P12"]:
        click.echo("PAPERWORK_SIGNING_P12 is set: no development certificate needed", err=True)
        return
    path = signing_settings(current_app.config).p12_path
    made = create_development_identity(path, current_app.config["SIGNING_P12_PASSWORD"])
    click.echo(
        f"{'created' if made else 'kept'} {path} (development signing certificate)", err=True
    )


def parse_age_option(text: str) -> timedelta:
    """Read an age option like 365d or 48h."""
    try:
        return parse_age(text)
    except ValueError:
        raise click.BadParameter("use a number of days or hours, e.g. 365d or 48h") from None


@click.command("purge")
@with_appcontext
@click.option(
    "--older-than", "older_than", default=None, help="e.g. 365d: cases unchanged that long"
)
def purge_command(older_than: str | None) -> None:
    """Delete old cases, and documents made without a case past PAPERWORK_RENDER_RETENTION,
    with their files, previews and jobs (as erasure does); then sweep unneeded files."""
    storage: Storage = current_app.extensions["storage"]
    report = storage.erasure.purge(
        cases_older_than=parse_age_option(older_than) if older_than else None,
        renders_older_than=current_app.config["RENDER_RETENTION"],
        actor="cli",
    )
    print_json(report.as_dict())


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the surname search terms of every case at once (after an upgrade that changes
    them; `keys reencrypt` rebuilds each case's terms with its data)."""
    storage: Storage = current_app.extensions["storage"]
    print_json({"cases": storage.cases.reindex(actor="cli")})


documents_cli = AppGroup(
    "documents", help="Issued documents: where their bytes are kept, and a check of the store."
)


@documents_cli.command("verify-store")
def verify_store_command() -> None:
    """Read every document back: its bytes are there, match their SHA-256 and their seal, and
    a PDF's signature verifies. Prints a JSON report; exits 1 on any fault (for monitoring)."""
    storage: Storage = current_app.extensions["storage"]
    issuer: DocumentIssuer = current_app.extensions["issuer"]
    total = storage.archive.count()
    with click.progressbar(length=total, label="documents", file=sys.stderr) as bar:
        report = check_store(storage, issuer.signer, progress=bar.update)
    print_json(report.as_dict())
    if not report.healthy:
        click.echo("the store has faults: see missing, damaged, seal_mismatch", err=True)
        sys.exit(1)


@documents_cli.command("migrate-store")
@click.option("--to", "target", type=click.Choice(DOCUMENT_STORES), required=True)
def migrate_store_command(target: str) -> None:
    """Move every document's (and evidence file's) bytes into the database or into files,
    checking each SHA-256.

    Resumable: run it again after an interruption. Prints a JSON report; exits 1 while any
    document's bytes are missing or damaged (they are named, and left where they are).
    """
    storage: Storage = current_app.extensions["storage"]
    source = FILESYSTEM_STORE if target == DATABASE_STORE else DATABASE_STORE
    hashes = storage.archive.stored_hashes() + storage.evidence.stored_hashes()
    report = move_documents(hashes, storage.store_named(source), storage.store_named(target))
    print_json(
        {
            "from": source,
            "to": target,
            "documents": len(hashes),
            "moved": report.moved,
            "already_there": report.already_there,
            "missing": report.missing,
            "damaged": report.damaged,
        }
    )
    if not report.complete:
        click.echo("some bytes could not be moved: see missing and damaged", err=True)
        sys.exit(1)
    click.echo(
        f"every document is in the {target} store: set PAPERWORK_DOCUMENT_STORE={target}", err=True
    )


tokens_cli = AppGroup("tokens", help="API tokens: create (shown once), list, revoke.")
orgs_cli = AppGroup("orgs", help="Organisations.")


def access_store() -> AccessStore:
    """The application's organisations and tokens."""
    store: AccessStore = current_app.extensions["access"]
    return store


@orgs_cli.command("create")
@click.option("--name", required=True)
@click.option(
    "--empty-directory",
    is_flag=True,
    help="Leave its directory of institutions empty (by default it starts with the seed)",
)
def orgs_create_command(name: str, empty_directory: bool) -> None:
    """Add an organisation; prints it as JSON: {"id": ..., "name": ..., "institutions": N}.

    Its directory of institutions starts with the shipped seed (docs/institutions.md).
    """
    organisation_id = access_store().create_organisation(name)
    added = 0
    if not empty_directory:
        storage: Storage = current_app.extensions["storage"]
        added = seed_directory(storage, organisation_id).added
    print_json({"id": organisation_id, "name": name, "institutions": added})


@orgs_cli.command("list")
def orgs_list_command() -> None:
    """List organisations."""
    print_json({"organisations": access_store().list_organisations()})


@tokens_cli.command("create")
@click.option(
    "--user",
    "user_email",
    default=None,
    help="E-mail of the person the token is for (it has their role and organisation, and "
    "stops working when they are disabled); without it, a system token that belongs to no one",
)
@click.option("--role", type=click.Choice(ROLES), default=None, help="Required without --user")
@click.option(
    "--name", default=None, help="What the token is for, e.g. crm (required without --user)"
)
@click.option("--organisation", "organisation_id", default=None, help="Organisation id")
def tokens_create_command(
    user_email: str | None, role: str | None, name: str | None, organisation_id: str | None
) -> None:
    """Create a token; it is printed once, as the last word of the last line."""
    user_id = None
    if user_email is not None:
        user_id = user_store().find(user_email)
        if user_id is None:
            raise click.UsageError("no such user")
    elif role is None or not name:
        raise click.UsageError("a system token needs --role and --name (or give --user EMAIL)")
    try:
        token_id, token = access_store().create_token(
            role=role, name=name or "personal", organisation_id=organisation_id, user_id=user_id
        )
    except AccessConfigurationError as error:
        raise click.UsageError(str(error)) from None
    owner = f"user {user_id}" if user_id else "system"
    click.echo(f"token id: {token_id} ({owner}); keep the token now, it is not stored:")
    click.echo(f"token: {token}")


@tokens_cli.command("list")
def tokens_list_command() -> None:
    """List tokens with their owner (an e-mail, or "system"), never the tokens themselves."""
    print_json({"tokens": access_store().list_tokens()})


@tokens_cli.command("revoke")
@click.argument("token_id")
def tokens_revoke_command(token_id: str) -> None:
    """Revoke a token by its id."""
    if not access_store().revoke_token(token_id):
        raise click.UsageError("no such token")
    click.echo(f"revoked {token_id}", err=True)


users_cli = AppGroup(
    "users", help="People who sign in to the caseworker pages: create, list, disable, enable."
)


def user_store() -> UserStore:
    """The application's users."""
    store: UserStore = current_app.extensions["users"]
    return store


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(("caseworker", "partner", "admin")), required=True)
@click.option("--organisation", "organisation_id", default=None, help="Organisation id")
@click.password_option(
    envvar="PAPERWORK_USER_PASSWORD",
    help="At least 12 characters; or the variable PAPERWORK_USER_PASSWORD (which stays out "
    "of the shell history); asked for twice, unechoed, when both are left out",
)
def users_create_command(email: str, role: str, organisation_id: str | None, password: str) -> None:
    """Add a person who signs in with e-mail and password."""
    try:
        user_id = user_store().create_user(
            email=email, password=password, role=role, organisation_id=organisation_id
        )
    except AccessConfigurationError as error:
        raise click.UsageError(str(error)) from None
    print_json({"id": user_id, "email": email, "role": role})


@users_cli.command("list")
def users_list_command() -> None:
    """List users: e-mail, role, organisation, when disabled, how many live tokens."""
    print_json({"users": user_store().list_users()})


@users_cli.command("disable")
@click.argument("email")
def users_disable_command(email: str) -> None:
    """Disable a person: their page sessions end and their API tokens are revoked, at once."""
    user_id = user_store().find(email)
    if user_id is None:
        raise click.UsageError("no such user")
    change = user_store().disable(user_id, actor=CLI_PRINCIPAL.id)
    print_json({"id": user_id, "disabled": True, "tokens_revoked": change.tokens_revoked})


@users_cli.command("enable")
@click.argument("email")
def users_enable_command(email: str) -> None:
    """Let a disabled person sign in again; their revoked tokens stay revoked (make new ones)."""
    user_id = user_store().find(email)
    if user_id is None:
        raise click.UsageError("no such user")
    change = user_store().enable(user_id, actor=CLI_PRINCIPAL.id)
    print_json({"id": user_id, "disabled": False, "changed": change.changed})


institutions_cli = AppGroup("institutions", help="The directory of institutions (public bodies).")
CLI_PRINCIPAL = Principal("cli", "admin", None)


@institutions_cli.command("import")
@click.argument("csv_path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--organisation", "organisation_id", default=None, help="Organisation id")
@click.option("--all", "every", is_flag=True, help="Into every organisation")
def institutions_import_command(csv_path: Path, organisation_id: str | None, every: bool) -> None:
    """Add or update every institution of a UTF-8 CSV file, or none if any row is wrong (exit 2).

    Columns: kind,name,name_dative,name_genitive,name_en,edrpou,postal_code,oblast,raion,
    hromada,settlement,street,building,source,checked,note (a header line first; any may be
    left out but kind and name; source, checked and note are checked, not stored). An
    institution of the same name (any letter case) is updated: the cells given replace
    its values, blank cells keep them. The shipped seed is service/data/institutions_seed.csv.
    """
    if every == bool(organisation_id):
        raise click.UsageError("give --organisation ID or --all")
    try:
        rows, problems = read_institutions_csv(csv_path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        click.echo(f"{csv_path}: not a readable UTF-8 CSV file ({type(error).__name__})")
        sys.exit(EXIT_INVALID_INPUT)
    if problems:
        for problem in problems:
            click.echo(problem)
        click.echo("Nothing was imported: correct these rows and import the file again.")
        sys.exit(EXIT_INVALID_INPUT)
    storage: Storage = current_app.extensions["storage"]
    owners = (
        [item["id"] for item in access_store().list_organisations()]
        if every
        else [str(organisation_id)]
    )
    reports = []
    for owner in owners:
        try:
            report = storage.institutions.import_rows(
                rows, principal=CLI_PRINCIPAL, organisation_id=owner
            )
        except DataValidationError as error:
            for field, messages in error.errors.items():
                click.echo(f"{field}: {', '.join(translate_message(m)['en'] for m in messages)}")
            sys.exit(EXIT_INVALID_INPUT)
        reports.append(
            {
                "organisation_id": owner,
                "imported": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
        )
    print_json(reports[0] if organisation_id else {"organisations": reports})


@institutions_cli.command("seed")
def institutions_seed_command() -> None:
    """Fill every organisation's empty directory with the shipped seed (make run does this).

    Directories that hold anything are left alone; to bring one up to a newer seed, import
    service/data/institutions_seed.csv into it with `institutions import`.
    """
    storage: Storage = current_app.extensions["storage"]
    organisations = [item["id"] for item in access_store().list_organisations()]
    try:
        seeded = seed_empty_directories(storage, organisations)
    except SeedFileError as error:
        raise click.ClickException(f"the shipped seed is refused: {error}") from None
    print_json({"seeded": seeded, "institutions": len(load_seed())})


@institutions_cli.command("list")
@click.option("--organisation", "organisation_id", required=True, help="Organisation id")
def institutions_list_command(organisation_id: str) -> None:
    """Print the institutions of an organisation, by name, with their name forms."""
    storage: Storage = current_app.extensions["storage"]
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        institutions, total = storage.institutions.search(
            CLI_PRINCIPAL, organisation_id=organisation_id, page=page, per_page=100
        )
        found.extend(institution.as_dict() for institution in institutions)
        if len(found) >= total or not institutions:
            break
        page += 1
    print_json({"institutions": found, "total": len(found)})


@institutions_cli.command("describe")
@click.argument("name")
def institutions_describe_command(name: str) -> None:
    """Print the forms the rules derive from an institution's Ukrainian name."""
    forms = derive_institution_forms(name)
    print_json(
        {
            "uk": forms.uk,
            "dative": forms.dative,
            "genitive": forms.genitive,
            "en": forms.en,
            "needs_review": forms.needs_review,
        }
    )


cases_cli = AppGroup("cases", help="Cases: the plan of one; erasure and export.")


@cases_cli.command("erase")
@click.argument("case_id")
@click.option("--reason", type=click.Choice(tuple(ERASURE_REASONS)), required=True)
@click.option("--person", default=None, help="A child's id, or mother, father, applicant, ...")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
def cases_erase_command(case_id: str, reason: str, person: str | None, yes: bool) -> None:
    """Erase a case (or one person of it) for good: data, documents, files, plan, jobs."""
    what = f"person {person} of case {case_id}" if person else f"case {case_id}"
    if not yes:
        click.confirm(f"Erase {what} for good? This cannot be undone", abort=True)
    storage: Storage = current_app.extensions["storage"]
    principal = CLI_PRINCIPAL
    try:
        if person is None:
            report = storage.erasure.erase_case(case_id, principal=principal, reason=reason)
        else:
            case, report = storage.erasure.erase_person(
                case_id, person, principal=principal, reason=reason
            )
            refresh_plan(storage, case)
    except NotFoundError as error:
        raise click.UsageError(translate_message(error.detail)["en"]) from None
    print_json(report.as_dict())


@cases_cli.command("export")
@click.argument("case_id")
@click.option("--person", default=None, help="A child's id, or mother, father, applicant, ...")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
def cases_export_command(case_id: str, person: str | None, output: str) -> None:
    """Write everything held on a case (or one person of it) to a ZIP."""
    storage: Storage = current_app.extensions["storage"]
    principal = CLI_PRINCIPAL
    try:
        content = storage.exporter.export(case_id, principal, person)
    except NotFoundError as error:
        raise click.UsageError(translate_message(error.detail)["en"]) from None
    write_atomically(Path(output), content)
    click.echo(f"{output}: {len(content)} bytes", err=True)


@cases_cli.command("replan")
def cases_replan_command() -> None:
    """Rewrite every case's stored plan (after an upgrade, and daily: a child turns 14)."""
    storage: Storage = current_app.extensions["storage"]
    principal = Principal(id="cli", role="admin", organisation_id=None)
    ids = storage.cases.ids()
    for case_id in ids:
        refresh_plan(storage, storage.cases.get(case_id, principal))
    print_json({"cases": len(ids)})


@cases_cli.command("plan")
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as the API gives it.")
def cases_plan_command(case_id: str, as_json: bool) -> None:
    """Print a case's plan: a line per step (person, step, status, ready or missing, due)."""
    storage: Storage = current_app.extensions["storage"]
    principal = Principal(id="cli", role="admin", organisation_id=None)
    try:
        case = storage.cases.get(case_id, principal)
    except ServiceError as error:
        fail_with_problem(error, f"/api/v1/cases/{case_id}/plan")
        return
    plan, steps = read_plan(storage, case)
    presented = present_plan(case.id, plan, steps)
    if as_json:
        print_json(presented)
        return
    for person in presented["people"]:
        for step in person["steps"]:
            if step["ready"]:
                readiness = "ready"
            elif step["missing"]:
                readiness = "missing: " + ", ".join(item["field"] for item in step["missing"])
            elif step["after"]:
                readiness = "waits for: " + ", ".join(step["after"])
            else:
                readiness = "-"
            due = step["due"] or "-"
            if step["overdue"]:
                due += " OVERDUE"
            kept = "" if step["applies"] else " (no longer applies)"
            click.echo(
                f"{person['person']}\t{step['rule']}{kept}\t{step['status']}\t{readiness}\t{due}"
            )


reminders_cli = AppGroup("reminders", help="Reminders of due steps: the daily e-mail digest.")


@reminders_cli.command("send")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the digest (default: today in Kyiv).",
)
def reminders_send_command(day: datetime | None) -> None:
    """E-mail each caseworker their cases' steps overdue or due within 7 days (once a day).

    Run it daily from cron, after `cases replan`; running it again the same day sends
    only the letters not sent yet.
    """
    try:
        smtp = load_smtp_settings(current_app.config)
    except MailConfigurationError as error:
        raise click.UsageError(str(error)) from None
    storage: Storage = current_app.extensions["storage"]
    today = day.date() if day else kyiv_today()
    base_url = current_app.config["PUBLIC_URL"]
    try:
        report = send_digests(storage, smtp, today=today, base_url=base_url)
    except MailServerError as error:
        print_json(error.report.as_dict())
        click.echo(str(error), err=True)
        sys.exit(1)
    print_json(report.as_dict())


def served_by_flask_run() -> list[tuple[str, int]]:
    """The address `flask run` is about to serve, when it is the command creating the app.

    `flask run` builds the application inside its own command, so its --host and --port
    (or FLASK_RUN_HOST/FLASK_RUN_PORT) are known there; anything else (gunicorn, the other
    commands, tests) gives no address.
    """
    context = click.get_current_context(silent=True)
    if context is None or context.command is not run_command:
        return []
    return [(str(context.params["host"]), int(context.params["port"]))]


def init_app(app: Flask) -> None:
    """Attach the commands to the application's CLI."""
    app.cli.add_command(templates_cli)
    app.cli.add_command(render_command)
    app.cli.add_command(db_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(purge_command)
    app.cli.add_command(reindex_command)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(orgs_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(institutions_cli)
    app.cli.add_command(cases_cli)
    app.cli.add_command(documents_cli)
    app.cli.add_command(reminders_cli)
