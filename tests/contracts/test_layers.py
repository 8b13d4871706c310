"""The layers hold: each module imports only what lies below it, and Flask only at the door.

Read from the source (ast), so an import inside a function counts as much as one at the
top. See docs/architecture.md for the picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[2] / "service"

# Plain values and helpers every layer may use; they import only each other.
BASE = {"choices", "config", "errors", "i18n", "logs", "principal"}

# What each layer may import (besides itself and the base), from the bottom up.
ALLOWED: dict[str, set[str]] = {
    "ukrainian": set(),
    # ukrainian.typography: the no-break spaces every printed value gets (Jinja's finalize)
    "rendering": {"ukrainian"},
    "verification": set(),
    "schemas": {"ukrainian", "verification"},
    # planning.model: the plan's plain value types (no imports of the project)
    "storage": {"ukrainian", "planning.model"},
    "documents": {"ukrainian", "rendering", "schemas", "verification"},
    "planning": {"ukrainian", "schemas", "documents"},
    "access": {"storage"},
    "issuing": {"ukrainian", "rendering", "schemas", "verification", "storage", "documents"},
    "casework": {"documents", "planning", "storage"},
    "jobs": {"documents", "casework", "issuing", "storage", "access"},
    # reminders: a person's deadlines (storage), step titles (documents), initials (ukrainian)
    "reminders": {"ukrainian", "documents", "storage"},
    # the seed of public bodies and its import: checked by the schema, stored in the directory
    "directory": {"schemas", "storage"},
}
# The doors: views, the CLI, the app factory; they may import anything, Flask too.
DOORS = {
    "api",
    "web",
    "public",
    "cli",
    "health",
    "observability",
    "gunicorn_config",
    "gunicorn_worker",
    "inputs",  # the guard every request passes before a view reads it (issue 28)
    "",
}
# Modules of lower packages that are doors themselves.
DOOR_MODULES = {
    "access.guard",  # the API's authentication decorator, run on each request
    "access.limits",  # Flask-Limiter's rate limits, answered as problem+json
    "jobs.worker",  # the Celery worker's entry point: builds the application
}
# (werkzeug.security, a password hash, is not the web framework.)
FLASK = {"flask", "flask_limiter", "flask_smorest"}


def service_modules() -> list[tuple[str, Path]]:
    """Every module of the service, by dotted name below `service`."""
    found = []
    for path in sorted(SERVICE.rglob("*.py")):
        parts = path.relative_to(SERVICE).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join(part for part in parts if part != "__init__")
        found.append((name, path))
    return found


def imports_of(path: Path) -> set[str]:
    """The modules a file imports (absolute names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "service":  # from service import cli
                names.update(f"service.{alias.name}" for alias in node.names)
    return names


def layer_of(name: str) -> str:
    """The layer of a module: its first part below `service`."""
    return name.split(".", maxsplit=1)[0]


def allowed(layer: str, target: str) -> bool:
    """Whether a module of `layer` may import `service.<target>`."""
    top = layer_of(target)
    if top in BASE or top == layer:
        return True
    rules = ALLOWED.get(layer)
    if rules is None:
        return True  # a door
    return any(target == rule or target.startswith(f"{rule}.") for rule in rules)


MODULES = service_modules()


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name or "service" for name, _ in MODULES])
def test_a_module_imports_nothing_above_its_layer(name: str, path: Path) -> None:
    layer = layer_of(name)
    if layer in DOORS or name in DOOR_MODULES:
        return
    assert layer in ALLOWED or layer in BASE, f"{name}: a layer the picture does not have"
    ours = {
        imported.removeprefix("service.")
        for imported in imports_of(path)
        if imported.startswith("service.")
    }
    if layer in BASE:
        above = {target for target in ours if layer_of(target) not in BASE}
    else:
        above = {target for target in ours if not allowed(layer, target)}
    assert not above, f"service.{name} imports above its layer: {sorted(above)}"


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name or "service" for name, _ in MODULES])
def test_nothing_below_the_doors_imports_flask(name: str, path: Path) -> None:
    if layer_of(name) in DOORS or name in DOOR_MODULES:
        return
    flask = {imported for imported in imports_of(path) if imported.split(".")[0] in FLASK}
    assert not flask, f"service.{name} imports {sorted(flask)} below the views"


def test_the_lowest_layers_import_nothing_above_them() -> None:
    """The issue's own words: storage, rendering, schemas and ukrainian stay at the bottom."""
    for layer in ("storage", "rendering", "schemas", "ukrainian"):
        assert not ALLOWED[layer] & {"documents", "issuing", "access", "jobs", "api", "web"}


def test_a_planted_upward_import_is_found(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from service.documents.pipeline import DocumentPipeline\n", encoding="utf-8"
    )
    ours = {i.removeprefix("service.") for i in imports_of(planted) if i.startswith("service.")}
    assert not all(allowed("storage", target) for target in ours)
