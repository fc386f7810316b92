"""Styling in a Mermaid flowchart (`classDef`, `class`, `:::name`, `style`, `linkStyle`) read
into Paint: the colours and lines a chart asks for, as written. The plan maps them onto the
theme (plan/flow/style.py); what no slide can show is said as a warning at its place."""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, field, fields, replace

from aligndeck.outline.flowgraph import Edge, MermaidProblem, Node, Paint

FOLLOWED = {"fill", "stroke", "stroke-width", "stroke-dasharray", "color"}
"""Style keys a slide can show: colours (mapped onto the theme), line width and dashes."""

_NAMED = {
    "black": "000000", "white": "FFFFFF", "gray": "808080", "grey": "808080",
    "silver": "C0C0C0", "lightgray": "D3D3D3", "lightgrey": "D3D3D3", "darkgray": "A9A9A9",
    "darkgrey": "A9A9A9", "red": "FF0000", "darkred": "8B0000", "crimson": "DC143C",
    "orange": "FFA500", "darkorange": "FF8C00", "coral": "FF7F50", "tomato": "FF6347",
    "gold": "FFD700", "yellow": "FFFF00", "khaki": "F0E68C", "green": "008000",
    "lime": "00FF00", "lightgreen": "90EE90", "darkgreen": "006400", "olive": "808000",
    "teal": "008080", "cyan": "00FFFF", "aqua": "00FFFF", "turquoise": "40E0D0",
    "blue": "0000FF", "navy": "000080", "lightblue": "ADD8E6", "skyblue": "87CEEB",
    "steelblue": "4682B4", "royalblue": "4169E1", "purple": "800080", "violet": "EE82EE",
    "magenta": "FF00FF", "fuchsia": "FF00FF", "pink": "FFC0CB", "hotpink": "FF69B4",
    "brown": "A52A2A", "maroon": "800000", "tan": "D2B48C", "beige": "F5F5DC",
    "lavender": "E6E6FA", "salmon": "FA8072", "indigo": "4B0082",
}
"""Common CSS colour names; others are said to be unknown."""


def read_colour(value: str) -> str | None:
    """A CSS colour as RRGGBB (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), a common
    name), or None for what is not one (`none`, `transparent`, a gradient)."""
    text = value.strip().lower()
    if match := re.fullmatch(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", text):
        digits = match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits[:3])
        return digits[:6].upper()
    if match := re.fullmatch(r"(rgba?|hsla?)\(([^)]*)\)", text):
        parts = [p for p in re.split(r"[\s,/]+", match.group(2)) if p]
        try:
            numbers = [float(p.rstrip("%deg")) for p in parts[:3]]
        except ValueError:
            return None
        if len(numbers) < 3:
            return None
        if match.group(1).startswith("rgb"):
            rgb = [n * 2.55 if p.endswith("%") else n for n, p in zip(numbers, parts, strict=False)]
        else:
            r, g, b = colorsys.hls_to_rgb(numbers[0] / 360 % 1, numbers[2] / 100,
                                          numbers[1] / 100)
            rgb = [r * 255, g * 255, b * 255]
        return "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)
    return _NAMED.get(text)


def _declarations(text: str) -> list[tuple[str, str]]:
    """`fill:#f96,stroke:rgb(1,2,3)` as key and value pairs (commas inside brackets kept)."""
    # A comma starts a new declaration only before `key:` (`stroke-dasharray: 9,5` is one).
    parts = re.split(r",(?![^(]*\))(?=\s*[A-Za-z-]+\s*:)", text.strip().rstrip(";"))
    pairs = []
    for part in parts:
        key, _, value = part.partition(":")
        if key.strip():
            pairs.append((key.strip().lower(), value.strip()))
    return pairs


def read_style(text: str) -> tuple[Paint, list[str]]:
    """A style's declarations as Paint, and what of them is not followed, in words."""
    paint = Paint()
    ignored: list[str] = []
    for key, value in _declarations(text):
        if key not in FOLLOWED:
            ignored.append(key)
        elif key in ("fill", "stroke", "color"):
            colour = read_colour(value)
            if colour is None and value.lower() not in ("none", "transparent"):
                ignored.append(f"{key} '{value}' (not a colour)")
            paint = (replace(paint, fill=colour) if key == "fill" else
                     replace(paint, stroke=colour) if key == "stroke" else
                     replace(paint, color=colour))
        elif key == "stroke-width":
            match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(px|pt)?", value)
            if match is None:
                ignored.append(f"stroke-width '{value}'")
                continue
            number = float(match.group(1))
            paint = replace(paint, width=number if match.group(2) == "pt" else number * 0.75)
        else:
            paint = replace(paint, dash=value not in ("", "0", "none"))
    return paint, ignored


def merged(under: Paint, over: Paint) -> Paint:
    """`over`'s settings where it has them, `under`'s elsewhere."""
    return replace(under, **{f.name: getattr(over, f.name) for f in fields(Paint)
                             if getattr(over, f.name) is not None})


@dataclass
class Styles:
    """The styling statements of one chart, gathered in order and applied at the end (a
    style may come before the node it names)."""

    classes: dict[str, Paint] = field(default_factory=dict)
    assigned: list[tuple[str, str, int, int]] = field(default_factory=list)
    styled: list[tuple[str, Paint, int, int]] = field(default_factory=list)
    links: list[tuple[str, Paint, int, int]] = field(default_factory=list)
    warnings: list[MermaidProblem] = field(default_factory=list)

    def classdef(self, rest: str, line: int, column: int) -> None:
        names, _, text = rest.strip().partition(" ")
        paint, ignored = read_style(text)
        for name in names.split(","):
            self.classes[name] = paint
        self._ignored(f"classDef {names}", ignored, line, column)

    def assign(self, rest: str, line: int, column: int) -> None:
        """`class a,b name`."""
        parts = rest.split()
        if len(parts) < 2:
            self.warnings.append(MermaidProblem(line, column, "'class' needs node ids and a "
                                                "class name; ignored"))
            return
        for node_id in "".join(parts[:-1]).split(","):
            self.assigned.append((node_id, parts[-1], line, column))

    def style(self, rest: str, line: int, column: int) -> None:
        node_id, _, text = rest.strip().partition(" ")
        paint, ignored = read_style(text)
        self.styled.append((node_id, paint, line, column))
        self._ignored(f"style {node_id}", ignored, line, column)

    def linkstyle(self, rest: str, line: int, column: int) -> None:
        """`linkStyle 0,2 stroke:…` or `linkStyle default …`; `interpolate` names a curve."""
        which, _, text = rest.strip().partition(" ")
        text = text.strip()
        curve = re.match(r"interpolate\s+\S+\s*", text)
        if curve:
            text = text[curve.end():]
        paint, ignored = read_style(text)
        ignored = [key for key in ignored if key != "fill"]  # `fill:none`: a link has none
        if curve:
            ignored.insert(0, "interpolate (the curve)")
        self.links.append((which, paint, line, column))
        self._ignored(f"linkStyle {which}", ignored, line, column)

    def _ignored(self, what: str, ignored: list[str], line: int, column: int) -> None:
        if ignored:
            self.warnings.append(MermaidProblem(
                line, column, f"{what}: {', '.join(ignored)} ignored (a slide shows a "
                "style's colours, line width and dashes; the theme sets type and shapes)"))

    def apply(self, nodes: dict[str, Node], edges: list[Edge], groups: set[str],
              edge_ids: dict[str, list[int]]) -> None:
        """Paint the nodes and edges: the `default` class, then classes in the order they
        were given, then `style`; links by index or `default`, or a class given to an edge
        id (`class e1 name`). Names the chart does not have are said as warnings."""
        paints = {node_id: self.classes.get("default", Paint()) for node_id in nodes}
        for node_id, name, line, column in self.assigned:
            if node_id in edge_ids and node_id not in nodes and name in self.classes:
                for index in edge_ids[node_id]:
                    edges[index] = replace(edges[index], paint=merged(edges[index].paint,
                                                                      self.classes[name]))
            elif node_id not in nodes:
                if node_id not in groups:
                    self._warn(line, column, f"class '{name}' names the node '{node_id}', "
                               "which the diagram does not have")
            elif name not in self.classes:
                self._warn(line, column, f"class '{name}' is never defined with classDef; "
                           "ignored")
            else:
                paints[node_id] = merged(paints[node_id], self.classes[name])
        for node_id, paint, line, column in self.styled:
            if node_id in nodes:
                paints[node_id] = merged(paints[node_id], paint)
            elif node_id in groups:
                self._warn(line, column, f"style {node_id}: a subgraph keeps the theme's "
                           "outline")
            else:
                self._warn(line, column, f"style names '{node_id}', which the diagram does "
                           "not have")
        for node_id, paint in paints.items():
            if paint != Paint():
                nodes[node_id] = replace(nodes[node_id], paint=paint,
                                         accent=paint.fill is not None)
        self._apply_links(edges)

    def _apply_links(self, edges: list[Edge]) -> None:
        for which, paint, line, column in self.links:
            chosen: list[int]
            if which == "default":
                chosen = list(range(len(edges)))
            else:
                try:
                    chosen = [int(i) for i in which.split(",")]
                except ValueError:
                    self._warn(line, column, f"linkStyle '{which}' is not a link number "
                               "(0 is the first link) or 'default'; ignored")
                    continue
                outside = [i for i in chosen if not 0 <= i < len(edges)]
                if outside:
                    self._warn(line, column, f"linkStyle {which}: the chart has "
                               f"{len(edges)} links, numbered 0 to {len(edges) - 1}; "
                               f"{', '.join(map(str, outside))} ignored")
                chosen = [i for i in chosen if 0 <= i < len(edges)]
            for index in chosen:
                edges[index] = replace(edges[index], paint=merged(edges[index].paint, paint))

    def _warn(self, line: int, column: int, message: str) -> None:
        self.warnings.append(MermaidProblem(line, column, message))
