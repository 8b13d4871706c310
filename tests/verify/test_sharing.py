"""Sharing with a partner organisation, and expiring links: visibility, 410s, audit."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from service.storage.models import ShareLink, utc_now
from tests.conftest import build_test_app, client_as
from tests.verify.conftest import PARTNER_ORGANISATION, issue, organisation_id


def events_of(app: Flask, document_id: str) -> list[dict[str, Any]]:
    answer = client_as(app, "admin").get("/api/v1/audit", query_string={"limit": 1000})
    return [e for e in answer.get_json()["events"] if e["document_id"] == document_id]


def link_path(link: dict[str, Any]) -> str:
    url: str = link["url"]
    return url[url.index("/shared/") :]


def test_a_partner_sees_only_what_was_shared_with_it(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    partner = client_as(app, "partner")
    response = issue(caseworker, 21)
    document_id = response.headers["X-Document-Id"]
    assert partner.get(f"/api/v1/documents/{document_id}").status_code == 404
    partners = organisation_id(app, PARTNER_ORGANISATION)
    shares = f"/api/v1/documents/{document_id}/shares"
    made = caseworker.post(shares, json={"organisation_id": partners})
    assert made.status_code == 201, made.get_json()
    assert caseworker.post(shares, json={"organisation_id": partners}).status_code == 200
    assert caseworker.post(shares, json={"organisation_id": "0" * 32}).status_code == 422
    listed = partner.get("/api/v1/shared").get_json()["documents"]
    assert document_id in [item["id"] for item in listed]
    assert partner.get(f"/api/v1/documents/{document_id}").status_code == 200
    file = partner.get(f"/api/v1/documents/{document_id}/file")
    assert file.status_code == 200 and file.data == response.data
    # a partner cannot share further, nor revoke
    assert partner.post(shares, json={"organisation_id": partners}).status_code == 403
    assert (
        partner.post(
            f"/api/v1/documents/{document_id}/revoke", json={"reason": "withdrawn"}
        ).status_code
        == 403
    )
    # another caseworker organisation cannot share what it cannot see
    other = client_as(app, "other_caseworker")
    assert other.post(shares, json={"organisation_id": partners}).status_code == 404
    assert caseworker.delete(f"{shares}/{partners}").status_code == 204
    assert caseworker.delete(f"{shares}/{partners}").status_code == 404
    assert partner.get(f"/api/v1/documents/{document_id}").status_code == 404
    assert document_id not in [
        item["id"] for item in partner.get("/api/v1/shared").get_json()["documents"]
    ]
    actions = [(e["action"], e["actor"]) for e in events_of(app, document_id)]
    assert ("document_shared", actions[0][1]) in actions
    assert "share_revoked" in [action for action, _ in actions]
    (download,) = [e for e in events_of(app, document_id) if e["action"] == "document_downloaded"]
    assert download["details"]["share_id"] == made.get_json()["id"]  # the partner's download


def test_a_partner_gets_410_for_a_revoked_shared_document(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    partner = client_as(app, "partner")
    document_id = issue(caseworker, 22).headers["X-Document-Id"]
    shares = f"/api/v1/documents/{document_id}/shares"
    partners = organisation_id(app, PARTNER_ORGANISATION)
    assert caseworker.post(shares, json={"organisation_id": partners}).status_code == 201
    revoke = {"reason": "superseded"}
    assert (
        caseworker.post(f"/api/v1/documents/{document_id}/revoke", json=revoke).status_code == 200
    )
    assert partner.get(f"/api/v1/documents/{document_id}").status_code == 200
    gone = partner.get(f"/api/v1/documents/{document_id}/file")
    assert gone.status_code == 410 and gone.mimetype == "application/problem+json"
    again = caseworker.post(shares, json={"organisation_id": partners})
    assert again.status_code == 409
    assert caseworker.get(f"/api/v1/documents/{document_id}/file").status_code == 200


def test_an_expiring_link_downloads_the_document_and_each_download_is_audited(
    app: Flask,
) -> None:
    caseworker = client_as(app, "caseworker")
    response = issue(caseworker, 23)
    document_id = response.headers["X-Document-Id"]
    made = caseworker.post(f"/api/v1/documents/{document_id}/links", json={})
    assert made.status_code == 201
    link = made.get_json()
    assert link["url"].startswith("http://127.0.0.1:8000/shared/")
    lasting = utc_now() + timedelta(days=7)
    assert abs((lasting - _parse(link["expires_at"])).total_seconds()) < 60
    public = client_as(app, None)
    for _ in range(2):
        download = public.get(link_path(link))
        assert download.status_code == 200
        assert download.data == response.data
        assert hashlib.sha256(download.data).hexdigest() == download.headers["X-Content-SHA256"]
        assert download.headers["Content-Disposition"].startswith("attachment")
    downloads = [e for e in events_of(app, document_id) if e["action"] == "document_downloaded"]
    assert [e["details"]["link_id"] for e in downloads] == [link["id"], link["id"]]
    assert all(e["actor"] == f"link:{link['id']}" for e in downloads)
    assert any(e["action"] == "link_created" for e in events_of(app, document_id))
    listed = caseworker.get(f"/api/v1/documents/{document_id}/shares").get_json()["shares"]
    assert [item["id"] for item in listed if item["kind"] == "link"] == [link["id"]]
    assert "url" not in listed[0] and "token" not in str(listed)


def test_a_revoked_or_expired_link_or_a_revoked_document_answers_410(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    public = client_as(app, None)
    document_id = issue(caseworker, 24).headers["X-Document-Id"]
    links = f"/api/v1/documents/{document_id}/links"
    ended, expired, last = (caseworker.post(links, json={"days": 1}).get_json() for _ in range(3))
    assert caseworker.delete(f"{links}/{ended['id']}").status_code == 204
    assert caseworker.delete(f"{links}/{ended['id']}").status_code == 404
    assert public.get(link_path(ended)).status_code == 410
    storage = app.extensions["storage"]
    with storage.database.session() as session:
        session.execute(
            sa.update(ShareLink)
            .where(ShareLink.id == expired["id"])
            .values(expires_at=utc_now() - timedelta(seconds=1))
        )
    gone = public.get(link_path(expired))
    assert gone.status_code == 410 and gone.get_json()["type"] == "/problems/document-gone"
    assert public.get(link_path(last)).status_code == 200
    caseworker.post(f"/api/v1/documents/{document_id}/revoke", json={"reason": "withdrawn"})
    assert public.get(link_path(last)).status_code == 410
    assert caseworker.post(links, json={}).status_code == 409
    # a token we did not make, or one with a changed character, is unknown
    path = link_path(last)
    changed = path[:-1] + ("B" if path[-1] == "A" else "A")
    assert public.get(changed).status_code == 404
    assert public.get("/shared/" + "0" * 32 + ".x").status_code == 404


def test_link_days_are_checked(app: Flask, client: FlaskClient) -> None:
    document_id = issue(client, 25).headers["X-Document-Id"]
    links = f"/api/v1/documents/{document_id}/links"
    for days in (0, 91, "x"):
        refused = client.post(links, json={"days": days})
        assert refused.status_code == 422 and "days" in refused.get_json()["errors"]
    assert client_as(app, "other_caseworker").post(links, json={}).status_code == 404


def _parse(value: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(value)


def test_a_partner_lists_what_was_shared_a_page_at_a_time_newest_first(tmp_path: Path) -> None:
    app = build_test_app(tmp_path)
    caseworker, partner = client_as(app, "caseworker"), client_as(app, "partner")
    partners = organisation_id(app, PARTNER_ORGANISATION)
    shared = []
    for day in (22, 23, 24):
        document_id = issue(caseworker, day, fmt="docx").headers["X-Document-Id"]
        made = caseworker.post(
            f"/api/v1/documents/{document_id}/shares", json={"organisation_id": partners}
        )
        assert made.status_code == 201
        shared.append(document_id)
    first = partner.get("/api/v1/shared", query_string={"per_page": 2}).get_json()
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 3)
    assert [item["id"] for item in first["documents"]] == [shared[2], shared[1]]
    second = partner.get("/api/v1/shared", query_string={"page": 2, "per_page": 2}).get_json()
    assert [item["id"] for item in second["documents"]] == [shared[0]]
    bad = partner.get("/api/v1/shared", query_string={"per_page": 1000})
    assert bad.status_code == 422 and "per_page" in bad.get_json()["errors"]
