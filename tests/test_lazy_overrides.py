"""`strings:` is validated by StringOverrides only when an outline gives it (issue 24).

The outline's field holds a plain validator that calls the model, so the model's validator
(97 fields) is not built at every start-up. Its errors must be exactly those of the model
nested as an ordinary field: each case is validated by both and the errors compared, and
then through the loader, whose messages the user reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from pydantic import Field, ValidationError, create_model

from aligndeck.errors import OutlineError
from aligndeck.outline import validation
from aligndeck.outline.loader import load_outline_text
from aligndeck.outline.models import Outline
from aligndeck.outline.overrides import StringOverrides, given
from helpers import DEFAULT_OUTLINE

EAGER: Any = create_model(
    "EagerOutline", __base__=Outline,
    strings=(StringOverrides, Field(default_factory=StringOverrides)),
)
"""The outline as it was: the model nested as an ordinary field."""

BASE = {"title": "T", "stages": [{"name": "A", "summary": "B"}]}

CASES: list[Any] = [
    {"stage_lable": "Phase {n}"},
    {"shortcoming_label": "Problem {n}"},
    {"questions": ""},
    {"questions": "Fragen\x07?"},
    {"questions": 5},
    {"questions": ["a"]},
    {"questions": None},
    {"stage_label": "Stufe {n}", "nope": 1, "quotation": "{quote"},
    None,
    "Fragen?",
    ["questions"],
    7,
]


def _errors(model: Any, strings: Any) -> list[Any]:
    try:
        model.model_validate({**BASE, "strings": strings})
    except ValidationError as exc:
        # a ValueError equals only itself: its text is compared
        return [{**{k: v for k, v in e.items() if k != "url"},
                 "ctx": {k: str(v) for k, v in e.get("ctx", {}).items()}}
                for e in exc.errors()]
    return []


@pytest.mark.parametrize("strings", CASES)
def test_errors_are_the_models_own(strings: Any) -> None:
    assert _errors(Outline, strings) == _errors(EAGER, strings)


def _problems(text: str) -> list[tuple[int, int, str, str]] | dict[str, str]:
    try:
        return given(load_outline_text(text).strings)
    except OutlineError as exc:
        return [(p.line, p.column, p.path, p.message) for p in exc.problems]


@pytest.mark.parametrize("strings", CASES)
def test_the_loaders_messages_are_the_models_own(strings: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    body = "" if strings is None else json.dumps(strings)
    text = DEFAULT_OUTLINE.read_text(encoding="utf-8") + f"\nstrings: {body}\n"
    lazy = _problems(text)
    monkeypatch.setattr(validation, "Outline", EAGER)
    assert lazy == _problems(text)
    if not isinstance(lazy, dict):  # YAML's 5 is the text "5", and null is no override
        assert lazy and all(path.startswith("strings") for _, _, path, _ in lazy)


@pytest.mark.parametrize(("strings", "expected"), [
    ({}, {}),
    ({"questions": "Fragen?"}, {"questions": "Fragen?"}),
    ({"list_separator": " / ", "stage_label": "Phase {n}"},
     {"list_separator": " / ", "stage_label": "Phase {n}"}),
])
def test_given_overrides_are_read_as_the_model_dumps_them(strings: Any,
                                                           expected: dict[str, str]) -> None:
    lazy = Outline.model_validate({**BASE, "strings": strings}).strings
    assert given(lazy) == expected
    assert lazy == EAGER.model_validate({**BASE, "strings": strings}).strings
    assert lazy.model_dump(exclude_none=True) == expected


def test_the_default_is_no_overrides_and_equals_the_models_default() -> None:
    default = Outline.model_validate(BASE).strings
    assert given(default) == {}
    assert default == StringOverrides()
    assert isinstance(default, StringOverrides)


PROBE = """
import sys
from pathlib import Path
from aligndeck.outline.loader import load_outline
from aligndeck.outline.overrides import StringOverrides
outline = load_outline(Path(sys.argv[1]))
print(StringOverrides.__pydantic_complete__)
"""


def test_an_outline_without_strings_does_not_build_the_model() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(DEFAULT_OUTLINE)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("strings", [None, {}, {"questions": "Fragen?", "list_separator": " / "}])
def test_the_outline_dumps_and_hashes_as_before(strings: dict[str, str] | None) -> None:
    data = dict(BASE) if strings is None else {**BASE, "strings": strings}
    lazy, eager = Outline.model_validate(data), EAGER.model_validate(data)
    assert lazy.model_dump() == eager.model_dump()
    assert lazy.model_dump_json() == eager.model_dump_json()
    assert hash(lazy.strings) == hash(eager.strings)
