"""The audit trail's query: limits a database can hold, on SQLite and PostgreSQL."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_an_audit_offset_past_any_database_integer_is_a_422(storage_admin: FlaskClient) -> None:
    # found by the fuzzer: a 27-digit offset overflowed the database's integer (a 500)
    response = storage_admin.get("/api/v1/audit?offset=588340795947219705455968256")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["offset"]
    assert storage_admin.get("/api/v1/audit?offset=1000000000").status_code == 200
