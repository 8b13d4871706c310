"""Times are stored in UTC and shown as a caseworker in Kyiv reads a clock, with the zone."""

from __future__ import annotations

from datetime import UTC, datetime

from flask.testing import FlaskClient

from service.web.views import kyiv_time
from tests.web.conftest import child_fields, csrf


def test_a_utc_time_is_shown_in_kyiv_with_its_zone() -> None:
    assert kyiv_time(datetime(2026, 12, 7, 0, 11, tzinfo=UTC)) == "07.12.2026 02:11 EET"
    assert kyiv_time("2026-07-01T00:11:00+00:00") == "01.07.2026 03:11 EEST"
    assert kyiv_time(datetime(2026, 12, 7, 0, 11)) == "07.12.2026 02:11 EET"  # naive: UTC


def test_the_case_page_shows_kyiv_times(caseworker: FlaskClient) -> None:
    form = caseworker.get("/cases/new").get_data(as_text=True)
    response = caseworker.post("/cases/new", data={"_csrf_token": csrf(form), **child_fields()})
    assert response.status_code == 302
    case_page = caseworker.get(response.headers["Location"]).get_data(as_text=True)
    listing = caseworker.get("/cases").get_data(as_text=True)
    now = kyiv_time(datetime.now(UTC))
    zone = now.rsplit(" ", 1)[1]
    assert f" {zone}" in listing  # the case list's "changed" column
    assert now[:10] in case_page and f" {zone}" in case_page  # the history
