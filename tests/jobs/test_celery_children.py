"""A Celery prefork child, which renders, ends when its worker is killed (issue 19).

Celery gives each prefork child the kernel's parent-death signal (SIGKILL). This test
keeps that true of the versions we pin: a child busy rendering would otherwise render on
as an orphan for as long as its job took.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from celery import Celery

from service.storage.crypto import generate_key
from tests.unit.test_lifeline import PROJECT, alive

BIN = Path(sys.executable).parent
BROKER = os.environ.get("PAPERWORK_TEST_REDIS", "redis://127.0.0.1:6379") + "/14"

# The service's worker, with one more task that stands for a long render.
WORKER_WITH_A_LONG_TASK = textwrap.dedent(
    """
    import os, pathlib, time
    from service.jobs.worker import app

    @app.task(name="test.long_render")
    def long_render(marker):
        pathlib.Path(marker).write_text(str(os.getpid()))
        time.sleep(120)
    """
)


@pytest.mark.redis
def test_a_busy_prefork_child_ends_within_a_second_of_its_worker_being_killed(
    tmp_path: Path,
) -> None:
    (tmp_path / "worker_with_a_long_task.py").write_text(WORKER_WITH_A_LONG_TASK)
    queue = f"children-{os.getpid()}-{time.monotonic_ns()}"
    environment = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{PROJECT}",
        "PAPERWORK_VAR_DIR": str(tmp_path / "var"),
        "PAPERWORK_DATA_KEYS": generate_key().decode(),
        "CELERY_BROKER_URL": BROKER,
    }
    command = [str(BIN / "celery"), "-A", "worker_with_a_long_task", "worker", "--queues", queue]
    command += ["--pool=prefork", "--concurrency=1", "--without-gossip", "--without-mingle"]
    marker = tmp_path / "rendering"
    with subprocess.Popen(
        command,
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as worker:
        try:
            Celery(broker=BROKER).send_task("test.long_render", args=[str(marker)], queue=queue)
            deadline = time.monotonic() + 60
            while not marker.exists() and time.monotonic() < deadline:
                assert worker.poll() is None, "the worker stopped"
                time.sleep(0.1)
            child = int(marker.read_text())
            assert child != worker.pid and alive(child)
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
    deadline = time.monotonic() + 1.5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    rendering_on = alive(child)
    if rendering_on:
        os.kill(child, signal.SIGKILL)
    assert not rendering_on, "the busy child outlived its worker"
