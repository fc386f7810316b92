"""Untangling a laid-out flowchart (plan/flow/untangle.py): its routes counted as drawn, and
swaps of neighbours in a layer kept where they draw fewer crossings and overlaps, never a
larger drawing."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan.flow.geometry import FlowLayout, Route
from aligndeck.plan.flow.layers import Cluster, Graph, assign_layers, cluster_paths, other_turns
from aligndeck.plan.flow.layout import _layout, layout_flow
from aligndeck.plan.flow.untangle import OVERLAP, tangle, untangled
from aligndeck.plan.model import Rect
from test_flowlayout import SIZES, check_layout

Points = tuple[tuple[float, float], ...]
CYCLE_12 = (("A", "B"), ("B", "C"), ("C", "D"), ("B", "D"), ("D", "E"), ("E", "A"), ("E", "F"),
            ("F", "D"), ("F", "G"), ("B", "G"), ("G", "D"))
"""Corpus chart 12's links (12-mermaid-demo-subgraph-cycle)."""


def _drawing(*routes: tuple[str, str, Points]) -> FlowLayout:
    """Routes in points (a point is 12700 EMU)."""
    boxes = {n: Rect(0, 0, 1, 1) for r in routes for n in r[:2]}
    return FlowLayout(0, 0, boxes, {}, tuple(
        Route(i, a, "bottom", b, "top", tuple((round(x * 12700), round(y * 12700))
                                             for x, y in points),
              None) for i, (a, b, points) in enumerate(routes)), {}, 0, 0)


def test_tangle_counts_crossings_and_overlaps_as_drawn() -> None:
    across = ("a", "b", ((0, 50), (100, 50)))
    down = ("c", "d", ((50, 0), (50, 100)))
    elbow = ("c", "e", ((40, 0), (40, 60), (90, 60), (90, 100)))
    assert tangle(_drawing(across, down)) == (1, {(0, ("a", "b")), (1, ("c", "d"))})
    assert tangle(_drawing(across, down, elbow))[0] == 3  # the elbow crosses both
    # One line, opposite ways, between different boxes: an overlap.
    back = ("b", "a", ((100, 50), (0, 50)))
    assert tangle(_drawing(across, back))[0] == OVERLAP
    # Two links out of one box at one point share their stem: neither.
    fork = ("a", "f", ((0, 50), (60, 50), (60, 90)))
    assert tangle(_drawing(across, fork)) == (0, set())
    # A branch that only touches another with its end does not cross it.
    touch = ("g", "h", ((50, 0), (50, 50)))
    assert tangle(_drawing(across, touch))[0] == 0
    # Two parallel lines 2 pt apart are two lines; half a point apart, one.
    assert tangle(_drawing(across, ("c", "d", ((0, 52), (100, 52)))))[0] == 0
    assert tangle(_drawing(across, ("c", "d", ((0, 50.5), (100, 50.5)))))[0] == OVERLAP


def test_a_chart_is_swapped_only_where_that_draws_fewer_crossings() -> None:
    # C's edge back to B was hooked up past D, standing beside B: swapped, it is not.
    graph = Graph(("A", "B", "C", "D"), (("B", "D"), ("C", "B"), ("D", "C")))
    plain, _ = _layout(graph, "TB", SIZES, None, ())
    kept = layout_flow(graph, "TB", SIZES)
    assert tangle(plain)[0] > 0
    assert tangle(kept)[0] == 0
    # One with nothing to untangle is laid out once, as it was.
    chain = Graph(("A", "B", "C"), (("A", "B"), ("B", "C")))
    calls: list[object] = []

    def run(swaps: tuple[tuple[str, str], ...]) -> tuple[FlowLayout, list[list[str]]]:
        calls.append(swaps)
        return _layout(chain, "TB", SIZES, None, swaps)

    untangled(run, cluster_paths(chain))
    assert calls == [()]


def test_a_drawing_may_grow_into_the_room_it_is_fitted_to() -> None:
    # Corpus chart 22: B's long link to D crosses the line where E and F merge into D,
    # unless the drawing grows wider (D then stands under B) than it was laid out first.
    graph = Graph(tuple("ABECDF"), (("A", "B"), ("B", "E"), ("E", "D"), ("B", "D"),
                                    ("A", "C"), ("C", "D"), ("C", "F"), ("F", "D")))
    plain, _ = _layout(graph, "TB", SIZES, None, ())
    tight = layout_flow(graph, "TB", SIZES)
    roomy = layout_flow(graph, "TB", replace(SIZES, room=(plain.width * 2, plain.height)))
    assert tangle(plain)[0] > 0
    assert tangle(tight)[0] > 0 and tight.width <= plain.width
    assert tangle(roomy)[0] == 0 and plain.width < roomy.width <= plain.width * 2
    assert roomy.height <= plain.height


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    count = draw(st.integers(2, 9))
    nodes = tuple(f"n{i}" for i in range(count))
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(
        lambda p: p[0] != p[1])
    edges = draw(st.lists(pairs, min_size=1, max_size=count * 2, unique=True))
    return Graph(nodes, tuple((nodes[a], nodes[b]) for a, b in edges))


@settings(max_examples=60, deadline=None)
@given(graphs(), st.sampled_from(["TB", "LR", "BT", "RL"]))
def test_untangling_never_draws_more_tangled_or_larger(graph: Graph, direction: str) -> None:
    plain, _ = _layout(graph, direction, SIZES, None, ())  # type: ignore[arg-type]
    layout = layout_flow(graph, direction, SIZES)  # type: ignore[arg-type]
    check_layout(graph, layout)
    assert tangle(layout)[0] <= tangle(plain)[0]
    assert layout.width <= plain.width and layout.height <= plain.height



def test_a_drawing_larger_than_its_room_is_not_untangled() -> None:
    # The fitting will not take it at this size: laid out once, as it is.
    graph = Graph(("A", "B", "C", "D"), (("B", "D"), ("C", "B"), ("D", "C")))
    calls: list[object] = []

    def run(swaps: tuple[tuple[str, str], ...]) -> tuple[FlowLayout, list[list[str]]]:
        calls.append(swaps)
        return _layout(graph, "TB", SIZES, None, swaps)

    plain, _ = run(())
    untangled(run, cluster_paths(graph), (plain.width - 1, plain.height))
    assert calls == [(), ()]
    untangled(run, cluster_paths(graph), (plain.width, plain.height))
    assert len(calls) > 3


def test_a_link_across_a_fan_out_crosses_one_stem_not_two() -> None:
    # Corpus chart 11's first slide: S feeds L and R, each of which feeds both M3 and M2
    # (two "continued" markers). R's two links ran down one stem and split, and L's elbow
    # to M2 crossed that stem: two crossings. Untangling tries a tangled route as an L:
    # R's link to M2 leaves by R's side, and L's elbow crosses R's other link only.
    graph = Graph(("S", "L", "R", "M3", "M2"),
                  (("S", "L"), ("S", "R"), ("S", "M2"), ("L", "M3"), ("L", "M2"),
                   ("R", "M3"), ("R", "M2")), starts_here=True)
    for direction in ("TB", "LR"):
        plain, _ = _layout(graph, direction, SIZES, None, ())  # type: ignore[arg-type]
        kept = layout_flow(graph, direction, SIZES)  # type: ignore[arg-type]
        check_layout(graph, kept)
        assert tangle(plain)[0] == 2
        assert tangle(kept)[0] == 1
        assert (kept.width, kept.height) == (plain.width, plain.height)
        to_m2 = next(r for r in kept.routes if graph.edges[r.index] == ("R", "M2"))
        side = to_m2.points[0][0 if direction == "TB" else 1]
        box = kept.boxes["R"]
        assert side == (box.x + box.w if direction == "TB" else box.y + box.h)  # its side
        assert len(to_m2.points) == 3  # an L


def test_other_ways_to_break_the_cycles_keep_the_flows_start() -> None:
    # Corpus chart 12: the walk turns D -> E and E -> A round; the other sets break every
    # cycle with A still the only start (none has a smaller such set inside it).
    graph = Graph(tuple("ABCDEFG"), CYCLE_12, starts_here=True)
    assert assign_layers(graph).reversed == {4, 5}
    others = other_turns(graph)
    assert others == (frozenset({5, 6, 8}), frozenset({5, 7, 8}), frozenset({5, 7, 10}))
    for turn in others:
        layering = assign_layers(graph, turn)
        assert layering.reversed == turn
        assert layering.layer["A"] == 0
        assert all((layering.layer[a] < layering.layer[b]) != (i in turn)
                   for i, (a, b) in enumerate(CYCLE_12))
    chain = Graph(("A", "B", "C"), (("A", "B"), ("B", "C")))
    assert other_turns(chain) == ()


def test_a_tangled_chart_may_break_its_cycles_another_way() -> None:
    # Chart 12 with its two groups: turning E -> F and F -> G round as well as E -> A (and
    # putting a node first in its layer, so the drawing fits its room) draws one crossing
    # where the walk's choice draws two.
    graph = Graph(tuple("ABCDEFG"), CYCLE_12, (Cluster("foo", ("C", "D"), ()),
                                               Cluster("bar", ("E", "F"), ())),
                  starts_here=True)
    plain, _ = _layout(graph, "LR", SIZES, None, ())
    room = (plain.width * 2, plain.height * 2)
    kept = layout_flow(graph, "LR", replace(SIZES, room=room))
    check_layout(graph, kept)
    assert tangle(plain)[0] == 2
    assert tangle(kept)[0] == 1
    assert kept.width <= room[0] and kept.height <= room[1]
    assert kept.layers["A"] == 0 and kept.layers["D"] < kept.layers["E"]
    # Without room to grow, it stays as laid out.
    assert tangle(layout_flow(graph, "LR", SIZES))[0] == 2
