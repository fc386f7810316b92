"""Subgraphs laid out on their own (plan/flow/blocks.py): in their own direction, nested, and
linked as wholes, as Mermaid draws them; and links that name a subgraph."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.outline.flowgraph import MermaidError
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow.blocks import joined, lay_out, plan_nest
from aligndeck.plan.flow.chart import plan_flowchart
from aligndeck.plan.flow.layout import FlowLayout, FlowSizes
from aligndeck.plan.model import EMU_PER_PT, Finding, Rect, inches
from aligndeck.plan.text.fit import CALIBRI_FONTS
from aligndeck.plan.text.measure import text_width_pt
from test_flowlayout import SIZES, _crosses, _sites

CORPUS = Path(__file__).parent / "flowcharts"
AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(5.3))


def laid_out(text: str, sizes: FlowSizes = SIZES) -> FlowLayout:
    chart = parse_flowchart(text)
    nest = plan_nest(chart, chart.edges)
    edges = joined(chart.edges, nest)
    return lay_out(chart, edges, nest, sizes, range(len(edges)))


def centre(rect: Rect) -> tuple[float, float]:
    return rect.x + rect.w / 2, rect.y + rect.h / 2


def test_a_link_naming_a_subgraph_joins_the_group_not_a_new_box() -> None:
    chart = parse_flowchart("flowchart LR\n  subgraph one\n    a --> b\n  end\n"
                            "  subgraph two\n    c\n  end\n  one --> two\n")
    assert [n.id for n in chart.nodes] == ["a", "b", "c"]
    assert [(e.source, e.target) for e in chart.edges] == [("a", "b"), ("one", "two")]
    assert [s.members for s in chart.subgraphs] == [("a", "b"), ("c",)]


@pytest.mark.parametrize(("text", "where", "words"), [
    ("flowchart LR\n  subgraph one\n    a --> b\n  end\n  one --> a\n", (5, 7),
     "'a' is inside the subgraph 'one'"),
    ("flowchart LR\n  subgraph outer\n    subgraph inner\n      a\n    end\n  end\n"
     "  inner --> outer\n", (7, 9), "'inner' is inside the subgraph 'outer'"),
    ("flowchart LR\n  one[A box] --> x\n  subgraph one\n    a\n  end\n", (2, 3),
     "'one' is both a node and a subgraph"),
])
def test_a_group_linked_to_its_own_contents_is_a_located_error(
        text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(MermaidError) as caught:
        parse_flowchart(text)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == where
    assert words in problem.message


def test_a_closed_subgraph_follows_its_own_direction_as_mermaid_does() -> None:
    chart = parse_flowchart((CORPUS / "blocks.mmd").read_text(encoding="utf-8"))
    nest = plan_nest(chart, chart.edges)
    assert dict(nest.blocks) == {"TOP": "TB", "B1": "RL", "B2": "BT"}
    assert nest.stand_ins == {} and nest.warnings == ()


def test_a_subgraph_whose_nodes_link_outside_flows_with_its_parent_and_says_so() -> None:
    chart = parse_flowchart("flowchart LR\n  subgraph loop [RLHF]\n    direction TB\n"
                            "    a --> b\n  end\n  b --> c\n  x --> loop\n")
    nest = plan_nest(chart, chart.edges)
    assert nest.blocks == {}
    assert nest.stand_ins == {"loop": "a"}  # the link to the group joins its first node
    messages = [m for _, m in nest.warnings]
    assert any("asks for direction TB" in m and "flows LR" in m for m in messages)
    assert any("join its node 'a'" in m for m in messages)
    assert [(e.source, e.target) for e in joined(chart.edges, nest)] == [
        ("a", "b"), ("b", "c"), ("x", "a")]


def test_a_linked_subgraph_without_a_direction_inherits_its_parents() -> None:
    chart = parse_flowchart("flowchart TB\n  subgraph outer\n    direction LR\n"
                            "    subgraph inner\n      a --> b\n    end\n    x --> inner\n"
                            "  end\n  start --> outer\n")
    assert dict(plan_nest(chart, chart.edges).blocks) == {"outer": "LR", "inner": "LR"}
    # Unlinked and with no direction, a group stays a cluster in its parent's layers.
    chart = parse_flowchart("flowchart TB\n  subgraph outer\n    direction LR\n"
                            "    subgraph inner\n      a --> b\n    end\n  end\n"
                            "  start --> outer\n")
    assert dict(plan_nest(chart, chart.edges).blocks) == {"outer": "LR"}


def test_mermaids_own_example_lays_out_each_group_its_own_way() -> None:
    layout = laid_out((CORPUS / "blocks.mmd").read_text(encoding="utf-8"))
    boxes, groups = layout.boxes, layout.clusters
    assert set(boxes) == {"i1", "f1", "i2", "f2", "A", "B"}
    assert set(groups) == {"TOP", "B1", "B2"}
    # B1 reads right to left, B2 bottom to top, TOP top to bottom, the chart left to right.
    assert boxes["f1"].right < boxes["i1"].x and boxes["f1"].y == boxes["i1"].y
    assert boxes["f2"].bottom < boxes["i2"].y and boxes["f2"].x == boxes["i2"].x
    assert groups["B1"].bottom < groups["B2"].y
    assert boxes["A"].right < groups["TOP"].x and groups["TOP"].right < boxes["B"].x
    for group, inside in (("B1", ("i1", "f1")), ("B2", ("i2", "f2")), ("TOP", ("B1", "B2"))):
        for name in inside:
            assert groups[group].contains(boxes.get(name) or groups[name]), (group, name)
    routes = {(r.start, r.end): r for r in layout.routes}
    # Links to a group end on its container's side, in the flow around it.
    assert routes[("A", "TOP")].points[-1] == groups["TOP"].side_midpoint("left")
    assert routes[("TOP", "B")].points[0] == groups["TOP"].side_midpoint("right")
    assert routes[("B1", "B2")].points == (groups["B1"].side_midpoint("bottom"),
                                           groups["B2"].side_midpoint("top"))
    assert routes[("i1", "f1")].start_side == "left"
    assert routes[("i2", "f2")].start_side == "top"
    assert layout.layers["i1"] == layout.layers["TOP"] == 1  # a block builds in one click


def test_a_tall_shape_in_a_block_across_a_vertical_chart_grows_across() -> None:
    text = ("flowchart TB\n  s --> g\n  subgraph g [Tune]\n    direction LR\n"
            "    d --> c{Check}\n  end\n  g --> e\n")
    plain = laid_out(text)
    tall = laid_out(text, FlowSizes(**{**SIZES.__dict__, "mains": {"c": inches(1.2)}}))
    assert plain.boxes["c"].h == SIZES.box_h
    assert tall.boxes["c"].h == inches(1.2) and tall.boxes["c"].w == SIZES.box_w
    assert tall.clusters["g"].contains(tall.boxes["c"])
    assert centre(tall.boxes["c"])[1] == centre(tall.boxes["d"])[1]


@settings(max_examples=60, deadline=None)
@given(st.deferred(lambda: any_groups()))
def test_blocks_never_overlap_and_connectors_pass_no_box(text: str) -> None:
    try:
        layout = laid_out(text)
    except MermaidError:
        return  # a group linked to its own contents: a located parse error
    chart = parse_flowchart(text)
    shapes = {**layout.boxes, **layout.clusters}
    names = list(layout.boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not layout.boxes[a].overlaps(layout.boxes[b]), (a, b)
    inside = {s.id: chart.contents(s.id) for s in chart.subgraphs}
    for name, box in layout.boxes.items():
        for group, frame in layout.clusters.items():
            assert frame.contains(box) == (name in inside[group]), (name, group)
    groups = list(layout.clusters)
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            if b in inside[a] or a in inside[b]:
                outer, inner = (a, b) if b in inside[a] else (b, a)
                assert layout.clusters[outer].contains(layout.clusters[inner]), (a, b)
            else:
                assert not layout.clusters[a].overlaps(layout.clusters[b]), (a, b)
    for route in layout.routes:
        assert route.points[0] == shapes[route.start].side_midpoint(route.start_side)
        assert route.points[-1] in _sites(shapes[route.end], route.end_side), route
        for p, q in itertools.pairwise(route.points):
            assert p[0] == q[0] or p[1] == q[1]
            for name, box in layout.boxes.items():
                assert not _crosses(p, q, box), (route, name)


def test_the_planned_chart_glues_links_to_group_containers() -> None:
    findings: list[Finding] = []
    planned = plan_flowchart((CORPUS / "blocks.mmd").read_text(encoding="utf-8"),
                             ("extra", 0, "diagram"), AREA, dict(CALIBRI_FONTS), inches(0.08),
                             findings)
    assert planned is not None and findings == []
    arrows = {a.name: a for a in planned.diagram.arrows}
    assert (arrows["edge-A-TOP"].start, arrows["edge-A-TOP"].end) == ("node-A", "subgraph-TOP")
    assert (arrows["edge-B1-B2"].start, arrows["edge-B1-B2"].end) == (
        "subgraph-B1", "subgraph-B2")
    names = [b.name for b in planned.diagram.boxes]
    assert names.index("subgraph-TOP") < names.index("subgraph-B1") < names.index("node-i1")
    assert "Before → Top; Top → After" in planned.diagram.alt_text


@pytest.mark.parametrize("direction", ["TB", "LR", "BT", "RL"])
def test_a_group_is_at_least_as_wide_as_its_title(direction: str) -> None:
    # One small box in a group whose title is far wider: the container grows to hold
    # the title (across a vertical flow, along a horizontal one), its box kept inside.
    for text in (f"flowchart {direction}\n  subgraph g [A group with a very long title]\n"
                 "    a\n  end\n  a --> b\n",
                 f"flowchart {direction}\n  subgraph g [A group with a very long title]\n"
                 "    direction LR\n    a --> c\n  end\n  g --> b\n"):
        chart = parse_flowchart(text)
        sizes = FlowSizes(**{**SIZES.__dict__, "titles": {"g": inches(4)}})
        layout = laid_out(text, sizes)
        assert layout.clusters["g"].w >= inches(4), (direction, text)
        assert layout.clusters["g"].contains(layout.boxes["a"])
        assert not layout.clusters["g"].overlaps(layout.boxes["b"])
        assert chart.subgraphs[0].title == "A group with a very long title"


def test_the_planned_titles_are_measured() -> None:
    findings: list[Finding] = []
    text = ("flowchart LR\n  subgraph ui [The user interface of the service]\n    a\n  end\n"
            "  a --> b\n")
    planned = plan_flowchart(text, ("extra", 0, "diagram"), AREA, dict(CALIBRI_FONTS),
                             inches(0.08), findings)
    assert planned is not None
    group = next(b for b in planned.diagram.boxes if b.name == "subgraph-ui")
    run = group.frame.paragraphs[0].runs[0]
    need = text_width_pt(run.text, run.size, bold=True, font="Calibri") * EMU_PER_PT
    assert group.rect.w - 2 * group.frame.inset >= need


def test_an_empty_group_is_drawn_as_an_empty_titled_box() -> None:
    text = ("flowchart LR\n  subgraph later [Comes later]\n  end\n"
            "  subgraph outer [Outer]\n    subgraph inner [Inner]\n    end\n  end\n  a --> b\n")
    chart = parse_flowchart(text)
    assert dict(plan_nest(chart, chart.edges).blocks) == {"later": "LR", "outer": "LR",
                                                           "inner": "LR"}
    layout = laid_out(text)
    assert {"later", "outer", "inner"} <= set(layout.clusters)
    assert layout.clusters["later"].w >= SIZES.box_w
    assert layout.clusters["outer"].contains(layout.clusters["inner"])
    for group in ("later", "outer"):
        assert not any(layout.clusters[group].overlaps(b) for b in layout.boxes.values())


def test_a_chart_with_no_node_is_a_located_error() -> None:
    findings: list[Finding] = []
    planned = plan_flowchart("%% nothing yet\nflowchart LR\n", ("extra", 0, "diagram"), AREA,
                             dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is None
    [finding] = findings
    assert finding.severity == "error" and "has no nodes" in finding.message


@st.composite
def any_groups(draw: st.DrawFn) -> str:
    """Charts as people write them: groups empty, nested, in any direction, linked by name
    or through their nodes, with labels and every kind of link."""
    directions = ["TB", "LR", "BT", "RL"]
    count = draw(st.integers(1, 10))
    nodes = [f"n{k}" for k in range(count)]
    lines = [f"flowchart {draw(st.sampled_from(directions))}"]
    free = list(nodes)
    groups = []
    for g in range(draw(st.integers(0, 3))):
        take = draw(st.integers(0, min(3, len(free))))
        members, free = free[:take], free[take:]
        lines.append(f"  subgraph G{g} [Group {g}]")
        if draw(st.booleans()):
            lines.append(f"    direction {draw(st.sampled_from(directions))}")
        if draw(st.booleans()):
            lines += [f"    subgraph H{g} [Inner {g}]", *(f"      {m}" for m in members[:1]),
                      "    end"]
        lines += [f"    {m}[Node {m}]" for m in members[1:]]
        lines.append("  end")
        groups.append(f"G{g}")
    lines += [f"  {n}" for n in free]
    ends = nodes + groups
    links = st.sampled_from(["-->", "-.->", "==>", "---", "<-->", "-->|label|"])
    for _ in range(draw(st.integers(0, count + 2))):
        a, b = draw(st.sampled_from(ends)), draw(st.sampled_from(ends))
        if a != b:
            lines.append(f"  {a} {draw(links)} {b}")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(any_groups())
def test_any_chart_of_groups_plans_or_says_why(text: str) -> None:
    findings: list[Finding] = []
    try:
        planned = plan_flowchart(text, ("extra", 0, "diagram"), AREA, dict(CALIBRI_FONTS),
                                 inches(0.08), findings)
    except MermaidError:
        return  # a group linked to its own contents: a located parse error
    assert planned is not None or any(f.severity == "error" for f in findings)
    if planned is not None:
        names = {b.name for b in planned.diagram.boxes}
        for arrow in planned.diagram.arrows:
            assert arrow.start in names and arrow.end in names
