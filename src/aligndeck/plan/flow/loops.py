"""Links from a box back to itself (`A --> A`): a loop round the box's top right corner,
out of its right side and into its top, drawn after the layout (which has no room for
them in its layers). Glued at both ends, as every connector is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aligndeck.outline.flowgraph import Edge
from aligndeck.plan.flow.sizing import edge_arrow, label_box
from aligndeck.plan.model import Diagram, Rect, inches

LOOP = inches(0.3)
"""How far a loop stands out of its box, right and above."""


def with_loops(diagram: Diagram, loops: Sequence[Edge], label_size: float,
               fonts: dict[str, str]) -> Diagram:
    """The diagram with each loop drawn round its box, its label beside the loop's top
    right corner, and revealed with its box."""
    boxes = {b.name: b.rect for b in diagram.boxes}
    arrows, labels = list(diagram.arrows), list(diagram.labels)
    steps = [list(step) for step in diagram.steps]
    for edge in loops:
        name = f"node-{edge.source}"
        if name not in boxes:
            name = f"subgraph-{edge.source}"
        r = boxes[name]
        points = ((r.right, r.cy), (r.right + LOOP, r.cy), (r.right + LOOP, r.y - LOOP),
                  (r.cx, r.y - LOOP), (r.cx, r.y))
        arrow = edge_arrow(edge, name, "right", name, "top", points)
        arrows.append(arrow)
        names = [arrow.name]
        spot = label_box(edge, (0, 0), label_size, fonts)
        if spot is not None:
            w, h = spot.rect.w, spot.rect.h
            labels.append(replace(spot, rect=Rect(r.right + LOOP + inches(0.04),
                                                  r.y - LOOP - h // 2, w, h)))
            names.append(spot.name)
        step = next((s for s in steps if name in s), None)
        if step is None:
            steps.append(names)
        else:
            step += names
    return replace(diagram, arrows=tuple(arrows), labels=tuple(labels),
                   steps=tuple(tuple(s) for s in steps))

