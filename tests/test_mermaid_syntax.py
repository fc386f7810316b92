"""The whole flowchart language as people write it: labels over several lines, links split
over lines, every link form, edge ids, node ids with punctuation, each with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligndeck import api
from aligndeck.errors import OutlineError
from aligndeck.outline.mermaid import MermaidError, parse_flowchart


def lines_of(text: str, node: str) -> list[str]:
    chart = parse_flowchart(text)
    return ["".join(s.text for s in line) for line in chart.node(node).label.lines]


@pytest.mark.parametrize(("text", "node", "lines"), [
    ('flowchart LR\n  Reward["Reward Model:\n   scores answers"] --> B', "Reward",
     ["Reward Model:", "scores answers"]),
    ('flowchart LR\n  A("`**Bold** first\n  then *plain*`") --> B', "A",
     ["Bold first", "then plain"]),
    ('flowchart LR\n  A{"Ready\n  to ship?"}', "A", ["Ready", "to ship?"]),
    ('flowchart LR\n  A[(Store)] --> B(((Done)))', "B", ["Done"]),
    ('flowchart LR\n  A@{ shape: rect, label: "one\n    two" }', "A", ["one", "two"]),
    ("flowchart LR\n  A@{\n    shape: circle\n    label: |\n      first\n      second\n  }",
     "A", ["first", "second"]),
])
def test_labels_over_several_lines(text: str, node: str, lines: list[str]) -> None:
    assert lines_of(text, node) == lines


def test_markdown_label_keeps_bold_and_italic_per_line() -> None:
    chart = parse_flowchart('flowchart LR\n  A["`**Bold** first\n  then *it*`"]')
    assert [[(s.text, s.bold, s.italic) for s in line] for line in chart.node("A").label.lines] \
        == [[("Bold", True, False), (" first", False, False)],
            [("then ", False, False), ("it", False, True)]]


def test_a_multi_line_label_leaves_later_positions_right() -> None:
    chart = parse_flowchart('flowchart LR\n  A["one\n  two"] --> B\n  B --> C\n  C --> D')
    assert [(e.source, e.target, e.line, e.column) for e in chart.edges] == [
        ("A", "B", 3, 9), ("B", "C", 4, 5), ("C", "D", 5, 5)]


@pytest.mark.parametrize("text", [
    'flowchart LR\n  Initiator["Start"] -->\n    PL["Platform"]',
    'flowchart LR\n  Initiator["Start"] -->|asks|\n    PL["Platform"]',
    'flowchart LR\n  Initiator["Start"] -- asks -->\n\n    PL["Platform"]',
    "flowchart LR\n  Initiator & X -->\n    PL & Y",
])
def test_a_link_may_find_its_target_on_the_next_line(text: str) -> None:
    chart = parse_flowchart(text)
    assert ("Initiator", "PL") in [(e.source, e.target) for e in chart.edges]
    assert next(e for e in chart.edges if e.target == "PL").line == 2


@pytest.mark.parametrize(("link", "style", "head", "tail", "label"), [
    ("---", "solid", "none", "none", None),
    ("-->", "solid", "arrow", "none", None),
    ("--->", "solid", "arrow", "none", None),
    ("----->", "solid", "arrow", "none", None),
    ("-.->", "dotted", "arrow", "none", None),
    ("-..->", "dotted", "arrow", "none", None),
    ("-.-", "dotted", "none", "none", None),
    ("==>", "thick", "arrow", "none", None),
    ("===>", "thick", "arrow", "none", None),
    ("===", "thick", "none", "none", None),
    ("~~~", "invisible", "none", "none", None),
    ("~~~~", "invisible", "none", "none", None),
    ("o--o", "solid", "circle", "circle", None),
    ("--o", "solid", "circle", "none", None),
    ("--x", "solid", "cross", "none", None),
    ("o--o", "solid", "circle", "circle", None),
    ("x--x", "solid", "cross", "cross", None),
    ("<-->", "solid", "arrow", "arrow", None),
    ("<-.->", "dotted", "arrow", "arrow", None),
    ("<==>", "thick", "arrow", "arrow", None),
    ("-- text -->", "solid", "arrow", "none", "text"),
    ("-- text ---", "solid", "none", "none", "text"),
    ("-->|text|", "solid", "arrow", "none", "text"),
    ('-->|"two\n  lines"|', "solid", "arrow", "none", "two lines"),
    ("-. text .->", "dotted", "arrow", "none", "text"),
    ("== text ==>", "thick", "arrow", "none", "text"),
    ("<-- both -->", "solid", "arrow", "arrow", "both"),
    ("e1@-->", "solid", "arrow", "none", None),
    ("e1@-- text -->", "solid", "arrow", "none", "text"),
])
def test_every_link_form_and_length(link: str, style: str, head: str, tail: str,
                                    label: str | None) -> None:
    chart = parse_flowchart(f"flowchart LR\n  A {link} B")
    [edge] = chart.edges
    assert (edge.source, edge.target, edge.line_style, edge.head, edge.tail,
            edge.label.plain if edge.label else None, edge.line, edge.column) == \
        ("A", "B", style, head, tail, label, 2, 5)
    assert [n.id for n in chart.nodes] == ["A", "B"]


@pytest.mark.parametrize(("link", "length"), [
    ("---", 1), ("-->", 1), ("--->", 2), ("----->", 4), ("----", 2), ("-.->", 1),
    ("-..->", 2), ("-...-", 3), ("==>", 1), ("===>", 2), ("====", 2), ("~~~", 1),
    ("~~~~", 2), ("<-->", 1), ("<--->", 2), ("x--x", 1), ("o---o", 2),
    ("-- text -->", 1), ("-- text --->", 2), ("-. text ..->", 2), ("== text ===>", 2),
    ("-->|text|", 1), ("--->|text|", 2), ("e1@--->", 2),
])
def test_link_lengths_as_mermaid_counts_them(link: str, length: int) -> None:
    [edge] = parse_flowchart(f"flowchart LR\n  A {link} B").edges
    assert edge.length == length


def test_ampersands_on_both_sides_make_every_pair_in_order() -> None:
    chart = parse_flowchart("flowchart LR\n  a & b --> c & d")
    assert [(e.source, e.target) for e in chart.edges] == [
        ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")]


def test_edge_ids_and_their_properties_are_not_nodes() -> None:
    chart = parse_flowchart("flowchart LR\n  A e1@--> B\n  A e2@==> C\n  e1@{ animate: true }")
    assert [n.id for n in chart.nodes] == ["A", "B", "C"]
    assert [(e.target, e.line_style) for e in chart.edges] == [("B", "solid"), ("C", "thick")]
    assert [(w.line, w.column, w.message) for w in chart.warnings] == [
        (4, 5, "the properties of the link 'e1' (animation, curve) are not drawn: connectors "
         "on a slide are straight or bent at right angles")]


@pytest.mark.parametrize(("text", "ids"), [
    ("flowchart LR\n  a.b --> c-d", ["a.b", "c-d"]),
    ("flowchart LR\n  node/1 --> x:y", ["node/1", "x:y"]),
    ("flowchart LR\n  #tag --> *star --> it's", ["#tag", "*star", "it's"]),
    ("flowchart LR\n  a&b --> c", ["a&b", "c"]),
    ("flowchart LR\n  Ünïcode --> 日本", ["Ünïcode", "日本"]),
    ("flowchart LR\n  A[x]:::hot-->B", ["A", "B"]),
    ("flowchart LR\n  odd->Flag text]", ["odd-"]),
])
def test_node_ids_with_characters_mermaid_allows(text: str, ids: list[str]) -> None:
    assert [n.id for n in parse_flowchart(text).nodes] == ids


@pytest.mark.parametrize(("header", "direction"), [
    ("graph >", "LR"), ("graph <", "RL"), ("graph ^", "BT"), ("graph v", "TB"),
    ("flowchart TD", "TB"),
])
def test_direction_signs(header: str, direction: str) -> None:
    assert parse_flowchart(f"{header}\n  A --> B").direction == direction


@pytest.mark.parametrize(("name", "shape"), [
    ("dbl-circ", "circle"), ("sm-circ", "circle"), ("framed-circle", "circle"),
    ("f-circ", "circle"), ("cross-circ", "circle"), ("lin-cyl", "cylinder"),
    ("h-cyl", "cylinder"), ("das", "cylinder"), ("doc", "rect"),
])
def test_mermaid_11_shapes_drawn_by_their_nearest_classic_shape(name: str, shape: str) -> None:
    chart = parse_flowchart(f"flowchart LR\n  A@{{ shape: {name} }}")
    assert chart.nodes[0].shape == shape
    assert len(chart.warnings) == (name == "doc")


def test_a_bracket_shape_and_attributes_together() -> None:
    chart = parse_flowchart("flowchart LR\n  C[Hello]@{\n    shape: circle\n  }")
    assert [(n.id, n.label.plain, n.shape) for n in chart.nodes] == [("C", "Hello", "circle")]


def test_accessibility_lines_are_accepted_with_a_warning_each() -> None:
    chart = parse_flowchart("flowchart LR\n  accTitle: Big\n  accDescr {\n    two\n    lines\n"
                            "  }\n  A --> B")
    assert [(w.line, w.column) for w in chart.warnings] == [(2, 3), (3, 3)]
    assert chart.warnings[0].message.startswith("accTitle is not used")


@pytest.mark.parametrize(("text", "where", "message"), [
    ("flowchart LR\n  A -->\n  %% nothing after\n", (2, 8),
     "the line ends where a node was expected (a link needs a node on both sides)"),
    ('flowchart LR\n  A["one\n  two"] --> B[oops\n', (3, 14),
     "the '[' here is never closed with ']' on this line"),
    ('flowchart LR\n  A["one\n  two"] --> B --> C D', (3, 21),
     "unexpected 'D'; expected a link (-->), '&', ';' or the end of the line"),
])
def test_problems_after_multi_line_text_are_located(text: str, where: tuple[int, int],
                                                     message: str) -> None:
    with pytest.raises(MermaidError) as caught:
        parse_flowchart(text)
    [problem] = caught.value.problems
    assert ((problem.line, problem.column), problem.message) == (where, message)


def test_what_a_slide_cannot_do_is_accepted_with_one_warning_each() -> None:
    chart = parse_flowchart(
        '%%{\n  init: {"theme": "dark",\n    "flowchart": {"curve": "basis"}}\n}%%\n'
        "flowchart LR\n"
        "  A --> B %%{init: {}}%%\n"
        '  click A callback "Tip"\n'
        '  click B href "https://example.org" _blank\n'
        "  linkStyle 0 stroke:#f00,opacity:0.5\n"
        "  subgraph G\n    direction TB\n    C --> D\n  end\n")
    assert [(w.line, w.column, w.message.split(":")[0]) for w in chart.warnings] == [
        (1, 1, "%%{init}%% is ignored"), (6, 11, "%%{init}%% is ignored"),
        (7, 3, "click is ignored"), (8, 3, "click is ignored"), (9, 3, "linkStyle 0")]
    assert "opacity ignored" in chart.warnings[-1].message
    assert [(e.source, e.target) for e in chart.edges] == [("A", "B"), ("C", "D")]
    assert chart.edges[0].paint.stroke == "FF0000"
    assert [(s.id, s.direction, s.members) for s in chart.subgraphs] == [("G", "TB", ("C", "D"))]


BLOCK = """\
title: x
intro:
  - title: a
    diagram: |
      flowchart LR
        A["one
        two"] --> B[oops
stages:
  - name: Pretraining
    summary: Predict the next token
"""


def test_a_problem_after_a_multi_line_label_is_located_in_the_outline_file(
        tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(BLOCK, encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        api.check(outline)
    [problem] = caught.value.errors
    assert (problem.line, problem.column, problem.message) == (
        7, 20, "the '[' here is never closed with ']' on this line")
    outline.write_text(BLOCK.replace("B[oops", "B[fine]\n        classDef c font-size:9px"),
                       encoding="utf-8")
    [warning] = [w for w in api.check(outline).warnings if "classDef" in w.message]
    assert (warning.line, warning.column) == (8, 9)
