"""Mermaid flowcharts read with a grammar (lark, LALR): text in, a Flowchart or located errors out.

Positions are 1-based line and column *inside the diagram text*; the caller turns them into
positions in the outline file. Styling that has no place in the theme (colours written as
hex, stroke widths, links) is accepted and reported as a warning, never as an error.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

from aligndeck.outline.flowgraph import (
    Direction,
    Edge,
    End,
    Flowchart,
    Label,
    Line,
    MermaidError,
    MermaidProblem,
    Node,
    Shape,
    Span,
    Subgraph,
    contents,
    parse_label,
)
from aligndeck.outline.mermaid_style import Styles
from aligndeck.outline.mermaid_text import (
    check_kind,
    node_attributes,
    prepare,
    unclosed_subgraph,
    unexpected_character,
    unexpected_token,
)

__all__ = ["Direction", "Edge", "End", "Flowchart", "Label", "Line", "MermaidError",
           "MermaidProblem", "Node", "Shape", "Span", "Subgraph", "parse_flowchart",
           "parse_label"]

MAX_TEXT = 20_000
"""Longest diagram text read at all; far more than a slide can show."""

_Q = r'"[^"]*"'
"""A quoted label; it may run over several lines, as Mermaid's may."""
_LINK_END = r'(?:-{2,}[->ox]|={2,}[=>ox]|\.+-[>ox]?)(?=\s|[A-Za-z0-9_"])'
_ID = (r"(?:[A-Za-z0-9_\u00C0-\uFFFF!#$'*+.?\\\/,`]|-(?![>\-.\s])|-(?=[ \t]+-)"
       r"|-(?=>[^\]\n]*\])|=(?!=)|&|%(?!%)|:(?!:))+")
"""A node id: Mermaid allows much punctuation, but not what starts a link, a comment
(`%%`) or a class (`:::`); `odd->Text]` is the id `odd-` with a flag shape."""
_GRAMMAR = rf"""
start: _NL* header (_sep+ _statement)* _sep*
header: GRAPH DIR?
_sep: _NL | ";"
_statement: chain | subgraph | direction | classdef | classes | style | linkstyle | click
          | accessible
chain: group (link _NL* group)*
group: node ("&" _NL* node)*
node: ID (shape ATTRS? | ATTRS)? CLASSREF?
shape: DOUBLE_CIRCLE | STADIUM | SUBROUTINE | CYLINDER | CIRCLE | ROUND | HEXAGON | RHOMBUS | LEAN_R
     | LEAN_L | TRAP | TRAP_ALT | SQUARE | FLAG
link: EDGE_ID? (LINK PIPE? | TEXT_LINK)
subgraph: SUBGRAPH REST? (_sep+ _statement)* _sep+ END
direction: DIRECTION DIR
classdef: CLASSDEF REST
classes: CLASS REST
style: STYLE REST
linkstyle: LINKSTYLE REST
click: CLICK REST
accessible: (ACC_TITLE | ACC_DESCR) REST?

GRAPH.3: /(flowchart|graph)\b/
DIR.3: /(TB|TD|BT|LR|RL)\b|[<>^]|v\b/
SUBGRAPH.3: /subgraph\b/
END.3: /end\b/
DIRECTION.3: /direction\b/
CLASSDEF.3: /classDef\b/
CLASS.3: /class\b/
STYLE.3: /style\b/
LINKSTYLE.3: /linkStyle\b/
CLICK.3: /click\b/
ACC_TITLE.3: /accTitle[ \t]*:/
ACC_DESCR.3: /accDescr[ \t]*(?::|\{{[^}}]*\}})/
ID: /{_ID}/
EDGE_ID.4: /[^\s"@&]+@(?=[-=.~<ox])/
CLASSREF: /:::[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/
ATTRS.5: /@\{{(?:{_Q}|[^}}"])*\}}/
DOUBLE_CIRCLE.6: /\(\(\((?:{_Q}|[^)"\n])*\)\)\)/
STADIUM.5: /\(\[(?:{_Q}|[^\]"\n])*\]\)/
SUBROUTINE.5: /\[\[(?:{_Q}|[^\]"\n])*\]\]/
CYLINDER.5: /\[\((?:{_Q}|[^)"\n])*\)\]/
CIRCLE.5: /\(\((?:{_Q}|[^)"\n])*\)\)/
HEXAGON.5: /\{{\{{(?:{_Q}|[^}}"\n])*\}}\}}/
LEAN_R.4: /\[\/(?:{_Q}|[^\]"\n])*?\/\]/
LEAN_L.4: /\[\\(?:{_Q}|[^\]"\n])*?\\\]/
TRAP.4: /\[\/(?:{_Q}|[^\]"\n])*?\\\]/
TRAP_ALT.4: /\[\\(?:{_Q}|[^\]"\n])*?\/\]/
ROUND.2: /\((?![(\[])(?:{_Q}|[^)"\n])*\)/
RHOMBUS.2: /\{{(?!\{{)(?:{_Q}|[^}}"\n])*\}}/
SQUARE.1: /\[(?![\[(\/\\])(?:{_Q}|[^\]"\n])*\]/
FLAG.1: />(?:{_Q}|[^\]"\n])*\]/
TEXT_LINK.3: /[xo<]?(?:--|==|-\.)(?![->ox.=])[ \t]*(?:{_Q}|[^\n;|]*?)[ \t]*{_LINK_END}/
LINK.2: /[xo<]?(?:-{{2,}}[->ox]|={{2,}}[=>ox]|-\.+-[>ox]?|~{{3,}})|(?<=\s)[xo<]?\.+-[>ox]/
PIPE: /\|(?:{_Q}|[^|"\n])*\|/
REST: /[^\n;]+/
_NL: /(\r?\n)+/
COMMENT: /%%[^\n]*/
%ignore /[ \t]+/
%ignore COMMENT
"""

_ICON = re.compile(r"\bfa[bsrlk]?:fa-[a-z0-9-]+\s*")
_PARSER = Lark(_GRAMMAR, parser="lalr", lexer="contextual", propagate_positions=True,
               maybe_placeholders=False)

_SHAPES: dict[str, tuple[Shape, int, int]] = {
    "DOUBLE_CIRCLE": ("circle", 3, 3),
    "STADIUM": ("stadium", 2, 2), "SUBROUTINE": ("subroutine", 2, 2),
    "CYLINDER": ("cylinder", 2, 2), "CIRCLE": ("circle", 2, 2), "HEXAGON": ("hexagon", 2, 2),
    "LEAN_R": ("lean-right", 2, 2), "LEAN_L": ("lean-left", 2, 2), "TRAP": ("trapezoid", 2, 2),
    "TRAP_ALT": ("trapezoid-alt", 2, 2), "ROUND": ("round", 1, 1),
    "RHOMBUS": ("diamond", 1, 1), "SQUARE": ("rect", 1, 1), "FLAG": ("flag", 1, 1),
}
"""Each shape token: the shape, and how many characters open and close its label."""


_DIRECTIONS: dict[str, Direction] = {"TB": "TB", "TD": "TB", "BT": "BT", "LR": "LR", "RL": "RL",
                                     "v": "TB", "^": "BT", ">": "LR", "<": "RL"}
"""Each way of writing a direction; Mermaid also reads the arrow-like signs."""


def parse_flowchart(text: str) -> Flowchart:
    """Read a Mermaid flowchart; raises MermaidError with located problems.

    Self-loops are refused (a glued connector cannot join a box to itself).
    """
    if len(text) > MAX_TEXT:
        raise MermaidError([MermaidProblem(1, 1, f"the diagram is {len(text):,} characters "
                                           f"long; at most {MAX_TEXT:,} are read")])
    text, notes = prepare(text)
    check_kind(text)
    try:
        tree = _PARSER.parse(text)
    except UnexpectedCharacters as exc:
        raise MermaidError([unexpected_character(text, exc)]) from None
    except UnexpectedToken as exc:
        raise MermaidError([unexpected_token(text, exc)]) from None
    except UnexpectedEOF:
        raise MermaidError([unclosed_subgraph(text)]) from None
    builder = _Builder()
    builder.warnings += notes
    builder.walk(tree)
    return builder.result()


def _link_kind(arrow: str) -> tuple[Line, End, End]:
    """What a link token means: its line, its head (at the target) and tail (at the source)."""
    ends = {">": "arrow", "o": "circle", "x": "cross", "<": "arrow"}
    if arrow.startswith("~"):
        return "invisible", "none", "none"
    line: Line = "thick" if "=" in arrow else "dotted" if "." in arrow else "solid"
    last, first = arrow[-1], arrow[0]
    head: Any = ends.get(last, "none")
    tail: Any = ends.get(first, "none") if first in "<ox" and len(arrow) > 3 else "none"
    if first in "ox" and arrow[1] in "-=." and len(arrow) == 3:
        tail = "none"  # "o--" is not a link; "--o" is handled by `last`
    return line, head, tail


def _link_length(arrow: str) -> int:
    """How many layers a link asks to span, as Mermaid counts: `-->`, `-.->`, `==>` are 1,
    and each further `-`, `.` or `=` (`--->`, `-..->`, `===>`) adds one."""
    if arrow.startswith("~"):
        return max(1, len(arrow) - 2)
    body = arrow.lstrip("xo<")[:-1]
    if "." in body:
        return max(1, body.count("."))
    return max(1, len(body) - 1)


@dataclass
class _Scope:
    id: str
    title: str
    line: int
    column: int
    direction: Direction | None = None
    members: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


class _Builder:
    """Walks the parse tree in source order, collecting nodes, edges and subgraphs."""

    def __init__(self) -> None:
        self.direction: Direction = "TB"
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.scopes: list[_Scope] = []
        self.subgraphs: list[Subgraph] = []
        self.warnings: list[MermaidProblem] = []
        self.owner: dict[str, _Scope] = {}
        self.styles = Styles()
        self.icons_said = False
        self.edge_ids: dict[str, list[int]] = {}
        """Ids given to links (`A e1@--> B`); `e1@{ … }` then sets that link's properties."""
        self.shaped: set[str] = set()
        """Nodes given a shape and label somewhere (not only named in a link)."""

    def result(self) -> Flowchart:
        self._groups_as_ends()
        self.styles.apply(self.nodes, self.edges, {s.id for s in self.subgraphs},
                          self.edge_ids)
        warnings = sorted(self.warnings + self.styles.warnings, key=lambda w: (w.line, w.column))
        return Flowchart(self.direction, tuple(self.nodes.values()), tuple(self.edges),
                         tuple(self.subgraphs), tuple(warnings))

    def _groups_as_ends(self) -> None:
        """A link may name a subgraph (`A --> group`): it joins the group's container, so
        the name is not a node. A group cannot link to what it holds, and one name cannot
        be a node with a shape and a subgraph at once."""
        groups = {s.id: s for s in self.subgraphs}
        problems = []
        for name in groups.keys() & self.nodes.keys():
            node = self.nodes.pop(name)
            if name in self.shaped:
                problems.append(MermaidProblem(
                    node.line, node.column, f"'{name}' is both a node and a subgraph; give "
                    "one of them another id"))
            scope = self.owner.pop(name, None)
            if scope is not None:
                self._drop_member(scope.id, name)
        for edge in self.edges:
            for group, other in ((edge.source, edge.target), (edge.target, edge.source)):
                if group in groups and other in contents(groups, group):
                    problems.append(MermaidProblem(
                        edge.line, edge.column, f"'{other}' is inside the subgraph "
                        f"'{group}', so a link cannot join them: link to a node beside "
                        "the group, or to a node inside it"))
                    break
        if problems:
            raise MermaidError(problems)

    def _drop_member(self, group: str, name: str) -> None:
        for index, sub in enumerate(self.subgraphs):
            if sub.id == group:
                members = tuple(m for m in sub.members if m != name)
                self.subgraphs[index] = Subgraph(sub.id, sub.title, sub.direction, members,
                                                 sub.children, sub.line, sub.column)

    def walk(self, tree: Tree[Token]) -> None:
        """Visit statements in source order; a subgraph is open while its body is read."""
        self._walk(tree)

    def _walk(self, tree: Tree[Token]) -> None:
        handler = getattr(self, f"_{tree.data}", None)
        if handler is not None:
            handler(tree)
            return
        for child in tree.children:
            if isinstance(child, Tree):
                self._walk(child)

    def _header(self, tree: Tree[Token]) -> None:
        direction = next((str(t) for t in tree.children
                          if isinstance(t, Token) and t.type == "DIR"), "TB")
        self.direction = _DIRECTIONS[direction]

    def _subgraph(self, tree: Tree[Token]) -> None:
        head = tree.children[0]
        assert isinstance(head, Token)
        rest = next((c for c in tree.children if isinstance(c, Token) and c.type == "REST"),
                    None)
        raw = str(rest).strip() if rest is not None else ""
        match = re.fullmatch(r"([A-Za-z0-9_-]+)\s*\[(.*)\]", raw)
        if match:
            sub_id, title = match.group(1), parse_label(match.group(2)).plain
        elif raw.startswith('"'):
            title = parse_label(raw).plain
            sub_id = re.sub(r"\W+", "-", title).strip("-") or f"subgraph-{len(self.subgraphs)}"
        else:
            sub_id = title = raw or f"subgraph-{len(self.subgraphs) + 1}"
            sub_id = re.sub(r"\s+", "-", sub_id)
        scope = _Scope(sub_id, title, head.line or 1, head.column or 1)
        if self.scopes:
            self.scopes[-1].children.append(sub_id)
        self.scopes.append(scope)
        index = len(self.subgraphs)
        self.subgraphs.append(Subgraph(sub_id, title, None, (), (), scope.line, scope.column))
        for child in tree.children:
            if isinstance(child, Tree):
                self._walk(child)
        self.scopes.pop()
        self.subgraphs[index] = Subgraph(sub_id, title, scope.direction, tuple(scope.members),
                                         tuple(scope.children), scope.line, scope.column)

    def _direction(self, tree: Tree[Token]) -> None:
        value = _DIRECTIONS[str(tree.children[1])]
        if self.scopes:
            self.scopes[-1].direction = value
        else:
            self.direction = value

    def _chain(self, tree: Tree[Token]) -> None:
        groups: list[list[str]] = []
        links: list[Tree[Token]] = []
        for child in tree.children:
            assert isinstance(child, Tree)
            if child.data == "group":
                named = [self._node(n) for n in child.children if isinstance(n, Tree)]
                groups.append([n for n in named if n is not None])
            else:
                links.append(child)
        for (sources, targets), link in zip(itertools.pairwise(groups), links, strict=True):
            tokens = [t for t in link.children if isinstance(t, Token)]
            token = tokens[0]  # where the link starts, with its id if it has one
            edge_id = str(tokens.pop(0))[:-1] if tokens[0].type == "EDGE_ID" else None
            arrow, label, length = self._link_parts(tokens)
            style, head, tail = _link_kind(arrow)
            for source in sources:
                for target in targets:
                    line, column = token.line or 1, token.column or 1
                    self.edges.append(Edge(source, target, style, head, tail, label, line,
                                           column, length=length))
                    if edge_id is not None:
                        self.edge_ids.setdefault(edge_id, []).append(len(self.edges) - 1)

    @staticmethod
    def _link_parts(tokens: list[Token]) -> tuple[str, Label | None, int]:
        """A link's arrow, its label, and its length (from its closing part)."""
        first = str(tokens[0])
        if tokens[0].type == "TEXT_LINK":
            match = re.fullmatch(r"([xo<]?(?:--|==|-\.))[ \t]*(.*?)[ \t]*"
                                 r"(-{2,}[->ox]|={2,}[=>ox]|\.+-[>ox]?)", first)
            assert match is not None
            opener, text, closer = match.groups()
            arrow = opener + closer
            return arrow, parse_label(text) if text.strip() else None, _link_length(closer)
        pipe = str(tokens[1])[1:-1] if len(tokens) > 1 else ""
        return first, parse_label(pipe) if pipe.strip() else None, _link_length(first)

    def _node(self, tree: Tree[Token]) -> str | None:
        ident = tree.children[0]
        assert isinstance(ident, Token)
        node_id = str(ident)
        shape_token: Token | None = None
        attrs: Token | None = None
        for child in tree.children[1:]:
            if isinstance(child, Tree):
                inner = child.children[0]
                assert isinstance(inner, Token)
                shape_token = inner
            elif child.type == "ATTRS":
                attrs = child
            elif child.type == "CLASSREF":
                self.styles.assigned.append((node_id, str(child)[3:], child.line or 1,
                                             child.column or 1))
        if attrs is not None and shape_token is None and node_id in self.edge_ids:
            self._warn(attrs, f"the properties of the link '{node_id}' (animation, curve) "
                       "are not drawn: connectors on a slide are straight or bent at right "
                       "angles")
            return None
        existing = self.nodes.get(node_id)
        line, column = ident.line or 1, ident.column or 1
        if shape_token is not None:
            self.shaped.add(node_id)
            shape, opening, closing = _SHAPES[shape_token.type]
            raw = str(shape_token)[opening:len(shape_token) - closing]
            label = parse_label(self._without_icons(raw, shape_token))
            # A label written blank (`S[ ]`, a spacer) is an empty box, as Mermaid draws
            # it; one left empty by its icons taken out keeps the node's id.
            if not label.plain and not (raw and not raw.strip('" ')):
                label = Label(((Span(node_id),),))
            self.nodes[node_id] = (replace(existing, label=label, shape=shape, line=line,
                                           column=column)
                                   if existing else Node(node_id, label, shape, line, column))
        elif existing is None:
            self.nodes[node_id] = Node(node_id, Label(((Span(node_id),),)), "rect", line, column)
        if attrs is not None:
            self._attributes(node_id, attrs, ident)
        if self.scopes and node_id not in self.owner:
            self.owner[node_id] = self.scopes[-1]
            self.scopes[-1].members.append(node_id)
        return node_id

    def _without_icons(self, raw: str, token: Token) -> str:
        """A label with its Font Awesome icons (`fa:fa-car`) taken out, said once."""
        if not _ICON.search(raw):
            return raw
        if not self.icons_said:
            self.icons_said = True
            self._warn(token, "Font Awesome icons (fa:fa-…) are not drawn on a slide; the "
                       "labels keep their words")
        return _ICON.sub("", raw)

    def _attributes(self, node_id: str, attrs: Token, ident: Token) -> None:
        """Mermaid 11's `A@{ shape: …, label: … }`."""
        shape, label, problems = node_attributes(str(attrs))
        for problem in problems:
            self._warn(attrs, f"{node_id}: {problem}")
        existing = self.nodes.get(node_id)
        if label is None or not label.plain:
            label = existing.label if existing else Label(((Span(node_id),),))
        self.shaped.add(node_id)
        line, column = ident.line or 1, ident.column or 1
        self.nodes[node_id] = (
            replace(existing, label=label, shape=shape or existing.shape, line=line,
                    column=column) if existing
            else Node(node_id, label, shape or "rect", line, column))

    def _statement_rest(self, tree: Tree[Token]) -> tuple[str, int, int]:
        keyword = tree.children[0]
        rest = tree.children[1] if len(tree.children) > 1 else ""
        assert isinstance(keyword, Token)
        return str(rest), keyword.line or 1, keyword.column or 1

    def _classdef(self, tree: Tree[Token]) -> None:
        self.styles.classdef(*self._statement_rest(tree))

    def _classes(self, tree: Tree[Token]) -> None:
        self.styles.assign(*self._statement_rest(tree))

    def _style(self, tree: Tree[Token]) -> None:
        self.styles.style(*self._statement_rest(tree))

    def _linkstyle(self, tree: Tree[Token]) -> None:
        self.styles.linkstyle(*self._statement_rest(tree))

    def _accessible(self, tree: Tree[Token]) -> None:
        keyword = tree.children[0]
        assert isinstance(keyword, Token)
        name = str(keyword)[:8]
        self._warn(keyword, f"{name} is not used: the slide gives the "
                   "diagram its own alt text, in words made from its nodes and links")

    def _click(self, tree: Tree[Token]) -> None:
        keyword = tree.children[0]
        assert isinstance(keyword, Token)
        self._warn(keyword, "click is ignored: shapes on a slide do not run callbacks or "
                   "open links from a diagram")

    def _warn(self, token: Token, message: str) -> None:
        self.warnings.append(MermaidProblem(token.line or 1, token.column or 1, message))

