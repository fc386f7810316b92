"""The outline layer: the default outline, the models' contract, and located loader errors."""

from __future__ import annotations

import inspect
import itertools
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from aligndeck.errors import OutlineError, Problem
from aligndeck.outline import models
from aligndeck.outline.loader import (
    load_located_text,
    load_outline,
    load_outline_text,
)
from aligndeck.outline.models import Outline
from aligndeck.outline.source import MAX_OUTLINE_BYTES

ROOT = Path(__file__).resolve().parents[1]
OUTLINE_KEYS = ", ".join(Outline.model_fields)
"""Every top-level key, in the order the message lists them."""
ROOT_DECK = ROOT / "deck.yaml"
PACKAGED_DECK = ROOT / "src" / "aligndeck" / "data" / "deck.yaml"

# The smallest valid outline. Line numbers matter: the expected positions below refer to them.
MINIMAL = """\
title: Minimal talk
stages:
  - name: Only stage
    summary: What it does
comparison:
  prompt: A question
  responses:
    - label: First
      text: One answer
    - label: Second
      text: Another answer
shortcomings:
  items:
    - title: A limit
      summary: Why it matters
"""
STAGE = "  - name: Only stage\n    summary: What it does\n"

Located = tuple[int, int, str, str]


def variant(old: str, new: str) -> str:
    """MINIMAL with the one occurrence of `old` replaced by `new`."""
    assert MINIMAL.count(old) == 1, f"{old!r} must occur exactly once in MINIMAL"
    return MINIMAL.replace(old, new)


def problems_of(text: str) -> list[Located]:
    with pytest.raises(OutlineError) as info:
        load_outline_text(text)
    return [(p.line, p.column, p.path, p.message) for p in info.value.problems]


# ---- the default outline -------------------------------------------------------------------


def test_minimal_outline_is_valid() -> None:
    outline = load_outline_text(MINIMAL)
    assert outline.title == "Minimal talk"
    assert [s.name for s in outline.stages] == ["Only stage"]
    assert [r.label for r in outline.comparison.responses] == ["First", "Second"]
    assert [i.title for i in outline.shortcomings.items] == ["A limit"]
    # defaults fill in what the minimal outline leaves out
    assert outline.comparison.title is None  # the plan says "two" or "three" models
    assert outline.pipeline.title == "The pipeline at a glance"
    assert outline.shortcomings.title == "Where it falls short"
    assert outline.intro == ()
    assert outline.insight is None
    assert outline.closing is None


def test_default_outline_loads() -> None:
    outline = load_outline(ROOT_DECK)
    assert isinstance(outline, Outline)
    assert len(outline.stages) == 4
    assert [stage.loop is not None for stage in outline.stages] == [False, False, True, False]
    loop = outline.stages[2].loop
    assert loop is not None
    assert len(loop.steps) == 4
    assert len(outline.comparison.responses) == 2
    assert len(outline.shortcomings.items) == 4


def test_packaged_default_outline_is_byte_identical_to_root_copy() -> None:
    packaged = (resources.files("aligndeck") / "data" / "deck.yaml").read_bytes()
    assert PACKAGED_DECK.read_bytes() == ROOT_DECK.read_bytes(), (
        "deck.yaml and src/aligndeck/data/deck.yaml differ: edit both, or copy one over the other"
    )
    assert packaged == ROOT_DECK.read_bytes()


# ---- models: unknown keys forbidden, instances frozen -----------------------------------------

RESPONSE = {"label": "L", "text": "T"}
ITEM = {"title": "T", "summary": "S"}
VALID: dict[type[BaseModel], dict[str, Any]] = {
    models.Slide: {"title": "T"},
    models.Loop: {"steps": ["a", "b"]},
    models.Stage: {"name": "N", "summary": "S"},
    models.Response: RESPONSE,
    models.Comparison: {"prompt": "P", "responses": [RESPONSE, RESPONSE]},
    models.Insight: {"text": "T"},
    models.Shortcoming: ITEM,
    models.Shortcomings: {"items": [ITEM]},
    models.Closing: {},
    models.Pipeline: {"title": "T"},
    models.Column: {"heading": "H"},
    models.ThemeColours: {"accent1": "#123456"},
    models.ThemeFonts: {"heading": "Georgia"},
    models.ThemeSettings: {"base": "dark"},
    models.Outline: {
        "title": "T",
        "stages": [{"name": "N", "summary": "S"}],
        "comparison": {"prompt": "P", "responses": [RESPONSE, RESPONSE]},
        "shortcomings": {"items": [ITEM]},
    },
}


def test_every_model_is_in_the_table() -> None:
    public = {
        cls
        for _, cls in inspect.getmembers(models, inspect.isclass)
        if issubclass(cls, BaseModel)
        and cls.__module__ == models.__name__
        and not cls.__name__.startswith("_")
    }
    assert public == set(VALID)


@pytest.mark.parametrize("model", list(VALID), ids=lambda m: m.__name__)
def test_model_forbids_unknown_keys(model: type[BaseModel]) -> None:
    model.model_validate(VALID[model])
    with pytest.raises(ValidationError) as info:
        model.model_validate({**VALID[model], "colour": "red"})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("extra_forbidden", ("colour",))
    ]


@pytest.mark.parametrize("model", list(VALID), ids=lambda m: m.__name__)
def test_model_is_frozen(model: type[BaseModel]) -> None:
    instance = model.model_validate(VALID[model])
    name = next(iter(model.model_fields))
    before = getattr(instance, name)
    with pytest.raises(ValidationError) as info:
        setattr(instance, name, "changed")
    assert info.value.errors()[0]["type"] == "frozen_instance"
    assert getattr(instance, name) == before


def test_text_is_stripped() -> None:
    outline = load_outline_text(variant("name: Only stage", "name: '   Spaced out  '"))
    assert outline.stages[0].name == "Spaced out"


# ---- loader: exact positions and messages ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            variant("    summary: What it does\n", ""),
            [(3, 5, "stages[0].summary", "field required")],
            id="missing-stage-summary",
        ),
        pytest.param(
            variant("      text: Another answer\n", ""),
            [(10, 7, "comparison.responses[1].text", "field required")],
            id="missing-response-text",
        ),
        pytest.param(
            variant(MINIMAL[MINIMAL.index("comparison:") : MINIMAL.index("shortcomings:")],
                    "comparison:\n  prompt: Why?\n"),
            [(6, 3, "comparison.responses", "field required")],
            id="comparison-without-responses",
        ),
        pytest.param(
            variant("    summary: What it does", "    sumary: What it does"),
            # Reported once, as the misspelling, not also as the missing field it meant.
            [(4, 5, "stages[0].sumary", "unknown key 'sumary' (did you mean 'summary'?)")],
            id="unknown-key-typo",
        ),
        pytest.param(
            variant("      text: One answer\n", "      text: One answer\n      lable: extra\n"),
            [
                (
                    10,
                    7,
                    "comparison.responses[0].lable",
                    "unknown key 'lable' (did you mean 'label'?)",
                ),
            ],
            id="unknown-key-in-list-item",
        ),
        pytest.param(
            MINIMAL + "xyzzy: 1\n",
            [
                (
                    16,
                    1,
                    "xyzzy",
                    f"unknown key 'xyzzy'; expected one of: {OUTLINE_KEYS}",
                ),
            ],
            id="unknown-key-no-suggestion",
        ),
        pytest.param(
            variant("title: Minimal talk", "title: [Minimal, talk]"),
            [(1, 8, "title", "expected text, got a list")],
            id="list-where-text",
        ),
        pytest.param(
            variant("stages:\n" + STAGE, "stages: just one stage\n"),
            [(2, 9, "stages", "expected a list of stages, got text")],
            id="text-where-list-of-stages",
        ),
        pytest.param(
            variant("    summary: What it does\n", "    summary: What it does\n    points: one\n"),
            [(5, 13, "stages[0].points", "expected a list of points, got text")],
            id="text-where-list-of-points",
        ),
        pytest.param(
            variant("comparison:\n", "comparison: [a]\nx:\n"),
            [
                (
                    5,
                    13,
                    "comparison",
                    "expected a mapping with keys like title, prompt, responses, got a list",
                ),
                (
                    6,
                    1,
                    "x",
                    f"unknown key 'x'; expected one of: {OUTLINE_KEYS}",
                ),
            ],
            id="list-where-mapping",
        ),
        pytest.param(
            variant("name: Only stage", "name:"),
            [(3, 10, "stages[0].name", "expected text, got nothing")],
            id="null-where-text",
        ),
        pytest.param(
            variant("summary: What it does", "summary: '   '"),
            [(4, 14, "stages[0].summary", "must not be empty")],
            id="blank-text",
        ),
        pytest.param(
            variant("title: Minimal talk\n", "title: Minimal talk\n? [a]\n: b\n"),
            [(2, 3, "", "keys must be plain words")],
            id="non-scalar-key",
        ),
    ],
)
def test_loader_positions(text: str, expected: list[Located]) -> None:
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            variant("stages:\n" + STAGE, "stages:\n" + STAGE * 9),
            [(3, 3, "stages", "9 stages given, at most 8")],
            id="stages-9",
        ),
        pytest.param(
            variant("    - label: Second\n      text: Another answer\n", ""),
            [(8, 5, "comparison.responses", "1 response given, at least 2")],
            id="responses-1",
        ),
        pytest.param(
            variant(
                "      text: Another answer\n",
                "      text: Another answer\n    - label: Third\n      text: x\n"
                "    - label: Fourth\n      text: y\n",
            ),
            [(8, 5, "comparison.responses", "4 responses given, at most 3")],
            id="responses-4",
        ),
        pytest.param(
            variant(
                "    summary: What it does\n",
                "    summary: What it does\n    loop:\n      steps: [a, b, c, d, e, f, g]\n",
            ),
            [(6, 14, "stages[0].loop.steps", "7 steps given, at most 6")],
            id="loop-steps-7",
        ),
        pytest.param(
            variant(
                "    summary: What it does\n",
                "    summary: What it does\n    loop:\n      steps:\n        - only\n",
            ),
            [(7, 9, "stages[0].loop.steps", "1 step given, at least 2")],
            id="loop-steps-1",
        ),
        pytest.param(
            variant(
                "  items:\n    - title: A limit\n      summary: Why it matters\n", "  items: []\n"
            ),
            [(13, 10, "shortcomings.items", "0 items given, at least 1")],
            id="items-0",
        ),
    ],
)
def test_count_limits_report_the_actual_count(text: str, expected: list[Located]) -> None:
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            variant(
                "      text: Another answer\n",
                "      text: Another answer\n    - label: Third\n      text: x\n"
                "    - label: Fourth\n",
            ),
            [
                (8, 5, "comparison.responses", "4 responses given, at most 3"),
                (14, 7, "comparison.responses[3].text", "field required"),
            ],
            id="responses-4-one-invalid",
        ),
        pytest.param(
            variant(
                "    summary: What it does\n",
                "    summary: What it does\n    loop:\n      steps: [a, b, c, d, e, f, '']\n",
            ),
            [
                (6, 14, "stages[0].loop.steps", "7 steps given, at most 6"),
                (6, 33, "stages[0].loop.steps[6]", "must not be empty"),
            ],
            id="loop-steps-7-one-empty",
        ),
        pytest.param(
            variant(
                "      text: Another answer\n",
                "      text: Another answer\n    - label: Third\n      text: x\n"
                "    - label: Fourth\n      text: y\n    - label: Fifth\n",
            ),
            [
                (8, 5, "comparison.responses", "5 responses given, at most 3"),
                (16, 7, "comparison.responses[4].text", "field required"),
            ],
            id="responses-5-last-invalid",
        ),
    ],
)
def test_count_limit_reported_alongside_item_problems(text: str, expected: list[Located]) -> None:
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            variant("title: Minimal talk\n", "title: Minimal talk\ntitle: Again\n"),
            [(2, 1, "title", "duplicate key 'title' (first given on line 1)")],
            id="top-level",
        ),
        pytest.param(
            variant(
                "    summary: What it does\n",
                "    summary: What it does\n    summary: Said twice\n",
            ),
            [(5, 5, "stages[0].summary", "duplicate key 'summary' (first given on line 4)")],
            id="nested",
        ),
    ],
)
def test_duplicate_keys_reported_at_second_occurrence(text: str, expected: list[Located]) -> None:
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            variant("  prompt: A question", "  prompt: A: question"),
            (6, 12, "", "YAML syntax: a ': ' inside text makes a key of the words before it; "
             "put the text in quotes: prompt: \"A: question\" (mapping values are not "
             "allowed here)"),
            id="colon-in-plain-scalar",
        ),
        pytest.param(
            variant("  prompt: A question", "\tprompt: A question"),
            (
                6,
                1,
                "",
                "YAML syntax: a tab in the indentation; indent with spaces (while scanning "
                "for the next token: found character '\\t' that cannot start any token)",
            ),
            id="tab-indent",
        ),
        pytest.param(
            variant("title: Minimal talk", "title: *nowhere"),
            (1, 8, "", "YAML syntax: an alias (*name) with no anchor (&name) before it "
             "(found undefined alias 'nowhere')"),
            id="undefined-alias",
        ),
        pytest.param(
            MINIMAL + "---\ntitle: Second document\n",
            (
                16,
                1,
                "",
                "YAML syntax: expected a single document in the stream: but found another document",
            ),
            id="two-documents",
        ),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, expected: Located) -> None:
    assert problems_of(text) == [expected]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['echo pwned']", "!!python/object/apply:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!custom thing", "!custom"),
    ],
)
def test_tags_are_refused_with_a_position(value: str, tag: str) -> None:
    assert problems_of(variant("title: Minimal talk", f"title: {value}")) == [
        (1, 8, "title", f"tag '{tag}' is not allowed in an outline")
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    levels = "abcdefghij"
    lines = [f"{levels[0]}: &{levels[0]} [" + ", ".join(["lol"] * 9) + "]"]
    for prev, name in itertools.pairwise(levels):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"  # 9**10 leaves if expanded
    started = time.perf_counter()
    with pytest.raises(OutlineError) as info:
        load_outline_text(bomb)
    assert time.perf_counter() - started < 5
    [problem] = info.value.problems
    assert problem.line >= 1
    assert problem.column >= 1
    assert problem.message == (
        "the outline expands to too many values (aliases nested too deeply?); refusing to expand it"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, 1, "", "the outline is empty")),
        ("\n\n", (1, 1, "", "the outline is empty")),
        ("# only a comment\n", (1, 1, "", "the outline is empty")),
        (
            "- title\n- stages\n",
            (1, 1, "", "expected a mapping of outline keys (title, stages, …), got a list"),
        ),
        (
            "just some words\n",
            (1, 1, "", "expected a mapping of outline keys (title, stages, …), got text"),
        ),
    ],
    ids=["empty", "blank-lines", "comment-only", "top-level-list", "top-level-text"],
)
def test_not_an_outline(text: str, expected: Located) -> None:
    assert problems_of(text) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "attribute", "value"),
    [
        ("name: Only stage", "name: 2022", ("stages", 0, "name"), "2022"),
        ("name: Only stage", "name: 2022\n    label: no", ("stages", 0, "label"), "no"),
        ("summary: What it does", "summary: 1.0", ("stages", 0, "summary"), "1.0"),
        ("title: Minimal talk", "title: yes", ("title",), "yes"),
        ("title: Minimal talk", "title: Minimal talk\ndate: 2022-11-30", ("date",), "2022-11-30"),
        ("title: Minimal talk", "title: Minimal talk\nkicker: on", ("kicker",), "on"),
        ("title: Minimal talk", "title: Minimal talk\nauthor: 12:30", ("author",), "12:30"),
        ("title: Minimal talk", "title: Minimal talk\nsubtitle: 0o17", ("subtitle",), "0o17"),
        ("title: Minimal talk", "title: 0x1F", ("title",), "0x1F"),
        ("title: Minimal talk", "title: '~'", ("title",), "~"),
        ("title: Minimal talk", 'title: "null"', ("title",), "null"),
    ],
    ids=[
        "int",
        "bool-no",
        "float",
        "bool-yes",
        "date",
        "bool-on",
        "sexagesimal",
        "octal",
        "hex",
        "quoted-tilde",
        "quoted-null",
    ],
)
def test_yaml_scalars_stay_the_text_written(
    old: str, new: str, attribute: tuple[str | int, ...], value: str
) -> None:
    found: Any = load_outline_text(variant(old, new))
    for part in attribute:
        found = found[part] if isinstance(part, int) else getattr(found, part)
    assert found == value


def test_all_problems_reported_at_once_sorted_by_position() -> None:
    # Out of the models' field order on purpose: the report must follow the file, not pydantic.
    text = """\
shortcomings:
  items: []
title: [a, list]
stages:
  - name: Only stage
    sumary: typo
comparison:
  prompt: A question
  responses:
    - label: Lonely
      text: One answer
"""
    assert problems_of(text) == [
        (2, 10, "shortcomings.items", "0 items given, at least 1"),
        (3, 8, "title", "expected text, got a list"),
        (6, 5, "stages[0].sumary", "unknown key 'sumary' (did you mean 'summary'?)"),
        (10, 5, "comparison.responses", "1 response given, at least 2"),
    ]


# ---- files: load_outline ---------------------------------------------------------------------


def test_load_outline_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_outline(path) == load_outline_text(MINIMAL)


def test_load_outline_positions_match_text(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(variant("    summary: What it does\n", ""), encoding="utf-8")
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert [p.format("talk.yaml") for p in info.value.problems] == [
        "talk.yaml:3:5: error: stages[0].summary: field required"
    ]


def test_utf8_bom_is_accepted_and_positions_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_outline(path).title == "Minimal talk"
    path.write_bytes(b"\xef\xbb\xbf" + variant("    summary: What it does\n", "").encode())
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert [(p.line, p.column) for p in info.value.problems] == [(3, 5)]


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(variant("name: Only stage", "name: Caf\u00e9 stage").encode("latin-1"))
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert [(p.line, p.column, p.path, p.message) for p in info.value.problems] == [
        (3, 14, "", "the file is not UTF-8 text; save it as UTF-8")
    ]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(MINIMAL.encode() + b"#" * (MAX_OUTLINE_BYTES + 1 - len(MINIMAL)))
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert [p.format("big.yaml") for p in info.value.problems] == [
        "big.yaml: error: the outline is over 16 MB; at most 16,000,000 bytes are accepted "
        "(set ALIGNDECK_MAX_OUTLINE_MB to raise the limit)"
    ]


def test_outline_limit_follows_its_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("ALIGNDECK_MAX_OUTLINE_MB", str(len(MINIMAL.encode()) / 1_000_000))
    assert load_outline(path)
    monkeypatch.setenv("ALIGNDECK_MAX_OUTLINE_MB", str((len(MINIMAL.encode()) - 1) / 1_000_000))
    with pytest.raises(OutlineError, match="1 problem"):
        load_outline(path)


# ---- Problem and OutlineError ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (
            Problem(14, 7, "stages[2].summary", "field required"),
            "deck.yaml:14:7: error: stages[2].summary: field required",
        ),
        (Problem(1, 1, "", "the outline is empty"), "deck.yaml:1:1: error: the outline is empty"),
        (Problem(0, 0, "", "too big"), "deck.yaml: error: too big"),
    ],
)
def test_problem_format(problem: Problem, expected: str) -> None:
    assert problem.format("deck.yaml") == expected


def test_problem_format_from_a_real_outline() -> None:
    text = """\
title: Three stages
stages:
    - name: One
      summary: First
      points:
        - a
        - b
        - c
    - name: Two
      summary: Second
      points:
        - a
        - b
    - name: Three
comparison:
  prompt: P
  responses: [{label: A, text: a}, {label: B, text: b}]
shortcomings:
  items: [{title: T, summary: S}]
"""
    with pytest.raises(OutlineError) as info:
        load_outline_text(text)
    assert [p.format("deck.yaml") for p in info.value.problems] == [
        "deck.yaml:14:7: error: stages[2].summary: field required"
    ]


def test_outline_error_sorts_its_problems() -> None:
    late = Problem(9, 1, "b", "late")
    early_col = Problem(2, 3, "a", "second")
    early = Problem(2, 1, "z", "first")
    error = OutlineError([late, early_col, early])
    assert error.problems == [early, early_col, late]
    assert str(error) == "3 problem(s) in the outline"


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_a_question_mark_ending_text_inside_braces_is_text() -> None:
    # libyaml (which composes when PyYAML has it) reads this as the user meant; PyYAML's
    # own scanner would refuse the '?' (that fallback's message has a hint, see _YAML_HINTS).
    outline = load_outline_text(MINIMAL.replace("text: One answer", "text: Ready?").replace(
        "  responses:\n", "  responses:\n    - {label: Q, text: How do I make pasta?}\n", 1))
    assert outline.comparison.responses[0].text == "How do I make pasta?"


def test_a_dash_line_inside_a_block_scalar_is_not_a_folded_item() -> None:
    text = MINIMAL.replace("    summary: What it does\n", "    summary: What it does\n"
                           "    notes: >-\n      First line\n        - an aside\n")
    _, positions = load_located_text(text)
    assert positions.warnings == []


def test_a_dash_line_folded_into_plain_text_is_a_warning() -> None:
    text = MINIMAL.replace("    summary: What it does\n", "    summary: What it does\n"
                           "    points:\n      - One\n        - Two\n")
    outline, positions = load_located_text(text)
    assert outline.stages[0].points == ("One - Two",)
    assert [(p.line, p.column, p.path, p.severity) for p in positions.warnings] == [
        (7, 9, "stages[0].points[0]", "warning")]
