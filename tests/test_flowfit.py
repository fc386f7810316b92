"""Newcomers' flowcharts (tests/flowcharts/newcomer/: incident response, code review, on-call
escalation, retries, document approval; 9 to 12 nodes with retry loops and "back to author")
drawn on one slide, as Mermaid draws them on one page: at 10 pt or more, no link crossing,
through a box or on another, planned and as LibreOffice 7.4 draws it, the first node first.
And what made them spill over two slides: a decision along a horizontal flow set one word a
line in a diamond taller than a row, a continuation part's boxes blown up to fill its slide,
a decision's two branches leaving by one exit."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
import yaml

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow.sizing import box_sizes
from aligndeck.plan.model import Diagram, inches
from aligndeck.plan.text import CALIBRI_FONTS
from flowmetrics import Planned, crossings, from_diagram, overlaps, plan_chart, through_boxes
from helpers import require_shared_templates

NEWCOMER = Path(__file__).parent / "flowcharts" / "newcomer"


@cache
def _planned(name: str) -> Planned:
    return plan_chart((NEWCOMER / f"{name}.mmd").read_text(encoding="utf-8"))


def _node_size(name: str) -> tuple[float, int]:
    """The node text size and the number of slides, as the house design's diagram slide
    plans the chart."""
    planned = _planned(name)
    assert planned.diagram is not None, planned.errors
    sizes = {run.size for box in planned.diagram.boxes if box.name.startswith("node-")
             and box.frame is not None for p in box.frame.paragraphs for run in p.runs}
    return min(sizes), len(planned.parts)


ONE_SLIDE = ["incident-response", "code-review", "on-call-escalation", "retry-with-backoff"]
"""(retry-with-backoff: "Wait with backoff" packed above the spine, its way back across it:
two slides.)"""


@pytest.mark.parametrize("name", ONE_SLIDE)
def test_a_newcomers_chart_is_one_clean_slide_at_10_pt_or_more(name: str) -> None:
    size, slides = _node_size(name)
    assert (slides, size >= 10) == (1, True), (slides, size)
    planned = _planned(name)
    for seen in (False, True):
        metrics = planned.metrics(libreoffice=seen)
        assert metrics is not None
        assert (metrics.crossings, metrics.through_boxes, metrics.overlaps,
                metrics.first_at_start) == (0, 0, 0, True), (seen, metrics)


@pytest.mark.parametrize(("label", "size", "tallest"), [
    ("Error rate back to normal?", 10.0, 1.1),
    ("Acknowledged in 5 min?", 10.0, 1.1),
    ("Customer impact?", 9.0, 1.1),
    ("Did the canary's error rate go up in the last ten minutes?", 12.0, 1.6),
])
def test_a_decision_along_a_horizontal_flow_is_wider_than_tall(label: str, size: float,
                                                                tallest: float) -> None:
    # Along a left-to-right flow a diamond's width costs its own layer only: one word a
    # line in the common width made "Error rate back to normal?" a tower 1.7 in tall at
    # 10 pt, taller than a row of a two-row wrapping, so the incident chart went over
    # two slides.
    chart = parse_flowchart(f"flowchart LR\n  a[Mitigate: roll back or fail over] --> "
                            f"d{{{label}}}\n  d --> b[Announce all-clear]\n")
    for tight in (False, True):
        sizes, fits = box_sizes(chart, chart.edges, size, dict(CALIBRI_FONTS), tight)
        assert fits is not None
        tall = sizes.mains.get("d", sizes.box_h)
        wide = sizes.wides.get("d", sizes.box_w)
        assert wide > tall, (tight, wide / 914400, tall / 914400)
        assert tall <= inches(tallest), (tight, tall / 914400)


Point = tuple[float, float]


def _along(points: Sequence[Point], step: float) -> list[Point]:
    """Points every `step` along an upright-and-level route, its corners included."""
    out: list[Point] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        n = max(1, round(max(abs(x1 - x0), abs(y1 - y0)) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n + 1)]
    return out


def _on(p: Point, points: Sequence[Point], tol: float) -> bool:
    """Whether `p` lies on the route through `points` (within `tol`)."""
    return any(min(x0, x1) - tol <= p[0] <= max(x0, x1) + tol and
               min(y0, y1) - tol <= p[1] <= max(y0, y1) + tol
               for (x0, y0), (x1, y1) in itertools.pairwise(points))


def _misread(diagram: Diagram) -> list[str]:
    """The branches of a decision whose label stands nearer another link, or nearest its
    own on a stretch another branch of the decision runs on too: a reader cannot tell
    which answer is which."""
    decisions = {b.name for b in diagram.boxes if b.geometry == "diamond"}
    wrong = []
    for box in diagram.labels:
        _, _, source, target = box.name.split("-", 3)
        # A twin's label names its own direction: the connector is named the other way.
        arrow = next(a for a in diagram.arrows if a.name in (f"edge-{source}-{target}",
                                                             f"edge-{target}-{source}"))
        if f"node-{source}" not in decisions:
            continue
        siblings = [a for a in diagram.arrows if a.start == arrow.start]
        routes = {a.name: list(a.route or (a.begin, a.finish)) for a in siblings}
        spot = (box.rect.cx, box.rect.cy)
        nearest = min((math.dist(spot, p), a.name, p) for a in siblings
                       for p in _along(routes[a.name], inches(0.02)))
        _, name, p = nearest
        shared = any(_on(p, routes[o], inches(0.01)) for o in routes if o != name)
        if name != arrow.name or shared:
            wrong.append(box.name)
    return wrong


@pytest.mark.parametrize("name", ONE_SLIDE)
def test_each_branch_of_a_decision_has_its_label_on_a_stretch_of_its_own(name: str) -> None:
    # "Error rate back to normal?": its No (up to "Call incident commander") and its Yes
    # (straight on) left by one corner, both labels on the stretch they shared.
    for diagram in _planned(name).parts:
        assert _misread(diagram) == []


CUT = ["document-approval", "../corpus/18-mermaid-approval-multiline"]
"""Charts still cut over two slides (document-approval's one-slide drawing has a decision's
way in and a way out on one stretch: see the notes)."""


@pytest.mark.parametrize("name", CUT)
def test_every_part_of_a_cut_chart_has_the_first_parts_boxes(name: str) -> None:
    # A continuation part that leaves much of its slide empty had its boxes blown up by
    # a third and its gaps doubled (1.6 in tall boxes round 10 pt text): every part's
    # boxes are the whole chart's, at the one text size, and the part stands centred.
    planned = _planned(name)
    assert len(planned.parts) > 1
    # The common box of each part (a box with a longer label grows on its own).
    common = [Counter((b.rect.w, b.rect.h) for b in d.boxes if b.geometry == "roundRect"
                      and b.name.startswith("node-")
                      and not b.name.startswith("node-continued-")).most_common(1)[0][0]
              for d in planned.parts]
    assert len(set(common)) == 1, common


@pytest.mark.shared
def test_the_incident_chart_is_one_clean_slide_on_a_real_template(tmp_path: Path) -> None:
    # On the UFRJ template it went over 2 slides at 11 pt drawn TB, using 60% of the width.
    outline = tmp_path / "talk.yaml"
    outline.write_text(yaml.safe_dump({
        "title": "When the pager goes off", "stages": [{"name": "Detect", "summary": "Alert"}],
        "extra": [{"title": "From alert to all-clear",
                   "diagram": (NEWCOMER / "incident-response.mmd").read_text(
                       encoding="utf-8")}]}, sort_keys=False), encoding="utf-8")
    template = require_shared_templates() / "mecanon-ufrj_template.potx"
    checked = api.check(outline, design=Design(template=template))
    diagrams = [e for s in checked.plan.slides if s.kind == "diagram" for e in s.elements
                if isinstance(e, Diagram)]
    assert len(diagrams) == 1
    sizes = {r.size for b in diagrams[0].boxes if b.name.startswith("node-") and b.frame
             for p in b.frame.paragraphs for r in p.runs}
    assert min(sizes) >= 10
    drawing = from_diagram(diagrams[0])
    assert (crossings(drawing), overlaps(drawing), through_boxes(drawing)) == (0, 0, 0)
