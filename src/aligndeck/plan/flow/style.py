"""A chart's own colours and lines (classDef, style, linkStyle) mapped onto the theme.

`restyle` is a pass over a planned diagram: it finds each styled node's box and each styled
link's connector by their stable names (`node-A`, `edge-A-B`) and gives them theme colours,
so the layout never needs to know about styles. A fill becomes the theme accent nearest in
hue (a pale fill a light tint of it), a grey a neutral; the text on it is whichever of the
theme's ink and the accent's text colour reads better; dashes and line widths are kept. So
a deck stays in its template's colours while a chart's orange stays orange wherever the
template has an orange.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aligndeck.outline.flowgraph import Edge, Flowchart, Node, Paint
from aligndeck.plan.lint import is_large
from aligndeck.plan.model import Arrow, Box, Colour, Diagram, Role, TextFrame
from aligndeck.plan.theme import ACCENTS, Theme, contrast_ratio, hls, hue_distance

INK, MUTED, ACCENT, ON_ACCENT = Colour("ink"), Colour("muted"), Colour("accent"), \
    Colour("on_accent")
NODE_FILL, LINE = Colour("surface"), Colour("line")

GREY = 0.15
"""HSL saturation below which an asked colour counts as grey and maps to a neutral."""
PALE = 0.82
"""HSL lightness above which an asked fill is pale and maps to a light tint of its accent."""
PALE_TINT = 75
AA, AA_LARGE = 4.5, 3.0
"""WCAG AA's contrast for text, and for large text (24 pt, or 18 pt bold, and up: the
house design's rule, `is_large` in plan/lint.py)."""
TINT_STEP = 10
"""How far (percent toward the page) a fill too dark for both text colours is lightened
per step."""
WIDTHS = (0.5, 6.0)
"""Line widths a style may ask for, in points (Mermaid's px are read as 0.75 pt)."""


@dataclass(frozen=True)
class Look:
    """How one node is drawn: fill, text colour, outline, outline width, dashes."""

    fill: Colour | None
    text: Colour
    line: Colour | None
    line_width: float = 1.0
    dash: bool = False


def nearest_accent(hex_colour: str, theme: Theme) -> Role | None:
    """The theme accent nearest in hue to `hex_colour`; None for a grey (or when the
    theme's accents are all grey)."""
    hue, _, saturation = hls(hex_colour)
    if saturation < GREY:
        return None
    best: tuple[float, Role] | None = None
    for role in ACCENTS:
        accent_hue, _, accent_saturation = hls(theme.hex(Colour(role)))
        if accent_saturation < GREY:
            continue
        distance = hue_distance(hue, accent_hue)
        if best is None or distance < best[0]:
            best = distance, role
    return best[1] if best else None


def _readable_on(fill: Colour, theme: Theme) -> Colour:
    """Ink or the accent's text colour, whichever contrasts more with `fill`."""
    shown = theme.hex(fill)
    return max((ON_ACCENT, INK), key=lambda c: contrast_ratio(theme.hex(c), shown))


def _readable_fill(fill: Colour, theme: Theme, needed: float) -> tuple[Colour, Colour]:
    """`fill` and the text on it; where neither text colour reaches `needed` (WCAG AA) on
    the fill (a template's mid-tone accent), the fill tinted toward the page in steps until
    one does, so an asked colour keeps its hue and its words stay readable."""
    for tint in range(fill.tint, 100, TINT_STEP):
        tinted = Colour(fill.role, tint)
        text = _readable_on(tinted, theme)
        if contrast_ratio(theme.hex(text), theme.hex(tinted)) >= needed:
            return tinted, text
    return fill, _readable_on(fill, theme)


def _mapped(hex_colour: str, theme: Theme, *, pale_ok: bool) -> Colour:
    """An asked colour as a theme colour: its nearest accent (tinted when pale), or for a
    grey the page's surface (light) or the muted ink (dark)."""
    _, lightness, _ = hls(hex_colour)
    role = nearest_accent(hex_colour, theme)
    if role is None:
        return NODE_FILL if lightness >= 0.5 else MUTED
    return Colour(role, PALE_TINT if pale_ok and lightness > PALE else 0)


def node_look(node: Node, theme: Theme, needed: float = AA) -> Look:
    """The theme's colours for one node: the house look, or what its style asked for, with
    text that reaches `needed` on its fill (AA's 4.5:1; 3:1 for large text)."""
    paint = node.paint
    if paint.fill is not None:
        fill = _mapped(paint.fill, theme, pale_ok=True)
    else:
        fill = ACCENT if node.accent else NODE_FILL
    text = INK
    if fill != NODE_FILL:
        fill, text = _readable_fill(fill, theme, needed)
    # The house outline on the surface, the accent itself round its pale tint, none
    # round a full colour.
    line: Colour | None = LINE if fill == NODE_FILL else Colour(fill.role) if fill.tint \
        else None
    if paint.stroke is not None:
        stroke = _mapped(paint.stroke, theme, pale_ok=False)
        line = LINE if stroke == NODE_FILL else stroke
    width = 1.0 if paint.width is None else min(max(paint.width, WIDTHS[0]), WIDTHS[1])
    return Look(fill, text, line, width, bool(paint.dash))


def edge_look(edge: Edge, theme: Theme) -> tuple[Colour, float, bool]:
    """A connector's colour, width in points and dashes: the house's, or linkStyle's."""
    paint = edge.paint
    colour = MUTED
    if paint.stroke is not None:
        mapped = _mapped(paint.stroke, theme, pale_ok=False)
        colour = MUTED if mapped in (NODE_FILL, MUTED) else mapped
    width = 3.0 if edge.line_style == "thick" else 1.75
    if paint.width is not None:
        width = min(max(paint.width, WIDTHS[0]), WIDTHS[1])
    dash = edge.line_style == "dotted" if paint.dash is None else paint.dash
    return colour, width, dash


def restyle(diagram: Diagram, chart: Flowchart, theme: Theme) -> Diagram:
    """`diagram`, planned from `chart`, with the chart's own styles mapped onto `theme`:
    boxes of styled nodes take their look (fill, outline, dashes, and a readable text
    colour), connectors of styled links their colour, width and dashes. Unstyled shapes,
    and shapes that stand for no node or link of the chart, are left as planned."""
    nodes = {f"node-{n.id}": n for n in chart.nodes if n.accent or n.paint != Paint()}
    edges: dict[str, Edge] = {}
    for edge in chart.edges:  # repeated links are drawn as one: the first styled one wins
        if edge.paint != Paint():
            edges.setdefault(f"edge-{edge.source}-{edge.target}", edge)
    if not nodes and not edges:
        return diagram
    boxes = tuple(_box(box, node_look(nodes[box.name], theme, _needed(box)))
                  if box.name in nodes else box for box in diagram.boxes)
    arrows = tuple(_arrow(arrow, *edge_look(edges[arrow.name], theme))
                   if arrow.name in edges else arrow for arrow in diagram.arrows)
    return replace(diagram, boxes=boxes, arrows=arrows)


def _needed(box: Box) -> float:
    """The contrast WCAG AA asks of `box`'s text, as the lint checks it (plan/lint.py)."""
    runs = [r for p in box.frame.paragraphs for r in p.runs] if box.frame else []
    return AA_LARGE if runs and all(is_large(r) for r in runs) else AA


def _box(box: Box, look: Look) -> Box:
    frame = box.frame
    if frame is not None:
        frame = TextFrame(tuple(replace(p, runs=tuple(replace(r, colour=look.text)
                                                      for r in p.runs))
                                for p in frame.paragraphs), frame.anchor, frame.inset)
    return replace(box, fill=look.fill, line=look.line, line_width=look.line_width,
                   dash=look.dash, frame=frame)


def _arrow(arrow: Arrow, colour: Colour, width: float, dash: bool) -> Arrow:
    return replace(arrow, colour=colour, width=width, dash=dash)


def restyle_text(diagram: Diagram, text: str, theme: Theme) -> Diagram:
    """`restyle` for a diagram planned from the Mermaid `text` (read once already, so it
    reads again without problems)."""
    from aligndeck.outline.mermaid import parse_flowchart

    return restyle(diagram, parse_flowchart(text), theme)
