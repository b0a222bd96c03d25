"""JSON Schemas exported from the model, so YAML editors offer completion and inline errors."""

from __future__ import annotations

import json

from generator.stages import MODEL_FOR_KIND


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, one schema per kind of YAML file."""
    rendered = {}
    for kind, model in MODEL_FOR_KIND.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        rendered[kind.schema_file] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return rendered
