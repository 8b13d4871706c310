"""A render process ends when the process it serves is killed (issue 19: no orphans)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

OWNER = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    from service.issuing.lifeline import exit_with

    def serve(owner, armed):
        exit_with(owner)
        armed.set()
        time.sleep(600)

    if __name__ == "__main__":
        context = multiprocessing.get_context("forkserver")
        armed = context.Event()
        child = context.Process(target=serve, args=(os.getpid(), armed))
        child.start()
        armed.wait(60)
        print(child.pid, flush=True)
        time.sleep(600)
    """
)


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie awaiting its reaper counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_a_render_process_ends_within_a_second_of_its_owner_being_killed(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    ) as owner:
        assert owner.stdout is not None
        child = int(owner.stdout.readline())
        assert alive(child)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
    deadline = time.monotonic() + 1.0
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the render process outlived its owner"
