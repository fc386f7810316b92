"""Flowcharts drawn compactly: parts of a chart kept together, tighter spacing and a turned
direction tried before a chart is refused as too large."""

from __future__ import annotations

from aligndeck.plan.flowlayout import layout_flow
from aligndeck.plan.layered import Graph
from aligndeck.plan.model import inches
from test_flowlayout import SIZES, check_layout


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
