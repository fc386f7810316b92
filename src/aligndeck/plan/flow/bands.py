"""A long flow wrapped into bands on one slide: rows read left to right, one under the
other, or columns read top to bottom, side by side (as text wraps into lines, or a page
into columns).

The chart is cut between layers (plan/flow/parts.py) into bands of about equal length;
each band is laid out on its own in its slot of the area, all at one text size, and every
link between bands is drawn as one glued elbow through the gap between them. A link that
would cross a box, run on another connector, or put its label on a box makes the
wrapping fail, and the chart is drawn another way. Pure geometry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

from aligndeck.outline.flowgraph import Edge, Flowchart
from aligndeck.plan.flow.blocks import Nest
from aligndeck.plan.flow.parts import Cut, cut, parts
from aligndeck.plan.flow.pieces import cut_apart
from aligndeck.plan.flow.sizing import PREFERRED
from aligndeck.plan.model import Align, Arrow, Box, Diagram, Emu, Rect, Side, inches

GAP = inches(0.5)
"""Between two bands: room for the elbows that join them and their labels."""

PlanBand = Callable[[Flowchart, Rect, float], "tuple[Diagram, float] | None"]
"""Lays out one band in its slot at the largest size up to the one given."""
JoinLink = Callable[[Edge, str, Side, str, Side, tuple[tuple[Emu, Emu], ...]], Arrow]
"""The connector of a link: its edge, start shape and side, end shape and side, points."""
LabelLink = Callable[[Edge, tuple[Emu, Emu], float], "Box | None"]
"""The label box of a link, centred on a point, for node text of a size (None for a link
with no label)."""


def plan_bands(chart: Flowchart, edges: Sequence[Edge], nest: Nest, area: Rect, count: int,
               rows: bool, plan_band: PlanBand, join: JoinLink, label: LabelLink,
               alt_text: str, apart: bool = False, where: Cut | None = None
               ) -> tuple[Diagram, float] | None:
    """The chart in `count` rows (or columns) on one slide, at one text size; None when it
    cannot be cut so, a band does not fit its slot, or a link between bands is not clean.
    With `apart`, the bands are the chart's unlinked pieces dealt out in reading order,
    each band flowing the chart's own way (pieces of a top-to-bottom chart wrap into rows,
    of a left-to-right one into columns). `where` is the cut between bands when given
    (one of `parts.cuts`), else the one `parts.cut` chooses."""
    if where is None:
        where = cut_apart(chart, edges, nest, count) if apart else \
            cut(chart, edges, nest, count)
    if where is None:
        return None
    flow = chart.direction if apart else "LR" if rows else "TB"
    pieces = [replace(p, direction=flow) for p in parts(chart, edges, where, markers=False)]
    if any(not p.nodes for p in pieces):
        return None
    planned = _in_slots(pieces, _slots(area, count, rows), plan_band)
    if planned is None:
        return None
    # Equal slots first; then slots as wide (or tall) as each band needs at that size, so
    # a band of one step across does not keep half the area from one of three.
    needs = [_extent(d, not rows) for d, _ in planned]
    fairer = _in_slots(pieces, _slots(area, count, rows, needs), plan_band)
    if fairer is not None and fairer[0][1] > planned[0][1]:
        planned = fairer
    size = planned[0][1]
    # The bands start together (rows at one left edge, columns at one top), and the
    # whole block stands in the middle of the area.
    spans = [_span(d, rows) for d, _ in planned]
    longest = max(hi - lo for lo, hi in spans)
    begin = (area.x + (area.w - longest) // 2) if rows else (area.y + (area.h - longest) // 2)
    planned = [(_moved(d, begin - lo, rows), s) for (d, s), (lo, _) in zip(planned, spans,
                                                                         strict=True)]
    boxes = [b for d, _ in planned for b in d.boxes]
    arrows = [a for d, _ in planned for a in d.arrows]
    labels = [b for d, _ in planned for b in d.labels]
    steps = [list(step) for d, _ in planned for step in d.steps]
    rects = {b.name: b.rect for b in boxes}
    groups = {s.id for s in chart.subgraphs}
    crossing = [e for e in edges if where.part[e.source] != where.part[e.target]
                and e.line_style != "invisible"]
    if any(abs(where.part[e.source] - where.part[e.target]) > 1 for e in crossing):
        return None  # it would cross the band between
    tracks = {} if rows else _tracks(crossing, where.part, rects, planned, groups)
    joins = []
    for edge in crossing:
        first, second = where.part[edge.source], where.part[edge.target]
        start, end = (_shape(e, groups) for e in (edge.source, edge.target))
        for points, sides in _elbows(rects[start], rects[end], rows, second > first,
                                     tracks.get(id(edge))):
            # Links out of one side of one box share their stem, as a fan-out does in a
            # band (and links into one side of one box their last stretch).
            others = [a for a in arrows if (a.start, a.start_side) != (start, sides[0])
                      and (a.end, a.end_side) != (end, sides[1])]
            if _clean(points, start, end, boxes + labels, others):
                break
        else:
            return None
        arrows.append(join(edge, start, sides[0], end, sides[1], points))
        joins.append((edge, arrows[-1], end if second > first else start))
    # Labels once every link is drawn, so none hides a link drawn after it.
    for edge, arrow, later in joins:
        points = arrow.route or (arrow.begin, arrow.finish)
        others = [a for a in arrows if a is not arrow]
        # Links out of one side of one box share their first stretch: a label there would
        # not say which of them it belongs to, so it goes by the link's own last stretch.
        stem = any((a.start, a.start_side) == (arrow.start, arrow.start_side)
                   for a in others)
        spots = [s for s in _label_spots(edge, points, size, label, stem)
                 if s is None or _clear(s, boxes + labels, others)]
        if not spots:
            return None
        names = [arrow.name]
        if spots[0] is not None:
            labels.append(spots[0])
            names.append(spots[0].name)
        step = next((s for s in steps if later in s), steps[-1])
        step += names
    diagram = Diagram("flowchart", alt_text, tuple(boxes), tuple(arrows), tuple(labels),
                      tuple(tuple(s) for s in steps))
    return diagram, size


def _in_slots(pieces: Sequence[Flowchart], slots: Sequence[Rect], plan_band: PlanBand
              ) -> list[tuple[Diagram, float]] | None:
    """Each band laid out in its slot, all at the largest size every one of them fits;
    None when one does not fit its slot."""
    planned: list[tuple[Diagram, float]] = []
    for piece, slot in zip(pieces, slots, strict=True):
        one = plan_band(piece, slot, PREFERRED)
        if one is None:
            return None
        planned.append(one)
    size = min(s for _, s in planned)
    for i, (piece, slot) in enumerate(zip(pieces, slots, strict=True)):
        if planned[i][1] > size:  # one chart, one text size
            again = plan_band(piece, slot, size)
            if again is None:
                return None
            planned[i] = again
    return planned


def _slots(area: Rect, count: int, rows: bool, needs: Sequence[Emu] = (), gap: Emu = GAP
           ) -> list[Rect]:
    """`count` slots of the area with a `gap` between them: rows top to bottom, or columns
    left to right; equal, or shared in proportion to `needs`."""
    room = (area.h if rows else area.w) - gap * (count - 1)
    shares = [room * n // max(sum(needs), 1) for n in needs] if needs else \
        [room // count] * count
    at = area.y if rows else area.x
    slots = []
    for share in shares:
        slots.append(Rect(area.x, at, area.w, share) if rows else
                     Rect(at, area.y, share, area.h))
        at += share + gap
    return slots


def _extent(diagram: Diagram, rows: bool) -> Emu:
    """How long a band's boxes run along `rows` (across for a row, down for a column)."""
    lo, hi = _span(diagram, rows)
    return hi - lo


def _span(diagram: Diagram, rows: bool) -> tuple[Emu, Emu]:
    """Where a band's boxes start and end along its flow (x for a row, y for a column)."""
    rects = [b.rect for b in diagram.boxes]
    if rows:
        return min(r.x for r in rects), max(r.right for r in rects)
    return min(r.y for r in rects), max(r.bottom for r in rects)


def _moved(diagram: Diagram, shift: Emu, rows: bool) -> Diagram:
    """A band moved along its flow (right for a row, down for a column)."""
    dx, dy = (shift, 0) if rows else (0, shift)

    def box(b: Box) -> Box:
        return replace(b, rect=Rect(b.rect.x + dx, b.rect.y + dy, b.rect.w, b.rect.h))

    def point(p: tuple[Emu, Emu]) -> tuple[Emu, Emu]:
        return p[0] + dx, p[1] + dy

    return replace(diagram, boxes=tuple(box(b) for b in diagram.boxes),
                   labels=tuple(box(b) for b in diagram.labels),
                   arrows=tuple(replace(a, begin=point(a.begin), finish=point(a.finish),
                                        route=tuple(point(p) for p in a.route))
                                for a in diagram.arrows))


def _shape(end: str, groups: set[str]) -> str:
    return f"{'subgraph' if end in groups else 'node'}-{end}"


def _tracks(crossing: Sequence[Edge], part: dict[str, int], rects: dict[str, Rect],
            planned: Sequence[tuple[Diagram, float]], groups: set[str]) -> dict[int, Emu]:
    """Between columns, each link its own upright track across the gap (by `id` of its
    edge), spread evenly, ordered by the height of their sources so they do not cross.
    Links out of one box share a track (a fan-out on one trunk), and so do links into one;
    where every link across a gap shares one box, none is given: they bend halfway, as
    LibreOffice draws any elbow, so both viewers draw one trunk and its labels by it."""
    found: dict[int, Emu] = {}
    for left in range(len(planned) - 1):
        links = [e for e in crossing if min(part[e.source], part[e.target]) == left]
        if len({e.source for e in links}) <= 1 or len({e.target for e in links}) <= 1:
            continue
        links.sort(key=lambda e: rects[_shape(e.source, groups)].cy)
        lines = list(dict.fromkeys(e.source for e in links))
        start = max(b.rect.right for b in planned[left][0].boxes)
        stop = min(b.rect.x for b in planned[left + 1][0].boxes)
        for edge in links:
            k = lines.index(edge.source) + 1
            found[id(edge)] = start + (stop - start) * k // (len(lines) + 1)
    return found


Points = tuple[tuple[Emu, Emu], ...]
_ACROSS: dict[Side, Side] = {"top": "left", "left": "top", "bottom": "right", "right": "bottom"}


def _elbows(source: Rect, target: Rect, rows: bool, forward: bool, track: Emu | None = None
            ) -> list[tuple[Points, tuple[Side, Side]]]:
    """Ways for a link between bands, best first: out of the side facing the gap, across
    it and into the target's side facing the gap; or an L into the target's near side; or
    an L out of the source's near side. Between rows the first is a turned elbow, and
    LibreOffice draws a turned elbow's middle halfway whatever its adjustment says, so it
    crosses there; between columns it crosses on its own `track` (halfway when none is
    given). Worked out for rows; columns are the same with x and y swapped."""
    if not rows:
        def swap(r: Rect) -> Rect:
            return Rect(r.y, r.x, r.h, r.w)

        return [(tuple((y, x) for x, y in points), (_ACROSS[a], _ACROSS[b]))
                for points, (a, b) in _elbows(swap(source), swap(target), True, forward,
                                              track)]
    out: Side = "bottom" if forward else "top"
    into: Side = "top" if forward else "bottom"
    begin = (source.cx, source.bottom if forward else source.y)
    finish = (target.cx, target.y if forward else target.bottom)
    if begin[0] == finish[0]:
        return [((begin, finish), (out, into))]
    middle = (begin[1] + finish[1]) // 2 if track is None else track
    ways: list[tuple[Points, tuple[Side, Side]]] = [
        ((begin, (begin[0], middle), (finish[0], middle), finish), (out, into))]
    if not target.x <= source.cx <= target.right:  # down, then into the target's side
        side: Side = "left" if source.cx < target.x else "right"
        end = (target.x if side == "left" else target.right, target.cy)
        ways.append(((begin, (begin[0], end[1]), end), (out, side)))
    if not source.x <= target.cx <= source.right:  # out of the source's side, then down
        side = "right" if target.cx > source.right else "left"
        start = (source.right if side == "right" else source.x, source.cy)
        ways.append(((start, (finish[0], start[1]), finish), (side, into)))
    return ways


def _label_spots(edge: Edge, points: Sequence[tuple[Emu, Emu]], size: float,
                 label: LabelLink, stem: bool = False) -> list[Box | None]:
    """Where a link's label may go, best first: beside its first stretch, just out of its
    source (where a decision's answers stand), on either side; then on its middle. With
    `stem` (its first stretch shared with other links), beside its last stretch, just
    before its target, then beside its middle stretch (an elbow's), then on it."""
    probe = label(edge, (0, 0), size)
    if probe is None:
        return [None]
    w, h = probe.rect.w, probe.rect.h
    pad = inches(0.05)

    def beside(p: tuple[Emu, Emu], q: tuple[Emu, Emu]
               ) -> list[tuple[tuple[Emu, Emu], Align]]:
        (x0, y0), (x1, y1) = p, q
        if x0 == x1:  # an upright stretch: right of it, then left, its text against it
            y = (y0 + y1) // 2
            return [((x0 + pad + w // 2, y), "left"), ((x0 - pad - w // 2, y), "right")]
        x = (x0 + x1) // 2  # a level stretch: above it, then below
        return [((x, y0 - pad - h // 2), "center"), ((x, y0 + pad + h // 2), "center")]

    middle = (points[1], points[2]) if len(points) == 4 else (points[0], points[1])
    if stem and len(points) > 2:  # its own stretches: the last, then beside the middle
        spots = beside(points[-2], points[-1]) + (beside(*middle) if len(points) == 4
                                                   else [])
    else:
        spots = beside(points[0], points[1])
    (mx0, my0), (mx1, my1) = middle
    spots.append((((mx0 + mx1) // 2, (my0 + my1) // 2), "center"))
    return [_aligned(label(edge, at, size), align) for at, align in spots]


def _aligned(box: Box | None, align: Align) -> Box | None:
    """A label's lines set against the side of its box nearest its link (a renderer's
    text may run narrower than measured: it still stands by the line)."""
    if box is None or box.frame is None or align == "center":
        return box
    return replace(box, frame=replace(box.frame, paragraphs=tuple(
        replace(p, align=align) for p in box.frame.paragraphs)))


def _segments(points: Sequence[tuple[Emu, Emu]]
              ) -> list[tuple[tuple[Emu, Emu], tuple[Emu, Emu]]]:
    return list(pairwise(points))


def _through(segment: tuple[tuple[Emu, Emu], tuple[Emu, Emu]], rect: Rect) -> bool:
    """Whether an upright or level segment runs through the inside of `rect`."""
    (x0, y0), (x1, y1) = segment
    if x0 == x1:
        return rect.x < x0 < rect.right and min(y0, y1) < rect.bottom and \
            rect.y < max(y0, y1)
    return rect.y < y0 < rect.bottom and min(x0, x1) < rect.right and rect.x < max(x0, x1)


APART = inches(0.1)
"""Parallel connectors closer than this read as one line."""


def _on(a: tuple[tuple[Emu, Emu], tuple[Emu, Emu]],
        b: tuple[tuple[Emu, Emu], tuple[Emu, Emu]]) -> bool:
    """Whether two upright or level segments run on (or too close to) each other for a
    stretch."""
    (ax0, ay0), (ax1, ay1) = a
    (bx0, by0), (bx1, by1) = b
    if ax0 == ax1 and bx0 == bx1 and abs(ax0 - bx0) < APART:
        return min(max(ay0, ay1), max(by0, by1)) > max(min(ay0, ay1), min(by0, by1))
    if ay0 == ay1 and by0 == by1 and abs(ay0 - by0) < APART:
        return min(max(ax0, ax1), max(bx0, bx1)) > max(min(ax0, ax1), min(bx0, bx1))
    return False


def _clear(spot: Box, boxes: Sequence[Box], arrows: Sequence[Arrow]) -> bool:
    """A label on no box and no other connector."""
    rect = spot.rect
    return not any(rect.overlaps(b.rect) for b in boxes
                   if not b.name.startswith("subgraph-")) and \
        not any(_through(s, rect) for a in arrows
                for s in _segments(a.route or (a.begin, a.finish)))


def _clean(points: Sequence[tuple[Emu, Emu]], start: str, end: str, boxes: Sequence[Box],
           arrows: Sequence[Arrow]) -> bool:
    """No box but the link's own ends (and groups, which links cross) in its way, and no
    connector run on (its label is placed afterwards, `_clear`)."""
    solid = [b for b in boxes if b.name not in (start, end)
             and not b.name.startswith("subgraph-")]
    own = _segments(points)
    if any(_through(s, b.rect) for s in own for b in solid):
        return False
    others = [s for a in arrows for s in _segments(a.route or (a.begin, a.finish))]
    return not any(_on(s, o) for s in own for o in others)
