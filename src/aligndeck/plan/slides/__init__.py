"""The slide kinds: one module each, registered here.

A new kind is a module beside these (a `plan_<kind>` function and its `KIND`) and one line
in `_MODULES` (and one in `_OWN` when it can be a slide of your own). A slide of your own
(`intro`, `extra`) is told by its `own_key` and goes wherever the outline puts it; any
other kind also gets one line in `plan/deck.py`'s `deck_order`, which says where in the
deck its slides go.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from aligndeck.plan.context import Kind

_MODULES: dict[str, str] = {
    "title": "cover",
    "content": "content",
    "image": "image",
    "quote": "quote",
    "columns": "columns",
    "diagram": "diagram",
    "table": "table",
    "chart": "chart",
    "pipeline": "pipeline",
    "stage": "stage",
    "loop": "loop",
    "comparison": "comparison",
    "insight": "insight",
    "shortcomings": "shortcomings",
    "shortcoming": "shortcoming",
    "closing": "closing",
}
"""Each kind's name and the module that plans it (its `KIND`), in the registry's order.
A module is imported when a deck first asks for its kind: the default talk never loads
the table and chart planners, say (tests/test_startup_imports.py)."""
_OWN: dict[str, str] = {"points": "content", "image": "image", "quote": "quote",
                        "columns": "columns", "diagram": "diagram", "table": "table",
                        "chart": "chart"}
"""The outline key that makes a slide of your own each kind, and its module."""


class _Registry(Mapping[str, Kind[Any]]):
    """Kinds by a key, each module imported on first lookup."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._kinds: dict[str, Kind[Any]] = {}

    def __getitem__(self, key: str) -> Kind[Any]:
        kind = self._kinds.get(key)
        if kind is None:
            module = importlib.import_module(f"{__name__}.{self._modules[key]}")
            kind = self._kinds[key] = module.KIND
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


KINDS: Mapping[str, Kind[Any]] = _Registry(_MODULES)
"""Every slide kind by its name (a `SlidePlan.kind`)."""

OWN_KINDS: Mapping[str, Kind[Any]] = _Registry(_OWN)
"""The kinds a slide of your own can be, by the outline key that tells them apart."""


def __getattr__(name: str) -> Any:
    """`REGISTERED`: every kind, in order (each module imported)."""
    if name == "REGISTERED":
        return tuple(KINDS[kind] for kind in _MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
