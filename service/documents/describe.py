"""What the catalog tells clients about a template, and JSON Schema from marshmallow."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.documents.spec import TemplateSpec
from service.schemas.base import LocalizedTextField

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name_resolver(schema: type[Schema] | Schema) -> str:
    """Name a component after its schema class, without the "Schema" suffix."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if not isinstance(schema, type) and (schema.only or schema.exclude or schema.partial):
        name += "Partial"
    return name


def _nullable_enum(
    converter: Any, field: Any, ret: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """A field that may be null and has an enum lists null among its values too."""
    if "enum" in ret and getattr(field, "allow_none", False) and None not in ret["enum"]:
        return {"enum": [*ret["enum"], None]}
    return {}


def _localized_text(
    converter: Any, field: Any, ret: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """Bilingual free text: a Ukrainian string, or {"uk": ..., "en": ...}."""
    if not isinstance(field, LocalizedTextField):
        return {}
    text = {"type": "string", "maxLength": field.max_length}
    both = {
        "type": "object",
        "properties": {"uk": text, "en": {**text, "type": ["string", "null"]}},
        "required": ["uk"],
        "additionalProperties": False,
    }
    forms: list[dict[str, Any]] = [text, both]
    if field.allow_none:
        forms.append({"type": "null"})
    return {"oneOf": forms}


def build_apispec(title: str, version: str) -> APISpec:
    """Start an OpenAPI 3.1 document whose components come from marshmallow schemas."""
    plugin = MarshmallowPlugin(schema_name_resolver=schema_name_resolver)
    spec = APISpec(title=title, version=version, openapi_version="3.1.0", plugins=[plugin])
    assert plugin.converter is not None  # noqa: S101 - set by APISpec when the plugin is added
    plugin.converter.add_attribute_function(_nullable_enum)  # type: ignore[no-untyped-call]  # apispec is untyped
    plugin.converter.add_attribute_function(_localized_text)  # type: ignore[no-untyped-call]  # apispec is untyped
    return spec


def build_json_schema(schema_cls: type[Schema]) -> dict[str, Any]:
    """Build a self-contained JSON Schema (2020-12) of a marshmallow schema (a fresh copy)."""
    return copy.deepcopy(_json_schema(schema_cls))


@functools.cache
def _json_schema(schema_cls: type[Schema]) -> dict[str, Any]:
    """The JSON Schema of a schema class, made once per process (apispec is slow)."""
    spec = build_apispec("schema", "1")
    name = schema_name_resolver(schema_cls)
    spec.components.schema(name, schema=schema_cls)
    components = spec.to_dict()["components"]["schemas"]
    text = json.dumps(components).replace("#/components/schemas/", "#/$defs/")
    definitions: dict[str, Any] = json.loads(text)
    root = definitions.pop(name)
    return {"$schema": JSON_SCHEMA_DIALECT, **root, "$defs": definitions}


def describe_template(spec: TemplateSpec, *, detail: bool = False) -> dict[str, Any]:
    """Describe a template: id, titles, version, languages, formats (and schema, example)."""
    summary: dict[str, Any] = {
        "id": spec.id,
        "title": spec.titles(),
        "version": spec.version,
        "languages": list(DOCUMENT_LANGUAGES),
        "formats": list(FORMATS),
        "legal_basis": spec.legal_bases(),
    }
    if detail:
        summary["schema"] = build_json_schema(spec.schema)
        summary["example"] = spec.load_example()
    return summary
