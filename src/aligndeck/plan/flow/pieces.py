"""A flowchart cut over slides along its pieces rather than only between its layers.

Two ways: the pieces no link joins (`cut_apart`), dealt into parts in reading order; and,
for a chart whose layers are too wide for a slide however it is cut between them, its
branches (`branch_cuts`): past a layer boundary the chart falls apart into pieces that
no link joins there (a server's databases and what they run on, its report servers and
their hosts), each piece a part of its own or dealt with its neighbours, the other side
of the boundary cut between its layers into the rest. A cut link keeps a "continued"
marker at both ends, as every cut does (plan/flow/parts.py). Pure data in, data out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from aligndeck.outline.flowgraph import Edge, Flowchart
from aligndeck.plan.flow.blocks import Nest
from aligndeck.plan.flow.parts import (
    CANDIDATES,
    ENUMERATED,
    Cut,
    _layered,
    cut_units,
    parts,
    units,
)


def cut_apart(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int
              ) -> Cut | None:
    """The chart's pieces that no link joins (its connected components), in reading order,
    dealt into `count` parts of about equal size without cutting a link; None when it has
    fewer pieces than that."""
    unit = units(chart, nest)
    names = list(dict.fromkeys(unit[n.id] for n in chart.nodes))
    names += [s.id for s in chart.subgraphs if unit[s.id] == s.id and s.id in nest.blocks
              and s.id not in names]
    sets = _Sets(names)
    for e in edges:
        sets.join(unit[e.source], unit[e.target])
    pieces = sets.groups(names)
    if len(pieces) < count:
        return None
    weight = {r: sum(1 for node in chart.nodes if sets.find(unit[node.id]) == r) or 1
              for r in pieces}
    # Consecutive pieces, so each part reads on from the last: cut where the running
    # total passes each even share.
    total, seen, index = sum(weight.values()), 0, 0
    part: dict[str, int] = {}
    for r in pieces:
        if seen >= total * (index + 1) / count and index < count - 1:
            index += 1
        for n in pieces[r]:
            part[n] = index
        seen += weight[r]
    if len(set(part.values())) < count:
        return None
    everything = {name: part[u] for name, u in unit.items() if u in part}
    for sub in chart.subgraphs:
        if sub.id not in everything:
            everything[sub.id] = next((everything[m] for m in chart.contents(sub.id)
                                       if m in everything), 0)
    return Cut(everything, count, 0, "pieces")


def branch_cuts(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int,
                most: int = CANDIDATES) -> list[Cut]:
    """Up to `most` ways to cut the chart into `count` parts along its branches: at a
    layer boundary, the layers after it (or before it) fall into two or more pieces no
    link joins among them; the pieces are dealt, in reading order, into parts of about
    equal size, and the other side is cut between its layers into the parts left (the
    parts in reading order: what comes first in the flow first). The fewest boxes on the
    fullest part first, markers counted, then the fewest links cut; empty when the chart
    has no such boundary."""
    layered = _layered(chart, edges, nest)
    unit = layered.unit
    order = [u for u in dict.fromkeys(unit[n] for n in unit) if u in layered.layer]
    linked = [(unit[e.source], unit[e.target]) for e in edges
              if unit[e.source] != unit[e.target]]
    boxes = Counter(unit[n.id] for n in chart.nodes)
    found: list[Cut] = []
    seen: set[tuple[tuple[str, int], ...]] = set()
    for boundary in range(1, layered.count):
        for after in (True, False):
            side = [u for u in order if (layered.layer[u] >= boundary) == after]
            rest = list(range(boundary, layered.count) if not after else range(boundary))
            pieces = _pieces(side, linked)
            for dealt, halved in ((d, h) for d in range(2, min(len(pieces), count - 1) + 1)
                                  for h in (False, True)):
                others = count - dealt - halved
                if others < 1 or others > len(rest) or \
                        math.comb(len(rest) - 1, others - 1) > ENUMERATED:
                    continue
                groups = _deal([sum(max(1, boxes[u]) for u in p) for p in pieces], dealt)
                first = 0 if after else dealt + halved  # the side the flow reaches first
                start = others if after else 0
                dealt_to = {u: index for index, group in enumerate(groups)
                            for piece in group for u in pieces[piece]}
                # `halved`: the fullest group goes on over two parts, cut between layers
                # where its boxes are shared most evenly.
                if halved:
                    heavy = max(range(dealt), key=lambda i: sum(
                        max(1, boxes[u]) for u, g in dealt_to.items() if g == i))
                    dealt_to = _halved(dealt_to, heavy, layered.layer, boxes)
                for bounds in combinations(range(1, len(rest)), others - 1):
                    part = {u: start + g for u, g in dealt_to.items()}
                    for u in order:
                        if u not in part:
                            at = rest.index(layered.layer[u])
                            part[u] = first + sum(1 for b in bounds if b <= at)
                    key = tuple(sorted(part.items()))
                    if len(set(part.values())) == count and key not in seen:
                        seen.add(key)
                        found.append(cut_units(chart, edges, unit, part, count, "branches"))

    def fullest(where: Cut) -> tuple[int, int]:
        return max(len(p.nodes) for p in parts(chart, edges, where)), where.links

    return sorted(found, key=fullest)[:most]


def _pieces(side: Sequence[str], linked: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The units of `side` in the pieces that the links among them join, each piece in
    reading order, the pieces in the order of their first unit. A box that ends the flow
    (no link leaves it) reached from two branches does not join them: it goes with the
    first that reaches it, and the other's link to it is cut."""
    inside = set(side)
    leads = {a for a, b in linked if a in inside and b in inside}
    sets = _Sets(side)
    joined: set[str] = set()
    for a, b in linked:
        if a not in inside or b not in inside or sets.find(a) == sets.find(b):
            continue
        if b in leads or b not in joined:  # a last box joins its first branch only
            sets.join(a, b)
            joined.add(b)
    return list(sets.groups(side).values())


class _Sets:
    """Disjoint sets of names (union-find, paths halved as they are walked)."""

    def __init__(self, names: Sequence[str]) -> None:
        self._root = {n: n for n in names}

    def find(self, name: str) -> str:
        root = self._root
        while root[name] != name:
            root[name] = root[root[name]]
            name = root[name]
        return name

    def join(self, a: str, b: str) -> None:
        """`b`'s set into `a`'s (under `a`'s root)."""
        self._root[self.find(b)] = self.find(a)

    def groups(self, names: Sequence[str]) -> dict[str, list[str]]:
        """Each set's root and its members, both in the order of `names`."""
        found: dict[str, list[str]] = {}
        for name in names:
            found.setdefault(self.find(name), []).append(name)
        return found


def _halved(dealt_to: dict[str, int], heavy: int, layer: dict[str, int],
            boxes: Counter[str]) -> dict[str, int]:
    """Group `heavy` of `dealt_to` (unit → group) cut between its layers in two, where
    its boxes are shared most evenly: the later half becomes group `heavy + 1`, the
    groups after it move on by one."""
    members = [u for u, g in dealt_to.items() if g == heavy]
    levels = sorted({layer[u] for u in members})
    if len(levels) < 2:
        return dealt_to
    total = sum(max(1, boxes[u]) for u in members)
    # Boxes shared evenly first; on a tie, steps too: a short slide runs out of room for
    # a long part first (the four databases, then what runs them, on a 4:3 template).
    cut_at = min(levels[1:], key=lambda lv: (
        abs(2 * sum(max(1, boxes[u]) for u in members if layer[u] < lv) - total),
        abs(2 * levels.index(lv) - len(levels))))
    return {u: g + (g > heavy or (g == heavy and layer[u] >= cut_at))
            for u, g in dealt_to.items()}


def _deal(weights: Sequence[int], count: int) -> list[list[int]]:
    """Consecutive runs of the indexes of `weights`, `count` of them, the heaviest run as
    light as it can be (the fewest runs of one on a tie)."""
    n = len(weights)
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    inf = 10**9
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for j in range(1, count + 1):
        for i in range(j, n + 1):
            for k in range(j - 1, i):
                score = max(best[j - 1][k], prefix[i] - prefix[k])
                if score < best[j][i]:
                    best[j][i], back[j][i] = score, k
    runs, i = [], n
    for j in range(count, 0, -1):
        k = back[j][i]
        runs.append(list(range(k, i)))
        i = k
    return runs[::-1]
