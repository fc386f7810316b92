"""Flowcharts drawn compactly: parts of a chart kept together, tighter spacing and a turned
direction tried before a chart is refused as too large."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow.blocks import lay_out, plan_nest
from aligndeck.plan.flow.chart import PlannedFlowchart, plan_flowchart
from aligndeck.plan.flow.layers import Cluster, Graph
from aligndeck.plan.flow.layout import ESCAPE, layout_flow
from aligndeck.plan.flow.sizing import COMFORTABLE, FLOOR, box_sizes, label_width, text_inset
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text.fit import CALIBRI_FONTS
from test_flowlayout import SIZES, check_layout

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(4.7))


def test_a_branch_is_not_left_drifting_away_from_its_links() -> None:
    # n1 fans out to three children; n4 also hangs under n2. Median placement pushed n3
    # and n4 aside by n1's drop leg and left them 2.4 in further out than their links need.
    graph = Graph(("n0", "n1", "n2", "n3", "n4"),
                  (("n0", "n1"), ("n1", "n2"), ("n1", "n3"), ("n1", "n4"), ("n2", "n4")))
    layout = layout_flow(graph, "TB", SIZES)
    check_layout(graph, layout)
    boxes = layout.boxes
    assert layout.width <= inches(4.0)
    # Every layer keeps its order and its gap, and the straight chain stays straight.
    assert boxes["n2"].right + SIZES.gap_cross <= boxes["n3"].x
    assert boxes["n0"].x == boxes["n1"].x == boxes["n2"].x
    assert boxes["n4"].x - boxes["n2"].right < boxes["n3"].x - boxes["n2"].right


def test_a_node_ordered_before_a_group_is_packed_before_it() -> None:
    # C and the group sit side by side; D hangs under C in a layer the group also uses.
    # The group used to be packed first there, pushing D beyond it and its link across it.
    graph = Graph(("A", "B", "C", "D", "E", "G", "N", "R", "LC", "L"),
                  (("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("B", "G"), ("G", "N"),
                   ("N", "R"), ("N", "L"), ("LC", "L")),
                  (Cluster("group", ("G", "N", "R", "LC", "L"), ()),))
    layout = layout_flow(graph, "TB", SIZES)
    check_layout(graph, layout)
    boxes, group = layout.boxes, layout.clusters["group"]
    assert boxes["C"].x == boxes["D"].x == boxes["E"].x  # one straight line down
    assert boxes["D"].right < group.x
    route = next(r for r in layout.routes if (r.start, r.end) == ("C", "D"))
    assert len(route.points) == 2


def flowchart(text: str, area: Rect = AREA) -> tuple[PlannedFlowchart | None, list[Finding]]:
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("extra", 0, "diagram"), area, dict(CALIBRI_FONTS),
                             inches(0.08), findings)
    return planned, findings


def test_a_chain_too_tall_for_the_slide_turns_across_it_and_says_so() -> None:
    steps = [f"S{k}[Step {k}]" for k in range(10)]
    text = "flowchart TD\n" + "".join(f"  {a} --> {b}\n" for a, b in itertools.pairwise(steps))
    planned, findings = flowchart(text)
    assert planned is not None
    boxes = {b.name: b.rect for b in planned.diagram.boxes}
    assert boxes["node-S0"].right < boxes["node-S1"].x  # drawn left to right
    assert len({r.y for r in boxes.values()}) == 1
    turned = [f for f in findings if "it is drawn LR instead" in f.message]
    assert len(turned) == 1 and turned[0].severity == "warning" and turned[0].at == (1, 1)
    assert planned.diagram.alt_text.startswith("Flowchart, left to right:")
    # With room for it, the chart keeps the direction it was written in.
    tall = Rect(0, 0, inches(12), inches(20))
    planned, findings = flowchart(text, tall)
    assert planned is not None and not any("instead" in f.message for f in findings)


def test_tighter_spacing_is_tried_before_a_chart_is_refused() -> None:
    text = ("flowchart LR\n  A[One] --> B[Two] --> C[Three] --> D[Four] --> E[Five]\n"
            "  A --> X[Aside] --> E\n")
    chart = parse_flowchart(text)
    nest = plan_nest(chart, chart.edges)
    sizes, _ = box_sizes(chart, chart.edges, FLOOR, dict(CALIBRI_FONTS))
    floor = lay_out(chart, chart.edges, nest, sizes, range(len(chart.edges)))
    # One EMU narrower than the chart at the floor with the house's spacing, and too low
    # for it turned top to bottom.
    planned, findings = flowchart(text, Rect(0, 0, floor.width - 1, floor.height))
    assert planned is not None
    boxes = {b.name: b.rect for b in planned.diagram.boxes}
    assert boxes["node-A"].right < boxes["node-B"].x  # still left to right, not turned
    assert not any("instead" in f.message for f in findings)


def test_a_long_word_widens_its_box_rather_than_break() -> None:
    text = ("flowchart LR\n  A[EmbeddedContentResourceDescriptor] --> B[b] --> C[c]\n")
    for tight in (False, True):
        chart = parse_flowchart(text)
        sizes, fits = box_sizes(chart, chart.edges, 10.0, dict(CALIBRI_FONTS), tight)
        assert fits is not None and fits["A"].fits
        # The node is widened on its own; the others keep the common width.
        own = sizes.wides["A"]
        room = round(own * 0.97) - 2 * text_inset(10.0)  # a rounded box's text area
        assert room >= label_width(chart.node("A").label, 10.0, dict(CALIBRI_FONTS))
        assert own > sizes.box_w and set(sizes.wides) == {"A"}
    layout = lay_out(chart, chart.edges, plan_nest(chart, chart.edges), sizes, (0, 1))
    assert layout.boxes["A"].w == own and layout.boxes["B"].w == sizes.box_w


def test_only_a_channel_with_a_bend_keeps_room_for_it() -> None:
    # A straight link needs only the gap; an elbow needs ESCAPE out of one box and into
    # the next (LibreOffice re-routes a glued elbow with a shorter first or last stretch).
    close = replace(SIZES, gap_main=inches(0.25))
    graph = Graph(("A", "B", "C", "D"), (("A", "B"), ("B", "C"), ("A", "D")))
    layout = layout_flow(graph, "LR", close)
    boxes = layout.boxes
    assert boxes["B"].x - boxes["A"].right >= 2 * ESCAPE  # A to D bends here
    assert boxes["C"].x - boxes["B"].right == inches(0.25)  # only straight B to C


def test_a_long_link_leg_keeps_out_of_the_way_of_a_straight_chain() -> None:
    # X's link to E runs along a leg through the layers of C and D. The ordering puts C
    # before that leg; packing used to put the leg (placed with X) first, so C, D and E
    # dropped below it and the chain B-C broke into an elbow.
    graph = Graph(("A", "B", "C", "D", "E", "X"),
                  (("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("A", "X"), ("X", "E")))
    for direction in ("LR", "RL", "TB", "BT"):
        layout = layout_flow(graph, direction, SIZES)  # type: ignore[arg-type]
        check_layout(graph, layout)
        straight = {(r.start, r.end) for r in layout.routes if len(r.points) == 2}
        # (D to E may bend: X's long link drops into E's column, in every direction, since
        # LibreOffice would draw a long elbow's middle halfway, across C's and D's layers.)
        assert {("B", "C"), ("C", "D")} <= straight, direction


GROUPS_DOWN = (Path(__file__).parent / "flowcharts" / "corpus" /
               "26-k8s-new-contributor.mmd").read_text(encoding="utf-8")
"""Three groups of five steps down, each taller than the slide: top to bottom it fits at no
size; turned (its groups too) it fits."""


@pytest.mark.parametrize(("text", "said"), [
    ("flowchart TD\n" + "".join(f"  S{k}[Step {k}] --> S{k + 1}[Step {k + 1}]\n"
                                for k in range(7)),
     "the chart flows TB but fits the slide that way only at 12 pt; it is drawn LR instead"),
    (GROUPS_DOWN, "the chart flows TB but does not fit the slide that way even at 9 pt; it is "
                  "drawn LR instead, at {size:g} pt"),
], ids=["fits-smaller", "fits-not"])
def test_a_turned_chart_says_how_it_fitted_as_written(text: str, said: str) -> None:
    # The size quoted for the chart as written is the chart as written: it was the turned
    # chart's own size ("fits only at 10 pt; drawn LR instead, at 10 pt").
    planned, findings = flowchart(text)
    assert planned is not None
    [turned] = [f.message for f in findings if "instead" in f.message]
    assert said.format(size=planned.size) in turned
    quoted = re.search(r"only at (\d+) pt", turned)
    assert quoted is None or float(quoted.group(1)) < planned.size


def test_a_chart_turns_when_that_makes_its_text_comfortable() -> None:
    # Eight steps down fit the slide only at 12 pt; across, at 16 pt.
    steps = [f"S{k}[Step {k}]" for k in range(8)]
    text = "flowchart TD\n" + "".join(f"  {a} --> {b}\n" for a, b in itertools.pairwise(steps))
    planned, findings = flowchart(text)
    assert planned is not None and planned.size >= COMFORTABLE
    [turned] = [f.message for f in findings if "instead" in f.message]
    assert "fits the slide that way only at" in turned
    assert f"drawn LR instead, at {planned.size:g} pt" in turned
    # Where the chart as written is comfortable, it stays as written.
    planned, findings = flowchart(text, Rect(0, 0, inches(12), inches(9)))
    assert planned is not None and not any("instead" in f.message for f in findings)
    boxes = {b.name: b.rect for b in planned.diagram.boxes}
    assert boxes["node-S0"].bottom < boxes["node-S1"].y
