"""Load an outline: safe YAML with every node's position, then validation into an Outline."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from aligndeck.errors import OutlineError, Problem
from aligndeck.outline.models import Outline, Text
from aligndeck.outline.positions import PathKey as PathKey  # re-exported
from aligndeck.outline.positions import Positions as Positions  # re-exported
from aligndeck.outline.source import read_outline_text

MAX_NODES = 200_000
"""Bound on nodes visited while converting, so alias chains cannot expand without limit."""

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
}
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def printable(text: str) -> str:
    """Text safe to show on one line of a message: line breaks and control characters
    escaped as in YAML's double-quoted style (a key the user mistyped may hold them)."""
    if text.isprintable():
        return text
    return json.dumps(text, ensure_ascii=False)[1:-1]


def format_path(path: PathKey) -> str:
    """`('stages', 2, 'summary')` → `stages[2].summary`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{printable(part)}" if out else printable(part)
    return out


class _Converter:
    """Turns composed YAML nodes into plain data, never constructing tagged objects.

    Scalars stay the text the user wrote (`name: 2022` is "2022", `label: no` is "no"):
    every field in the contract is text, and pydantic's lax mode turns text into the
    few non-text values later contracts may add.
    """

    def __init__(self, text: str = "") -> None:
        self.positions = Positions(text=text)
        self.problems: list[Problem] = []
        self.unusable: set[PathKey] = set()
        """Paths whose value was refused; validation skips what it would say about them."""
        self.visited = 0

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            line, col = _mark(node)
            raise OutlineError(
                [Problem(line, col, format_path(path), "the outline expands to too many values "
                         "(aliases nested too deeply?); refusing to expand it")]
            )
        self.positions.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                return self._bad_tag(node, path)
            if node.flow_style:
                self.positions.flow.add(path)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = _mark(key_node)
                    self.problems.append(
                        Problem(line, col, format_path(path), "keys must be plain words")
                    )
                    continue
                key = str(key_node.value)
                if key in result:
                    line, col = _mark(key_node)
                    first = self.positions.keys[(*path, key)][0]
                    self.problems.append(
                        Problem(line, col, format_path((*path, key)),
                                f"duplicate key '{printable(key)}' (first given on line {first})")
                    )
                    continue
                self.positions.keys[(*path, key)] = _mark(key_node)
                result[key] = self.convert(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.positions.scalars[path] = (node.style or "", node.start_mark.line,
                                        node.end_mark.line)
        if node.tag == _NULL_TAG and not node.style:  # libyaml says "" where PyYAML None
            return None
        if node.tag in _PLAIN_TAGS or node.tag == _NULL_TAG:
            return str(node.value)
        return self._bad_tag(node, path)

    def _bad_tag(self, node: yaml.Node, path: PathKey) -> None:
        self.unusable.add(path)
        line, col = _mark(node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(
            Problem(line, col, format_path(path), f"tag '{tag}' is not allowed in an outline")
        )
        return None


_YAML_HINTS = (
    ("found character '\\t'", "a tab in the indentation; indent with spaces"),
    ("expected ',' or '}', but got '?'",
     "a '?' inside { … } starts a key there; put quotes around text with '?' or ': '"),
    ("mapping values are not allowed here",
     "a ': ' where it cannot go; check the indentation, or quote text containing ': '"),
    ("found unexpected end of stream", "a quote is never closed"),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it"),
)


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"{context}: {problem}" if context else str(problem)
    hint = next((h for needle, h in _YAML_HINTS if needle in text), None)
    return Problem(line, col, "", f"YAML syntax: {hint} ({text})" if hint else
                   f"YAML syntax: {text}")


FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's composer (PyYAML's wheels carry it), ten times faster on long outlines."""


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree, with each node's position: composed by libyaml when it is
    there; a document it rejects is composed again by PyYAML's own loader, whose messages
    and positions are the ones users see, so errors read the same on every machine."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The first line before `before` with an odd number of double quotes, if any.

    A quote left open swallows the lines after it, so the parser complains much later;
    pointing at the line where the quote opened is what helps.
    """
    for number, line in enumerate(text.splitlines()[: max(before - 1, 0)], 1):
        if line.lstrip().startswith("#"):
            continue
        if (line.count('"') - line.count('\\"')) % 2:
            return number
    return None


def _parse(text: str) -> _Parsed:
    """Parse YAML text; syntax errors raise, problems in values are returned to report
    alongside what validation finds."""
    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        problem = _yaml_problem(exc)
        opened = _unclosed_quote_line(text, problem.line)
        if opened:
            problem = replace(problem, message=f"{problem.message}; is the quote opened on "
                              f"line {opened} closed?")
        raise OutlineError([problem]) from None
    if node is None:
        raise OutlineError([Problem(1, 1, "", "the outline is empty")])
    converter = _Converter(text)
    data = converter.convert(node, ())
    if not isinstance(data, dict):
        line, col = _mark(node)
        raise OutlineError(
            [*converter.problems,
             Problem(line, col, "", f"expected a mapping of outline keys (title, stages, …), "
                     f"got {_describe(data)}")]
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


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


_PLURALS = {
    "intro": "slides",
    "stages": "stages",
    "points": "points",
    "steps": "steps",
    "responses": "responses",
    "items": "items",
    "columns": "columns",
    "extra": "slides",
}


def _count(n: int, field_name: str) -> str:
    plural = _PLURALS.get(field_name, "entries")
    singular = "entry" if plural == "entries" else plural.removesuffix("s")
    return f"{n} {singular if n == 1 else plural}"


def _model_at(path: PathKey) -> type[BaseModel] | None:
    """The model class that validates the mapping at path (indices skipped)."""
    model: type[BaseModel] = Outline
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        inner = _first_model(info.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _problem_from_error(err: Any, data: Any, positions: Positions) -> Problem | None:
    loc: PathKey = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    name = str(next((p for p in reversed(loc) if isinstance(p, str)), ""))
    if kind == "missing":
        line, col = positions.of_value(loc[:-1])
        return Problem(line, col, format_path(loc), "field required")
    if kind == "extra_forbidden":
        line, col = positions.of_key(loc)
        model = _model_at(loc[:-1])
        message = f"unknown key '{printable(str(loc[-1]))}'"
        if model is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
            if close:
                message += f" (did you mean '{close[0]}'?)"
            elif loc[:-1] in positions.flow and (" " in str(loc[-1]).strip() or value is None):
                message += ("; inside { … } a comma ends the text before it: put quotes "
                            "around text that holds a comma")
            else:
                message += f"; expected one of: {', '.join(model.model_fields)}"
        return Problem(line, col, format_path(loc), message)
    line, col = positions.of_value(loc)
    if kind in ("too_short", "too_long"):
        if isinstance(value, list | tuple) and (
            ctx.get("min_length", 0) <= len(value) <= ctx.get("max_length", len(value))
        ):
            return None  # the count is fine; the items themselves have problems
        # pydantic counts only the items that validated; the user counts what they wrote.
        actual = len(value) if isinstance(value, list | tuple) else ctx.get("actual_length", 0)
        if kind == "too_short":
            bound = f"at least {ctx.get('min_length')}"
        else:
            bound = f"at most {ctx.get('max_length')}"
        return Problem(line, col, format_path(loc), f"{_count(actual, name)} given, {bound}")
    if kind == "string_pattern_mismatch" and name == "language":
        return Problem(line, col, format_path(loc),
                       f"'{printable(str(value))}' is not a language tag; write one such as "
                       "en-US, de-DE or ja-JP")
    if kind == "string_pattern_mismatch" and "colours" in loc:
        return Problem(line, col, format_path(loc),
                       f"'{printable(str(value))}' is not a colour; write six hex digits such "
                       "as #1A5FB4")
    if kind == "literal_error":
        return Problem(line, col, format_path(loc),
                       f"'{printable(str(value))}' is not one of {ctx.get('expected', '')}")
    if kind == "string_pattern_mismatch":
        bad = next((c for c in str(value) if (ord(c) < 32 and c not in "\t\n\r") or c == "\x7f"),
                   "?")
        return Problem(line, col, format_path(loc),
                       f"contains the control character U+{ord(bad):04X}; remove it")
    if kind == "value_error":
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        # Point at the second key the message names (the one that clashes), if written.
        named = [positions.keys[(*loc, key)] for key in re.findall(r"'(\w+)'", message)
                 if (*loc, key) in positions.keys]
        line, col = named[-1] if named else (line, col)
        return Problem(line, col, format_path(loc), message)
    if kind == "string_too_short":
        return Problem(line, col, format_path(loc), "must not be empty")
    if kind == "string_type":
        return Problem(line, col, format_path(loc), f"expected text, got {_describe(value)}")
    if kind in ("tuple_type", "list_type"):
        plural = _PLURALS.get(name, "entries")
        return Problem(line, col, format_path(loc),
                       f"expected a list of {plural}, got {_describe(value)}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        model = _model_at(loc)
        keys = ", ".join(list(model.model_fields)[:3]) if model else ""
        hint = f" with keys like {keys}" if keys else ""
        return Problem(line, col, format_path(loc),
                       f"expected a mapping{hint}, got {_describe(value)}")
    return Problem(line, col, format_path(loc), str(err.get("msg", kind)).lower())


def validate_outline(data: Any, positions: Positions, earlier: Sequence[Problem] = (),
                     unusable: Iterable[PathKey] = ()) -> Outline:
    """Validate plain data into an Outline, reporting every problem with its position.

    `earlier` problems (from parsing) are reported with these; what validation would say
    about the `unusable` paths they refer to is left out.
    """
    counts, recount = _count_problems(Outline, data, (), positions)
    try:
        outline = Outline.model_validate(data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if e["type"] not in ("too_short", "too_long")]
        # Over-long lists: pydantic stops at the limit; their items are checked one by one.
        errors = [e for e in errors if not any(_under(tuple(e["loc"]), p) for p in recount)]
        errors += _item_errors(data, recount)
    else:
        errors = []
        if not counts and not earlier:
            return outline
    skip = set(unusable)
    errors = [e for e in errors if not any(_under(tuple(e["loc"]), p) for p in skip)]
    problems = [_problem_from_error(err, data, positions) for err in errors]
    misspelled = _misspelled_fields(errors)
    raise OutlineError([
        *earlier, *counts,
        *(p for p, err in zip(problems, errors, strict=True)
          if p is not None and not (err["type"] == "missing" and tuple(err["loc"]) in misspelled)),
    ]) from None


def _under(loc: PathKey, prefix: PathKey) -> bool:
    return loc[: len(prefix)] == prefix


def _limits(info: Any) -> tuple[int | None, int | None]:
    low = high = None
    for constraint in info.metadata:
        low = getattr(constraint, "min_length", low)
        high = getattr(constraint, "max_length", high)
    return low, high


def _count_problems(model: type[BaseModel], data: Any, path: PathKey, positions: Positions
                    ) -> tuple[list[Problem], list[PathKey]]:
    """Count limits checked on the lists as written (pydantic counts only valid items),
    and the paths of lists too long for pydantic to check every item of."""
    problems: list[Problem] = []
    overlong: list[PathKey] = []
    if not isinstance(data, dict):
        return problems, overlong
    for name, info in model.model_fields.items():
        value = data.get(name)
        inner = _first_model(info.annotation)
        here = (*path, name)
        if isinstance(value, list):
            low, high = _limits(info)
            bound = None
            if low is not None and len(value) < low:
                bound = f"at least {low}"
            elif high is not None and len(value) > high:
                bound = f"at most {high}"
                overlong.append(here)
            if bound:
                line, col = positions.of_value(here)
                problems.append(Problem(line, col, format_path(here),
                                        f"{_count(len(value), name)} given, {bound}"))
            if inner is not None:
                for index, item in enumerate(value):
                    more, longer = _count_problems(inner, item, (*here, index), positions)
                    problems += more
                    overlong += longer
        elif inner is not None and isinstance(value, dict):
            more, longer = _count_problems(inner, value, here, positions)
            problems += more
            overlong += longer
    return problems, overlong


def _item_errors(data: Any, lists: Sequence[PathKey]) -> list[Any]:
    """Validation errors of every item of the given lists, each validated on its own."""
    errors: list[Any] = []
    for path in lists:
        model: Any = _model_at(path[:-1])
        info = model.model_fields[path[-1]]
        inner = _first_model(info.annotation)
        adapter: TypeAdapter[Any] = TypeAdapter(inner if inner is not None else Text)
        value: Any = data
        for part in path:
            value = value[part]
        for index, item in enumerate(value):
            try:
                adapter.validate_python(item)
            except ValidationError as exc:
                for err in exc.errors():
                    if err["type"] in ("too_short", "too_long"):
                        continue
                    errors.append({**err, "loc": (*path, index, *err["loc"])})
    return errors


def _misspelled_fields(errors: list[Any]) -> set[PathKey]:
    """Required fields that an unknown key beside them most likely meant to give.

    A misspelled `sumary:` is reported once, as an unknown key with its suggestion, not
    again as `summary: field required`.
    """
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    meant: set[PathKey] = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1]]
        close = difflib.get_close_matches(str(loc[-1]), siblings, n=1)
        if close:
            meant.add((*loc[:-1], close[0]))
    return meant


def load_outline_text(text: str) -> Outline:
    """Parse and validate outline text; every problem found is raised in one OutlineError."""
    return load_located_text(text)[0]


def load_located_text(text: str) -> tuple[Outline, Positions]:
    """Parse and validate outline text, keeping where each value was written."""
    parsed = _parse(text)
    outline = validate_outline(parsed.data, parsed.positions, parsed.problems, parsed.unusable)
    return outline, parsed.positions


def load_outline(path: Path) -> Outline:
    """Read, parse and validate the outline file at path; raises OutlineError."""
    return load_located(path)[0]


def load_located(path: Path) -> tuple[Outline, Positions]:
    """Read, parse and validate the outline file at path, keeping positions."""
    return load_located_text(read_outline_text(path))
