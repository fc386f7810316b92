"""The Mermaid flowchart reader: a corpus of flowcharts, every construct, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck.outline.flowgraph import Paint
from aligndeck.outline.mermaid import MermaidError, parse_flowchart, parse_label

CORPUS = Path(__file__).parent / "flowcharts"


def read(name: str):  # type: ignore[no-untyped-def]
    return parse_flowchart((CORPUS / f"{name}.mmd").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "direction", "nodes", "edges", "subgraphs"), [
    ("reward-model", "LR", 4, 4, 0),
    ("data-pipeline", "TB", 7, 7, 0),
    ("decision", "TB", 5, 6, 0),
    ("subgraphs", "LR", 5, 5, 2),
    ("every-shape", "TB", 13, 10, 0),
    ("every-link", "LR", 10, 13, 0),
    ("styled", "LR", 2, 1, 0),
    ("shared-channel", "TB", 5, 4, 0),
    ("blocks", "LR", 6, 5, 3),
])
def test_corpus_reads(name: str, direction: str, nodes: int, edges: int, subgraphs: int) -> None:
    chart = read(name)
    assert (chart.direction, len(chart.nodes), len(chart.edges), len(chart.subgraphs)) == \
        (direction, nodes, edges, subgraphs)


def test_every_shape() -> None:
    chart = read("every-shape")
    assert [(n.id, n.shape, n.label.plain) for n in chart.nodes] == [
        ("a", "rect", "square"), ("b", "round", "round"), ("c", "stadium", "stadium"),
        ("d", "subroutine", "subroutine"), ("e", "cylinder", "cylinder"),
        ("f", "circle", "circle"), ("g", "diamond", "diamond"), ("h", "hexagon", "hexagon"),
        ("i", "flag", "flag"), ("j", "lean-right", "lean right"),
        ("k", "lean-left", "lean left"), ("l", "trapezoid", "trapezoid"),
        ("m", "trapezoid-alt", "trapezoid alt"),
    ]


def test_every_link() -> None:
    chart = read("every-link")
    assert [(e.target, e.line_style, e.head, e.tail, e.label.plain if e.label else None)
            for e in chart.edges] == [
        ("B", "solid", "arrow", "none", None), ("C", "solid", "none", "none", None),
        ("D", "dotted", "arrow", "none", None), ("E", "thick", "arrow", "none", None),
        ("F", "solid", "circle", "none", None), ("G", "solid", "cross", "none", None),
        ("H", "solid", "arrow", "arrow", None), ("B", "solid", "arrow", "none", "pipe label"),
        ("C", "solid", "arrow", "none", "text label"),
        ("D", "dotted", "arrow", "none", "dotted label"),
        ("E", "thick", "arrow", "none", "thick label"), ("I", "solid", "arrow", "none", None),
        ("J", "invisible", "none", "none", None),
    ]


def test_chains_and_ampersands_make_every_pair() -> None:
    chart = parse_flowchart("flowchart TD\n  A & B --> C & D --> E")
    assert [(e.source, e.target) for e in chart.edges] == [
        ("A", "C"), ("A", "D"), ("B", "C"), ("B", "D"), ("C", "E"), ("D", "E")]


def test_subgraphs_nest_with_titles_and_directions() -> None:
    chart = parse_flowchart(
        "flowchart LR\n"
        "  subgraph outer [The outside]\n"
        "    direction TB\n"
        "    A --> B\n"
        "    subgraph inner\n"
        "      C\n"
        "    end\n"
        "  end\n"
        "  subgraph \"Quoted title\"\n"
        "    D\n"
        "  end\n"
        "  B --> C --> D\n")
    assert [(s.id, s.title, s.direction, s.members, s.children) for s in chart.subgraphs] == [
        ("outer", "The outside", "TB", ("A", "B"), ("inner",)),
        ("inner", "inner", None, ("C",), ()),
        ("Quoted-title", "Quoted title", None, ("D",), ()),
    ]


def test_labels_quoted_markdown_and_breaks() -> None:
    label = parse_label('"`**Bold** and *it*`"')
    assert [(s.text, s.bold, s.italic) for s in label.lines[0]] == [
        ("Bold", True, False), (" and ", False, False), ("it", False, True)]
    assert parse_label('"Has [brackets] & (parens)"').plain == "Has [brackets] & (parens)"
    assert [line[0].text for line in parse_label("Two<br/>lines").lines] == ["Two", "lines"]
    # People write \n for a break in plain labels too; a slide never shows the two characters.
    assert [line[0].text for line in parse_label('"Use password\\nStart here"').lines] == [
        "Use password", "Start here"]
    assert [line[0].text for line in parse_label("a\\nb<br>c").lines] == ["a", "b", "c"]
    chart = parse_flowchart('flowchart LR\n  A["Quoted (with) {brackets}"] --> B')
    assert chart.node("A").label.plain == "Quoted (with) {brackets}"


def test_comments_semicolons_and_td() -> None:
    chart = parse_flowchart("%% leading comment\ngraph TD;\n A-->B; %% trailing\n B-->C;\n")
    assert chart.direction == "TB"
    assert [(e.source, e.target) for e in chart.edges] == [("A", "B"), ("B", "C")]


def test_styles_are_read_as_paint_and_only_the_unshowable_warns() -> None:
    chart = read("styled")
    assert [(n.id, n.accent, n.paint) for n in chart.nodes] == [
        ("A", True, Paint(fill="FF9966", color="FFFFFF", width=1.5)),
        ("B", False, Paint(dash=True))]
    assert chart.edges[0].paint == Paint(stroke="FFFF33", width=3.0)
    assert [(w.line, w.column, w.message) for w in chart.warnings] == [
        (8, 3, "click is ignored: shapes on a slide do not run callbacks or open links from "
         "a diagram"),
    ]


def test_a_node_keeps_its_label_when_named_again() -> None:
    chart = parse_flowchart("flowchart LR\n  A[Start] --> B\n  A --> C\n  B[Middle]")
    assert [n.label.plain for n in chart.nodes] == ["Start", "Middle", "C"]


@pytest.mark.parametrize(("text", "where", "message"), [
    ("sequenceDiagram\n  A->>B: hi", (1, 1),
     "'sequenceDiagram' diagrams are not supported; only flowcharts ('flowchart' or 'graph') "
     "are"),
    ("  pie title Pets\n", (1, 3),
     "'pie' diagrams are not supported; only flowcharts ('flowchart' or 'graph') are"),
    ("hello world", (1, 1), "a diagram starts with 'flowchart' or 'graph' and a direction "
     "(TB, TD, BT, LR, RL), not 'hello'"),
    ("%% only a comment\n", (1, 1),
     "the diagram is empty; start it with 'flowchart LR' (or TB, BT, RL)"),
    ("flowchart LR\n  A[Reward model --> B", (2, 4),
     "the '[' here is never closed with ']' on this line"),
    ("flowchart LR\n  A((x) --> B", (2, 4),
     "the '((' here is never closed with '))' on this line"),
    ("flowchart LR\n  A{x --> B", (2, 4), "the '{' here is never closed with '}' on this line"),
    ("flowchart LR\n  subgraph one\n    A --> B\n", (2, 3), "this 'subgraph' has no 'end'"),
    ("flowchart LR\n  A --> B\n  end\n", (3, 3), "'end' without a 'subgraph' to close"),
    ("flowchart LR\n  A -->\n", (2, 8),
     "the line ends where a node was expected (a link needs a node on both sides)"),
    ("flowchart LR\n  A --> B C\n", (2, 11),
     "unexpected 'C'; expected a link (-->), '&', ';' or the end of the line"),
])
def test_bad_flowcharts_are_located(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(MermaidError) as caught:
        parse_flowchart(text)
    [problem] = caught.value.problems
    assert ((problem.line, problem.column), problem.message) == (where, message)


def test_a_link_from_a_box_to_itself_is_read_as_mermaid_reads_it() -> None:
    # Mermaid draws `B --> B` as a loop; so does the planner (tests/test_flowloops.py).
    chart = parse_flowchart("flowchart LR\n  A --> B --> A\n  B -->|again| B\n")
    loop = chart.edges[-1]
    assert (loop.source, loop.target, loop.line, loop.column) == ("B", "B", 3, 5)
    assert loop.label is not None and loop.label.plain == "again"


def test_huge_text_is_refused_before_parsing() -> None:
    with pytest.raises(MermaidError, match="at most 20,000 are read"):
        parse_flowchart("flowchart LR\n" + "A --> B\n" * 5000)


OUTLINE = """\
title: x
intro:
  - title: a
    diagram: |
      flowchart LR
        A --> B[oops

        C --> D
  - diagram: "flowchart LR; A --> A"
  - diagram: |-
        graph TD
          X
  - diagram: >
      folded
      text
"""


@pytest.mark.parametrize(("index", "inside", "where"), [
    (0, (2, 9), (6, 15)),   # a literal block: its lines, shifted by the block's indent
    (0, (3, 1), (7, 7)),    # an empty line of the block
    (0, (4, 5), (8, 11)),
    (1, (1, 19), (9, 33)),  # a quoted one-liner: after its opening quote
    (2, (2, 3), (12, 11)),  # a deeper indent and a chomping indicator
    (3, (2, 1), (13, 14)),  # folded: the value's own position
])
def test_positions_inside_a_text_value(index: int, inside: tuple[int, int],
                                       where: tuple[int, int]) -> None:
    from aligndeck.outline.loader import parse_outline_text

    _, positions = parse_outline_text(OUTLINE)
    assert positions.inside(("intro", index, "diagram"), *inside) == where


def test_front_matter_and_the_elk_hint_are_set_aside_with_positions_kept() -> None:
    text = ("---\ntitle: Pipeline\nconfig:\n  theme: dark\n---\nflowchart-elk LR\n"
            "  A --> B{Ok?\n")
    with pytest.raises(MermaidError) as caught:
        parse_flowchart(text)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (7, 10)
    chart = parse_flowchart(text.replace("B{Ok?", "B{Ok?}"))
    assert chart.direction == "LR" and [n.id for n in chart.nodes] == ["A", "B"]
    assert [(w.line, w.column) for w in chart.warnings] == [(1, 1), (6, 1)]
    assert "front matter is ignored (title, config)" in chart.warnings[0].message
    assert "ELK" in chart.warnings[1].message
    with pytest.raises(MermaidError, match="never closed with '---'"):
        parse_flowchart("---\ntitle: x\nflowchart LR\n  A --> B\n")


def test_mermaid_11_node_attributes_pick_shapes_and_labels() -> None:
    chart = parse_flowchart('flowchart TD\n  A@{ shape: diam, label: "Ready?" } '
                            "--> B@{ shape: cyl }\n"
                            "  C@{ shape: doc, label: Notes, icon: 'fa:bell' }:::hot\n"
                            "  D@{ shape: trap-t } --> A\n")
    assert [(n.id, n.label.plain, n.shape) for n in chart.nodes] == [
        ("A", "Ready?", "diamond"), ("B", "B", "cylinder"), ("C", "Notes", "rect"),
        ("D", "D", "trapezoid-alt")]
    messages = [w.message for w in chart.warnings if w.line == 3]
    assert any("shape 'doc' is drawn as a rectangle" in m for m in messages)
    assert any("'icon' is ignored" in m for m in messages)


def test_font_awesome_icons_leave_their_words_and_one_warning() -> None:
    chart = parse_flowchart("flowchart LR\n  A[fa:fa-car Car] --> B(fab:fa-github GitHub)\n")
    assert [n.label.plain for n in chart.nodes] == ["Car", "GitHub"]
    assert [w.message for w in chart.warnings] == [
        "Font Awesome icons (fa:fa-…) are not drawn on a slide; the labels keep their words"]


def test_a_dotted_link_may_start_with_its_dot() -> None:
    # Mermaid's own link-length example writes `R1 .-> R2` and `R2 <.-> C`.
    chart = parse_flowchart("flowchart TD\n  R1 .-> R2\n  R2 <.-> C\n  a.b --> c\n")
    assert [(e.source, e.target, e.line_style, e.head, e.tail) for e in chart.edges] == [
        ("R1", "R2", "dotted", "arrow", "none"), ("R2", "C", "dotted", "arrow", "arrow"),
        ("a.b", "c", "solid", "arrow", "none")]


@pytest.mark.parametrize(("text", "expected"), [
    ("flowchart TB\n  S[ ] -.- A", ""),             # a spacer: an empty box, as in Mermaid
    ('flowchart TB\n  S[" "] --> A', ""),
    ("flowchart TB\n  S[fa:fa-car] --> A", "S"),    # only an icon: the id stands in
    ("flowchart TB\n  S --> A", "S"),
])
def test_a_label_written_blank_is_an_empty_box(text: str, expected: str) -> None:
    assert parse_flowchart(text).node("S").label.plain == expected
