"""A laid-out flowchart with its empty stripes taken out, for a chart that does not fit.

The packing (plan/flow/position.py) keeps each layer's order and reserves legs for long
links, and on a dense chart, or a part of one cut over several slides, it can leave wide
empty bands: a stripe across the whole drawing that no box, label, group edge or connector
running along it touches. Such a stripe can be narrowed without changing anything that is
drawn in it: connectors that cross it only get shorter, nothing moves past anything else,
so no crossing, overlap or box in the way appears. Every stripe is kept at least `keep`
wide (a connector's straight run out of a box). Pure geometry on plan/flow/geometry.py's
FlowLayout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from aligndeck.plan.flow.geometry import FlowLayout, FlowSizes, Route
from aligndeck.plan.model import Emu, Rect

Interval = tuple[Emu, Emu]


def squeeze(layout: FlowLayout, sizes: FlowSizes, keep: Emu) -> FlowLayout:
    """`layout` with every empty stripe, across and down, narrowed to `keep`."""
    return _squeezed(_squeezed(layout, sizes, keep, across=True), sizes, keep, across=False)


def _squeezed(layout: FlowLayout, sizes: FlowSizes, keep: Emu, across: bool) -> FlowLayout:
    """One axis: `across` takes out horizontal stripes (moving y), else vertical ones."""
    def span(rect: Rect) -> Interval:
        return (rect.y, rect.bottom) if across else (rect.x, rect.right)

    taken: list[Interval] = [span(r) for r in layout.boxes.values()]
    taken += [span(r) for route in layout.routes for r in (route.label, route.twin_label)
              if r is not None]
    for name, rect in layout.clusters.items():
        low, high = span(rect)
        if across:  # its title band at the top, its padding at the bottom
            taken += [(low, low + sizes.pad + sizes.title), (high - sizes.pad, high)]
        else:  # its padding at each side, and its title's width from the left
            title = sizes.titles.get(name, 0)
            taken += [(low, low + max(sizes.pad, title)), (high - sizes.pad, high)]
    for route in layout.routes:
        for (x0, y0), (x1, y1) in zip(route.points, route.points[1:], strict=False):
            if across and y0 == y1:
                taken.append((y0, y0))
            elif not across and x0 == x1:
                taken.append((x0, x0))
    total = layout.height if across else layout.width
    cuts = _free(taken, total, keep)
    if not cuts:
        return layout
    move = _mover(cuts)

    def shifted(r: Rect) -> Rect:
        if across:
            top = move(r.y)
            return Rect(r.x, top, r.w, move(r.bottom) - top)
        left = move(r.x)
        return Rect(left, r.y, move(r.right) - left, r.h)

    def point(p: tuple[Emu, Emu]) -> tuple[Emu, Emu]:
        return (p[0], move(p[1])) if across else (move(p[0]), p[1])

    def rerouted(r: Route) -> Route:
        return Route(r.index, r.start, r.start_side, r.end, r.end_side,
                     tuple(point(p) for p in r.points),
                     None if r.label is None else shifted(r.label), r.twin,
                     None if r.twin_label is None else shifted(r.twin_label))

    boxes = {n: shifted(r) for n, r in layout.boxes.items()}
    clusters = {n: shifted(r) for n, r in layout.clusters.items()}
    width, height = (layout.width, move(total)) if across else (move(total), layout.height)
    return FlowLayout(width, height, boxes, clusters, tuple(rerouted(r) for r in layout.routes),
                      layout.layers, layout.layer_count, layout.widest)


def _free(taken: Iterable[Interval], total: Emu, keep: Emu) -> list[tuple[Emu, Emu]]:
    """The stripes between `taken` intervals (and the ends, 0 and `total`) wider than
    `keep`, as (where the stripe ends, how much of it is taken out)."""
    out: list[tuple[Emu, Emu]] = []
    reach: Emu = 0
    for low, high in sorted(taken):
        if low - reach > keep:
            out.append((low, low - reach - keep))
        reach = max(reach, high)
    if total - reach > keep:
        out.append((total, total - reach - keep))
    return out


def _mover(cuts: list[tuple[Emu, Emu]]) -> Callable[[Emu], Emu]:
    """A coordinate moved back by every stripe taken out before it."""
    def move(at: Emu) -> Emu:
        return at - sum(amount for end, amount in cuts if end <= at)

    return move
