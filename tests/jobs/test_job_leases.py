"""Jobs that finish or fail, never hang (issue 19): leases, taking a lapsed job again, giving up.

A runner that dies (kill -9, the OOM killer) stops renewing its job's lease; the sweeper
hands the job to a runner again, which goes on where the dead one stopped. A job whose
runner dies on every attempt ends failed, with a reason in Ukrainian and English, and
its webhook is sent.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask

from service.jobs.executor import JobExecutor
from service.jobs.runners import JobSweeper
from service.jobs.service import JobService
from service.jobs.store import DONE, FAILED
from service.principal import Principal
from tests.conftest import BIRTH_FACT, build_test_app, client_as
from tests.jobs.helpers import WEBHOOK_SECRET, webhook_receiver
from tests.storage.conftest import family_case

LEASE = 0.5
DEAD_RUNNER_LEASE = 3.0  # long enough to make two documents before it runs out


@pytest.fixture(scope="module")
def lease_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application whose jobs hold short leases and are tried at most twice."""
    app = build_test_app(
        tmp_path_factory.mktemp("leases"),
        RENDER_WORKERS=1,
        JOB_LEASE_SECONDS=LEASE,
        JOB_MAX_ATTEMPTS=2,
        WEBHOOK_SECRET=WEBHOOK_SECRET,
        WEBHOOK_BACKOFF_SECONDS=0.2,
    )
    yield app
    app.extensions["jobs"].shutdown()
    app.extensions["render_pool"].shutdown()


def queued_packet(app: Flask, example: dict[str, Any], webhook_url: str | None = None) -> str:
    """A packet job recorded but not started (as if its process died before running it)."""
    client = client_as(app, "caseworker")
    case = client.post("/api/v1/cases", json={"data": family_case(example)}).get_json()
    service: JobService = app.extensions["jobs"]
    principal = app.extensions["access"].authenticate(app.config["TEST_TOKENS"]["caseworker"])
    assert principal is not None
    request = {
        "case_id": case["id"],
        "documents": [BIRTH_FACT],
        "child_ids": None,
        "langs": ["uk", "en"],
        "formats": ["docx"],
    }
    view = service.store.create(
        "packet",
        request,
        total=4,
        principal=principal,
        case_id=case["id"],
        organisation_id=principal.organisation_id,
        webhook_url=webhook_url,
    )
    return view.id


def test_a_job_whose_runner_died_is_taken_again_and_goes_on_where_it_stopped(
    lease_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    service: JobService = lease_app.extensions["jobs"]
    store = service.store
    job_id = queued_packet(lease_app, birth_fact_example)
    executor = service.runner.executor  # type: ignore[attr-defined]  # the in-process runner's
    # The first runner makes two of the four documents, records them, and dies.
    work = store.claim(job_id, lease_seconds=DEAD_RUNNER_LEASE, max_attempts=2)
    assert work is not None
    case, items = executor.plan(work)
    first = list(executor.process(items[:2], work.principal, case, date.today()))
    store.record_progress(job_id, first, work.lease)
    store.renew(job_id, work.lease, DEAD_RUNNER_LEASE)  # its last renewal before it died
    assert store.claim(job_id, lease_seconds=LEASE, max_attempts=2) is None, "the lease holds"
    sweeper = JobSweeper(lambda: store, executor.run, interval=60, queued_grace=None)
    assert sweeper.sweep() == []
    time.sleep(DEAD_RUNNER_LEASE)
    assert sweeper.sweep() == [job_id]
    job = store.view(job_id)
    assert (job.state, job.done, job.failed) == (DONE, 4, 0)
    assert [result["index"] for result in job.results] == [0, 1, 2, 3]
    assert job.results[:2] == first, "what the dead runner made is kept, not made again"
    assert len({result["document_id"] for result in job.results}) == 4


def test_a_job_whose_runner_dies_every_time_ends_failed_and_says_why(
    lease_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    service: JobService = lease_app.extensions["jobs"]
    store = service.store
    with webhook_receiver(204) as receiver:
        job_id = queued_packet(lease_app, birth_fact_example, webhook_url=receiver.url)
        for _attempt in range(2):  # each runner takes it and dies
            assert store.claim(job_id, lease_seconds=0.01, max_attempts=2) is not None
            time.sleep(0.05)
        sweeper = JobSweeper(lambda: store, service._submit, interval=60, queued_grace=None)
        assert sweeper.sweep() == [job_id]
        receiver.wait_for(1)
    job = store.view(job_id)
    assert job.state == FAILED
    reason = job.results[-1]["error"]
    assert reason["type"] == "/problems/job-abandoned"
    assert "2" in reason["detail"]["en"] and "2" in reason["detail"]["uk"]
    assert reason["title"]["uk"] != reason["title"]["en"]
    delivered = json.loads(receiver.received[0]["body"])
    assert delivered["state"] == "failed"
    assert store.expired() == [], "a failed job is not taken again"


def test_a_job_whose_case_was_erased_before_it_ran_ends_quietly(
    lease_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    job_id = queued_packet(lease_app, birth_fact_example)
    service: JobService = lease_app.extensions["jobs"]
    case_id = service.store.view(job_id).case_id
    assert case_id is not None
    admin = Principal(id="test-admin", role="admin", organisation_id=None)
    erased = lease_app.extensions["storage"].erasure.erase_case(
        case_id, principal=admin, reason="opened_in_error"
    )
    assert erased.jobs == 1
    executor = JobExecutor(
        service.store, lease_app.extensions["issuer"], lease_seconds=30, max_attempts=3
    )
    assert executor.run(job_id) is None  # its message arrives after the erasure: nothing runs
    assert lease_app.extensions["storage"].archive.list_for_case(case_id, admin) == []
