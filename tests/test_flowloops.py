"""A link from a box to itself (`A --> A`), which Mermaid draws as a loop, is drawn as a
glued loop round the box's top right corner (plan/flow/loops.py), not refused."""

from __future__ import annotations

from pathlib import Path

from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.loops import LOOP
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS
from test_flowports import _shapes

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(5.3))
RETRY = "flowchart LR\n  a[Fetch page] --> b{OK?}\n  b -->|no, retry| b\n  b -->|yes| c[Parse]\n"


def test_a_self_link_is_a_loop_round_the_top_right_corner_with_its_label() -> None:
    findings: list[Finding] = []
    planned = plan_flowchart(RETRY, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None and not findings
    loop = next(a for a in planned.diagram.arrows if a.name == "edge-b-b")
    box = next(b.rect for b in planned.diagram.boxes if b.name == "node-b")
    assert (loop.start, loop.start_side, loop.end, loop.end_side) == \
        ("node-b", "right", "node-b", "top")
    assert loop.route == ((box.right, box.cy), (box.right + LOOP, box.cy),
                          (box.right + LOOP, box.y - LOOP), (box.cx, box.y - LOOP),
                          (box.cx, box.y))
    assert box.y - LOOP >= AREA.y and box.right + LOOP <= AREA.right  # room was kept
    label = next(b for b in planned.diagram.labels if b.name == "edge-label-b-b")
    assert label.rect.x > box.right + LOOP and label.frame is not None
    assert not any(label.rect.overlaps(b.rect) for b in planned.diagram.boxes)
    step = next(s for s in planned.diagram.steps if "node-b" in s)
    assert "edge-b-b" in step and "edge-label-b-b" in step  # revealed with its box


def test_a_group_linked_to_itself_is_left_out_with_a_warning() -> None:
    text = "flowchart LR\n  subgraph G [Group]\n    a --> b\n  end\n  G --> G\n"
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None
    assert [(f.severity, f.at) for f in findings] == [("warning", (5, 5))]
    assert "group 'G' to itself is not drawn" in findings[0].message
    assert not any(a.name == "edge-G-G" for a in planned.diagram.arrows)


def test_the_loop_is_a_glued_bent_connector_in_the_deck(tmp_path: Path) -> None:
    shapes = _shapes(RETRY, tmp_path)
    loop, box = shapes["edge-b-b"], shapes["node-b"]
    xml = loop._element.xml
    assert 'prst="bentConnector4"' in xml
    assert f'<a:stCxn id="{box.shape_id}" idx="3"/>' in xml
    assert f'<a:endCxn id="{box.shape_id}" idx="0"/>' in xml
