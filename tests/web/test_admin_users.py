"""The admin's Users page: disable and enable a person, each after a confirmation."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, csrf, sign_in

ADMIN = "admin-pages@example.org"


def admin_client(web_app: Flask) -> FlaskClient:
    """A signed-in admin (made on first use)."""
    users = web_app.extensions["users"]
    if users.find(ADMIN) is None:
        users.create_user(email=ADMIN, password=PASSWORD, role="admin", organisation_id=None)
    return sign_in(web_app, ADMIN)


def test_an_admin_disables_and_enables_a_person_after_confirming(web_app: Flask) -> None:
    admin = admin_client(web_app)
    ivan = sign_in(web_app, "ivan@example.org")
    ivan_id = web_app.extensions["users"].find("ivan@example.org")
    token = web_app.extensions["access"].create_token(
        role=None, name="laptop", organisation_id=None, user_id=ivan_id
    )[1]
    api = web_app.test_client()
    api.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    assert api.get("/api/v1/cases").status_code == 200

    listing = admin.get("/admin/users", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "ivan@example.org" in listing and 'aria-current="page">Users<' in listing
    assert f"/admin/users/{ivan_id}/disable" in listing
    confirm = admin.get(f"/admin/users/{ivan_id}/disable", headers={"Accept-Language": "en"})
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Disable ivan@example.org?" in page
    assert ivan.get("/cases").status_code == 200  # asking is not doing

    done = admin.post(
        f"/admin/users/{ivan_id}/disable", data={"_csrf_token": csrf(page)}, follow_redirects=True
    )
    assert "Обліковий запис ivan@example.org вимкнено" in done.get_data(as_text=True)
    assert ivan.get("/cases").status_code == 302
    assert api.get("/api/v1/cases").status_code == 401

    listing = admin.get("/admin/users").get_data(as_text=True)
    assert f"/admin/users/{ivan_id}/enable" in listing
    page = admin.get(f"/admin/users/{ivan_id}/enable").get_data(as_text=True)
    admin.post(f"/admin/users/{ivan_id}/enable", data={"_csrf_token": csrf(page)})
    assert ivan.get("/cases").status_code == 302  # the old session stays over
    assert sign_in(web_app, "ivan@example.org").get("/cases").status_code == 200
    assert api.get("/api/v1/cases").status_code == 401


def test_the_users_page_is_for_admins_and_an_admin_cannot_disable_themselves(
    web_app: Flask,
) -> None:
    caseworker = sign_in(web_app)
    assert caseworker.get("/admin/users").status_code == 302
    assert "/admin/users" not in caseworker.get("/cases").get_data(as_text=True)
    admin = admin_client(web_app)
    me = web_app.extensions["users"].find(ADMIN)
    listing = admin.get("/admin/users").get_data(as_text=True)
    assert f"/admin/users/{me}/disable" not in listing
    assert ">Користувачі<" in listing and "Вимкнути" in listing  # Ukrainian by default
    refused = admin.post(
        f"/admin/users/{me}/disable",
        data={"_csrf_token": csrf(listing)},
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )
    assert "You cannot disable yourself" in refused.get_data(as_text=True)
    assert admin.get("/admin/users").status_code == 200  # still signed in
    assert admin.get("/admin/users/" + "0" * 32 + "/disable").status_code == 404
