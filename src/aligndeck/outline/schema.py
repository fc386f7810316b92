"""The outline's JSON Schema (draft 2020-12), generated from the models the loader uses."""

from __future__ import annotations

import json
from typing import Any

from aligndeck.outline.models import Outline
from aligndeck.outline.overrides import StringOverrides

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_PATH = "schema/deck.schema.json"
"""Where the schema is kept, relative to an outline's folder (and in the repository)."""


def _loosen_text(node: Any) -> None:
    """Let text fields take YAML numbers and booleans, as the loader does.

    The loader keeps `name: 2022` or `label: no` as the text the user wrote; an editor
    reading YAML sees a number or a boolean there. Accepting both keeps the schema and
    the loader in agreement (minLength applies to strings only).
    """
    if isinstance(node, dict):
        if node.get("type") == "string":
            node["type"] = ["string", "number", "boolean"]
        for value in node.values():
            _loosen_text(value)
    elif isinstance(node, list):
        for value in node:
            _loosen_text(value)


def outline_json_schema() -> dict[str, Any]:
    """The JSON Schema of an outline, with a description and an example for every field."""
    schema = Outline.model_json_schema()
    # `strings:` is validated by its model only when given (outline/overrides.py), so the
    # model's schema is not among the outline's: it is referred to here, as any model is.
    schema["$defs"]["StringOverrides"] = StringOverrides.model_json_schema()
    strings = schema["properties"]["strings"]
    schema["properties"]["strings"] = {"$ref": "#/$defs/StringOverrides"} | {
        key: value for key, value in strings.items() if key != "title"}
    # `theme: dark` is short for `theme: {base: dark}` (a before-validator says so).
    theme = schema["properties"]["theme"]
    names = schema["$defs"]["ThemeSettings"]["properties"]["base"]["enum"]
    schema["properties"]["theme"] = {
        key: value for key, value in theme.items() if key not in ("$ref", "allOf")
    } | {"anyOf": [{"enum": names}, {"$ref": "#/$defs/ThemeSettings"}]}
    _loosen_text(schema)
    return {
        "$schema": SCHEMA_DIALECT,
        **{key: value for key, value in schema.items() if key != "title"},
        "title": "aligndeck outline",
    }


def schema_text() -> str:
    """The schema as it is printed and stored: stable key order, UTF-8, newline at the end."""
    return json.dumps(outline_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
