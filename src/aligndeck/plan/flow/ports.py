"""Ports: a second connection site on a box's incoming side, for a link that would
otherwise share that side's middle with the box's edge back, or that LibreOffice would
draw through a box.

A glued connector ends at one of a box's connection sites, and a rectangle has one a side.
An edge back against the flow leaves its box by the incoming side (plan/flow/layout.py);
where a link must still come in by that side (no side entry is free: a box beside blocks
it), the two would run on one line in opposite directions. Such a link comes in a quarter
of the side's length from its middle instead, towards where it comes from, as ELK gives
each link a port of its own; the renderer adds the site to the box's geometry. Only an
elbow (a Z) is moved: LibreOffice 7.4 draws a Z glued to such a site as planned, but
re-routes an L from one (docs/notes/flowchart-connectors.md).

LibreOffice 7.4 also draws every Z's middle halfway between its ends, whatever the plan
says; for an elbow that skips a layer, halfway may be inside a box of that layer. Where
the port towards the source takes that halfway stretch clear of every box (its ends
closer together across), the elbow comes in there too.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence

from aligndeck.plan.flow.untangle import along

Points = list[tuple[float, float]]
Span = tuple[float, float, float, float]


def ported(routes: Sequence[tuple[int, str, str, Points]], edges: Sequence[tuple[str, str]],
           hooked: Collection[str], boxes: Mapping[str, Span], labels: Mapping[int, Span]
           ) -> tuple[list[tuple[int, str, str, Points]], dict[int, Span]]:
    """`routes` (edge, sides, points along (main, cross)) with every elbow into the
    incoming side of a box in `hooked` (whose edge back leaves by that side), or that
    LibreOffice would draw through a box where the port would not, moved to a port a
    quarter of the side from its middle, towards the elbow's source; and `labels` (main
    low, main high, cross low, cross high) with the label of each moved elbow that stood
    on its last stretch moved with it. A box is (main, cross, size along, size across)."""
    ends = {}  # (target, towards the low side across) -> where its port is, for each port
    halved = set()  # elbows whose middle is halfway, as LibreOffice draws it
    for i, _, side_b, points in routes:
        source, target = edges[i]
        if side_b != "in" or len(points) != 4:
            continue
        at, low_side = _port(boxes[target], points[0][1])
        there = [points[0], points[1], (points[2][0], at), (points[3][0], at)]
        others = [box for name, box in boxes.items() if name not in edges[i]]
        if target in hooked:
            ends[target, low_side] = at
        elif _through(_halfway(points), others) and not _through(_halfway(there), others) \
                and not _along(_halfway(there), [r for r in routes if r[0] != i and not (
                    edges[r[0]][0] == source and r[3][0] == points[0])]):
            ends[target, low_side] = at
            halved.add(i)
    out = []
    moved = dict(labels)
    for i, side_a, side_b, points in routes:
        target = edges[i][1]
        if side_b == "in" and len(points) == 4:
            at, low_side = _port(boxes[target], points[0][1])
            if (target, low_side) in ends:
                # Every elbow into that side from that side comes in there: one end.
                points = [points[0], points[1], (points[2][0], at), (points[3][0], at)]
                if i in halved:
                    points = _halfway(points)
                middle = boxes[target][1] + boxes[target][3] / 2
                if i in moved and moved[i][2] <= middle <= moved[i][3]:
                    m0, m1, c0, c1 = moved[i]
                    moved[i] = (m0, m1, c0 + at - middle, c1 + at - middle)
        out.append((i, side_a, side_b, points))
    return out, moved


def _port(box: Span, source: float) -> tuple[float, bool]:
    """Where the port on a box's incoming side is for an elbow whose source is at
    `source` across, and whether that is the low side of the middle."""
    _, low, _, across = box
    middle = low + across / 2
    low_side = source <= middle
    return float(round(middle + (-across / 4 if low_side else across / 4))), low_side


def _halfway(points: Points) -> Points:
    """A Z (along, across, along) as LibreOffice 7.4 draws it: its middle halfway."""
    (m0, c0), _, _, (m3, c3) = points
    half = float(round((m0 + m3) / 2))
    return [(m0, c0), (half, c0), (half, c3), (m3, c3)]


def _along(points: Points, routes: Sequence[tuple[int, str, str, Points]]) -> bool:
    """Whether a route runs on one line with a stretch of any of `routes`."""
    theirs = [(p, q) for *_, route in routes for p, q in itertools.pairwise(route)]
    return any(along(p, q, r, s) for p, q in itertools.pairwise(points)
               for r, s in theirs)


def _through(points: Points, boxes: Sequence[Span]) -> bool:
    """Whether a route of stretches along or across passes inside any of `boxes`."""
    for (m0, c0), (m1, c1) in itertools.pairwise(points):
        for main, cross, size, across in boxes:
            if min(m0, m1) < main + size and max(m0, m1) > main and \
                    min(c0, c1) < cross + across and max(c0, c1) > cross:
                return True
    return False
