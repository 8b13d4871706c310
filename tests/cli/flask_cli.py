"""Run the service's CLI as a user runs it: a subprocess, no terminal, a temporary var/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from service.config import PROJECT_ROOT

FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def run_flask(*args: str, var_dir: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    """Run `flask --app wsgi ARGS` from the project root with `var_dir` as its var/."""
    return subprocess.run(
        [*FLASK, *args],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PAPERWORK_VAR_DIR": str(var_dir), **environ},
        check=False,
    )
