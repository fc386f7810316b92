"""The last word on crossings: the drawn routes counted, and neighbours in a layer swapped
where that draws fewer crossings and overlapping stretches.

Barycentre sweeps (plan/flow/layers.py) count crossings between layers as straight lines
from node to node; what is drawn differs (legs, edges back hooked along their source's row,
Ls out of a side, tracks in a channel). So once a chart is laid out, its routes are counted
as drawn; while they cross or overlap, each swap of two neighbours in a layer's order is
tried (the whole layout run again), and the one that draws the least tangle is kept, if it
draws less and no larger (than it was, or than the area the drawing is fitted to: the text
is never smaller for it). Greedy switching, as Eades and Kelly's heuristics switch
neighbours, but on the real drawing. Pure arithmetic on the layout's geometry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping, Sequence

from aligndeck.plan.flow.geometry import FlowLayout, Point
from aligndeck.plan.model import Arrow

Swaps = tuple[tuple[str, str], ...]
"""What to change in a layout: pairs of neighbours to swap, and elbows to draw as an L
(`ell`)."""
Run = Callable[[Swaps], tuple[FlowLayout, list[list[str]]]]
Seen = Callable[[FlowLayout], tuple[int, set[tuple[int, tuple[str, str]]]]]
Knots = tuple[set[tuple[int, tuple[str, str]]], set[tuple[int, tuple[str, str]]]]
"""The routes (index, ends) in a tangle: all of them, and those another viewer draws worse."""

ROUNDS = 1
"""Swaps kept at most, one a round."""
SEEN_ROUNDS = 6
"""Swaps kept at most while another viewer still draws a link through a box or on another
(one round seldom clears every such link of a dense part: each is its own elbow to turn)."""
MOST_TRIED = 10
"""Swaps tried at most a round (more neighbours of tangled routes than that: left as laid
out, since each try lays the whole chart out again)."""
MOST_LINKS = 16
"""Links at most in a chart that is untangled: a larger one is left as laid out (each try
lays it out again, and the planner lays a chart out many times while fitting it)."""
OVERLAP = 3
"""What an overlapping stretch counts for against crossings: two links on one line read as
one, worse than a crossing."""


def ell(edge: int) -> tuple[str, str]:
    """The change that asks for `edge`'s elbow drawn as an L, where one is free (no node
    is named by an empty string)."""
    return ("", str(edge))


def turn(edges: Collection[int]) -> tuple[str, str]:
    """The change that turns `edges` round to break the graph's cycles (one of
    plan/flow/layers.py's `other_turns`), instead of those the layering turns."""
    return ("", "turn:" + ",".join(str(i) for i in sorted(edges)))


def first(node: str) -> tuple[str, str]:
    """The change that puts `node` first in its layer, in every sweep of the ordering."""
    return ("", "first:" + node)


HOOKS = ("", "hooks")
"""The change that keeps each edge back's leg along its source's row in the layer order
the ordering gave it, as other legs are (plan/flow/layout.py), instead of following its
source: a loop's way back ("Wait with backoff" back to "Call payment API") then runs
beyond the flow, not across it."""


def ells(swaps: Swaps) -> set[int]:
    """The edges whose elbows `swaps` asks to draw as Ls."""
    return {int(edge) for head, edge in swaps if head == "" and edge.isdigit()}


def turned(swaps: Swaps) -> frozenset[int] | None:
    """The edges `swaps` asks to turn round (None: those the layering chooses)."""
    return next((frozenset(int(i) for i in edge[5:].split(","))
                 for head, edge in swaps if head == "" and edge.startswith("turn:")), None)


def firsts(swaps: Swaps) -> set[str]:
    """The nodes `swaps` asks to put first in their layers."""
    return {edge[6:] for head, edge in swaps if head == "" and edge.startswith("first:")}


def untangled(run: Run, paths: Mapping[str, tuple[str, ...]],
              room: tuple[int, int] | None = None,
              turns: Callable[[], Sequence[Collection[int]]] = tuple,
              seen: Seen | None = None) -> FlowLayout:
    """The layout `run` draws with no swaps, or with the swaps of neighbours (each pair
    in one layer with the same clusters, `paths`), or of a tangled elbow into an L out of
    its source's side or into its target's (a third link then crosses one stem of a fan
    out of, or into, a box, not the two links on it), or of the edges turned round to
    break its cycles (`turns`, asked for only where the drawing is tangled: other sets
    that keep the flow's start; one that draws less tangled but larger is tried again with
    each node in turn first in its layer), that draw it least tangled, no larger than it
    was, or than `room` (the area the whole drawing is fitted to) where larger.

    With `seen` (what another viewer's drawing of a layout adds to its tangle, and the
    routes in that: plan/flow/seen.py), each of those counts as an overlap; a chart of
    more than MOST_LINKS links is then untangled too where that viewer's drawing adds
    some, around those routes only; and swaps go on being kept (up to SEEN_ROUNDS) while
    that viewer's drawing still adds some, one such route cleared a round."""
    layout, order = run(())
    if room is not None and (layout.width > room[0] or layout.height > room[1]):
        return layout  # a size the fitting will not take anyway
    large = len(layout.routes) > MOST_LINKS
    if large and (seen is None or not seen(layout)[0]):
        return layout  # too many tries

    def tangle_of(layout: FlowLayout) -> tuple[int, int, Knots]:
        """The tangle weighed (with what the other viewer adds), the plan's own, knots."""
        value, knots = tangle(layout)
        if seen is None:
            return value, value, (knots, set())
        more, shown = seen(layout)
        return value + OVERLAP * more, value, (shown if large else knots | shown, shown)

    score, most, (tangled, shown) = tangle_of(layout)
    # What the other viewer draws is weighed, never at the cost of the plan (what
    # PowerPoint draws): no swap is taken that draws the plan more tangled than none does.
    swaps: Swaps = ()
    width, height = layout.width, layout.height
    if room is not None:
        width, height = max(width, room[0]), max(height, room[1])
    for done in range(SEEN_ROUNDS):
        if score == 0 or (done >= ROUNDS and not shown):
            break
        # Only neighbours of a tangled route's ends or legs: others seldom untangle it;
        # where they are too many, those of the routes the other viewer draws worse.
        pairs = _near(order, paths, tangled)
        if len(pairs) > MOST_TRIED and shown:
            tangled = shown
            pairs = _near(order, paths, tangled)
        if len(pairs) > MOST_TRIED:
            break
        elbows = {r.index for r in layout.routes if len(r.points) > 2}
        pairs = [ell(i) for i in sorted({i for i, _ in tangled} & elbows - ells(swaps))
                 ][:MOST_TRIED] + pairs
        if turned(swaps) is None:
            pairs += [turn(edges) for edges in turns()]
        if HOOKS not in swaps:
            pairs.append(HOOKS)
        best: tuple[int, FlowLayout, list[list[str]], Swaps, Knots] | None = None
        found: list[tuple[int, int, FlowLayout, list[list[str]], Swaps, Knots]]
        for pair in pairs:
            change = (*swaps, pair)
            tried, tried_order = run(change)
            value, own, knots = tangle_of(tried)
            found = [(value, own, tried, tried_order, change, knots)]
            if pair[1].startswith("turn:") and value < score and (
                    tried.width > width or tried.height > height):
                # Less tangled but larger: the ordering may pack it smaller another way.
                found = []
                for name in [n for level in tried_order if len(level) > 1 for n in level
                             if not n.startswith("leg:")]:
                    tried, tried_order = run((*change, first(name)))
                    value, own, knots = tangle_of(tried)
                    found.append((value, own, tried, tried_order, (*change, first(name)),
                                  knots))
            for value, own, tried, tried_order, change, knots in found:
                if value < score and (best is None or value < best[0]) and own <= most and \
                        tried.width <= width and tried.height <= height:
                    best = (value, tried, tried_order, change, knots)
            if best is not None and best[0] == 0:
                break  # nothing left to untangle: no need to try the rest
        if best is None:
            break
        score, layout, order, swaps, (tangled, shown) = best
    return layout


def _near(order: Sequence[Sequence[str]], paths: Mapping[str, tuple[str, ...]],
          tangled: Collection[tuple[int, tuple[str, str]]]) -> list[tuple[str, str]]:
    """The pairs of neighbours (in one layer, with the same clusters) of which one is an
    end or a leg of a `tangled` route."""
    near = {name for i, (a, b) in tangled for name in (a, b)} | \
        {f"leg:{i}:" for i, _ in tangled}
    return [(x, y) for level in order for x, y in itertools.pairwise(level)
            if paths.get(x, ()) == paths.get(y, ()) and
            any(n in near or n[:n.rfind(":") + 1] in near for n in (x, y))]


def tangle(layout: FlowLayout) -> tuple[int, set[tuple[int, tuple[str, str]]]]:
    """Crossings, and overlapping stretches at OVERLAP each, of the layout's routes, and the
    routes (index, ends) in them: points where two routes cross inside both, and pairs of
    routes with a stretch on one line between different ends (routes leaving or reaching
    one box at one point share a stem: not counted)."""
    return _tangle([(r.index, r.start, r.end, r.points) for r in layout.routes])


def drawn_tangle(arrows: Sequence[Arrow]) -> int:
    """Crossings, and overlapping stretches at OVERLAP each, of a planned diagram's
    connectors (as `tangle` counts a layout's routes): how to weigh two drawings of one
    chart (wrapped one way or another, cut over slides one way or another)."""
    return _tangle([(i, a.start, a.end, a.route or (a.begin, a.finish))
                    for i, a in enumerate(arrows)])[0]


def _tangle(drawn: Sequence[tuple[int, str, str, Sequence[Point]]]
            ) -> tuple[int, set[tuple[int, tuple[str, str]]]]:
    routes = [(i, a, b, _segments(points)) for i, a, b, points in drawn]
    count = 0
    tangled: set[tuple[int, tuple[str, str]]] = set()
    for (i, a0, a1, sa), (j, b0, b1, sb) in itertools.combinations(routes, 2):
        if not sa or not sb:
            continue
        ends = {sa[0][0], sa[-1][1], sb[0][0], sb[-1][1]}
        stem = (a0 == b0 and sa[0][0] == sb[0][0]) or (a1 == b1 and sa[-1][1] == sb[-1][1])
        before, shared = count, False
        for p, q in sa:
            for r, s in sb:
                at = _crossing(p, q, r, s)
                if at is not None and at not in ends:
                    count += 1
                shared = shared or along(p, q, r, s)
        count += OVERLAP if shared and not stem else 0
        if count > before:
            tangled |= {(i, (a0, a1)), (j, (b0, b1))}
    return count, tangled


def _segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    return [(p, q) for p, q in itertools.pairwise(points) if p != q]


def _crossing(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    """Where an upright and a level segment cross inside both (not at an end of either)."""
    if p[0] == q[0] and r[1] == s[1]:
        x, y, (lo, hi), (left, right) = p[0], r[1], sorted((p[1], q[1])), sorted((r[0], s[0]))
    elif p[1] == q[1] and r[0] == s[0]:
        x, y, (lo, hi), (left, right) = r[0], p[1], sorted((r[1], s[1])), sorted((p[0], q[0]))
    else:
        return None
    return (x, y) if lo < y < hi and left < x < right else None


SLACK = 12700
"""Stretches closer than this (1 pt) across are on one line."""


def along(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float],
          s: tuple[float, float]) -> bool:
    """Whether two upright or level segments lie on one line (within SLACK) for longer
    than SLACK (also plan/flow/ports.py's test of LibreOffice's halfway lines)."""
    for axis in (0, 1):
        other = 1 - axis
        if p[axis] == q[axis] and r[axis] == s[axis] and abs(p[axis] - r[axis]) <= SLACK:
            lo = max(min(p[other], q[other]), min(r[other], s[other]))
            hi = min(max(p[other], q[other]), max(r[other], s[other]))
            return hi - lo > SLACK
    return False
