"""A refused flowchart's message holds (issue 22: "10 nodes … about 12 fit" contradicted
itself, and its suggestions did not help): the numbers in it agree with the chart and
with each other, and the split it suggests is one whose every diagram fits a slide.

The charts are tests/flowcharts' own, on diagram areas much smaller than a slide's (a
template whose body placeholder is small), where the sweep of every chart on 16:9, 4:3
and narrow bodies found the messages that disagreed.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart_parts
from aligndeck.plan.flow.blocks import joined, plan_nest
from aligndeck.plan.flow.chart import _best, _merged
from aligndeck.plan.flow.parts import step_runs
from aligndeck.plan.flow.sizing import breakable
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS
from aligndeck.strings import ENGLISH

CHARTS = Path(__file__).parent / "flowcharts"
TINY = Rect(0, 0, inches(3), inches(2))
"""A body placeholder of 3 x 2 in: a template's small box, or a slide's corner."""

HEAD = re.compile(r"the diagram has (\d+) nodes and does not fit (one slide|(\d+) slides) "
                  r"at 9 pt")
STEPS = re.compile(r"its flow is (\d+) steps long; split it into (\d+) diagrams of at most "
                   r"(\d+) steps? \(each fits one slide at ([\d.]+) pt or more(, without the "
                   r"markers a cut over slides needs)?\)")
WIDE = re.compile(r"it is (\d+) nodes wide; split it into diagrams of at most (\d+) nodes? "
                  r"side by side \((\d+) fit one slide at ([\d.]+) pt\)")


def _refusal(text: str, area: Rect) -> str:
    findings: list[Finding] = []
    planned = plan_flowchart_parts(text, ("d",), area, dict(CALIBRI_FONTS), inches(0.08),
                                   findings)
    errors = [f.message for f in findings if f.severity == "error"]
    assert planned == [] and len(errors) == 1, [f.message for f in findings]
    return errors[0]


@pytest.mark.parametrize(("chart", "said"), [
    # A group that fits only alone: a run of one step each (was: "at most 1 steps (its
    # first 1 fit one slide at 18 pt)", only the first step tried).
    ("blocks", "steps"),
    # Two runs of three steps fit without markers, two slides with them do not (was: "does
    # not fit 2 slides … at most 3 steps", two diagrams, unexplained).
    ("data-pipeline", "steps"),
    ("decision", "steps"),
    ("subgraphs", "steps"),
    # A layer of nine boxes: how many of them fit side by side.
    ("every-link", "wide"),
])
def test_a_refusal_on_a_small_body_says_numbers_that_agree_and_a_split_that_fits(
        chart: str, said: str) -> None:
    text = (CHARTS / f"{chart}.mmd").read_text(encoding="utf-8")
    message = _refusal(text, TINY)
    parsed = breakable(parse_flowchart(text))
    head = HEAD.search(message)
    assert head is not None, message
    assert int(head.group(1)) == len(parsed.nodes)
    slides = 1 if head.group(3) is None else int(head.group(3))
    if said == "wide":
        wide = WIDE.search(message)
        assert wide is not None, message
        across, most, fit = int(wide.group(1)), int(wide.group(2)), int(wide.group(3))
        assert most == fit and 1 <= most < across
        return
    found = STEPS.search(message)
    assert found is not None, message
    levels, runs, steps = int(found.group(1)), int(found.group(2)), int(found.group(3))
    size = float(found.group(4))
    assert 1 <= steps < levels and runs == math.ceil(levels / steps)
    # Fewer diagrams than the slides it was refused on: only without markers, and said.
    assert (runs <= slides) == (found.group(5) is not None)
    nest = plan_nest(parsed, parsed.edges)
    edges = _merged(joined(parsed.edges, nest))
    pieces = step_runs(parsed, edges, nest, steps)
    assert len(pieces) == runs
    for piece in pieces:  # every diagram of the split fits, at the size said or larger
        fitted = _best(piece, TINY, dict(CALIBRI_FONTS), inches(0.08), ENGLISH)
        assert fitted is not None and fitted[0].size >= size, piece.nodes
