"""Load an outline: safe YAML with every node's position, then validation into an Outline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aligndeck.errors import OutlineError, Problem
from aligndeck.outline.models import Outline
from aligndeck.outline.nodes import (
    Converter,
    compose,
    format_path,
    mark,
    printable,
)
from aligndeck.outline.positions import PathKey, Positions
from aligndeck.outline.source import MAX_OUTLINE_BYTES, read_outline_text
from aligndeck.outline.validation import describe, validate_outline
from aligndeck.outline.yaml_help import syntax_problem

__all__ = ["MAX_OUTLINE_BYTES", "PathKey", "Positions", "format_path", "load_located",
           "load_located_text", "load_outline", "load_outline_text", "parse_outline_text",
           "printable", "read_outline_text", "validate_outline"]



def _parse(text: str) -> _Parsed:
    """Parse YAML text; syntax errors raise, problems in values are returned to report
    alongside what validation finds."""
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        raise OutlineError([syntax_problem(exc, text)]) from None
    if node is None:
        raise OutlineError([Problem(1, 1, "", "the outline is empty")])
    converter = Converter(text)
    data = converter.convert(node, ())
    if not isinstance(data, dict):
        line, col = mark(node)
        raise OutlineError(
            [*converter.problems,
             Problem(line, col, "", f"expected a mapping of outline keys (title, stages, …), "
                     f"got {describe(data)}")]
        )
    return _Parsed(data, converter.positions, converter.problems, converter.unusable)


@dataclass(frozen=True)
class _Parsed:
    data: dict[str, Any]
    positions: Positions
    problems: list[Problem]
    unusable: set[PathKey]


def parse_outline_text(text: str) -> tuple[Any, Positions]:
    """Parse YAML text into plain data and positions; raises OutlineError on any problem."""
    parsed = _parse(text)
    if parsed.problems:
        raise OutlineError(parsed.problems)
    return parsed.data, parsed.positions


def load_outline_text(text: str) -> Outline:
    """Parse and validate outline text; every problem found is raised in one OutlineError."""
    return load_located_text(text)[0]


def load_located_text(text: str, overrides: dict[str, Any] | None = None
                      ) -> tuple[Outline, Positions]:
    """Parse and validate outline text, keeping where each value was written; `overrides`
    replace top-level values before validation (a script's `language=`), so defaults that
    follow them (titles in the outline's language) follow the override."""
    parsed = _parse(text)
    parsed.data.update(overrides or {})
    try:
        outline = validate_outline(parsed.data, parsed.positions, parsed.problems,
                                   parsed.unusable)
    except OutlineError as exc:  # the YAML's warnings are worth reading beside its errors
        raise OutlineError([*exc.problems, *parsed.positions.warnings]) from None
    return outline, parsed.positions


def load_outline(path: Path) -> Outline:
    """Read, parse and validate the outline file at path; raises OutlineError."""
    return load_located(path)[0]


def load_located(path: Path, overrides: dict[str, Any] | None = None
                 ) -> tuple[Outline, Positions]:
    """Read, parse and validate the outline file at path, keeping positions."""
    return load_located_text(read_outline_text(path), overrides)
