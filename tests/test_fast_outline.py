"""The outline read without pydantic's validators (outline/fast.py) is the outline pydantic
reads, object for object, or nothing: every outline of the tests and the built-in talk
read both ways, the bad outlines (whose messages the golden errors hold) left to pydantic,
and values each reader could take differently (issue 24)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from aligndeck.api import builtin_outline_text
from aligndeck.errors import OutlineError
from aligndeck.outline.fast import construct
from aligndeck.outline.loader import _parse
from aligndeck.outline.models import Outline

TESTS = Path(__file__).parent
OUTLINES = sorted({*TESTS.rglob("*.yaml"), *(TESTS.parent / "examples").rglob("*.yaml")})


def _same(fast: Any, slow: Any, where: str = "outline") -> None:
    """Equal values of the same types all the way down, models with the same fields set."""
    assert type(fast) is type(slow), where
    if isinstance(slow, BaseModel):
        assert fast.model_fields_set == slow.model_fields_set, where
        for name in type(slow).model_fields:
            _same(getattr(fast, name), getattr(slow, name), f"{where}.{name}")
    elif isinstance(slow, tuple):
        assert len(fast) == len(slow), where
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            _same(a, b, f"{where}[{index}]")
    else:
        assert fast == slow, where


def _both(data: Any) -> tuple[Any, Any]:
    """What the fast reader makes (None: it leaves it to pydantic) and what pydantic makes
    (None: it finds something wrong)."""
    fast = construct(Outline, data)
    try:
        slow = Outline.model_validate(data)
    except ValidationError:
        slow = None
    return fast, slow


def _data(text: str) -> Any:
    try:
        parsed = _parse(text)
    except OutlineError:
        return None
    return None if parsed.problems else parsed.data


def _outlines() -> list[tuple[str, str]]:
    texts = [("built-in", builtin_outline_text())]
    for path in OUTLINES:
        try:
            texts.append((str(path.relative_to(TESTS.parent)), path.read_text("utf-8-sig")))
        except UnicodeDecodeError:
            continue  # an outline about a file that is not UTF-8: no data to read
    return texts


def test_every_outline_reads_the_same_both_ways() -> None:
    read_fast = []
    for name, text in _outlines():
        data = _data(text)
        if not isinstance(data, dict):
            continue
        fast, slow = _both(data)
        if slow is None:
            assert fast is None, f"{name}: pydantic finds a mistake the fast reader took"
        elif fast is not None:
            _same(fast, slow, name)
            read_fast.append(name)
    # The fast reader is the common path: the built-in talk and most outlines take it.
    assert "built-in" in read_fast
    assert len(read_fast) >= 12, read_fast


def test_bad_outlines_go_to_pydantic() -> None:
    bad = sorted((TESTS / "bad").glob("*.yaml"))
    assert len(bad) > 30
    for path in bad:
        try:
            data = _data(path.read_text("utf-8-sig"))
        except UnicodeDecodeError:
            continue
        if isinstance(data, dict):
            assert construct(Outline, data) is None or _both(data)[1] is not None, path.name


STAGES = [{"name": "Pretrained", "summary": "Continues text"}]

# Values where Python and pydantic could part ways: each outline differs from a valid one
# by one value; the fast reader must read it as pydantic does, or leave it to pydantic.
CASES: list[dict[str, Any]] = [
    {"title": "A talk"},
    {"title": "  A talk \n"},
    {"title": "\u00a0A talk"},  # a no-break space: Rust's trim and Python's strip agree
    {"title": "A talk\x1f"},  # a separator Python strips and pydantic keeps (and refuses)
    {"title": "\x1cA talk"},
    {"title": "A\x07talk"},
    {"title": "   "},
    {"title": ""},
    {"title": 2022},
    {"title": True},
    {"title": None},
    {"title": ["A", "talk"]},
    {"title": "A talk\ud800"},
    {"title": "A talk", "language": " de-DE "},
    {"title": "A talk", "language": "de-DE\n"},
    {"title": "A talk", "language": "deutsch"},
    {"title": "A talk", "language": 12},
    {"title": "A talk", "reveal": True},
    {"title": "A talk", "reveal": "yes"},
    {"title": "A talk", "reveal": 1},
    {"title": "A talk", "aspect": "4:3"},
    {"title": "A talk", "aspect": "1:1"},
    {"title": "A talk", "theme": "dark"},
    {"title": "A talk", "theme": "sepia"},
    {"title": "A talk", "theme": {"base": "dark", "colours": {"accent1": "#0E7C86"}}},
    {"title": "A talk", "theme": {"colours": {"accent1": "0E7C86 "}}},
    {"title": "A talk", "theme": {"fonts": {"heading": " Georgia"}}},
    {"title": "A talk", "strings": {"questions": "Fragen?"}},
    {"title": "A talk", "strings": {"questions": ""}},
    {"title": "A talk", "unknown": 1},
    {"title": "A talk", 3: "three"},
    {"title": "A talk", "intro": [{"title": "One", "points": ["a", " b "]}]},
    {"title": "A talk", "intro": [{"title": "One", "points": "a"}]},
    {"title": "A talk", "intro": [{"title": "One", "points": ("a",)}]},
    {"title": "A talk", "intro": [{"title": "One", "image": "a.png"}]},
    {"title": "A talk", "intro": [{"title": "One", "image": "a.png", "alt": "A"}]},
    {"title": "A talk", "intro": [{"title": "One", "quote": "Q", "by": "B"}]},
    {"title": "A talk", "intro": [{"title": "One", "quote": "Q", "points": ["a"]}]},
    {"title": "A talk", "intro": [{"title": "One", "by": "B"}]},
    {"title": "A talk", "intro": [{"title": "One", "diagram": "flowchart LR\n  A --> B\n"}]},
    {"title": "A talk", "intro": [{"title": "One", "diagram": "  \n"}]},
    {"title": "A talk", "intro": [{"title": "One", "columns": [
        {"heading": "A", "points": ["x"]}, {"heading": "B"}]}]},
    {"title": "A talk", "intro": [{"title": "One", "columns": [{"heading": "A"}]}]},
    {"title": "A talk", "intro": [{"title": "One", "table": {
        "header": ["A", "B"], "rows": [["1", "2"]]}}]},
    {"title": "A talk", "intro": ["One"]},
    {"title": "A talk", "closing": {"questions": ""}},
    {"title": "A talk", "closing": {"questions": None}},
    {"title": "A talk", "closing": {"questions": " "}},
    {"title": "A talk", "closing": {"text": "Bye?", "questions": "Any?"}},
    {"title": "A talk", "comparison": {"prompt": "P", "responses": [
        {"label": "A", "text": "a"}, {"label": "B", "text": "b"}]}},
    {"title": "A talk", "comparison": {"prompt": "P", "responses": [
        {"label": "A", "text": "a"}]}},
    {"title": "A talk", "shortcomings": {"items": [{"title": "T", "summary": "S"}] * 9}},
    {"title": "A talk", "pipeline": {"title": "Overview"}, "overview": False},
    {"stages": STAGES},
    {"title": "A talk", "stages": [{"name": "Pretrained"}]},
    {"title": "A talk", "stages": []},
    {"title": "A talk", "intro": [{"points": ["a"]}]},
    {"title": "A talk", "stages": [{**STAGES[0], "loop": {"steps": ["One"]}}]},
]


@pytest.mark.parametrize("changed", CASES)
def test_a_value_reads_as_pydantic_reads_it_or_goes_to_pydantic(changed: dict[str, Any]
                                                                ) -> None:
    data = {"stages": [*STAGES, {"name": "Tuned", "summary": "Answers", "loop": {
        "steps": ["Compare", "Train"]}}], **changed}
    fast, slow = _both(data)
    if slow is None:
        assert fast is None
    elif fast is not None:
        _same(fast, slow)


def test_plain_values_take_the_fast_path() -> None:
    """The comparison above is not empty: ordinary outlines are read fast."""
    fast, slow = _both({"title": " A talk ", "stages": STAGES, "theme": "dark",
                        "intro": [{"title": "One", "points": ["a"]}]})
    assert fast is not None and slow is not None
    _same(fast, slow)
    assert fast.title == "A talk" and fast.theme.base == "dark"


def test_the_comparison_tells_objects_apart() -> None:
    one = Outline.model_validate({"title": "A", "stages": STAGES})
    two = Outline.model_validate({"title": "A", "stages": STAGES, "reveal": False})
    with pytest.raises(AssertionError):
        _same(one, two)  # the same values, but not the same fields given
