"""A flowchart's geometry in EMU: boxes, clusters, connector routes and label spots.

Built on the layered placement of plan/flow/layers.py and plan/flow/position.py, in the flowchart's
direction (the sizes it reads and the layout it returns are in plan/flow/geometry.py). Every
connector is straight, one bend (`bentConnector2`) or one elbow (`bentConnector3`), never
a U-turn (LibreOffice draws those wrong): an edge between neighbouring layers bends in the
channel between them; a longer edge runs down a leg reserved in its source's column and
bends in the channel before its target; an edge back against the flow runs back along a
leg in its source's row and turns into the side of its target (a hook), or, where another
box stands in the way, bends in the channel after its target. Pure geometry: no
python-pptx here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from aligndeck.plan.flow.axes import to_real
from aligndeck.plan.flow.branch import branching, elbows_to_ls, label_room, label_spots
from aligndeck.plan.flow.geometry import Direction, FlowLayout, FlowSizes, Route
from aligndeck.plan.flow.layers import (
    Cluster,
    Graph,
    Layering,
    Spacing,
    assign_layers,
    cluster_paths,
    order_layers,
    other_turns,
)
from aligndeck.plan.flow.memo import memoised
from aligndeck.plan.flow.ports import ported
from aligndeck.plan.flow.position import pack
from aligndeck.plan.flow.seen import seen
from aligndeck.plan.flow.tracks import assign_tracks, channel_elbows
from aligndeck.plan.flow.untangle import HOOKS, Swaps, ells, firsts, turned, untangled

__all__ = ["ARROW_CLEAR", "ESCAPE", "Direction", "FlowLayout", "FlowSizes", "Route", "layout_flow"]

ESCAPE = 182_880
"""How far (0.2 in) a connector runs straight out of a box before it may bend: LibreOffice
re-routes a glued elbow whose first or last stretch is shorter than its own minimum."""

ARROW_CLEAR = 91_440
"""How far (0.1 in) a label in a channel keeps from the edge of the layer beside it, so it
never covers an arrowhead there (a triangle end on a 1.75 pt line is about 0.07 in long)."""

@dataclass
class _Plan:
    kind: Literal["direct", "leg", "hook", "twin", "drop", "lift", "enter", "reach"]
    levels: tuple[int, int] = (0, -1)
    channel: int = -1
    track: float = 0.0


@memoised
def layout_flow(graph: Graph, direction: Direction, sizes: FlowSizes,
                drawn: Sequence[int] | None = None) -> FlowLayout:
    """Lay out `graph` flowing in `direction`, from (0, 0); `drawn` lists the edges that are
    drawn (all by default; an invisible link still shapes the layers)."""
    if not graph.nodes:  # an empty group's inside
        return FlowLayout(0, 0, {}, {}, (), {}, 0, 0)
    return untangled(lambda swaps: _layout(graph, direction, sizes, drawn, swaps),
                     cluster_paths(graph), sizes.room, lambda: other_turns(graph), seen)


def _layout(graph: Graph, direction: Direction, sizes: FlowSizes, drawn: Sequence[int] | None,
            swaps: Swaps) -> tuple[FlowLayout, list[list[str]]]:
    """The layout, with `swaps` of neighbours made in each layer's order, and that order."""
    drawn = list(range(len(graph.edges))) if drawn is None else list(drawn)
    horizontal = direction in ("LR", "RL")
    main_size = sizes.box_w if horizontal else sizes.box_h
    cross_size = sizes.box_h if horizontal else sizes.box_w
    before = sizes.pad + (sizes.title if horizontal else 0)
    main_before = sizes.pad + (sizes.title if direction == "TB" else 0)
    main_after = sizes.pad + (sizes.title if direction == "BT" else 0)
    width = {n: float(sizes.crosses.get(n, cross_size)) for n in graph.nodes}
    layering = assign_layers(graph, turned(swaps))
    branches = branching(graph, drawn, sizes.labels)
    plans = _initial_plans(graph, layering, drawn, exits=branches)
    spacing = Spacing(cross_size, sizes.gap_cross, sizes.track * 2, before, sizes.pad,
                      width, {} if horizontal else sizes.titles)
    tried: set[int] = set()
    """Long links already tried as a reach: one blocked again is not tried so twice."""

    def packed() -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
        legs = {i: (graph.edges[i][1 if p.kind in ("drop", "lift") else 0], *p.levels)
                for i, p in plans.items()
                if p.kind in ("leg", "hook", "drop", "lift", "reach")}
        order_layers(graph, layering, legs, firsts(swaps), [s for s in swaps if s[0]])
        # Legs stand where the ordering put them in each layer (an edge back's leg along
        # its source's row is left to follow its source: ranked, it drew worse charts).
        ranked = frozenset(i for i, p in plans.items()
                           if p.kind in ("drop", "lift", "leg", "reach")
                           or (p.kind == "hook" and HOOKS in swaps))
        room = label_room(graph, plans, branches, sizes.labels, horizontal, sizes.track,
                          sizes.gap_cross)
        return pack(graph, layering, spacing, legs, ranked, room)

    # A few rounds of trying other routes for what is blocked; then what is still blocked
    # takes a route that is never blocked (so each further round has fewer to check, and
    # the last packing always matches the routes).
    rounds = 4
    for attempt in range(rounds + len(plans) + 1):
        cross, extents = packed()
        blocked = [i for i, p in plans.items() if p.kind in ("hook", "drop", "reach") and
                   not _turn_free(graph, layering, cross, graph.edges[i], width,
                                  p.kind == "drop")]
        if not blocked:
            break
        final = attempt >= rounds - 1
        for i in blocked:
            a, b = graph.edges[i]
            la, lb = layering.layer[a], layering.layer[b]
            kind = plans[i].kind
            if kind == "reach" and final:
                plans[i] = _Plan("leg", plans[i].levels, channel=plans[i].channel)
            elif kind == "reach":  # a box in the way: drop in from above after all
                tried.add(i)
                plans[i] = _initial_plans(graph, layering, [i], exits=branches)[i]
            elif kind == "drop" and i not in tried and not final:
                # A box beside the source is in the way: go down the source's own column
                # and into the target's side instead (LibreOffice draws an L as planned).
                tried.add(i)
                plans[i] = _Plan("reach", (la + 1, lb - 1), channel=lb - 1)
            elif kind == "drop":
                plans[i] = _Plan("lift", (la + 1, lb - 1), channel=la)
            else:
                plans[i] = _leg_or_direct(graph, layering, i, after_hook=True)
    twins = {graph.edges[i]: i for i in drawn}
    for i, plan in plans.items():
        a, b = graph.edges[i]
        if plan.kind == "direct" and (b, a) in twins and \
                layering.layer[a] > layering.layer[b]:
            plans[i] = _Plan("twin", channel=plan.channel)
    cross = {n: float(round(c)) for n, c in cross.items()}
    for i, plan in plans.items():  # a long link into a side: an L like any side entry
        if plan.kind == "reach":
            a, b = graph.edges[i]
            plans[i] = _Plan("enter", channel=plan.channel) if _column_clears(
                cross, width, a, b) and _turn_free(
                graph, layering, cross, (a, b), width, drop=False) else \
                _Plan("leg", plan.levels, channel=plan.channel)
    _side_entries(graph, layering, plans, cross, width)
    count = layering.count
    spans = _cluster_spans(graph, layering)
    label_main = {i: float(w if horizontal else h) for i, (w, h) in sizes.labels.items()}
    label_cross = {i: float(h if horizontal else w) for i, (w, h) in sizes.labels.items()}
    twin_of = {twins[(b, a)]: i for i, p in plans.items() if p.kind == "twin"
               for a, b in [graph.edges[i]]}
    for i in ells(swaps):  # a side entry asked for as an L out of its source's side
        a, b = graph.edges[i]
        if i in plans and plans[i].kind == "enter" and \
                layering.layer[a] + 1 == layering.layer[b]:
            plans[i] = _Plan("direct", channel=plans[i].channel)
    for i, kind in elbows_to_ls(graph, layering, plans, cross, width, ESCAPE, sizes.track,
                                twin_of, branches, label_cross, ells(swaps)).items():
        plans[i] = _Plan(kind, (layering.layer[graph.edges[i][0]],) * 2, plans[i].channel)
    track_of, tracks = assign_tracks(channel_elbows(
        graph.edges, {i: (p.kind, p.channel) for i, p in plans.items()}, layering.layer,
        {n: cross[n] + width[n] / 2 for n in graph.nodes}))
    for i, track in track_of.items():
        plans[i].track = float(track)
    beside, rows = label_spots(graph, layering, plans, cross, width, main_size, sizes.track,
                               label_cross, label_main, twin_of, branches, extents, spans,
                               (before, sizes.pad))
    margin = sizes.track
    starts: dict[int, int] = defaultdict(int)
    ends: dict[int, int] = defaultdict(int)
    for first_level, last_level in spans.values():
        starts[first_level] += 1
        ends[last_level] += 1
    bent = {p.channel for i, p in plans.items() if p.kind in ("direct", "leg", "lift")
            and cross[graph.edges[i][0]] + width[graph.edges[i][0]] / 2 !=
            cross[graph.edges[i][1]] + width[graph.edges[i][1]] / 2}
    zone: list[tuple[float, float, float]] = []
    """Per channel: room for labels after the layer before, for tracks, for labels before
    the layer after."""
    clears: list[tuple[float, ...]] = []
    """Per channel: how far the labels after and before keep from the layers' edges."""
    for channel in range(count - 1):
        heights = [max((label_main[i] for i, (ch, _, _, sd) in rows.items() if ch == channel
                        and sd == side), default=0.0) + margin for side in ("after", "before")]
        counts = [1 + max((r for i, (ch, r, _, s) in rows.items() if ch == channel and
                           s == side), default=-1) for side in ("after", "before")]
        # A connector that bends in this channel runs straight for ESCAPE out of its box
        # first and into the next; a channel crossed only by straight ones needs no more
        # than its gap.
        escape = ESCAPE if channel in bent else 0.0
        # A label by its link's target keeps clear of that layer's edge, where the
        # arrowhead stands: a label must not cover it.
        clears.append(tuple(ARROW_CLEAR if any(
            ch == channel and sd == side and layering.layer[graph.edges[i][1]] == next_to
            for i, (ch, _, _, sd) in rows.items()) else 0.0
            for side, next_to in (("after", channel), ("before", channel + 1))))
        first, last = (max(heights[k] * counts[k] + clears[-1][k], escape) for k in (0, 1))
        middle = max(tracks.get(channel, 0) * sizes.track, sizes.gap_main - first - last, 0.0)
        if channel in tracks:  # LibreOffice bends it halfway: off labels
            middle = max(middle, tracks[channel] * sizes.track + abs(
                ends[channel] * main_after + first - last - starts[channel + 1] * main_before))
        zone.append((first, middle, last))
    own = {n: float(sizes.mains.get(n, main_size)) for n in graph.nodes}
    layer_main = [main_size * 1.0] * count
    for n in graph.nodes:
        layer_main[layering.layer[n]] = max(layer_main[layering.layer[n]], own[n])
    def along() -> tuple[list[float], list[float], float]:
        """Where each layer and each channel starts along the flow, and the total."""
        main_at: list[float] = []
        channel_at: list[float] = []
        at: float = starts[0] * main_before
        for level in range(count):
            main_at.append(at)
            at += layer_main[level]
            if level < count - 1:
                channel_at.append(at + ends[level] * main_after)
                at = channel_at[-1] + sum(zone[level]) + starts[level + 1] * main_before
        return main_at, channel_at, at + ends[count - 1] * main_after

    main_at, channel_at, total_main = along()
    if horizontal:  # a title runs along the flow: a cluster too short for it grows
        for cluster in reversed(graph.clusters):
            if cluster.id not in spans:
                continue
            start, stop, *_ = _cluster_boxes(graph, layering, extents, main_at, layer_main,
                                             spans, main_before, main_after)[cluster.id]
            short = sizes.titles.get(cluster.id, 0) - (stop - start)
            if short > 0:
                layer_main[spans[cluster.id][1]] += short
                main_at, channel_at, total_main = along()

    def track_at(channel: int, track: float) -> float:
        first, middle, _ = zone[channel]
        used = max(tracks.get(channel, 1), 1)
        return channel_at[channel] + first + middle / 2 + (track - (used - 1) / 2) * sizes.track

    mid = {n: cross[n] + width[n] / 2 for n in graph.nodes}
    boxes_abs = {n: (main_at[layering.layer[n]] + _offset(graph, layering, plans, mid, n, own[n],
                                                          layer_main[layering.layer[n]]),
                     cross[n], own[n], width[n]) for n in graph.nodes}
    halfway = {channel: at for channel, at in _halfways(
        graph, layering, plans, boxes_abs, tracks).items()
        if channel_at[channel] + zone[channel][0] <= at <=
        channel_at[channel] + zone[channel][0] + zone[channel][1]}
    labels_abs: dict[int, tuple[float, float, float, float]] = {}
    for i, (channel, row, anchor, side) in rows.items():
        first, middle, last = zone[channel]
        clear_after, clear_before = clears[channel]
        height: float = (first - clear_after if side == "after" else last - clear_before) / max(
            1 + max(r for j, (ch, r, _, s) in rows.items() if ch == channel and s == side), 1)
        if side == "after":
            low: float = channel_at[channel] + clear_after + row * height + margin / 2
        else:
            low = (channel_at[channel] + first + middle + last - clear_before
                   - (row + 1) * height + margin / 2)
        centre = low + (height - margin) / 2
        labels_abs[i] = (centre - label_main[i] / 2, centre + label_main[i] / 2,
                         anchor - label_cross[i] / 2, anchor + label_cross[i] / 2)
    for i, (level, low, high) in beside.items():  # across the source's layer, at its middle
        at = main_at[level] + (layer_main[level] - label_main[i]) / 2
        labels_abs[i] = (at, at + label_main[i], low, high)
    routes_abs = []
    for i in drawn:
        plan = plans[i]
        a, b = graph.edges[i]
        if plan.kind == "twin":
            continue
        t = halfway.get(plan.channel, track_at(plan.channel, plan.track)) \
            if plan.channel >= 0 else 0.0
        routes_abs.append((i, *_route(plan, boxes_abs[a], boxes_abs[b],
                                      t, layering.layer[a] < layering.layer[b])))
    routes_abs, labels_abs = ported(routes_abs, graph.edges, {
        graph.edges[i][0] for i, p in plans.items() if p.kind == "hook"}, boxes_abs,
        labels_abs)
    clusters_abs = _cluster_boxes(graph, layering, extents, main_at, layer_main, spans,
                                  main_before, main_after)
    return to_real(graph, direction, layering, boxes_abs, clusters_abs, routes_abs,
                   labels_abs, total_main, twin_of), layering.order


def _initial_plans(graph: Graph, layering: Layering, drawn: Sequence[int], *,
                   exits: Collection[str] = ()) -> dict[int, _Plan]:
    """Each edge's route kind. An edge that skips layers leaves its source by the side and
    drops into its target (an L): LibreOffice 7.4 draws an elbow's middle halfway whatever
    adj1 says, in every direction (docs/notes/flowchart-connectors.md), and halfway along
    a long link is inside a layer it skips. A branch out of a decision (`exits`) leaves
    by its side too, so that its label can stand by its own exit."""
    pairs = {graph.edges[i] for i in drawn}
    plans: dict[int, _Plan] = {}
    hooked = {a for a, b in pairs if layering.layer[a] > layering.layer[b] and (b, a) not in
              pairs}
    for i in drawn:
        a, b = graph.edges[i]
        la, lb = layering.layer[a], layering.layer[b]
        if la > lb and (b, a) not in pairs:
            plans[i] = _Plan("hook", (lb, la - 1), channel=lb)
        elif b in hooked and lb - la >= 2 and a not in exits:
            # The edge back leaves this box by its incoming side: a long link comes in by
            # a side instead, down a leg in its source's column (an L), where it is free.
            plans[i] = _Plan("reach", (la + 1, lb - 1), channel=lb - 1)
        elif lb - la >= 2:
            plans[i] = _Plan("drop", (la, lb - 1), channel=lb - 1)
        else:
            plans[i] = _leg_or_direct(graph, layering, i)
    return plans


def _leg_or_direct(graph: Graph, layering: Layering, index: int, after_hook: bool = False
                   ) -> _Plan:
    """A straight or elbow route for an edge; `after_hook` for a back edge whose hook was
    blocked: its reserved legs still stand, so it keeps a leg even between neighbours."""
    a, b = graph.edges[index]
    la, lb = layering.layer[a], layering.layer[b]
    if abs(la - lb) == 1 and not after_hook:
        return _Plan("direct", channel=min(la, lb))
    if la < lb:
        return _Plan("leg", (la + 1, lb - 1), channel=lb - 1)
    return _Plan("leg", (lb + 1, la - 1), channel=lb)


def _side_entries(graph: Graph, layering: Layering, plans: dict[int, _Plan],
                  cross: Mapping[str, float], node: Mapping[str, float]) -> None:
    """Where several connectors meet at one box's incoming side, let the farthest link
    from each side of it come in by that side instead: an L from its source's column
    (bentConnector2), when no box of the target's layer stands in the way. Fewer
    arrowheads then share one point. A box whose edge back against the flow leaves by its
    incoming side takes every link it can by its sides, so that edge stays alone there."""
    mid = {n: cross[n] + node[n] / 2 for n in graph.nodes}
    at_in: dict[str, int] = defaultdict(int)
    sides_taken: set[tuple[str, str]] = set()
    entered: set[tuple[str, str]] = set()
    for i, plan in plans.items():
        a, b = graph.edges[i]
        if plan.kind in ("direct", "leg", "drop", "lift"):
            at_in[b if layering.layer[a] < layering.layer[b] else a] += 1
        elif plan.kind == "hook":
            at_in[a] += 1
            sides_taken.add((b, "before" if mid[a] < mid[b] else "after"))
        if plan.kind in ("drop", "lift"):
            sides_taken.update({(a, "before"), (a, "after")})
        elif plan.kind == "enter":  # a long link already comes in by that side
            entered.add((b, "before" if mid[a] < mid[b] else "after"))
    hooked = {graph.edges[i][0] for i, p in plans.items() if p.kind == "hook"}
    # Into a box whose edge back leaves by its incoming side, links from one side meet
    # at that side (a merge) rather than cross the long link there or run on the edge back.
    sides_taken |= {(b, side) for b, side in entered if b not in hooked}
    best: dict[tuple[str, str], tuple[float, int]] = {}
    for i, plan in sorted(plans.items()):
        a, b = graph.edges[i]
        if plan.kind != "direct" or layering.layer[a] + 1 != layering.layer[b] or \
                mid[a] == mid[b] or at_in[b] < 2:
            continue
        side = "before" if mid[a] < mid[b] else "after"
        far = abs(mid[a] - mid[b])
        if not _column_clears(cross, node, a, b):
            continue
        if (b, side) in sides_taken or far <= best.get((b, side), (0.0, -1))[0]:
            continue
        if not _turn_free(graph, layering, cross, (a, b), node, drop=False):
            continue
        if b in hooked:  # its incoming side carries the edge back: keep that one alone
            plans[i] = _Plan("enter", channel=plan.channel)
        else:
            best[(b, side)] = (far, i)
    for _, i in best.values():
        plans[i] = _Plan("enter", channel=plans[i].channel)


def _column_clears(cross: Mapping[str, float], node: Mapping[str, float], a: str, b: str
                   ) -> bool:
    """Whether the source's column passes clear beside the target box, and then some: an L
    down that column can come in by the target's side."""
    return abs(cross[a] + node[a] / 2 - cross[b] - node[b] / 2) >= node[b] / 2 + ESCAPE


def _turn_free(graph: Graph, layering: Layering, cross: Mapping[str, float],
               edge: tuple[str, str], node: Mapping[str, float], drop: bool) -> bool:
    """Whether the stretch of an L that runs across a layer passes no other box: a hook's
    last one (in the target's layer, from the source's row to the target), or a drop's
    first one (in the source's layer, from the source to the target's column)."""
    a, b = edge
    own, other = (a, b) if drop else (b, a)
    level = layering.layer[own]
    low, high = sorted((cross[other] + node[other] / 2, cross[own] + node[own] / 2))
    return not any(layering.layer[n] == level and n != own and cross[n] < high and
                   cross[n] + node[n] > low for n in graph.nodes)


def _cluster_spans(graph: Graph, layering: Layering) -> dict[str, tuple[int, int]]:
    clusters = {c.id: c for c in graph.clusters}

    def levels(cluster: Cluster) -> list[int]:
        found = [layering.layer[m] for m in cluster.members]
        for child in cluster.children:
            found += levels(clusters[child])
        return found

    return {c.id: (min(levels(c)), max(levels(c))) for c in graph.clusters if levels(c)}


def _route(plan: _Plan, a: tuple[float, float, float, float],
           b: tuple[float, float, float, float], t: float, forward: bool
           ) -> tuple[str, str, list[tuple[float, float]]]:
    """Sides (abstract: in, out, before) and points (main, cross) of one edge; a box is
    (main, cross, size along, size across)."""
    (ma, ca, main_a, cross_a), (mb, cb, main_b, cross_b) = a, b
    ca_mid, cb_mid = ca + cross_a / 2, cb + cross_b / 2
    if plan.kind == "drop":
        side, edge = ("after", ca + cross_a) if cb_mid > ca_mid else ("before", ca)
        return side, "in", [(ma + main_a / 2, edge), (ma + main_a / 2, cb_mid), (mb, cb_mid)]
    if plan.kind == "enter":
        into = ("before", cb) if ca_mid < cb_mid else ("after", cb + cross_b)
        return "out", into[0], [(ma + main_a, ca_mid), (mb + main_b / 2, ca_mid),
                                (mb + main_b / 2, into[1])]
    if plan.kind == "hook":
        into = ("before", cb) if ca_mid < cb else ("after", cb + cross_b)
        return "in", into[0], [(ma, ca_mid), (mb + main_b / 2, ca_mid),
                               (mb + main_b / 2, into[1])]
    if forward:
        start, end, side_a, side_b = (ma + main_a, ca_mid), (mb, cb_mid), "out", "in"
    else:
        start, end, side_a, side_b = (ma, ca_mid), (mb + main_b, cb_mid), "in", "out"
    if ca_mid == cb_mid:
        return side_a, side_b, [start, end]
    return side_a, side_b, [start, (t, ca_mid), (t, cb_mid), end]


def _cluster_boxes(graph: Graph, layering: Layering, extents: Mapping[str, tuple[float, float]],
                   main_at: Sequence[float], layer_main: Sequence[float],
                   spans: Mapping[str, tuple[int, int]], before: float, after: float
                   ) -> dict[str, tuple[float, float, float, float]]:
    """Each cluster as (main low, main high, cross low, cross high), nested ones inside."""
    clusters = {c.id: c for c in graph.clusters}
    out: dict[str, tuple[float, float, float, float]] = {}

    def build(cid: str) -> tuple[float, float]:
        cluster = clusters[cid]
        lows = [main_at[layering.layer[m]] for m in cluster.members]
        highs = [main_at[layering.layer[m]] + layer_main[layering.layer[m]]
                 for m in cluster.members]
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


def _offset(graph: Graph, layering: Layering, plans: Mapping[int, _Plan],
            mid: Mapping[str, float], node: str, own: float, layer: float) -> float:
    """Where a box stands along its layer (from the layer's start): in the middle, or, for
    a box no link leaves and that only elbows from the layer before reach, at the layer's
    start, so that the elbows into every box of a layer end on one line and LibreOffice,
    which bends an elbow halfway between its ends, bends them on one line too."""
    level = layering.layer[node]
    into = [(i, a) for i, (a, b) in enumerate(graph.edges) if b == node]
    if not into or any(node == a for a, _ in graph.edges) or any(
            layering.layer[a] != level - 1 or mid[a] == mid[node] or
            i not in plans or plans[i].kind != "direct" for i, a in into):
        return (layer - own) / 2
    return 0.0


def _halfways(graph: Graph, layering: Layering, plans: Mapping[int, _Plan],
              boxes: Mapping[str, tuple[float, float, float, float]],
              tracks: Mapping[int, int]) -> dict[int, float]:
    """Channels with one track whose elbows all bend in one place when LibreOffice draws
    them (halfway between their ends): their track goes there, so the drawing in
    LibreOffice is the one planned."""
    ends: dict[int, set[float]] = defaultdict(set)
    for i, plan in plans.items():
        if plan.kind in ("hook", "drop", "enter", "twin") or plan.channel < 0:
            continue
        a, b = graph.edges[i]
        (ma, ca, main_a, cross_a), (mb, cb, _, cross_b) = boxes[a], boxes[b]
        if ca + cross_a / 2 == cb + cross_b / 2:
            continue
        if layering.layer[a] > layering.layer[b]:
            (ma, _, main_a, _), (mb, _, _, _) = boxes[b], boxes[a]
        ends[plan.channel].add((ma + main_a + mb) / 2)
    return {channel: next(iter(found)) for channel, found in ends.items()
            if len(found) == 1 and tracks.get(channel, 1) <= 1}
