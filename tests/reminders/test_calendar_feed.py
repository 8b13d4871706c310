"""The calendar feed, made and revoked on the reminders page and read back with the
`icalendar` library as calendar apps read it; and the page itself."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import icalendar
from flask.testing import FlaskClient
from sqlalchemy import select

from service.reminders.calendar import fold
from service.storage.models import ReminderSettings
from tests.reminders.conftest import FORBIDDEN, TODAY, Scenario, days, sign_in_as
from tests.web.conftest import csrf

FEED_ADDRESS = re.compile(r'id="new-feed"[^>]* value="([^"]+)"')


def make_feed(client: FlaskClient) -> str:
    """Make a feed on the reminders page; the path of the address shown once."""
    page = client.get("/reminders").get_data(as_text=True)
    response = client.post("/reminders/feed", data={"_csrf_token": csrf(page)})
    assert response.status_code == 302
    page = client.get("/reminders").get_data(as_text=True)
    found = FEED_ADDRESS.search(page)
    assert found, page
    assert not FEED_ADDRESS.search(client.get("/reminders").get_data(as_text=True))  # once
    return "/" + found.group(1).split("/", 3)[3]


def read_feed(client: FlaskClient, path: str) -> icalendar.Calendar:
    """Fetch a feed as a calendar app does (no session) and parse it."""
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.get_data()
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "a line longer than 75 octets"
    return icalendar.Calendar.from_ical(body)


def events(calendar: icalendar.Calendar) -> dict[date, list[icalendar.Event]]:
    """The events of a calendar by their start day."""
    found: dict[date, list[icalendar.Event]] = {}
    for event in calendar.walk("VEVENT"):
        found.setdefault(event.decoded("DTSTART"), []).append(event)
    return found


def test_the_feed_lists_each_due_date_of_her_cases(scenario: Scenario) -> None:
    anna = sign_in_as(scenario.app, "anna@example.org")
    path = make_feed(anna)
    outsider = scenario.app.test_client()  # a calendar app: no session, only the address
    calendar = read_feed(outsider, path)
    assert str(calendar["X-WR-CALNAME"]) == "Строки моїх справ"
    by_day = events(calendar)
    # Every binding due date of her cases, past and future (not only the next 7 days).
    assert sorted(by_day) == [days(-10), days(-3), days(5), days(25)]
    first, second = scenario.anna_numbers
    overdue = by_day[days(-10)][0]
    assert str(overdue["SUMMARY"]).startswith(f"Справа {first} · О. К.: Заява про надання")
    assert overdue.decoded("DTEND") == days(-9)  # an all-day event
    assert str(by_day[days(5)][0]["SUMMARY"]).startswith(f"Справа {first} · М. К.:")
    assert str(by_day[days(25)][0]["SUMMARY"]).startswith(f"Справа {second} · О. К.:")
    assert str(overdue["URL"]).endswith(f"/cases/{scenario.anna_cases[0]}#plan")
    text = calendar.to_ical().decode()
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden
    assert scenario.clara_number not in text  # a colleague's case
    # The UIDs stay when the feed is read again and when the language changes.
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert len(uids) == 4
    scenario.app.extensions["storage"].reminders.save_preferences(
        scenario.anna, lang="en", digest=True
    )
    try:
        again = read_feed(outsider, path)
    finally:
        scenario.app.extensions["storage"].reminders.save_preferences(
            scenario.anna, lang="uk", digest=True
        )
    assert {str(event["UID"]) for event in again.walk("VEVENT")} == uids
    english = events(again)[days(-10)][0]
    assert str(english["SUMMARY"]).startswith(f"Case {first} · O. K.: Application for the")
    assert str(again["X-WR-CALNAME"]) == "Deadlines of my cases"


def test_only_the_hash_is_kept_and_a_revoked_or_replaced_address_stops(
    scenario: Scenario,
) -> None:
    clara = sign_in_as(scenario.app, "clara@example.org")
    path = make_feed(clara)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    database = scenario.app.extensions["storage"].database
    with database.session() as session:
        stored = session.scalars(
            select(ReminderSettings.feed_token_sha256).where(
                ReminderSettings.user_id == scenario.clara
            )
        ).one()
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    outsider = scenario.app.test_client()
    calendar = read_feed(outsider, path)
    assert [event.decoded("DTSTART") for event in calendar.walk("VEVENT")] == [TODAY]
    # A new address ends the old one.
    newer = make_feed(clara)
    assert outsider.get(path).status_code == 404
    assert read_feed(outsider, newer)
    # Revoked: the address answers 404, and the page offers to make one again.
    page = clara.get("/reminders").get_data(as_text=True)
    response = clara.post("/reminders/feed/revoke", data={"_csrf_token": csrf(page)})
    assert response.status_code == 302
    assert outsider.get(newer).status_code == 404
    page = clara.get("/reminders").get_data(as_text=True)
    assert 'action="/reminders/feed/revoke"' not in page
    assert outsider.get("/calendar/" + "x" * 43 + ".ics").status_code == 404


def test_a_disabled_persons_feed_stops(scenario: Scenario) -> None:
    users = scenario.app.extensions["users"]
    borys = sign_in_as(scenario.app, "borys@example.org")
    path = make_feed(borys)
    outsider = scenario.app.test_client()
    assert not list(read_feed(outsider, path).walk("VEVENT"))  # no case of his
    users.disable(scenario.borys, actor="test")
    try:
        assert outsider.get(path).status_code == 404
    finally:
        users.enable(scenario.borys, actor="test")


def test_the_page_lists_what_is_due_and_saves_the_settings(scenario: Scenario) -> None:
    anna = sign_in_as(scenario.app, "anna@example.org")
    anna.get("/language/en")
    page = anna.get("/reminders").get_data(as_text=True)
    first, second = scenario.anna_numbers
    assert "<h1>Reminders</h1>" in page
    assert f">{first}</a>" in page and "O. K." in page and "M. K." in page
    assert f">{second}</a>" not in page  # due in 25 days
    assert "anna@example.org" in page
    assert "no mail server set up yet" in page  # the test application has none
    for forbidden in FORBIDDEN:
        assert forbidden not in page, forbidden
    response = anna.post(
        "/reminders", data={"lang": "en", "_csrf_token": csrf(page)}
    )  # the box unticked: no letter
    assert response.status_code == 302
    settings = scenario.app.extensions["storage"].reminders.preferences(scenario.anna)
    assert (settings.lang, settings.digest) == ("en", False)
    recipients = scenario.app.extensions["storage"].reminders.recipients()
    assert scenario.anna not in {person.user_id for person in recipients}
    page = anna.get("/reminders").get_data(as_text=True)
    assert not re.search(r'id="f-digest"[^>]*checked', page)
    anna.post("/reminders", data={"lang": "uk", "digest": "on", "_csrf_token": csrf(page)})
    settings = scenario.app.extensions["storage"].reminders.preferences(scenario.anna)
    assert (settings.lang, settings.digest) == ("uk", True)
    caseload = anna.get("/plan").get_data(as_text=True)
    assert 'href="/reminders"' in caseload


def test_long_lines_fold_at_75_octets_without_splitting_a_letter() -> None:
    line = "SUMMARY:" + "Заява про надання статусу дитини, яка постраждала; " * 4
    folded = list(fold(line))
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert folded[0] + "".join(part[1:] for part in folded[1:]) == line
