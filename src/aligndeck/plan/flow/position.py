"""Packing a layered graph across the flow: each node (with the legs reserved for its long
links, and each cluster as one rigid block) placed near the median of its neighbours, layer
by layer, keeping every layer's order and gaps; then chains straightened and drifting parts
drawn together. Pure arithmetic on the abstract axes of plan/flow/layers.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from aligndeck.plan.flow.layers import Cluster, Graph, Layering, Spacing, cluster_paths
from aligndeck.plan.flow.memo import memoised


@dataclass
class _Item:
    """A rigid piece packed across layers: its interval (relative) in each layer it uses."""

    name: str
    spans: dict[int, tuple[float, float]]
    rank: float
    """Where the item stands in its layers' order (a node's own place, or its leg's)."""
    offset: float = 0.0
    ranks: dict[int, float] = field(default_factory=dict)
    """Its place in the order of each layer it uses, where known."""
    inner: dict[str, float] = field(default_factory=dict)
    """Relative cross position of each node (and cluster start) inside this item."""
    start: float = 0.0
    """Where the item stood before the push being worked out (scratch for `_place`)."""
    queued: bool = False
    """Whether the item waits to push the items beyond it (scratch for `_place`)."""
    extent: float = 0.0
    """Its width across all its layers (its spans never change once it is made)."""

    def __post_init__(self) -> None:
        self.extent = max(hi for _, hi in self.spans.values()) - \
            min(lo for lo, _ in self.spans.values())


def pack(graph: Graph, layering: Layering, spacing: Spacing, legs: Mapping[int, tuple[str, int,
         int]], ranked: frozenset[int] = frozenset(),
         room: Mapping[tuple[str, int], float] | None = None
         ) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    """Cross positions: each node's low edge, and each cluster's (low, high) extent, padding
    included. Nodes of one layer never overlap (nor legs or clusters in that layer). The
    `ranked` edges' legs set their owner's place in the packing order (a leg that reaches
    up from its target stands where the ordering put it, beside its source). `room` widens
    a node's leg at a layer by that much on either side (space for a label beside it)."""
    # A layout packs again what it packed before, the same (an untangling try that only
    # draws an elbow as an L): the packing is remembered, and copied out.
    cross, boxes = _packed(graph, layering, spacing, legs, ranked, room)
    return dict(cross), dict(boxes)


@memoised
def _packed(graph: Graph, layering: Layering, spacing: Spacing,
            legs: Mapping[int, tuple[str, int, int]], ranked: frozenset[int],
            room: Mapping[tuple[str, int], float] | None
            ) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    paths = cluster_paths(graph)
    position = {name: i for level in layering.order for i, name in enumerate(level)}
    node_legs: dict[str, list[int]] = defaultdict(list)
    leg_ranks: dict[str, dict[int, float]] = defaultdict(dict)
    for index, (source, first, last) in legs.items():
        node_legs[source] += list(range(first, last + 1))
        for level in range(first, last + 1):
            name = f"leg:{index}:{level}"
            if name in position and index in ranked:
                leg_ranks[source][level] = min(position[name],
                                               leg_ranks[source].get(level, position[name]))
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in graph.edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    half = {n: spacing.half(n) for n in layering.layer}.__getitem__
    """Half a node's width across the flow, looked up: it is asked for a great many times."""
    clusters = {c.id: c for c in graph.clusters}
    extents: dict[str, tuple[float, float]] = {}
    centre: dict[str, float] = {}

    def node_item(node: str) -> _Item:
        mid = spacing.half(node)
        spans = {layering.layer[node]: (0.0, 2 * mid)}
        for level in node_legs[node]:
            extra = max((room or {}).get((node, level), 0.0), 0.0)
            spans[level] = (mid - spacing.leg / 2 - extra, mid + spacing.leg / 2 + extra)
        ranks = {**leg_ranks[node], layering.layer[node]: float(position[node])}
        return _Item(node, spans, position[node], inner={node: 0.0}, ranks=ranks)

    def cluster_item(cluster: Cluster) -> _Item:
        parts = [node_item(n) for n in cluster.members] + \
            [cluster_item(clusters[c]) for c in cluster.children]
        _pack_items(parts, spacing.gap, half, {}, neighbours, layering.layer)
        _straighten(parts, spacing.gap, half, neighbours, layering.layer)
        spans: dict[int, tuple[float, float]] = {}
        inner: dict[str, float] = {}
        low = min(p.offset + lo for p in parts for lo, _ in p.spans.values())
        high = max(p.offset + hi for p in parts for _, hi in p.spans.values())
        width = high - low + spacing.pad_before + spacing.pad_after
        # A cluster narrower than its title needs is widened, its content kept centred.
        extra = max(spacing.least.get(cluster.id, 0.0) - width, 0.0)
        width += extra
        for part in parts:
            for name, at in part.inner.items():
                inner[name] = part.offset + at - low + spacing.pad_before + extra / 2
        levels = [level for part in parts for level in part.spans]
        for level in range(min(levels), max(levels) + 1):
            spans[level] = (0.0, width)
        inner[f"cluster:{cluster.id}"] = 0.0
        extents[cluster.id] = (0.0, width)
        rank = sum(p.rank for p in parts) / len(parts)
        # Its place in each layer's order is its first member's (or leg's) there, so a
        # node ordered before the group in a layer they share is packed before it.
        ranks: dict[int, float] = {}
        for part in parts:
            for level, place in part.ranks.items():
                ranks[level] = min(place, ranks.get(level, place))
        return _Item(cluster.id, spans, rank, inner=inner, ranks=ranks)

    top = [node_item(n) for n in graph.nodes if not paths[n]]
    children = {child for c in graph.clusters for child in c.children}
    top += [cluster_item(c) for c in graph.clusters if c.id not in children]
    known: dict[tuple[int, int], bool] = {}
    """Which of two top items comes after the other: asked again in every sweep."""
    for sweep in range(5):
        _pack_items(top, spacing.gap, half, centre, neighbours, layering.layer,
                    down=sweep % 2 == 0, known=known)
    # Parents follow children on the way up, children parents on the way down: take the
    # mean of both (as Brandes and Köpf average their alignments), then pack once more so
    # the mean keeps every gap.
    after_down = {item.name: item.offset for item in top}
    _pack_items(top, spacing.gap, half, centre, neighbours, layering.layer, down=False,
                known=known)
    mean = {item.name: (item.offset + after_down[item.name]) / 2 for item in top}
    _pack_items(top, spacing.gap, half, centre, neighbours, layering.layer,
                fixed=mean, known=known)
    _straighten(top, spacing.gap, half, neighbours, layering.layer)
    _relax(top, spacing.gap, half, neighbours, layering.layer)
    low = min(item.offset + lo for item in top for lo, _ in item.spans.values())
    cross: dict[str, float] = {}
    boxes: dict[str, tuple[float, float]] = {}
    for item in top:
        for name, at in item.inner.items():
            where = item.offset + at - low
            if name.startswith("cluster:"):
                cid = name.removeprefix("cluster:")
                boxes[cid] = (where, where + extents[cid][1])
            else:
                cross[name] = where
    return cross, boxes


def _pack_items(items: list[_Item], gap: float, half: Callable[[str], float],
                centre: dict[str, float],
                neighbours: Mapping[str, list[str]], layer: Mapping[str, int], *,
                down: bool = True, fixed: Mapping[str, float] | None = None,
                known: dict[tuple[int, int], bool] | None = None) -> None:
    """Place items layer by layer (down or up the flow), each as near the median centre of
    its neighbours in the layers already placed as the items placed before it allow.
    `centre` is updated as items land, so each layer follows the one before. `known`
    keeps, between sweeps over the same items, which of two comes after the other."""
    def first(item: _Item) -> int:
        return min(item.spans) if down else -max(item.spans)

    items.sort(key=lambda item: (first(item), item.ranks.get(abs(first(item)), item.rank)))
    placed: list[_Item] = []
    levels: dict[int, list[_Item]] = defaultdict(list)
    """The placed items that use each layer, in the order they were placed."""
    clean: set[int] = set()
    """Layers where no two placed items were closer than the gap when last looked at."""
    written: dict[int, float] = {}
    """Each placed item's offset when its nodes' centres were last written."""

    order = {} if known is None else known

    def after(other: _Item, item: _Item) -> bool:
        # An item placed earlier stands before, unless the order of every layer they share
        # says it comes after (a leg placed with its node further on may belong after a
        # node of this layer). Spans and ranks never change: asked once a pair.
        pair = (id(other), id(item))
        if pair not in order:
            shared = [level for level in item.spans if level in other.spans]
            order[pair] = bool(shared) and all(
                item.ranks.get(level) is not None and other.ranks.get(level) is not None and
                other.ranks[level] > item.ranks[level] for level in shared)
        return order[pair]

    for item in items:
        wanted = []
        for name, at in item.inner.items():
            own = layer.get(name)
            if own is None:
                continue
            near = sorted(centre[n] for n in neighbours.get(name, []) if n in centre
                          and (layer[n] < own if down else layer[n] > own))
            close = sorted(centre[n] for n in neighbours.get(name, []) if n in centre
                           and abs(layer[n] - own) == 1 and (layer[n] < own) == down)
            near = close or near
            if near:
                wanted.append(near[(len(near) - 1) // 2] - at - half(name))
        desired = sum(wanted) / len(wanted) if wanted else None
        if fixed is not None:
            desired = fixed[item.name]
        saved = [other.offset for other in placed]
        if not _place(item, placed, levels, clean, desired, gap, after):
            # The order could not be kept without a tangle: as before, the item goes
            # beyond everything already placed in its layers.
            for other, offset in zip(placed, saved, strict=True):
                other.offset = offset
            _place(item, placed, levels, clean, desired, gap, lambda other, item: False)
        placed.append(item)
        for level in item.spans:
            levels[level].append(item)
        for other in placed:
            if written.get(id(other)) == other.offset:
                continue  # not moved since its centres were written
            written[id(other)] = other.offset
            for name, at in other.inner.items():
                if name in layer:
                    centre[name] = other.offset + at + half(name)


def _place(item: _Item, placed: list[_Item], levels: Mapping[int, list[_Item]],
           clean: set[int], desired: float | None, gap: float,
           after: Callable[[_Item, _Item], bool]) -> bool:
    """Put `item` after the placed items that come before it (`levels`: those that use
    each layer, in order), pushing those that come after it along; False when the
    pushing runs away or leaves an overlap. `clean` holds the layers known to have no
    overlap: kept up to date here (emptied on False)."""
    ahead: list[_Item] = []
    behind: list[_Item] = []
    for other in placed:  # each asked once: the order says where it stands
        (behind if after(other, item) else ahead).append(other)
    bound = max((other.offset + other.spans[level][1] + gap - lo
                 for level, (lo, _) in item.spans.items() for other in ahead
                 if level in other.spans), default=None)
    choices = [v for v in (desired, bound) if v is not None]
    item.offset = max(choices) if choices else item.offset
    if not behind:  # nothing to push: only the layers it joins, or not found clean, tell
        for level in {*item.spans, *(level for level in levels if level not in clean)}:
            members = [*levels.get(level, ()), item] if level in item.spans else levels[level]
            if not _apart(members, level, gap):
                clean.clear()
                return False
        clean.update(levels)
        clean.update(item.spans)
        return True
    # Items already placed that belong after this one move along to keep the gap, and
    # whatever stands beyond them at any layer moves with them (all only rightwards).
    everyone = [*placed, item]
    for other in everyone:
        other.start, other.queued = other.offset, False
    at_level = {level: members for level, members in levels.items() if members}
    for level in item.spans:
        at_level[level] = [*levels.get(level, ()), item]
    pending = behind
    for other in pending:
        other.queued = True
        need = max(item.offset + item.spans[level][1] + gap - other.offset - lo
                   for level, (lo, _) in other.spans.items() if level in item.spans)
        other.offset += max(need, 0.0)
    # Pushing that keeps an order never moves an item further than every item's width
    # and gap together; beyond that it is running away (an order no packing can keep).
    # Each push only raises offsets to the least that keeps the gaps, so the order in
    # which the pushes are worked through does not change where everything ends.
    reach = sum(o.extent + gap for o in everyone) + \
        (item.offset - min(o.start for o in everyone)) if pending else 0.0
    steps = 0
    while pending:
        steps += 1
        if steps > 4 * len(everyone) ** 2:
            clean.clear()
            return False
        mover = pending.pop()
        mover.queued = False
        start = mover.start
        for level, (lo, hi) in mover.spans.items():
            edge = mover.offset + hi + gap
            for other in at_level[level]:
                low = other.spans[level][0]
                if other is mover or other.start + low < start + lo:
                    continue
                need = edge - (other.offset + low)
                if need > 1e-6:
                    other.offset += need
                    if other.offset - other.start > reach:
                        clean.clear()
                        return False  # pushed further than all of them side by side
                    if not other.queued:
                        other.queued = True
                        pending.append(other)
    # No two items of a layer closer than the gap (`_apart`). A layer found clean before,
    # where nothing moved and nothing was added, still is.
    changed = {level for o in everyone if o.offset != o.start for level in o.spans}
    changed.update(item.spans)
    for level, members in at_level.items():
        if level in clean and level not in changed:
            continue
        if not _apart(members, level, gap):
            clean.clear()
            return False
    clean.update(at_level)
    return True


def _apart(members: Sequence[_Item], level: int, gap: float) -> bool:
    """Whether no two of `members` are closer than `gap` in `level`: sorted along the
    layer, neighbours tell."""
    level_spans = sorted((o.offset + o.spans[level][0], o.offset + o.spans[level][1])
                         for o in members)
    reach = -float("inf")
    for low, high in level_spans:
        if low < reach + gap - 1e-6:
            return False
        reach = max(reach, high)
    return True


def _straighten(items: list[_Item], gap: float, half: Callable[[str], float],
                neighbours: Mapping[str, list[str]], layer: Mapping[str, int]) -> None:
    """Slide items across the flow to line a node up with a neighbour in the next layer
    wherever that makes more edges straight in all (Brandes and Köpf align such pairs
    into blocks). An item pushes the items beyond it along rather than jump over them, so
    every layer keeps its order and its gaps; a chain of single links becomes one line."""
    # Who stands where is asked after every trial shift: each node's place in its item,
    # and the pairs of neighbours one layer apart, are worked out once.
    placed = [(item, [(name, at, half(name)) for name, at in item.inner.items()
                      if name in layer]) for item in items]
    known = {name for _, names in placed for name, _, _ in names}
    pairs = [(a, b) for a in known for b in neighbours.get(a, []) if b in known and a < b
             and abs(layer[a] - layer[b]) == 1]

    def centres() -> dict[str, float]:
        return {name: item.offset + at + mid for item, names in placed
                for name, at, mid in names}

    def straight() -> int:
        where = centres()
        return sum(1 for a, b in pairs if abs(where[a] - where[b]) < 0.5)

    spans_at = {level: [(other, *other.spans[level]) for other in members]
                for level, members in _by_level(items).items()}

    def push(item: _Item, shift: float) -> dict[int, float]:
        """The shift of every item when `item` moves by `shift` and pushes what is in the
        way (in the direction it moves) just far enough to keep the gaps."""
        moves = {id(item): shift}
        pending = [item]
        while pending:
            mover = pending.pop()
            by = moves[id(mover)]
            for level, (lo, hi) in mover.spans.items():
                m_lo, m_hi = mover.offset + lo, mover.offset + hi
                for other, s_lo, s_hi in spans_at[level]:
                    if other is mover:
                        continue
                    o_lo, o_hi = other.offset + s_lo, other.offset + s_hi
                    if by > 0 and o_lo >= m_hi:
                        need = m_hi + by + gap - o_lo
                    elif by < 0 and o_hi <= m_lo:
                        need = m_lo + by - gap - o_hi
                    else:
                        continue
                    if (need > 1e-6 if by > 0 else need < -1e-6) and \
                            abs(need) > abs(moves.get(id(other), 0.0)):
                        moves[id(other)] = need
                        pending.append(other)
        return moves

    for _ in range(3):
        moved = False
        for item in items:
            where = centres()
            shifts = sorted({where[n] - (item.offset + at + half(name))
                             for name, at in item.inner.items() if name in layer
                             for n in neighbours.get(name, []) if n in where and
                             n not in item.inner and abs(layer[n] - layer[name]) == 1},
                            key=abs)
            best = straight()
            for shift in shifts:
                if abs(shift) < 0.5:
                    continue
                moves = push(item, shift)
                for other in items:
                    other.offset += moves.get(id(other), 0.0)
                count = straight()
                if count > best:
                    moved = True
                    break
                for other in items:
                    other.offset -= moves.get(id(other), 0.0)
        if not moved:
            break


def _relax(items: list[_Item], gap: float, half: Callable[[str], float],
           neighbours: Mapping[str, list[str]], layer: Mapping[str, int]) -> None:
    """Draw each item towards its neighbours without pushing anything: it moves only as far
    as the gaps to the items beside it allow, in every layer it uses, to where the total
    length of its links across the flow is least (a median of its neighbours' offsets).
    Median placement layer by layer can leave parts of a chart drifting far apart (a
    branch pushed aside by a leg, and everything after it following); this gathers them
    again, keeping every layer's order and gaps, and every line already straight."""
    at_level = _by_level(items)
    where = _centres(items, half, layer)
    for _ in range(40):
        moved = False
        for item in items:
            pulls = sorted(where[n] - where[name] for name in item.inner if name in layer
                           for n in neighbours.get(name, []) if n in where and
                           n not in item.inner)
            if not pulls:
                continue
            low_pull, high_pull = pulls[(len(pulls) - 1) // 2], pulls[len(pulls) // 2]
            want = low_pull if low_pull > 0 else high_pull if high_pull < 0 else 0.0
            if abs(want) < 0.5:
                continue
            room_low, room_high = -float("inf"), float("inf")
            for level, (lo, hi) in item.spans.items():
                for other in at_level[level]:
                    if other is item:
                        continue
                    o_lo, o_hi = other.spans[level]
                    if other.offset + o_hi <= item.offset + lo + 1e-6:
                        room_low = max(room_low, other.offset + o_hi + gap - item.offset - lo)
                    elif other.offset + o_lo >= item.offset + hi - 1e-6:
                        room_high = min(room_high, other.offset + o_lo - gap - item.offset - hi)
            shift = min(max(want, min(room_low, 0.0)), max(room_high, 0.0))
            if abs(shift) >= 0.5:
                item.offset += shift
                where.update((name, item.offset + at + half(name))  # only its own moved
                             for name, at in item.inner.items() if name in layer)
                moved = True
        if not moved:
            break


def _by_level(items: Sequence[_Item]) -> dict[int, list[_Item]]:
    """The items that use each layer, in the items' own order (so pushes happen alike)."""
    at_level: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        for level in item.spans:
            at_level[level].append(item)
    return at_level


def _centres(items: Sequence[_Item], half: Callable[[str], float],
             layer: Mapping[str, int]) -> dict[str, float]:
    """Each node's centre across the flow, where its item stands now."""
    return {name: item.offset + at + half(name) for item in items
            for name, at in item.inner.items() if name in layer}
