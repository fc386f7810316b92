"""Validation of plain outline data into an Outline: every problem, each located."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from aligndeck.errors import OutlineError, Problem
from aligndeck.outline.fast import construct
from aligndeck.outline.models import Outline
from aligndeck.outline.nodes import format_path, printable
from aligndeck.outline.positions import PathKey, Positions
from aligndeck.outline.text import Text
from aligndeck.outline.yaml_help import quoted


def describe(value: Any) -> str:
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
            import difflib  # only for a mistake: not at start-up

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
        message = f"expected text, got {describe(value)}"
        if loc in positions.pairs:
            item = "- " if isinstance(loc[-1], int) else f"{loc[-1]}: "
            message += ("; the ': ' makes a key of the words before it: put the text in "
                        f"quotes, {item}{quoted(positions.pairs[loc])}")
        return Problem(line, col, format_path(loc), message)
    if kind in ("tuple_type", "list_type"):
        plural = _PLURALS.get(name, "entries")
        return Problem(line, col, format_path(loc),
                       f"expected a list of {plural}, got {describe(value)}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        model = _model_at(loc)
        keys = ", ".join(list(model.model_fields)[:3]) if model else ""
        hint = f" with keys like {keys}" if keys else ""
        return Problem(line, col, format_path(loc),
                       f"expected a mapping{hint}, got {describe(value)}")
    return Problem(line, col, format_path(loc), str(err.get("msg", kind)).lower())


def validate_outline(data: Any, positions: Positions, earlier: Sequence[Problem] = (),
                     unusable: Iterable[PathKey] = ()) -> Outline:
    """Validate plain data into an Outline, reporting every problem with its position.

    `earlier` problems (from parsing) are reported with these; what validation would say
    about the `unusable` paths they refer to is left out.
    """
    counts, recount = _count_problems(Outline, data, (), positions)
    if not counts and not earlier:  # read without pydantic's validators when all is well
        quick = construct(Outline, data)
        if quick is not None:
            return cast(Outline, quick)
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


_FieldFacts = tuple[tuple[str, type[BaseModel] | None, int | None, int | None], ...]
_facts: dict[type[BaseModel], tuple[Any, _FieldFacts]] = {}


def _field_facts(model: type[BaseModel]) -> _FieldFacts:
    """Each field of `model`: its name, the first model inside its type, and the limits on
    its length; worked out once per model (an outline of 1,200 slides asked them of each
    slide), again if pydantic has collected the model's fields anew since."""
    fields = model.model_fields
    kept = _facts.get(model)
    if kept is None or kept[0] is not fields:
        kept = _facts[model] = (fields, tuple(
            (name, _first_model(info.annotation), *_limits(info))
            for name, info in fields.items()))
    return kept[1]


def _count_problems(model: type[BaseModel], data: Any, path: PathKey, positions: Positions
                    ) -> tuple[list[Problem], list[PathKey]]:
    """Count limits checked on the lists as written (pydantic counts only valid items),
    and the paths of lists too long for pydantic to check every item of."""
    problems: list[Problem] = []
    overlong: list[PathKey] = []
    if not isinstance(data, dict):
        return problems, overlong
    for name, inner, low, high in _field_facts(model):
        value = data.get(name)
        here = (*path, name)
        if isinstance(value, list):
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
        import difflib

        close = difflib.get_close_matches(str(loc[-1]), siblings, n=1)
        if close:
            meant.add((*loc[:-1], close[0]))
    return meant
