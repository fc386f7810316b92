"""Memoised layout steps (plan/flow/memo.py): a repeated call returns the first call's
result, and only a call with equal arguments (as the step reads them) is a repeat."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from aligndeck.plan.flow import memo
from aligndeck.plan.flow.layers import Graph
from aligndeck.plan.flow.layout import layout_flow
from test_flowlayout import SIZES


@dataclass(frozen=True)
class _Sizes:
    width: float
    labels: dict[int, tuple[int, int]] = field(default_factory=dict)


@pytest.mark.parametrize(("one", "other"), [
    (0.0, -0.0),  # equal numbers, but a sign a step might carry into its result
    (1, 1.0),
    (True, 1),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # read in another order
    ([1, 2], (1, 2)),
    (_Sizes(1.0), _Sizes(1.0, {0: (1, 2)})),
    ({1, 2}, {1, 3}),
    ("a", "b"),
])
def test_frozen_tells_apart_what_a_step_could_tell_apart(one: object, other: object) -> None:
    assert memo.frozen(one) != memo.frozen(other)
    assert memo.frozen(one) == memo.frozen(one)


@pytest.mark.parametrize("value", [
    {"a": [1.5, (2, 3)], "b": {4, 5}},
    _Sizes(2.5, {1: (3, 4)}),
    Graph(("A", "B"), (("A", "B"),)),
    (None, "x", 3, -0.0),
])
def test_frozen_equal_values_share_a_key(value: object) -> None:
    copy = eval(repr(value), {"_Sizes": _Sizes, "Graph": Graph})  # an equal, separate value
    assert copy is not value
    assert memo.frozen(copy) == memo.frozen(value)
    hash(memo.frozen(value))


def test_frozen_refuses_what_it_cannot_key() -> None:
    with pytest.raises(TypeError, match="no key for object"):
        memo.frozen(object())


def test_memoised_calls_a_step_once_per_arguments() -> None:
    calls: list[tuple[object, ...]] = []

    @memo.memoised
    def step(a: dict[str, float], b: float = 0.0) -> list[float]:
        calls.append((a, b))
        return [*a.values(), b]

    first = step({"x": 1.0}, b=2.0)
    assert step({"x": 1.0}, b=2.0) is first  # a repeat: the first result, not called again
    assert step({"x": 1.0}, b=-0.0) == [1.0, -0.0]
    assert step({"x": 1.0}) == [1.0, 0.0]
    assert len(calls) == 3


def test_memoised_keeps_the_latest_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "MOST_KEPT", 2)
    calls: list[int] = []

    @memo.memoised
    def step(n: int) -> int:
        calls.append(n)
        return n * 2

    for n in (1, 2, 1, 3, 1, 2):  # 2 is dropped when 3 comes (1 was used since)
        step(n)
    assert calls == [1, 2, 3, 2]


def test_a_layout_repeated_is_the_layout_made_anew() -> None:
    graph = Graph(("A", "B", "C", "D"), (("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"),
                                         ("D", "A")))
    made = layout_flow(graph, "TB", SIZES)
    assert layout_flow(graph, "TB", SIZES) is made
    layout_flow.cache_clear()  # type: ignore[attr-defined]
    again = layout_flow(graph, "TB", SIZES)
    assert again is not made and again == made


def test_a_packing_repeated_is_a_copy_of_the_packing_made_anew() -> None:
    from aligndeck.plan.flow import position
    from aligndeck.plan.flow.layers import Cluster, Spacing, assign_layers, order_layers

    graph = Graph(("A", "B", "C", "D", "E"), (("A", "B"), ("A", "C"), ("B", "D"),
                                               ("C", "D"), ("A", "E"), ("E", "D")),
                  (Cluster("g", ("B", "C"), ()),))
    layering = assign_layers(graph)
    order_layers(graph, layering, {}, set())
    spacing = Spacing(100.0, 20.0, 10.0, 5.0, 5.0)
    made = position.pack(graph, layering, spacing, {})
    again = position.pack(graph, layering, spacing, {})
    assert again == made
    made[0]["A"] = -1.0  # a caller changing what it was given changes no later packing
    made[1]["g"] = (-1.0, -1.0)
    assert position.pack(graph, layering, spacing, {}) == again
    position._packed.cache_clear()  # type: ignore[attr-defined]
    assert position.pack(graph, layering, spacing, {}) == again
    wider = Spacing(120.0, 20.0, 10.0, 5.0, 5.0)
    assert position.pack(graph, layering, wider, {}) != again
