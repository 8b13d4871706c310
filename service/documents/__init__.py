"""The catalog of documents and the pipeline that renders them (no Flask here)."""

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.documents.catalog import TemplateNotFoundError, get_template, list_templates
from service.documents.describe import build_json_schema, describe_template
from service.documents.pipeline import DocumentPipeline, RenderedDocument, ValidatedData
from service.documents.spec import TemplateSpec

__all__ = [
    "DOCUMENT_LANGUAGES",
    "FORMATS",
    "DocumentPipeline",
    "RenderedDocument",
    "TemplateNotFoundError",
    "TemplateSpec",
    "ValidatedData",
    "build_json_schema",
    "describe_template",
    "get_template",
    "list_templates",
]
