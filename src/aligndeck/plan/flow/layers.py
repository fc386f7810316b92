"""Layered (Sugiyama) placement of a directed graph: cycles broken, layers assigned, crossings
reduced; plan/flow/position.py then packs the nodes along each layer. Pure arithmetic on abstract
axes: `main` runs along the flow (layer by layer), `cross` across it; units are whatever
the caller uses.

Subgraphs are clusters: their nodes stay together in every layer, and a cluster is packed
as one rigid block, so no other node ever falls inside its container. An edge that spans
several layers runs along a *leg* reserved in the layers between, attached to its source's
column, so it can be drawn as one elbow connector that never crosses a box.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

SWEEPS = 8
"""Barycentre sweeps of crossing reduction (down and up count as one each)."""
MOST_TURNS = 3
"""Other sets of edges to turn round that untangling tries (`other_turns`)."""
MOST_TURNED = 4
"""Edges turned round from which no other set is tried (each try is one more than that
many edges out of those on a cycle: too many sets to look through)."""


@dataclass(frozen=True)
class Cluster:
    id: str
    members: tuple[str, ...]
    children: tuple[str, ...]


@dataclass(frozen=True)
class Graph:
    """Nodes in reading order, edges as (source, target), clusters outermost first."""

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    clusters: tuple[Cluster, ...] = ()
    starts_here: bool = False
    """The flow starts in this graph (a whole chart, or the first of its slides): its start,
    the first node in reading order that no link reaches once cycles are broken, stays in
    the first layer; other sources move down to just before their nearest successor."""


@dataclass(frozen=True)
class Spacing:
    """Cross-axis sizes: a node's width across the flow, the gap between neighbours, a leg's
    width, and a cluster's padding on either side."""

    node: float
    gap: float
    leg: float
    pad_before: float
    pad_after: float
    sizes: Mapping[str, float] = field(default_factory=dict)
    """A node's own width across the flow, where it differs from `node` (a subgraph laid
    out as one block)."""
    least: Mapping[str, float] = field(default_factory=dict)
    """A cluster's least width across the flow, padding included (room for its title)."""

    def half(self, name: str) -> float:
        """Half a node's width across the flow: its centre from its low edge."""
        return self.sizes.get(name, self.node) / 2


@dataclass
class Layering:
    layer: dict[str, int]
    reversed: set[int]
    """Indices of edges turned round to break cycles (they point against the flow)."""
    order: list[list[str]] = field(default_factory=list)
    """Each layer's nodes (and leg stand-ins "leg:<edge index>:<layer>") in cross order."""

    @property
    def count(self) -> int:
        return max(self.layer.values(), default=0) + 1


def assign_layers(graph: Graph, turn: Collection[int] | None = None) -> Layering:
    """Break cycles by turning round the edges a depth-first walk (in reading order) finds
    going back (or fewer: `_fewer_back`), or the edges `turn` names (one of `other_turns`),
    then give each node the longest path from a source; a source is then moved
    down to just before its nearest successor (but for the flow's start, where the graph
    `starts_here`: a side input written first is where the reader starts)."""
    back = _fewer_back(graph, _walk_back(graph)) if turn is None else set(turn)
    dag = [(b, a) if i in back else (a, b) for i, (a, b) in enumerate(graph.edges)]
    preds: dict[str, list[str]] = defaultdict(list)
    nexts: dict[str, list[str]] = defaultdict(list)
    for a, b in dag:
        preds[b].append(a)
        nexts[a].append(b)
    layer: dict[str, int] = {}

    def depth(node: str) -> int:
        # Iterative longest path from the sources (the DAG has no cycles now).
        pending = [node]
        while pending:
            top = pending[-1]
            missing = [p for p in preds[top] if p not in layer]
            if missing:
                pending.extend(missing)
                continue
            layer[top] = max((layer[p] + 1 for p in preds[top]), default=0)
            pending.pop()
        return layer[node]

    for node in graph.nodes:
        depth(node)
    start = next((n for n in graph.nodes if not preds[n]), None) if graph.starts_here else None
    for node in graph.nodes:
        if not preds[node] and nexts[node] and node != start:
            layer[node] = max(layer[node], min(layer[n] for n in nexts[node]) - 1)
    return Layering(layer, back)


def _walk_back(graph: Graph) -> set[int]:
    """The edges a depth-first walk in reading order finds going back."""
    succ: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, (a, b) in enumerate(graph.edges):
        succ[a].append((index, b))
    state: dict[str, int] = {}
    back: set[int] = set()
    for root in graph.nodes:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            step = next(children, None)
            if step is None:
                state[node] = 2
                stack.pop()
                continue
            index, child = step
            if state.get(child) == 1:
                back.add(index)
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(succ[child])))
    return back


@functools.lru_cache(maxsize=256)
def other_turns(graph: Graph, most: int = MOST_TURNS) -> tuple[frozenset[int], ...]:
    """Up to `most` other sets of edges to turn round (for `assign_layers`), fewest first,
    each breaking every cycle with no node becoming a start that was not one (so the flow
    starts where it did), none larger than one more than the set `assign_layers` turns,
    and none with a smaller such set inside it. Only edges on a cycle are turned, and
    only where that set is small (MOST_TURNED): none for a graph with no cycle. Kept for
    the graph: the planner lays one graph out at many sizes."""
    back = _fewer_back(graph, _walk_back(graph))
    if not back or len(back) >= MOST_TURNED:
        return ()
    after: dict[str, set[str]] = defaultdict(set)
    for a, b in graph.edges:
        after[a].add(b)

    def reach(node: str) -> set[str]:
        seen: set[str] = set()
        todo = [node]
        while todo:
            for n in after[todo.pop()] - seen:
                seen.add(n)
                todo.append(n)
        return seen

    cyclic = [i for i, (a, b) in enumerate(graph.edges) if a != b and a in reach(b)]
    starts = _dag_starts(graph, back)

    def breaks(turn: Collection[int]) -> bool:
        dag = [(b, a) if i in turn else (a, b) for i, (a, b) in enumerate(graph.edges)]
        return len(_topological(graph.nodes, dag)) == len(set(graph.nodes)) and \
            _dag_starts(graph, turn) <= starts

    found: list[frozenset[int]] = []
    for count in range(1, len(back) + 2):
        for turn in itertools.combinations(cyclic, count):
            chosen = frozenset(turn)
            if chosen != back and breaks(chosen) and \
                    not any(breaks(chosen - {i}) for i in chosen):
                found.append(chosen)
                if len(found) >= most:
                    return tuple(found)
    return tuple(found)


def _dag_starts(graph: Graph, turn: Collection[int]) -> set[str]:
    """The nodes no edge leads into once the edges `turn` names are turned round."""
    return set(graph.nodes) - {a if i in turn else b for i, (a, b) in enumerate(graph.edges)
                               if a != b}


def _fewer_back(graph: Graph, back: set[int]) -> set[int]:
    """The edges to turn round: the walk's, or fewer where moving one node in the walk's
    order turns fewer round (sifting, one node at a time to where the fewest of its edges
    point back, until none moves). The first node stays first, so the flow still starts at
    it; a node moves only where it turns strictly fewer round."""
    if not back or len(graph.nodes) < 3:
        return back
    dag = [(b, a) if i in back else (a, b) for i, (a, b) in enumerate(graph.edges)]
    order = _topological(graph.nodes, dag)
    if len(order) != len(set(graph.nodes)):
        return back
    links: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    """A node's links to others: (the other, whether the node is the source)."""
    for a, b in graph.edges:
        if a != b:
            links[a].append((b, True))
            links[b].append((a, False))
    starts = _sources(graph, order)
    """No node may become a start that was not one (a loop's way back turned round
    instead of the way in would put the loop before the box that leads into it)."""
    moved = True
    for _ in range(len(order)):
        if not moved:
            break
        moved = False
        for node in order[1:]:
            rest = [n for n in order if n != node]
            at = {n: k for k, n in enumerate(rest)}

            def backs(slot: int, node: str = node, at: dict[str, int] = at) -> int:
                # Before rest[slot]: an edge out to a node placed earlier points back.
                return sum((at[o] < slot) if out else (at[o] >= slot)
                           for o, out in links[node])

            here = order.index(node)
            now = backs(here)
            for slot in sorted(range(1, len(rest) + 1), key=lambda k: (backs(k), abs(k - here))):
                if backs(slot) >= now:
                    break
                tried = [*rest[:slot], node, *rest[slot:]]
                if _sources(graph, tried) <= starts:
                    order, moved = tried, True
                    break
    rank = {n: k for k, n in enumerate(order)}
    fewer = {i for i, (a, b) in enumerate(graph.edges) if rank[b] <= rank[a]}
    return fewer if len(fewer) < len(back) else back


def _sources(graph: Graph, order: Sequence[str]) -> set[str]:
    """The nodes with no link to one before them in `order`: where a flow laid out in it
    (each link pointing forward, those pointing back turned round) starts."""
    rank = {n: k for k, n in enumerate(order)}
    return set(graph.nodes) - {max(a, b, key=rank.__getitem__) for a, b in graph.edges
                               if a != b}


def _topological(nodes: Sequence[str], dag: Sequence[tuple[str, str]]) -> list[str]:
    """`nodes` in an order where every edge of `dag` (no cycles) points forward: reading
    order among those free to go."""
    preds: dict[str, int] = dict.fromkeys(nodes, 0)
    nexts: dict[str, list[str]] = defaultdict(list)
    for a, b in dag:
        if a != b:
            preds[b] += 1
            nexts[a].append(b)
    order: list[str] = []
    free = [n for n in nodes if preds[n] == 0]
    while free:
        node = free.pop(0)
        order.append(node)
        for n in nexts[node]:
            preds[n] -= 1
            if preds[n] == 0:
                free.append(n)
    return order


def cluster_paths(graph: Graph) -> dict[str, tuple[str, ...]]:
    """Each node's clusters, outermost first (empty for a node in no cluster)."""
    parent: dict[str, str] = {}
    for cluster in graph.clusters:
        for child in cluster.children:
            parent[child] = cluster.id
    paths: dict[str, tuple[str, ...]] = {node: () for node in graph.nodes}
    for cluster in graph.clusters:
        chain = [cluster.id]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
        for member in cluster.members:
            paths[member] = tuple(reversed(chain))
    return paths


def order_layers(graph: Graph, layering: Layering, legs: Mapping[int, tuple[str, int, int]],
                 extremes: set[str], swaps: Sequence[tuple[str, str]] = ()) -> None:
    """Fill `layering.order`: each layer's nodes and leg stand-ins, sorted by barycentre over
    several sweeps (keeping the order with the fewest crossings), clusters kept together
    and ranked the same way in every layer. `legs` maps an edge to (source, first layer,
    last layer) of its leg; `extremes` are nodes pushed to the start of their layer;
    `swaps` are pairs of neighbours then swapped (plan/flow/untangle.py tries them)."""
    paths = cluster_paths(graph)
    items: dict[int, list[str]] = defaultdict(list)
    for node in graph.nodes:
        items[layering.layer[node]].append(node)
    owner: dict[str, str] = {}
    for index, (source, first, last) in legs.items():
        for level in range(first, last + 1):
            name = f"leg:{index}:{level}"
            items[level].append(name)
            owner[name] = source
            paths[name] = paths[source]
    links: dict[str, list[str]] = defaultdict(list)
    for index, (a, b) in enumerate(graph.edges):
        chain = [a]
        if index in legs:
            _, first, last = legs[index]
            levels = range(first, last + 1)
            if layering.layer[a] > layering.layer[b]:
                levels = range(last, first - 1, -1)
            chain += [f"leg:{index}:{level}" for level in levels]
        chain.append(b)
        for x, y in itertools.pairwise(chain):
            links[x].append(y)
            links[y].append(x)
    level_of = {name: level for level, names in items.items() for name in names}
    order = [list(items[level]) for level in range(layering.count)]
    best, best_crossings = [list(o) for o in order], _crossings(order, links, level_of)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        levels = range(1, len(order)) if down else range(len(order) - 2, -1, -1)
        for level in levels:
            ref = order[level - 1] if down else order[level + 1]
            where = {name: i for i, name in enumerate(ref)}
            own = {name: i for i, name in enumerate(order[level])}

            def bary(name: str, where: dict[str, int] = where,
                     own: dict[str, int] = own) -> float:
                if name in extremes:
                    return -1e9
                near = [where[n] for n in links[name] if n in where]
                return sum(near) / len(near) if near else float(own[name])

            order[level] = _cluster_sort(order[level], bary, paths)
        crossings = _crossings(order, links, level_of)
        if crossings < best_crossings:
            best, best_crossings = [list(o) for o in order], crossings
    for x, y in swaps:
        for names in best:
            if x in names and y in names:
                i, j = names.index(x), names.index(y)
                names[i], names[j] = y, x
    layering.order = best


def _cluster_sort(names: Sequence[str], key: object, paths: Mapping[str, tuple[str, ...]],
                  depth: int = 0) -> list[str]:
    """Sort by `key`, members of one cluster (at this depth) together at their mean key."""
    assert callable(key)
    groups: dict[str, list[str]] = defaultdict(list)
    singles: list[str] = []
    for name in names:
        path = paths.get(name, ())
        if len(path) > depth:
            groups[path[depth]].append(name)
        else:
            singles.append(name)
    units: list[tuple[float, list[str]]] = [(key(n), [n]) for n in singles]
    for members in groups.values():
        inner = _cluster_sort(members, key, paths, depth + 1)
        units.append((sum(key(n) for n in members) / len(members), inner))
    units.sort(key=lambda unit: unit[0])
    return [name for _, unit in units for name in unit]


def _crossings(order: Sequence[Sequence[str]], links: Mapping[str, list[str]],
               level_of: Mapping[str, int]) -> int:
    total = 0
    for upper, lower in itertools.pairwise(order):
        if not lower:
            continue
        where = {name: i for i, name in enumerate(lower)}
        below = level_of.get(lower[0])
        pairs = sorted((i, where[n]) for i, name in enumerate(upper) for n in links[name]
                       if n in where and level_of.get(n) == below)
        # Each pair crosses every later one that ends further left: counted from the
        # end, with the later ends kept sorted.
        later: list[int] = []
        for _, b in reversed(pairs):
            total += bisect.bisect_left(later, b)
            bisect.insort(later, b)
    return total
