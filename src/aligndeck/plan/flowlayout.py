"""A flowchart's geometry in EMU: boxes, clusters, connector routes and label spots.

Built on the layered placement of plan/layered.py, in the flowchart's direction. Every
connector is either straight or one elbow (three segments), so it can be a glued
`bentConnector3`: an edge between neighbouring layers bends in the channel between them;
a longer edge runs down a leg reserved in its source's column and bends in the channel
before its target; an edge back against the flow goes round the outside, in a lane beyond
every box of the layers it passes. Pure geometry: no python-pptx here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from aligndeck.plan.layered import (
    Cluster,
    Graph,
    Layering,
    Spacing,
    assign_layers,
    cluster_paths,
    order_layers,
    pack,
)
from aligndeck.plan.model import Emu, Rect, Side

Direction = Literal["TB", "BT", "LR", "RL"]
Point = tuple[Emu, Emu]

_SIDES: dict[str, dict[str, Side]] = {
    "TB": {"in": "top", "out": "bottom", "before": "left", "after": "right"},
    "BT": {"in": "bottom", "out": "top", "before": "left", "after": "right"},
    "LR": {"in": "left", "out": "right", "before": "top", "after": "bottom"},
    "RL": {"in": "right", "out": "left", "before": "top", "after": "bottom"},
}


@dataclass(frozen=True)
class FlowSizes:
    """Sizes in EMU: every box the same size; `gap_main` between layers and `gap_cross`
    between neighbours; `pad` around a cluster's content and `title` for its heading;
    `track` between parallel connector segments; `labels` each edge label's width and height."""

    box_w: Emu
    box_h: Emu
    gap_main: Emu
    gap_cross: Emu
    pad: Emu
    title: Emu
    track: Emu
    labels: Mapping[int, tuple[Emu, Emu]]


@dataclass(frozen=True)
class Route:
    """One drawn edge: from a side of one box to a side of another, along `points` (two
    for a straight connector, four for an elbow), with its label's rectangle if any."""

    index: int
    start: str
    start_side: Side
    end: str
    end_side: Side
    points: tuple[Point, ...]
    label: Rect | None
    twin: int | None = None
    """An edge the other way between the same boxes, drawn on this connector (its head at
    the start) when no lane was free for it; `twin_label` is its label's spot."""
    twin_label: Rect | None = None


@dataclass(frozen=True)
class FlowLayout:
    width: Emu
    height: Emu
    boxes: Mapping[str, Rect]
    clusters: Mapping[str, Rect]
    """Each cluster's container, its title band included (title at the top)."""
    routes: tuple[Route, ...]
    layers: Mapping[str, int]
    """Each node's layer, counted along the flow from 0."""
    layer_count: int
    widest: int
    """The most nodes in one layer."""


@dataclass
class _Plan:
    kind: Literal["direct", "leg", "lane", "twin"]
    levels: tuple[int, int] = (0, -1)
    channel: int = -1
    track: float = 0.0


def layout_flow(graph: Graph, direction: Direction, sizes: FlowSizes,
                drawn: Sequence[int] | None = None) -> FlowLayout:
    """Lay out `graph` flowing in `direction`, from (0, 0); `drawn` lists the edges that are
    drawn (all by default; an invisible link still shapes the layers)."""
    drawn = list(range(len(graph.edges))) if drawn is None else list(drawn)
    horizontal = direction in ("LR", "RL")
    main_size = sizes.box_w if horizontal else sizes.box_h
    cross_size = sizes.box_h if horizontal else sizes.box_w
    before = sizes.pad + (sizes.title if horizontal else 0)
    main_before = sizes.pad + (sizes.title if direction == "TB" else 0)
    main_after = sizes.pad + (sizes.title if direction == "BT" else 0)
    layering = assign_layers(graph)
    plans = _initial_plans(graph, layering, drawn)
    spacing = Spacing(cross_size, sizes.gap_cross, sizes.track * 2, before, sizes.pad, 0)
    for _ in range(3):
        legs = {i: (graph.edges[i][0], *p.levels) for i, p in plans.items() if p.kind == "leg"}
        lanes = {n for i, p in plans.items() if p.kind == "lane" for n in graph.edges[i]}
        order_layers(graph, layering, legs, lanes)
        cross, extents = pack(graph, layering, spacing, legs, {})
        blocked = [i for i, p in plans.items() if p.kind == "lane" and
                   not _lane_free(graph, layering, cross, extents, legs, graph.edges[i],
                                  cross_size, spacing.leg)]
        if not blocked:
            break
        for i in blocked:
            plans[i] = _leg_or_direct(graph, layering, i)
    twins = {graph.edges[i]: i for i in drawn}
    for i, plan in plans.items():
        a, b = graph.edges[i]
        if plan.kind == "direct" and (b, a) in twins and \
                layering.layer[a] > layering.layer[b]:
            plans[i] = _Plan("twin", channel=plan.channel)
    cross = {n: float(round(c)) for n, c in cross.items()}
    count = layering.count
    spans = _cluster_spans(graph, layering)
    label_main = {i: float(w if horizontal else h) for i, (w, h) in sizes.labels.items()}
    label_cross = {i: float(h if horizontal else w) for i, (w, h) in sizes.labels.items()}
    tracks = _assign_tracks(graph, plans, cross, cross_size)
    twin_of = {twins[(b, a)]: i for i, p in plans.items() if p.kind == "twin"
               for a, b in [graph.edges[i]]}
    rows = _label_rows(graph, layering, plans, cross, cross_size, label_cross, twin_of)
    margin = sizes.track
    zone: list[tuple[float, float, float]] = []
    """Per channel: room for labels after the layer before, for tracks, for labels before
    the layer after."""
    for channel in range(count - 1):
        heights = [max((label_main[i] for i, (ch, _, _, sd) in rows.items() if ch == channel
                        and sd == side), default=0.0) + margin for side in ("after", "before")]
        counts = [1 + max((r for i, (ch, r, _, s) in rows.items() if ch == channel and
                           s == side), default=-1) for side in ("after", "before")]
        first, last = (heights[k] * counts[k] for k in (0, 1))
        middle = max(tracks.get(channel, 0) * sizes.track + margin, sizes.gap_main - first - last)
        zone.append((first, middle, last))
    starts: dict[int, int] = defaultdict(int)
    ends: dict[int, int] = defaultdict(int)
    for first_level, last_level in spans.values():
        starts[first_level] += 1
        ends[last_level] += 1
    main_at: list[float] = []
    channel_at: list[float] = []
    at: float = starts[0] * main_before
    for level in range(count):
        main_at.append(at)
        at += main_size
        if level < count - 1:
            channel_at.append(at + ends[level] * main_after)
            at = channel_at[-1] + sum(zone[level]) + starts[level + 1] * main_before
    total_main = at + ends[count - 1] * main_after

    def track_at(channel: int, track: float) -> float:
        first, middle, _ = zone[channel]
        used = max(tracks.get(channel, 1), 1)
        return channel_at[channel] + first + middle / 2 + (track - (used - 1) / 2) * sizes.track

    boxes_abs = {n: (main_at[layering.layer[n]], cross[n]) for n in graph.nodes}
    lane_cross = _lanes(plans, boxes_abs, extents, sizes, horizontal, rows, label_cross)
    labels_abs: dict[int, tuple[float, float, float, float]] = {}
    for i, (channel, row, anchor, side) in rows.items():
        first, middle, last = zone[channel]
        height: float = (first if side == "after" else last) / max(
            1 + max(r for j, (ch, r, _, s) in rows.items() if ch == channel and s == side), 1)
        if side == "after":
            low: float = channel_at[channel] + row * height + margin / 2
        else:
            low = channel_at[channel] + first + middle + last - (row + 1) * height + margin / 2
        centre = low + (height - margin) / 2
        labels_abs[i] = (centre - label_main[i] / 2, centre + label_main[i] / 2,
                         anchor - label_cross[i] / 2, anchor + label_cross[i] / 2)
    for i, plan in plans.items():
        if plan.kind == "lane" and i in sizes.labels:
            a, b = graph.edges[i]
            centre = (boxes_abs[a][0] + boxes_abs[b][0] + main_size) / 2
            labels_abs[i] = (centre - label_main[i] / 2, centre + label_main[i] / 2,
                             lane_cross[i] - label_cross[i] / 2,
                             lane_cross[i] + label_cross[i] / 2)
    routes_abs = []
    for i in drawn:
        plan = plans[i]
        a, b = graph.edges[i]
        if plan.kind == "twin":
            continue
        t = track_at(plan.channel, plan.track) if plan.channel >= 0 else 0.0
        routes_abs.append((i, *_route(plan, boxes_abs[a], boxes_abs[b], main_size, cross_size,
                                      t, lane_cross.get(i, 0.0),
                                      layering.layer[a] < layering.layer[b])))
    clusters_abs = _cluster_boxes(graph, layering, extents, main_at, main_size, spans,
                                  main_before, main_after)
    return _to_real(graph, direction, layering, boxes_abs, clusters_abs, routes_abs,
                    labels_abs, total_main, main_size, cross_size, twin_of)


def _label_rows(graph: Graph, layering: Layering, plans: Mapping[int, _Plan],
                cross: Mapping[str, float], node: float, widths: Mapping[int, float],
                twin_of: Mapping[int, int]) -> dict[int, tuple[int, int, float, str]]:
    """Where each label of a connector that crosses a channel sits: (channel, row, cross
    centre, side). A label sits on the connector's last stretch, which runs straight across
    the channel next to its target, so the branches out of one box keep their labels apart;
    labels that would overlap take separate rows, stacked from the target's side ("before"
    the target's layer, or "after" it for edges against the flow). A twin's label sits by
    its own target, at the start of the connector it shares."""
    rows: dict[int, tuple[int, int, float, str]] = {}
    taken: dict[tuple[int, str], list[tuple[float, float, int]]] = defaultdict(list)
    order = sorted(i for i in widths if i in plans and plans[i].kind not in ("lane", "twin"))
    order += sorted(t for t in twin_of.values() if t in widths)
    for i in order:
        a, b = graph.edges[i]
        la, lb = layering.layer[a], layering.layer[b]
        channel, side = (lb - 1, "before") if la < lb else (lb, "after")
        anchor = cross[b] + node / 2
        low, high = anchor - widths[i] / 2, anchor + widths[i] / 2
        busy = {r for lo, hi, r in taken[(channel, side)] if lo < high and low < hi}
        row = next(r for r in range(len(busy) + 1) if r not in busy)
        taken[(channel, side)].append((low, high, row))
        rows[i] = (channel, row, anchor, side)
    return rows


def _initial_plans(graph: Graph, layering: Layering, drawn: Sequence[int]) -> dict[int, _Plan]:
    pairs = {graph.edges[i] for i in drawn}
    plans: dict[int, _Plan] = {}
    for i in drawn:
        a, b = graph.edges[i]
        la, lb = layering.layer[a], layering.layer[b]
        if la > lb and (la - lb >= 2 or (b, a) in pairs):
            plans[i] = _Plan("lane")
        else:
            plans[i] = _leg_or_direct(graph, layering, i)
    return plans


def _leg_or_direct(graph: Graph, layering: Layering, index: int) -> _Plan:
    a, b = graph.edges[index]
    la, lb = layering.layer[a], layering.layer[b]
    if abs(la - lb) == 1:
        return _Plan("direct", channel=min(la, lb))
    if la < lb:
        return _Plan("leg", (la + 1, lb - 1), channel=lb - 1)
    return _Plan("leg", (lb + 1, la - 1), channel=lb)


def _lane_free(graph: Graph, layering: Layering, cross: Mapping[str, float],
               extents: Mapping[str, tuple[float, float]],
               legs: Mapping[int, tuple[str, int, int]], edge: tuple[str, str],
               node: float, leg: float) -> bool:
    """Whether both ends of an edge are first in their layer, so a side route out to a lane
    before every box crosses nothing."""
    paths = cluster_paths(graph)
    for end in edge:
        level = layering.layer[end]
        for other in graph.nodes:
            if other != end and layering.layer[other] == level and cross[other] < cross[end]:
                return False
        for source, first, last in legs.values():
            if first <= level <= last and cross[source] + node / 2 - leg / 2 < cross[end]:
                return False
        for cid, (low, _) in extents.items():
            if cid not in paths[end] and low < cross[end] and \
                    _spans_level(graph, layering, cid, level):
                return False
    return True


def _spans_level(graph: Graph, layering: Layering, cid: str, level: int) -> bool:
    first, last = _cluster_spans(graph, layering)[cid]
    return first <= level <= last


def _cluster_spans(graph: Graph, layering: Layering) -> dict[str, tuple[int, int]]:
    clusters = {c.id: c for c in graph.clusters}

    def levels(cluster: Cluster) -> list[int]:
        found = [layering.layer[m] for m in cluster.members]
        for child in cluster.children:
            found += levels(clusters[child])
        return found

    return {c.id: (min(levels(c)), max(levels(c))) for c in graph.clusters if levels(c)}


def _assign_tracks(graph: Graph, plans: Mapping[int, _Plan], cross: Mapping[str, float],
                   node: float) -> dict[int, int]:
    """Give each elbow in a channel a track, so parallel segments never lie on each other."""
    busy: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for i, plan in sorted(plans.items()):
        if plan.kind == "lane" or plan.channel < 0:
            continue
        a, b = graph.edges[i]
        ca, cb = cross[a] + node / 2, cross[b] + node / 2
        if ca == cb:
            continue
        low, high = min(ca, cb), max(ca, cb)
        taken = {t for lo, hi, t in busy[plan.channel] if lo <= high and low <= hi}
        track = next(t for t in range(len(taken) + 1) if t not in taken)
        plan.track = float(track)
        busy[plan.channel].append((low, high, track))
    return {channel: 1 + max(t for _, _, t in spans) for channel, spans in busy.items()}


def _lanes(plans: Mapping[int, _Plan], boxes: Mapping[str, tuple[float, float]],
           extents: Mapping[str, tuple[float, float]], sizes: FlowSizes, horizontal: bool,
           rows: Mapping[int, tuple[int, int, float, str]], label_cross: Mapping[int, float],
           ) -> dict[int, float]:
    """The cross position of each lane: before everything (labels in channels included),
    a gap apart, with room for its own label."""
    lows = [c for _, c in boxes.values()] + [lo for lo, _ in extents.values()]
    lows += [anchor - label_cross[i] / 2 for i, (_, _, anchor, _) in rows.items()]
    lanes: dict[int, float] = {}
    at = min(lows, default=0.0)
    for i, plan in sorted(plans.items()):
        if plan.kind != "lane":
            continue
        room = label_cross.get(i, 0.0)
        at -= sizes.gap_cross / 2 + room / 2
        lanes[i] = at
        at -= room / 2
    del horizontal
    return lanes


def _route(plan: _Plan, a: tuple[float, float], b: tuple[float, float], main: float,
           cross: float, t: float, lane: float, forward: bool
           ) -> tuple[str, str, list[tuple[float, float]]]:
    """Sides (abstract: in, out, before) and points (main, cross) of one edge."""
    (ma, ca), (mb, cb) = a, b
    ca_mid, cb_mid = ca + cross / 2, cb + cross / 2
    if plan.kind == "lane":
        return "before", "before", [(ma + main / 2, ca), (ma + main / 2, lane),
                                    (mb + main / 2, lane), (mb + main / 2, cb)]
    if forward:
        start, end, side_a, side_b = (ma + main, ca_mid), (mb, cb_mid), "out", "in"
    else:
        start, end, side_a, side_b = (ma, ca_mid), (mb + main, cb_mid), "in", "out"
    if ca_mid == cb_mid:
        return side_a, side_b, [start, end]
    return side_a, side_b, [start, (t, ca_mid), (t, cb_mid), end]


def _cluster_boxes(graph: Graph, layering: Layering, extents: Mapping[str, tuple[float, float]],
                   main_at: Sequence[float], main_size: float,
                   spans: Mapping[str, tuple[int, int]], before: float, after: float
                   ) -> dict[str, tuple[float, float, float, float]]:
    """Each cluster as (main low, main high, cross low, cross high), nested ones inside."""
    clusters = {c.id: c for c in graph.clusters}
    out: dict[str, tuple[float, float, float, float]] = {}

    def build(cid: str) -> tuple[float, float]:
        cluster = clusters[cid]
        lows = [main_at[layering.layer[m]] for m in cluster.members]
        highs = [main_at[layering.layer[m]] + main_size for m in cluster.members]
        for child in cluster.children:
            lo, hi = build(child)
            lows.append(lo)
            highs.append(hi)
        low, high = min(lows) - before, max(highs) + after
        out[cid] = (low, high, *extents[cid])
        return low, high

    for cluster in graph.clusters:
        if cluster.id in spans and cluster.id not in out:
            build(cluster.id)
    return out


def _to_real(graph: Graph, direction: Direction, layering: Layering,
             boxes: Mapping[str, tuple[float, float]],
             clusters: Mapping[str, tuple[float, float, float, float]],
             routes: Sequence[tuple[int, str, str, list[tuple[float, float]]]],
             labels: Mapping[int, tuple[float, float, float, float]],
             total_main: float, main: float, cross: float, twin_of: Mapping[int, int]
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

    raw_boxes = {n: rect(m, m + main, c, c + cross) for n, (m, c) in boxes.items()}
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
    sides = _SIDES[direction]
    out_routes = []
    placed: list[Rect] = []
    for i, side_a, side_b, pts in raw_points:
        a, b = graph.edges[i]
        ints = [(round(x + dx), round(y + dy)) for x, y in pts]
        ints[0] = real_boxes[a].side_midpoint(sides[side_a])
        ints[-1] = real_boxes[b].side_midpoint(sides[side_b])
        if len(ints) == 4:
            ints = _square(ints)
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
