"""A flowchart too large for one slide planned over the fewest slides that hold it: the
ways to cut it (between its layers, plan/flow/parts.py; along its pieces and branches,
plan/flow/pieces.py) tried part by part at one text size. Pure: `best` plans a part."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar

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
               ) -> tuple[list[P], int, tuple[Direction, ...], str] | None:
    """The chart cut into the fewest parts that each fit a slide (`best` plans one part at
    the largest size up to a given one), all at one text size, the chart's own direction
    on a tie; with the number of links cut, the direction each part is drawn in and how
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
            words: Strings) -> tuple[list[P], int, tuple[Direction, ...], str] | None:
    """The first of `cuts` whose parts all fit, at the largest size they share, with the
    links it cuts, the direction each part is drawn in and how it cuts (`Cut.way`): with
    a marker for each box on another slide, else (a dense chart) with markers pooled
    (`parts`): every part of a cut between layers, each part of a cut along branches
    where that fits it larger (a part fed by many boxes of one other part fits only
    pooled, a part whose markers are shared by links into the same boxes may fit only as
    it is).

    Every part is drawn the same way, as written or turned (the larger; as written on a
    tie); a cut along branches whose parts fit no one way draws each part the way it fits
    larger (the chart's own on a tie): a short slide holds the four databases side by
    side but not the five steps that run them, which fit across it."""
    own, turn = chart.direction, TURNED[chart.direction]
    for where in cuts:
        branches = where.way == "branches"
        for options in _marker_options(chart, edges, where, words):
            choices = _Choices(options, best)
            count = len(options)
            found: tuple[float, list[P], tuple[Direction, ...]] | None = None
            for directions in ((own,) * count, (turn,) * count):
                fitted = _all_fitted(choices, directions, best)
                if fitted is not None and (found is None or fitted[0] > found[0]):
                    found = (*fitted, directions)
            if found is None and branches:
                mixed = tuple(_larger(choices, i, own, turn) for i in range(count))
                fitted = _all_fitted(choices, mixed, best)
                found = None if fitted is None else (*fitted, mixed)
            if found is not None:
                return found[1], where.links, found[2], where.way
    return None


def _marker_options(chart: Flowchart, edges: Sequence[Edge], where: Cut, words: Strings
                    ) -> Iterator[list[list[Flowchart]]]:
    """The ways to mark the cut links of `where`, part by part: first a marker for each
    box on another slide; then, unless it would change nothing, markers pooled: in every
    part of a cut between layers; for a cut along branches, a choice in each part of its
    own markers, pooled ones and ones pooled by the box they come from."""
    plain = parts(chart, edges, where, words)
    yield [[mine] for mine in plain]
    dense = parts(chart, edges, where, words, pooled=True)
    branches = where.way == "branches"
    sourced = parts(chart, edges, where, words, by_source=True) if branches else dense
    if [len(p.nodes) for p in dense] == [len(p.nodes) for p in plain] and \
            (not branches or sourced == plain):
        return  # nothing to pool
    if not branches:
        yield [[pooled] for pooled in dense]
        return
    yield [list(dict.fromkeys(options))
           for options in zip(plain, dense, sourced, strict=True)]


def _larger(choices: _Choices[P], index: int, own: Direction, turn: Direction
            ) -> Direction:
    """The way part `index` fits larger: `own` on a tie or where neither fits."""
    mine, turned_ = choices.choose(index, own), choices.choose(index, turn)
    return turn if _size(turned_) > _size(mine) else own


def _size(choice: tuple[_Planned, Flowchart] | None) -> float:
    return 0.0 if choice is None else choice[0].size


class _Choices(Generic[P]):
    """Each part's best drawing in a direction, among its ways to be marked (`options`),
    planned once: the largest size; where there is a choice of markers, those that
    tangle lose KNOT_PT a crossing."""

    def __init__(self, options: list[list[Flowchart]], best: Best[P]) -> None:
        self.options = options
        self.best = best
        self.tried: dict[tuple[int, Direction], tuple[P, Flowchart] | None] = {}

    def choose(self, index: int, direction: Direction) -> tuple[P, Flowchart] | None:
        """Part `index` drawn `direction`, and the part as drawn; None when it fits no
        way it can be marked."""
        if (index, direction) not in self.tried:
            self.tried[index, direction] = self._choice(self.options[index], direction)
        return self.tried[index, direction]

    def _choice(self, ways: list[Flowchart], direction: Direction
                ) -> tuple[P, Flowchart] | None:
        choice: tuple[P, Flowchart] | None = None
        worth = 0.0
        for way in ways:
            view = turned(way, direction)
            one = self.best(view, PREFERRED)
            if one is None:
                continue
            value = one[0].size - (KNOT_PT * drawn_tangle(one[0].diagram.arrows)
                                   if len(ways) > 1 else 0)
            if choice is None or value > worth:
                choice, worth = (one[0], view), value
        return choice


def _all_fitted(choices: _Choices[P], directions: Sequence[Direction], best: Best[P]
                ) -> tuple[float, list[P]] | None:
    """Every part drawn its direction, all at the size the smallest needs (one chart, one
    type size), with that size; None when a part fits no way."""
    chosen: list[tuple[P, Flowchart]] = []
    for index, direction in enumerate(directions):
        choice = choices.choose(index, direction)
        if choice is None:
            return None
        chosen.append(choice)
    size = min(planned.size for planned, _ in chosen)
    fitted = []
    for planned, view in chosen:
        again = best(view, size) if planned.size > size else None
        fitted.append(planned if again is None else again[0])
    return size, fitted
