"""A render killed midway leaves no partial file and no record without its file."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from service.config import PROJECT_ROOT
from service.storage.crypto import generate_key
from service.storage.database import normalise_url
from service.storage.files import TEMPORARY_PREFIX
from tests.conftest import build_test_app

WORKER = """
import sys, datetime
from tests.conftest import build_test_app
from service.documents import get_template
from pathlib import Path
from service.principal import SYSTEM
TEMPLATE = "identity.birth_fact_court_application"
app = build_test_app(Path(sys.argv[1]), sys.argv[2], DATA_KEYS=sys.argv[3], RENDER_WORKERS=0)
issuer = app.extensions["issuer"]
data = get_template(TEMPLATE).load_example()
start = datetime.date(2026, 1, 1) - datetime.timedelta(days=1000 * int(sys.argv[4]))
for day in range(1, 10000):
    data["application_date"] = (start + datetime.timedelta(days=day)).isoformat()
    for fmt in ("pdf", "docx"):
        issuer.issue(TEMPLATE, data, "uk-en", fmt, principal=SYSTEM)
        print(day, fmt, flush=True)
"""


def test_killed_renders_leave_consistent_storage(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    key = generate_key().decode()
    build_test_app(tmp_path, url, DATA_KEYS=key)  # migrate once
    for run, delay in enumerate((0.05, 0.13, 0.29, 0.41)):
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path), url, key, str(run)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        first = process.stdout.readline()  # one document is in, the next is under way
        assert first, "the render process died before its first document"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()

    app = build_test_app(tmp_path, url, DATA_KEYS=key)
    storage = app.extensions["storage"]
    files = storage.files
    files.sweep_temporary(older_than_seconds=0)  # what killed writes left behind
    assert list(files.root.rglob(f"{TEMPORARY_PREFIX}*")) == []
    with storage.database.engine.connect() as connection:
        hashes = [row[0] for row in connection.execute(sa.text("SELECT sha256 FROM documents"))]
    assert len(hashes) >= 4
    for sha256 in hashes:
        files.load(sha256)  # present, decrypts, and matches its address
    for path in files.root.rglob("*"):
        if path.is_file():
            files.load(path.name)  # no partial file anywhere, referenced or not


def test_a_postgresql_server_that_does_not_answer_is_given_up_on_in_seconds() -> None:
    # Without a connect timeout a request waits for TCP to give up (minutes), far past
    # the web worker's timeout, instead of answering 503 "database unavailable".
    assert normalise_url("postgresql://app@db.internal/paperwork").endswith("?connect_timeout=5")
    assert "connect_timeout=20" in normalise_url("postgresql://app@db/p?connect_timeout=20")
    assert "connect_timeout" not in normalise_url("sqlite:///:memory:")
