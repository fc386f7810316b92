"""The flowchart corpus (tests/flowcharts/corpus/) on other slides than the house's 16:9 one
(issue 22, "never refuse what Mermaid draws"): every chart builds on a 4:3 slide and on
the real templates, with its text at 9 pt or more, no connector through a box, and, for a
chart cut over several slides, a "continued" marker at both ends of every link it cuts.

tests/test_flowchart_corpus.py holds the same charts to all of issue 22's targets on the
house's 16:9 slide; here the slide is narrower (4:3: a layer of seven boxes fits no slide
however the chart is cut between its layers, so corpus chart 11 is cut along its
branches) or a template's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.model import Diagram
from flowmetrics import FLOOR_PT, from_diagram, through_boxes
from helpers import require_shared_templates

CORPUS = Path(__file__).parent / "flowcharts" / "corpus"
CHARTS = sorted(p.stem for p in CORPUS.glob("*.mmd"))
TEMPLATES = ("kfjt-md2pptxJP_reference.pptx", "mecanon-ufrj_template.potx")
"""The real templates of shared/templates (kfjt is 4:3, mecanon 16:9 at 10 in wide)."""


def _text(chart: str) -> str:
    return (CORPUS / f"{chart}.mmd").read_text(encoding="utf-8")


@cache
def _drawn(chart: str, aspect: str | None = None, template: str | None = None
           ) -> tuple[Diagram, ...]:
    """Every slide's diagram of `chart` planned as a `diagram:` slide (api.check raises
    the outline's errors: a refusal fails the test with its message)."""
    outline = yaml.safe_dump({
        "title": "Flowchart corpus", "stages": [{"name": "Chart", "summary": "One chart"}],
        "extra": [{"title": "The chart", "diagram": _text(chart)}]},
        allow_unicode=True, sort_keys=False)
    design = Design(aspect=aspect, template=None if template is None else
                    require_shared_templates() / template)
    checked = api.check(None, text=outline, design=design)
    return tuple(e for s in checked.plan.slides if s.kind == "diagram" for e in s.elements
                 if isinstance(e, Diagram))


def unmarked_cuts(text: str, diagrams: tuple[Diagram, ...]) -> list[str]:
    """The links between two boxes of the chart `text` that are not drawn: neither as an
    arrow on the slide that holds both boxes (either way: a link and one back are one
    connector with two heads), nor (the boxes on different slides) as an
    arrow into a "continued" marker on the source's slide and one out of a marker on the
    target's."""
    chart = parse_flowchart(text)
    boxes = {n.id for n in chart.nodes}
    slide_of = {b.name.removeprefix("node-"): i for i, d in enumerate(diagrams)
                for b in d.boxes if b.name.startswith("node-")}
    ends = [{(a.start, a.end) for a in d.arrows} for d in diagrams]
    missing = []
    for edge in chart.edges:
        if edge.source not in boxes or edge.target not in boxes or \
                edge.source == edge.target or edge.line_style == "invisible":
            continue
        start, end = f"node-{edge.source}", f"node-{edge.target}"
        here, there = slide_of[edge.source], slide_of[edge.target]
        if here == there:
            # A link and one back (a --> b, b --> a) are one connector, a head at each end.
            if (start, end) not in ends[here] and (end, start) not in ends[here]:
                missing.append(f"{edge.source} -> {edge.target} not drawn")
            continue
        if not any(s == start and e.startswith("node-continued-") for s, e in ends[here]):
            missing.append(f"{edge.source} -> {edge.target}: no marker on slide {here + 1}")
        if not any(e == end and s.startswith("node-continued-") for s, e in ends[there]):
            missing.append(f"{edge.source} -> {edge.target}: no marker on slide {there + 1}")
    return missing


def _smallest_text(diagrams: tuple[Diagram, ...]) -> float:
    return min(run.size for d in diagrams for box in d.boxes + d.labels
               if box.frame is not None for p in box.frame.paragraphs for run in p.runs
               if run.text.strip())


def _held(diagrams: tuple[Diagram, ...], text: str) -> None:
    assert diagrams, "refused"
    assert _smallest_text(diagrams) >= FLOOR_PT
    assert [through_boxes(from_diagram(d)) for d in diagrams] == [0] * len(diagrams)
    assert unmarked_cuts(text, diagrams) == []


@pytest.mark.parametrize("chart", CHARTS)
def test_every_corpus_chart_builds_on_a_4_3_slide(chart: str) -> None:
    _held(_drawn(chart, aspect="4:3"), _text(chart))


def test_the_server_topology_is_cut_along_its_branches_on_4_3() -> None:
    # Corpus chart 11: a layer of seven boxes (four databases, three servers) fits no 4:3
    # slide; below it the chart falls into the databases' branch and each server's, so
    # the databases and what runs them go on slides of their own, the servers and their
    # hosts on another, the services that use them first.
    chart = "11-mermaid-demo-server-topology"
    diagrams = _drawn(chart, aspect="4:3")
    names = parse_flowchart(_text(chart)).nodes
    label = {n.id: n.label.plain for n in names}
    slides = [sorted(label[b.name.removeprefix("node-")] for b in d.boxes
                     if b.name.removeprefix("node-") in label) for d in diagrams]
    assert 2 <= len(slides) <= 5
    databases = [n for n in label.values() if n.startswith("[DBServer\\SharedDbInstance].")]
    servers = ["Shared Business Logic Server", "Shared Report Server",
               "Dedicated Test Business Logic Server"]
    on = {n: i for i, s in enumerate(slides) for n in s}
    assert len({on[d] for d in databases}) == 1  # the databases together
    assert len({on[s] for s in servers}) == 1  # the servers together
    assert on[databases[0]] != on[servers[0]]  # on slides of their own
    assert on["My System | Test Environment"] == 0


@pytest.mark.parametrize(("edges", "drawn", "missing"), [
    # both ends on one slide, drawn
    ("a --> b", [[("a", "b")]], []),
    # both ends on one slide, not drawn
    ("a --> b", [[("a", "x")]], ["a -> b not drawn"]),
    # a link and one back, drawn as one connector
    ("a --> b --> a", [[("a", "b")]], []),
    # cut, a marker at both ends
    ("a --> b", [[("a", "continued-to-b")], [("continued-from-a", "b")]], []),
    # cut, the marker on the target's slide left out
    ("a --> b", [[("a", "continued-to-b")], []], ["a -> b: no marker on slide 2"]),
])
def test_unmarked_cuts_finds_links_without_a_marker_at_an_end(
        edges: str, drawn: list[list[tuple[str, str]]], missing: list[str]) -> None:
    from aligndeck.plan.model import Arrow, Box, Rect

    def arrow(s: str, e: str) -> Arrow:
        return Arrow(f"{s}-{e}", f"node-{s}", "right", f"node-{e}", "left", (0, 0), (1, 1))

    homes = [["a", "b"]] if len(drawn) == 1 else [["a"], ["b"]]
    diagrams = tuple(Diagram("flowchart", "", tuple(Box(f"node-{n}", Rect(0, 0, 1, 1), None)
                                                    for n in home),
                             tuple(arrow(s, e) for s, e in arrows), ())
                     for home, arrows in zip(homes, drawn, strict=True))
    assert unmarked_cuts(f"flowchart LR\n  {edges}\n", diagrams) == missing


MISSED: dict[tuple[str, str], str] = {}
"""What the real templates miss today (strict xfails: a fix fails them until taken out)."""


@pytest.mark.shared
@pytest.mark.parametrize(("template", "chart"), [
    pytest.param(t, c, marks=[pytest.mark.xfail(strict=True, reason=MISSED[t, c])]
                 if (t, c) in MISSED else [], id=f"{t.split('-')[0]}-{c}")
    for t in TEMPLATES for c in CHARTS])
def test_every_corpus_chart_builds_on_a_real_template(template: str, chart: str) -> None:
    _held(_drawn(chart, template=template), _text(chart))


TOPOLOGY = """flowchart TD
  root --> s1 & s2 & s3
  s1 --> d1 & d2
  s2 --> d1 & d2
  s3 --> v3
  s2 --> v2
  d1 --> db
  d2 --> db
  db --> h
  v3 --> h
"""
"""Corpus chart 11 in small: past the services, the databases' branch (d1, d2, db) and
each server's (v3, v2); the host h ends two branches, so it goes with the first that
reaches it (db --> h is written before v3 --> h) and does not join them."""


@pytest.mark.parametrize(("count", "expected"), [
    # the services first, then the databases' branch, then the servers'
    (3, [["root", "s1", "s2", "s3"], ["d1", "d2", "db", "h"], ["v3", "v2"]]),
    # the databases' branch, the fullest, goes on over two parts
    (4, [["root", "s1", "s2", "s3"], ["d1", "d2"], ["db", "h"], ["v3", "v2"]]),
])
def test_branch_cuts_put_each_branch_past_a_wide_layer_on_its_own_part(
        count: int, expected: list[list[str]]) -> None:
    from aligndeck.plan.flow.blocks import plan_nest
    from aligndeck.plan.flow.pieces import branch_cuts

    chart = parse_flowchart(TOPOLOGY)
    ways = branch_cuts(chart, chart.edges, plan_nest(chart, chart.edges), count)
    found = [[sorted((n.id for n in chart.nodes if w.part[n.id] == i),
                     key=[n.id for n in chart.nodes].index) for i in range(w.count)]
             for w in ways]
    assert expected in found
    assert all(w.way == "branches" and w.count == count for w in ways)


def test_a_chart_a_cut_between_layers_holds_is_not_cut_along_branches() -> None:
    # Branch cuts are the last resort: the same small topology on a slide that a cut
    # between layers fits keeps that cut, whatever number of parts it takes.
    from aligndeck.plan.flow import plan_flowchart_parts
    from aligndeck.plan.model import Finding, Rect, inches
    from aligndeck.plan.text import CALIBRI_FONTS

    findings: list[Finding] = []
    area = Rect(0, 0, inches(4), inches(2.5))
    planned = plan_flowchart_parts(TOPOLOGY, ("d",), area, dict(CALIBRI_FONTS),
                                   inches(0.08), findings)
    said = " ".join(f.message for f in findings)
    assert len(planned) >= 2, said
    assert "cut between steps of the flow" in said
