"""An outline read without building pydantic's validators, when it has nothing wrong.

Building the outline's validators on first use (their core schema, in Python) is about 30
ms of a cold build of a one-deck process; reading a correct outline needs none of what
they do for a wrong one. `construct` reads the plain data of the YAML against the models'
own fields, for the field types the outline uses (text, its lists, flags, choices, the
models inside), and makes the same objects with `model_construct`: the values as
pydantic's lax mode would give them (text stripped, lists as tuples), the fields given
as the fields set, the defaults pydantic's. Anything it does not read exactly as pydantic
would (a value of another type, a key the model does not have, a validator it does not
know, text with characters the two strip differently) returns None, and pydantic reads
the outline as before, with its errors. tests/test_fast_outline.py reads every outline
in the tests and examples both ways and compares the objects.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, StringConstraints

from aligndeck.outline.text import NO_CONTROL_CHARACTERS


class _Unread(Exception):
    """A value this reader does not read as pydantic would: pydantic reads the outline."""


Reader = Callable[[Any], Any]

_STRIPPED = frozenset(" \t\n\r")
"""What both Python's `strip` and pydantic's (Rust's `trim`) take off the ends of text;
text with anything else there (other spaces, separators) goes to pydantic."""

_CONFIG = {"extra": "forbid", "frozen": True, "strict": False, "defer_build": True}

# The validators the models declare that this reader applies itself; a model with any
# other goes to pydantic.
_BEFORE_MODEL = {("Slide", "_one_kind")}
_AFTER_FIELD = {("Slide", "_diagram_not_blank")}
_BEFORE_FIELD = {("Outline", "_theme_by_name")}


def construct(model: type[BaseModel], data: Any) -> Any:
    """`model` made from `data` as `model.model_validate(data)` would make it, or None
    when this reader cannot tell (pydantic then reads it, and reports what is wrong)."""
    try:
        return _model_reader(model)(data)
    except _Unread:
        return None


def _text(constraints: StringConstraints) -> Reader:
    if any(getattr(constraints, name) not in (None, False) for name in (
            "to_upper", "to_lower", "strict", "max_length")):
        raise _Unread
    strip, low = constraints.strip_whitespace, constraints.min_length
    pattern = None if constraints.pattern is None else re.compile(str(constraints.pattern))
    anywhere = constraints.pattern == NO_CONTROL_CHARACTERS  # a line break is fine in it

    def read(value: Any) -> Any:
        if type(value) is not str:
            raise _Unread
        if strip:
            kept = value.strip()
            lead = len(value) - len(value.lstrip())
            if kept != value and not _STRIPPED.issuperset(
                    value[:lead] + value[lead + len(kept):]):
                raise _Unread
            value = kept
        if low is not None and len(value) < low:
            raise _Unread
        if pattern is not None and (pattern.search(value) is None or (
                not anywhere and value.endswith("\n"))):
            raise _Unread
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _Unread from None
        return value

    return read


def _reader(annotation: Any, metadata: list[Any]) -> Reader:
    """How to read a value of a field with this type and these constraints."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _reader(args[0], [*args[1:], *metadata])
    limits = [m for m in metadata if isinstance(m, MinLen | MaxLen)]
    rest = [m for m in metadata if m not in limits]
    if annotation is str:
        if len(rest) != 1 or not isinstance(rest[0], StringConstraints) or limits:
            raise _Unread
        return _text(rest[0])
    if rest:
        raise _Unread
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _items(_reader(args[0], []), limits)
    if limits:
        raise _Unread
    if annotation is bool:
        return _exactly(bool)
    if origin is Literal and all(type(choice) is str for choice in args):
        return _choice(frozenset(args))
    if origin in (typing.Union, types.UnionType):
        return _union([_reader(arg, []) for arg in args if arg is not type(None)],
                      type(None) in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_reader(annotation)
    raise _Unread


def _exactly(kind: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise _Unread
        return value
    return read


def _choice(choices: frozenset[str]) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not str or value not in choices:
            raise _Unread
        return value
    return read


def _items(item: Reader, limits: list[Any]) -> Reader:
    low = max((m.min_length for m in limits if isinstance(m, MinLen)), default=0)
    high = min((m.max_length for m in limits if isinstance(m, MaxLen)), default=None)

    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) < low or (high is not None and
                                                           len(value) > high):
            raise _Unread
        return tuple(map(item, value))
    return read


def _union(members: list[Reader], optional: bool) -> Reader:
    """Pydantic's smart union, where exactly one member reads the value (else pydantic)."""
    def read(value: Any) -> Any:
        if value is None and optional:
            return None
        results = []
        for member in members:
            try:
                results.append(member(value))
            except _Unread:
                continue
        if len(results) != 1:
            raise _Unread
        return results[0]
    return read


_readers: dict[type[BaseModel], Reader] = {}


def _model_reader(model: type[BaseModel]) -> Reader:
    """A model's reader, worked out on first use (a model it cannot read reads nothing)."""
    kept = _readers.get(model)
    if kept is None:
        try:
            kept = _make_model_reader(model)
        except _Unread:
            kept = _refuse
        _readers[model] = kept
    return kept


def _refuse(value: Any) -> Any:
    raise _Unread


def _make_model_reader(model: type[BaseModel]) -> Reader:
    if {k: v for k, v in model.model_config.items() if k != "title"} != _CONFIG:
        raise _Unread
    decorators = model.__pydantic_decorators__
    name = model.__name__
    if decorators.validators or decorators.root_validators or decorators.field_serializers \
            or decorators.model_serializers or decorators.computed_fields:
        raise _Unread
    before_model = list(decorators.model_validators.values())
    if any((name, d.cls_var_name) not in _BEFORE_MODEL or d.info.mode != "before"
           for d in before_model):
        raise _Unread
    after: dict[str, list[Any]] = {}
    before: dict[str, list[Any]] = {}
    for d in decorators.field_validators.values():
        key = (name, d.cls_var_name)
        chosen = after if key in _AFTER_FIELD and d.info.mode == "after" else \
            before if key in _BEFORE_FIELD and d.info.mode == "before" else None
        if chosen is None or d.info.check_fields is False:
            raise _Unread
        for field in d.info.fields:
            chosen.setdefault(field, []).append(getattr(model, d.cls_var_name))
    fields: dict[str, Reader] = {}
    types_of: dict[str, tuple[Any, list[Any]]] = {}
    for field, info in model.model_fields.items():
        if info.alias is not None or info.validation_alias is not None:
            raise _Unread
        types_of[field] = (info.annotation, list(info.metadata))
    required = frozenset(f for f, info in model.model_fields.items() if info.is_required())
    defaults = {f: info.default_factory for f, info in model.model_fields.items()
                if _plain_model(info.default_factory)}
    checks = [getattr(model, d.cls_var_name) for d in before_model]

    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise _Unread
        for check in checks:
            try:
                value = check(value)
            except ValueError:
                raise _Unread from None
        if type(value) is not dict or not types_of.keys() >= value.keys() or \
                not required <= value.keys():
            raise _Unread  # an unknown key (or one that is not text), or one missing
        given = {}
        for field, raw in value.items():
            try:
                for check in before.get(field, ()):
                    raw = check(raw)
            except ValueError:
                raise _Unread from None
            reader = fields.get(field)
            if reader is None:
                reader = fields[field] = _guarded(*types_of[field])
            result = reader(raw)
            for check in after.get(field, ()):
                try:
                    result = check(result)
                except ValueError:
                    raise _Unread from None
            given[field] = result
        made = {field: _default(factory) for field, factory in defaults.items()
                if field not in given}
        return model.model_construct(set(given), **given, **made)

    return read


def _plain_model(factory: Any) -> bool:
    """Whether a default factory is a model with no validators whose fields all have
    defaults: called with nothing, it makes its defaults, which `_default` makes too."""
    if not (isinstance(factory, type) and issubclass(factory, BaseModel)):
        return False
    decorators = factory.__pydantic_decorators__
    return not (decorators.validators or decorators.field_validators
                or decorators.root_validators or decorators.model_validators) and \
        not any(info.is_required() for info in factory.model_fields.values())


def _default(model: Any) -> Any:
    """`model()` for a model `_plain_model` accepts, without building its validators: its
    defaults, its own default models made the same way, no fields given."""
    return model.model_construct(set(), **{
        field: _default(info.default_factory) for field, info in model.model_fields.items()
        if _plain_model(info.default_factory)})


def _guarded(annotation: Any, metadata: list[Any]) -> Reader:
    """A field's reader; a field type this module does not read refuses every value."""
    try:
        return _reader(annotation, metadata)
    except _Unread:
        return _refuse
