"""Each case gets its organisation's short number ("2026-0047"), one after another."""

from __future__ import annotations

import re
import threading
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from service.principal import Principal
from tests.conftest import client_as
from tests.storage.conftest import family_case

NUMBER = re.compile(r"^(\d{4})-(\d{4,})$")


def test_cases_are_numbered_in_turn_within_their_organisation(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    data = {"data": family_case(birth_fact_example)}
    first = storage_client.post("/api/v1/cases", json=data).get_json()
    second = storage_client.post("/api/v1/cases", json=data).get_json()
    one, two = NUMBER.match(first["number"]), NUMBER.match(second["number"])
    assert one and two and one[1] == two[1] == first["created_at"][:4]
    assert int(two[2]) == int(one[2]) + 1
    assert storage_client.get(first["url"]).get_json()["number"] == first["number"]
    numbers = storage_app.extensions["storage"].cases.numbers({first["id"], second["id"]})
    assert numbers == {first["id"]: first["number"], second["id"]: second["number"]}
    # another organisation counts its own cases
    theirs = client_as(storage_app, "other_caseworker").post("/api/v1/cases", json=data)
    assert NUMBER.match(theirs.get_json()["number"])


def test_cases_made_at_once_get_different_numbers(storage_app: Flask) -> None:
    storage = storage_app.extensions["storage"]
    organisation = storage_app.extensions["access"].create_organisation("Паралельна")
    principal = Principal(id="test", role="caseworker", organisation_id=organisation)
    numbers: list[str | None] = []
    errors: list[BaseException] = []

    def create() -> None:
        try:
            numbers.append(storage.cases.create({}, principal=principal).number)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(numbers)) == 8
