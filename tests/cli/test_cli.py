"""The command line, run as a user runs it: `flask --app wsgi ...` in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.flask_cli import run_flask
from tests.conftest import BIRTH_FACT
from tests.readback import pdf_text


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from service.documents import get_template

    path = tmp_path_factory.mktemp("cli") / "case.json"
    path.write_text(json.dumps(get_template(BIRTH_FACT).load_example(), ensure_ascii=False))
    return path


def test_render_writes_the_pdf(tmp_path: Path, data_file: Path) -> None:
    output = tmp_path / "out.pdf"
    result = run_flask(
        "render",
        BIRTH_FACT,
        "--data",
        str(data_file),
        "--lang",
        "uk",
        "--format",
        "pdf",
        "--output",
        str(output),
        var_dir=tmp_path / "var",
    )
    assert result.returncode == 0, result.stderr
    assert "Петренка Андрія Івановича" in pdf_text(output.read_bytes())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_render_with_invalid_data_exits_2_prints_problem_and_writes_nothing(
    tmp_path: Path, data_file: Path
) -> None:
    data: dict[str, Any] = json.loads(data_file.read_text())
    data["child"]["sex"] = "boy"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False))
    output = tmp_path / "out.docx"
    result = run_flask(
        "render",
        BIRTH_FACT,
        "--data",
        str(bad),
        "--format",
        "docx",
        "--output",
        str(output),
        var_dir=tmp_path / "var",
    )
    assert result.returncode == 2
    problem = json.loads(result.stdout)
    assert problem["status"] == 422
    assert "child.sex" in problem["errors"]
    assert not output.exists()
    assert list(tmp_path.glob("*.part")) == [] and list(tmp_path.glob(".out*")) == []


def test_render_with_unknown_template_exits_2(tmp_path: Path, data_file: Path) -> None:
    result = run_flask(
        "render",
        "identity.nope",
        "--data",
        str(data_file),
        "--output",
        str(tmp_path / "x.pdf"),
        var_dir=tmp_path / "var",
    )
    assert result.returncode == 2
    assert json.loads(result.stdout)["status"] == 404


def test_templates_list_and_show_print_json(tmp_path: Path) -> None:
    listing = run_flask("templates", "list", var_dir=tmp_path / "var")
    assert listing.returncode == 0, listing.stderr
    ids = [item["id"] for item in json.loads(listing.stdout)["templates"]]
    assert BIRTH_FACT in ids
    shown = run_flask("templates", "show", BIRTH_FACT, var_dir=tmp_path / "var")
    detail = json.loads(shown.stdout)
    assert detail["title"]["uk"].startswith("Заява")
    assert detail["schema"]["type"] == "object"
    assert detail["example"]["child"]["surname"] == "Петренко"
