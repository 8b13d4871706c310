"""`flask cases plan CASE_ID`, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

from service.casework import refresh_plan
from service.principal import Principal
from tests.cli.flask_cli import run_flask
from tests.conftest import build_test_app

SEED = Path(__file__).parents[1] / "fixtures" / "seed_family.json"


def database(var_dir: Path, keys: str) -> dict[str, str]:
    """The environment that points the CLI at a test app's database and key."""
    return {
        "DATABASE_URL": f"sqlite:///{var_dir / 'test.sqlite3'}",
        "PAPERWORK_DATA_KEYS": keys,
    }


def seeded(tmp_path: Path) -> tuple[Flask, str]:
    app = build_test_app(tmp_path)
    storage = app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=None)
    case = storage.cases.create(json.loads(SEED.read_text(encoding="utf-8")), principal=principal)
    refresh_plan(storage, case)
    return app, case.id


def test_cases_plan_prints_a_line_per_step_and_json(tmp_path: Path) -> None:
    app, case_id = seeded(tmp_path)
    keys = app.config["DATA_KEYS"]
    result = run_flask("cases", "plan", case_id, var_dir=tmp_path, **database(tmp_path, keys))
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("mother\tprenatal_care\tpending\t") for line in lines), lines
    assert all(len(line.split("\t")) == 5 for line in lines)
    assert any("missing: " in line for line in lines)
    assert "Коваленко" not in result.stdout  # ids, never names
    result = run_flask(
        "cases", "plan", case_id, "--json", var_dir=tmp_path, **database(tmp_path, keys)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    plan = json.loads(result.stdout)
    assert plan["case_id"] == case_id
    assert sum(len(person["steps"]) for person in plan["people"]) == len(lines)
    result = run_flask("cases", "plan", "nosuchcase", var_dir=tmp_path, **database(tmp_path, keys))
    assert result.returncode == 2
    assert json.loads(result.stdout)["status"] == 404


def test_cases_replan_writes_the_plan_of_a_case_stored_without_one(tmp_path: Path) -> None:
    app = build_test_app(tmp_path)
    storage = app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=None)
    case = storage.cases.create(json.loads(SEED.read_text(encoding="utf-8")), principal=principal)
    assert storage.plans.steps(case.id) == []  # as a case stored before plans existed
    result = run_flask(
        "cases", "replan", var_dir=tmp_path, **database(tmp_path, app.config["DATA_KEYS"])
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"cases": 1}
    assert len(storage.plans.steps(case.id)) > 11  # a step or more for each of 11 children
