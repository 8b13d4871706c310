"""Re-encrypting 10,000 documents under a new data key (issue 28): `keys reencrypt`, timed.

`measure_key_rotation()` is for bench/bench_render.py to report; run this file to see it
alone (`--documents 1000` for a quick look). Before the clock starts: an application
with its keys in a key file, 1,000 cases (the seed family, so each has search terms to
rebuild) and 10,000 documents of 40 KiB (random bytes: as incompressible as the
encrypted PDFs and DOCX files they stand for, and about their size) with their records
(encrypted file name and subject); then `keys rotate` and a restart. What is timed is
`flask --app wsgi keys reencrypt` as an operator runs it (in-process, through Click):
counting what needs the old key, every batch, and the recount of the summary.

Measured on SQLite with files (the one-machine default) and, when `BENCH_POSTGRES_URL`
names a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres), on
PostgreSQL with the bytes in the database (the cluster's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bench.caseload import postgres_database
from service import create_app
from service.principal import Principal
from service.storage.crypto import ensure_key_file
from service.storage.models import (
    CaseRecord,
    CaseSearchTerm,
    DocumentBlob,
    DocumentRecord,
    utc_now,
)

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed_family.json"
DOCUMENT_BYTES = 40 * 1024
CHUNK = 500


def _settings(var_dir: Path, database_url: str | None, store: str) -> dict[str, Any]:
    return {
        "VAR_DIR": var_dir,
        "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "DOCUMENTS_DIR": var_dir / "documents",
        "DATA_KEYS": None,
        "DATA_KEY_FILE": var_dir / "data.key",
        "DOCUMENT_STORE": store,
        "SECRET_KEY": "bench",
        "RENDER_WORKERS": 0,
        "LOG_LEVEL": "WARNING",
    }


def _fill(app: Any, documents: int, cases: int) -> None:
    """Store cases and documents (records and bytes) under the first key, quickly."""
    storage = app.extensions["storage"]
    principal = Principal("bench", "admin", None)
    family = json.loads(SEED.read_text(encoding="utf-8"))
    # One case through the store (its data checked, its terms made), then copies of it,
    # each encrypted anew: checking the data of each would take most of the setup.
    first = storage.cases.create(family, principal=principal)
    cipher, files = storage.cipher, storage.files
    plaintext = json.dumps(first.data, ensure_ascii=False).encode()
    with storage.database.connection() as connection:
        row = connection.execute(select(CaseRecord).where(CaseRecord.id == first.id)).one()
        terms = list(
            connection.scalars(
                select(CaseSearchTerm.term).where(CaseSearchTerm.case_id == first.id)
            )
        )
        copies = [
            {
                **row._asdict(),
                "id": uuid.uuid4().hex,
                "number": None,
                "data_encrypted": cipher.encrypt(plaintext),
            }
            for _ in range(cases - 1)
        ]
        if copies:
            connection.execute(insert(CaseRecord), copies)
            connection.execute(
                insert(CaseSearchTerm),
                [{"case_id": copy["id"], "term": term} for copy in copies for term in terms],
            )
    case_ids = [first.id, *(copy["id"] for copy in copies)]
    for start in range(0, documents, CHUNK):
        records, blobs = [], []
        for number in range(start, min(start + CHUNK, documents)):
            content = os.urandom(DOCUMENT_BYTES)
            sha256 = hashlib.sha256(content).hexdigest()
            if files.joins_transactions:
                blobs.append(
                    {"sha256": sha256, "content": cipher.encrypt(content), "size": len(content)}
                )
            else:
                path = files.path_of(sha256)  # written plainly: the setup is not what is timed
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(cipher.encrypt(content))
            records.append(
                {
                    "id": uuid.uuid4().hex,
                    "case_id": case_ids[number % cases],
                    "template_id": "identity.birth_fact_court_application",
                    "template_version": "1",
                    "lang": "uk",
                    "format": "pdf",
                    "media_type": "application/pdf",
                    "input_sha256": sha256,
                    "sha256": sha256,
                    "size": len(content),
                    "render_date": date(2026, 12, 8),
                    "filename_encrypted": cipher.encrypt(f"заява-{number}.pdf".encode()),
                    "subject_encrypted": cipher.encrypt("Петренко Андрій Іванович".encode()),
                    "organisation_id": None,
                    "created_by": "bench",
                    "created_at": utc_now(),
                }
            )
        with storage.database.connection() as connection:
            if blobs:
                connection.execute(insert(DocumentBlob), blobs)
            connection.execute(insert(DocumentRecord), records)


def _measure(database_url: str | None, store: str, documents: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        var_dir = Path(folder)
        settings = _settings(var_dir, database_url, store)
        ensure_key_file(settings["DATA_KEY_FILE"])
        app = create_app(settings)
        app.extensions["storage"].database.upgrade()
        _fill(app, documents, max(1, documents // 10))
        rotated = app.test_cli_runner().invoke(args=["keys", "rotate"])
        assert rotated.exit_code == 0, rotated.output
        app.extensions["storage"].database.dispose()
        app = create_app(settings)  # a restart: it reads the new key file
        started = time.perf_counter()
        result = app.test_cli_runner().invoke(args=["keys", "reencrypt"])
        seconds = time.perf_counter() - started
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert summary["to_reencrypt"] == 0, summary
        app.extensions["storage"].database.dispose()
    rewritten = sum(summary["rewritten"].values())
    return {
        "documents": documents,
        "cases": max(1, documents // 10),
        "values_and_files": rewritten,
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds),
        "mib_per_second": round(documents * DOCUMENT_BYTES / seconds / 2**20, 1),
    }


def measure_key_rotation(documents: int = 10_000) -> dict[str, dict[str, Any]]:
    """Time `keys reencrypt` of `documents` documents on each backend measured."""
    results = {"sqlite, files": _measure(None, "filesystem", documents)}
    admin_url = os.environ.get("BENCH_POSTGRES_URL")
    if admin_url:
        with postgres_database(admin_url) as url:
            results["postgresql, bytes in the database"] = _measure(url, "database", documents)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    arguments = parser.parse_args()
    print(json.dumps(measure_key_rotation(arguments.documents), indent=2))
