"""Two connector rules of a flowchart that keep it unambiguous: labels at a branch's exits,
and elbows of a top-to-bottom chart that LibreOffice would draw on one line turned into Ls.

Pure arithmetic on the abstract axes of plan/flow/layout.py (`main` along the flow, `cross`
across it, each box as wide across as `node` says); it reads the layout's route plans and
says what to change, and layout.py applies it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from math import copysign
from typing import Literal, Protocol

from aligndeck.plan.flow.layers import Graph, Layering, cluster_paths

ELBOWS = ("direct", "leg", "lift")
"""Route kinds drawn as an elbow (bentConnector3) when their ends are not in line."""
_LS: tuple[Literal["drop", "enter"], ...] = ("drop", "enter")


class PlanView(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def levels(self) -> tuple[int, int]: ...

    @property
    def channel(self) -> int: ...


def branching(graph: Graph, drawn: Collection[int], labelled: Collection[int]) -> set[str]:
    """Nodes with two or more labelled links out of them that are drawn: decisions, whose
    labels belong where each connector leaves the box."""
    count: dict[str, int] = defaultdict(int)
    for i in drawn:
        if i in labelled:
            count[graph.edges[i][0]] += 1
    return {n for n, k in count.items() if k >= 2}


def label_room(graph: Graph, plans: Mapping[int, PlanView], exits: Collection[str],
               labels: Mapping[int, tuple[float, float]], horizontal: bool, margin: float,
               gap: float) -> dict[tuple[str, int], float]:
    """How much wider, on either side, to pack the leg a drop out of a decision reserves in
    its source's layer (keyed by the target that owns it, and the layer): room for the
    label beside the exit, `labels` (width, height) on the slide."""
    return {(graph.edges[i][1], plan.levels[0]):
            labels[i][1 if horizontal else 0] + margin / 2 - gap
            for i, plan in plans.items() if plan.kind == "drop" and
            graph.edges[i][0] in exits and i in labels}


def label_spots(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
                cross: Mapping[str, float], node: Mapping[str, float], depth: float,
                margin: float, widths: Mapping[int, float], depths: Mapping[int, float],
                twin_of: Mapping[int, int], exits: Collection[str],
                extents: Mapping[str, tuple[float, float]],
                spans: Mapping[str, tuple[int, int]], pad: tuple[float, float]
                ) -> tuple[dict[int, tuple[int, float, float]],
                           dict[int, tuple[int, int, float, str]]]:
    """Every label's spot: beside its source's exit (`beside_labels`), else in a channel
    (`label_rows`). Links out of a decision (`exits`) have theirs near the source, unless
    two or more of them would stand on the same side of its shared stem (a fan-out: there
    only the targets tell them apart); both links of a twin do when either does, each at
    its own end of the connector."""
    near = {i for i in widths if i in plans and graph.edges[i][0] in exits}
    stem: dict[tuple[str, float], list[int]] = defaultdict(list)
    for i in near:
        a, b = graph.edges[i]
        if plans[i].kind in ("direct", "lift", "leg", "enter") and \
                layering.layer[a] < layering.layer[b]:
            ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
            turns = plans[i].kind in ("direct", "lift") and ca != cb
            stem[(a, copysign(1.0, cb - ca) if turns else 0.0)].append(i)
    near -= {i for group in stem.values() if len(group) > 1 for i in group}
    # Branches that leave by one exit (they found no side of their own: one straight on
    # and one turning, or two turning opposite ways) share their first stretch: their
    # labels stand by their targets instead, each on a stretch of its own.
    ways: dict[str, int] = defaultdict(int)
    for a, _ in stem:
        ways[a] += 1
    shared = {a for a, count in ways.items() if count > 1}
    near -= {i for (a, _), group in stem.items() if a in shared for i in group}
    near |= {j for i, j in twin_of.items() if i in near or j in near}
    near |= {i for i, j in twin_of.items() if j in near}
    beside = beside_labels(graph, layering, plans, cross, node, depth, margin, near, widths,
                           depths, extents, spans, pad)
    return beside, label_rows(graph, layering, plans, cross, node, widths, twin_of, near,
                              beside, extents, spans, pad)


def _ends(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
          cross: Mapping[str, float], node: Mapping[str, float]) -> set[tuple[str, str]]:
    """The box sides (node, before/after) that a drawn connector already uses."""
    used: set[tuple[str, str]] = set()
    for i, plan in plans.items():
        a, b = graph.edges[i]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if plan.kind == "drop":
            used.add((a, "after" if cb > ca else "before"))
        elif plan.kind == "enter":
            used.add((b, "before" if ca < cb else "after"))
        elif plan.kind == "hook":
            used.add((b, "before" if ca < cross[b] else "after"))
    return used


def _sideways(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
              cross: Mapping[str, float], node: Mapping[str, float]
              ) -> list[tuple[int, int, float, float]]:
    """Every stretch that runs across a layer through its middle: (edge, layer, low, high)
    of each drop's first stretch and each hook's or side entry's last."""
    out = []
    for i, plan in plans.items():
        a, b = graph.edges[i]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if plan.kind == "drop":
            edge = cross[a] + node[a] if cb > ca else cross[a]
            out.append((i, layering.layer[a], min(edge, cb), max(edge, cb)))
        elif plan.kind in ("hook", "enter"):
            edge = cross[b] if ca < cb else cross[b] + node[b]
            out.append((i, layering.layer[b], min(edge, ca), max(edge, ca)))
    return out


def _legs(graph: Graph, plans: Mapping[int, PlanView], cross: Mapping[str, float],
          node: Mapping[str, float]) -> list[tuple[int, int, float]]:
    """(edge, layer, cross centre) of every leg a connector runs along through a layer."""
    out = []
    for i, plan in plans.items():
        if plan.kind not in ("leg", "hook", "drop", "lift"):
            continue
        a, b = graph.edges[i]
        owner = b if plan.kind in ("drop", "lift") else a
        first, last = plan.levels
        out += [(i, level, cross[owner] + node[owner] / 2) for level in range(first, last + 1)]
    return out


def _free(graph: Graph, layering: Layering, cross: Mapping[str, float], node: Mapping[str, float],
          level: int, low: float, high: float, own: str) -> bool:
    """Whether no box of `level` but `own` reaches into the cross range low..high."""
    return not any(layering.layer[n] == level and n != own and cross[n] < high and
                   cross[n] + node[n] > low for n in graph.nodes)


def elbows_to_ls(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
                 cross: Mapping[str, float], node: Mapping[str, float], escape: float,
                 margin: float,
                 twinned: Collection[int], exits: Collection[str],
                 labels: Mapping[int, float], preferred: Collection[int] = ()
                 ) -> dict[int, Literal["drop", "enter"]]:
    """Elbows between neighbouring layers to draw as an L instead ("drop": out of the
    source's side, across to the target's column and into the target; "enter": out of the
    source, then into the target's side). An L is taken only where its stretches pass no
    box, no reserved leg and no other stretch across a layer, and the box side it uses is
    free; otherwise the elbow stays.
    - Out of a decision (`exits`), a branch that would turn leaves by the side it turns to,
      so the branches part at the box, each with its own first stretch for its label (where
      the label, `labels` long across, fits on that stretch before it turns)
    - A link out of a box does not cross a drop out of the same box: an unlabelled elbow
      whose stretch across its channel would pass the column where such a drop goes down
      leaves by that drop's side instead, on its stem (one trunk, branching at each
      target's column), where that L is free but for the stem it shares
    - LibreOffice 7.4 draws each elbow's middle segment halfway across the channel
      whatever it is told (in every direction), so two elbows of one channel whose
      ranges across overlap (and that share neither end: those read as a fork or a merge)
      would lie on one line there. Of each such set one elbow stays; the others become Ls.
    - Elbows in `preferred` (plan/flow/untangle.py tries them where the drawing is tangled)
      become Ls first, where one is free."""
    used = _ends(graph, layering, plans, cross, node)
    entered = _ends(graph, layering, {i: p for i, p in plans.items() if p.kind != "drop"},
                    cross, node)
    """The sides links come in by (or an edge back leaves by): no stem may share them."""
    across = _sideways(graph, layering, plans, cross, node)
    legs = _legs(graph, plans, cross, node)

    def l_shape(i: int, kind: Literal["drop", "enter"], trunk: bool = False,
                clear: float = escape) -> tuple[tuple[str, str], int, float, float, float] | None:
        # With `trunk`, a drop may leave by a side that drops out of the same box already
        # use, and run on their stretch across the layer: one stem, as a fan-out is drawn.
        a, b = graph.edges[i]
        drops = {j for j, p in plans.items() if changed.get(j, p.kind) == "drop"}
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if abs(ca - cb) < node[a if kind == "drop" else b] / 2 + clear:
            return None
        if kind == "drop":  # across the source's layer, then down the target's column
            own, level, column, towards = a, layering.layer[a], cb, ca
            side = (a, "after" if cb > ca else "before")
        else:  # down the source's column, then across the target's layer
            own, level, column, towards = b, layering.layer[b], ca, cb
            side = (b, "before" if ca < cb else "after")
        low, high = sorted((column, towards))
        if side in (entered if trunk else used) or not _free(
                graph, layering, cross, node, level, low - margin, high + margin, own):
            return None
        if any(lv == level and lo < high + margin and low - margin < hi
               for j, lv, lo, hi in across if j != i and not (
                   trunk and kind == "drop" and graph.edges[j][0] == a and j in drops)):
            return None
        if any(lv == level and abs(at - column) <= margin and graph.edges[j][1] != b
               for j, lv, at in legs if j != i):
            return None
        return side, level, low, high, column

    changed: dict[int, Literal["drop", "enter"]] = {}

    def take(i: int, kinds: tuple[Literal["drop", "enter"], ...], trunk: bool = False,
             clear: float = escape) -> bool:
        if plans[i].kind != "direct" or i in twinned or i in changed:
            return False
        for kind in kinds:
            shape = l_shape(i, kind, trunk, clear)
            if shape is not None:
                side, level, low, high, column = shape
                changed[i] = kind
                used.add(side)
                if kind == "enter":
                    entered.add(side)
                across.append((i, level, low, high))
                legs.append((i, level, column))
                return True
        return False

    def _centre(n: str) -> float:
        return cross[n] + node[n] / 2

    def reach(i: int) -> float:
        a, b = graph.edges[i]
        return -abs(cross[a] + node[a] / 2 - cross[b] - node[b] / 2)

    for i in sorted(preferred):
        if i in plans:
            take(i, _LS)
    # A decision's branches leave by its sides where they can, the farthest first: a
    # nearer branch's L would cross the farther one's elbow, which then passes its end.
    for i in sorted(plans, key=lambda i: (reach(i), i)):
        a, b = graph.edges[i]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if a in exits and ca != cb and \
                labels.get(i, 0.0) + 1.5 * margin <= abs(ca - cb) - node[a] / 2:
            take(i, ("drop",))
    # A branch that would still leave by the decision's far side with another (straight
    # on, turning, or the other half of a twin) would run on its first stretch, both
    # labels there: it leaves by the side it turns to, however short its first stretch,
    # and its label stands by its target instead.
    for i in sorted(plans, key=lambda i: (reach(i), i)):
        a, b = graph.edges[i]
        if a in exits and i in labels and _centre(a) != _centre(b) and any(
                j != i and graph.edges[j][0] == a and j not in changed and
                plans[j].channel == plans[i].channel and plans[j].kind in ("direct", "twin")
                for j in plans):
            take(i, ("drop",), clear=margin)
    # A link out of a box does not cross a drop out of it: an elbow whose stretch across
    # its channel would pass the column a drop out of the same box goes down (the drop
    # leaves by the side the elbow turns to) joins the drop's stem out of that side.
    for i in sorted(plans, key=lambda i: (reach(i), i)):
        a, b = graph.edges[i]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if i not in labels and any(
                graph.edges[j][0] == a and changed.get(j, plans[j].kind) == "drop" and
                lv == layering.layer[a] and min(ca, cb) < at < max(ca, cb)
                for j, lv, at in legs if j != i):
            take(i, ("drop",), trunk=True)
    elbows: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for i, plan in sorted(plans.items()):
        a, b = graph.edges[i]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if plan.kind in ELBOWS and plan.channel >= 0 and ca != cb and i not in changed:
            elbows[plan.channel].append((i, min(ca, cb), max(ca, cb)))
    for members in elbows.values():
        kept: list[tuple[int, float, float]] = []
        # Elbows that cannot become an L are kept first, so the others make way for them.
        for i, low, high in sorted(members, key=lambda m: (
                plans[m[0]].kind == "direct" and m[0] not in twinned and
                any(l_shape(m[0], k) for k in _LS), m[0])):
            ends = set(graph.edges[i])
            if not any(lo <= high and low <= hi and not ends & set(graph.edges[j])
                       for j, lo, hi in kept) or not take(i, _LS):
                kept.append((i, low, high))
    return changed


def beside_labels(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
                  cross: Mapping[str, float], node: Mapping[str, float], depth: float,
                  margin: float,
                  wanted: Collection[int], widths: Mapping[int, float],
                  depths: Mapping[int, float], extents: Mapping[str, tuple[float, float]],
                  spans: Mapping[str, tuple[int, int]], pad: tuple[float, float]
                  ) -> dict[int, tuple[int, float, float]]:
    """Spots beside a box for the labels of the `wanted` drops: on the stretch that runs
    across the source's layer out of its side, just outside the box, as (layer, cross low,
    cross high); centred on the layer's middle along the flow. A label gets one only where
    it fits before the stretch turns, within `depth` (the shallowest layer) along the flow,
    and covers no box, reserved leg, other stretch across that layer, other label, or the
    border or title band of a cluster (`pad` is a cluster's padding before and after its
    content across the flow, title included)."""
    paths = cluster_paths(graph)
    across = _sideways(graph, layering, plans, cross, node)
    legs = _legs(graph, plans, cross, node)
    out: dict[int, tuple[int, float, float]] = {}
    for i in sorted(wanted):
        if plans[i].kind != "drop" or depths[i] > depth:
            continue
        a, b = graph.edges[i]
        level = layering.layer[a]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        if cb > ca:
            low = cross[a] + node[a] + margin / 2
            high = low + widths[i]
            fits = high + margin <= cb
        else:
            high = cross[a] - margin / 2
            low = high - widths[i]
            fits = low - margin >= cb
        if not fits or not _free(graph, layering, cross, node, level, low, high, a):
            continue
        if any(lv == level and lo < high and low < hi for j, lv, lo, hi in across if j != i):
            continue
        if any(lv == level and low - margin <= at <= high + margin for j, lv, at in legs
               if j != i):
            continue
        if any(lv == level and lo < high and low < hi for lv, lo, hi in out.values()):
            continue
        if _clear(paths[a], (level, level), low, high, extents, spans, pad):
            out[i] = (level, low, high)
    return out


def _clear(own: Collection[str], levels: tuple[int, int], low: float, high: float,
           extents: Mapping[str, tuple[float, float]], spans: Mapping[str, tuple[int, int]],
           pad: tuple[float, float]) -> bool:
    """Whether the cross range low..high at `levels` (a layer, or the two either side of a
    channel) stays inside the content of the clusters `own` and clear of all others."""
    for cid, (first, last) in spans.items():
        if last < levels[0] or first > levels[1]:
            continue
        lo, hi = extents[cid]
        if cid in own and not lo + pad[0] <= low <= high <= hi - pad[1]:
            return False
        if cid not in own and low < hi and lo < high:
            return False
    return True


def label_rows(graph: Graph, layering: Layering, plans: Mapping[int, PlanView],
               cross: Mapping[str, float], node: Mapping[str, float], widths: Mapping[int, float],
               twin_of: Mapping[int, int], near: Collection[int], beside: Collection[int],
               extents: Mapping[str, tuple[float, float]], spans: Mapping[str, tuple[int, int]],
               pad: tuple[float, float]) -> dict[int, tuple[int, int, float, str]]:
    """Where each label of a connector that crosses a channel sits: (channel, row, cross
    centre, side). Most labels sit on the connector's last stretch, which runs straight
    across the channel next to its target. A label `near` its source (a link out of a
    decision) sits on the first stretch instead, in the channel just after the source (just
    before it for an edge against the flow), beside the shared stem on the side the elbow
    turns to when it turns there (unless that reaches across a cluster's border: `extents`
    across, `spans` of layers, `pad` inside before and after); those `beside` the source
    have a spot of their own.
    Labels that would overlap take separate rows, stacked from the box they sit by ("before"
    a layer, or "after" it). A twin's label sits at its own end of the connector it shares:
    by its target, or by its source when near."""
    rows: dict[int, tuple[int, int, float, str]] = {}
    taken: dict[tuple[int, str], list[tuple[float, float, int]]] = defaultdict(list)
    paths = cluster_paths(graph)
    order = sorted(i for i in widths if i in plans and plans[i].kind != "twin" and
                   i not in beside)
    order += sorted(t for t in twin_of.values() if t in widths)
    for i in order:
        a, b = graph.edges[i]
        la, lb = layering.layer[a], layering.layer[b]
        ca, cb = cross[a] + node[a] / 2, cross[b] + node[b] / 2
        kind = plans[i].kind
        if i in near and kind != "drop":
            channel, side, anchor = (la, "after", ca) if la < lb else (la - 1, "before", ca)
            if kind == "twin" and any(plans[f].kind == "enter" for f, t in twin_of.items()
                                      if t == i):
                anchor = cb  # the shared L comes down its target's column
            shifted = anchor + copysign(widths[i] / 2, cb - ca)
            if kind in ("direct", "lift") and ca != cb and la < lb and _clear(
                    paths[a], (la, lb), shifted - widths[i] / 2, shifted + widths[i] / 2,
                    extents, spans, pad):
                anchor = shifted
        else:
            channel, side = (lb - 1, "before") if la < lb else (lb, "after")
            anchor = ca if kind in ("hook", "enter") else cb  # hook: along the source's row
        low, high = anchor - widths[i] / 2, anchor + widths[i] / 2
        busy = {r for lo, hi, r in taken[(channel, side)] if lo < high and low < hi}
        row = next(r for r in range(len(busy) + 1) if r not in busy)
        taken[(channel, side)].append((low, high, row))
        rows[i] = (channel, row, anchor, side)
    return rows
