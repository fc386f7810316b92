"""A flowchart too large for one slide planned over the fewest slides that hold it: the
ways to cut it (between its layers, plan/flow/parts.py; along its pieces and branches,
plan/flow/pieces.py) tried part by part at one text size. Pure: `best` plans a part."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from aligndeck.outline.flowgraph import Edge, Flowchart
from aligndeck.plan.flow.blocks import Nest, turned
from aligndeck.plan.flow.parts import MOST_PARTS, Cut, _layered, cuts, most_parts, parts
from aligndeck.plan.flow.pieces import branch_cuts, cut_apart
from aligndeck.plan.flow.sizing import PREFERRED, TURNED
from aligndeck.strings import ENGLISH, Strings


class _Planned(Protocol):
    @property
    def size(self) -> float: ...


P = TypeVar("P", bound=_Planned)
Best = Callable[[Flowchart, float], "tuple[P, Flowchart, float | None] | None"]


def plan_parts(chart: Flowchart, edges: Sequence[Edge], nest: Nest, best: Best[P],
               words: Strings = ENGLISH, most: int = MOST_PARTS
               ) -> tuple[list[P], int, str, str] | None:
    """The chart cut into the fewest parts that each fit a slide (`best` plans one part at
    the largest size up to a given one), all at one text size, the chart's own direction
    on a tie; with the number of links cut, the direction the parts are drawn in and how
    it was cut (`Cut.way`). None when even `most` parts do not fit, or when it would
    take more parts than a third of its boxes (BOXES_A_SLIDE).

    Cuts between layers first, at every number of parts; only when none fits, cuts
    along branches (`pieces.branch_cuts`): a layer too wide for a slide whichever layers
    it shares one with (corpus chart 11 on a 4:3 slide) goes on, a branch a part. A
    chart that some cut between layers holds keeps that cut, its parts reading in the
    order of the flow."""
    widest = max(_layered(chart, edges, nest).weight, default=1)
    counts = range(2, most_parts(chart, most) + 1)
    for count in counts:
        # Between layers; or, for a chart of unlinked pieces, between pieces; then across
        # its widest layers, each spread over up to `count` parts (a fan-out of thirty
        # boxes goes on, ten a slide, under a marker naming the box they come from).
        ways = cuts(chart, edges, nest, count)
        apart = cut_apart(chart, edges, nest, count)
        ways += [apart] if apart is not None else []
        split = -(-widest // count)
        if split < widest:
            ways += cuts(chart, edges, nest, count, 2, split)
        if not ways:
            break
        found = _fewest(chart, edges, ways, best, words)
        if found is not None:
            return found
    for count in counts:
        ways = branch_cuts(chart, edges, nest, count)
        found = _fewest(chart, edges, ways, best, words) if ways else None
        if found is not None:
            return found
    return None


def _fewest(chart: Flowchart, edges: Sequence[Edge], cuts: Sequence[Cut], best: Best[P],
            words: Strings) -> tuple[list[P], int, str, str] | None:
    """The first of `cuts` whose parts all fit, at the largest size they share: with a
    marker for each box on another slide, else (a dense chart) with markers pooled
    (`parts`): every part of a cut between layers, each part of a cut along branches
    where that fits it larger (a part fed by many boxes of one other part fits only
    pooled, a part whose markers are shared by links into the same boxes may fit only as
    it is)."""
    for where in cuts:
        plain = parts(chart, edges, where, words)
        dense = parts(chart, edges, where, words, pooled=True)
        for pooled in (False, True):
            if pooled and [len(p.nodes) for p in dense] == [len(p.nodes) for p in plain]:
                continue  # nothing to pool: tried already
            found: tuple[float, list[P], str] | None = None
            for direction in (chart.direction, TURNED[chart.direction]):
                planned: list[P] = []
                shown: list[Flowchart] = []
                for mine, pooled_one in zip(plain, dense, strict=True):
                    # A cut between layers pools every part or none, as it always has; a
                    # cut along branches chooses part by part.
                    ways = [pooled_one] if pooled and where.way != "branches" else \
                        [mine, pooled_one] if pooled and pooled_one != mine else [mine]
                    choice: tuple[P, Flowchart] | None = None
                    for way in ways:
                        view = turned(way, direction)
                        one = best(view, PREFERRED)
                        if one is not None and (choice is None or one[0].size > choice[0].size):
                            choice = one[0], view
                    if choice is None:
                        break
                    planned.append(choice[0])
                    shown.append(choice[1])
                else:
                    size = min(p.size for p in planned)
                    # Every part at the size the smallest needs: one chart, one type size.
                    for i, piece in enumerate(shown):
                        if planned[i].size > size:
                            again = best(piece, size)
                            if again is not None:
                                planned[i] = again[0]
                    if found is None or size > found[0]:
                        found = size, planned, direction
            if found is not None:
                return found[1], where.links, found[2], where.way
    return None
