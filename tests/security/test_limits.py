"""Limits: rate per token (memory and Redis), render time budget, sizes, depth, lengths."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask

from service.access import limits
from tests.conftest import BIRTH_FACT, build_test_app, client_as

REDIS_URL = "redis://127.0.0.1:6379/0"


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    app = build_test_app(tmp_path, RATE_LIMIT="3 per minute")
    client = client_as(app, "system")
    statuses = [client.get("/api/v1/templates").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/templates")
    assert limited.mimetype == "application/problem+json"
    assert limited.get_json()["type"] == "/problems/rate-limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 61
    # another token has its own budget, and health checks are never limited
    assert client_as(app, "admin").get("/api/v1/templates").status_code == 200
    assert all(client.get("/healthz").status_code == 200 for _ in range(5))


def test_counting_requests_in_memory_starts_no_thread_per_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """limits' own memory store started a timer thread every other request."""
    client = client_as(build_test_app(tmp_path, RATE_LIMIT="1000 per minute"), "system")
    assert client.get("/api/v1/templates").status_code == 200
    started: list[str] = []
    original_start = threading.Thread.start

    def counted_start(thread: threading.Thread) -> None:
        started.append(thread.name)
        original_start(thread)

    monkeypatch.setattr(threading.Thread, "start", counted_start)
    for _ in range(30):
        assert client.get("/api/v1/templates").status_code == 200
        time.sleep(0.02)  # longer than limits' 10 ms timer
    assert started == []


def test_expired_counts_are_still_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "EXPIRY_SWEEP_SECONDS", 0.05)
    storage = limits.SteadyMemoryStorage()
    assert storage.acquire_entry("token:expiring", limit=5, expiry=1)
    assert storage.events["token:expiring"]
    deadline = time.monotonic() + 5
    while storage.events.get("token:expiring") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not storage.events.get("token:expiring"), "the entry outlived its window"


@pytest.mark.redis
def test_rate_limit_in_redis_is_shared_by_every_process(tmp_path: Path) -> None:
    redis.Redis.from_url(REDIS_URL).ping()
    limit = "2 per minute"
    settings: dict[str, Any] = {"RATE_LIMIT": limit, "RATE_LIMIT_STORAGE_URI": REDIS_URL}
    first = build_test_app(tmp_path / "a", **settings)
    token = first.config["TEST_TOKENS"]["system"]
    second = build_test_app(
        tmp_path / "b",
        f"sqlite:///{tmp_path / 'a' / 'test.sqlite3'}",
        DATA_KEYS=first.config["DATA_KEYS"],
        **settings,
    )
    headers = {"Authorization": f"Bearer {token}"}
    assert first.test_client().get("/api/v1/templates", headers=headers).status_code == 200
    assert second.test_client().get("/api/v1/templates", headers=headers).status_code == 200
    third = second.test_client().get("/api/v1/templates", headers=headers)
    assert third.status_code == 429
    assert "Retry-After" in third.headers


def test_while_the_shared_limit_store_is_down_requests_are_served_and_still_limited(
    tmp_path: Path,
) -> None:
    # Nothing listens on port 9: as when the Redis server of the shared limits is down.
    app = build_test_app(
        tmp_path, RATE_LIMIT="3 per minute", RATE_LIMIT_STORAGE_URI="redis://127.0.0.1:9/0"
    )
    client = client_as(app, "system")
    statuses = [client.get("/api/v1/templates").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # counted in the process meanwhile, no 500


def test_a_render_over_its_time_budget_is_503_and_the_service_keeps_serving(
    tmp_path: Path, birth_fact_example: dict[str, Any]
) -> None:
    app = build_test_app(tmp_path, RENDER_BUDGET_SECONDS=0.001)
    client = client_as(app, "system")
    body = {"template": BIRTH_FACT, "lang": "uk-en", "format": "pdf", "data": birth_fact_example}
    slow = client.post("/api/v1/render", json=body)
    assert slow.status_code == 503
    assert slow.get_json()["type"] == "/problems/render-timeout"
    assert int(slow.headers["Retry-After"]) > 0
    app.extensions["render_pool"].budget_seconds = 60
    assert client.get("/healthz").status_code == 200
    again = client.post("/api/v1/render", json=body)
    assert again.status_code == 200 and again.data.startswith(b"%PDF")


def test_too_many_children_is_422(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    children = [birth_fact_example["child"]] * 21
    response = client_as(app, "caseworker").post(
        "/api/v1/cases", json={"data": {"children": children}}
    )
    assert response.status_code == 422
    assert "data.children" in response.get_json()["errors"]


def test_a_10000_character_field_is_422_naming_it(
    app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["child"]["surname"] = "Я" * 10_000
    birth_fact_example["court"]["name"] = "Суд " * 2500
    response = client_as(app, "system").post(
        "/api/v1/validate", json={"template": BIRTH_FACT, "data": birth_fact_example}
    )
    assert response.status_code == 422
    assert {"child.surname", "court.name"} <= set(response.get_json()["errors"])


def test_deeply_nested_json_is_400(app: Flask) -> None:
    body = "[" * 40 + "]" * 40
    response = client_as(app, "system").post(
        "/api/v1/validate",
        data=json.dumps({"template": BIRTH_FACT, "data": {}})[:-1] + ', "x": ' + body + "}",
        content_type="application/json",
    )
    assert response.status_code == 400
    absurd = "[" * 100_000 + "]" * 100_000
    assert client_as(app, "system").post(
        "/api/v1/validate", data=absurd, content_type="application/json"
    ).status_code in (400, 413)


def test_unique_ids_are_not_guessable(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    client = client_as(app, "caseworker")
    case = client.post("/api/v1/cases", json={"data": {}}).get_json()
    assert uuid.UUID(hex=case["id"]).version == 4


def test_behind_a_proxy_each_client_address_has_its_own_budget(tmp_path: Path) -> None:
    app = build_test_app(tmp_path, RATE_LIMIT="2 per minute", PROXY_COUNT=1)
    client = app.test_client()

    def status_from(address: str) -> int:
        return client.get("/api/v1/templates", headers={"X-Forwarded-For": address}).status_code

    assert [status_from("203.0.113.5") for _ in range(3)] == [401, 401, 429]
    assert status_from("203.0.113.6") == 401  # another client behind the same proxy
    # A client cannot pose as another by adding an address before the proxy's own.
    spoofed = {"X-Forwarded-For": "203.0.113.7, 203.0.113.5"}
    assert client.get("/api/v1/templates", headers=spoofed).status_code == 429


def test_without_a_proxy_forwarded_addresses_are_ignored(tmp_path: Path) -> None:
    client = build_test_app(tmp_path, RATE_LIMIT="2 per minute").test_client()
    statuses = [
        client.get("/api/v1/templates", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [401, 401, 429]
