"""Render processes that end with the process they render for, however that one ends.

A render process is a child of the multiprocessing forkserver, not of the web worker or
Celery worker it serves, so the kernel's parent-death signal cannot tell it when that
worker is killed (`kill -9`, the OOM killer, a crash in a native library). `exit_with`
watches the owner through a pidfd instead: the moment the owner ends, this process ends.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time

POLL_SECONDS = 0.5  # only where the kernel has no pidfd (before Linux 5.3)


def exit_with(owner_pid: int) -> None:
    """End this process as soon as process `owner_pid` ends (a daemon thread watches it)."""
    try:
        descriptor: int | None = os.pidfd_open(owner_pid)
    except ProcessLookupError:  # the owner is already gone
        os._exit(0)
    except (AttributeError, OSError):
        descriptor = None
    threading.Thread(
        target=_watch, args=(owner_pid, descriptor), name="lifeline", daemon=True
    ).start()


def _watch(owner_pid: int, descriptor: int | None) -> None:
    if descriptor is not None:
        select.select([descriptor], [], [])  # readable once the owner has ended
    else:
        while _alive(owner_pid):
            time.sleep(POLL_SECONDS)
    os._exit(0)


def _alive(pid: int) -> bool:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 0)
        return True
    return False
