"""Template fingerprints: a template's files may not change under a version already given.

A stored document names its template and version; the same input, template version and
date must render the same bytes, or a fresh render can no longer check a stored one.
`fingerprints.json` records, per template, its version and the SHA-256 of the files it
is made from: its own HTML and DOCX and every shared file of templates_pdf/ (base,
macros, stylesheet, fonts, colour profile). A test fails when they differ, until the
version is raised and `flask --app wsgi templates fingerprints --record` is run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from service.documents.catalog import list_templates
from service.documents.spec import TemplateSpec

FINGERPRINTS_FILE = Path(__file__).parent / "fingerprints.json"


def template_files(spec: TemplateSpec, docx_dir: Path, pdf_dir: Path) -> dict[str, Path]:
    """The files a template's documents are made from, by name.

    Other templates' own files are left out, another family's partial (`_medical.html`
    belongs to the medical.* documents), and hidden files (an editor's swap file).
    """
    family = spec.id.split(".", 1)[0]
    others = {other.html_template for other in list_templates() if other.id != spec.id}
    others |= {
        f"_{other.id.split('.', 1)[0]}.html"
        for other in list_templates()
        if other.id.split(".", 1)[0] != family
    }
    files = {
        f"pdf/{path.relative_to(pdf_dir).as_posix()}": path
        for path in sorted(pdf_dir.rglob("*"))
        if path.is_file() and path.name not in others and not path.name.startswith(".")
    }
    files[f"docx/{spec.docx_template}"] = docx_dir / spec.docx_template
    return files


def fingerprint(spec: TemplateSpec, docx_dir: Path, pdf_dir: Path) -> str:
    """The SHA-256 over the names and bytes of a template's files."""
    digest = hashlib.sha256()
    for name, path in template_files(spec, docx_dir, pdf_dir).items():
        digest.update(f"{name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def current_fingerprints(docx_dir: Path, pdf_dir: Path) -> dict[str, dict[str, str]]:
    """Every template's version and fingerprint as the files are now."""
    return {
        spec.id: {"version": spec.version, "sha256": fingerprint(spec, docx_dir, pdf_dir)}
        for spec in list_templates()
    }


def recorded_fingerprints() -> dict[str, dict[str, str]]:
    """The versions and fingerprints last recorded."""
    if not FINGERPRINTS_FILE.exists():
        return {}
    recorded: dict[str, dict[str, str]] = json.loads(FINGERPRINTS_FILE.read_text("utf-8"))
    return recorded


def changed_without_new_version(docx_dir: Path, pdf_dir: Path) -> list[str]:
    """Templates whose files changed while their version stayed the recorded one."""
    recorded = recorded_fingerprints()
    return [
        template_id
        for template_id, now in current_fingerprints(docx_dir, pdf_dir).items()
        if recorded.get(template_id, {}).get("version") == now["version"]
        and recorded[template_id]["sha256"] != now["sha256"]
    ]


def unrecorded(docx_dir: Path, pdf_dir: Path) -> list[str]:
    """Templates whose current version has no recorded fingerprint yet."""
    recorded = recorded_fingerprints()
    return [
        template_id
        for template_id, now in current_fingerprints(docx_dir, pdf_dir).items()
        if recorded.get(template_id, {}).get("version") != now["version"]
    ]


def record_fingerprints(docx_dir: Path, pdf_dir: Path) -> None:
    """Write the current versions and fingerprints to fingerprints.json."""
    text = json.dumps(current_fingerprints(docx_dir, pdf_dir), indent=2, sort_keys=True)
    FINGERPRINTS_FILE.write_text(text + "\n", encoding="utf-8")
