"""A flowchart too large for one slide, cut into parts along its layers, one part a slide.

The cut runs between layers (a subgraph laid out as a block is never cut; a subgraph that
flows with its parent is drawn in each part that holds some of its nodes). A link cut in
two keeps both halves: in the part of its source it ends at a small "continued" marker
that names its target and the part it is in, and in the part of its target it starts
from a marker that names its source. Every part is an ordinary chart, so it is laid out,
glued and revealed like any other. Pure data in, data out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from aligndeck.outline.flowgraph import Edge, Flowchart, Label, Node, Span, Subgraph
from aligndeck.plan.flow.blocks import Nest, turned
from aligndeck.plan.flow.layers import Graph, assign_layers
from aligndeck.plan.flow.sizing import PREFERRED, TURNED
from aligndeck.strings import ENGLISH, Strings

MOST_PARTS = 12
"""A chart that does not fit this many slides is refused: no talk shows it legibly."""


@dataclass(frozen=True)
class Cut:
    """Where a chart is cut: the part each unit (node, or block laid out whole) is in."""

    part: dict[str, int]
    """Every node id and subgraph id (a block's inside with it) → part index from 0."""
    count: int
    links: int
    """Links cut in two (each gets a marker at both ends)."""


def units(chart: Flowchart, nest: Nest) -> dict[str, str]:
    """Each node and subgraph → the unit it is cut with: the outermost block around it
    (a block is laid out whole), or itself."""
    unit = {n.id: n.id for n in chart.nodes} | {s.id: s.id for s in chart.subgraphs}
    for sub in chart.subgraphs:  # outermost first: an outer block claims its inside first
        if sub.id in nest.blocks and unit[sub.id] == sub.id:
            for inner in chart.contents(sub.id):
                unit[inner] = sub.id
    return unit


def cut(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int) -> Cut | None:
    """The chart cut between layers into `count` parts of about equal size, cutting as
    few links as balance allows; None when it has fewer layers than that."""
    unit = units(chart, nest)
    order = list(dict.fromkeys(unit[n.id] for n in chart.nodes))
    order += [s.id for s in chart.subgraphs if unit[s.id] == s.id and s.id in nest.blocks
              and s.id not in order]
    linked = [(unit[e.source], unit[e.target]) for e in edges
              if unit[e.source] != unit[e.target]]
    layering = assign_layers(Graph(tuple(order), tuple(linked)))
    layers = layering.count
    if layers < count:
        return None
    weight = [0] * layers
    for node in chart.nodes:
        weight[layering.layer[unit[node.id]]] += 1
    for block in order:
        weight[layering.layer[block]] = max(weight[layering.layer[block]], 1)
    # Links spanning each boundary (between layer b - 1 and layer b).
    spans = [0] * (layers + 1)
    for a, b in linked:
        low, high = sorted((layering.layer[a], layering.layer[b]))
        for boundary in range(low + 1, high + 1):
            spans[boundary] += 1
    bounds = _boundaries(weight, spans, count)
    part_of_layer = [sum(1 for b in bounds if b <= layer) for layer in range(layers)]
    part = {name: part_of_layer[layering.layer[u]] for name, u in unit.items()
            if u in layering.layer}
    # An empty subgraph that is no block has no layer: it goes with its parent, or first.
    for sub in chart.subgraphs:
        if sub.id not in part:
            part[sub.id] = next((part[s.id] for s in chart.subgraphs
                                 if sub.id in s.children and s.id in part), 0)
    cut_links = sum(1 for e in edges if part[e.source] != part[e.target])
    return Cut(part, count, cut_links)


def cut_apart(chart: Flowchart, edges: Sequence[Edge], nest: Nest, count: int
              ) -> Cut | None:
    """The chart's pieces that no link joins (its connected components), in reading order,
    dealt into `count` parts of about equal size without cutting a link; None when it has
    fewer pieces than that."""
    unit = units(chart, nest)
    names = list(dict.fromkeys(unit[n.id] for n in chart.nodes))
    names += [s.id for s in chart.subgraphs if unit[s.id] == s.id and s.id in nest.blocks
              and s.id not in names]
    root = {n: n for n in names}

    def find(n: str) -> str:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    for e in edges:
        a, b = find(unit[e.source]), find(unit[e.target])
        if a != b:
            root[b] = a
    pieces: dict[str, list[str]] = {}
    for n in names:
        pieces.setdefault(find(n), []).append(n)
    if len(pieces) < count:
        return None
    weight = {r: sum(1 for node in chart.nodes if find(unit[node.id]) == r) or 1
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
    return Cut(everything, count, 0)


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
          words: Strings = ENGLISH, markers: bool = True) -> list[Flowchart]:
    """The chart's parts as charts of their own, each cut link ending at (or starting
    from) a "continued" marker that names the other end and its part; without `markers`,
    cut links are left out (parts drawn on one slide join them themselves)."""
    names = {s.id: s.title for s in chart.subgraphs} | {n.id: n.label.plain
                                                       for n in chart.nodes}
    out = []
    for index in range(where.count):
        nodes = [n for n in chart.nodes if where.part[n.id] == index]
        kept: list[Edge] = []
        marked: dict[str, Node] = {}
        for edge in edges:
            here_from = where.part[edge.source] == index
            here_to = where.part[edge.target] == index
            if here_from and here_to:
                kept.append(edge)
            elif (here_from or here_to) and edge.line_style != "invisible" and markers:
                other = edge.target if here_from else edge.source
                other_part = where.part[other]
                key = f"{'to' if here_from else 'from'}-{other}"
                marker = marked.get(key)
                if marker is None:
                    note = words("flow_continues" if here_from else "flow_continued",
                                 n=other_part + 1, count=where.count)
                    marker = Node(f"continued-{key}", Label(((Span(names[other]),),
                                                            (Span(note, italic=True),))),
                                  "stadium", edge.line, edge.column, continued=True)
                    marked[key] = marker
                kept.append(replace(edge, target=marker.id) if here_from
                            else replace(edge, source=marker.id))
        groups = _groups(chart, where, index)
        out.append(replace(chart, nodes=(*nodes, *marked.values()), edges=tuple(kept),
                           subgraphs=groups, warnings=()))
    return out


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


class _Planned(Protocol):
    @property
    def size(self) -> float: ...


P = TypeVar("P", bound=_Planned)
Best = Callable[[Flowchart, float], "tuple[P, Flowchart, float | None] | None"]


def plan_parts(chart: Flowchart, edges: Sequence[Edge], nest: Nest, best: Best[P],
               words: Strings = ENGLISH, most: int = MOST_PARTS
               ) -> tuple[list[P], int] | None:
    """The chart cut into the fewest parts that each fit a slide (`best` plans one part at
    the largest size up to a given one), all at one text size, the chart's own direction
    on a tie; with the number of links cut. None when even `most` parts do not fit."""
    for count in range(2, most + 1):
        # Between layers; or, for a chart of unlinked pieces, between pieces.
        cuts = [c for c in (cut(chart, edges, nest, count),
                            cut_apart(chart, edges, nest, count)) if c is not None]
        if not cuts:
            return None
        found = _fewest(chart, edges, cuts, best, words)
        if found is not None:
            return found
    return None


def _fewest(chart: Flowchart, edges: Sequence[Edge], cuts: Sequence[Cut], best: Best[P],
            words: Strings) -> tuple[list[P], int] | None:
    """The first of `cuts` whose parts all fit, at the largest size they share."""
    for where in cuts:
        pieces = parts(chart, edges, where, words)
        found: tuple[float, list[P]] | None = None
        for direction in (chart.direction, TURNED[chart.direction]):
            shown = [turned(piece, direction) for piece in pieces]
            planned = []
            for piece in shown:
                one = best(piece, PREFERRED)
                if one is None:
                    break
                planned.append(one[0])
            else:
                size = min(p.size for p in planned)
                # Every part at the size the smallest needs: one chart, one type size.
                for i, piece in enumerate(shown):
                    if planned[i].size > size:
                        again = best(piece, size)
                        if again is not None:
                            planned[i] = again[0]
                if found is None or size > found[0]:
                    found = size, planned
        if found is not None:
            return found[1], where.links
    return None
