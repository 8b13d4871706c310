"""Every field a plan step can ask for has a place in the pages.

For a family that meets every rule of the plan, filled in as far as the seed goes and
then as bare as a first visit leaves it, each "still missing" link of the checklist is
followed: the page it names must have an element of that id, and that element must be
(or hold) a field the caseworker can type into. A link that lands on nothing fails.
"""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.casework import refresh_plan
from service.planning.plan import RULES
from service.principal import Principal

SEED = Path(__file__).parents[1] / "fixtures" / "seed_family.json"
FIELDS = ("input", "select", "textarea")


class Anchors(HTMLParser):
    """The ids of a page, each with whether it is (or holds) a field one can type into."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, bool] = {}
        self.open: list[tuple[str, str | None]] = []  # (tag, id) of the elements still open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        element_id = found.get("id")
        typeable = tag in FIELDS and found.get("type") != "hidden"
        if element_id:
            self.ids[element_id] = typeable
        if typeable:
            for _tag, open_id in self.open:
                if open_id:
                    self.ids[open_id] = True
        if tag not in ("input", "br", "img", "meta", "link", "hr", "option"):
            self.open.append((tag, element_id))

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position][0] == tag:
                del self.open[position:]
                break


class Links(HTMLParser):
    """The links of the checklist's "still missing" lines."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "p" and found.get("class") == "missing":
            self.inside += 1
        elif tag == "a" and self.inside and found.get("href"):
            self.links.append(str(found["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.inside:
            self.inside -= 1


def every_situation() -> dict[str, Any]:
    """The seed family, with a child who came back alone and without parental care."""
    family = json.loads(SEED.read_text(encoding="utf-8"))
    alone = copy.deepcopy(family["children"][5])
    alone["id"] = "alone00001"
    alone["situation"] = {
        "came_from": "russia",
        "documents": ["ua_birth_certificate"],
        "circumstances": ["without_parental_care", "deportation"],
        "with": "alone",
    }
    family["children"].append(alone)
    return family


def bare(family: dict[str, Any]) -> dict[str, Any]:
    """The same family as a first visit leaves it: names, births and situations only."""
    keep = ("id", "surname", "given_name", "sex", "birth_date", "birth_place", "situation")
    mother = {key: family["mother"][key] for key in ("surname", "given_name", "pregnant")}
    return {
        "children": [
            {key: child[key] for key in keep if key in child} for child in family["children"]
        ],
        "mother": mother,
        "applicant": {"person": "mother"},
    }


def organisation_of(web_app: Flask) -> str:
    """The organisation of the signed-in caseworker."""
    with web_app.extensions["storage"].database.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT organisation_id FROM users WHERE email = 'olena@example.org'"
        ).scalar()
    return str(found)


def checklist_links(client: FlaskClient, web_app: Flask, family: dict[str, Any]) -> list[str]:
    """Store the family as a case and give its checklist's "still missing" links."""
    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=organisation_of(web_app))
    case = storage.cases.create(family, principal=principal)
    plan = refresh_plan(storage, case)
    planned = {step.rule for person in plan.people for step in person.steps}
    assert planned == {rule.id for rule in RULES}, "the family no longer meets every rule"
    parser = Links()
    parser.feed(client.get(f"/cases/{case.id}").get_data(as_text=True))
    return parser.links


@pytest.mark.parametrize("shape", ["filled", "bare"])
def test_every_missing_field_link_lands_on_a_field(
    caseworker: FlaskClient, web_app: Flask, shape: str
) -> None:
    family = every_situation()
    links = checklist_links(caseworker, web_app, family if shape == "filled" else bare(family))
    assert links, "the checklist names nothing missing"
    pages: dict[str, dict[str, bool]] = {}
    nowhere, not_a_field = [], []
    for link in sorted(set(links)):
        address, _, anchor = link.partition("#")
        assert anchor, link
        if address not in pages:
            response = caseworker.get(address)
            assert response.status_code == 200, address
            parser = Anchors()
            parser.feed(response.get_data(as_text=True))
            pages[address] = parser.ids
        if anchor not in pages[address]:
            nowhere.append(link)
        elif not pages[address][anchor]:
            not_a_field.append(link)
    assert not nowhere, f"{len(nowhere)} of {len(set(links))} links land on nothing: {nowhere}"
    assert not not_a_field, f"links to an element with no field in it: {not_a_field}"


def test_the_idp_form_takes_the_cases_children(caseworker: FlaskClient, web_app: Flask) -> None:
    family = every_situation()
    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=organisation_of(web_app))
    case = storage.cases.create(family, principal=principal)
    address = f"/cases/{case.id}/data/identity.idp_registration_application"
    page = caseworker.get(address).get_data(as_text=True)
    # The brothers and sisters are ticked from the case, not typed again.
    assert 'name="other_children~sofiia0009"' in page
    assert 'name="other_children.0.surname"' not in page
    assert "Софія" in page
