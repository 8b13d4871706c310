"""`users create|list|disable|enable` and people's tokens as the README writes them: no terminal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli.flask_cli import run_flask
from tests.conftest import build_test_app

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


def token_of(result: subprocess.CompletedProcess[str]) -> str:
    """The token `tokens create` printed, the last word of its last line."""
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()[-1]


def test_users_disable_and_enable_as_an_operator_types_them(tmp_path: Path) -> None:
    for command in (("keys", "init"), ("db", "upgrade")):
        assert run_flask(*command, var_dir=tmp_path).returncode == 0
    organisation_id = json.loads(
        run_flask("orgs", "create", "--name", "Офіс", var_dir=tmp_path).stdout
    )["id"]
    created = run_flask(
        *("users", "create", "--email", "Olena@Example.org", "--role", "caseworker"),
        *("--organisation", organisation_id, "--password", PASSWORD),
        var_dir=tmp_path,
    )
    user_id = json.loads(created.stdout)["id"]
    personal = token_of(
        run_flask("tokens", "create", "--user", "olena@example.org", var_dir=tmp_path)
    )
    system = token_of(
        run_flask("tokens", "create", "--role", "system", "--name", "crm", var_dir=tmp_path)
    )
    # An application on the same database and key, as the service runs beside the command.
    app = build_test_app(
        tmp_path,
        f"sqlite:///{tmp_path / 'paperwork.sqlite3'}",
        DATA_KEY_FILE=tmp_path / "data.key",
        DATA_KEYS=None,
    )
    client = app.test_client()

    def status(token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        return client.get("/api/v1/cases", headers=headers).status_code

    assert (status(personal), status(system)) == (200, 403)  # a system token: no cases

    disabled = run_flask("users", "disable", "olena@example.org", var_dir=tmp_path)
    assert disabled.returncode == 0, disabled.stderr
    assert json.loads(disabled.stdout) == {"id": user_id, "disabled": True, "tokens_revoked": 1}
    assert (status(personal), status(system)) == (401, 403)
    listed = json.loads(run_flask("users", "list", var_dir=tmp_path).stdout)["users"]
    assert [(u["email"], u["disabled_at"] is not None, u["tokens"]) for u in listed] == [
        ("olena@example.org", True, 0)
    ]
    tokens = json.loads(run_flask("tokens", "list", var_dir=tmp_path).stdout)["tokens"]
    assert sorted((t["owner"], t["role"], t["revoked"]) for t in tokens) == sorted(
        [("olena@example.org", "caseworker", True), ("system", "system", False)]
        + [("system", role, False) for role in ("caseworker", "partner", "system", "admin")]
        + [("system", "caseworker", False)]  # the test application's own tokens
    )

    enabled = run_flask("users", "enable", "olena@example.org", var_dir=tmp_path)
    assert json.loads(enabled.stdout)["changed"] is True
    assert status(personal) == 401  # revoked tokens stay revoked: make a new one
    renewed = token_of(
        run_flask("tokens", "create", "--user", "olena@example.org", var_dir=tmp_path)
    )
    assert status(renewed) == 200
    app.extensions["storage"].database.dispose()


def test_token_and_user_commands_refuse_what_cannot_be(tmp_path: Path) -> None:
    assert run_flask("db", "upgrade", var_dir=tmp_path).returncode == 0
    assert (
        run_flask(
            *("users", "create", "--email", "admin@example.org", "--role", "admin"),
            *("--password", PASSWORD),
            var_dir=tmp_path,
        ).returncode
        == 0
    )
    for args, says in (
        (("users", "disable", "nobody@example.org"), "no such user"),
        (("users", "enable", "nobody@example.org"), "no such user"),
        (("tokens", "create", "--user", "nobody@example.org"), "no such user"),
        (("tokens", "create", "--name", "crm"), "--role"),
        (("tokens", "create", "--user", "admin@example.org", "--role", "system"), "admin"),
    ):
        result = run_flask(*args, var_dir=tmp_path)
        assert result.returncode == 2, args
        assert says in result.stderr, (args, result.stderr)
