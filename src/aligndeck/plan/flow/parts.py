"""A flowchart too large for one slide, cut into parts along its layers, one part a slide.

The cut runs between layers (a subgraph laid out as a block is never cut; a subgraph that
flows with its parent is drawn in each part that holds some of its nodes). A link cut in
two keeps both halves: in the part of its source it ends at a small "continued" marker
that names its target and the part it is in, and in the part of its target it starts
from a marker that names its source. Every part is an ordinary chart, so it is laid out,
glued and revealed like any other. Pure data in, data out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from aligndeck.outline.flowgraph import Edge, Flowchart, Label, Node, Span, Subgraph
from aligndeck.plan.flow.blocks import Nest
from aligndeck.plan.flow.layers import Graph, assign_layers
from aligndeck.strings import ENGLISH, Strings

MOST_PARTS = 12
"""A chart that does not fit this many slides is refused: no talk shows it legibly."""
BOXES_A_SLIDE = 3
"""A chart is not spread thinner than this many of its boxes a slide, on average: a
dense chart cut so finely that a slide holds a box or two among markers is no drawing
anyone reads, and it is refused with a suggestion that fits instead."""


@dataclass(frozen=True)
class Cut:
    """Where a chart is cut: the part each unit (node, or block laid out whole) is in."""

    part: dict[str, int]
    """Every node id and subgraph id (a block's inside with it) → part index from 0."""
    count: int
    links: int
    """Links cut in two (each gets a marker at both ends)."""
    way: str = "steps"
    """How it is cut: between "steps" (layers), "pieces" no link joins, or "branches"
    (the pieces one side of a layer falls into: plan/flow/pieces.py)."""


def units(chart: Flowchart, nest: Nest) -> dict[str, str]:
    """Each node and subgraph → the unit it is cut with: the outermost block around it
    (a block is laid out whole), or itself."""
    unit = {n.id: n.id for n in chart.nodes} | {s.id: s.id for s in chart.subgraphs}
    for sub in chart.subgraphs:  # outermost first: an outer block claims its inside first
        if sub.id in nest.blocks and unit[sub.id] == sub.id:
            for inner in chart.contents(sub.id):
                unit[inner] = sub.id
    return unit


@dataclass(frozen=True)
class _Layered:
    """A chart's units in layers, as the cut sees them."""

    unit: dict[str, str]
    layer: dict[str, int]
    count: int
    weight: list[int]
    """Nodes in each layer (a block counts at least one)."""
    spans: list[int]
    """Links spanning each boundary (between layer b - 1 and layer b)."""


def _layered(chart: Flowchart, edges: Sequence[Edge], nest: Nest, split: int = 0
             ) -> _Layered:
    """The chart's units in layers; with `split`, a layer of more units than that is
    taken as several of at most `split` each (in the order written), so that a cut can
    fall across it: a layer too wide for a slide is continued on the next."""
    unit = units(chart, nest)
    order = list(dict.fromkeys(unit[n.id] for n in chart.nodes))
    order += [s.id for s in chart.subgraphs if unit[s.id] == s.id and s.id in nest.blocks
              and s.id not in order]
    linked = [(unit[e.source], unit[e.target]) for e in edges
              if unit[e.source] != unit[e.target]]
    layering = assign_layers(Graph(tuple(order), tuple(linked), starts_here=True))
    level = dict(layering.layer)
    if split > 0:  # each layer's units, in the order written, in runs of `split`
        runs: dict[int, list[str]] = {}
        for name in order:
            runs.setdefault(layering.layer[name], []).append(name)
        at = 0
        for layer in range(layering.count):
            members = runs.get(layer, [])
            for k, name in enumerate(members):
                level[name] = at + k // split
            at += max(1, -(-len(members) // split))
    layers = max(level.values(), default=0) + 1
    weight = [0] * layers
    for node in chart.nodes:
        weight[level[unit[node.id]]] += 1
    for block in order:
        weight[level[block]] = max(weight[level[block]], 1)
    spans = [0] * (layers + 1)
    for a, b in linked:
        low, high = sorted((level[a], level[b]))
        for boundary in range(low + 1, high + 1):
            spans[boundary] += 1
    return _Layered(unit, level, layers, weight, spans)


def _cut_at(chart: Flowchart, edges: Sequence[Edge], layered: _Layered,
            bounds: Sequence[int]) -> Cut:
    """The chart cut at the layer boundaries `bounds` (each the first layer of a part)."""
    part_of_layer = [sum(1 for b in bounds if b <= layer) for layer in range(layered.count)]
    return cut_units(chart, edges, layered.unit,
                     {u: part_of_layer[lv] for u, lv in layered.layer.items()},
                     len(bounds) + 1)


def cut_units(chart: Flowchart, edges: Sequence[Edge], unit: dict[str, str],
              part_of: dict[str, int], count: int, way: str = "steps") -> Cut:
    """The chart cut with each unit (`units`) in the part `part_of` gives it."""
    part = {name: part_of[u] for name, u in unit.items() if u in part_of}
    # An empty subgraph that is no block has no layer: it goes with its parent, or first.
    for sub in chart.subgraphs:
        if sub.id not in part:
            part[sub.id] = next((part[s.id] for s in chart.subgraphs
                                 if sub.id in s.children and s.id in part), 0)
    cut_links = sum(1 for e in edges if part[e.source] != part[e.target])
    return Cut(part, count, cut_links, way)


def cut(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int) -> Cut | None:
    """The chart cut between layers into `count` parts of about equal size, cutting as
    few links as balance allows; None when it has fewer layers than that."""
    layered = _layered(chart, edges, nest)
    if layered.count < count:
        return None
    return _cut_at(chart, edges, layered,
                   _boundaries(layered.weight, layered.spans, count))


def chain_links(edges: Sequence[Edge]) -> dict[Edge, int]:
    """Each link inside a chain (the only link out of its source, which one link reaches,
    and the only link into its target) → how many boxes its chain runs through."""
    into = Counter(e.target for e in edges)
    out = Counter(e.source for e in edges)
    chained = {e.source: e for e in edges
               if into[e.source] == out[e.source] == into[e.target] == 1}
    heads = set(chained) - {e.target for e in chained.values()}
    found: dict[Edge, int] = {}
    for head in heads:
        run: list[Edge] = []
        at = head
        while at in chained and len(run) < len(edges):
            run.append(chained[at])
            at = chained[at].target
        found |= dict.fromkeys(run, len(run) + 1)
    return found


def step_runs(chart: Flowchart, edges: Sequence[Edge], nest: Nest, steps: int
              ) -> list[Flowchart]:
    """The chart cut between its layers every `steps` layers, each run of steps a chart
    of its own (links between runs left out): what an author who splits the chart by
    hand into diagrams of that many steps draws."""
    layered = _layered(chart, edges, nest)
    bounds = list(range(max(1, steps), layered.count, max(1, steps)))
    return parts(chart, edges, _cut_at(chart, edges, layered, bounds), markers=False)


def most_parts(chart: Flowchart, most: int = MOST_PARTS) -> int:
    """How many slides a chart may be cut over: `most`, and no thinner than
    BOXES_A_SLIDE of its boxes a slide."""
    return min(most, max(2, len(chart.nodes) // BOXES_A_SLIDE))


CANDIDATES = 4
"""Cuts tried for each number of parts before one more part is tried."""
ENUMERATED = 400
"""Up to this many ways to cut a chart into a number of parts, every one is weighed."""


def cuts(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int,
         most: int = CANDIDATES, split: int = 0) -> list[Cut]:
    """Up to `most` ways to cut the chart between layers into `count` parts, the likeliest
    to fit first: the one `cut` chooses, then (for a chart with few enough ways) the
    others by the boxes of their fullest part, markers included (what a slide runs out of
    room for), then the links they cut. Empty when it has fewer layers than `count`.
    With `split`, layers wider than that may be cut across (`_layered`)."""
    layered = _layered(chart, edges, nest, split)
    if layered.count < count:
        return []
    chosen = tuple(_boundaries(layered.weight, layered.spans, count))
    ways = [chosen]
    if math.comb(layered.count - 1, count - 1) <= ENUMERATED:
        ways += [b for b in combinations(range(1, layered.count), count - 1) if b != chosen]
    found = [_cut_at(chart, edges, layered, b) for b in ways]

    def fullest(where: Cut) -> tuple[int, int, int]:
        sizes = [len(p.nodes) for p in parts(chart, edges, where)]
        return max(sizes), where.links, sum(n * n for n in sizes)

    return [found[0], *sorted(found[1:], key=fullest)][:most]


CHAIN_BAND = 3
"""Boxes a chain needs to be given a band of its own when a chart is wrapped."""


def chain_cuts(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int,
               most: int = CANDIDATES) -> list[Cut]:
    """Up to `most` ways to wrap the chart into `count` bands whose last band is a chain
    of CHAIN_BAND boxes or more and what only it leads to, the rest cut between layers
    into the bands before it, the most even first: a run of single steps (roll out to
    1%, 10%, 50%, everyone) reads as one straight line of its own, and the branches that
    lead away from the flow before it (a decision's other answer, a way back) stay in the
    bands where they are taken, so their links need not cross on their way to it."""
    if count < 2:
        return []
    layered = _layered(chart, edges, nest)
    unit = layered.unit
    after: dict[str, set[str]] = {}
    for e in edges:
        if unit[e.source] != unit[e.target]:
            after.setdefault(unit[e.source], set()).add(unit[e.target])
    inside = [e for e in chain_links(edges) if unit[e.source] != unit[e.target]]
    heads = {unit[e.source] for e in inside} - {unit[e.target] for e in inside}
    found: list[Cut] = []
    for head in heads:
        last, todo = {head}, [head]
        while todo:
            for b in after.get(todo.pop(), set()) - last:
                last.add(b)
                todo.append(b)
        chained = sum(1 for e in inside if unit[e.source] in last) + 1
        levels = sorted({lv for u, lv in layered.layer.items() if u not in last})
        joined = any(b in last - {head} for a, bs in after.items() if a not in last
                     for b in bs)  # a box after the chain that another way leads to
        if chained < CHAIN_BAND or len(levels) < count - 1 or joined:
            continue
        rank = {lv: i for i, lv in enumerate(levels)}
        shifted = replace(layered, count=len(levels) + 1, layer={
            u: len(levels) if u in last else rank[lv] for u, lv in layered.layer.items()})
        if math.comb(len(levels) - 1, count - 2) > ENUMERATED:
            continue
        found += [_cut_at(chart, edges, shifted, [*bounds, len(levels)])
                  for bounds in combinations(range(1, len(levels)), count - 2)]

    def fullest(where: Cut) -> tuple[int, int]:
        sizes = Counter(where.part[n.id] for n in chart.nodes)
        return max(sizes.values()), where.links

    return sorted(found, key=fullest)[:most]


def _boundaries(weight: Sequence[int], spans: Sequence[int], count: int) -> list[int]:
    """The `count - 1` layer boundaries that keep the longest part shortest (a flow's
    length is what a slide runs out of first), then cut the fewest links, with no part
    holding more than the even share of nodes plus a third (or the fullest layer)."""
    total = sum(weight)
    layers = len(weight)
    most_nodes = max(max(weight), -(-total * 4 // (3 * count)))
    most_layers = -(-layers // count) + 1
    prefix = [0]
    for w in weight:
        prefix.append(prefix[-1] + w)
    inf = (10**9, 10**9, 10**9)
    # best[j][i]: (longest part, links cut, fullest part) for the first i layers in j
    # parts: the longest part decides whether the parts fit, so it is kept short first.
    best = [[inf] * (layers + 1) for _ in range(count + 1)]
    back = [[0] * (layers + 1) for _ in range(count + 1)]
    best[0][0] = (0, 0, 0)
    for j in range(1, count + 1):
        for i in range(j, layers + 1):
            for k in range(max(j - 1, i - most_layers), i):
                if best[j - 1][k] == inf:
                    continue
                part = prefix[i] - prefix[k]
                if part > most_nodes:
                    continue
                links, longest, fullest = best[j - 1][k]
                score = (links + (spans[k] if k else 0), max(longest, i - k),
                         max(fullest, part))
                if score < best[j][i]:
                    best[j][i], back[j][i] = score, k
    if best[count][layers] == inf:  # no balanced cut: even layers per part
        return [round(layers * j / count) for j in range(1, count)]
    bounds, i = [], layers
    for j in range(count, 0, -1):
        i = back[j][i]
        bounds.append(i)
    return sorted(b for b in bounds if b)


def parts(chart: Flowchart, edges: Sequence[Edge], where: Cut,
          words: Strings = ENGLISH, markers: bool = True, pooled: bool = False,
          by_source: bool = False) -> list[Flowchart]:
    """The chart's parts as charts of their own, each cut link ending at (or starting
    from) a "continued" marker that names the other end and its part; without `markers`,
    cut links are left out (parts drawn on one slide join them themselves).

    Links between this part and several boxes of one other part that join the same boxes
    here (a fan-in of six sources into one box, a fan-out of twenty) share one marker, so
    a part does not fill with a marker per box there; it says only which part they are
    on, since the markers on that part name where each link comes from or goes.

    `pooled` is for a dense chart whose parts fill with markers: every link out of a part
    to one other part goes into one marker ("continues on 2/3"), as an off-page
    connector, and every link into a part starts from a marker naming its source, so
    each link can still be followed from slide to slide.

    `by_source` is pooled the other way round, for a part whose boxes each lead to
    several others on other slides (six services, each using databases on one slide and
    servers on another): every link out of one box goes into one marker below it that
    names every part they go on to, so each box's links leave it as one straight arrow
    instead of crossing on their way to markers shared by all; links into a part are
    marked as with `pooled`."""
    names = {s.id: s.title for s in chart.subgraphs} | {n.id: n.label.plain or n.id
                                                       for n in chart.nodes}
    out = []
    for index in range(where.count):
        nodes = [n for n in chart.nodes if where.part[n.id] == index]
        kept: list[Edge] = []
        marked: dict[str, Node] = {}
        shared = {False: {} if by_source else
                  _shared_ends(edges, where, index, inward=False, pooled=pooled),
                  True: {} if pooled or by_source else
                  _shared_ends(edges, where, index, inward=True)}
        onward = _onward(edges, where, index) if by_source else {}
        for edge in edges:
            here_from = where.part[edge.source] == index
            here_to = where.part[edge.target] == index
            if here_from and here_to:
                kept.append(edge)
            elif (here_from or here_to) and edge.line_style != "invisible" and markers:
                other = edge.target if here_from else edge.source
                others = shared[not here_from].get(other, (other,))
                other_part = where.part[others[0]]
                key = f"{'to' if here_from else 'from'}-{'-'.join(others)}" if not pooled \
                    or len(others) == 1 else f"to-part-{other_part + 1}"
                if here_from and by_source:
                    key = f"onward-{onward[edge.source][0]}"
                marker = marked.get(key)
                if marker is None and here_from and by_source:
                    # A marker of one link names its box, as a marker of its own does.
                    ends = {e.target for e in edges if e.source in onward and
                            onward[e.source][0] == onward[edge.source][0] and
                            where.part[e.target] != index and e.line_style != "invisible"}
                    named = ((Span(names[edge.target]),),) if len(ends) == 1 else ()
                    marker = Node(f"continued-{key}", Label((*named, *(
                        (Span(words("flow_continues", n=n + 1, count=where.count),
                              italic=True),) for n in onward[edge.source][1]))),
                        "stadium", edge.line, edge.column, continued=True)
                    marked[key] = marker
                elif marker is None:
                    note = words("flow_continues" if here_from else "flow_continued",
                                 n=other_part + 1, count=where.count)
                    # A shared marker names none of its boxes: the markers on their
                    # slide name where each goes, as an off-page connector does.
                    lines = ((Span(names[others[0]]),),) if len(others) == 1 else ()
                    marker = Node(f"continued-{key}",
                                  Label((*lines, (Span(note, italic=True),))),
                                  "stadium", edge.line, edge.column, continued=True)
                    marked[key] = marker
                kept.append(replace(edge, target=marker.id) if here_from
                            else replace(edge, source=marker.id))
        groups = _groups(chart, where, index)
        out.append(replace(chart, nodes=(*nodes, *marked.values()), edges=tuple(kept),
                           subgraphs=groups, warnings=()))
    return out


def _onward(edges: Sequence[Edge], where: Cut, index: int
            ) -> dict[str, tuple[str, list[int]]]:
    """Each box of part `index` with drawn links to other parts → the box whose marker
    it shares and the parts that marker names, in order: boxes joined here by a link
    (a service and the one it calls) share one, placed after the later, so that each
    column of boxes ends in one marker."""
    found: dict[str, set[int]] = {}
    for edge in edges:
        if where.part[edge.source] == index != where.part[edge.target] and \
                edge.line_style != "invisible":
            found.setdefault(edge.source, set()).add(where.part[edge.target])
    group = {box: box for box in found}
    for edge in edges:
        if edge.source in group and edge.target in group:
            first, second = group[edge.source], group[edge.target]
            group = {box: first if g == second else g for box, g in group.items()}
    onward: dict[str, set[int]] = {}
    for box, g in group.items():
        onward.setdefault(g, set()).update(found[box])
    return {box: (g, sorted(onward[g])) for box, g in group.items()}


def _shared_ends(edges: Sequence[Edge], where: Cut, index: int, inward: bool,
                 pooled: bool = False) -> dict[str, tuple[str, ...]]:
    """Boxes on other slides whose cut links with part `index` share one marker: those on
    one part, joined (by unlabelled, drawn links) to the same boxes of this part, two or
    more of them; the sources of links into this part (`inward`), else the targets of
    links out of it; with `pooled`, every box of one other part, whatever it joins. Each
    such box → all the boxes of its marker, in the order written."""
    joins: dict[str, set[str]] = {}
    plain: dict[str, bool] = {}
    for edge in edges:
        here, there = (edge.target, edge.source) if inward else (edge.source, edge.target)
        if where.part[here] != index or where.part[there] == index or \
                edge.line_style == "invisible":
            continue
        joins.setdefault(there, set()).add(here)
        plain[there] = plain.get(there, True) and edge.label is None
    together: dict[tuple[int, frozenset[str]], list[str]] = {}
    for there, heres in joins.items():
        if plain[there]:
            together.setdefault((where.part[there], frozenset(() if pooled else heres)),
                            []).append(there)
    return {there: tuple(group) for group in together.values() if len(group) > 1
            for there in group}


def _groups(chart: Flowchart, where: Cut, index: int) -> tuple[Subgraph, ...]:
    """The subgraphs drawn in one part: those holding any of its nodes (an empty one in
    its own part), with their members and children narrowed to the part."""
    present = {s.id for s in chart.subgraphs
               if (where.part[s.id] == index and not chart.contents(s.id))
               or any(where.part.get(m) == index for m in chart.contents(s.id)
                      if m not in {g.id for g in chart.subgraphs})}
    return tuple(replace(s, members=tuple(m for m in s.members if where.part[m] == index),
                         children=tuple(c for c in s.children if c in present))
                 for s in chart.subgraphs if s.id in present)
