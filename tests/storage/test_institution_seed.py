"""The shipped seed of the directory, and imports that update by name, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask

from service.directory import (
    SEED_PATH,
    load_seed,
    read_institutions_csv,
    seed_directory,
    seed_empty_directories,
)
from service.principal import Principal
from service.storage.audit import list_events

CLI = Principal("cli", "admin", None)
# Where an entry may come from: the courts', the ministries' and the services' own sites.
OFFICIAL_HOSTS = ("court.gov.ua", "minjust.gov.ua", "dmsu.gov.ua", "gov.ua")


def new_organisation(app: Flask) -> str:
    organisation_id: str = app.extensions["access"].create_organisation("Офіс (сід)")
    return organisation_id


def names(app: Flask, organisation_id: str) -> dict[str, dict[str, object]]:
    found, _ = app.extensions["storage"].institutions.search(
        CLI, organisation_id=organisation_id, per_page=100
    )
    return {institution.name: institution.fields() for institution in found}


def test_every_seed_entry_names_its_official_source_and_the_day_it_was_checked() -> None:
    with SEED_PATH.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(load_seed()) >= 10  # every row is accepted by the import
    for row in rows:
        host = urlsplit(row["source"]).hostname or ""
        assert row["source"].startswith("https://"), row["name"]
        assert host.endswith(OFFICIAL_HOSTS), (row["name"], host)
        assert date.fromisoformat(row["checked"]) == date(2026, 12, 7), row["name"]
        assert row["note"], row["name"]  # what was read, and what was not
    kinds = {row["kind"] for row in rows}
    assert {"court", "civil_registry", "migration_service"} <= kinds
    assert len({row["name"].casefold() for row in rows}) == len(rows)


def test_seeding_fills_an_empty_directory_once(storage_app: Flask) -> None:
    storage = storage_app.extensions["storage"]
    empty = new_organisation(storage_app)
    kept = new_organisation(storage_app)
    storage.institutions.create(
        {"kind": "court", "name": "Тестовий районний суд"}, principal=CLI, organisation_id=kept
    )
    assert seed_empty_directories(storage, [empty, kept]) == [empty]
    seeded = names(storage_app, empty)
    assert len(seeded) == len(load_seed())
    lviv = seeded["Шевченківський районний суд м. Львова"]
    assert lviv["kind"] == "court"
    address = lviv["address"]
    assert isinstance(address, dict)
    assert (address["postal_code"], address["street"], address["building"]) == (
        "79000",
        "вул. Січових Стрільців",
        "12",
    )
    assert (address["settlement"], address["oblast"]) == ("м. Львів", "Львівська область")
    assert list(names(storage_app, kept)) == ["Тестовий районний суд"]  # left alone
    # a second run adds nothing
    assert seed_empty_directories(storage, [empty, kept]) == []
    assert len(names(storage_app, empty)) == len(load_seed())


def test_an_import_updates_by_name_and_keeps_what_the_file_leaves_out(
    storage_app: Flask,
) -> None:
    storage = storage_app.extensions["storage"]
    organisation = new_organisation(storage_app)
    first = storage.institutions.import_rows(
        [{"kind": "court", "name": "Тестовий міський суд", "name_en": "Test City Court"}],
        principal=CLI,
        organisation_id=organisation,
    )
    assert (first.added, first.updated, first.unchanged) == (1, 0, 0)
    second = storage.institutions.import_rows(
        [
            # the same body in other letters' case: updated, its correction kept
            {"kind": "court", "name": "ТЕСТОВИЙ МІСЬКИЙ СУД", "edrpou": "02894527"},
            {"kind": "notary", "name": "Тестовий нотаріус"},
        ],
        principal=CLI,
        organisation_id=organisation,
    )
    assert (second.added, second.updated, second.unchanged) == (1, 1, 0)
    held = names(storage_app, organisation)
    assert set(held) == {"Тестовий міський суд", "Тестовий нотаріус"}
    assert held["Тестовий міський суд"]["edrpou"] == "02894527"
    assert held["Тестовий міський суд"]["name_en"] == "Test City Court"
    third = storage.institutions.import_rows(
        [{"kind": "court", "name": "Тестовий міський суд", "edrpou": "02894527"}],
        principal=CLI,
        organisation_id=organisation,
    )
    assert (third.added, third.updated, third.unchanged) == (0, 0, 1)
    with storage.database.session() as session:
        actions = [
            event["action"]
            for event in list_events(session, limit=100000)
            if (event["details"] or {}).get("organisation_id") == organisation
        ]
    assert sorted(actions) == ["institution_changed", "institution_created", "institution_created"]


def test_seeding_again_updates_nothing_a_caseworker_corrected(storage_app: Flask) -> None:
    storage = storage_app.extensions["storage"]
    organisation = new_organisation(storage_app)
    seed_directory(storage, organisation)
    found, _ = storage.institutions.search(
        CLI, organisation_id=organisation, q="Хортицький", per_page=5
    )
    (court,) = found
    storage.institutions.update(
        court.id, {"name_en": "Khortytsia District Court of Zaporizhzhia"}, principal=CLI
    )
    report = seed_directory(storage, organisation)
    assert (report.added, report.updated) == (0, 0)
    assert report.unchanged == len(load_seed())
    assert storage.institutions.get(court.id, CLI).name_en == (
        "Khortytsia District Court of Zaporizhzhia"
    )


def test_a_typed_body_is_found_in_any_letter_case_or_added_once(storage_app: Flask) -> None:
    storage = storage_app.extensions["storage"]
    organisation = new_organisation(storage_app)
    court = {"kind": "court", "name": "Тестовий апеляційний суд"}
    added, is_new = storage.institutions.find_or_add(
        court, principal=CLI, organisation_id=organisation
    )
    assert is_new
    again, is_new = storage.institutions.find_or_add(
        {**court, "name": "тестовий АПЕЛЯЦІЙНИЙ суд"}, principal=CLI, organisation_id=organisation
    )
    assert (again.id, is_new) == (added.id, False)
    assert storage.institutions.count(organisation) == 1


@pytest.mark.parametrize("cell", ["http://example.org", "court.gov.ua/page"])
def test_a_source_must_be_an_https_address(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        f"kind,name,source,checked\ncourt,Тестовий суд,{cell},07.12.2026\n", encoding="utf-8"
    )
    rows, problems = read_institutions_csv(path)
    assert rows == []
    assert problems == [
        "line 2: source: give the https:// address the row was read from",
        "line 2: checked: give the day it was checked as YYYY-MM-DD",
    ]
