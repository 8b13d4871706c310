"""Cases through the API on SQLite and PostgreSQL: create, read, change, search, page."""

from __future__ import annotations

import copy
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from service.storage.audit import list_events
from service.storage.models import CaseSearchTerm, utc_now
from tests.storage.conftest import family_case


def create(client: FlaskClient, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/cases", json={"data": data})
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    assert response.headers["Location"] == f"/api/v1/cases/{body['id']}"
    return body


def test_create_and_read_a_case(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    created = create(storage_client, family_case(birth_fact_example))
    children = created["data"]["children"]
    assert len(children) == 2 and all(len(child["id"]) == 12 for child in children)
    read = storage_client.get(created["url"]).get_json()
    assert read["data"] == created["data"]
    assert read["data"]["children"][0]["surname"] == "Петренко"
    assert read["documents"] == []


def test_an_incomplete_case_is_accepted_but_each_field_is_checked(
    storage_client: FlaskClient,
) -> None:
    created = create(storage_client, {"children": [{"surname": "Ткач", "given_name": "Мар'яна"}]})
    assert created["data"]["children"][0]["given_name"] == "Марʼяна"
    response = storage_client.post(
        "/api/v1/cases",
        json={"data": {"children": [{"surname": "Ткач", "birth_date": "2030-01-01"}]}},
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["data.children.0.birth_date"]


def test_patch_merges_keeps_child_ids_and_null_removes(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    created = create(storage_client, family_case(birth_fact_example))
    children = copy.deepcopy(created["data"]["children"])
    children[1]["given_name"] = "Марта"
    response = storage_client.patch(
        created["url"], json={"data": {"children": children, "father": None}}
    )
    assert response.status_code == 200
    data = response.get_json()["data"]
    assert [c["id"] for c in data["children"]] == [c["id"] for c in created["data"]["children"]]
    assert data["children"][1]["given_name"] == "Марта"
    assert "father" not in data
    assert data["mother"] == created["data"]["mother"]


def test_search_by_surname_in_either_spelling_with_paging(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    surname = "Шевчук-Зав'ялова"
    for index in range(3):
        case = family_case(birth_fact_example)
        case["children"][0]["surname"] = surname
        case["children"][0]["given_name"] = ["Анна", "Олена", "Ірина"][index]
        case["children"][0]["sex"] = "female"
        case["children"] = case["children"][:1]
        create(storage_client, case)
    for query in ("Шевчук-Зав’ялова", "shevchuk-zavialova", "SHEVCHUK", "Завʼялова"):
        body = storage_client.get(
            "/api/v1/cases", query_string={"surname": query, "per_page": 2}
        ).get_json()
        assert body["total"] == 3, query
        assert len(body["cases"]) == 2
    second = storage_client.get(
        "/api/v1/cases", query_string={"surname": "Shevchuk", "per_page": 2, "page": 2}
    ).get_json()
    assert len(second["cases"]) == 1
    names = {c["data"]["children"][0]["given_name"] for c in [*body["cases"], *second["cases"]]}
    assert names == {"Анна", "Олена", "Ірина"}
    assert (
        storage_client.get("/api/v1/cases", query_string={"surname": "Нема"}).get_json()["total"]
        == 0
    )


def test_search_by_the_beginning_of_a_surname_in_either_spelling(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = family_case(birth_fact_example)
    case["children"][0]["surname"] = "Гнатюк-Омельченко"
    case["children"] = case["children"][:1]
    created = create(storage_client, case)

    def found(query: str) -> list[str]:
        body = storage_client.get("/api/v1/cases", query_string={"surname": query}).get_json()
        return [c["id"] for c in body["cases"]]

    for query in ("Гна", "Гнатю", "hnat", "HNATIUK-OM", "Омель", "omelchenko", "hnatiukome"):
        assert created["id"] in found(query), query
    for query in ("Гн", "натюк", "Омельченкова", "Гнатюкова"):
        assert created["id"] not in found(query), query


def test_reindex_rebuilds_the_search_terms(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = family_case(birth_fact_example)
    case["children"][0]["surname"] = "Перевізник"
    created = create(storage_client, case)
    storage = storage_app.extensions["storage"]
    with storage.database.session() as session:
        session.query(CaseSearchTerm).filter_by(case_id=created["id"]).delete()
    query = {"surname": "Перевіз"}
    assert storage_client.get("/api/v1/cases", query_string=query).get_json()["total"] == 0
    before = utc_now()
    assert storage.cases.reindex(actor="test") >= 1
    body = storage_client.get("/api/v1/cases", query_string=query).get_json()
    assert [c["id"] for c in body["cases"]] == [created["id"]]
    with storage.database.session() as session:
        events = list_events(session, since=before)
    assert [e["action"] for e in events] == ["cases_reindexed"]


def test_bad_paging_is_422(storage_client: FlaskClient) -> None:
    response = storage_client.get("/api/v1/cases", query_string={"per_page": 1000})
    assert response.status_code == 422
    assert "per_page" in response.get_json()["errors"]


def test_unknown_case_is_404(storage_client: FlaskClient) -> None:
    response = storage_client.get("/api/v1/cases/" + "0" * 32)
    assert response.status_code == 404
    assert response.get_json()["type"] == "/problems/case-not-found"
