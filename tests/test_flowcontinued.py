"""Charts that Mermaid draws and one slide does not hold (issue 22, "never refuse"): groups
turned with a turned chart, fan-ins and fan-outs sharing one marker, a layer too wide for
a slide continued on the next, empty stripes taken out of a packed layout, and errors
only for what no slide holds, whose suggestion the planner tried."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart, plan_flowchart_parts
from aligndeck.plan.flow.blocks import joined, plan_nest, turned
from aligndeck.plan.flow.geometry import FlowLayout, FlowSizes, Route
from aligndeck.plan.flow.parts import Cut, parts
from aligndeck.plan.flow.squeeze import squeeze
from aligndeck.plan.model import Diagram, Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(4.7))
CORPUS = Path(__file__).parent / "flowcharts" / "corpus"


def _plan(text: str) -> tuple[list, list[Finding]]:  # type: ignore[type-arg]
    findings: list[Finding] = []
    return plan_flowchart_parts(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08),
                                findings), findings


def _rects(diagram: Diagram) -> dict[str, Rect]:
    return {b.name: b.rect for b in diagram.boxes}


@pytest.mark.parametrize(("chart", "way", "groups"), [
    ("TB", None, "LR"), ("LR", None, "TB"), ("BT", None, "RL"), ("TB", "TB", "TB"),
])
def test_a_turned_chart_turns_its_groups_with_it(chart: str, way: str | None,
                                                  groups: str) -> None:
    own = {"TB": "TB", "LR": "LR", "BT": "BT"}[chart]
    text = (f"flowchart {chart}\n  subgraph g [Steps]\n    direction {own}\n    a --> b --> c\n"
            "  end\n  subgraph h [Free]\n    x --> y\n  end\n  s --> g\n")
    shown = turned(parse_flowchart(text), way)  # type: ignore[arg-type]
    assert {s.id: s.direction for s in shown.subgraphs} == {"g": groups, "h": None}


def test_groups_taller_than_the_slide_run_across_it_when_the_chart_is_turned() -> None:
    # 26-k8s-new-contributor: three groups of five steps, each taller than the slide
    # drawn top to bottom; turned, each group is a row, and all of it is one slide.
    planned, findings = _plan((CORPUS / "26-k8s-new-contributor.mmd").read_text("utf-8"))
    assert len(planned) == 1 and planned[0].size >= 9
    assert not [f for f in findings if f.severity == "error"]
    boxes = _rects(planned[0].diagram)
    for row in ("UQNOP", "TDEFG", "SBCVM"):
        tops = {boxes[f"node-{n}"].y for n in row}
        assert len(tops) == 1  # one row
        xs = [boxes[f"node-{n}"].x for n in row]
        assert xs == sorted(xs)  # in the order of the flow


FAN_IN = """flowchart LR
  a[Source one] --> m[Middle]
  b[Source two] --> m
  m --> z[Sink]
  a --> z
  b --> z
  c[Source three] --> z
"""


def test_links_from_one_part_into_the_same_box_share_one_marker() -> None:
    chart = parse_flowchart(FAN_IN)
    edges = joined(chart.edges, plan_nest(chart, chart.edges))
    where = Cut({"a": 0, "b": 0, "c": 0, "m": 0, "z": 1}, 2, 4)
    first, second = parts(chart, edges, where)
    # the sink's part: one marker for m, a, b and c (all lead to z alone, in the order
    # their links are written), naming only the part they are on
    markers = [n for n in second.nodes if n.continued]
    assert [(n.id, n.label.plain) for n in markers] == [("continued-from-m-a-b-c",
                                                         "from 1/2")]
    assert {(e.source, e.target) for e in second.edges} == {("continued-from-m-a-b-c", "z")}
    # the sources' part: one marker for z, naming it, which every cut link reaches
    out = [n for n in first.nodes if n.continued]
    assert [(n.id, n.label.plain) for n in out] == [("continued-to-z", "Sink continues on 2/2")]
    assert {e.source for e in first.edges if e.target == "continued-to-z"} == {"a", "b", "c",
                                                                               "m"}


def test_a_layer_too_wide_for_a_slide_goes_on_over_several() -> None:
    # Thirty services released from one box: no slide holds them side by side, and no
    # cut between layers helps (there are two); the layer goes on over slides, each part
    # starting from a marker that names the box they come from.
    text = "flowchart TB\n" + "\n".join(
        f"  root[Release service] --> s{i}[Service number {i} of the fleet]"
        for i in range(30))
    assert plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), []) is None
    planned, findings = _plan(text)
    assert 2 <= len(planned) <= 10
    assert not [f for f in findings if f.severity == "error"]
    drawn = [name for p in planned for name in _rects(p.diagram)
             if name.startswith("node-s")]
    assert sorted(drawn) == sorted(f"node-s{i}" for i in range(30))  # each once
    for p in planned[1:]:
        names = _rects(p.diagram)
        assert "node-continued-from-root" in names and "node-root" not in names
    assert len({p.size for p in planned}) == 1 and planned[0].size >= 9


def _layout(gap: int) -> FlowLayout:
    """Two boxes one above the other, a straight link between, and `gap` between them."""
    a, b = Rect(0, 0, 100, 50), Rect(0, 50 + gap, 100, 50)
    route = Route(0, "a", "bottom", "b", "top", ((50, 50), (50, 50 + gap)), None)
    return FlowLayout(100, 100 + gap, {"a": a, "b": b}, {}, (route,), {"a": 0, "b": 1}, 2, 1)


SIZES = FlowSizes(100, 50, 20, 10, 5, 8, 4, {})


@pytest.mark.parametrize(("gap", "keep", "expected"), [
    (500, 30, 30),     # an empty stripe narrowed to what is kept
    (20, 30, 20),      # narrower than that: left alone
])
def test_squeeze_narrows_empty_stripes_and_moves_nothing_past_anything(
        gap: int, keep: int, expected: int) -> None:
    squeezed = squeeze(_layout(gap), SIZES, keep)
    a, b = squeezed.boxes["a"], squeezed.boxes["b"]
    assert b.y - a.bottom == expected and squeezed.height == 100 + expected
    assert squeezed.routes[0].points == ((50, 50), (50, 50 + expected))  # still joins them


def test_squeeze_keeps_a_stripe_a_connector_runs_along() -> None:
    layout = _layout(500)
    bend = Route(1, "a", "right", "b", "right",
                 ((100, 25), (140, 25), (140, 300), (120, 300), (120, 575)), None)
    crowded = FlowLayout(layout.width, layout.height, layout.boxes, {},
                         (*layout.routes, bend), layout.layers, 2, 1)
    squeezed = squeeze(crowded, SIZES, 30)
    assert squeezed.boxes["b"].y == 50 + 30 + 30  # the stripe split in two at the bend
    ys = [y for _, y in squeezed.routes[1].points]
    assert ys == sorted(ys)  # the route still runs down, in order


def test_a_label_no_slide_holds_is_a_located_error_with_a_length_that_fits() -> None:
    long = " ".join(["supercalifragilistic words"] * 400)
    text = f"flowchart TD\n  a[Start] --> b[{long}]\n  b --> c[End]"
    planned, findings = _plan(text)
    errors = [f for f in findings if f.severity == "error"]
    assert planned == [] and len(errors) == 1
    assert errors[0].at == (2, 16)  # the node, inside the chart's text
    found = re.fullmatch(r"the label of 'b' does not fit a slide even at 9 pt on a box of its "
                         r"own; shorten it to about (\d+) characters", errors[0].message)
    assert found is not None, errors[0].message
    keep = int(found.group(1))
    assert 50 < keep < len(long)
    shorter, _ = _plan(f"flowchart TD\n  a[Start] --> b[{long[:keep]}]\n  b --> c[End]")
    assert shorter  # the length it gives fits


def test_a_chart_too_long_says_into_how_many_runs_of_steps_it_splits() -> None:
    text = "flowchart LR\n" + "\n".join(f"  n{i}[Step {i}] --> n{i + 1}[Step {i + 1}]"
                                         for i in range(80))
    planned, findings = _plan(text)
    errors = [f for f in findings if f.severity == "error"]
    assert planned == [] and len(errors) == 1
    found = re.search(r"its flow is 81 steps long; split it into (\d+) diagrams of at most "
                      r"(\d+) steps \(each fits one slide at ([\d.]+) pt or more\)",
                      errors[0].message)
    assert found is not None, errors[0].message
    runs, steps, size = int(found.group(1)), int(found.group(2)), float(found.group(3))
    assert runs == -(-81 // steps)  # the numbers agree
    for start in range(0, 81, steps):  # every diagram of the split fits, not only the first
        last = min(start + steps, 81) - 1
        piece = "flowchart LR\n" + "\n".join(f"  n{i}[Step {i}] --> n{i + 1}[Step {i + 1}]"
                                              for i in range(start, last)) \
            if last > start else f"flowchart LR\n  n{start}[Step {start}]"
        fitted = plan_flowchart(piece, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), [])
        assert fitted is not None and fitted.size >= size  # at that size or larger


def test_pooled_markers_send_every_link_to_one_part_through_one_marker() -> None:
    # A dense chart: three boxes each linked to three boxes of the next part. Pooled, the
    # first part has one marker for the second part; the second names every source.
    text = "flowchart LR\n" + "\n".join(f"  a{i} --> b{j}" for i in range(3) for j in range(3))
    chart = parse_flowchart(text)
    edges = joined(chart.edges, plan_nest(chart, chart.edges))
    where = Cut({f"{x}{i}": int(x == "b") for x in "ab" for i in range(3)}, 2, 9)
    first, second = parts(chart, edges, where, pooled=True)
    assert [(n.id, n.label.plain) for n in first.nodes if n.continued] == [
        ("continued-to-part-2", "continues on 2/2")]
    assert [(n.id, n.label.plain) for n in second.nodes if n.continued] == [
        (f"continued-from-a{i}", f"a{i} from 1/2") for i in range(3)]
    assert len({(e.source, e.target) for e in second.edges}) == 9  # every link still there
