"""Command line: `flask --app wsgi render ...`, `flask --app wsgi templates list|show`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from service.documents import (
    DOCUMENT_LANGUAGES,
    FORMATS,
    DocumentPipeline,
    describe_template,
    get_template,
    list_templates,
)
from service.errors import MalformedRequestError, ServiceError, build_problem
from service.i18n import N_

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
    """Check templates: tags split across Word runs, unknown variables, missing glyphs."""
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
        )
        report.append({"id": spec.id, "problems": [problem.as_dict() for problem in problems]})
    print_json({"templates": report})
    if any(entry["problems"] for entry in report):
        sys.exit(1)


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


def init_app(app: Flask) -> None:
    """Attach the commands to the application's CLI."""
    app.cli.add_command(templates_cli)
    app.cli.add_command(render_command)
