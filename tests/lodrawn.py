"""A flowchart slide as LibreOffice drew it: its connectors read back from the PDF that
LibreOffice made of the deck, its boxes from the .pptx, as a tests/flowmetrics.py Drawing
(in points), so that what LibreOffice draws is measured as the plan is.

A connector is drawn as one stroked open path of upright and level stretches (its
arrowhead is a separate filled triangle); a box's outline is a closed path. Each end of a
connector is put to the box whose outline is nearest, and carried on to that outline (an
arrowhead stands between the line's end and its box: a few points). Lines that end by no
box (rules of the design) and loops (both ends on one box) are left out. Used by
tests/test_flowdrawn.py and bench/flowcharts.py (--drawn).
"""

from __future__ import annotations

import itertools
from typing import Any

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from flowmetrics import Box, Drawing, Link, Point

EMU_PER_PT = 12700
NEAR = 9.0
"""How far (in points) a connector's end may stand from the box it is glued to: its
arrowhead's length and some."""
LEVEL = 0.6
"""Stretches that differ by less than this across (points) are upright or level."""


def boxes_of(slide: Any, prefixes: tuple[str, ...] = ("node-",)) -> tuple[Box, ...]:
    """The flowchart's boxes (shapes named node-…; with `prefixes`, others too) of a
    python-pptx slide, in points on the slide (inside the chart's group, which may scale
    its children)."""
    out: list[Box] = []

    def walk(shapes: Any, place: Any) -> None:
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                xfrm = shape.element.grpSpPr.find(qn("a:xfrm"))
                off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
                sx = int(ext.get("cx")) / max(int(ch_ext.get("cx")), 1)
                sy = int(ext.get("cy")) / max(int(ch_ext.get("cy")), 1)
                ox, oy = int(off.get("x")), int(off.get("y"))
                cx, cy = int(ch_off.get("x")), int(ch_off.get("y"))
                walk(shape.shapes, lambda x, y, w, h, s=(sx, sy, ox, oy, cx, cy): place(
                    s[2] + (x - s[4]) * s[0], s[3] + (y - s[5]) * s[1], w * s[0], h * s[1]))
            elif shape.name.startswith(prefixes):
                x, y, w, h = place(shape.left, shape.top, shape.width, shape.height)
                out.append(Box(shape.name, x / EMU_PER_PT, y / EMU_PER_PT, w / EMU_PER_PT,
                               h / EMU_PER_PT))

    walk(slide.shapes, lambda x, y, w, h: (x, y, w, h))
    return tuple(out)


def _paths(page: Any) -> list[list[Point]]:
    """The stroked, unfilled, open paths of a pdfplumber page whose stretches are all
    upright or level."""
    out = []
    for obj in [*page.curves, *page.lines]:
        if not obj.get("stroke") or obj.get("fill"):
            continue
        points = [(float(x), float(y)) for x, y in obj["pts"]]
        if len(points) < 2 or (abs(points[0][0] - points[-1][0]) < LEVEL and
                               abs(points[0][1] - points[-1][1]) < LEVEL):
            continue
        if all(abs(p[0] - q[0]) < LEVEL or abs(p[1] - q[1]) < LEVEL
               for p, q in itertools.pairwise(points)):
            out.append(points)
    return out


def _distance(point: Point, box: Box) -> float:
    """How far `point` is from `box`'s outline, inside or out."""
    dx = max(box.x - point[0], 0.0, point[0] - box.x - box.w)
    dy = max(box.y - point[1], 0.0, point[1] - box.y - box.h)
    if dx == dy == 0:
        return min(point[0] - box.x, box.x + box.w - point[0], point[1] - box.y,
                   box.y + box.h - point[1])
    return float((dx * dx + dy * dy) ** 0.5)


def drawn(page: Any, boxes: tuple[Box, ...], groups: tuple[Box, ...] = ()) -> Drawing:
    """The connectors LibreOffice drew on a pdfplumber `page` between `boxes` (and the
    containers of `groups`, which a link may be glued to: they are not boxes a link may
    not pass through)."""
    links = []
    ends_at = boxes + groups
    for points in _paths(page):
        ends = []
        for point in (points[0], points[-1]):
            near = min(ends_at, key=lambda b: _distance(point, b), default=None)
            if near is None or _distance(point, near) > NEAR:
                break
            ends.append(near.name)
        if len(ends) == 2 and ends[0] != ends[1]:
            by_name = {b.name: b for b in ends_at}
            points[0] = _onto(points[0], points[1], by_name[ends[0]])
            points[-1] = _onto(points[-1], points[-2], by_name[ends[1]])
            links.append(Link(ends[0], ends[1], tuple(points)))
    return Drawing(boxes, tuple(links), 1.0)


def _onto(end: Point, before: Point, box: Box) -> Point:
    """A line's `end` carried on along its last stretch (from `before`) to `box`'s outline,
    where it is glued: an arrowhead there stops the drawn line short of it."""
    if abs(end[0] - before[0]) < LEVEL:  # upright: to the top or the bottom
        y = min((box.y, box.y + box.h), key=lambda v: abs(v - end[1]))
        return (end[0], y)
    if abs(end[1] - before[1]) < LEVEL:  # level: to the left or the right
        x = min((box.x, box.x + box.w), key=lambda v: abs(v - end[0]))
        return (x, end[1])
    return end
