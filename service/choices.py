"""What the catalog offers every document: its languages, formats and their media types.

Schemas, storage and the catalog all need these names; this module imports nothing of
the project, so any layer may import it.
"""

from __future__ import annotations

FORMATS = ("pdf", "docx")
DOCUMENT_LANGUAGES = ("uk", "en", "uk-en")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
