"""Past one machine (issue 19): two web nodes, a Celery worker, shared PostgreSQL and Redis.

Started by `make cluster-test` (and `.ci/run`), not by `make test`: the cluster is real
processes on loopback (gunicorn nodes with separate var/ folders, `celery worker`), built
by scripts/cluster.py exactly as `make cluster` builds it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import sqlalchemy as sa

from scripts.cluster import BIN, PROJECT, Cluster
from service.documents.catalog import get_template
from service.storage.blobs import DatabaseFileStore
from service.storage.crypto import load_cipher
from service.storage.database import Database

pytestmark = pytest.mark.cluster

BIRTH_FACT = "identity.birth_fact_court_application"
RATE_LIMIT = 100  # per minute and token, counted in Redis for every node


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A started cluster of its own database, stopped and dropped afterwards."""
    running = Cluster(
        tmp_path_factory.mktemp("cluster"),
        f"paperwork_cluster_{uuid.uuid4().hex[:8]}",
        (free_port(), free_port()),
        queue=f"paperwork-cluster-{uuid.uuid4().hex[:6]}",
        rate_limit=f"{RATE_LIMIT} per minute",
        job_lease_seconds=6,
    )
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.drop_database()


def flask_command(cluster: Cluster, *args: str) -> str:
    """Run a `flask --app wsgi` command against the cluster's database; its output."""
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=PROJECT,
        env=cluster.environment(cluster.root / "shared"),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def organisation(cluster: Cluster) -> str:
    """An organisation of the cluster's database."""
    return str(json.loads(flask_command(cluster, "orgs", "create", "--name", "Офіс"))["id"])


def caseworker_token(cluster: Cluster, organisation: str) -> str:
    """A new caseworker token (each test counts its own rate limit)."""
    output = flask_command(
        cluster,
        "tokens",
        "create",
        "--role",
        "caseworker",
        "--name",
        "cluster",
        "--organisation",
        organisation,
    )
    return output.strip().rsplit(" ", 1)[-1]


def client(base: str, token: str) -> httpx.Client:
    """An HTTP client of one node with a token (close it: use it in a `with`)."""
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@contextmanager
def both_nodes(cluster: Cluster, token: str) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Clients of node A and node B with the same token."""
    with (
        client(cluster.nodes[0].url, token) as node_a,
        client(cluster.nodes[1].url, token) as node_b,
    ):
        yield node_a, node_b


def family(count: int) -> dict[str, Any]:
    """Case data of the court application's family, with `count` children born under occupation."""
    example = get_template(BIRTH_FACT).load_example()
    names = ["Артем", "Марія", "Олег", "Ірина", "Тарас", "Оксана"]
    kids = []
    for number in range(count):
        child = copy.deepcopy(example["child"])
        child["given_name"] = names[number % len(names)]
        # The packet follows each child's plan: born in Donetsk under occupation (derived),
        # with only the occupiers' certificate, so the plan has the court application.
        child["situation"] = {"documents": ["occupation_birth_certificate"]}
        kids.append(child)
    return {
        "children": kids,
        "father": example["father"],
        "applicant": example["applicant"],
        "circumstances": example["circumstances"],
        "template_data": {
            BIRTH_FACT: {
                key: example[key]
                for key in ("court", "interested_party", "evidence", "occupation_birth_certificate")
            }
        },
    }


def wait_for_job(node: httpx.Client, url: str, timeout: float = 180) -> dict[str, Any]:
    """Poll a job (once a second: under the rate limit) until it ends; its last state."""
    deadline = time.monotonic() + timeout
    while True:
        answer = node.get(url)
        assert answer.status_code == 200, answer.text[:300]
        job: dict[str, Any] = answer.json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(1)


def children(pid: int) -> set[int]:
    """The processes a process started (none once it is gone)."""
    try:
        return {
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        }
    except FileNotFoundError:
        return set()


def descendants(pid: int) -> set[int]:
    """Every process below a process (children, their children, ...)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        below = children(pending.pop())
        found |= below
        pending.extend(below)
    return found


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(") ", 1)[1][0] != "Z"


def test_a_document_made_through_one_node_is_served_by_the_other(
    cluster: Cluster, organisation: str
) -> None:
    token = caseworker_token(cluster, organisation)
    example = get_template(BIRTH_FACT).load_example()
    with both_nodes(cluster, token) as (node_a, node_b):
        made = node_a.post("/api/v1/render", json={"template": BIRTH_FACT, "data": example})
        assert made.status_code == 200, made.text[:300]
        document_id = made.headers["X-Document-Id"]
        served = node_b.get(f"/api/v1/documents/{document_id}/file")
    assert served.status_code == 200, served.text[:300]
    assert served.content == made.content
    assert hashlib.sha256(served.content).hexdigest() == made.headers["X-Content-SHA256"]


def test_a_packet_job_posted_to_one_node_runs_on_the_worker_and_is_fetched_from_the_other(
    cluster: Cluster, organisation: str
) -> None:
    token = caseworker_token(cluster, organisation)
    with both_nodes(cluster, token) as (node_a, node_b):
        case = node_a.post("/api/v1/cases", json={"data": family(1)}).json()
        started = node_a.post("/api/v1/jobs", json=packet(case["id"], ["uk", "en"], ["pdf"]))
        assert started.status_code == 202, started.text[:300]
        job = wait_for_job(node_b, started.headers["Location"])
        assert (job["state"], job["done"], job["failed"]) == ("done", 2, 0), job
        for result in job["results"]:
            file = node_b.get(result["download_url"])
            assert file.status_code == 200 and file.content.startswith(b"%PDF")


def packet(case_id: str, langs: list[str], formats: list[str]) -> dict[str, Any]:
    """A packet job of the court application for every child of a case."""
    return {
        "kind": "packet",
        "case_id": case_id,
        "documents": [BIRTH_FACT],
        "langs": langs,
        "formats": formats,
    }


def test_a_worker_killed_mid_packet_is_replaced_and_the_job_completes_with_each_document_once(
    cluster: Cluster, organisation: str
) -> None:
    token = caseworker_token(cluster, organisation)
    with client(cluster.nodes[0].url, token) as node_a:
        case = node_a.post("/api/v1/cases", json={"data": family(4)}).json()
        body = packet(case["id"], ["uk", "en", "uk-en"], ["pdf", "docx"])
        started = node_a.post("/api/v1/jobs", json=body)
        assert started.status_code == 202, started.text[:300]
        url = started.headers["Location"]
        deadline = time.monotonic() + 120
        while (progress := node_a.get(url).json())["done"] < 3:
            assert progress["state"] in ("queued", "running"), progress
            assert time.monotonic() < deadline, progress
            time.sleep(0.5)
        assert progress["done"] < progress["total"], "the packet ended before the kill"
        assert cluster.worker is not None
        os.killpg(cluster.worker.pid, signal.SIGKILL)  # as the OOM killer would
        cluster.worker.wait()
        cluster.start_worker()
        job = wait_for_job(node_a, url)
    assert (job["state"], job["done"], job["failed"]) == ("done", 24, 0), job
    ids = [result["document_id"] for result in job["results"]]
    assert len(ids) == len(set(ids)) == 24
    with psycopg.connect(cluster.database_url) as connection:
        stored = connection.execute(
            "SELECT count(*), count(DISTINCT input_sha256) FROM documents WHERE case_id = %s",
            (case["id"],),
        ).fetchone()
        missing = connection.execute(
            "SELECT count(*) FROM documents d LEFT JOIN document_blobs b ON b.sha256 = d.sha256"
            " WHERE b.sha256 IS NULL"
        ).fetchone()
        running = connection.execute("SELECT count(*) FROM jobs WHERE state = 'running'").fetchone()
    assert stored == (24, 24), "each document was made once"
    assert missing == (0,), "every document record has its bytes"
    assert running == (0,), "no job is left running"


def test_a_web_worker_killed_mid_render_leaves_no_process_behind(
    cluster: Cluster, organisation: str
) -> None:
    node = cluster.nodes[1]
    assert node.process is not None
    web_worker = min(children(node.process.pid))
    below = descendants(web_worker)
    assert below, "the web worker has render processes"
    token = caseworker_token(cluster, organisation)
    example = get_template(BIRTH_FACT).load_example()

    def render() -> None:
        with client(node.url, token) as rendering, suppress(httpx.HTTPError):
            rendering.post("/api/v1/render", json={"template": BIRTH_FACT, "data": example})

    under_way = threading.Thread(target=render)
    under_way.start()
    time.sleep(0.3)  # the render process is at work
    os.kill(web_worker, signal.SIGKILL)
    under_way.join(timeout=30)
    deadline = time.monotonic() + 3
    while any(alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in below if alive(pid)], "processes outlived their web worker"
    with client(node.url, token) as again:
        deadline = time.monotonic() + 60
        while again.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "gunicorn did not replace the worker"
            time.sleep(0.5)


def test_rate_limits_hold_across_both_nodes(cluster: Cluster, organisation: str) -> None:
    token = caseworker_token(cluster, organisation)
    with both_nodes(cluster, token) as nodes:
        statuses = [nodes[number % 2].get("/api/v1/templates").status_code for number in range(130)]
    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT, "each node counts the other's requests"
    assert set(statuses[RATE_LIMIT:]) == {429}


def test_after_the_faults_every_record_has_its_bytes_every_hash_holds_and_no_job_runs(
    cluster: Cluster,
) -> None:
    database = Database(cluster.database_url)
    keys = cluster.shared_settings()["PAPERWORK_DATA_KEYS"]
    store = DatabaseFileStore(database, load_cipher(keys, cluster.root / "unused.key"))
    try:
        with database.connection() as connection:
            hashes = list(connection.scalars(sa.text("SELECT DISTINCT sha256 FROM documents")))
            states = dict(
                connection.execute(sa.text("SELECT state, count(*) FROM jobs GROUP BY state")).all()
            )
        assert len(hashes) >= 27
        for sha256 in hashes:
            assert hashlib.sha256(store.load(sha256)).hexdigest() == sha256
        assert set(states) <= {"done", "failed"}, states
    finally:
        database.dispose()
