"""Errors raised by the Ukrainian data layer; each carries an English msgid for the catalogs."""

from __future__ import annotations

from collections.abc import Mapping


class UkrainianDataError(ValueError):
    """A value that breaks a Ukrainian data rule; `message` is an untranslated msgid."""

    def __init__(self, message: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, object] = dict(params or {})

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


class InvalidIdentifierError(UkrainianDataError):
    """An identifier (RNOKPP, UNZR, document number, phone, code) that fails its rule."""


class InvalidNameError(UkrainianDataError):
    """A personal name that cannot be printed on a document."""


class InvalidTextError(UkrainianDataError):
    """Free text that cannot be printed on a document (control characters, line breaks)."""
