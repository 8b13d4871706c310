"""Background jobs resolve institutions given by reference, each item on its own."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.conftest import BIRTH_FACT, build_test_app, client_as
from tests.jobs.helpers import wait_for_job
from tests.readback import docx_text, normalise_space
from tests.storage.conftest import family_case

COURT = "Голосіївський районний суд міста Києва"


@pytest.fixture(scope="module")
def jobs_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application whose jobs run in a thread, rendering in one pool process."""
    app = build_test_app(tmp_path_factory.mktemp("jobs-institutions"), RENDER_WORKERS=1)
    yield app
    app.extensions["jobs"].shutdown()
    app.extensions["render_pool"].shutdown()


def test_bulk_and_packet_jobs_print_the_directorys_institution(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(jobs_app, "caseworker")
    court = client.post(
        "/api/v1/institutions",
        json={"kind": "court", "name": COURT, "address": {"settlement": "м. Київ"}},
    ).get_json()
    good = copy.deepcopy(birth_fact_example)
    good["court"] = {"institution_id": court["id"]}
    unknown = copy.deepcopy(birth_fact_example)
    unknown["court"] = {"institution_id": "0" * 32}
    response = client.post(
        "/api/v1/jobs",
        json={
            "kind": "bulk_render",
            "template": BIRTH_FACT,
            "format": "docx",
            "cases": [good, unknown],
        },
    )
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    job = wait_for_job(client, response.headers["Location"])
    first, second = job["results"]
    assert COURT in normalise_space(docx_text(client.get(first["download_url"]).data))
    assert second["error"]["status"] == 422
    assert list(second["error"]["errors"]) == ["court.institution_id"]

    data = family_case(birth_fact_example)
    data["template_data"][BIRTH_FACT]["court"] = {"institution_id": court["id"]}
    case = client.post("/api/v1/cases", json={"data": data}).get_json()
    response = client.post(
        "/api/v1/jobs",
        json={
            "kind": "packet",
            "case_id": case["id"],
            "documents": [BIRTH_FACT],
            "langs": ["uk"],
            "formats": ["docx"],
        },
    )
    job = wait_for_job(client, response.headers["Location"])
    assert (job["state"], job["failed"]) == ("done", 0), job
    for result in job["results"]:
        assert COURT in normalise_space(docx_text(client.get(result["download_url"]).data))
