"""What the grammar of outline/mermaid.py does not read itself: the front matter and the
header's renderer hint before it, Mermaid 11's `A@{ shape: …, label: … }` node attributes,
and the messages for text it cannot read, each at its line and column."""

from __future__ import annotations

import re

from lark import UnexpectedCharacters, UnexpectedToken

from aligndeck.outline.flowgraph import Label, MermaidError, MermaidProblem, Shape, parse_label

OTHER_DIAGRAMS = ("sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2",
                  "erDiagram", "gantt", "pie", "journey", "gitGraph", "mindmap", "timeline",
                  "quadrantChart", "requirementDiagram", "sankey-beta", "xychart-beta",
                  "block-beta", "C4Context", "C4Container", "C4Component", "C4Dynamic",
                  "architecture-beta", "kanban", "packet-beta", "radar-beta", "zenuml")


_OPENERS = {"[": "]", "(": ")", "{": "}", ">": "]"}
_CLOSERS = {"(": ")", "[": "]", "{": "}", "/": "/]", "\\": "\\]"}


def check_kind(text: str) -> None:
    """Raise a located MermaidError unless the text is a flowchart."""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        word = re.split(r"[\s;]", line, maxsplit=1)[0]
        column = raw.index(word) + 1 if word else 1
        if word in ("flowchart", "graph"):  # (prepare has turned flowchart-elk into one)
            return
        known = next((d for d in OTHER_DIAGRAMS if d.lower() == word.lower()), None)
        if known:
            raise MermaidError([MermaidProblem(number, column, f"'{known}' diagrams are not "
                                               "supported; only flowcharts ('flowchart' or "
                                               "'graph') are")])
        raise MermaidError([MermaidProblem(number, column, "a diagram starts with 'flowchart' "
                                           "or 'graph' and a direction (TB, TD, BT, LR, RL), "
                                           f"not '{word[:40]}'")])
    raise MermaidError([MermaidProblem(1, 1, "the diagram is empty; start it with "
                                       "'flowchart LR' (or TB, BT, RL)")])


def unexpected_character(text: str, exc: UnexpectedCharacters) -> MermaidProblem:
    return _unexpected_at(text, exc.line, exc.column)


def _unexpected_at(text: str, line: int, column: int) -> MermaidProblem:
    rest = text.splitlines()[line - 1][column - 1:]
    char = rest[:1]
    if char in _OPENERS:
        closer = _OPENERS[char]
        if len(rest) > 1 and rest[1] in _CLOSERS and char in "[(":
            closer = _CLOSERS[rest[1]] + closer if rest[1] in "([{" else _CLOSERS[rest[1]]
        return MermaidProblem(line, column, f"the '{rest[:2] if len(closer) > 1 else char}' "
                              f"here is never closed with '{closer}' on this line")
    if char == '"':
        return MermaidProblem(line, column, "this quote is never closed on its line")
    return MermaidProblem(line, column, f"unexpected '{rest[:12].rstrip()}'; expected a node "
                          "(A or A[Label]), a link (-->, ---, -.->, ==>) or a statement")


def unexpected_token(text: str, exc: UnexpectedToken) -> MermaidProblem:
    token = exc.token
    if token.type == "$END":
        return unclosed_subgraph(text)
    line, column = token.line or 1, token.column or 1
    if token.type == "REST" and str(token)[:1] in (*_OPENERS, '"'):
        return _unexpected_at(text, line, column)
    if token.type == "END":
        return MermaidProblem(line, column, "'end' without a 'subgraph' to close")
    if token.type in ("LINK", "TEXT_LINK") and "ID" in exc.expected:
        return MermaidProblem(line, column, f"the link '{token}' needs a node before it")
    if token.type == "_NL" or token.type == "SEMICOLON":
        return MermaidProblem(line, column, "the line ends where a node was expected (a link "
                              "needs a node on both sides)")
    if token.type == "DIR":
        return MermaidProblem(line, column, f"'{token}' is a direction; it goes after "
                              "'flowchart', or after 'direction' inside a subgraph")
    return MermaidProblem(line, column, f"unexpected '{str(token)[:30]}'; expected a link "
                          "(-->), '&', ';' or the end of the line")


def unclosed_subgraph(text: str) -> MermaidProblem:
    open_at: list[tuple[int, int]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        for statement in raw.split("%%")[0].split(";"):
            word = statement.split(None, 1)[0] if statement.strip() else ""
            if word == "subgraph":
                open_at.append((number, raw.index("subgraph") + 1))
            elif word == "end" and open_at:
                open_at.pop()
    if open_at:
        line, column = open_at[-1]
        return MermaidProblem(line, column, "this 'subgraph' has no 'end'")
    lines = [line.split("%%")[0].rstrip() for line in text.splitlines()]
    last = max((k for k, line in enumerate(lines, 1) if line.strip()), default=1)
    tail = lines[last - 1] if lines else ""
    if re.search(r"(?:--|==|-\.|~~)[-=.~]*[>ox]?(?:\|[^|]*\|)?$|&$", tail):
        # A link may go on to its target on the next line, so the end of the text is
        # where the target was missed; the place to fix is the end of the link's line.
        return MermaidProblem(last, len(tail) + 1, "the line ends where a node was expected "
                              "(a link needs a node on both sides)")
    return MermaidProblem(last, 1, "the diagram ends in the middle of a statement")


def prepare(text: str) -> tuple[str, list[MermaidProblem]]:
    """The text with what the grammar does not read blanked out, keeping every line and
    column where it was, and what was set aside: a front matter block (`---` … `---`,
    which carries a web page's title and theme) and `flowchart-elk`'s renderer hint."""
    lines = text.split("\n")
    notes: list[MermaidProblem] = []
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "---":
        close = next((k for k in range(first + 1, len(lines)) if lines[k].strip() == "---"),
                     None)
        if close is None:
            raise MermaidError([MermaidProblem(first + 1, 1, "the front matter opened with "
                                               "'---' here is never closed with '---'")])
        keys = [m.group(1) for line in lines[first + 1:close]
                if (m := re.match(r"([A-Za-z_][\w-]*)\s*:", line))]
        notes.append(MermaidProblem(first + 1, 1, "the front matter is ignored"
                                    + (f" ({', '.join(keys)})" if keys else "")
                                    + ": the slide has its own title and the theme its "
                                    "colours"))
        for k in range(first, close + 1):
            lines[k] = ""
    lines = _without_directives("\n".join(lines), notes).split("\n")
    for number, line in enumerate(lines):
        match = re.match(r"(\s*)flowchart-elk\b", line)
        if match:
            lines[number] = line.replace("flowchart-elk", "flowchart    ", 1)
            notes.append(MermaidProblem(number + 1, len(match.group(1)) + 1, "'flowchart-elk' "
                                        "asks a web page for the ELK layout; the slide is "
                                        "laid out by aligndeck's own layered layout"))
            break
        if line.strip() and not line.strip().startswith("%%"):
            break
    return "\n".join(lines), notes


_DIRECTIVE = re.compile(r"%%\{\s*([A-Za-z]*)(.*?)\}%%", re.DOTALL)


def _without_directives(text: str, notes: list[MermaidProblem]) -> str:
    """The text with each `%%{init: …}%%` directive (which may run over several lines)
    blanked out, lines and columns kept, and a note at each."""
    out, at = [], 0
    for match in _DIRECTIVE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        name = match.group(1) or "directive"
        notes.append(MermaidProblem(line, column, f"%%{{{name}}}%% is ignored: the deck's "
                                    "theme sets the colours, fonts and spacing"))
        out += [text[at:match.start()], re.sub(r"[^\n]", " ", match.group(0))]
        at = match.end()
    return "".join([*out, text[at:]])


SHAPE_NAMES: dict[str, Shape] = {
    **dict.fromkeys(("rect", "rectangle", "proc", "process"), "rect"),
    **dict.fromkeys(("rounded", "event"), "round"),
    **dict.fromkeys(("stadium", "pill", "terminal"), "stadium"),
    **dict.fromkeys(("fr-rect", "subproc", "subprocess", "subroutine", "framed-rectangle"),
                    "subroutine"),
    **dict.fromkeys(("cyl", "cylinder", "db", "database", "lin-cyl", "disk",
                     "lined-cylinder", "h-cyl", "das", "horizontal-cylinder"), "cylinder"),
    **dict.fromkeys(("circle", "circ", "dbl-circ", "double-circle", "sm-circ", "small-circle",
                     "start", "fr-circ", "framed-circle", "stop", "f-circ", "filled-circle",
                     "junction", "cross-circ", "crossed-circle", "summary"), "circle"),
    **dict.fromkeys(("diam", "diamond", "decision", "question"), "diamond"),
    **dict.fromkeys(("hex", "hexagon", "prepare"), "hexagon"),
    **dict.fromkeys(("lean-r", "lean-right", "in-out"), "lean-right"),
    **dict.fromkeys(("lean-l", "lean-left", "out-in"), "lean-left"),
    **dict.fromkeys(("trap-b", "trapezoid", "priority", "trapezoid-bottom"), "trapezoid"),
    **dict.fromkeys(("trap-t", "inv-trapezoid", "manual", "trapezoid-top"), "trapezoid-alt"),
    **dict.fromkeys(("odd",), "flag"),
}
"""Mermaid 11's shape names (and their aliases) for the shapes drawn here."""


def node_attributes(raw: str) -> tuple[Shape | None, Label | None, list[str]]:
    """A node's `@{ shape: …, label: "…" }`: its shape and label if given, and what could
    not be followed (an unknown shape is drawn as a rectangle; icons and images are not
    drawn), said as warnings. Pairs are split by commas or line breaks; a quoted value and
    a YAML block (`label: |` and indented lines) may run over several lines."""
    body = raw.strip()[2:-1]
    shape: Shape | None = None
    label: Label | None = None
    problems: list[str] = []
    for key, value in _pairs(body):
        if key == "shape":
            name = value.strip('"\'').strip()
            if name in SHAPE_NAMES:
                shape = SHAPE_NAMES[name]
            else:
                shape = "rect"
                problems.append(f"shape '{name}' is drawn as a rectangle (the shapes drawn "
                                "are those of the classic bracket syntax)")
        elif key == "label":
            label = parse_label(value if value.startswith('"') else f'"{value}"')
        else:
            problems.append(f"'{key}' is ignored (a slide draws neither icons nor images "
                            "in a flowchart, nor set sizes)")
    return shape, label, problems


_PAIR = re.compile(r'\s*([A-Za-z-]+)\s*:\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[|>][^\n]*(?:\n(?![ \t]*'
                   r'[A-Za-z-]+\s*:)[^\n]*)*|[^,\n]*)\s*[,\n]?')


def _pairs(body: str) -> list[tuple[str, str]]:
    """The `key: value` pairs of a node's attributes, values unquoted of a YAML block."""
    pairs = []
    for match in _PAIR.finditer(body):
        key, value = match.group(1), match.group(2).strip()
        if value[:1] in "|>":
            lines = [line.strip() for line in value[1:].split("\n") if line.strip()]
            value = "\n".join(lines) if value[0] == "|" else " ".join(lines)
        pairs.append((key, value))
    return pairs
