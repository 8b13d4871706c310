"""`flask institutions import|list|describe`, run as a user runs them (a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT
from tests.cli.flask_cli import run_flask

HEADER = (
    "kind,name,name_dative,name_genitive,name_en,"
    "postal_code,oblast,raion,hromada,settlement,street,building"
)
GOOD_ROWS = [
    "court,Печерський районний суд міста Києва,,,,01601,,,,м. Київ,вул. Володимирська,15",
    "civil_registry,Печерський районний у місті Києві відділ ДРАЦС,,,,,,,,,,",
    'admin_service_centre,"ЦНАП Бучанської міської ради",'
    '"ЦНАП Бучанської міської ради",,Bucha ASC,08292,Київська область,Бучанський район,'
    "Бучанська міська громада,м. Буча,вул. Енергетиків,12",
]


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A var/ folder with a key and a migrated database."""
    path = tmp_path_factory.mktemp("institutions-cli") / "var"
    for command in (["keys", "init"], ["db", "upgrade"]):
        result = run_flask(*command, var_dir=path)
        assert result.returncode == 0, result.stderr[-2000:]
    return path


@pytest.fixture(scope="module")
def organisation(var_dir: Path) -> str:
    result = run_flask("orgs", "create", "--name", "Офіс", var_dir=var_dir)
    organisation_id: str = json.loads(result.stdout)["id"]
    return organisation_id


def listed(var_dir: Path, organisation: str) -> list[str]:
    result = run_flask("institutions", "list", "--organisation", organisation, var_dir=var_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    return [item["name"] for item in json.loads(result.stdout)["institutions"]]


def test_a_file_with_bad_rows_reports_each_and_imports_nothing(
    tmp_path: Path, var_dir: Path, organisation: str
) -> None:
    rows = [
        GOOD_ROWS[0],
        "embassy,Посольство,,,,,,,,,,",  # line 3: no such kind
        GOOD_ROWS[1],
        # line 5: an address without a settlement
        "civil_registry,Відділ без міста,,,,,,,,,вул. Соборна,1",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = run_flask(
        "institutions", "import", str(path), "--organisation", organisation, var_dir=var_dir
    )
    assert result.returncode == 2
    assert "line 3: kind: Choose one of the listed kinds." in result.stdout
    assert (
        "line 5: settlement: Give the settlement, or its KATOTTG code (katottg)." in result.stdout
    )
    assert "line 2" not in result.stdout and "line 4" not in result.stdout
    assert "Печерський районний суд міста Києва" not in listed(var_dir, organisation)


def test_a_good_file_imports_every_row(tmp_path: Path, var_dir: Path, organisation: str) -> None:
    path = tmp_path / "good.csv"
    path.write_text("\ufeff" + "\n".join([HEADER, *GOOD_ROWS]) + "\n", encoding="utf-8")
    result = run_flask(
        "institutions", "import", str(path), "--organisation", organisation, var_dir=var_dir
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert json.loads(result.stdout)["imported"] == 3
    names = listed(var_dir, organisation)
    assert "Печерський районний суд міста Києва" in names
    assert "ЦНАП Бучанської міської ради" in names
    result = run_flask("institutions", "list", "--organisation", organisation, var_dir=var_dir)
    bucha = next(
        item
        for item in json.loads(result.stdout)["institutions"]
        if item["kind"] == "admin_service_centre"
    )
    assert bucha["address"]["settlement"] == "м. Буча"
    assert bucha["forms"]["en"] == "Bucha ASC"


def test_an_unknown_organisation_imports_nothing(tmp_path: Path, var_dir: Path) -> None:
    path = tmp_path / "good.csv"
    path.write_text("\n".join([HEADER, GOOD_ROWS[0]]) + "\n", encoding="utf-8")
    result = run_flask(
        "institutions", "import", str(path), "--organisation", "f" * 32, var_dir=var_dir
    )
    assert result.returncode == 2
    assert "organisation_id" in result.stdout


def test_describe_prints_the_derived_forms_without_a_database(tmp_path: Path) -> None:
    result = run_flask(
        "institutions",
        "describe",
        "Шевченківський районний суд міста Києва",
        var_dir=tmp_path / "nothing-here",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    forms = json.loads(result.stdout)
    assert set(forms) == {"uk", "dative", "genitive", "en", "needs_review"}
    assert forms["uk"] == "Шевченківський районний суд міста Києва"
    assert not (tmp_path / "nothing-here").exists()


def test_a_new_organisation_starts_with_the_seed_and_seed_fills_empty_directories(
    var_dir: Path,
) -> None:
    seeded = json.loads(run_flask("orgs", "create", "--name", "Новий офіс", var_dir=var_dir).stdout)
    seed_rows = (PROJECT_ROOT / "service/data/institutions_seed.csv").read_text(encoding="utf-8")
    assert seeded["institutions"] == len(seed_rows.strip().splitlines()) - 1
    assert "Хортицький районний суд м. Запоріжжя" in listed(var_dir, seeded["id"])

    result = run_flask("orgs", "create", "--name", "Порожній", "--empty-directory", var_dir=var_dir)
    empty = json.loads(result.stdout)
    assert empty["institutions"] == 0 and listed(var_dir, empty["id"]) == []
    # what make run does: only the empty directory is filled, once
    result = run_flask("institutions", "seed", var_dir=var_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["seeded"] == [empty["id"]]
    assert "Центральний районний суд м. Миколаєва" in listed(var_dir, empty["id"])
    assert json.loads(run_flask("institutions", "seed", var_dir=var_dir).stdout)["seeded"] == []


def test_importing_a_file_again_updates_by_name_and_imports_into_all(
    tmp_path: Path, var_dir: Path
) -> None:
    organisation = json.loads(
        run_flask("orgs", "create", "--name", "Офіс 2", "--empty-directory", var_dir=var_dir).stdout
    )["id"]
    first = tmp_path / "first.csv"
    first.write_text("kind,name,name_en\ncourt,Тестовий міський суд,Test City Court\n")
    second = tmp_path / "second.csv"
    second.write_text(
        "kind,name,edrpou,source,checked,note\n"
        "court,ТЕСТОВИЙ МІСЬКИЙ СУД,02894527,https://court.gov.ua/,2026-12-07,перевірено\n"
    )
    for path, expected in ((first, (1, 0, 0)), (second, (0, 1, 0)), (second, (0, 0, 1))):
        result = run_flask(
            "institutions", "import", str(path), "--organisation", organisation, var_dir=var_dir
        )
        assert result.returncode == 0, result.stdout + result.stderr[-2000:]
        report = json.loads(result.stdout)
        assert (report["imported"], report["updated"], report["unchanged"]) == expected
    result = run_flask("institutions", "list", "--organisation", organisation, var_dir=var_dir)
    (court,) = json.loads(result.stdout)["institutions"]
    assert (court["name"], court["edrpou"], court["name_en"]) == (
        "Тестовий міський суд",
        "02894527",
        "Test City Court",
    )
    result = run_flask("institutions", "import", str(first), "--all", var_dir=var_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    reports = {item["organisation_id"]: item for item in json.loads(result.stdout)["organisations"]}
    assert reports[organisation]["unchanged"] == 1
    assert all(
        item["imported"] + item["unchanged"] + item["updated"] == 1 for item in reports.values()
    )
    assert run_flask("institutions", "import", str(first), var_dir=var_dir).returncode == 2
