"""`users create` as the README writes it: no terminal, the password never echoed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.flask_cli import run_flask

PASSWORD = "correct horse battery staple"


def test_users_create_takes_the_password_from_the_option_or_the_environment(
    tmp_path: Path,
) -> None:
    assert run_flask("db", "upgrade", var_dir=tmp_path).returncode == 0
    created = run_flask("orgs", "create", "--name", "Міжнародний партнер", var_dir=tmp_path)
    organisation_id = json.loads(created.stdout)["id"]  # what the README takes from it

    by_option = run_flask(
        *("users", "create", "--email", "court@example.org", "--role", "partner"),
        *("--organisation", organisation_id, "--password", PASSWORD),
        var_dir=tmp_path,
    )
    assert by_option.returncode == 0, by_option.stderr
    assert json.loads(by_option.stdout)["role"] == "partner"

    by_environment = run_flask(
        *("users", "create", "--email", "olena@example.org", "--role", "caseworker"),
        *("--organisation", organisation_id),
        var_dir=tmp_path,
        PAPERWORK_USER_PASSWORD=PASSWORD,
    )
    assert by_environment.returncode == 0, by_environment.stderr
    assert json.loads(by_environment.stdout)["email"] == "olena@example.org"
    for result in (by_option, by_environment):
        assert PASSWORD not in result.stdout + result.stderr


def test_users_create_without_a_password_or_a_terminal_fails_and_makes_nobody(
    tmp_path: Path,
) -> None:
    assert run_flask("db", "upgrade", var_dir=tmp_path).returncode == 0
    result = run_flask(
        "users", "create", "--email", "olena@example.org", "--role", "admin", var_dir=tmp_path
    )
    assert result.returncode != 0
    again = run_flask(
        *("users", "create", "--email", "olena@example.org", "--role", "admin"),
        var_dir=tmp_path,
        PAPERWORK_USER_PASSWORD=PASSWORD,
    )
    assert again.returncode == 0, again.stderr  # the first attempt left no half-made user
