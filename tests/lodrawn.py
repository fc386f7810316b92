"""A flowchart slide as LibreOffice drew it: its connectors read back from the PDF that
LibreOffice made of the deck, its boxes from the .pptx, as a tests/flowmetrics.py Drawing
(in points), so that what LibreOffice draws is measured as the plan is.

A connector is drawn as one stroked open path of upright and level stretches, or of one
slanted stretch (a straight link between boxes not in line); its arrowhead is a separate
filled triangle, whose base stands on the line's end and whose tip is where the connector
is glued. A box's outline is a closed path. Each end of a connector (its arrowhead's tip
where it has one) is put to the box or group frame whose outline is nearest, and carried
on to that outline. A path with both ends on one box is a loop (a link from the box to
itself) when it has a bend; lines that end by no box (rules of the design) are left out.
`connectors_of` reads what the .pptx glued each connector to, so that each drawn path can
be matched to its connector by its ends. Used by tests/test_flowdrawn.py and
bench/flowcharts.py (--drawn).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
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
BASE = 1.5
"""How far (in points) a line's end may stand from the middle of an arrowhead's base for
the arrowhead to be its own."""
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


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


def connectors_of(slide: Any) -> tuple[tuple[str, str, str], ...]:
    """Each connector of a python-pptx slide: (its name, the name of the shape its start
    is glued to, the name of the shape its end is glued to; "" where not glued)."""
    names = {shape.get("id"): shape.get("name") for shape in
             slide.element.iter(P_NS + "cNvPr")}
    out = []
    for connector in slide.element.iter(P_NS + "cxnSp"):
        props = connector.find(P_NS + "nvCxnSpPr")
        glue = props.find(P_NS + "cNvCxnSpPr")
        ends = [glue.find(A_NS + tag) if glue is not None else None
                for tag in ("stCxn", "endCxn")]
        out.append((props.find(P_NS + "cNvPr").get("name"),
                    *(names.get(end.get("id"), "") if end is not None else ""
                      for end in ends)))
    return tuple(out)


def unread(drawing: Drawing, connectors: tuple[tuple[str, str, str], ...]) -> list[str]:
    """The names of `connectors` (connectors_of) that no link of `drawing` matches by its
    ends (either way round: the two boxes, or the one box of a loop)."""
    left = Counter(frozenset((k.start, k.end)) for k in drawing.links)
    out = []
    for name, start, end in connectors:
        key = frozenset((start, end))
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(name)
    return out


def _heads(page: Any) -> list[list[Point]]:
    """The filled triangles (arrowheads) of a pdfplumber page: their three corners."""
    out = []
    for obj in [*page.curves, *page.lines]:
        if not obj.get("fill"):
            continue
        corners: list[Point] = []
        for x, y in obj["pts"]:
            if all(math.dist((x, y), c) > LEVEL for c in corners):
                corners.append((float(x), float(y)))
        if len(corners) == 3:
            out.append(corners)
    return out


def _tip(end: Point, heads: list[list[Point]]) -> Point | None:
    """The tip of the arrowhead whose base stands on a line's `end`, if one does."""
    for corners in heads:
        a, b, tip = sorted(corners, key=lambda c: math.dist(c, end))
        if math.dist(end, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)) <= BASE:
            return tip
    return None


def _paths(page: Any) -> list[list[Point]]:
    """The stroked, unfilled, open paths of a pdfplumber page whose stretches are all
    upright or level, or which are one straight stretch."""
    out = []
    for obj in [*page.curves, *page.lines]:
        if not obj.get("stroke") or obj.get("fill"):
            continue
        points = [(float(x), float(y)) for x, y in obj["pts"]]
        if len(points) < 2 or (abs(points[0][0] - points[-1][0]) < LEVEL and
                               abs(points[0][1] - points[-1][1]) < LEVEL):
            continue
        if len(points) == 2 or all(abs(p[0] - q[0]) < LEVEL or abs(p[1] - q[1]) < LEVEL
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
    not pass through), loops on one box among them."""
    links = []
    ends_at = boxes + groups
    heads = _heads(page)
    for points in _paths(page):
        ends = []
        for k in (0, -1):
            points[k] = _tip(points[k], heads) or points[k]
            near = min(ends_at, key=lambda b, k=k: _distance(points[k], b), default=None)
            if near is None or _distance(points[k], near) > NEAR:
                break
            ends.append(near.name)
        if len(ends) == 2 and (ends[0] != ends[1] or len(points) > 2):
            by_name = {b.name: b for b in ends_at}
            points[0] = _onto(points[0], points[1], by_name[ends[0]])
            points[-1] = _onto(points[-1], points[-2], by_name[ends[1]])
            links.append(Link(ends[0], ends[1], tuple(points)))
    return Drawing(boxes, tuple(links), 1.0)


def _onto(end: Point, before: Point, box: Box) -> Point:
    """A line's `end` carried on along its last stretch (from `before`) to `box`'s outline,
    where it is glued: an arrowhead there stops the drawn line short of it. An end
    already on the outline (an arrowhead's tip, or a loop's end) stays."""
    if abs(_distance(end, box)) < LEVEL:
        return end
    if abs(end[0] - before[0]) < LEVEL:  # upright: to the top or the bottom
        y = min((box.y, box.y + box.h), key=lambda v: abs(v - end[1]))
        return (end[0], y)
    if abs(end[1] - before[1]) < LEVEL:  # level: to the left or the right
        x = min((box.x, box.x + box.w), key=lambda v: abs(v - end[0]))
        return (x, end[1])
    return end
