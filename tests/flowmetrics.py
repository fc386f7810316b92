"""Geometry metrics of a flowchart drawing: crossings, connectors through boxes, overlapping
connector stretches, bends, whether the first node stands at the flow's start, and the
drawing's aspect against an area.

One module for both sides of the comparison: the corpus test and bench/flowcharts.py measure
aligndeck's plan (`from_diagram`, in EMU), bench/mermaid_measure.py measures Mermaid's SVG
(in px) with the same functions. It lives under tests/ because the tests must run from a
fresh clone without bench/ on the path; the bench scripts put tests/ on theirs.

Definitions (every length is scaled by `Drawing.unit`, the length of one point):
- a link is the polyline of its route (begin, corners, finish);
- crossings: points where segments of two different links cross inside both, away from the
  links' own ends (where links meet at a box they share); a link that only touches another
  with a corner (a branch off a shared trunk) does not cross it; every crossing point counts;
- through boxes: (link, box) pairs where the link passes through the inside of a box other
  than its own two ends (the box shrunk by half a point, so touching a side does not count);
  group containers are not boxes;
- overlaps: pairs of links with a stretch of at least 2 pt that runs along the other link
  (parallel, within half a point), whichever way each runs: two links on one line in
  opposite directions, or running together between different ends;
- trunks: pairs of links that share a stretch from one point where both leave a box (or
  reach one): a fan-out or fan-in on one stem, as an organisation chart draws it. Counted
  apart from overlaps: a glued connector leaves a box by one of its four sites, so links
  out of one side share their first stretch (ELK gives each its own port instead);
- bends: corners turning more than 10 degrees, summed over links;
- first at start: no other box lies wholly before the first node along the drawn direction
  (above it in TB, left of it in LR, and so on). The first node is where the flow starts
  (`flow_start`): the first node written that no link reaches from outside its own cycle,
  a link to a group reaching every node inside it. That is the first node written, unless
  it sits in a group a link leads into (`A --> group`, the group's first node written
  before A): no drawing can put it before A without turning that link back;
- aspect: the drawing's width/height divided by the area's width/height (1 fills both; less
  than 1 is a drawing narrower than the area, so height limits its scale).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

Point = tuple[float, float]

EMU_PER_PT = 12700
TOUCH = 0.5
"""Half a point: closer than this is touching, not crossing or passing through."""
MIN_OVERLAP = 2.0
"""The shortest shared stretch (in points) that counts as an overlap."""
BEND_DEGREES = 10.0


@dataclass(frozen=True)
class Box:
    name: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Link:
    start: str
    end: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Drawing:
    boxes: tuple[Box, ...]
    links: tuple[Link, ...]
    unit: float = 1.0
    """Drawing units per point (12700 for EMU, 1 for SVG px read as points)."""

    def box(self, name: str) -> Box | None:
        return next((b for b in self.boxes if b.name == name), None)


@dataclass(frozen=True)
class Metrics:
    crossings: int
    through_boxes: int
    overlaps: int
    bends: int
    first_at_start: bool | None
    aspect: float
    trunks: int = 0


def from_diagram(diagram: object) -> Drawing:
    """The plan's Diagram (aligndeck.plan.model) as a Drawing in EMU: node boxes (group
    containers left out) and every arrow's route."""
    boxes = tuple(Box(b.name, b.rect.x, b.rect.y, b.rect.w, b.rect.h)
                  for b in diagram.boxes  # type: ignore[attr-defined]
                  if not b.name.startswith("subgraph-"))
    links = tuple(Link(a.start, a.end, tuple(a.route) if a.route else (a.begin, a.finish))
                  for a in diagram.arrows)  # type: ignore[attr-defined]
    return Drawing(boxes, links, EMU_PER_PT)


def as_libreoffice(drawing: Drawing) -> Drawing:
    """The drawing as LibreOffice 7.4 shows it: a three-stretch elbow (a Z, bentConnector3)
    has its middle stretch halfway between its ends whatever its adj1 says (PowerPoint
    follows adj1; docs/notes/flowchart-connectors.md). Other routes are unchanged."""
    def seen(link: Link) -> Link:
        if len(link.points) != 4:
            return link
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = link.points
        if y0 == y1 and x1 == x2:  # across first: its middle is upright
            middle = (x0 + x3) / 2
            return replace(link, points=((x0, y0), (middle, y0), (middle, y3), (x3, y3)))
        if x0 == x1 and y1 == y2:  # down first: its middle lies across
            middle = (y0 + y3) / 2
            return replace(link, points=((x0, y0), (x0, middle), (x3, middle), (x3, y3)))
        return link

    return replace(drawing, links=tuple(seen(link) for link in drawing.links))


def measure(drawing: Drawing, first: str | None, direction: str,
            area: tuple[float, float]) -> Metrics:
    """Every metric of `drawing`; `first` is the first node's box name, `direction` the
    direction it is drawn in (TB, TD, BT, LR, RL), `area` the free area's width and height."""
    overlapping, stems = _sharing(drawing)
    return Metrics(crossings(drawing), through_boxes(drawing), overlapping,
                   bends(drawing), first_at_start(drawing, first, direction),
                   aspect(drawing, area), stems)


def _segments(link: Link, tol: float) -> list[tuple[Point, Point]]:
    pts = _clean(link.points, tol)
    return list(pairwise(pts))


def _clean(points: Sequence[Point], tol: float) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or math.dist(out[-1], p) > tol:
            out.append((float(p[0]), float(p[1])))
    return out


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _intersection(p: Point, q: Point, r: Point, s: Point, tol: float) -> Point | None:
    """Where segments pq and rs cross inside both (None when parallel, apart, or when one
    only touches the other with its end: a branch off a shared trunk is not a crossing)."""
    d1 = (q[0] - p[0], q[1] - p[1])
    d2 = (s[0] - r[0], s[1] - r[1])
    l1, l2 = math.hypot(*d1), math.hypot(*d2)
    den = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(den) <= 1e-9 * l1 * l2:
        return None
    t = ((r[0] - p[0]) * d2[1] - (r[1] - p[1]) * d2[0]) / den
    u = ((r[0] - p[0]) * d1[1] - (r[1] - p[1]) * d1[0]) / den
    e1, e2 = tol / l1, tol / l2
    if e1 < t < 1 - e1 and e2 < u < 1 - e2:
        return p[0] + t * d1[0], p[1] + t * d1[1]
    return None


def crossings(drawing: Drawing) -> int:
    tol = TOUCH * drawing.unit
    near = 2 * tol
    links = [(lk, _segments(lk, tol)) for lk in drawing.links]
    count = 0
    for i, (a, sa) in enumerate(links):
        for b, sb in links[i + 1:]:
            ends = [pt for lk in (a, b) for pt in (lk.points[0], lk.points[-1])]
            for p, q in sa:
                for r, s in sb:
                    x = _intersection(p, q, r, s, tol)
                    if x is not None and all(math.dist(x, e) > near for e in ends):
                        count += 1
    return count


def _hits(p: Point, q: Point, box: Box, tol: float) -> bool:
    """Whether segment pq enters the inside of `box` shrunk by `tol` (Liang-Barsky)."""
    x0, y0, x1, y1 = box.x + tol, box.y + tol, box.x + box.w - tol, box.y + box.h - tol
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for den, num in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if den == 0:
            if num < 0:
                return False
            continue
        t = num / den
        if den < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return hi - lo > 1e-9


def through_boxes(drawing: Drawing) -> int:
    tol = TOUCH * drawing.unit
    count = 0
    for link in drawing.links:
        segments = _segments(link, tol)
        for box in drawing.boxes:
            if box.name in (link.start, link.end):
                continue
            if any(_hits(p, q, box, tol) for p, q in segments):
                count += 1
    return count


def _shared(p: Point, q: Point, r: Point, s: Point, tol: float) -> float:
    """The length along pq that rs runs beside it (parallel, within `tol`)."""
    length = math.dist(p, q)
    if length <= tol or math.dist(r, s) <= tol:
        return 0.0
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    if abs(ux * (s[1] - r[1]) - uy * (s[0] - r[0])) > math.sin(math.radians(1)) * math.dist(r, s):
        return 0.0
    if abs(ux * (r[1] - p[1]) - uy * (r[0] - p[0])) > tol:
        return 0.0
    t1 = (r[0] - p[0]) * ux + (r[1] - p[1]) * uy
    t2 = (s[0] - p[0]) * ux + (s[1] - p[1]) * uy
    return max(0.0, min(length, max(t1, t2)) - max(0.0, min(t1, t2)))


def _sharing(drawing: Drawing) -> tuple[int, int]:
    """(overlaps, trunks): pairs of links sharing a stretch, split by whether they leave
    (or reach) one box at one point."""
    tol = TOUCH * drawing.unit
    least = MIN_OVERLAP * drawing.unit
    links = [(lk, _segments(lk, tol)) for lk in drawing.links]
    overlapping = trunks = 0
    for i, (a, sa) in enumerate(links):
        for b, sb in links[i + 1:]:
            if not any(_shared(p, q, r, s, tol) >= least for p, q in sa for r, s in sb):
                continue
            stem = (a.start == b.start and math.dist(a.points[0], b.points[0]) <= tol) or \
                (a.end == b.end and math.dist(a.points[-1], b.points[-1]) <= tol)
            if stem:
                trunks += 1
            else:
                overlapping += 1
    return overlapping, trunks


def overlaps(drawing: Drawing) -> int:
    return _sharing(drawing)[0]


def trunks(drawing: Drawing) -> int:
    return _sharing(drawing)[1]


def bends(drawing: Drawing) -> int:
    tol = TOUCH * drawing.unit
    count = 0
    for link in drawing.links:
        pts = _clean(link.points, tol)
        for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
            h1 = math.atan2(b[1] - a[1], b[0] - a[0])
            h2 = math.atan2(c[1] - b[1], c[0] - b[0])
            turn = abs((h2 - h1 + math.pi) % (2 * math.pi) - math.pi)
            if math.degrees(turn) > BEND_DEGREES:
                count += 1
    return count


def first_at_start(drawing: Drawing, first: str | None, direction: str) -> bool | None:
    """Whether no box lies wholly before the first node along `direction`; None when the
    first node has no box."""
    box = drawing.box(first) if first is not None else None
    if box is None:
        return None
    tol = TOUCH * drawing.unit
    before = {
        "TB": lambda o: o.y + o.h <= box.y + tol,
        "TD": lambda o: o.y + o.h <= box.y + tol,
        "BT": lambda o: o.y >= box.y + box.h - tol,
        "LR": lambda o: o.x + o.w <= box.x + tol,
        "RL": lambda o: o.x >= box.x + box.w - tol,
    }[direction]
    return not any(before(o) for o in drawing.boxes if o.name != box.name)


def bounds(drawing: Drawing) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for b in drawing.boxes:
        xs += [b.x, b.x + b.w]
        ys += [b.y, b.y + b.h]
    for link in drawing.links:
        xs += [p[0] for p in link.points]
        ys += [p[1] for p in link.points]
    return min(xs), min(ys), max(xs), max(ys)


def aspect(drawing: Drawing, area: tuple[float, float]) -> float:
    x0, y0, x1, y1 = bounds(drawing)
    if y1 <= y0 or area[1] <= 0:
        return math.inf
    return ((x1 - x0) / (y1 - y0)) / (area[0] / area[1])


def total(values: Iterable[int | None]) -> int:
    return sum(v for v in values if v is not None)


# ---- planning a chart through the public path -------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One chart planned as a `diagram:` slide of a deck in the house design."""

    diagram: Any
    """The plan's Diagram (of the first slide, for a chart cut over several), or None when
    the chart was refused."""
    text_pt: float | None
    """The smallest type in the drawing (nodes and link labels)."""
    errors: tuple[str, ...]
    direction: str
    """The direction the chart is drawn in (turned when the planner says so)."""
    first: str | None
    """The box name of the chart's first node."""
    nodes: int | None
    edges: int | None
    area: tuple[float, float]
    """The diagram area's width and height (EMU)."""

    parts: tuple[Any, ...] = ()
    """Every slide's Diagram of a chart cut over several (the first is `diagram`)."""

    @property
    def built(self) -> bool:
        return self.diagram is not None

    def metrics(self, libreoffice: bool = False) -> Metrics | None:
        """The drawing's metrics (with `libreoffice`, as LibreOffice 7.4 draws it: see
        as_libreoffice); for a chart cut over several slides, the counts summed over the
        slides and the rest read on the first."""
        if self.diagram is None:
            return None
        seen = as_libreoffice if libreoffice else (lambda d: d)
        first = measure(seen(from_diagram(self.diagram)), self.first, self.direction,
                        self.area)
        rest = [measure(seen(from_diagram(d)), None, self.direction, self.area)
                for d in self.parts[1:]]
        return replace(first, crossings=first.crossings + sum(m.crossings for m in rest),
                       through_boxes=first.through_boxes + sum(m.through_boxes for m in rest),
                       overlaps=first.overlaps + sum(m.overlaps for m in rest),
                       trunks=first.trunks + sum(m.trunks for m in rest),
                       bends=first.bends + sum(m.bends for m in rest))


_DRAWN = re.compile(r"drawn (TB|BT|LR|RL) instead|wrapped into \d+ (rows|columns)")


def plan_chart(text: str) -> Planned:
    """Plan `text` as the only diagram slide of a small outline, through plan_deck, as a
    user's deck would be planned (the `diagram:` slide kind)."""
    import yaml

    from aligndeck.outline.flowgraph import MermaidError
    from aligndeck.outline.loader import load_outline_text
    from aligndeck.outline.mermaid import parse_flowchart
    from aligndeck.plan.deck import plan_deck
    from aligndeck.plan.model import Diagram
    from aligndeck.plan.theme import DEFAULT_THEME

    outline = {"title": "Flowchart corpus", "author": "aligndeck",
               "stages": [{"name": "Chart", "summary": "One chart"}],
               "extra": [{"title": "The chart", "diagram": text}]}
    plan = plan_deck(load_outline_text(yaml.safe_dump(outline, allow_unicode=True,
                                                      sort_keys=False)))
    parts = tuple(e for s in plan.slides if s.kind == "diagram" for e in s.elements
                  if isinstance(e, Diagram))
    diagram = parts[0] if parts else None
    mine = [f for f in plan.findings if f.source[:1] == ("extra",)]
    errors = tuple(f.message for f in mine if f.severity == "error")
    try:
        chart = parse_flowchart(text)
        nodes: int | None = len(chart.nodes)
        edges: int | None = len(chart.edges)
        direction = "TB" if chart.direction == "TD" else chart.direction
        start = flow_start(chart)
        first = f"node-{start}" if start is not None else None
    except MermaidError:
        nodes = edges = None
        direction, first = "TB", None
    turned = next((m.group(1) or {"rows": "LR", "columns": "TB"}[m.group(2)]
                   for f in mine if (m := _DRAWN.search(f.message))), None)
    sizes = [run.size for d in parts for box in d.boxes + d.labels
             if box.frame is not None for p in box.frame.paragraphs for run in p.runs
             if run.text.strip()]
    area = DEFAULT_THEME.frame("diagram").content
    return Planned(diagram, min(sizes) if sizes else None, errors, turned or direction,
                   first, nodes, edges, (area.w, area.h), parts)


def flow_start(chart: Any) -> str | None:
    """The node the flow starts from (aligndeck's parsed Flowchart): the first node, in the
    order written, that no link reaches from outside its own cycle (a link that names a
    group reaches, or leaves from, every node inside it); the first node written when
    every node is reached so; None for a chart with no nodes."""
    names = [n.id for n in chart.nodes]
    if not names:
        return None
    inside = {s.id: {m for m in chart.contents(s.id) if m in set(names)}
              for s in chart.subgraphs}
    after: dict[str, set[str]] = {n: set() for n in names}
    for edge in chart.edges:
        for a in inside.get(edge.source, {edge.source}):
            for b in inside.get(edge.target, {edge.target}):
                if a in after and b in after and a != b:
                    after[a].add(b)

    def reach(start: str) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for b in after[todo.pop()] - seen:
                seen.add(b)
                todo.append(b)
        return seen

    reached = {n: reach(n) for n in names}
    return next((n for n in names
                 if all(a in reached[n] for a in names if n in after[a])), names[0])


# ---- issue 22's targets on one chart ------------------------------------------------------

TARGETS = ("builds", "text", "through", "overlaps", "crossings", "first", "drawn through",
           "drawn overlaps")
FLOOR_PT = 9.0


def refused(why: str) -> dict[str, str]:
    """Every target missed, by a chart that is not drawn at all."""
    return dict.fromkeys(TARGETS, f"refused: {why}")


def misses(planned: Planned, mermaid_crossings: int) -> dict[str, str]:
    """The targets `planned` misses, each with why in a few words; `mermaid_crossings` is
    the fewer crossings of Mermaid's two layouts of the same chart."""
    metrics = planned.metrics()
    if metrics is None or planned.text_pt is None:
        return refused(planned.errors[0] if planned.errors else "no diagram")
    out: dict[str, str] = {}
    if planned.text_pt < FLOOR_PT:
        out["text"] = f"text at {planned.text_pt:g} pt"
    if metrics.through_boxes:
        out["through"] = f"{metrics.through_boxes} connector(s) through a box"
    if metrics.overlaps:
        out["overlaps"] = f"{metrics.overlaps} pair(s) of connectors share a stretch"
    if metrics.crossings > mermaid_crossings:
        out["crossings"] = f"{metrics.crossings} crossing(s), Mermaid {mermaid_crossings}"
    if metrics.first_at_start is not True:
        out["first"] = "the first node is not at the start"
    seen = planned.metrics(libreoffice=True)
    if seen is not None and seen.through_boxes:
        out["drawn through"] = f"{seen.through_boxes} connector(s) through a box as " \
            "LibreOffice 7.4 draws it"
    if seen is not None and seen.overlaps:
        out["drawn overlaps"] = f"{seen.overlaps} pair(s) of connectors share a stretch as " \
            "LibreOffice 7.4 draws it"
    return out
