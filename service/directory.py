"""Directories filled from files: a CSV of institutions, and the seed shipped with the service.

The seed (`service/data/institutions_seed.csv`) lists public bodies a caseworker needs
first, each with the official page it was read from and the day it was checked
(`docs/institutions.md`). Every organisation's directory starts from it: `orgs create`
imports it into the new organisation, and `institutions seed` (run by `make run`) into
each organisation whose directory is still empty. A newer seed is imported like any
file (`institutions import`): bodies of the same name are updated, not repeated.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from service.errors import DataValidationError, translate_message
from service.principal import Principal
from service.schemas.institutions import load_institution
from service.storage import Storage
from service.storage.institutions import ImportReport

INSTITUTION_COLUMNS = ("kind", "name", "name_dative", "name_genitive", "name_en", "edrpou")
ADDRESS_COLUMNS = (
    "postal_code",
    "oblast",
    "raion",
    "hromada",
    "settlement",
    "street",
    "building",
)
# Where a row's data came from: read and checked, never stored (the file is the record).
SOURCE_COLUMNS = ("source", "checked", "note")
SEED_PATH = Path(__file__).parent / "data" / "institutions_seed.csv"
SEEDER = Principal("seed", "admin", None)


class SeedFileError(Exception):
    """The shipped seed has rows the import refuses (a defect of the release)."""


def institution_from_row(row: dict[str, str | None]) -> dict[str, Any]:
    """An institution's fields from a CSV row: blank cells left out, the address grouped."""
    cells = {key: (value or "").strip() for key, value in row.items() if key}
    data: dict[str, Any] = {key: cells[key] for key in INSTITUTION_COLUMNS if cells.get(key)}
    address = {key: cells[key] for key in ADDRESS_COLUMNS if cells.get(key)}
    if address:
        data["address"] = address
    return data


def check_source(row: dict[str, str | None]) -> list[str]:
    """What is wrong with a row's source cells (a web address and an ISO date), if given."""
    problems = []
    source = (row.get("source") or "").strip()
    if source and not source.startswith("https://"):
        problems.append("source: give the https:// address the row was read from")
    checked = (row.get("checked") or "").strip()
    if checked:
        try:
            date.fromisoformat(checked)
        except ValueError:
            problems.append("checked: give the day it was checked as YYYY-MM-DD")
    return problems


def read_institutions_csv(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every row of the file checked: the institutions, and a line for each error."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    allowed = (*INSTITUTION_COLUMNS, *ADDRESS_COLUMNS, *SOURCE_COLUMNS)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        header = [name.strip() for name in reader.fieldnames or []]
        unknown = [name for name in header if name not in allowed]
        missing = [name for name in ("kind", "name") if name not in header]
        if unknown or missing:
            problems.append(
                f"line 1: the header needs kind and name and may have only {', '.join(allowed)}"
            )
            return rows, problems
        reader.fieldnames = header
        for row in reader:
            if None in row:
                problems.append(f"line {reader.line_num}: more cells than the header has")
                continue
            found = [f"line {reader.line_num}: {problem}" for problem in check_source(row)]
            data = institution_from_row(row)
            try:
                load_institution(data)
            except DataValidationError as error:
                for field, messages in error.errors.items():
                    column = field.removeprefix("address.")
                    for message in messages:
                        english = translate_message(message)["en"]
                        found.append(f"line {reader.line_num}: {column}: {english}")
            if found:
                problems.extend(found)
            else:
                rows.append(data)
    return rows, problems


def load_seed(path: Path = SEED_PATH) -> list[dict[str, Any]]:
    """The institutions of the shipped seed; SeedFileError if any row is refused."""
    rows, problems = read_institutions_csv(path)
    if problems:
        raise SeedFileError("; ".join(problems))
    return rows


def seed_directory(storage: Storage, organisation_id: str) -> ImportReport:
    """Import the shipped seed into one organisation (bodies it already has are updated)."""
    return storage.institutions.import_rows(
        load_seed(), principal=SEEDER, organisation_id=organisation_id
    )


def seed_empty_directories(storage: Storage, organisation_ids: Iterable[str]) -> list[str]:
    """Import the seed into each of these organisations whose directory is empty; their ids."""
    seeded = []
    for organisation_id in organisation_ids:
        if storage.institutions.count(organisation_id) == 0:
            seed_directory(storage, organisation_id)
            seeded.append(organisation_id)
    return seeded
