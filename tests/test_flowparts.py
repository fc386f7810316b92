"""A flowchart too large for one slide goes on over several (plan/flow/parts.py): cut
between layers, every node drawn once, each cut link marked at both ends, one text size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck.api import build
from aligndeck.outline.flowgraph import Direction
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart, plan_flowchart_parts
from aligndeck.plan.flow.blocks import joined, plan_nest
from aligndeck.plan.flow.parts import cut, parts
from aligndeck.plan.flow.sizing import FLOOR
from aligndeck.plan.flow.untangle import drawn_tangle
from aligndeck.plan.model import Diagram, Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(5.3))

CHAIN = "flowchart LR\n" + "\n".join(
    f"  s{i}[Step {i}: check the request and record the outcome] --> "
    f"s{i + 1}[Step {i + 1}: check the request and record the outcome]"
    for i in range(1, 40))
"""A 40-step chain of two-line labels: Mermaid draws it as one long row; wrapped into three
rows it still does not fit one slide."""

SHOP = """flowchart TD
    start([User opens app]) --> auth{Logged in?}
    auth -- no --> login[Show login screen]
    login --> creds[Enter credentials]
    creds --> check{Valid?}
    check -- no --> err[Show error message]
    err --> login
    check -- yes --> home[Home screen]
    auth -- yes --> home
    home --> search[Search catalogue]
    search --> results[Show results]
    results --> detail[Product detail]
    detail --> add[Add to cart]
    add --> cart[Open cart]
    cart --> checkout{Checkout?}
    checkout -- no --> home
    checkout -- yes --> address[Enter shipping address]
    address --> pay[Choose payment method]
    pay --> confirm{Payment approved?}
    confirm -- no --> pay
    confirm -- yes --> order[Create order]
    order --> email[Send confirmation email]
    order --> warehouse[Notify warehouse]
    warehouse --> ship[Ship parcel]
    ship --> done([Delivered])
"""


def _nodes(diagram: Diagram) -> list[str]:
    return [b.name.removeprefix("node-") for b in diagram.boxes
            if b.name.startswith("node-") and not b.name.startswith("node-continued-")]


@pytest.mark.parametrize("text", [CHAIN, SHOP], ids=["chain", "shop"])
def test_a_chart_too_large_for_one_slide_goes_on_over_several(text: str) -> None:
    findings: list[Finding] = []
    assert plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08),
                          findings) is None
    findings.clear()
    planned = plan_flowchart_parts(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08),
                                   findings)
    assert len(planned) >= 2
    assert not [f for f in findings if f.severity == "error"]
    assert any(f"drawn over {len(planned)} slides" in f.message for f in findings)
    chart = parse_flowchart(text)
    drawn = [n for p in planned for n in _nodes(p.diagram)]
    assert sorted(drawn) == sorted(n.id for n in chart.nodes)  # every node once
    assert len({p.size for p in planned}) == 1 and planned[0].size >= FLOOR
    for part in planned:
        assert part.diagram.alt_text.startswith(f"Part {planned.index(part) + 1} of ")
        box = {b.name: b.rect for b in part.diagram.boxes}
        for b in box.values():  # inside the area
            assert AREA.x <= b.x and b.x + b.w <= AREA.x + AREA.w
            assert AREA.y <= b.y and b.y + b.h <= AREA.y + AREA.h
        for arrow in part.diagram.arrows:  # glued to boxes of the same slide
            assert arrow.start in box and arrow.end in box


def test_each_cut_link_is_marked_at_both_ends_with_the_other_part() -> None:
    chart = parse_flowchart(SHOP)
    nest = plan_nest(chart, chart.edges)
    edges = joined(chart.edges, nest)
    where = cut(chart, edges, nest, 3)
    assert where is not None
    pieces = parts(chart, edges, where)
    crossing = [e for e in edges if where.part[e.source] != where.part[e.target]]
    assert crossing and where.links == len(crossing)
    for edge in crossing:
        source, target = pieces[where.part[edge.source]], pieces[where.part[edge.target]]
        out = source.node(f"continued-to-{edge.target}")
        into = target.node(f"continued-from-{edge.source}")
        assert out.continued and into.continued
        assert out.label.plain == (f"{chart.node(edge.target).label.plain} continues on "
                                   f"{where.part[edge.target] + 1}/3")
        assert into.label.plain == (f"{chart.node(edge.source).label.plain} from "
                                    f"{where.part[edge.source] + 1}/3")
        assert any(e.source == edge.source and e.target == out.id for e in source.edges)
        assert any(e.source == into.id and e.target == edge.target for e in target.edges)


def test_parts_keep_a_group_and_cut_it_only_where_it_flows_with_its_parent() -> None:
    text = ("flowchart LR\n  subgraph closed [Closed]\n    direction TB\n    a1[A one] --> "
            "a2[A two]\n  end\n  subgraph open [Open]\n    b1[B one] --> b2[B two]\n  end\n"
            "  x[Start] --> closed --> y[Middle] --> b1\n  b2 --> z[End]\n")
    chart = parse_flowchart(text)
    nest = plan_nest(chart, chart.edges)
    edges = joined(chart.edges, nest)
    for count in (2, 3, 4):
        where = cut(chart, edges, nest, count)
        assert where is not None
        assert where.part["a1"] == where.part["a2"] == where.part["closed"]  # a block
        for index, piece in enumerate(parts(chart, edges, where)):
            for group in piece.subgraphs:
                assert all(where.part[m] == index for m in group.members)


def test_the_deck_titles_each_part_and_marks_the_markers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    outline = tmp_path / "deck.yaml"
    body = "\n".join("      " + line for line in SHOP.splitlines())
    outline.write_text("title: Shop\nintro:\n  - title: Checkout flow\n    diagram: |\n"
                       f"{body}\nstages:\n  - name: One\n    summary: x\n", encoding="utf-8")
    build(outline, tmp_path / "deck.pptx")
    deck = Presentation(str(tmp_path / "deck.pptx"))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    flow = [t for t in titles if t.startswith("Checkout flow")]
    assert flow[0] == "Checkout flow" and len(flow) >= 2
    assert flow[1] == ("Checkout flow (cont.)" if len(flow) == 2 else
                       f"Checkout flow (cont.) 2/{len(flow)}")
    markers = [sh for s in deck.slides for g in s.shapes if g.shape_type == 6
               for sh in g.shapes if sh.name.startswith("node-continued-")]
    assert markers
    for marker in markers:  # dashed outline, no fill: it stands for a box elsewhere
        xml = marker._element.xml
        assert 'prstDash val="sysDash"' in xml and "<a:noFill/>" in xml
        assert re.search(r"(continues on|from) \d+/\d+", marker.text_frame.text)


def test_a_chart_over_the_node_limit_is_a_located_error_whose_split_fits() -> None:
    # Seventy boxes side by side: more than a diagram may have, and the error says how
    # many fit side by side, a number the planner tried.
    text = "flowchart TD\n" + "\n".join(f"  root[Start] --> n{i}[Outcome number {i}]"
                                         for i in range(70))
    findings: list[Finding] = []
    planned = plan_flowchart_parts(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08),
                                   findings)
    assert planned == []
    errors = [f for f in findings if f.severity == "error"]
    assert len(errors) == 1 and errors[0].at == (1, 1)
    found = re.fullmatch(r"the diagram has 71 nodes, more than the 60 a diagram may have: it "
                         r"is 70 nodes wide; split it into diagrams of at most (\d+) nodes "
                         r"side by side \(\d+ fit one slide at ([\d.]+) pt\), or shorten "
                         r"the longest labels", errors[0].message)
    assert found is not None, errors[0].message
    most, size = int(found.group(1)), float(found.group(2))
    assert 1 < most < 70
    row = "flowchart TD\n" + "\n".join(f"  n{i}[Outcome number {i}]" for i in range(most))
    fitted = plan_flowchart(row, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), [])
    assert fitted is not None and fitted.size >= size  # at that size or larger (wrapped)


CORPUS = Path(__file__).parent / "flowcharts" / "corpus"
HOUSE = Rect(inches(0.6), inches(1.4), inches(12.13), inches(4.73))
"""The house design's diagram area on a 16:9 slide (as the corpus is measured)."""


@pytest.mark.parametrize(("chart", "slides", "said"), [
    # 15 nodes fit one slide at 9 pt with 5 crossings; on two they draw clean at 10 pt.
    ("18-mermaid-approval-multiline", 2,
     "fits one slide only at 9 pt, where its links cross; it is drawn over 2 slides at "
     "10 pt, where none cross"),
    # 7 nodes crossing 4 times at 10 pt: two slides draw no cleaner, so it stays on one.
    ("12-mermaid-demo-subgraph-cycle", 1, None),
])
def test_a_chart_whose_links_cross_on_one_slide_goes_over_two_where_they_do_not(
        chart: str, slides: int, said: str | None) -> None:
    text = (CORPUS / f"{chart}.mmd").read_text(encoding="utf-8")
    findings: list[Finding] = []
    planned = plan_flowchart_parts(text, ("d",), HOUSE, dict(CALIBRI_FONTS), inches(0.08),
                                   findings)
    assert len(planned) == slides
    one = plan_flowchart(text, ("d",), HOUSE, dict(CALIBRI_FONTS), inches(0.08), [])
    assert one is not None and drawn_tangle(one.diagram.arrows) > 0
    if said is None:
        assert planned[0].diagram == one.diagram
        return
    assert all(drawn_tangle(p.diagram.arrows) == 0 for p in planned)
    assert {p.size for p in planned} == {planned[0].size} and planned[0].size >= one.size
    [cut_over] = [f.message for f in findings if "slides at" in f.message]
    assert said in cut_over


@pytest.mark.parametrize(("chart", "turned"), [
    # Written LR; its parts fit only drawn top to bottom: the warning says so.
    ("10-mermaid-demo-dependencies", "each drawn TB although the chart flows LR"),
    # Written TD and drawn TD: nothing to say about the direction.
    ("11-mermaid-demo-server-topology", None),
])
def test_a_chart_cut_over_slides_says_when_its_parts_are_drawn_turned(
        chart: str, turned: str | None) -> None:
    text = (CORPUS / f"{chart}.mmd").read_text(encoding="utf-8")
    findings: list[Finding] = []
    planned = plan_flowchart_parts(text, ("d",), HOUSE, dict(CALIBRI_FONTS), inches(0.08),
                                   findings)
    assert len(planned) > 1
    [cut_over] = [f.message for f in findings if "slides at" in f.message]
    if turned is None:
        assert "although the chart flows" not in cut_over
    else:
        assert turned in cut_over


@pytest.mark.parametrize(("ways", "said"), [
    # every part drawn as the chart flows: nothing said
    (("TB", ("TB",)), None),
    # every part turned
    (("TB", ("LR",)), ", each drawn LR although the chart flows TB,"),
    (("TB", ("LR", "LR", "LR")), ", each drawn LR although the chart flows TB,"),
    # a cut along branches whose parts fit no one way: some parts turned, counted
    (("TB", ("TB", "LR", "LR", "TB")), ", 2 of them drawn LR although the chart flows TB,"),
    (("LR", ("TB", "LR", "LR")), ", 1 of them drawn TB although the chart flows LR,"),
])
def test_the_cut_warning_says_how_many_parts_are_turned(
        ways: tuple[Direction, tuple[Direction, ...]], said: str | None) -> None:
    from aligndeck.plan.flow.notices import cut_over

    message = cut_over(22, 4, 9.0, 19, None, ways, "branches")
    if said is None:
        assert "although" not in message
    else:
        assert said in message


@pytest.mark.parametrize(("text", "part_of", "markers"), [
    # A service and the one it calls, both using boxes on two other slides: one marker
    # after them names both slides, each box's links go into it.
    ("flowchart TD\n  s2 --> s1\n  s1 --> db\n  s1 --> srv\n  s2 --> srv\n",
     {"s2": 0, "s1": 0, "db": 1, "srv": 2},
     {"continued-onward-s2": ("continues on 2/3 continues on 3/3", {"s1", "s2"})}),
    # One link out: its marker names the box it goes to, as a marker of its own does.
    ("flowchart TD\n  a --> b\n  a --> c\n",
     {"a": 0, "b": 0, "c": 1},
     {"continued-onward-a": ("c continues on 2/2", {"a"})}),
    # Two boxes not joined here: a marker each.
    ("flowchart TD\n  a --> c\n  b --> d\n",
     {"a": 0, "b": 0, "c": 1, "d": 1},
     {"continued-onward-a": ("c continues on 2/2", {"a"}),
      "continued-onward-b": ("d continues on 2/2", {"b"})}),
])
def test_markers_by_source_end_each_column_of_boxes_in_one_marker(
        text: str, part_of: dict[str, int], markers: dict[str, tuple[str, set[str]]]
        ) -> None:
    from aligndeck.plan.flow.parts import cut_units, units

    chart = parse_flowchart(text)
    nest = plan_nest(chart, chart.edges)
    where = cut_units(chart, chart.edges, units(chart, nest), part_of,
                      max(part_of.values()) + 1)
    first = parts(chart, chart.edges, where, by_source=True)[0]
    found = {n.id: (n.label.plain, {e.source for e in first.edges if e.target == n.id})
             for n in first.nodes if n.continued}
    assert found == markers
