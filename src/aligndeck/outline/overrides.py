"""The outline's `strings:` mapping: one optional field per built-in text (see strings.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from aligndeck.outline.text import NO_CONTROL_CHARACTERS
from aligndeck.strings import CATALOGUE, override_problem

_EXAMPLES = {"stage_label": "Phase {n}", "questions": "Fragen?",
             "shortcoming_label": "Problem {n} of {count}"}


def _check(cls: Any, value: Any, info: ValidationInfo) -> Any:
    """An override must keep the placeholders of the text it replaces."""
    if isinstance(value, str) and info.field_name is not None:
        problem = override_problem(info.field_name, value)
        if problem:
            raise ValueError(problem)
    return value


Words = Annotated[str, StringConstraints(min_length=1, pattern=NO_CONTROL_CHARACTERS)]
"""An override, kept exactly as written: a separator such as ", " keeps its space."""

_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=False, defer_build=True)

if TYPE_CHECKING:
    class StringOverrides(BaseModel): ...
else:
    StringOverrides = create_model(
        "StringOverrides",
        __config__=_CONFIG,
        __doc__="Your own words for any built-in text; each key's English is its default.",
        __validators__={"_placeholders": field_validator("*")(_check)},
        **{
            key: (Words | None, Field(
                default=None,
                description=f"{entry.description} English: “{entry.english}”.",
                examples=[_EXAMPLES.get(key, entry.english)]))
            for key, entry in CATALOGUE.items()
        },
    )


def _validate(value: Any) -> Any:
    if isinstance(value, StringOverrides):
        return value
    return StringOverrides.model_validate(value)  # its errors are nested under `strings`


class ValidatedWhenGiven:
    """Marks `Outline.strings`: its 97 fields' validator is built only for an outline with
    `strings:` (35 ms of a cold start otherwise); the errors and the schema are the model's."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler
                                     ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler
                                     ) -> JsonSchemaValue:
        return {}  # outline/schema.py refers to the model's own schema here


def no_overrides() -> Any:
    """The default of `strings:`, made without building the model's validator."""
    return StringOverrides.model_construct()


def given(overrides: BaseModel) -> dict[str, str]:
    """The built-in texts an outline overrides, by key (read without the model's serializer,
    which `model_dump` would build)."""
    return {key: value for key in type(overrides).model_fields
            if (value := getattr(overrides, key)) is not None}
