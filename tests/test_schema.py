"""The published JSON Schema: generated from the loader's models, kept fresh, and in agreement."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from aligndeck.errors import OutlineError
from aligndeck.outline.loader import load_outline_text, parse_outline_text
from aligndeck.outline.schema import SCHEMA_DIALECT, outline_json_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]


def _validator() -> jsonschema.Draft202012Validator:
    schema = outline_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _default_data() -> Any:
    data, _ = parse_outline_text((ROOT / "deck.yaml").read_text("utf-8"))
    return data


def test_stored_schema_is_current() -> None:
    stored = (ROOT / "schema" / "deck.schema.json").read_text("utf-8")
    assert stored == schema_text(), "regenerate it: aligndeck schema > schema/deck.schema.json"


def test_default_outline_points_editors_at_the_schema() -> None:
    first = (ROOT / "deck.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/deck.schema.json"


def test_schema_is_draft_2020_12_with_a_description_and_example_for_every_field() -> None:
    schema = outline_json_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    models = [schema, *schema["$defs"].values()]
    fields = [(m.get("title"), name, spec) for m in models for name, spec in
              m["properties"].items()]
    assert len(fields) > 40
    missing = [f"{model}.{name}" for model, name, spec in fields
               if not spec.get("description") or not spec.get("examples")]
    assert not missing


def test_every_field_example_is_valid_for_its_field() -> None:
    schema = outline_json_schema()
    for model in [schema, *schema["$defs"].values()]:
        for name, spec in model["properties"].items():
            sub = {"$defs": schema["$defs"], **spec}
            for example in spec["examples"]:
                errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
                assert not errors, f"{name}: {example!r}: {errors[0].message}"


def test_the_default_outline_validates_against_the_schema() -> None:
    _validator().validate(_default_data())
    # And as an editor reads it: YAML's own types, not the loader's text.
    _validator().validate(yaml.safe_load((ROOT / "deck.yaml").read_text("utf-8")))


def _minimal() -> dict[str, Any]:
    return {
        "title": "T",
        "stages": [{"name": "A", "summary": "a"}],
        "comparison": {"prompt": "p", "responses": [{"label": "x", "text": "y"},
                                                    {"label": "u", "text": "v"}]},
        "shortcomings": {"items": [{"title": "s", "summary": "t"}]},
    }


def _mutated(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(_minimal())
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()

BROKEN = [
    pytest.param(("stages", 0, "summary"), _DELETE, id="missing-key"),
    pytest.param(("title",), ["a list"], id="wrong-type-list-for-text"),
    pytest.param(("stages",), "text", id="wrong-type-text-for-list"),
    pytest.param(("stages", 0, "sumary"), "x", id="unknown-key"),
    pytest.param(("stages",), [{"name": f"S{i}", "summary": "s"} for i in range(9)],
                 id="too-many-stages"),
    pytest.param(("comparison", "responses"), [{"label": "x", "text": "y"}],
                 id="too-few-responses"),
    pytest.param(("stages", 0, "loop"), {"steps": ["a"] * 7}, id="too-many-loop-steps"),
    pytest.param(("shortcomings", "items"), [], id="no-shortcomings"),
    pytest.param(("stages", 0, "name"), "", id="empty-text"),
    pytest.param(("stages",), _DELETE, id="missing-section"),
]


@pytest.mark.parametrize(("path", "value"), BROKEN)
def test_schema_and_loader_both_reject(path: tuple[Any, ...], value: Any) -> None:
    data = _mutated(path, value)
    assert list(_validator().iter_errors(data)), "the schema accepted it"
    with pytest.raises(OutlineError):
        load_outline_text(json.dumps(data))


@pytest.mark.parametrize(
    "text",
    ["name: 2022", "name: no", "name: 1.5", "name: 2022-11-30", "name: yes"],
)
def test_schema_and_loader_both_accept_yaml_1_1_surprises(text: str) -> None:
    source = yaml.safe_dump(_minimal()).replace("- name: A", "- " + text)
    assert text in source
    assert load_outline_text(source).stages[0].name == text.removeprefix("name: ")
    data = yaml.safe_load(source)
    if "2022-11-30" in text:
        # PyYAML makes a date, which JSON has no type for; editors (YAML 1.2) read text.
        data["stages"][0]["name"] = "2022-11-30"
    assert not [e.message for e in _validator().iter_errors(data)]
