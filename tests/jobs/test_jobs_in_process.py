"""Jobs with the in-process runner: packets and bulk renders in the background, webhooks.

The job thread of the web process renders in the render pool's processes; a webhook
goes to a real HTTP server on 127.0.0.1 with an HMAC signature, and is retried with
backoff until it is answered with a 2xx or the attempts run out.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from service.jobs.webhooks import SIGNATURE_HEADER, verify
from tests.conftest import BIRTH_FACT, build_test_app, client_as
from tests.jobs.helpers import WEBHOOK_SECRET, ndjson, wait_for_job, webhook_receiver
from tests.readback import docx_text, pdf_text
from tests.storage.conftest import family_case


@pytest.fixture(scope="module")
def jobs_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application whose jobs run in a thread, rendering in one pool process."""
    app = build_test_app(
        tmp_path_factory.mktemp("jobs"),
        RENDER_WORKERS=1,
        WEBHOOK_SECRET=WEBHOOK_SECRET,
        WEBHOOK_MAX_ATTEMPTS=3,
        WEBHOOK_BACKOFF_SECONDS=0.2,
    )
    yield app
    app.extensions["jobs"].shutdown()
    app.extensions["render_pool"].shutdown()


def bulk_body(example: dict[str, Any], count: int, **extra: Any) -> dict[str, Any]:
    """A bulk render of `count` data objects that no earlier test rendered."""
    cases = []
    for number in range(count):
        data = copy.deepcopy(example)
        data["court"]["name"] += f" №{number} {uuid.uuid4().hex[:6]}"
        cases.append(data)
    return {
        "kind": "bulk_render",
        "template": BIRTH_FACT,
        "format": "docx",
        "cases": cases,
        **extra,
    }


def test_a_packet_job_renders_every_document_of_the_case_in_the_background(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(jobs_app, "caseworker")
    case = client.post("/api/v1/cases", json={"data": family_case(birth_fact_example)})
    assert case.status_code == 201
    case_id = case.get_json()["id"]
    response = client.post(
        "/api/v1/jobs",
        json={
            "kind": "packet",
            "case_id": case_id,
            "documents": [BIRTH_FACT],
            "langs": ["uk", "en"],
            "formats": ["pdf", "docx"],
        },
    )
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    assert response.headers["Location"] == response.get_json()["url"]
    assert response.get_json()["total"] == 2 * 2 * 2  # children x languages x formats
    job = wait_for_job(client, response.headers["Location"])
    assert job["state"] == "done", job
    assert (job["done"], job["failed"]) == (8, 0)
    children = {child["id"] for child in case.get_json()["data"]["children"]}
    assert {result["child_id"] for result in job["results"]} == children
    for result in job["results"]:
        download = client.get(result["download_url"])
        assert download.status_code == 200
        text = pdf_text(download.data) if result["format"] == "pdf" else docx_text(download.data)
        assert "Петренко" in text or "Petrenko" in text
    # The case lists the documents, and the other organisation sees neither case nor job.
    assert len(client.get(f"/api/v1/cases/{case_id}").get_json()["documents"]) == 8
    other = client_as(jobs_app, "other_caseworker")
    assert other.get(response.headers["Location"]).status_code == 404


def test_a_bulk_render_from_json_lines_reports_each_items_error(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    body = bulk_body(birth_fact_example, 2)
    broken = copy.deepcopy(birth_fact_example)
    del broken["court"]
    lines = [body["cases"][0], broken, body["cases"][1]]
    client = client_as(jobs_app, "system")
    response = client.post(
        f"/api/v1/jobs?template={BIRTH_FACT}&lang=uk&format=docx",
        data=ndjson(lines),
        content_type="application/x-ndjson",
    )
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    job = wait_for_job(client, response.headers["Location"])
    assert (job["state"], job["total"], job["done"], job["failed"]) == ("done", 3, 3, 1)
    first, second, third = job["results"]
    assert first["document_id"] and third["document_id"]
    assert second["error"]["status"] == 422
    assert "court" in second["error"]["errors"]
    assert second["error"]["errors"]["court"][0]["uk"]


def test_repeating_a_bulk_render_reuses_the_stored_documents(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(jobs_app, "system")
    body = bulk_body(birth_fact_example, 2)
    first = wait_for_job(client, client.post("/api/v1/jobs", json=body).headers["Location"])
    again = wait_for_job(client, client.post("/api/v1/jobs", json=body).headers["Location"])
    assert [r["reused"] for r in first["results"]] == [False, False]
    assert [r["reused"] for r in again["results"]] == [True, True]
    assert [r["document_id"] for r in again["results"]] == [
        r["document_id"] for r in first["results"]
    ]


def test_a_finished_job_calls_its_webhook_signed(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(jobs_app, "system")
    with webhook_receiver(204) as receiver:
        body = bulk_body(birth_fact_example, 1, webhook_url=receiver.url)
        response = client.post("/api/v1/jobs", json=body)
        assert response.status_code == 202, response.get_data(as_text=True)[:500]
        receiver.wait_for(1)
    delivery = receiver.received[0]
    payload = json.loads(delivery["body"])
    assert payload["job_id"] == response.get_json()["id"]
    assert (payload["state"], payload["done"], payload["total"]) == ("done", 1, 1)
    header = delivery["headers"][SIGNATURE_HEADER]
    assert verify(WEBHOOK_SECRET.encode(), header, delivery["body"], now=time.time())
    assert not verify(b"another secret", header, delivery["body"], now=time.time())
    assert not verify(WEBHOOK_SECRET.encode(), header, delivery["body"] + b" ", now=time.time())
    job = wait_for_job(client, response.headers["Location"])
    deadline = time.monotonic() + 10
    while job["webhook"]["state"] != "delivered" and time.monotonic() < deadline:
        job = client.get(response.headers["Location"]).get_json()
    assert job["webhook"] == {"state": "delivered", "attempts": 1}


def test_a_failing_webhook_is_retried_with_backoff_then_given_up(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(jobs_app, "system")
    with webhook_receiver(500, 503, 500, 204) as receiver:
        body = bulk_body(birth_fact_example, 1, webhook_url=receiver.url)
        location = client.post("/api/v1/jobs", json=body).headers["Location"]
        receiver.wait_for(3)
        deadline = time.monotonic() + 10
        job = client.get(location).get_json()
        while job["webhook"]["state"] != "failed" and time.monotonic() < deadline:
            time.sleep(0.05)
            job = client.get(location).get_json()
    assert job["webhook"] == {"state": "failed", "attempts": 3}
    assert len(receiver.received) == 3  # bounded: three attempts, then it gives up
    gaps = [later - earlier for earlier, later in itertools.pairwise(receiver.times)]
    assert gaps[0] >= 0.2 and gaps[1] >= 0.4  # exponential backoff
    for delivery in receiver.received:
        header = delivery["headers"][SIGNATURE_HEADER]
        assert verify(WEBHOOK_SECRET.encode(), header, delivery["body"], now=time.time())


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/x",
        "http://10.0.0.8/hooks",
        "http://example.org/hooks",
        "http://user:pw@127.0.0.1/hooks",
        "javascript:alert(1)",
        "http://127.0.0.1:99999/x",
    ],
)
def test_webhooks_go_only_to_allowed_http_addresses(
    jobs_app: Flask, birth_fact_example: dict[str, Any], url: str
) -> None:
    body = bulk_body(birth_fact_example, 1, webhook_url=url)
    response = client_as(jobs_app, "system").post("/api/v1/jobs", json=body)
    assert response.status_code == 422
    assert "webhook_url" in response.get_json()["errors"]


def test_webhooks_need_a_configured_secret(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    body = bulk_body(birth_fact_example, 1, webhook_url="http://127.0.0.1:9/x")
    response = client_as(app, "system").post("/api/v1/jobs", json=body)
    assert response.status_code == 422
    assert "webhook_url" in response.get_json()["errors"]


def test_who_may_start_which_job(jobs_app: Flask, birth_fact_example: dict[str, Any]) -> None:
    packet = {"kind": "packet", "case_id": "0" * 32, "documents": [BIRTH_FACT]}
    assert client_as(jobs_app, "system").post("/api/v1/jobs", json=packet).status_code == 403
    assert client_as(jobs_app, "partner").post("/api/v1/jobs", json=packet).status_code == 403
    assert client_as(jobs_app, "caseworker").post("/api/v1/jobs", json=packet).status_code == 404
    assert client_as(jobs_app, None).post("/api/v1/jobs", json=packet).status_code == 401
    missing = client_as(jobs_app, "caseworker").post("/api/v1/jobs", json={"kind": "packet"})
    assert missing.status_code == 422
    assert set(missing.get_json()["errors"]) == {"case_id"}  # documents: the plan's ready ones
    unknown = bulk_body(birth_fact_example, 1)
    unknown["template"] = "identity.nothing"
    assert client_as(jobs_app, "system").post("/api/v1/jobs", json=unknown).status_code == 404
    assert client_as(jobs_app, "system").get("/api/v1/jobs/" + "0" * 32).status_code == 404


def test_a_malformed_json_lines_upload_names_the_line(jobs_app: Flask, tmp_path: Path) -> None:
    client = client_as(jobs_app, "system")
    response = client.post(
        f"/api/v1/jobs?template={BIRTH_FACT}",
        data=b'{"a": 1}\n[1, 2]\n',
        content_type="application/x-ndjson",
    )
    assert response.status_code == 400
    assert "2" in response.get_json()["i18n"]["en"]["detail"]
    no_template = client.post(
        "/api/v1/jobs", data=b'{"a": 1}\n', content_type="application/x-ndjson"
    )
    assert no_template.status_code == 422


def test_a_bulk_render_refuses_a_birth_that_was_not_under_occupation_without_naming_the_child(
    jobs_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    body = bulk_body(birth_fact_example, 1)
    before = copy.deepcopy(body["cases"][0])
    before["child"]["birth_date"] = "2011-03-14"
    before["occupation_birth_certificate"]["issue_date"] = "2011-03-21"
    body["cases"].append(before)
    client = client_as(jobs_app, "system")
    response = client.post("/api/v1/jobs", json=body)
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    job = wait_for_job(client, response.headers["Location"])
    made, refused = job["results"]
    assert made["document_id"]
    assert refused["error"]["type"] == "/problems/not-applicable"
    [refusal] = refused["error"]["refusals"]
    assert refusal["person"] == {"path": "child"}
    assert refusal["fact"]["uk"].startswith("Дитина народилася 14.03.2011")
    assert refusal["fact"]["en"].startswith("The child was born on 14 March 2011")
    assert "Петренко" not in json.dumps(job, ensure_ascii=False)
