"""`users create` as the README writes it: no terminal, the password never echoed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from service.config import PROJECT_ROOT

FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]
PASSWORD = "correct horse battery staple"


def run_flask(var_dir: Path, *args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """A flask command with no terminal (stdin closed) and a temporary var/."""
    return subprocess.run(
        [*FLASK, *args],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PAPERWORK_VAR_DIR": str(var_dir), **environ},
        check=False,
    )


def test_users_create_takes_the_password_from_the_option_or_the_environment(
    tmp_path: Path,
) -> None:
    assert run_flask(tmp_path, "db", "upgrade").returncode == 0
    created = run_flask(tmp_path, "orgs", "create", "--name", "Міжнародний партнер")
    organisation_id = json.loads(created.stdout)["id"]  # what the README takes from it

    by_option = run_flask(
        tmp_path,
        *("users", "create", "--email", "court@example.org", "--role", "partner"),
        *("--organisation", organisation_id, "--password", PASSWORD),
    )
    assert by_option.returncode == 0, by_option.stderr
    assert json.loads(by_option.stdout)["role"] == "partner"

    by_environment = run_flask(
        tmp_path,
        *("users", "create", "--email", "olena@example.org", "--role", "caseworker"),
        *("--organisation", organisation_id),
        PAPERWORK_USER_PASSWORD=PASSWORD,
    )
    assert by_environment.returncode == 0, by_environment.stderr
    assert json.loads(by_environment.stdout)["email"] == "olena@example.org"
    for result in (by_option, by_environment):
        assert PASSWORD not in result.stdout + result.stderr


def test_users_create_without_a_password_or_a_terminal_fails_and_makes_nobody(
    tmp_path: Path,
) -> None:
    assert run_flask(tmp_path, "db", "upgrade").returncode == 0
    result = run_flask(
        tmp_path, "users", "create", "--email", "olena@example.org", "--role", "admin"
    )
    assert result.returncode != 0
    again = run_flask(
        tmp_path,
        *("users", "create", "--email", "olena@example.org", "--role", "admin"),
        PAPERWORK_USER_PASSWORD=PASSWORD,
    )
    assert again.returncode == 0, again.stderr  # the first attempt left no half-made user
