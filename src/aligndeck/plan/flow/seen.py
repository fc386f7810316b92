"""A layout as LibreOffice 7.4 draws it, and what that drawing adds to the plan's tangle.

PowerPoint draws a three-stretch elbow (a Z, `bentConnector3`) with its middle where the
plan put it (`adj1`); LibreOffice 7.4 draws it halfway between its ends whatever `adj1`
says (docs/notes/flowchart-connectors.md; checked again on corpus chart 11 as LibreOffice
renders it). No connector the deck can write changes that: a glued Z is re-routed by
LibreOffice from its two sites, and its ends are fixed by the boxes' sides. So where the
halfway line of a Z runs through a box, or along another link where the plan keeps them
apart, the layout itself must change (plan/flow/untangle.py weighs that as it weighs an
overlap). Pure arithmetic on the layout's geometry.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from aligndeck.plan.flow.geometry import FlowLayout, Point
from aligndeck.plan.flow.untangle import along
from aligndeck.plan.model import Rect

TOUCH = 6350
"""Half a point: a stretch this close to a box's side touches it, it does not pass inside."""

Drawn = tuple[int, str, str, Sequence[Point]]
"""A route: its edge, its two ends' names and its points."""


def halfway(points: Sequence[Point]) -> tuple[Point, ...]:
    """A route as LibreOffice 7.4 draws it: a Z with its middle halfway between its ends
    (rounded to the EMU); any other route as it is."""
    if len(points) != 4:
        return tuple(points)
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    if y0 == y1 and x1 == x2 and y2 == y3:  # across first: its middle is upright
        middle = round((x0 + x3) / 2)
        return ((x0, y0), (middle, y0), (middle, y3), (x3, y3))
    if x0 == x1 and y1 == y2 and x2 == x3:  # down first: its middle lies across
        middle = round((y0 + y3) / 2)
        return ((x0, y0), (x0, middle), (x3, middle), (x3, y3))
    return tuple(points)


def seen(layout: FlowLayout) -> tuple[int, set[tuple[int, tuple[str, str]]]]:
    """What LibreOffice's drawing of `layout` adds: links through a box and pairs of links
    on one line that the plan does not have; with the routes in them (index, ends), as
    `untangle.tangle` reports its own."""
    return worse([(r.index, r.start, r.end, r.points) for r in layout.routes], layout.boxes)


def worse(routes: Sequence[Drawn], boxes: Mapping[str, Rect]
          ) -> tuple[int, set[tuple[int, tuple[str, str]]]]:
    """The links among `routes` that LibreOffice draws through a box other than their
    ends, and the pairs it draws with a stretch on one line between different ends where
    the plan does not: how many, and the routes in them."""
    drawn = [(i, a, b, points, halfway(points)) for i, a, b, points in routes]
    count = 0
    found: set[tuple[int, tuple[str, str]]] = set()
    for i, a, b, points, shown in drawn:
        if tuple(points) == shown:
            continue
        for name, box in boxes.items():
            if name not in (a, b) and _through(shown, box):
                count += 1
                found.add((i, (a, b)))
    for (i, a0, a1, pa, sa), (j, b0, b1, pb, sb) in itertools.combinations(drawn, 2):
        if (tuple(pa) == sa and tuple(pb) == sb) or not sa or not sb:
            continue
        stem = (a0 == b0 and sa[0] == sb[0]) or (a1 == b1 and sa[-1] == sb[-1])
        if stem or _shared(pa, pb) or not _shared(sa, sb):
            continue
        count += 1
        found |= {(i, (a0, a1)), (j, (b0, b1))}
    return count, found


def _shared(a: Sequence[Point], b: Sequence[Point]) -> bool:
    return any(along(p, q, r, s) for p, q in itertools.pairwise(a)
               for r, s in itertools.pairwise(b) if p != q and r != s)


def _through(points: Sequence[Point], box: Rect) -> bool:
    """Whether a route of upright and level stretches passes inside `box` (shrunk by
    TOUCH)."""
    x0, y0, x1, y1 = box.x + TOUCH, box.y + TOUCH, box.right - TOUCH, box.bottom - TOUCH
    return any(min(p[0], q[0]) < x1 and max(p[0], q[0]) > x0 and
               min(p[1], q[1]) < y1 and max(p[1], q[1]) > y0
               for p, q in itertools.pairwise(points))
