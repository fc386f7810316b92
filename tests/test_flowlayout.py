"""The layered flowchart layout: geometry properties on generated graphs, and known layouts."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan.flowlayout import FlowLayout, FlowSizes, layout_flow
from aligndeck.plan.layered import Cluster, Graph
from aligndeck.plan.model import Rect, inches

SIZES = FlowSizes(inches(1.6), inches(0.7), inches(0.45), inches(0.3), inches(0.15),
                  inches(0.3), inches(0.1), {})


def _crosses(a: tuple[int, int], b: tuple[int, int], box: Rect) -> bool:
    """Whether the axis-aligned segment a-b enters the inside of `box` (its border is fine)."""
    (x0, y0), (x1, y1) = a, b
    low_x, high_x, low_y, high_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return low_x < box.right - 1 and high_x > box.x + 1 and low_y < box.bottom - 1 and \
        high_y > box.y + 1


def check_layout(graph: Graph, layout: FlowLayout) -> None:
    boxes = layout.boxes
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not boxes[a].overlaps(boxes[b]), (a, b)
    labels: list[Rect] = []
    drawn = {r.index for r in layout.routes} | {r.twin for r in layout.routes if r.twin is not None}
    assert drawn == set(range(len(graph.edges)))
    for route in layout.routes:
        source, target = graph.edges[route.index]
        assert (route.start, route.end) == (source, target)
        assert route.points[0] == boxes[source].side_midpoint(route.start_side)
        assert route.points[-1] == boxes[target].side_midpoint(route.end_side)
        assert len(route.points) in (2, 3, 4)
        for p, q in zip(route.points, route.points[1:], strict=False):
            assert p[0] == q[0] or p[1] == q[1], route  # every segment square
            for name, box in boxes.items():
                assert not _crosses(p, q, box), (route, name)
        if route.label is not None:
            assert not any(route.label.overlaps(b) for b in boxes.values()), route
            assert not any(route.label.overlaps(other) for other in labels), route
            labels.append(route.label)
        if route.twin is not None:
            assert graph.edges[route.twin] == (target, source)
        if route.twin_label is not None:
            assert not any(route.twin_label.overlaps(b) for b in boxes.values()), route
            assert not any(route.twin_label.overlaps(other) for other in labels), route
            labels.append(route.twin_label)
    members = _members(graph)
    for cid, rect in layout.clusters.items():
        for name, box in boxes.items():
            if name in members[cid]:
                assert rect.contains(box), (cid, name)
            else:
                assert not rect.overlaps(box), (cid, name)


def _members(graph: Graph) -> dict[str, set[str]]:
    clusters = {c.id: c for c in graph.clusters}

    def collect(cid: str) -> set[str]:
        found = set(clusters[cid].members)
        for child in clusters[cid].children:
            found |= collect(child)
        return found

    return {cid: collect(cid) for cid in clusters}


@st.composite
def graphs(draw: st.DrawFn) -> tuple[Graph, Sequence[int]]:
    count = draw(st.integers(1, 25))
    nodes = tuple(f"n{i}" for i in range(count))
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(
        lambda p: p[0] != p[1])
    # One connector per ordered pair: the planner merges repeated links first.
    edges = tuple((nodes[a], nodes[b]) for a, b in
                  draw(st.lists(pairs, max_size=count * 2, unique=True)))
    clusters: list[Cluster] = []
    if count >= 3 and draw(st.booleans()):
        cut = draw(st.integers(1, count - 1))
        inner = draw(st.integers(0, cut - 1))
        if inner:
            clusters = [Cluster("outer", nodes[inner:cut], ("inner",)),
                        Cluster("inner", nodes[:inner], ())]
        else:
            clusters = [Cluster("outer", nodes[:cut], ())]
    labelled = draw(st.lists(st.integers(0, max(len(edges) - 1, 0)), max_size=4))
    return Graph(nodes, edges, tuple(clusters)), [i for i in labelled if i < len(edges)]


@settings(max_examples=150, deadline=None)
@given(graphs(), st.sampled_from(["TB", "LR", "BT", "RL"]))
def test_layouts_never_overlap_or_cross_boxes(case: tuple[Graph, Sequence[int]],
                                              direction: str) -> None:
    graph, labelled = case
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.8), inches(0.3))
                                                      for i in labelled}})
    layout = layout_flow(graph, direction, sizes)  # type: ignore[arg-type]
    check_layout(graph, layout)


def test_reward_model_flows_in_one_row_and_hooks_back() -> None:
    graph = Graph(("D", "RM", "SFT", "P"), (("D", "RM"), ("SFT", "P"), ("RM", "P"),
                                            ("P", "D")))
    layout = layout_flow(graph, "LR", SIZES)
    check_layout(graph, layout)
    boxes = layout.boxes
    assert boxes["D"].cy == boxes["RM"].cy
    assert boxes["D"].right < boxes["RM"].x < boxes["RM"].right < boxes["P"].x
    back = layout.routes[3]  # P -> D: back along P's own row, then into D's side
    assert back.start_side == "left" and back.end_side in ("top", "bottom")
    assert len(back.points) == 3
