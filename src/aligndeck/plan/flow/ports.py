"""Ports: a second connection site on a box's incoming side, for a link that would
otherwise share that side's middle with the box's edge back.

A glued connector ends at one of a box's connection sites, and a rectangle has one a side.
An edge back against the flow leaves its box by the incoming side (plan/flow/layout.py);
where a link must still come in by that side (no side entry is free: a box beside blocks
it), the two would run on one line in opposite directions. Such a link comes in a quarter
of the side's length from its middle instead, towards where it comes from, as ELK gives
each link a port of its own; the renderer adds the site to the box's geometry. Only an
elbow (a Z) is moved: LibreOffice 7.4 draws a Z glued to such a site as planned, but
re-routes an L from one (docs/notes/flowchart-connectors.md).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

Points = list[tuple[float, float]]
Span = tuple[float, float, float, float]


def ported(routes: Sequence[tuple[int, str, str, Points]], edges: Sequence[tuple[str, str]],
           hooked: Collection[str], boxes: Mapping[str, Span], labels: Mapping[int, Span]
           ) -> tuple[list[tuple[int, str, str, Points]], dict[int, Span]]:
    """`routes` (edge, sides, points along (main, cross)) with every elbow into the
    incoming side of a box in `hooked` (whose edge back leaves by that side) moved to a
    port a quarter of the side from its middle, towards the elbow's source; and `labels`
    (main low, main high, cross low, cross high) with the label of each moved elbow that
    stood on its last stretch moved with it. A box is (main, cross, size along, size
    across)."""
    out = []
    moved = dict(labels)
    for i, side_a, side_b, points in routes:
        target = edges[i][1]
        if target in hooked and side_b == "in" and len(points) == 4:
            _, low, _, across = boxes[target]
            middle = low + across / 2
            at = float(round(middle + (across / 4 if points[0][1] > middle else -across / 4)))
            points = [points[0], points[1], (points[2][0], at), (points[3][0], at)]
            if i in moved and moved[i][2] <= middle <= moved[i][3]:
                m0, m1, c0, c1 = moved[i]
                moved[i] = (m0, m1, c0 + at - middle, c1 + at - middle)
        out.append((i, side_a, side_b, points))
    return out, moved
