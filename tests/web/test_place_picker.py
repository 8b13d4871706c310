"""The place picker of the forms: settlements offered while typing, with their codes."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_place_picker_offers_settlements_with_their_codes(caseworker: FlaskClient) -> None:
    found = caseworker.get("/places", query_string={"q": "м. Маріуп"}).get_json()["places"]
    assert found == [
        {
            "katottg": "UA14140050010029262",
            "line": "м. Маріуполь, Маріупольська міська територіальна громада,"
            " Маріупольський район, Донецька область",
        }
    ]
    page = caseworker.get("/cases/new").get_data(as_text=True)
    assert 'data-places="/places"' in page
