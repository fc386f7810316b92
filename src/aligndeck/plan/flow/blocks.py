"""Subgraphs laid out on their own: a flowchart's blocks, each in its own direction.

Mermaid follows a subgraph's own `direction` only while no link joins a node inside it to
a node outside it; then the subgraph can be laid out apart and placed in its parent as one
block. We do the same, and we also lay out apart a subgraph that a link names (`A -->
group`), so the link can be glued to its container. Every other subgraph stays a cluster of
its parent's layers (plan/flow/layers.py), flowing with them.

`lay_out` lays out the innermost blocks first; each block then stands in its parent's
layout as one node of its own size, and its inside is moved into place. Pure geometry, on
top of plan/flow/layout.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from aligndeck.outline.flowgraph import Direction, Edge, Flowchart
from aligndeck.plan.flow.layers import Cluster, Graph
from aligndeck.plan.flow.layout import FlowLayout, FlowSizes, Route, layout_flow
from aligndeck.plan.flow.sizing import TURNED
from aligndeck.plan.model import Rect


@dataclass(frozen=True)
class Nest:
    """How a chart's subgraphs are laid out."""

    blocks: Mapping[str, Direction]
    """Subgraphs laid out apart, with the direction each flows in."""
    stand_ins: Mapping[str, str]
    """A subgraph a link names that cannot be a block: the node its links join instead."""
    warnings: tuple[tuple[str, str], ...]
    """(subgraph id, message) for what was asked and not followed."""


def plan_nest(chart: Flowchart, edges: Sequence[Edge]) -> Nest:
    """Which subgraphs become blocks (closed to outside links, and asking for a direction,
    named by a link or holding no node), in what direction, and what the rest fall back
    to."""
    named = {end for e in edges for end in (e.source, e.target)}
    parent = {child: s.id for s in chart.subgraphs for child in s.children}
    blocks: dict[str, Direction] = {}
    stand_ins: dict[str, str] = {}
    warnings: list[tuple[str, str]] = []
    for sub in chart.subgraphs:  # outermost first, so a parent's direction is known
        inside = chart.contents(sub.id)
        closed = not any((e.source in inside) != (e.target in inside) for e in edges)
        around = chart.direction
        up = parent.get(sub.id)
        while up is not None and up not in blocks:
            up = parent.get(up)
        if up is not None:
            around = blocks[up]
        empty = not any(n.id in inside for n in chart.nodes)  # drawn as an empty box
        if closed and (sub.direction is not None or sub.id in named or empty):
            blocks[sub.id] = sub.direction or around
            continue
        if sub.direction is not None and sub.direction != around:
            warnings.append((sub.id, f"subgraph '{sub.id}' asks for direction "
                             f"{sub.direction}, but links join its nodes to nodes outside "
                             f"it, so (as in Mermaid) it flows {around} with the chart "
                             "around it"))
        if sub.id in named:
            first = next((n.id for n in chart.nodes if n.id in inside), None)
            if first is not None:
                stand_ins[sub.id] = first
                warnings.append((sub.id, f"links to subgraph '{sub.id}' join its node "
                                 f"'{first}': its nodes also link to nodes outside it, so "
                                 "it cannot be placed as one block"))
    return Nest(blocks, stand_ins, tuple(warnings))


def turned(chart: Flowchart, direction: Direction | None = None) -> Flowchart:
    """The chart turned a quarter (or drawn in `direction`, when given): every group that
    asks for a direction of its own turns with it, as the whole drawing would, so that a
    column of steps inside a group becomes a row when the chart runs across the slide."""
    way = TURNED[chart.direction] if direction is None else direction
    if way == chart.direction:
        return chart
    subgraphs = tuple(replace(s, direction=TURNED[s.direction]) if s.direction else s
                      for s in chart.subgraphs)
    return replace(chart, direction=way, subgraphs=subgraphs)


def joined(edges: Sequence[Edge], nest: Nest) -> list[Edge]:
    """The edges with each link to a subgraph that is no block moved to its stand-in."""
    out = []
    for edge in edges:
        source = nest.stand_ins.get(edge.source, edge.source)
        target = nest.stand_ins.get(edge.target, edge.target)
        out.append(replace(edge, source=source, target=target))
    return out


def lay_out(chart: Flowchart, edges: Sequence[Edge], nest: Nest, sizes: FlowSizes,
            drawn: Sequence[int]) -> FlowLayout:
    """The whole chart laid out, blocks inside their parents. `sizes.mains` holds each
    node's own height where it is taller than the box (a diamond): it runs along a
    vertical flow and across a horizontal one; `sizes.wides` each node's own width where
    it is wider, the other way round. Routes keep their indices into `edges`."""
    return _Nester(chart, edges, nest, sizes, set(drawn)).level(None, chart.direction)


class _Nester:
    def __init__(self, chart: Flowchart, edges: Sequence[Edge], nest: Nest, sizes: FlowSizes,
                 drawn: set[int]) -> None:
        self.chart, self.edges, self.nest = chart, edges, nest
        self.sizes, self.drawn = sizes, drawn
        self.home: dict[str, str | None] = {}
        """Each node's and subgraph's innermost block (None for the chart itself)."""
        for sub in chart.subgraphs:
            for name in (*sub.members, *sub.children):
                self.home[name] = sub.id if sub.id in nest.blocks else self.home.get(sub.id)
        for node in chart.nodes:
            self.home.setdefault(node.id, None)
        for sub in chart.subgraphs:
            self.home.setdefault(sub.id, None)

    def level(self, owner: str | None, direction: Direction) -> FlowLayout:
        """The layout of one block's inside (or of the chart, for None)."""
        horizontal = direction in ("LR", "RL")
        blocks = [s.id for s in self.chart.subgraphs
                  if s.id in self.nest.blocks and self.home[s.id] == owner]
        inner = {b: self.level(b, self.nest.blocks[b]) for b in blocks}
        nodes = [n.id for n in self.chart.nodes if self.home[n.id] == owner] + blocks
        clusters = []
        for sub in self.chart.subgraphs:
            if sub.id in self.nest.blocks or self.home[sub.id] != owner:
                continue
            members = (*sub.members, *(c for c in sub.children if c in self.nest.blocks))
            children = tuple(c for c in sub.children if c not in self.nest.blocks)
            clusters.append(Cluster(sub.id, members, children))
        here = set(nodes)
        local = [i for i, e in enumerate(self.edges) if e.source in here and e.target in here]
        graph = Graph(tuple(nodes), tuple((self.edges[i].source, self.edges[i].target)
                                          for i in local), tuple(clusters),
                      starts_here=owner is None and not self._continued())
        sizes = self.sizes
        outer = {b: self._outer(b, layout) for b, layout in inner.items()}
        tall = {n: h for n, h in sizes.mains.items() if n in here}
        wide = {n: w for n, w in sizes.wides.items() if n in here}
        main = {n: (w if horizontal else h) for n, (w, h) in outer.items()}
        across = {n: (h if horizontal else w) for n, (w, h) in outer.items()}
        if horizontal:
            across.update(tall)
            main.update(wide)
        else:
            main.update(tall)
            across.update(wide)
        local_sizes = replace(sizes, labels={k: sizes.labels[i] for k, i in enumerate(local)
                                             if i in sizes.labels},
                              mains=main, crosses=across,
                              room=sizes.room if owner is None else None)
        layout = layout_flow(graph, direction, local_sizes,
                             [k for k, i in enumerate(local) if i in self.drawn])
        return self._merged(layout, local, inner, outer)

    def _continued(self) -> bool:
        """Whether the flow comes in from another slide (a "continued" marker with a link
        out of it): this part of a chart does not start the flow."""
        sources = {e.source for e in self.edges}
        return any(n.continued and n.id in sources for n in self.chart.nodes)

    def _outer(self, block: str, layout: FlowLayout) -> tuple[int, int]:
        """A block's size: its inside, padded, under its title (and as wide as that)."""
        pad, title = self.sizes.pad, self.sizes.title
        width = max(layout.width, self.sizes.box_w, self.sizes.titles.get(block, 0) - 2 * pad)
        # Even, like every box, so a block and a box lined up share a whole-EMU centre.
        return _even(width + 2 * pad), _even(layout.height + 2 * pad + title)

    def _merged(self, layout: FlowLayout, local: Sequence[int],
                inner: Mapping[str, FlowLayout], outer: Mapping[str, tuple[int, int]]
                ) -> FlowLayout:
        boxes = {n: r for n, r in layout.boxes.items() if n not in inner}
        clusters = dict(layout.clusters)
        layers = dict(layout.layers)
        routes = [_renumbered(r, local) for r in layout.routes]
        for block, inside in inner.items():
            frame = layout.boxes[block]
            clusters[block] = frame
            width, _ = outer[block]
            dx = frame.x + self.sizes.pad + (width - 2 * self.sizes.pad - inside.width) // 2
            dy = frame.y + self.sizes.pad + self.sizes.title
            boxes.update({n: _moved(r, dx, dy) for n, r in inside.boxes.items()})
            clusters.update({c: _moved(r, dx, dy) for c, r in inside.clusters.items()})
            routes += [_shifted(r, dx, dy) for r in inside.routes]
            layers.update({n: layout.layers[block] for n in inside.layers})
        routes.sort(key=lambda r: r.index)
        return FlowLayout(layout.width, layout.height, boxes, clusters, tuple(routes), layers,
                          layout.layer_count, layout.widest)


def _even(length: int) -> int:
    return length + length % 2


def _moved(rect: Rect, dx: int, dy: int) -> Rect:
    return Rect(rect.x + dx, rect.y + dy, rect.w, rect.h)


def _renumbered(route: Route, local: Sequence[int]) -> Route:
    return replace(route, index=local[route.index],
                   twin=None if route.twin is None else local[route.twin])


def _shifted(route: Route, dx: int, dy: int) -> Route:
    return replace(route, points=tuple((x + dx, y + dy) for x, y in route.points),
                   label=None if route.label is None else _moved(route.label, dx, dy),
                   twin_label=None if route.twin_label is None
                   else _moved(route.twin_label, dx, dy))
