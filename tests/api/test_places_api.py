"""GET /api/v1/places: a picker finds a settlement and gives its KATOTTG code."""

from __future__ import annotations

from flask.testing import FlaskClient

MARIUPOL = "UA14140050010029262"


def test_places_begin_with_what_was_typed_and_give_their_code(client: FlaskClient) -> None:
    response = client.get("/api/v1/places", query_string={"q": "м. Маріуп"})
    assert response.status_code == 200
    [place] = response.get_json()["places"]
    assert place["katottg"] == MARIUPOL
    assert place["settlement"] == "м. Маріуполь"
    assert place["line"]["en"].startswith("city of Mariupol, Mariupolska City Hromada")


def test_places_are_found_by_their_latin_name_too(client: FlaskClient) -> None:
    found = client.get("/api/v1/places", query_string={"q": "Donetsk"}).get_json()["places"]
    assert found[0]["settlement"] == "м. Донецьк"


def test_a_query_of_one_letter_is_refused_naming_the_field(client: FlaskClient) -> None:
    response = client.get("/api/v1/places", query_string={"q": "М"})
    assert response.status_code == 422
    assert "q" in response.get_json()["errors"]
