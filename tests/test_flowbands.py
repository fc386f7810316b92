"""A long flow wrapped into rows or columns on one slide (plan/flow/bands.py): larger text
than one long line, every link glued, none through a box or on another connector."""

from __future__ import annotations

from itertools import pairwise

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.bands import _elbows, _on, _through
from aligndeck.plan.model import Diagram, Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(5.3))

ORDER = """flowchart LR
  a[Enter shipping address] --> b[Choose payment method] --> c{Payment approved?}
  c -- yes --> d[Create order] --> e[Notify warehouse] --> f[Ship parcel]
  f --> g([Delivered]) --> h[Send survey]
"""
"""Eight steps in a row: on one line they fit only at 9 pt."""

TALL = "flowchart TD\n" + "\n".join(f"  s{i}[Check step {i}] --> s{i + 1}[Check step {i + 1}]"
                                    for i in range(1, 12))


def _segments(diagram: Diagram) -> list[tuple[str, tuple[tuple[int, int], tuple[int, int]]]]:
    found = []
    for arrow in diagram.arrows:
        points = arrow.route or (arrow.begin, arrow.finish)
        found += [(arrow.name, s) for s in pairwise(points)]
    return found


@pytest.mark.parametrize("text", [ORDER, TALL], ids=["order", "tall"])
def test_a_long_flow_is_wrapped_at_larger_text_than_one_line_gives(text: str) -> None:
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None and planned.bands > 1
    assert planned.size >= 14
    wrapped = [f for f in findings if "wrapped into" in f.message]
    assert len(wrapped) == 1 and wrapped[0].severity == "warning"
    diagram = planned.diagram
    chart = parse_flowchart(text)
    boxes = {b.name: b.rect for b in diagram.boxes}
    assert sorted(boxes) == sorted(f"node-{n.id}" for n in chart.nodes)
    assert len(diagram.arrows) == len(chart.edges)  # every link drawn, glued at both ends
    for rect in boxes.values():
        assert AREA.x <= rect.x and rect.right <= AREA.right
        assert AREA.y <= rect.y and rect.bottom <= AREA.bottom
    segments = _segments(diagram)
    for arrow in diagram.arrows:
        assert arrow.start in boxes and arrow.end in boxes
        for name, segment in segments:
            if name != arrow.name:
                continue
            for other, rect in boxes.items():
                if other not in (arrow.start, arrow.end):
                    assert not _through(segment, rect), (arrow.name, other)
    for i, (name, a) in enumerate(segments):
        for other, b in segments[i + 1:]:
            assert other == name or not _on(a, b), (name, other)
    # Every box appears at some click, and each link with (or after) its later end.
    revealed = [name for step in diagram.steps for name in step]
    assert sorted(n for n in revealed if n.startswith("node-")) == sorted(boxes)
    for arrow in diagram.arrows:
        assert revealed.index(arrow.name) > max(revealed.index(arrow.start),
                                                revealed.index(arrow.end)) - 1


def test_a_flow_that_reads_well_on_one_line_is_not_wrapped() -> None:
    text = "flowchart LR\n  a[Collect] --> b[Clean] --> c[Train] --> d[Ship]\n"
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None and planned.bands == 1 and planned.size >= 14
    assert not any("wrapped" in f.message for f in findings)


@pytest.mark.parametrize(("rows", "forward", "sides"), [
    (True, True, ("bottom", "top")), (True, False, ("top", "bottom")),
    (False, True, ("right", "left")), (False, False, ("left", "right"))])
def test_a_link_between_bands_leaves_and_enters_by_the_sides_facing_the_gap(
        rows: bool, forward: bool, sides: tuple[str, str]) -> None:
    first, second = Rect(100, 100, 400, 200), Rect(900, 900, 400, 200)
    source, target = (first, second) if forward else (second, first)
    points, got = _elbows(source, target, rows, forward, track=700 if not rows else None)[0]
    assert got == sides
    assert len(points) == 4
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    if rows:  # turned: it crosses halfway, where LibreOffice draws it anyway
        assert x0 == x1 and y1 == y2 == (y0 + y3) // 2 and x2 == x3
    else:  # unturned: it crosses on its own track
        assert y0 == y1 and x1 == x2 == 700 and y2 == y3
