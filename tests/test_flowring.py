"""A flowchart that is one loop is drawn as a ring (plan/flow/ring.py) when its column
would leave its text small: as the deck's own loop slide draws a stage's loop."""

from __future__ import annotations

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.ring import cycle
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(4.73))
LOOP = """flowchart LR
  P[Policy model] -->|writes two answers to every prompt| A[Answer pairs]
  A -->|people pick the better answer of each pair| H[Human preferences]
  H -->|train a model that predicts those picks| R[Reward model]
  R -->|scores fresh answers during training| T[PPO update]
  T -->|the updated weights replace the old policy| P
"""


def test_a_loop_with_long_labels_is_a_ring_at_larger_text() -> None:
    findings: list[Finding] = []
    planned = plan_flowchart(LOOP, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None and planned.ring and planned.size >= 16
    # As written (left to right) it fits at no size; turned, at 11 pt (the warning said
    # "as written it fits only at 11 pt", the turned chart's size, until it was fixed).
    assert [f.message for f in findings] == [
        "the chart is one loop: as written it does not fit the slide even at 9 pt, so it is "
        f"drawn as a ring, at {planned.size:g} pt"]
    boxes = {b.name: b.rect for b in planned.diagram.boxes}
    labels = [b.rect for b in planned.diagram.labels]
    assert sorted(boxes) == ["node-A", "node-H", "node-P", "node-R", "node-T"]
    assert len(labels) == 5
    placed = [*boxes.values(), *labels]
    assert not any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1:])
    assert all(AREA.x <= r.x and r.right <= AREA.right and AREA.y <= r.y and
               r.bottom <= AREA.bottom for r in placed)
    # Clockwise from the first box: P at the top left, each arrow glued to the next box.
    assert boxes["node-P"].y == min(r.y for r in boxes.values())
    assert [(a.start, a.end) for a in planned.diagram.arrows] == [
        ("node-P", "node-A"), ("node-A", "node-H"), ("node-H", "node-R"),
        ("node-R", "node-T"), ("node-T", "node-P")]
    revealed = [n for step in planned.diagram.steps for n in step]
    assert revealed[0] == "node-P" and revealed[-2:] == ["edge-T-P", "edge-label-T-P"]


@pytest.mark.parametrize(("text", "loop"), [
    (LOOP, True),
    ("flowchart LR\n  a --> b --> c --> a\n", True),
    ("flowchart LR\n  a --> b --> c --> b\n", False),  # back to the middle: no ring
    ("flowchart LR\n  a --> b --> a\n", False),  # two boxes: too few
    ("flowchart LR\n  a --> b --> c --> a\n  c --> d\n", False),  # a branch out
    ("flowchart LR\n  subgraph g\n    a --> b --> c --> a\n  end\n", False),  # a group
])
def test_only_a_single_loop_of_three_to_eight_boxes_is_a_ring(text: str, loop: bool) -> None:
    chart = parse_flowchart(text)
    assert (cycle(chart, chart.edges) is not None) == loop


def test_a_loop_that_reads_well_as_written_stays_as_written() -> None:
    findings: list[Finding] = []
    planned = plan_flowchart("flowchart LR\n  a[Plan] --> b[Do] --> c[Check] --> a\n", ("d",),
                             AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None and not planned.ring and not findings


def test_a_ring_draws_its_boxes_as_the_chart_does() -> None:
    # Shapes, the accent a class asked for, and the house outline: the same boxes as the
    # chart drawn in layers would have (plan/flow/nodes.py), only placed on a ring.
    text = ("flowchart LR\n  P{{Policy model}} -->|writes two answers to every prompt| "
            "A[(Answer pairs)]\n  A -->|people pick the better answer of each pair| "
            "H([Human preferences])\n  H -->|train a model that predicts those picks| "
            "R[Reward model]:::hot\n  R -->|scores fresh answers during training| P\n"
            "  classDef hot fill:#F28C28\n")
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), [])
    assert planned is not None and planned.ring
    boxes = {b.name: b for b in planned.diagram.boxes}
    assert {n: (b.geometry, b.fill.role if b.fill else None) for n, b in boxes.items()} == {
        "node-P": ("flowChartPreparation", "surface"),
        "node-A": ("flowChartMagneticDisk", "surface"),
        "node-H": ("roundRect", "surface"),
        "node-R": ("roundRect", "accent"),
    }
    assert boxes["node-R"].line is None and boxes["node-P"].line is not None
    assert boxes["node-H"].radius == boxes["node-H"].rect.h // 2  # a stadium
