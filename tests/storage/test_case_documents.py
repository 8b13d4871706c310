"""Documents made from cases, stored, served again from the store, audited, purged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from service.config import PROJECT_ROOT
from service.documents import get_template
from service.storage.models import utc_now
from service.verification import DocumentSeal
from tests.readback import pdf_text
from tests.storage.conftest import family_case

BIRTH_FACT = "identity.birth_fact_court_application"
PERSONAL = ("Петренко", "Petrenko", "Андрій", "3260912340", "Васильківська", "o.petrenko")


def new_case(client: FlaskClient, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/cases", json={"data": data})
    assert response.status_code == 201
    body: dict[str, Any] = response.get_json()
    return body


def one_child_case(example: dict[str, Any]) -> dict[str, Any]:
    data = family_case(example)
    data["children"] = data["children"][:1]
    return data


def test_document_from_a_case_with_two_children_needs_a_child_id(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = new_case(storage_client, family_case(birth_fact_example))
    url = f"{case['url']}/documents"
    missing = storage_client.post(url, json={"template": BIRTH_FACT})
    assert missing.status_code == 422
    assert list(missing.get_json()["errors"]) == ["child_id"]
    second = case["data"]["children"][1]["id"]
    made = storage_client.post(url, json={"template": BIRTH_FACT, "child_id": second, "lang": "uk"})
    assert made.status_code == 201, made.get_json()
    metadata = made.get_json()
    assert made.headers["Location"] == f"/api/v1/documents/{metadata['id']}"
    assert metadata["template"] == BIRTH_FACT
    assert metadata["version"] == get_template(BIRTH_FACT).version
    assert metadata["case_id"] == case["id"]
    file = storage_client.get(metadata["download_url"])
    assert file.status_code == 200
    assert (
        hashlib.sha256(file.data).hexdigest()
        == metadata["sha256"]
        == file.headers["X-Content-SHA256"]
    )
    assert metadata["size"] == len(file.data)
    text = pdf_text(file.data)
    assert "Петренко Марія Іванівна народилася" in text
    listed = storage_client.get(case["url"]).get_json()["documents"]
    assert [item["id"] for item in listed] == [metadata["id"]]


def test_a_case_missing_what_a_document_needs_gets_a_422_naming_it(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    data = family_case(birth_fact_example)
    del data["template_data"]
    data["children"] = data["children"][:1]
    case = new_case(storage_client, data)
    response = storage_client.post(f"{case['url']}/documents", json={"template": BIRTH_FACT})
    assert response.status_code == 422
    # The evidence starts from the papers the child's situation lists (issue 29): only
    # what the case cannot know is missing.
    assert set(response.get_json()["errors"]) == {"court", "interested_party"}
    court = {
        "court": birth_fact_example["court"],
        "interested_party": birth_fact_example["interested_party"],
        "evidence": birth_fact_example["evidence"][:1],
    }
    made = storage_client.post(
        f"{case['url']}/documents", json={"template": BIRTH_FACT, "format": "docx", "data": court}
    )
    assert made.status_code == 201, made.get_json()


def test_request_data_wins_over_the_case(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = new_case(storage_client, one_child_case(birth_fact_example))
    made = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "data": {"child": {"given_name": "Олег"}}},
    ).get_json()
    text = pdf_text(storage_client.get(made["download_url"]).data)
    assert "Петренко Олег Іванович народився" in text


def test_a_repeat_render_is_served_from_the_store_and_can_be_rechecked(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    body = {"template": BIRTH_FACT, "lang": "uk-en", "format": "pdf", "data": birth_fact_example}
    first = storage_client.post("/api/v1/render", json=body)
    second = storage_client.post("/api/v1/render", json=body)
    assert first.headers["X-Served-From-Store"] == "false"
    assert second.headers["X-Served-From-Store"] == "true"
    assert second.headers["X-Document-Id"] == first.headers["X-Document-Id"]
    assert second.data == first.data
    stored = storage_client.get(f"/api/v1/documents/{first.headers['X-Document-Id']}").get_json()
    assert stored["sha256"] == first.headers["X-Content-SHA256"]
    # The stored PDF is signed: the signature is appended, so the rendered bytes are its
    # first `unsigned_size` bytes, and a fresh render with the same seal gives them again.
    sealed = storage_client.get(f"{stored['url']}/verification").get_json()
    fresh = storage_app.extensions["document_pipeline"].render(
        BIRTH_FACT,
        birth_fact_example,
        "uk-en",
        "pdf",
        today=date.fromisoformat(stored["render_date"]),
        seal=DocumentSeal(sealed["code"], sealed["verify_url"], sealed["issuer"]),
    )
    assert fresh.sha256 == sealed["unsigned_sha256"]
    assert first.data[: sealed["unsigned_size"]] == fresh.content


def bytes_at_rest(storage: Any, sha256: str) -> bytes:
    """A document's bytes as the store keeps them: a row of the database, or a file."""
    if storage.files.joins_transactions:
        with storage.database.engine.connect() as connection:
            stored: bytes = connection.execute(
                sa.text("SELECT content FROM document_blobs WHERE sha256 = :sha256"),
                {"sha256": sha256},
            ).scalar_one()
            return stored
    return bytes(storage.files.path_of(sha256).read_bytes())


def test_nothing_personal_is_readable_at_rest(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = new_case(storage_client, one_child_case(birth_fact_example))
    made = storage_client.post(f"{case['url']}/documents", json={"template": BIRTH_FACT}).get_json()
    storage = storage_app.extensions["storage"]
    dumps = []
    with storage.database.engine.connect() as connection:
        for table in ("cases", "case_search_terms", "documents", "audit_events"):
            dumps.append(repr(connection.execute(sa.text(f"SELECT * FROM {table}")).fetchall()))  # noqa: S608
    rows = "\n".join(dumps)
    for secret in PERSONAL:
        assert secret not in rows, f"{secret!r} readable in the database"
    stored_file = bytes_at_rest(storage, made["sha256"])
    assert b"%PDF" not in stored_file and "Петренко".encode() not in stored_file
    if storage.database.engine.dialect.name == "sqlite":
        database_file = Path(storage.database.engine.url.database)
        raw = b"".join(
            path.read_bytes()
            for path in (database_file, database_file.with_name(database_file.name + "-wal"))
            if path.exists()
        )
        for secret in PERSONAL:
            assert secret.encode() not in raw


def test_audit_trail_records_each_step_without_personal_data(
    storage_admin: FlaskClient, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = new_case(storage_client, one_child_case(birth_fact_example))
    storage_client.patch(case["url"], json={"data": {"father": None}})
    made = storage_client.post(f"{case['url']}/documents", json={"template": BIRTH_FACT}).get_json()
    storage_client.get(made["download_url"])
    events = storage_admin.get("/api/v1/audit", query_string={"case_id": case["id"]}).get_json()[
        "events"
    ]
    assert [e["action"] for e in events] == [
        "case_created",
        "case_changed",
        "document_rendered",
        "document_downloaded",
    ]
    rendered = events[2]
    assert rendered["document_id"] == made["id"]
    assert rendered["details"]["sha256"] == made["sha256"]
    assert rendered["details"]["template"] == BIRTH_FACT
    text = json.dumps(events, ensure_ascii=False)
    for secret in PERSONAL:
        assert secret not in text
    later = (utc_now() + timedelta(minutes=1)).isoformat()
    assert (
        storage_admin.get("/api/v1/audit", query_string={"since": later}).get_json()["events"] == []
    )


def test_the_audit_trail_is_append_only_in_the_database(storage_app: Flask) -> None:
    database = storage_app.extensions["storage"].database
    with database.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO audit_events (at, actor, action, details)"
                " VALUES (:at, 'test', 'case_created', '{}')"
            ),
            {"at": utc_now()},
        )
    for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
        with (
            pytest.raises(sa.exc.DatabaseError, match="append-only"),
            database.engine.begin() as connection,
        ):
            connection.execute(sa.text(statement))


def test_purge_removes_old_cases_with_their_files(
    storage_admin: FlaskClient,
    storage_app: Flask,
    storage_client: FlaskClient,
    birth_fact_example: dict[str, Any],
) -> None:
    data = family_case(birth_fact_example)
    data["children"] = data["children"][:1]
    old = new_case(storage_client, data)
    data["children"][0]["given_name"] = "Остап"
    recent = new_case(storage_client, data)
    old_doc = storage_client.post(
        f"{old['url']}/documents", json={"template": BIRTH_FACT, "format": "docx"}
    ).get_json()
    storage = storage_app.extensions["storage"]
    with storage.database.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE cases SET updated_at = :at WHERE id = :id"),
            {"at": utc_now() - timedelta(days=400), "id": old["id"]},
        )
    counts = storage.erasure.purge(
        cases_older_than=timedelta(days=365), renders_older_than=timedelta(days=30), actor="test"
    ).as_dict()
    assert counts["cases"] >= 1 and counts["documents"] >= 1
    assert storage_client.get(old["url"]).status_code == 404
    assert storage_client.get(f"/api/v1/documents/{old_doc['id']}").status_code == 404
    assert not storage.files.exists(old_doc["sha256"])
    assert storage_client.get(recent["url"]).status_code == 200
    events = storage_admin.get("/api/v1/audit", query_string={"limit": 1000}).get_json()["events"]
    assert any(e["action"] == "cases_purged" and e["details"]["cases"] >= 1 for e in events)


def test_reindex_and_purge_commands(tmp_path: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "PAPERWORK_VAR_DIR": str(tmp_path)}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    commands = (["keys", "init"], ["db", "upgrade"], ["reindex"], ["purge", "--older-than", "365d"])
    for command in commands:
        result = subprocess.run(
            [*flask, *command],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "cases": 0,
        "people": 0,
        "documents": 0,
        "evidence": 0,
        "jobs": 0,
        "plan_steps": 0,
        "files": 0,
    }
    assert (tmp_path / "data.key").stat().st_mode & 0o077 == 0


def test_packet_has_every_document_a_manifest_and_a_bookmarked_merged_pdf(
    storage_admin: FlaskClient, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    import io
    import zipfile

    from pypdf import PdfReader

    case = new_case(storage_client, family_case(birth_fact_example))
    response = storage_client.post(
        f"{case['url']}/packet",
        json={"documents": [BIRTH_FACT], "langs": ["uk", "en"], "formats": ["pdf", "docx"]},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/zip"
    assert hashlib.sha256(response.data).hexdigest() == response.headers["X-Content-SHA256"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    manifest = json.loads(archive.read("manifest.json"))
    documents = [f for f in manifest["files"] if f["template"] == BIRTH_FACT]
    assert len(documents) == 2 * 2 * 2  # children x languages x formats
    assert {(f["child_id"], f["lang"], f["format"]) for f in documents} == {
        (child["id"], lang, fmt)
        for child in case["data"]["children"]
        for lang in ("uk", "en")
        for fmt in ("pdf", "docx")
    }
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    merged = PdfReader(io.BytesIO(archive.read("packet.pdf")))
    bookmarks = [item.title for item in merged.outline]
    assert len(bookmarks) == 4
    assert bookmarks[0].startswith("Заява про встановлення факту народження")
    assert any(title.startswith("Application to establish") for title in bookmarks)
    texts = [pdf_text(archive.read(f["path"])) for f in documents if f["format"] == "pdf"]
    assert sum("Петренко Андрій Іванович народився" in t for t in texts) == 1
    assert sum("Петренко Марія Іванівна народилася" in t for t in texts) == 1
    events = storage_admin.get("/api/v1/audit", query_string={"case_id": case["id"]}).get_json()[
        "events"
    ]
    assert events[-1]["action"] == "packet_built"
    assert events[-1]["details"]["documents"] == 8


def test_a_packet_holds_a_court_application_only_for_the_child_born_under_occupation(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    """A son born in Donetsk in 2011 (Ukrainian certificate), a daughter born there in 2017."""
    import io
    import zipfile

    data = family_case(birth_fact_example)
    son, daughter = data["children"]
    son.update(birth_date="2011-03-14", situation={"documents": ["ua_birth_certificate"]})
    daughter["birth_date"] = "2017-07-02"
    case = new_case(storage_client, data)
    son_id, daughter_id = (child["id"] for child in case["data"]["children"])
    response = storage_client.post(
        f"{case['url']}/packet", json={"documents": [BIRTH_FACT], "formats": ["pdf"]}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("manifest.json"))
    made = [(f["template"], f["child_id"]) for f in manifest["files"] if f["template"]]
    assert made == [(BIRTH_FACT, daughter_id)]
    assert manifest["left_out"] == [{"template": BIRTH_FACT, "person": son_id}]
    alone = storage_client.post(
        f"{case['url']}/packet", json={"documents": [BIRTH_FACT], "child_ids": [son_id]}
    )
    assert alone.status_code == 422
    assert "documents" in alone.get_json()["errors"]
    refused = storage_client.post(
        f"{case['url']}/documents", json={"template": BIRTH_FACT, "child_id": son_id}
    )
    assert refused.status_code == 422
    assert refused.get_json()["type"] == "/problems/not-applicable"


def test_packet_names_what_each_child_lacks(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    data = family_case(birth_fact_example)
    del data["template_data"]
    case = new_case(storage_client, data)
    response = storage_client.post(f"{case['url']}/packet", json={"documents": [BIRTH_FACT]})
    assert response.status_code == 422
    first, second = (child["id"] for child in case["data"]["children"])
    assert f"{BIRTH_FACT}[{first}].court" in response.get_json()["errors"]
    assert f"{BIRTH_FACT}[{second}].court" in response.get_json()["errors"]


def test_a_birth_the_list_cannot_decide_is_confirmed_stated_so_and_audited(
    storage_admin: FlaskClient, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    """Mariupol on 10 April 2022: the editions of the list disagree; a person confirms."""
    data = family_case(birth_fact_example)
    child = data["children"][0]
    child.update(birth_date="2022-04-10", birth_place={"katottg": "UA14140050010029262"})
    data["children"] = [child]
    data["template_data"][BIRTH_FACT]["occupation_birth_certificate"]["issue_date"] = "2022-06-01"
    case = new_case(storage_client, data)
    asked = storage_client.post(f"{case['url']}/documents", json={"template": BIRTH_FACT})
    assert asked.status_code == 422
    assert "child.birth_place.occupation_confirmed" in asked.get_json()["errors"]
    child = case["data"]["children"][0]
    child["birth_place"]["occupation_confirmed"] = True
    patched = storage_client.patch(case["url"], json={"data": {"children": [child]}})
    assert patched.status_code == 200, patched.get_json()
    made = storage_client.post(f"{case['url']}/documents", json={"template": BIRTH_FACT})
    assert made.status_code == 201, made.get_json()
    text = pdf_text(storage_client.get(made.get_json()["download_url"]).data)
    assert "це стверджую я" in text and "Маріуполь" in text
    events = storage_admin.get("/api/v1/audit", query_string={"case_id": case["id"]}).get_json()
    rendered = [e for e in events["events"] if e["action"] == "document_rendered"]
    assert rendered[-1]["details"]["confirmed"] == ["child.birth_place.occupation_confirmed"]
