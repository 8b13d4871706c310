"""The store check finds every missing or damaged document and every seal that disagrees;
documents made without a case are purged with everything of theirs once past retention.

Each backend gets its own application and database here: the faults planted would
otherwise meet other tests' documents.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from service.rendering import page_images
from service.rendering.page_images import RENDERER_VERSION
from service.storage.models import utc_now
from tests.conftest import build_test_app, client_as, fresh_postgres_database
from tests.jobs.helpers import wait_for_job
from tests.storage.test_erasure import marker_name, places_holding

BIRTH_FACT = "identity.birth_fact_court_application"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def own_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """An application with a database of its own (SQLite and files; PostgreSQL and blobs)."""
    var_dir: Path = tmp_path_factory.mktemp(f"own-{request.param}")
    if request.param == "sqlite":
        app = build_test_app(var_dir)
        yield app
        return
    with fresh_postgres_database() as url:
        app = build_test_app(var_dir, url)
        yield app
        app.extensions["storage"].database.dispose()


def render(app: Flask, example: dict[str, Any], fmt: str, surname: str) -> dict[str, str]:
    """A document made through POST /render for a child of this surname: id and SHA-256."""
    data = copy.deepcopy(example)
    data["child"]["surname"] = surname
    data["court"]["name"] += f" {uuid.uuid4().hex[:6]}"
    response = client_as(app, "caseworker").post(
        "/api/v1/render", json={"template": BIRTH_FACT, "lang": "uk", "format": fmt, "data": data}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return {"id": response.headers["X-Document-Id"], "sha256": response.headers["X-Content-SHA256"]}


def verify_store(app: Flask) -> tuple[int, dict[str, Any]]:
    """Run `flask documents verify-store`: its exit status and its JSON report."""
    result = app.test_cli_runner().invoke(args=["documents", "verify-store"])
    return result.exit_code, json.loads(result.stdout)


def test_the_store_check_names_each_missing_damaged_or_mismatched_document(
    own_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    surname, _ = marker_name()
    made = [render(own_app, birth_fact_example, fmt, surname) for fmt in ("pdf", "docx", "pdf")]
    status, report = verify_store(own_app)
    assert status == 0 and report["healthy"], report
    assert report["documents"] == 3 and report["signatures_checked"] == 2

    storage = own_app.extensions["storage"]
    damaged, missing, mismatched = made
    garbage = storage.cipher.encrypt(b"%PDF-1.7 not what was stored")
    if storage.files.joins_transactions:
        with storage.database.engine.begin() as connection:
            connection.execute(
                sa.text("UPDATE document_blobs SET content = :c WHERE sha256 = :s"),
                {"c": garbage, "s": damaged["sha256"]},
            )
    else:
        storage.files.path_of(damaged["sha256"]).write_bytes(garbage)
    storage.files.delete(missing["sha256"])
    with storage.database.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE document_seals SET sha256 = :s WHERE document_id = :d"),
            {"s": "0" * 64, "d": mismatched["id"]},
        )
    status, report = verify_store(own_app)
    assert status == 1 and not report["healthy"]
    assert report["damaged"] == [damaged["id"]]
    assert report["missing"] == [missing["id"]]
    assert report["seal_mismatch"] == [mismatched["id"]]


def test_documents_made_without_a_case_are_purged_with_their_previews_jobs_and_seals(
    own_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    surname, latin = marker_name()
    client = client_as(own_app, "caseworker")
    document = render(own_app, birth_fact_example, "pdf", surname)
    storage = own_app.extensions["storage"]
    pdf = storage.files.load(document["sha256"])
    images = storage.page_images(RENDERER_VERSION)
    images.ensure(document["sha256"], lambda: page_images.render_page_images(pdf))
    data = copy.deepcopy(birth_fact_example)
    data["child"]["surname"] = surname
    job = client.post(
        "/api/v1/jobs",
        json={"kind": "bulk_render", "template": BIRTH_FACT, "format": "docx", "cases": [data]},
    )
    assert wait_for_job(client, job.headers["Location"])["state"] == "done"
    code = client.get(f"/api/v1/documents/{document['id']}/verification").get_json()["code"]
    assert "jobs.request_encrypted" in places_holding(own_app, (surname, latin))

    # Young ones stay.
    runner = own_app.test_cli_runner()
    first = runner.invoke(args=["purge"])
    assert first.exit_code == 0, (first.output, first.exception)
    kept = json.loads(first.stdout)
    assert (
        kept["documents"] == 0
        and client.get(f"/api/v1/documents/{document['id']}").status_code == 200
    )
    with storage.database.engine.begin() as connection:
        for table in ("documents", "jobs"):
            connection.execute(
                sa.text(f"UPDATE {table} SET created_at = :at"),  # noqa: S608 - fixed names
                {"at": utc_now() - timedelta(days=31)},
            )
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.stderr
    purged = json.loads(result.stdout)
    assert purged["documents"] >= 2 and purged["jobs"] == 1
    assert places_holding(own_app, (surname, latin)) == []
    assert not images.folder_of(document["sha256"]).exists()
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "its data was deleted when the retention period ended" in page
    assert verify_store(own_app)[0] == 0
