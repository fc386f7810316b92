"""A flowchart that is one loop (every box one link in and one out, all on one cycle) drawn
as a ring, as the deck's own feedback-loop slide draws a stage's loop: boxes on an ellipse,
clockwise from the first, each link a straight glued arrow to the next, its label inside
the ring beside its arrow. A chain with a link back to its start is how Mermaid writes a
loop; drawn as a column it leaves most of a wide slide empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.flowgraph import Edge, Flowchart
from aligndeck.plan.flow.nodes import node_box
from aligndeck.plan.flow.sizing import (
    FLOOR,
    LABEL_PAD,
    PREFERRED,
    box_sizes,
    edge_arrow,
    runs,
    text_inset,
    written,
)
from aligndeck.plan.layout import facing_sides, loop_rects
from aligndeck.plan.model import (
    Box,
    Colour,
    Diagram,
    Emu,
    Rect,
    TextFrame,
)

MUTED = Colour("muted")

def cycle(chart: Flowchart, edges: Sequence[Edge]) -> list[int] | None:
    """The indices of `edges` in the order of the chart's one loop, from its first node;
    None unless the chart is exactly one loop of 3 to 8 boxes with no groups."""
    drawn = [e for e in edges if e.line_style != "invisible"]
    count = len(chart.nodes)
    if chart.subgraphs or not 3 <= count <= 8 or len(drawn) != count or \
            len(edges) != count:
        return None
    out = {e.source: i for i, e in enumerate(edges)}
    if len(out) != count or len({e.target for e in edges}) != count:
        return None
    order, node = [], chart.nodes[0].id
    for _ in range(count):
        if node not in out:
            return None
        order.append(out[node])
        node = edges[out[node]].target
    return order if node == chart.nodes[0].id and len(set(order)) == count else None


def plan_ring(chart: Flowchart, edges: Sequence[Edge], area: Rect, fonts: dict[str, str],
              corner: Emu, alt_text: str, most: float = PREFERRED
              ) -> tuple[Diagram, float] | None:
    """The loop as a ring at the largest size from `most` down to the floor at which its
    boxes and labels fit the area without touching; None when it is no loop or fits at
    no size."""
    order = cycle(chart, edges)
    if order is None:
        return None
    size = most
    while size >= FLOOR:
        drawn = _ring(chart, edges, order, area, fonts, corner, size, alt_text)
        if drawn is not None:
            return drawn, size
        size -= 1
    return None


def _ring(chart: Flowchart, edges: Sequence[Edge], order: Sequence[int], area: Rect,
          fonts: dict[str, str], corner: Emu, size: float, alt_text: str) -> Diagram | None:
    sizes, fits = box_sizes(chart, edges, size, fonts)
    if fits is None:
        return None
    box_w = max([sizes.box_w, *sizes.wides.values()])
    box_h = max([sizes.box_h, *sizes.mains.values()])
    if 2 * box_w > area.w or 2 * box_h > area.h:
        return None
    ids = [edges[i].source for i in order]
    rects = dict(zip(ids, loop_rects(len(ids), area, box_w, box_h), strict=True))
    inset = text_inset(size)
    boxes = [node_box(node, rects[node.id], fits[node.id], corner, inset)
             for node in chart.nodes]
    middle = (area.x + area.w // 2, area.y + area.h // 2)
    arrows, labels, steps = [], [], [[f"node-{ids[0]}"]]
    label_size = max(FLOOR, size - 2)
    for index in order:
        edge = edges[index]
        start, end = f"node-{edge.source}", f"node-{edge.target}"
        a, b = rects[edge.source], rects[edge.target]
        out, into = facing_sides(a, b)
        arrow = edge_arrow(edge, start, out, end, into,
                           (a.side_midpoint(out), b.side_midpoint(into)))
        arrows.append(arrow)
        step = [arrow.name]
        if edge.label is not None and index in sizes.labels:
            w, h = sizes.labels[index]
            spot = _inside(arrow.begin, arrow.finish, middle, w, h)
            labels.append(Box(f"edge-label-{edge.source}-{edge.target}", spot,
                              Colour("background"),
                              frame=TextFrame(written(runs(edge.label, label_size, MUTED),
                                                      w - LABEL_PAD, fonts,
                                                      chart.language),
                                              anchor="middle", inset=0)))
            step.append(labels[-1].name)
        if edge.target != ids[0]:
            step.insert(0, f"node-{edge.target}")
        steps.append(step)
    placed = [b.rect for b in boxes] + [b.rect for b in labels]
    if any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1:]):
        return None
    if any(r.x < area.x or r.y < area.y or r.right > area.right or r.bottom > area.bottom
           for r in placed):
        return None
    return Diagram("flowchart", alt_text, tuple(boxes), tuple(arrows), tuple(labels),
                   tuple(tuple(s) for s in steps))


def _inside(begin: tuple[Emu, Emu], finish: tuple[Emu, Emu], middle: tuple[Emu, Emu],
            w: Emu, h: Emu) -> Rect:
    """A label's box beside the middle of its arrow, on the side towards the ring's
    middle, just clear of the arrow."""
    mx, my = (begin[0] + finish[0]) // 2, (begin[1] + finish[1]) // 2
    dx, dy = middle[0] - mx, middle[1] - my
    # Push the box off the arrow by half its own size, along whichever way it leans more.
    if abs(dx) * h >= abs(dy) * w:
        x = mx + (w // 2 + w // 8 if dx > 0 else -w // 2 - w // 8)
        return Rect(x - w // 2, my - h // 2, w, h)
    y = my + (h // 2 + h // 4 if dy > 0 else -h // 2 - h // 4)
    return Rect(mx - w // 2, y - h // 2, w, h)
