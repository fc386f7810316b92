"""Memoised layout steps: the planner lays one chart out many times (at every text size,
tight or not, turned or not, each cut of it into parts, each swap untangling tries), and
many of those calls repeat one already made with the same arguments. The steps are pure,
so a repeat returns what the first call returned.

A call's key is its arguments made hashable (`frozen`): mappings by their items in order,
sequences and sets as tuples, dataclasses by their fields. What is returned is shared
between the calls: callers must not change it (layouts are frozen; `copied` results are
copied on the way out)."""

from __future__ import annotations

import dataclasses
import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MOST_KEPT = 2048
"""Results kept a step (least recently used dropped first): a large chart's planning
makes a few thousand distinct calls, and `watch` replans an unchanged chart from here."""


def frozen(value: object) -> Hashable:
    """`value` as a hashable key that equals another's only where the two are equal (a
    mapping's items in their order, which a step may read them in)."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is float:  # by its bits: -0.0 and 0.0, or 1.0 and 1, are told apart
        return ("f", value.hex())  # type: ignore[attr-defined]
    if kind is bool:
        return ("b", value)
    if isinstance(value, Mapping):
        return ("{", tuple((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(frozen(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(frozen(v) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(frozen(getattr(value, f.name))
                                            for f in dataclasses.fields(value)))
    raise TypeError(f"no key for {type(value).__name__}")


def memoised(step: F) -> F:
    """`step` remembering its MOST_KEPT latest results by their arguments."""
    kept: OrderedDict[Hashable, Any] = OrderedDict()

    @functools.wraps(step)
    def remembered(*args: Any, **kwargs: Any) -> Any:
        key = frozen((args, tuple(sorted(kwargs.items()))))
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        result = step(*args, **kwargs)
        kept[key] = result
        if len(kept) > MOST_KEPT:
            kept.popitem(last=False)
        return result

    remembered.cache_clear = kept.clear  # type: ignore[attr-defined]
    return remembered  # type: ignore[return-value]
