"""A flowchart too large for one slide planned over the fewest slides that hold it: the
ways to cut it (between its layers, plan/flow/parts.py; along its pieces and branches,
plan/flow/pieces.py) tried part by part at one text size. Pure: `best` plans a part."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from aligndeck.outline.flowgraph import Direction, Edge, Flowchart
from aligndeck.plan.flow.blocks import Nest, turned
from aligndeck.plan.flow.parts import MOST_PARTS, Cut, _layered, cuts, most_parts, parts
from aligndeck.plan.flow.pieces import branch_cuts, cut_apart
from aligndeck.plan.flow.sizing import PREFERRED, TURNED
from aligndeck.plan.flow.untangle import drawn_tangle
from aligndeck.plan.model import Diagram
from aligndeck.strings import ENGLISH, Strings


class _Planned(Protocol):
    @property
    def size(self) -> float: ...

    @property
    def diagram(self) -> Diagram: ...


KNOT_PT = 2.0
"""Points of text a crossing (an overlapping stretch: untangle.OVERLAP crossings) in a
part is worth when the ways to mark its cut links are weighed: markers that draw clean
win over ones up to this much larger that tangle (as plan/flow/chart.py weighs
wrappings)."""


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
    it is).

    Every part is drawn the same way, as written or turned; a cut along branches whose
    parts fit no one way draws each part the way it fits (the chart's own on a tie): a
    short slide holds the four databases side by side but not the five steps that run
    them, which fit across it (`mixed`, the directions as the third item)."""
    turn = TURNED[chart.direction]
    for where in cuts:
        plain = parts(chart, edges, where, words)
        dense = parts(chart, edges, where, words, pooled=True)
        branches = where.way == "branches"
        sourced = parts(chart, edges, where, words, by_source=True) if branches else dense
        for pooled in (False, True):
            if pooled and [len(p.nodes) for p in dense] == [len(p.nodes) for p in plain] \
                    and (not branches or sourced == plain):
                continue  # nothing to pool: tried already
            # A cut between layers pools every part or none, as it always has; a cut
            # along branches chooses part by part, markers by box too.
            options = [[pooled_one] if pooled and not branches else
                       list(dict.fromkeys([mine, pooled_one, by_box])) if pooled else [mine]
                       for mine, pooled_one, by_box in zip(plain, dense, sourced, strict=True)]
            tried: dict[tuple[int, Direction], tuple[P, Flowchart] | None] = {}

            def choose(index: int, direction: Direction,
                       options: list[list[Flowchart]] = options,
                       tried: dict[tuple[int, Direction], tuple[P, Flowchart] | None] = tried
                       ) -> tuple[P, Flowchart] | None:
                if (index, direction) not in tried:
                    choice: tuple[P, Flowchart] | None = None
                    worth = 0.0
                    for way in options[index]:
                        view = turned(way, direction)
                        one = best(view, PREFERRED)
                        if one is None:
                            continue
                        # The largest size; where there is a choice of markers, those
                        # that tangle lose KNOT_PT a crossing.
                        value = one[0].size - (KNOT_PT * drawn_tangle(
                            one[0].diagram.arrows) if len(options[index]) > 1 else 0)
                        if choice is None or value > worth:
                            choice, worth = (one[0], view), value
                    tried[index, direction] = choice
                return tried[index, direction]

            found: tuple[float, list[P], str] | None = None
            ways: list[list[Direction]] = [[d] * len(options) for d in (chart.direction, turn)]
            for attempt in range(3):
                if attempt == 2:  # no one way: each part the way it fits larger
                    if found is not None or where.way != "branches":
                        break
                    sized = [[(c[0].size, d == chart.direction) if c else (0.0, False)
                              for d in (chart.direction, turn)
                              for c in [choose(i, d)]] for i in range(len(options))]
                    ways.append([chart.direction if s[0] >= s[1] else turn for s in sized])
                chosen = []
                for index, direction in enumerate(ways[attempt]):
                    choice = choose(index, direction)
                    if choice is None:
                        break
                    chosen.append(choice)
                else:
                    planned = [c[0] for c in chosen]
                    size = min(p.size for p in planned)
                    # Every part at the size the smallest needs: one chart, one type size.
                    for i, (_, piece) in enumerate(chosen):
                        if planned[i].size > size:
                            again = best(piece, size)
                            if again is not None:
                                planned[i] = again[0]
                    if found is None or size > found[0]:
                        found = size, planned, drawn(ways[attempt])
            if found is not None:
                return found[1], where.links, found[2], where.way
    return None


def drawn(directions: Sequence[str]) -> str:
    """How the parts are drawn: one direction, or each part's, space-separated."""
    return directions[0] if len(set(directions)) == 1 else " ".join(directions)
