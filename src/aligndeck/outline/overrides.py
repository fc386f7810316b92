"""The outline's `strings:` mapping: one optional field per built-in text (see strings.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
)

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


def given(overrides: BaseModel) -> dict[str, str]:
    """The built-in texts an outline overrides, by key."""
    return {key: value for key, value in overrides.model_dump().items() if value is not None}
