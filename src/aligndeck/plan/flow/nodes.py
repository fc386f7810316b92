"""A flowchart node's box, one drawing for every layout (layers, bands, parts, the ring):
its preset shape, the theme's surface with the house outline, or the accent when a class
or style asked for a fill, and a "continued" marker as a dashed outline only."""

from __future__ import annotations

from aligndeck.outline.flowgraph import Node
from aligndeck.plan.flow.sizing import GEOMETRY, runs, written
from aligndeck.plan.model import EMU_PER_PT, Box, Colour, Emu, Rect, TextFrame
from aligndeck.plan.text import Fit

INK, MUTED, ACCENT, ON_ACCENT = Colour("ink"), Colour("muted"), Colour("accent"), \
    Colour("on_accent")
NODE_FILL = Colour("surface")
LINE = Colour("line")


def node_box(node: Node, rect: Rect, fit: Fit, corner: Emu, inset: Emu) -> Box:
    """`node` drawn in `rect` with its text as `fit` measured it (its size, and the lines
    it chose written in where a renderer would break elsewhere)."""
    geometry, flip, _, _ = GEOMETRY[node.shape]
    colour = ON_ACCENT if node.accent else MUTED if node.continued else INK
    radius = {"rect": corner // 2, "round": corner * 2, "stadium": rect.h // 2}.get(
        node.shape, 0)
    # A "continued" marker is an outline only, dashed: it stands for a box drawn on
    # another slide.
    fill = ACCENT if node.accent else None if node.continued else NODE_FILL
    return Box(f"node-{node.id}", rect, fill,
               line=MUTED if node.continued else None if node.accent else LINE,
               line_width=1.0, radius=radius,
               frame=TextFrame(written(runs(node.label, fit.size, colour),
                                       round(fit.width_pt * EMU_PER_PT), fit.fonts,
                                       fit.language),
                               anchor="middle", inset=inset),
               geometry=geometry, flip=flip, dash=node.continued)
