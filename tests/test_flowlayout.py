"""The layered flowchart layout: geometry properties on generated graphs, and known layouts."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow.layers import Cluster, Graph
from aligndeck.plan.flow.layout import (
    ARROW_CLEAR,
    ESCAPE,
    FlowLayout,
    FlowSizes,
    Route,
    layout_flow,
)
from aligndeck.plan.model import Rect, Side, inches

CORPUS = Path(__file__).parent / "flowcharts"
SIZES = FlowSizes(inches(1.6), inches(0.7), inches(0.45), inches(0.3), inches(0.15),
                  inches(0.3), inches(0.1), {})


def _crosses(a: tuple[int, int], b: tuple[int, int], box: Rect) -> bool:
    """Whether the axis-aligned segment a-b enters the inside of `box` (its border is fine)."""
    (x0, y0), (x1, y1) = a, b
    low_x, high_x, low_y, high_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return low_x < box.right - 1 and high_x > box.x + 1 and low_y < box.bottom - 1 and \
        high_y > box.y + 1


def _touches(points: Sequence[tuple[int, int]], label: Rect) -> bool:
    """Whether a connector along `points` meets the label's rectangle (its border counts:
    a label beside a shared stem stands against it)."""
    return any(min(x0, x1) <= label.right + 2 and max(x0, x1) >= label.x - 2 and
               min(y0, y1) <= label.bottom + 2 and max(y0, y1) >= label.y - 2
               for (x0, y0), (x1, y1) in itertools.pairwise(points))


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
        assert route.points[-1] in _sites(boxes[target], route.end_side), route
        assert len(route.points) in (2, 3, 4)
        for p, q in zip(route.points, route.points[1:], strict=False):
            assert p[0] == q[0] or p[1] == q[1], route  # every segment square
            for name, box in boxes.items():
                assert not _crosses(p, q, box), (route, name)
        if route.label is not None:
            assert _touches(route.points, route.label), route
            assert not any(route.label.overlaps(b) for b in boxes.values()), route
            assert not any(route.label.overlaps(other) for other in labels), route
            labels.append(route.label)
        if route.twin is not None:
            assert graph.edges[route.twin] == (target, source)
        if route.twin_label is not None:
            assert _touches(route.points, route.twin_label), route
            assert not any(route.twin_label.overlaps(b) for b in boxes.values()), route
            assert not any(route.twin_label.overlaps(other) for other in labels), route
            labels.append(route.twin_label)
    members = _members(graph)
    for cid, rect in layout.clusters.items():
        title = Rect(rect.x, rect.y, rect.w, SIZES.title)  # every cluster's title is on top
        for label in labels:  # a label stays inside a cluster or out of it, off its title
            assert not label.overlaps(title), (cid, label)
            assert rect.contains(label) or not rect.overlaps(label), (cid, label)
        for name, box in boxes.items():
            if name in members[cid]:
                assert rect.contains(box), (cid, name)
            else:
                assert not rect.overlaps(box), (cid, name)


def _sites(box: Rect, side: Side) -> tuple[tuple[int, int], ...]:
    """Where a route may end on `side` of `box`: its middle, or a port a quarter of the
    side from the middle either way (plan/flow/ports.py)."""
    x, y = box.side_midpoint(side)
    if side in ("top", "bottom"):
        return (x, y), (x - box.w // 4, y), (x + box.w // 4, y)
    return (x, y), (x, y - box.h // 4), (x, y + box.h // 4)


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


@settings(max_examples=100, deadline=None)
@given(graphs(), st.sampled_from(["TB", "BT"]), st.booleans())
def test_libreoffice_bends_of_vertical_elbows_miss_every_label(
        case: tuple[Graph, Sequence[int]], direction: str, every: bool) -> None:
    # LibreOffice draws a rotated elbow's middle segment halfway between its ends, whatever
    # adj1 says (docs/notes/flowchart-connectors.md): that line must not run under a label.
    graph, labelled = case
    labelled = range(len(graph.edges)) if every else labelled
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.6), inches(0.25))
                                                      for i in labelled}})
    layout = layout_flow(graph, direction, sizes)  # type: ignore[arg-type]
    labels = [x for r in layout.routes for x in (r.label, r.twin_label) if x is not None]
    for route in layout.routes:
        if len(route.points) == 4 and \
                abs(layout.layers[route.start] - layout.layers[route.end]) == 1:
            (x0, y0), (x3, y3) = route.points[0], route.points[-1]
            drawn = [(x0, (y0 + y3) // 2), (x3, (y0 + y3) // 2)]
            assert not any(_touches(drawn, label) for label in labels), route


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


DECISION = Graph(("Q", "S", "A", "R", "H"), (("Q", "S"), ("S", "A"), ("S", "R"), ("S", "H"),
                                             ("H", "A"), ("H", "R")))
LABELLED = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.5), inches(0.25))
                                                     for i in (1, 2, 3)}})


ARROWHEAD = inches(0.075)
"""How long a triangle end on a 1.75 pt connector is drawn (a little over 5 pt)."""


def _gap(a: Rect, b: Rect) -> int:
    """How far apart two rectangles are (0 when they touch or overlap)."""
    return max(a.x - b.right, b.x - a.right, a.y - b.bottom, b.y - a.bottom, 0)


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_a_decisions_labels_sit_where_its_branches_leave_it(direction: str) -> None:
    layout = layout_flow(DECISION, direction, LABELLED)  # type: ignore[arg-type]
    check_layout(DECISION, layout)
    decision = layout.boxes["S"]
    branches = [r for r in layout.routes if r.start == "S"]
    assert len(branches) == 3
    for route in branches:
        assert route.label is not None
        # Next to the box, on the first stretch out of it (not by the target).
        assert _gap(route.label, decision) <= SIZES.track, (direction, route)
        assert _touches(route.points[:2], route.label), (direction, route)
        assert _gap(route.label, decision) <= _gap(route.label, layout.boxes[route.end])
    # Each branch leaves by its own side, so each label stands by its own exit.
    assert len({r.start_side for r in branches}) == 3


def test_the_decision_in_the_corpus_reads_yes_left_no_right_unsure_below() -> None:
    layout = layout_flow(DECISION, "TB", LABELLED)
    s = layout.boxes["S"]
    yes, no, unsure = (layout.routes[i] for i in (1, 2, 3))
    assert (yes.start_side, no.start_side, unsure.start_side) == ("left", "right", "bottom")
    assert yes.label is not None and no.label is not None and unsure.label is not None
    assert yes.label.right <= s.x and yes.label.cy == pytest.approx(s.cy, abs=2)
    assert no.label.x >= s.right and no.label.cy == pytest.approx(s.cy, abs=2)
    assert unsure.label.y >= s.bottom and unsure.label.cx == pytest.approx(s.cx, abs=2)


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_twin_labels_stay_at_their_own_ends(direction: str) -> None:
    # A decides between B and C; B answers back to A on the same connector.
    graph = Graph(("A", "B", "C"), (("A", "B"), ("A", "C"), ("B", "A")))
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.5), inches(0.25))
                                                      for i in range(3)}})
    layout = layout_flow(graph, direction, sizes)  # type: ignore[arg-type]
    check_layout(graph, layout)
    shared = next(r for r in layout.routes if r.twin is not None)
    assert shared.label is not None and shared.twin_label is not None
    assert _gap(shared.label, layout.boxes["A"]) <= SIZES.track
    assert _gap(shared.twin_label, layout.boxes["B"]) <= SIZES.track


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_a_label_by_its_target_leaves_the_arrowhead_clear(direction: str) -> None:
    # Answers go one way, scores the other, on one connector with a head at each end;
    # and a plain link labelled by its target (C's own). No label covers an arrowhead.
    graph = Graph(("A", "B", "C", "D"), (("A", "B"), ("B", "A"), ("B", "C"), ("D", "C")))
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.6), inches(0.25))
                                                      for i in (0, 1, 3)}})
    layout = layout_flow(graph, direction, sizes)  # type: ignore[arg-type]
    check_layout(graph, layout)
    shared = next(r for r in layout.routes if r.twin is not None)
    assert shared.label is not None and shared.twin_label is not None
    target, twin_target = layout.boxes[shared.end], layout.boxes[shared.start]
    assert ARROWHEAD < _gap(shared.label, target) <= ARROW_CLEAR + SIZES.track
    assert ARROWHEAD < _gap(shared.twin_label, twin_target) <= ARROW_CLEAR + SIZES.track
    plain = next(r for r in layout.routes if (r.start, r.end) == ("D", "C"))
    assert plain.label is not None
    assert _gap(plain.label, layout.boxes["C"]) > ARROWHEAD


def _lone_elbows(graph: Graph, layout: FlowLayout) -> list[tuple[int, int]]:
    """Pairs of rotated elbows between the same two layers whose ranges across overlap and
    that share no box: LibreOffice would draw them on one line."""
    elbows = [r for r in layout.routes if len(r.points) == 4 and
              abs(layout.layers[r.start] - layout.layers[r.end]) == 1]
    return [(a.index, b.index) for k, a in enumerate(elbows) for b in elbows[k + 1:]
            if {layout.layers[a.start], layout.layers[a.end]} ==
            {layout.layers[b.start], layout.layers[b.end]} and
            not {a.start, a.end} & {b.start, b.end} and
            min(a.points[0][0], a.points[-1][0]) <= max(b.points[0][0], b.points[-1][0])
            and min(b.points[0][0], b.points[-1][0]) <= max(a.points[0][0], a.points[-1][0])]


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_overlapping_elbows_of_one_channel_become_an_l_where_one_is_free(direction: str
                                                                         ) -> None:
    # base -> rm and prefs -> held share a channel.
    chart = parse_flowchart((CORPUS / "shared-channel.mmd").read_text(encoding="utf-8"))
    graph = Graph(tuple(n.id for n in chart.nodes),
                  tuple((e.source, e.target) for e in chart.edges))
    layout = layout_flow(graph, direction, SIZES)  # type: ignore[arg-type]
    check_layout(graph, layout)
    assert not _lone_elbows(graph, layout)
    kinds = {(r.start, r.end): len(r.points) for r in layout.routes}
    assert kinds == {("base", "chat"): 2, ("prefs", "rm"): 2, ("prefs", "held"): 3,
                     ("base", "rm"): 4}


def test_crossed_elbows_stay_when_no_l_is_free() -> None:
    # Two crossing links between two pairs of boxes: every L would cross a box.
    graph = Graph(("A", "B", "C", "D"), (("A", "D"), ("B", "C"), ("A", "C"), ("B", "D")))
    layout = layout_flow(graph, "TB", SIZES)
    check_layout(graph, layout)
    assert sorted(len(r.points) for r in layout.routes) == [2, 2, 4, 4]


def _graph(links: str) -> Graph:
    """`"A>B B>C"`: nodes in the order they first appear."""
    edges = tuple((a, b) for a, b in (link.split(">") for link in links.split()))
    return Graph(tuple(dict.fromkeys(n for edge in edges for n in edge)), edges)


def _routes(layout: FlowLayout) -> dict[str, Route]:
    return {f"{r.start}>{r.end}": r for r in layout.routes}


def _enters(route: Route, layout: FlowLayout, side: str) -> bool:
    """An "enter" route: down its source's column, then an L into `side` of its target."""
    box = layout.boxes[route.end]
    return route.end_side == side and len(route.points) == 3 and \
        route.points[-1] == box.side_midpoint(side)  # type: ignore[arg-type]


def test_the_farthest_link_from_each_side_comes_in_by_that_side() -> None:
    # Five links into T, which stands under C, the middle one: A (farthest left) comes in
    # by T's left, E (farthest right) by its right; the rest share its top.
    g = _graph("A>T B>T C>T D>T E>T")
    layout = layout_flow(g, "TB", SIZES)
    check_layout(g, layout)
    routes = _routes(layout)
    assert layout.boxes["T"].cx == layout.boxes["C"].cx
    assert _enters(routes["A>T"], layout, "left")
    assert _enters(routes["E>T"], layout, "right")
    assert [routes[k].end_side for k in ("B>T", "C>T", "D>T")] == ["top"] * 3
    assert len(routes["C>T"].points) == 2 and len(routes["B>T"].points) == 4
    # The L runs down A's own column, then across the channel beside T into its side.
    (x0, _), (x1, y1), (_, y2) = routes["A>T"].points
    assert x0 == x1 == layout.boxes["A"].cx and y1 == y2 == layout.boxes["T"].cy


def test_in_a_left_to_right_chart_the_side_is_below() -> None:
    g = _graph("A>T B>T C>T")
    layout = layout_flow(g, "LR", SIZES)
    check_layout(g, layout)
    routes = _routes(layout)
    # T stands beside B, the middle one: A comes in from above, C from below.
    assert routes["B>T"].end_side == "left" and len(routes["B>T"].points) == 2
    assert _enters(routes["A>T"], layout, "top")
    assert _enters(routes["C>T"], layout, "bottom")


def test_no_side_entry_past_a_box_of_the_targets_layer() -> None:
    # N stands beside T, under A: A -> T cannot come in by T's left without crossing N, so
    # it bends into T's top; C, on the free side, still comes in by the right.
    g = _graph("A>N A>T B>T C>T")
    layout = layout_flow(g, "TB", SIZES)
    check_layout(g, layout)
    routes = _routes(layout)
    assert layout.boxes["N"].cx == layout.boxes["A"].cx < layout.boxes["T"].x
    assert routes["A>T"].end_side == "top" and len(routes["A>T"].points) == 4
    assert _enters(routes["C>T"], layout, "right")


def _entries(links: str, cross: dict[str, float]) -> list[str]:
    """Route kinds that `_side_entries` gives a top-to-bottom chart's links with the boxes
    standing across at `cross`: placement seldom leaves the cases below, so they are set
    by hand."""
    from aligndeck.plan.flow.layers import assign_layers
    from aligndeck.plan.flow.layout import _initial_plans, _side_entries

    g = _graph(links)
    layering = assign_layers(g)
    plans = _initial_plans(g, layering, range(len(g.edges)))
    _side_entries(g, layering, plans, cross, {n: float(SIZES.box_w) for n in g.nodes})
    return [plans[i].kind for i in range(len(g.edges))]


def test_a_side_entry_needs_a_column_clear_of_the_box() -> None:
    # A's column is inside the box's half and the escape stretch (to T's left), B's just
    # on that margin (to its right): only B comes in by a side.
    margin = SIZES.box_w / 2 + ESCAPE
    assert _entries("A>T B>T", {"T": 0.0, "A": -margin + 1, "B": margin}) == \
        ["direct", "enter"]


def test_a_lone_link_keeps_the_incoming_side() -> None:
    # One link into T, however far across its source stands: it comes in by the top.
    assert _entries("A>T", {"T": 0.0, "A": 3.0 * SIZES.box_w}) == ["direct"]
    assert _entries("A>T B>T", {"T": 0.0, "A": 3.0 * SIZES.box_w, "B": 0.0}) == \
        ["enter", "direct"]


def test_a_box_whose_edge_back_leaves_by_its_incoming_side_takes_links_by_its_sides() -> None:
    # T's edge back to S leaves by T's top: A, B and C all come in by T's right (not just
    # the farthest), so the top carries the edge back alone.
    g = _graph("S>A S>B S>C A>T B>T C>T T>S")
    layout = layout_flow(g, "TB", SIZES)
    check_layout(g, layout)
    routes = _routes(layout)
    assert routes["T>S"].start_side == "top"
    for link in ("A>T", "B>T", "C>T"):
        assert _enters(routes[link], layout, "right"), link
    top = layout.boxes["T"].side_midpoint("top")
    assert [r for r in layout.routes if top in (r.points[0], r.points[-1])] == [routes["T>S"]]


_FACING = {"top": (1, -1), "bottom": (1, 1), "left": (0, -1), "right": (0, 1)}


def _is_u(route: Route) -> bool:
    """Both ends face the same way and the middle runs beyond both: a U-turn."""
    if route.start_side != route.end_side or len(route.points) != 4:
        return False
    axis, sign = _FACING[route.start_side]
    ends = (route.points[0][axis], route.points[-1][axis])
    middle = route.points[1][axis]
    return middle < min(ends) if sign < 0 else middle > max(ends)


def test_a_u_turn_is_seen() -> None:
    u = Route(0, "A", "bottom", "B", "bottom", ((0, 10), (0, 30), (50, 30), (50, 20)), None)
    z = Route(0, "A", "bottom", "B", "top", ((0, 10), (0, 30), (50, 30), (50, 40)), None)
    assert _is_u(u) and not _is_u(z)


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize("links", ["A>B B>C C>A", "A>B B>C C>D D>B A>E E>D",
                                   "S>A S>B A>T B>T T>S", "C>E D>E B>D E>B B>C"])
def test_no_route_is_a_u_turn(links: str, direction: str) -> None:
    # Edges back against the flow (each cycle has one) leave their source by the side
    # that faces back, so their ends never both face one way with the middle beyond them:
    # LibreOffice draws such U-turns as a flat line or a Z.
    g = _graph(links)
    layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
    check_layout(g, layout)
    incoming = {"TB": "top", "BT": "bottom", "LR": "left", "RL": "right"}[direction]
    back = [r for r in layout.routes if layout.layers[r.start] > layout.layers[r.end]]
    assert back, "the cycle has an edge back"
    for route in layout.routes:
        assert not _is_u(route), route
    for route in back:
        assert route.start_side == incoming, route


BACK_OVER_A_LEG = "A>B B>C C>D D>B A>E E>D"
"""D's edge back to B leaves by D's incoming side, where E's link (a leg past C, or a drop in
a vertical chart) would come in: E's long link comes in by D's side instead, and C's link,
from the same side, meets it there rather than cross it (it used to come in where the edge
back leaves, issue 14)."""


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_no_link_arrives_where_another_leaves(direction: str) -> None:
    g = _graph(BACK_OVER_A_LEG)
    layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
    check_layout(g, layout)
    starts = {r.points[0]: r for r in layout.routes}
    assert [(starts[r.points[-1]].index, r.index) for r in layout.routes
            if r.points[-1] in starts] == []


def test_links_arrive_apart_from_those_that_leave() -> None:
    # The same property holds where the rules above apply.
    for links in ("S>A S>B A>T B>T T>S", "A>B B>C C>A", "A>T B>T C>T D>T E>T"):
        g = _graph(links)
        for direction in ("TB", "BT", "LR", "RL"):
            layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
            starts = {r.points[0] for r in layout.routes}
            assert not [r for r in layout.routes if r.points[-1] in starts], (links, direction)


def _halfway_crossings(layout: FlowLayout) -> list[str]:
    """Boxes that an elbow's middle would cross where LibreOffice 7.4 draws it: halfway
    between its ends, whatever adj1 says, the elbow turned or not."""
    found = []
    for route in layout.routes:
        if len(route.points) != 4:
            continue
        (x0, y0), (x1, _), _, (x3, y3) = route.points
        if x0 == x1:  # down first: the middle lies across, halfway down
            halfway = ((x0, (y0 + y3) // 2), (x3, (y0 + y3) // 2))
        else:  # across first: the middle stands upright, halfway across
            halfway = (((x0 + x3) // 2, y0), ((x0 + x3) // 2, y3))
        found += [n for n, box in layout.boxes.items() if _crosses(*halfway, box)]
    return found


def test_turned_elbows_between_neighbouring_layers_are_drawn_clear_of_boxes() -> None:
    for links in ("A>T B>T C>T D>T E>T", "X>A X>B X>C A>T B>T C>T", "A>B B>C C>A"):
        g = _graph(links)
        for direction in ("TB", "BT", "LR", "RL"):
            assert _halfway_crossings(layout_flow(g, direction, SIZES)) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_a_long_link_into_a_box_with_an_edge_back_comes_in_by_its_side(direction: str) -> None:
    # E's link into D skips C's layer, and D's edge back leaves by D's incoming side: the
    # long link comes down E's own column and into D's side (an L, drawn as planned by
    # LibreOffice), and so the edge back's hook is free: no turned elbow across layers.
    g = _graph(BACK_OVER_A_LEG)
    layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
    check_layout(g, layout)
    assert _halfway_crossings(layout) == []
    route = _routes(layout)["E>D"]
    across = ("left", "right") if direction in ("TB", "BT") else ("top", "bottom")
    assert route.end_side in across and len(route.points) == 3
    assert route.points[0] == layout.boxes["E"].side_midpoint(route.start_side)


def test_a_blocked_drop_goes_down_its_own_column_instead() -> None:
    # A skips B's layer to reach C; N stands beside A, where A's drop would run across to
    # C's column. A comes down its own column and into C's side instead of a turned elbow
    # that LibreOffice would draw through B.
    g = _graph("A>B B>C A>C N>B X>N")
    for direction in ("TB", "BT", "LR", "RL"):
        layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
        check_layout(g, layout)
        assert _halfway_crossings(layout) == [], direction


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_a_turned_elbow_is_drawn_clear_of_boxes_by_libreoffice(direction: str) -> None:
    # The edge back C -> B was blocked by D standing beside B, and became a turned elbow
    # drawn through a box; untangling (plan/flow/untangle.py) swaps D with the edge back's
    # leg in D's layer, so that the hook runs clear, up C's own column.
    g = Graph(("A", "B", "C", "D"), (("B", "D"), ("C", "B"), ("D", "C")))
    assert _halfway_crossings(layout_flow(g, direction, SIZES)) == []  # type: ignore[arg-type]


def test_a_fan_out_keeps_same_side_labels_by_their_targets() -> None:
    # Eight links out of one box, four labelled: three of the labelled ones turn the same
    # way off its shared stem, where their labels could not be told apart; the fourth
    # leaves by the box's side with its label at that exit.
    graph = Graph(tuple("ABCDEFGHI"), tuple(("A", n) for n in "BCDEFGHI"))
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.5), inches(0.25))
                                                      for i in range(4)}})
    layout = layout_flow(graph, "TB", sizes)
    check_layout(graph, layout)
    source = layout.boxes["A"]
    by_source = []
    for route in layout.routes:
        if route.label is None:
            continue
        near = _gap(route.label, source) < _gap(route.label, layout.boxes[route.end])
        if near:
            by_source.append(route)
        else:  # on its last stretch, just before its target, clear of its arrowhead
            gap = _gap(route.label, layout.boxes[route.end])
            assert ARROWHEAD < gap <= ARROW_CLEAR + SIZES.track, route
    assert len({(r.start_side, r.points[1][0] < source.cx) for r in by_source}) == \
        len(by_source)


def _drawn_crossings(layout: FlowLayout) -> int:
    """Crossings of the routes as drawn, counted as the corpus counts them."""
    from flowmetrics import Box, Drawing, Link, crossings

    boxes = tuple(Box(n, r.x, r.y, r.w, r.h) for n, r in layout.boxes.items())
    links = tuple(Link(r.start, r.end, tuple(r.points)) for r in layout.routes)
    return crossings(Drawing(boxes, links, 12700))


FAN_OUT = Graph(tuple("ABCDEFG"), tuple(("A", n) for n in "BCDEFG"))
ROUTER = Graph(("U", "R", "B", "T", "G", "O"),
               (("U", "R"), ("R", "B"), ("R", "T"), ("R", "G"), ("B", "O"), ("T", "O"),
                ("G", "O")))
"""A router deciding between three agents whose answers meet again (corpus chart 36)."""
ROUTER_SIZES = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.6), inches(0.25))
                                                         for i in (1, 2, 3)}})


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize(("graph", "sizes"), [(FAN_OUT, SIZES), (ROUTER, ROUTER_SIZES),
                                              (DECISION, LABELLED)],
                         ids=["fan-out", "router", "decision"])
def test_fan_outs_and_decisions_are_drawn_without_crossings(graph: Graph, sizes: FlowSizes,
                                                            direction: str) -> None:
    # A fan-out's elbows share one line (branches off it), and of a decision's branches
    # the farthest leaves by the box's side: a nearer one there would cross its elbow.
    layout = layout_flow(graph, direction, sizes)  # type: ignore[arg-type]
    check_layout(graph, layout)
    assert _drawn_crossings(layout) == 0


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize(("links", "tall"), [("A>B A>C A>D", "C"), ("A>B A>C A>D", "B"),
                                             ("X>A A>B A>C", "X")],
                         ids=["fan-out-middle-tall", "fan-out-first-tall", "tall-elsewhere"])
def test_elbows_of_one_channel_bend_where_libreoffice_bends_them(links: str, tall: str,
                                                                 direction: str) -> None:
    # One box of the targets' layer is deeper than the rest (a cylinder among rectangles):
    # the shorter ones that only elbows reach stand at the layer's start, so every elbow
    # of the fan-out ends on one line, and their one track lies halfway between their
    # ends, where LibreOffice 7.4 draws an elbow's middle whatever adj1 says.
    g = _graph(links)
    sizes = FlowSizes(**{**SIZES.__dict__, "mains": {tall: SIZES.box_h * 2}})
    layout = layout_flow(g, direction, sizes)  # type: ignore[arg-type]
    check_layout(g, layout)
    along = 1 if direction in ("TB", "BT") else 0
    elbows = [r for r in layout.routes if len(r.points) == 4]
    assert elbows
    assert len({r.points[-1][along] for r in elbows}) == 1
    for route in elbows:
        start, bend, _, end = route.points
        assert bend[along] * 2 == start[along] + end[along], route


def test_a_box_with_links_out_keeps_the_middle_of_its_layer() -> None:
    # B leads on to E: it stays in the middle of its layer, beside the deeper C.
    g = _graph("A>B A>C B>E")
    sizes = FlowSizes(**{**SIZES.__dict__, "mains": {"C": SIZES.box_h * 2}})
    boxes = layout_flow(g, "TB", sizes).boxes
    assert boxes["B"].cy == boxes["C"].cy


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize("links", ["I>P P>T T>R R>I T>X", "A>B B>C C>D C>E E>B D>F F>B"],
                         ids=["key-exchange", "getting-started"])
def test_a_link_into_the_side_an_edge_back_leaves_by_comes_in_at_its_own_port(
        links: str, direction: str) -> None:
    # R's (E's) edge back leaves by its incoming side, and X (D) beside it blocks every
    # side entry: the elbow from T (C) comes in a quarter of the side from its middle,
    # towards where it comes from (corpus charts 43 and 02), so no two links share a
    # stretch; the edge back keeps the middle.
    g = _graph(links)
    layout = layout_flow(g, direction, SIZES)  # type: ignore[arg-type]
    check_layout(g, layout)
    routes = _routes(layout)
    source, target = ("T", "R") if "T>R" in links else ("C", "E")
    into, back = routes[f"{source}>{target}"], next(
        r for r in layout.routes if r.start == target)
    box = layout.boxes[target]
    assert back.start_side == into.end_side
    assert back.points[0] == box.side_midpoint(back.start_side)
    assert into.points[-1] != box.side_midpoint(into.end_side)
    along = 0 if into.end_side in ("top", "bottom") else 1
    middle = box.side_midpoint(into.end_side)[along]
    assert (into.points[-1][along] - middle) * (into.points[0][along] - middle) > 0
    assert len(into.points) == 4  # an elbow: LibreOffice draws it to the port as planned
    assert _drawn_overlaps(layout) == 0


def _drawn_overlaps(layout: FlowLayout) -> int:
    """Overlapping stretches of the routes as drawn, counted as the corpus counts them."""
    from flowmetrics import Box, Drawing, Link, overlaps

    boxes = tuple(Box(n, r.x, r.y, r.w, r.h) for n, r in layout.boxes.items())
    links = tuple(Link(r.start, r.end, tuple(r.points)) for r in layout.routes)
    return overlaps(Drawing(boxes, links, 12700))


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize(("links", "labelled"),
                         [("I>P P>T T>R R>I T>X", (2,)), ("I>P P>T T>R R>I T>X", (2, 3, 4)),
                          ("A>B B>C C>D C>E E>B D>F F>B", (3,)),
                          ("A>B B>C C>D C>E E>B D>F F>B", (3, 4))],
                         ids=["key-exchange", "key-exchange-all", "getting-started",
                              "getting-started-and-edge-back"])
def test_a_label_by_its_target_moves_with_the_link_to_its_port(
        links: str, labelled: tuple[int, ...], direction: str) -> None:
    # The link into the port carries a label by its target: it stays on the link's last
    # stretch, now a quarter of the side off the middle, and clear of boxes and labels.
    g = _graph(links)
    sizes = FlowSizes(**{**SIZES.__dict__, "labels": {i: (inches(0.8), inches(0.3))
                                                      for i in labelled}})
    layout = layout_flow(g, direction, sizes)  # type: ignore[arg-type]
    check_layout(g, layout)
    into = next(r for r in layout.routes if r.index == labelled[0])
    assert into.points[-1] != layout.boxes[into.end].side_midpoint(into.end_side)


def _same_source_crossings(layout: FlowLayout) -> int:
    """Crossings between two links out of one box (counted as the corpus counts them)."""
    from flowmetrics import Box, Drawing, Link, crossings

    boxes = tuple(Box(n, r.x, r.y, r.w, r.h) for n, r in layout.boxes.items())
    total = 0
    for source in layout.boxes:
        links = tuple(Link(r.start, r.end, tuple(r.points)) for r in layout.routes
                      if r.start == source)
        total += crossings(Drawing(boxes, links, 12700))
    return total



@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize(("links", "crossed"), [
    ("M>C M>N M>S C>S", 0),
    ("M>C M>N M>S M>D C>S N>S S>D", 0),
    ("M>C M>N M>S C>T N>T T>S", 1),  # C>T crosses M>S's long column: that one stays
], ids=["one-long", "two-long", "long-past-a-layer"])
def test_links_out_of_one_box_never_cross_each_other(links: str, crossed: int,
                                                     direction: str) -> None:
    # M's elbow to N, the farther box of the next layer, would cross the column M>S goes
    # down after leaving M by that side (a long link): it leaves by that side too, on
    # M>S's stem, and parts from it at N's column. (The elbow crossed it before.)
    graph = _graph(links)
    layout = layout_flow(graph, direction, SIZES)  # type: ignore[arg-type]
    check_layout(graph, layout)
    assert _same_source_crossings(layout) == 0
    assert _drawn_crossings(layout) == crossed
