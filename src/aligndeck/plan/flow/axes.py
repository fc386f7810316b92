"""The layout's last step: its abstract axes (`main` along the flow, `cross` across it)
turned into slide x and y, every route squared to whole, even EMU."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from aligndeck.plan.flow.geometry import Direction, FlowLayout, Point, Route
from aligndeck.plan.flow.layers import Graph, Layering
from aligndeck.plan.model import Rect, Side

SIDES: dict[str, dict[str, Side]] = {
    "TB": {"in": "top", "out": "bottom", "before": "left", "after": "right"},
    "BT": {"in": "bottom", "out": "top", "before": "left", "after": "right"},
    "LR": {"in": "left", "out": "right", "before": "top", "after": "bottom"},
    "RL": {"in": "right", "out": "left", "before": "top", "after": "bottom"},
}
"""The sides a route leaves and enters by, in each direction."""


def to_real(graph: Graph, direction: Direction, layering: Layering,
             boxes: Mapping[str, tuple[float, float, float, float]],
             clusters: Mapping[str, tuple[float, float, float, float]],
             routes: Sequence[tuple[int, str, str, list[tuple[float, float]]]],
             labels: Mapping[int, tuple[float, float, float, float]],
             total_main: float, twin_of: Mapping[int, int]
             ) -> FlowLayout:
    """Abstract (main, cross) to slide x and y, shifted so everything starts at (0, 0)."""
    flip = direction in ("BT", "RL")
    horizontal = direction in ("LR", "RL")

    def point(m: float, c: float) -> tuple[float, float]:
        m = total_main - m if flip else m
        return (m, c) if horizontal else (c, m)

    def rect(m0: float, m1: float, c0: float, c1: float) -> tuple[float, float, float, float]:
        (x0, y0), (x1, y1) = point(m0, c0), point(m1, c1)
        return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)

    raw_boxes = {n: rect(m, m + size, c, c + across)
                 for n, (m, c, size, across) in boxes.items()}
    raw_clusters = {cid: rect(*v) for cid, v in clusters.items()}
    raw_labels = {i: rect(*v) for i, v in labels.items()}
    raw_points = [(i, a, b, [point(m, c) for m, c in pts]) for i, a, b, pts in routes]
    every_raw = (*raw_boxes.values(), *raw_clusters.values(), *raw_labels.values())
    xs = [r[0] for r in every_raw]
    ys = [r[1] for r in every_raw]
    xs += [p[0] for *_, pts in raw_points for p in pts]
    ys += [p[1] for *_, pts in raw_points for p in pts]
    dx, dy = -min(xs), -min(ys)

    def r(v: tuple[float, float, float, float]) -> Rect:
        return Rect(round(v[0] + dx), round(v[1] + dy), round(v[2]), round(v[3]))

    real_boxes = {n: r(v) for n, v in raw_boxes.items()}
    real_clusters = {cid: r(v) for cid, v in raw_clusters.items()}
    sides = SIDES[direction]
    out_routes = []
    placed: list[Rect] = []
    for i, side_a, side_b, pts in raw_points:
        a, b = graph.edges[i]
        ints = [(round(x + dx), round(y + dy)) for x, y in pts]
        ints[0] = real_boxes[a].side_midpoint(sides[side_a])
        ints[-1] = _on_side(real_boxes[b], sides[side_b], ints[-1])
        if len(ints) == 4:
            ints = _square(ints)
        elif len(ints) == 3:
            (x0, y0), (_x1, y1), (x3, y3) = ints
            ints = [(x0, y0), (x3, y0) if y1 == y0 else (x0, y3), (x3, y3)]
        twin = twin_of.get(i)
        label = r(raw_labels[i]) if i in raw_labels else None
        twin_label = r(raw_labels[twin]) if twin is not None and twin in raw_labels else None
        placed += [x for x in (label, twin_label) if x is not None]
        out_routes.append(Route(i, a, sides[side_a], b, sides[side_b], tuple(ints), label,
                                twin, twin_label))
    every = [*real_boxes.values(), *real_clusters.values(), *placed]
    width = max([rc.right for rc in every] + [p[0] for rt in out_routes for p in rt.points])
    height = max([rc.bottom for rc in every] + [p[1] for rt in out_routes for p in rt.points])
    per_layer: dict[int, int] = defaultdict(int)
    for level in layering.layer.values():
        per_layer[level] += 1
    return FlowLayout(width, height, real_boxes, real_clusters, tuple(out_routes),
                      dict(layering.layer), layering.count, max(per_layer.values(), default=0))


def _square(points: list[Point]) -> list[Point]:
    """Keep an elbow's middle segment square to its ends after rounding."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    if x1 == x2 or abs(x1 - x2) < abs(y1 - y2):  # a vertical middle: legs are horizontal
        return [(x0, y0), (x1, y0), (x1, y3), (x3, y3)]
    return [(x0, y0), (x0, y1), (x3, y1), (x3, y3)]


def _on_side(box: Rect, side: Side, point: Point) -> Point:
    """The point of `box`'s `side` level with `point`: its middle, unless the route ends at
    a port of its own away from the middle (plan/flow/ports.py)."""
    mid = box.side_midpoint(side)
    if side in ("top", "bottom"):
        return mid if abs(point[0] - mid[0]) <= 2 else (round(point[0]), mid[1])
    return mid if abs(point[1] - mid[1]) <= 2 else (mid[0], round(point[1]))
