"""A link from a box to itself (`A --> A`), which Mermaid draws as a loop, is drawn as a
glued loop round the box's top right corner (plan/flow/loops.py), not refused; a group
linked to itself the same way, round its frame."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.loops import LOOP
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS
from test_flowports import _shapes

CORPUS = Path(__file__).parent / "flowcharts" / "corpus"
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


GROUPED = ("flowchart LR\n  subgraph G [Group]\n    subgraph H [Inner]\n      a --> b\n"
           "    end\n    H --> H\n  end\n  G --> G\n  b --> c\n")


@pytest.mark.parametrize("group", ["G", "H"])
def test_a_group_linked_to_itself_is_a_loop_round_its_frame(group: str) -> None:
    findings: list[Finding] = []
    planned = plan_flowchart(GROUPED, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08),
                             findings)
    assert planned is not None and not findings
    name = f"subgraph-{group}"
    loop = next(a for a in planned.diagram.arrows if a.name == f"edge-{group}-{group}")
    frames = {b.name: b.rect for b in planned.diagram.boxes}
    frame = frames[name]
    assert (loop.start, loop.start_side, loop.end, loop.end_side) == \
        (name, "right", name, "top")
    assert loop.route == ((frame.right, frame.cy), (frame.right + LOOP, frame.cy),
                          (frame.right + LOOP, frame.y - LOOP), (frame.cx, frame.y - LOOP),
                          (frame.cx, frame.y))
    # The loop stays inside the frame round it, below that frame's title, and off the
    # other boxes; the outer group's loop stays on the area.
    around = Rect(frame.x, frame.y - LOOP, frame.w + LOOP, frame.h + LOOP)
    outer = frames["subgraph-G"]
    if group == "H":
        assert around.right < outer.right and around.y > outer.y + inches(0.2)
    else:
        assert around.y >= AREA.y and around.right <= AREA.right
    assert not any(around.overlaps(r) for n, r in frames.items()
                   if n not in (name, "subgraph-G") and not frame.contains(r))


def test_the_loop_is_a_glued_bent_connector_in_the_deck(tmp_path: Path) -> None:
    shapes = _shapes(RETRY, tmp_path)
    loop, box = shapes["edge-b-b"], shapes["node-b"]
    xml = loop._element.xml
    assert 'prst="bentConnector4"' in xml
    assert f'<a:stCxn id="{box.shape_id}" idx="3"/>' in xml
    assert f'<a:endCxn id="{box.shape_id}" idx="0"/>' in xml


def test_every_link_of_a_chart_of_group_loops_has_its_connector(tmp_path: Path) -> None:
    # Corpus chart 23: six self-loops, two of them on groups (C1, D), each drawn.
    text = next(CORPUS.glob("23-*.mmd")).read_text(encoding="utf-8")
    links = re.findall(r"^\s*(\w+) --> (\w+)\s*$", text, re.M)
    shapes = _shapes(text, tmp_path)
    assert len(links) == 6
    assert sorted(n for n in shapes if n.startswith("edge-")) == \
        sorted(f"edge-{a}-{b}" for a, b in links)
    for group in ("C1", "D"):
        xml = shapes[f"edge-{group}-{group}"]._element.xml  # type: ignore[attr-defined]
        frame = shapes[f"subgraph-{group}"].shape_id  # type: ignore[attr-defined]
        assert 'prst="bentConnector4"' in xml  # along its route, not a straight line
        assert f'<a:stCxn id="{frame}" idx="3"/>' in xml
        assert f'<a:endCxn id="{frame}" idx="0"/>' in xml
