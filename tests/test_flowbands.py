"""A long flow wrapped into rows or columns on one slide (plan/flow/bands.py): larger text
than one long line, every link glued, none through a box or on another connector."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.bands import _elbows, _on, _slots, _through
from aligndeck.plan.flow.blocks import plan_nest
from aligndeck.plan.flow.parts import chain_cuts, chain_links
from aligndeck.plan.model import Diagram, Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS
from flowmetrics import crossings, from_diagram, overlaps, through_boxes
from helpers import require_shared_templates

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


RELEASE = """flowchart TD
  merged([Change merged]) --> tests{Tests pass?}
  tests -->|No| author[Back to author]
  tests -->|Yes| canary[Staging canary]
  canary --> degraded{Error rate degraded?}
  degraded -->|Yes| rollback[Roll back]
  rollback --> author
  degraded -->|No| p1[Roll out 1%]
  p1 --> p10[Roll out 10%] --> p50[Roll out 50%] --> p100([Roll out 100%])
"""
"""The newcomer's release flow (corpus 39): wrapped where the layers balance (after
'Staging canary'), the 'No' to 'Back to author' crosses the link on to 'Error rate
degraded?'; wrapped after the decision, it draws clean."""

RELEASE_LR = RELEASE.replace("flowchart TD", "flowchart LR").replace(
    "tests -->|No| author", "tests -- \"No: the failing test is named in the review\" --> author")


def _knots(diagram: Diagram) -> int:
    """Points where two connectors cross (away from their ends)."""
    count = 0
    segments = _segments(diagram)
    for (a, (p, q)), (b, (r, s)) in ((x, y) for i, x in enumerate(segments)
                                      for y in segments[i + 1:]):
        if a == b:
            continue
        if p[0] == q[0] and r[1] == s[1]:
            x, y, lo, hi, left, right = p[0], r[1], *sorted((p[1], q[1])), *sorted((r[0], s[0]))
        elif p[1] == q[1] and r[0] == s[0]:
            x, y, lo, hi, left, right = r[0], p[1], *sorted((r[1], s[1])), *sorted((p[0], q[0]))
        else:
            continue
        count += lo < y < hi and left < x < right
    return count


@pytest.mark.parametrize("text", [RELEASE, RELEASE_LR], ids=["td", "lr"])
def test_a_release_flow_wraps_where_it_draws_clean_with_its_chain_on_one_line(text: str
                                                                             ) -> None:
    # Three columns at 18 pt, the roll-out chain in the last (two at 13 pt before a chain
    # could take a band of its own).
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), [])
    assert planned is not None and planned.bands == 3 and planned.size >= 18
    assert _knots(planned.diagram) == 0
    boxes = {b.name: b.rect for b in planned.diagram.boxes}
    # 1% -> 10% -> 50% -> 100% on one straight line, in order.
    chain = [boxes[f"node-{n}"] for n in ("p1", "p10", "p50", "p100")]
    line = {r.cx for r in chain} if planned.rows is False else {r.cy for r in chain}
    assert len(line) == 1
    assert [r.cy for r in chain] == sorted(r.cy for r in chain) or \
        [r.cx for r in chain] == sorted(r.cx for r in chain)
    # The answers out of one side of 'Tests pass?' share their first stretch: each label
    # stands by a stretch of its own link, not by that shared stem.
    labels = {b.name: b.rect for b in planned.diagram.labels}
    arrows = {a.name: a for a in planned.diagram.arrows}
    for target in ("canary", "author"):
        spot = labels[f"edge-label-tests-{target}"]
        stem, *own = pairwise(arrows[f"edge-tests-{target}"].route)
        assert min(_apart(spot, s) for s in own) <= inches(0.1) < _apart(spot, stem)


def _apart(rect: Rect, segment: tuple[tuple[int, int], tuple[int, int]]) -> int:
    """How far a rectangle is from an upright or level segment (0 when they touch)."""
    (x0, y0), (x1, y1) = segment
    dx = max(rect.x - max(x0, x1), min(x0, x1) - rect.right, 0)
    dy = max(rect.y - max(y0, y1), min(y0, y1) - rect.bottom, 0)
    return max(dx, dy)


def test_links_from_one_box_across_a_gap_share_one_trunk_halfway() -> None:
    # LibreOffice draws an elbow's middle halfway whatever its adjustment: links that share
    # their source bend there in the plan too, so both viewers draw one trunk, and a label
    # beside it stands by the line that is drawn.
    planned = plan_flowchart(RELEASE_LR, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), [])
    assert planned is not None and planned.bands == 3 and not planned.rows
    joins = [a for a in planned.diagram.arrows if a.start == "node-tests"
             and a.end in ("node-canary", "node-author")]
    assert len(joins) == 2
    for arrow in joins:
        (x0, _), (x1, _), (x2, _), (x3, _) = arrow.route
        assert x1 == x2 == (x0 + x3) // 2
    label = next(b for b in planned.diagram.labels if b.name == "edge-label-tests-author")
    trunk = joins[0].route[1][0]
    if label.rect.right <= trunk:  # left of the line: its text set against it
        assert {p.align for p in label.frame.paragraphs} == {"right"}
    else:
        assert label.rect.x >= trunk and {p.align for p in label.frame.paragraphs} == {"left"}


@pytest.mark.parametrize(("rows", "needs", "spans"), [
    (False, (), [(0, 560), (660, 560)]),  # equal columns, a gap of 100 between
    (False, (1, 3), [(0, 280), (380, 840)]),  # a band three times as wide gets three shares
    (True, (2, 1, 1), [(0, 250), (350, 125), (575, 125)]),  # rows share the height
])
def test_bands_share_the_area_as_they_need_it(rows: bool, needs: tuple[int, ...],
                                              spans: list[tuple[int, int]]) -> None:
    area = Rect(0, 0, 1220, 700) if not rows else Rect(0, 0, 900, 700)
    found = _slots(area, len(spans), rows, needs, gap=100)
    assert [(s.y, s.h) if rows else (s.x, s.w) for s in found] == spans
    assert all((s.x, s.w) == (0, area.w) if rows else (s.y, s.h) == (0, area.h)
               for s in found)


@pytest.mark.parametrize(("text", "chains"), [
    # A link out of the flow's start is not inside a chain: nothing leads into it.
    ("flowchart LR\n  a --> b --> c --> d\n", {"b-c": 3, "c-d": 3}),
    # A decision ends a chain and starts none: its answers are branches.
    ("flowchart LR\n  z --> a --> b{ok?} --> c --> d\n  b --> e\n", {"a-b": 2, "c-d": 2}),
    # A box two links reach starts none either.
    ("flowchart LR\n  a --> c\n  b --> c --> d --> e\n", {"d-e": 2}),
    ("flowchart LR\n  a --> b --> a\n", {}),  # a loop has no end to start from
])
def test_chains_are_runs_of_single_links(text: str, chains: dict[str, int]) -> None:
    edges = parse_flowchart(text).edges
    assert {f"{e.source}-{e.target}": n for e, n in chain_links(edges).items()} == chains


def _bands(text: str, count: int) -> list[list[list[str]]]:
    chart = parse_flowchart(text)
    found = chain_cuts(chart, chart.edges, plan_nest(chart, chart.edges), count)
    return [[[n.id for n in chart.nodes if where.part[n.id] == k] for k in range(where.count)]
            for where in found]


@pytest.mark.parametrize(("text", "count", "bands"), [
    # The release flow in small: the roll-out chain (and only it) takes the last band; the
    # rest is cut between layers before it, the most even way first (the planner weighs
    # what each draws: the second is the one whose links do not cross).
    ("flowchart LR\n  m --> t{ok?}\n  t --> a\n  t --> c --> d{bad?}\n  d --> r --> a\n"
     "  d --> p1 --> p2 --> p3\n", 3,
     [[["m", "t", "c"], ["a", "d", "r"], ["p1", "p2", "p3"]],
      [["m", "t"], ["a", "c", "d", "r"], ["p1", "p2", "p3"]],
      [["m", "t", "c", "d"], ["a", "r"], ["p1", "p2", "p3"]],
      [["m"], ["t", "a", "c", "d", "r"], ["p1", "p2", "p3"]]]),
    # Two bands: the chain, and everything before it.
    ("flowchart LR\n  a --> b{ok?}\n  b --> x\n  b --> c --> d --> e\n", 2,
     [[["a", "b", "x"], ["c", "d", "e"]]]),
    # What only the chain leads to goes with it.
    ("flowchart LR\n  a --> b{ok?}\n  b --> x\n  b --> c --> d --> e{end?}\n  e --> f\n"
     "  e --> g\n", 2, [[["a", "b", "x"], ["c", "d", "e", "f", "g"]]]),
    # A box after the chain that another way leads to too (e): the chain is no band of
    # its own, or that way would run back into it.
    ("flowchart LR\n  a --> b --> c --> d --> e\n  a --> x --> e\n", 2, []),
    # A chain of two boxes is no band of its own.
    ("flowchart LR\n  a --> b{ok?}\n  b --> x\n  b --> c --> d\n", 2, []),
    # A line from its start: the start is no link's target, so the chain is the rest.
    ("flowchart LR\n  a --> b --> c --> d\n", 2, [[["a"], ["b", "c", "d"]]]),
    # Fewer layers before the chain than bands to fill: no way.
    ("flowchart LR\n  a --> b --> c --> d\n", 3, []),
])
def test_a_chain_can_take_a_band_of_its_own(text: str, count: int,
                                            bands: list[list[list[str]]]) -> None:
    assert _bands(text, count) == bands


CORPUS = Path(__file__).parent / "flowcharts" / "corpus"


@pytest.mark.shared
@pytest.mark.parametrize(("template", "chart"), [
    ("mecanon-ufrj_template.potx", "39-release-flow-td"),
    ("mecanon-ufrj_template.potx", "40-release-flow-lr"),
    ("kfjt-md2pptxJP_reference.pptx", "39-release-flow-td"),
    ("kfjt-md2pptxJP_reference.pptx", "40-release-flow-lr"),
])
def test_the_release_flow_draws_clean_on_a_real_template(tmp_path: Path, template: str,
                                                         chart: str) -> None:
    # The newcomer's release flow on a conference template: no crossing, no overlap, no
    # link through a box, and the roll-out chain on one straight line, in order.
    outline = tmp_path / "talk.yaml"
    outline.write_text(yaml.safe_dump({
        "title": "Shipping", "stages": [{"name": "Ship", "summary": "Release"}],
        "extra": [{"title": "How a change ships",
                   "diagram": (CORPUS / f"{chart}.mmd").read_text(encoding="utf-8")}]},
        sort_keys=False), encoding="utf-8")
    checked = api.check(outline, design=Design(template=require_shared_templates() / template))
    [diagram] = [e for s in checked.plan.slides if s.kind == "diagram" for e in s.elements
                 if isinstance(e, Diagram)]
    drawing = from_diagram(diagram)
    assert (crossings(drawing), overlaps(drawing), through_boxes(drawing)) == (0, 0, 0)
    boxes = {b.name: b.rect for b in diagram.boxes}
    chain = [boxes[f"node-{n}"] for n in ("p1", "p10", "p50", "p100")]
    down = len({r.cx for r in chain}) == 1
    assert down or len({r.cy for r in chain}) == 1
    along = [r.y if down else r.x for r in chain]
    assert along == sorted(along)
