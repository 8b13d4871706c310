"""People and their tokens on each database: disabling a person ends their sessions and tokens.

The commands run in process against the same application (`flask users disable`), so the
page session and the API token of the test are the ones the command must stop.
"""

from __future__ import annotations

import json
import re
import uuid

from flask import Flask
from flask.testing import FlaskClient

from service.storage.audit import list_events
from service.storage.models import User

PASSWORD = "correct horse battery staple"
TOKEN_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def run(app: Flask, *args: str) -> str:
    """Run a `flask --app wsgi` command on the application; its output (it must succeed)."""
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def make_person(app: Flask) -> str:
    """A caseworker of a new organisation; their e-mail."""
    organisation = app.extensions["access"].create_organisation("Офіс (люди й токени)")
    email = f"olena-{uuid.uuid4().hex[:8]}@example.org"
    app.extensions["users"].create_user(
        email=email, password=PASSWORD, role="caseworker", organisation_id=organisation
    )
    return email


def sign_in(app: Flask, email: str) -> tuple[FlaskClient, int]:
    """A client signed in to the pages, and the status of the sign-in."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    match = TOKEN_FIELD.search(page)
    assert match
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "_csrf_token": match.group(1)}
    )
    return client, response.status_code


def call_api(app: Flask, token: str) -> int:
    """The status of the case list for a token."""
    return (
        app.test_client()
        .get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
        .status_code
    )


def new_token(app: Flask, *args: str) -> str:
    """Make a token with `tokens create ARGS`; the token, from the last word of the output."""
    return run(app, "tokens", "create", *args).strip().splitlines()[-1].split()[-1]


def test_disabling_a_person_stops_their_token_and_session_at_once(storage_app: Flask) -> None:
    email = make_person(storage_app)
    token = new_token(storage_app, "--user", email)
    system_token = new_token(storage_app, "--role", "admin", "--name", "integration")
    page, status = sign_in(storage_app, email)
    assert status == 302
    assert call_api(storage_app, token) == 200
    assert page.get("/cases").status_code == 200

    disabled = json.loads(run(storage_app, "users", "disable", email))
    assert disabled["tokens_revoked"] == 1

    refused = storage_app.test_client().get(
        "/api/v1/cases", headers={"Authorization": f"Bearer {token}"}
    )
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["type"] == "/problems/unauthorized"
    signed_out = page.get("/cases")
    assert signed_out.status_code == 302 and "/login" in signed_out.headers["Location"]
    assert sign_in(storage_app, email)[1] == 200  # the sign-in page again, with its error
    assert call_api(storage_app, system_token) == 200  # a system token belongs to no one

    run(storage_app, "users", "enable", email)
    # The session begun before disabling stays over, and the revoked token stays revoked.
    assert page.get("/cases").status_code == 302
    assert call_api(storage_app, token) == 401
    again, status = sign_in(storage_app, email)
    assert status == 302 and again.get("/cases").status_code == 200
    assert call_api(storage_app, new_token(storage_app, "--user", email)) == 200


def test_disabling_is_audited_by_id_and_the_token_list_names_owners(storage_app: Flask) -> None:
    email = make_person(storage_app)
    new_token(storage_app, "--user", email, "--name", "laptop")
    user_id = storage_app.extensions["users"].find(email)
    people = {u["email"]: u for u in json.loads(run(storage_app, "users", "list"))["users"]}
    assert (people[email]["tokens"], people[email]["disabled_at"]) == (1, None)
    run(storage_app, "users", "disable", email)
    people = {u["email"]: u for u in json.loads(run(storage_app, "users", "list"))["users"]}
    assert people[email]["tokens"] == 0 and people[email]["disabled_at"] is not None
    run(storage_app, "users", "enable", email)

    with storage_app.extensions["storage"].database.session() as session:
        events = [
            event
            for event in list_events(session, limit=100000)
            if event["action"] in ("user_disabled", "user_enabled")
            and event["details"].get("user_id") == user_id
        ]
    assert [event["action"] for event in events] == ["user_disabled", "user_enabled"]
    assert events[0]["details"] == {"user_id": user_id, "tokens_revoked": 1}
    assert all(email not in json.dumps(event) for event in events)

    listed = json.loads(run(storage_app, "tokens", "list"))["tokens"]
    (mine,) = [entry for entry in listed if entry["user_id"] == user_id]
    assert (mine["owner"], mine["name"], mine["role"], mine["revoked"]) == (
        email,
        "laptop",
        "caseworker",
        True,
    )
    assert {entry["owner"] for entry in listed if entry["user_id"] is None} == {"system"}


def test_a_person_disabled_by_hand_in_the_database_has_no_working_token(
    storage_app: Flask,
) -> None:
    email = make_person(storage_app)
    token = new_token(storage_app, "--user", email)
    with storage_app.extensions["storage"].database.session() as session:
        user = session.query(User).filter_by(email=email).one()
        user.disabled_at = user.created_at
    assert call_api(storage_app, token) == 401


def test_a_disabled_person_gets_no_new_token(storage_app: Flask) -> None:
    email = make_person(storage_app)
    run(storage_app, "users", "disable", email)
    result = storage_app.test_cli_runner().invoke(args=["tokens", "create", "--user", email])
    assert result.exit_code == 2 and "disabled" in result.output
