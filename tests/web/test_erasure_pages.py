"""Erasure and export in the pages: an admin erases after choosing a reason and typing the
case's number; a caseworker may download what is held but sees no erasure."""

from __future__ import annotations

import io
import json
import zipfile

from flask import Flask

from service.principal import Principal
from tests.web.conftest import PASSWORD, csrf, sign_in


def family_case(app: Flask, caseworker: Principal) -> tuple[str, str]:
    """A case of two children made by the caseworker; its id and number."""
    children = [
        {"surname": "Ткач", "given_name": name, "sex": "female", "birth_date": "2015-02-03"}
        for name in ("Мар'яна", "Оксана")
    ]
    case = app.extensions["storage"].cases.create(
        {"children": children, "mother": {"surname": "Ткач", "given_name": "Олена"}},
        principal=caseworker,
    )
    assert case.number
    return case.id, case.number


def test_an_admin_erases_a_person_then_the_case_after_typing_its_number(web_app: Flask) -> None:
    users = web_app.extensions["users"]
    olena = users.authenticate("olena@example.org", PASSWORD)
    assert isinstance(olena, Principal)
    case_id, number = family_case(web_app, olena)
    if users.authenticate("admin@example.org", PASSWORD) is None:
        users.create_user(
            email="admin@example.org", password=PASSWORD, role="admin", organisation_id=None
        )
    caseworker, admin = sign_in(web_app), sign_in(web_app, "admin@example.org")

    case_page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert f"/cases/{case_id}/export" in case_page and f"/cases/{case_id}/erase" not in case_page
    assert caseworker.get(f"/cases/{case_id}/erase").status_code == 302  # not theirs to do
    export = caseworker.get(f"/cases/{case_id}/export")
    assert export.status_code == 200 and export.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(export.data)) as archive:
        assert json.loads(archive.read("export.json"))["case"]["number"] == number

    page = admin.get(f"/cases/{case_id}").get_data(as_text=True)
    assert f"/cases/{case_id}/erase" in page
    form = admin.get(f"/cases/{case_id}/erase").get_data(as_text=True)
    assert "Ткач Оксана" in form and number in form
    token = csrf(form)
    children = web_app.extensions["storage"].cases.get(case_id, olena).data["children"]
    oksana = children[1]["id"]
    # Nothing happens without a reason and the number typed exactly.
    refused = admin.post(
        f"/cases/{case_id}/erase", data={"_csrf_token": token, "person": oksana, "confirm": "x"}
    )
    assert refused.status_code == 422
    assert 'aria-describedby="reason-error"' in refused.get_data(as_text=True)
    assert 'aria-describedby="confirm-error"' in refused.get_data(as_text=True)
    assert len(web_app.extensions["storage"].cases.get(case_id, olena).data["children"]) == 2

    erased = admin.post(
        f"/cases/{case_id}/erase",
        data={"_csrf_token": token, "person": oksana, "reason": "duplicate", "confirm": number},
    )
    assert erased.status_code == 302 and erased.headers["Location"].endswith(f"/cases/{case_id}")
    remaining = web_app.extensions["storage"].cases.get(case_id, olena).data["children"]
    assert [child["id"] for child in remaining] == [children[0]["id"]]
    assert "Оксана" not in admin.get(f"/cases/{case_id}").get_data(as_text=True)

    whole = admin.post(
        f"/cases/{case_id}/erase",
        data={"_csrf_token": token, "person": "", "reason": "opened_in_error", "confirm": number},
    )
    assert whole.status_code == 302 and whole.headers["Location"].endswith("/cases")
    listing = admin.get("/cases").get_data(as_text=True)
    assert f"{number} is erased" in listing or f"{number} видалено" in listing
    assert caseworker.get(f"/cases/{case_id}").status_code == 404
