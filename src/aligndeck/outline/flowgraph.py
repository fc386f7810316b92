"""A flowchart as read from Mermaid text: nodes, links, subgraphs and what was set aside.

Plain data with no parser behind it (outline/mermaid.py reads the text), so planning code
can use it without loading the grammar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Direction = Literal["TB", "BT", "LR", "RL"]
Shape = Literal["rect", "round", "stadium", "subroutine", "cylinder", "circle", "diamond",
                "hexagon", "flag", "lean-right", "lean-left", "trapezoid", "trapezoid-alt"]
Line = Literal["solid", "dotted", "thick", "invisible"]
End = Literal["none", "arrow", "circle", "cross"]


@dataclass(frozen=True)
class Span:
    """A piece of a label: text, bold or italic (from Markdown `**` and `*`)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Label:
    """A label as lines of spans (`<br>` and line breaks in Markdown strings break lines)."""

    lines: tuple[tuple[Span, ...], ...]

    @property
    def plain(self) -> str:
        return " ".join("".join(s.text for s in line) for line in self.lines).strip()


@dataclass(frozen=True)
class Paint:
    """What `classDef`, `style` or `linkStyle` asked of colours and lines, as written:
    colours as RRGGBB, the line width in points, dashes or not; None where nothing was
    asked. The plan maps the colours onto the theme (plan/flow/style.py)."""

    fill: str | None = None
    stroke: str | None = None
    color: str | None = None
    width: float | None = None
    dash: bool | None = None


@dataclass(frozen=True)
class Node:
    id: str
    label: Label
    shape: Shape
    line: int
    column: int
    paint: Paint = Paint()
    """What `classDef`, `class` and `style` asked of this node."""
    accent: bool = False
    """Lit with the theme's accent (a class or style asked for a fill)."""
    continued: bool = False
    """A marker standing for a node on another slide, where a chart too large for one
    slide is cut (plan/flow/parts.py); never written by the parser."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line_style: Line
    head: End
    tail: End
    label: Label | None
    line: int
    column: int
    paint: Paint = Paint()
    """What `linkStyle` asked of this link."""
    length: int = 1
    """How many layers the link asks to span: Mermaid's `--->` is 2, `---->` 3."""


@dataclass(frozen=True)
class Subgraph:
    id: str
    title: str
    direction: Direction | None
    members: tuple[str, ...]
    """Nodes written directly inside (not inside a nested subgraph)."""
    children: tuple[str, ...]
    line: int
    column: int


@dataclass(frozen=True)
class Flowchart:
    direction: Direction
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    subgraphs: tuple[Subgraph, ...]
    """Every subgraph, outermost first."""
    warnings: tuple[MermaidProblem, ...] = ()
    language: str = ""
    """The deck's language, which the planner sets: it says how labels of Han characters
    alone break (Japanese or Chinese; `plan.text.phrase_language`)."""

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def contents(self, group: str) -> set[str]:
        """Every node and subgraph inside the subgraph `group`, however deep."""
        return contents({s.id: s for s in self.subgraphs}, group)


def contents(groups: Mapping[str, Subgraph], group: str) -> set[str]:
    """Every node and subgraph inside `group`, however deep, among `groups` by id."""
    found: set[str] = set(groups[group].members)
    for child in groups[group].children:
        found |= {child} | contents(groups, child)
    return found


@dataclass(frozen=True)
class MermaidProblem:
    line: int
    column: int
    message: str


class MermaidError(Exception):
    """The diagram cannot be read; carries every problem found, at positions in the text."""

    def __init__(self, problems: list[MermaidProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.line}:{p.column}: {p.message}" for p in problems))


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITIES = {"#quot;": '"', "#amp;": "&", "#lt;": "<", "#gt;": ">", "#35;": "#"}


def parse_label(raw: str) -> Label:
    """A label as written inside a shape or a link: quotes removed, `<br>`, `\\n` and
    Markdown strings ("`**bold** *italic*`") read; other HTML tags dropped."""
    text = raw.strip()
    markdown = False
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
        if len(text) >= 2 and text[0] == text[-1] == "`":
            text, markdown = text[1:-1], True
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    # `\n` breaks a line as `<br>` does: people write it in plain labels too, and a
    # slide should never show the two characters.
    lines = [part for line in _BR.split(text.replace("\\n", "\n"))
             for part in line.split("\n")]
    out = []
    for line in lines:
        line = re.sub(r"</?[a-zA-Z][^>]*>", "", line).strip()
        out.append(_markdown_spans(line) if markdown else (Span(line),))
    return Label(tuple(out))


def _markdown_spans(text: str) -> tuple[Span, ...]:
    spans = []
    for match in re.finditer(r"\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|([^*_]+|[*_])", text):
        bold, bold2, italic, italic2, plain = match.groups()
        if bold or bold2:
            spans.append(Span(bold or bold2, bold=True))
        elif italic or italic2:
            spans.append(Span(italic or italic2, italic=True))
        else:
            spans.append(Span(plain))
    return tuple(spans) or (Span(""),)
