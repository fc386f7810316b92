"""Newcomers' flowcharts (tests/flowcharts/newcomer/: incident response, code review, on-call
escalation, retries, document approval; 9 to 12 nodes with retry loops and "back to author")
drawn on one slide, as Mermaid draws them on one page: at 10 pt or more, no link crossing,
through a box or on another, planned and as LibreOffice 7.4 draws it, the first node first.
And what made them spill over two slides: a decision along a horizontal flow set one word a
line in a diamond taller than a row, a continuation part's boxes blown up to fill its slide,
a decision's two branches leaving by one exit."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow.sizing import box_sizes
from aligndeck.plan.model import inches
from aligndeck.plan.text import CALIBRI_FONTS
from flowmetrics import Planned, plan_chart

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


ONE_SLIDE = ["incident-response", "code-review", "on-call-escalation"]


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
