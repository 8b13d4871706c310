"""Moving document bytes between stores (files and the database), verifying every hash.

`move_documents` is what `flask --app wsgi documents migrate-store --to database|filesystem`
runs. It is resumable: bytes already in the target are checked and their copy in the
source removed; bytes missing from both are reported, not invented. Each file is
copied, read back from the target and checked against its SHA-256 before the source's
copy is removed, so an interruption at any point loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from service.storage.files import DocumentFileStore, FileStoreError

log = logging.getLogger(__name__)


@dataclass
class MoveReport:
    """What a move did: bytes moved, found already moved, and missing or damaged ones."""

    moved: int = 0
    already_there: int = 0
    missing: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every document's bytes are now in the target, verified."""
        return not self.missing and not self.damaged


def move_documents(
    hashes: Iterable[str],
    source: DocumentFileStore,
    target: DocumentFileStore,
    progress: Callable[[int], None] | None = None,
) -> MoveReport:
    """Move the bytes of each SHA-256 from `source` to `target`, verified; resumable."""
    report = MoveReport()
    for count, sha256 in enumerate(dict.fromkeys(hashes), start=1):
        try:
            if target.exists(sha256):
                target.load(sha256)  # checked against its address
                report.already_there += 1
            else:
                content = source.load(sha256)  # checked against its address
                target.save(content)
                target.load(sha256)
                report.moved += 1
            if source.exists(sha256):
                source.delete(sha256)
        except FileStoreError as error:
            in_source = source.exists(sha256)
            (report.damaged if in_source else report.missing).append(sha256)
            log.error("document bytes not moved", extra={"sha256": sha256, "reason": str(error)})
        if progress is not None:
            progress(count)
    return report
