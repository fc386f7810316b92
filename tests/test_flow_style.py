"""A chart's own styles mapped onto the theme: fills to the accent nearest in hue, greys to
neutrals, readable text, strokes, widths and dashes; end to end on a template's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck import api
from aligndeck.api import Design
from aligndeck.outline.flowgraph import Edge, Label, Node, Paint, Span
from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.outline.mermaid_style import read_colour, read_style
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.style import Look, edge_look, nearest_accent, node_look, restyle
from aligndeck.plan.model import Colour, Rect
from aligndeck.plan.text import CALIBRI_FONTS
from aligndeck.plan.theme import DARK_THEME, DEFAULT_THEME, contrast_ratio, make_theme
from helpers import require_shared_templates

OFFICE = make_theme(colours={"accent1": "4F81BD", "accent2": "C0504D", "accent3": "9BBB59",
                             "accent4": "8064A2", "accent5": "4BACC6", "accent6": "F79646"})
"""Office's classic accents: blue first, orange last."""
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEAL_FIRST = make_theme(colours={"accent1": "0E7C86", "accent2": "E87722",
                                 "accent3": "2E7D32"})


@pytest.mark.parametrize(("value", "hex_colour"), [
    ("#f96", "FF9966"), ("#FF9966", "FF9966"), ("#ff996680", "FF9966"), ("#f968", "FF9966"),
    ("rgb(255, 153, 102)", "FF9966"), ("rgba(255,153,102,0.5)", "FF9966"),
    ("rgb(100%, 60%, 40%)", "FF9966"), ("hsl(20, 100%, 70%)", "FF9966"),
    ("orange", "FFA500"), ("Orange", "FFA500"),
    ("none", None), ("url(#g)", None), ("#12", None), ("chartreuse-ish", None),
])
def test_css_colours_read(value: str, hex_colour: str | None) -> None:
    assert read_colour(value) == hex_colour


@pytest.mark.parametrize(("text", "paint", "ignored"), [
    ("fill:#f96,stroke:#333,stroke-width:4px", Paint("FF9966", "333333", width=3.0), []),
    ("fill:rgb(255,153,102), color:#fff", Paint("FF9966", color="FFFFFF"), []),
    ("stroke-dasharray: 5 5", Paint(dash=True), []),
    ("stroke-width:2pt;", Paint(width=2.0), []),
    ("font-size:20px,rx:5", Paint(), ["font-size", "rx"]),
    ("fill:url(#grad)", Paint(), ["fill 'url(#grad)' (not a colour)"]),
    ("fill:none", Paint(), []),
    ("stroke-dasharray: 9,5,stroke-dashoffset: 900", Paint(dash=True), ["stroke-dashoffset"]),
])
def test_style_declarations_read(text: str, paint: Paint, ignored: list[str]) -> None:
    assert read_style(text) == (paint, ignored)


@pytest.mark.parametrize(("theme", "asked", "role"), [
    (OFFICE, "FF9966", "accent6"),      # orange → the template's orange, not its first blue
    (OFFICE, "FFA500", "accent6"),
    (OFFICE, "FF0000", "accent2"),
    (OFFICE, "00AA00", "accent3"),
    (OFFICE, "6A0DAD", "accent4"),
    (OFFICE, "1E90FF", "accent"),
    (TEAL_FIRST, "FF9966", "accent2"),  # the case: orange on a teal-first template
    (DEFAULT_THEME, "FF9966", "accent3"),
    (OFFICE, "CCCCCC", None),           # greys map to neutrals
    (OFFICE, "333333", None),
])
def test_fills_map_to_the_accent_nearest_in_hue(theme: object, asked: str,
                                                role: str | None) -> None:
    assert nearest_accent(asked, theme) == role  # type: ignore[arg-type]


def node(paint: Paint, accent: bool) -> Node:
    return Node("A", Label(((Span("A"),),)), "rect", 1, 1, accent=accent, paint=paint)


@pytest.mark.parametrize(("theme", "paint", "look"), [
    (OFFICE, Paint(), Look(Colour("surface"), Colour("ink"), Colour("line"))),
    (OFFICE, Paint(fill="FF9966"), Look(Colour("accent6"), Colour("ink"), None)),
    # Office's blue: white on it is 4.0:1, under AA's 4.5 for a box's text: a tint of the
    # blue reads with the ink (5.1:1), the blue itself round it.
    (OFFICE, Paint(fill="1A5FB4"), Look(Colour("accent", 20), Colour("ink"), Colour("accent"))),
    (OFFICE, Paint(fill="FFE4D6"),      # pale orange: a light tint of the orange, ink on it
     Look(Colour("accent6", 75), Colour("ink"), Colour("accent6"))),
    (OFFICE, Paint(fill="EEEEEE"), Look(Colour("surface"), Colour("ink"), Colour("line"))),
    (OFFICE, Paint(fill="222222"), Look(Colour("muted"), Colour("on_accent"), None)),
    (OFFICE, Paint(stroke="FF0000", width=3.0, dash=True),
     Look(Colour("surface"), Colour("ink"), Colour("accent2"), 3.0, True)),
    (OFFICE, Paint(width=40.0), Look(Colour("surface"), Colour("ink"), Colour("line"), 6.0)),
    # The dark theme's light ink reads better on its orange (4.6:1) than its dark page (3.5:1).
    (DARK_THEME, Paint(fill="FF9966"), Look(Colour("accent3"), Colour("ink"), None)),
])
def test_node_looks(theme: object, paint: Paint, look: Look) -> None:
    assert node_look(node(paint, paint.fill is not None), theme) == look  # type: ignore[arg-type]


def test_large_text_keeps_a_fill_it_reads_on_at_three_to_one() -> None:
    # AA asks 3:1 of large text, as the lint does: white stays on Office's blue (4.0:1).
    assert node_look(node(Paint(fill="1A5FB4"), True), OFFICE, 3.0) == \
        Look(Colour("accent"), Colour("on_accent"), None)


@pytest.mark.parametrize(("base", "accent", "tinted"), [
    ("light", "8E7CC3", True),   # a template's mid-tone accents: ink 4.1:1, white 3.6:1
    ("light", "3F8FBF", True),
    ("light", "D9534F", True),   # white 4.0:1, ink 3.7:1
    ("light", "7F7F3F", True),
    ("light", "2E9AD0", False),  # ink reads (4.7:1): the accent itself
    ("dark", "2E9AD0", False),
])
def test_a_fill_no_text_colour_reads_on_is_tinted_until_one_does(
        base: str, accent: str, tinted: bool) -> None:
    # Corpus chart 15 on the BSE template was refused: its cyan class mapped onto an accent
    # on which neither the ink nor the accent's text colour reaches 4.5:1.
    theme = make_theme(base, {"accent1": accent})
    look = node_look(node(Paint(fill=accent), True), theme)
    assert look.fill is not None and look.fill.role == "accent"
    assert (look.fill.tint > 0) == tinted
    assert contrast_ratio(theme.hex(look.text), theme.hex(look.fill)) >= 4.5
    if tinted:  # the least tint that reads: one step less does not
        lighter = Colour("accent", look.fill.tint - 10)
        assert max(contrast_ratio(theme.hex(c), theme.hex(lighter))
                   for c in (Colour("ink"), Colour("on_accent"))) < 4.5
        assert look.line == Colour("accent")  # the accent itself round its tint


@pytest.mark.parametrize(("style", "paint", "expected"), [
    ("solid", Paint(), (Colour("muted"), 1.75, False)),
    ("thick", Paint(), (Colour("muted"), 3.0, False)),
    ("dotted", Paint(), (Colour("muted"), 1.75, True)),
    ("solid", Paint(stroke="FF9966", width=4.5), (Colour("accent6"), 4.5, False)),
    ("dotted", Paint(dash=False), (Colour("muted"), 1.75, False)),
    ("solid", Paint(stroke="999999", dash=True), (Colour("muted"), 1.75, True)),
])
def test_edge_looks(style: str, paint: Paint, expected: tuple[Colour, float, bool]) -> None:
    edge = Edge("A", "B", style, "arrow", "none", None, 1, 1, paint)  # type: ignore[arg-type]
    assert edge_look(edge, OFFICE) == expected


def test_classes_styles_and_link_styles_apply_in_order() -> None:
    chart = parse_flowchart(
        "flowchart LR\n"
        "  classDef default fill:#eee\n"
        "  classDef hot fill:#f96,stroke-width:3px\n"
        "  classDef cold fill:#39f\n"
        "  A:::hot --> B --> C\n"
        "  class B,C cold\n"
        "  style C fill:#0a0,stroke-dasharray:4\n"
        "  D --> E\n"
        "  linkStyle 0,2 stroke:#f00\n"
        "  linkStyle default stroke-width:3px\n")
    assert {n.id: n.paint for n in chart.nodes} == {
        "A": Paint("FF9966", width=2.25), "B": Paint("3399FF"),
        "C": Paint("00AA00", dash=True), "D": Paint("EEEEEE"), "E": Paint("EEEEEE")}
    assert [e.paint for e in chart.edges] == [
        Paint(stroke="FF0000", width=2.25), Paint(width=2.25),
        Paint(stroke="FF0000", width=2.25)]
    assert chart.warnings == ()


def test_a_class_given_to_an_edge_id_styles_that_link() -> None:
    chart = parse_flowchart("flowchart LR\n  A e1@--> B --> C\n"
                            "  classDef dashed stroke-dasharray: 9,5\n  class e1 dashed")
    assert [e.paint for e in chart.edges] == [Paint(dash=True), Paint()]
    assert chart.warnings == ()


@pytest.mark.parametrize(("statement", "where", "message"), [
    ("linkStyle 3 stroke:#f00", (3, 3), "linkStyle 3: the chart has 1 links, numbered 0 to 0; "
     "3 ignored"),
    ("linkStyle x stroke:#f00", (3, 3), "linkStyle 'x' is not a link number (0 is the first "
     "link) or 'default'; ignored"),
    ("linkStyle default interpolate basis stroke:#f00,fill:none", (3, 3),
     "linkStyle default: interpolate (the curve) ignored (a slide shows a style's colours, "
     "line width and dashes; the theme sets type and shapes)"),
    ("linkStyle 0 stroke:#f00,color:red,opacity:0.5", (3, 3),
     "linkStyle 0: opacity ignored (a slide shows a style's colours, line width and dashes; "
     "the theme sets type and shapes)"),
    ("  style Z fill:#f00", (3, 5), "style names 'Z', which the diagram does not have"),
    ("class A nope", (3, 3), "class 'nope' is never defined with classDef; ignored"),
    ("class Q hot", (3, 3), "class 'hot' names the node 'Q', which the diagram does not have"),
    ("subgraph G\n    A\n  end\n  style G fill:#f00", (6, 3),
     "style G: a subgraph keeps the theme's outline"),
])
def test_styling_problems_warn_at_their_place(statement: str, where: tuple[int, int],
                                              message: str) -> None:
    chart = parse_flowchart(f"flowchart LR\n  A --> B\n  {statement}\n  classDef hot fill:#f00")
    assert [((w.line, w.column), w.message) for w in chart.warnings] == [(where, message)]


OUTLINE = """\
title: Styled
intro:
  - title: A release
    diagram: |
      flowchart LR
        classDef hot fill:#f96,stroke:#333
        A[Merged] --> B[Tests pass]:::hot
stages:
  - name: Pretraining
    summary: Predict the next token
"""


@pytest.mark.shared
def test_an_orange_class_comes_out_in_the_templates_orange(tmp_path: Path) -> None:
    template = require_shared_templates() / "kfjt-md2pptxJP_reference.pptx"
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    checked = api.check(outline, design=Design(template=template))
    assert checked.theme.palette.accent1 == "4F81BD"  # the template's first accent is blue
    box = next(b for s in checked.plan.slides for b in s.boxes() if b.name == "node-B")
    assert box.fill == Colour("accent6")
    assert checked.theme.hex(box.fill) == "F79646"


def test_a_styled_chart_is_written_in_theme_colours_with_dashes(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE.replace(
        "        A[Merged] --> B[Tests pass]:::hot\n",
        "        A[Merged] --> B[Tests pass]:::hot\n"
        "        style A fill:#e6f0ff,stroke-dasharray:4 4\n"
        "        linkStyle 0 stroke:#f96,stroke-width:3px\n"), encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    api.build(outline, deck)
    [group] = [s for s in Presentation(str(deck)).slides[1].shapes if s.name == "flowchart"]
    shapes = {s.name: s for s in group.shapes}
    ln = shapes["node-A"]._element.spPr.find(f"{A}ln")
    assert ln.find(f"{A}prstDash").get("val") == "sysDash"
    assert ln.find(f"{A}solidFill/{A}schemeClr").get("val") == "accent1"
    fill = shapes["node-B"]._element.spPr.find(f"{A}solidFill/{A}schemeClr")
    assert fill.get("val") == "accent3"  # the built-in theme's orange
    edge = shapes["edge-A-B"]._element.spPr.find(f"{A}ln")
    assert (edge.get("w"), edge.find(f"{A}solidFill/{A}schemeClr").get("val")) == \
        ("28575", "accent3")


def test_restyle_touches_only_the_styled_shapes() -> None:
    text = ("flowchart LR\n  A --> B --> C\n  style B fill:#f96\n"
            "  linkStyle 1 stroke:#f96,stroke-dasharray:3")
    planned = plan_flowchart(text, (), Rect(0, 0, 10_000_000, 4_000_000),
                             dict(CALIBRI_FONTS), 0, [])
    assert planned is not None
    before = planned.diagram
    after = restyle(before, parse_flowchart(text), OFFICE)
    changed = {b.name for b, a in zip(before.boxes, after.boxes, strict=True) if a != b}
    assert changed == {"node-B"}
    assert after.box("node-B").fill == Colour("accent6")
    assert {a.name for a, b in zip(after.arrows, before.arrows, strict=True) if a != b} == \
        {"edge-B-C"}
    [arrow] = [a for a in after.arrows if a.name == "edge-B-C"]
    assert (arrow.colour, arrow.dash) == (Colour("accent6"), True)
    plain = "flowchart LR\n  A --> B"
    unstyled = plan_flowchart(plain, (), Rect(0, 0, 10_000_000, 4_000_000),
                             dict(CALIBRI_FONTS), 0, [])
    assert unstyled is not None
    assert restyle(unstyled.diagram, parse_flowchart(plain), OFFICE) is unstyled.diagram
