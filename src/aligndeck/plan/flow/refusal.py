"""Why a flowchart is refused, in words that hold: what no number of slides could show, and
a way to split it that the planner has tried and seen fit.

A chart is refused only after every way to draw it failed (plan/flow/chart.py), cut over
slides too (plan/flow/parts.py). The message says what stops it, with numbers the
planner checked: a label too long for a slide on a box of its own (and about how long it
may be), or a flow too long (and into how many runs of steps it splits, every run fitting
a slide of its own), or a layer
too wide (and how many of its boxes fit side by side). Pure: `fits` plans a chart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from aligndeck.outline.flowgraph import Edge, Flowchart, Label, Node, Span
from aligndeck.plan.flow.blocks import Nest
from aligndeck.plan.flow.layers import Graph, assign_layers
from aligndeck.plan.flow.layout import layout_flow
from aligndeck.plan.flow.parts import step_runs
from aligndeck.plan.flow.sizing import FLOOR, MAX_NODES, box_sizes
from aligndeck.plan.model import Rect

Fits = Callable[[Flowchart], "float | None"]
"""The text size at which a chart fits one slide, every way tried; None when it does not."""

TRIES = 3
"""At most this many other splits are tried after the first guess, down (then halving)
while it does not fit and up while it does: a refusal stays quick."""
SHORT = 120
"""A label shorter than this (in characters) fits a box of its own on any slide at the
floor: it is not tried alone."""


def too_large(chart: Flowchart, edges: Sequence[Edge], nest: Nest, area: Rect,
              fonts: dict[str, str], fits: Fits, slides: int
              ) -> tuple[str, tuple[int, int]]:
    """Why the chart fits neither one slide nor `slides` slides, and where: (message,
    (line, column) in the chart's text)."""
    head = (f"the diagram has {len(chart.nodes)} nodes, more than the {MAX_NODES} a diagram "
            "may have" if len(chart.nodes) > MAX_NODES else
            f"the diagram has {len(chart.nodes)} nodes and does not fit "
            f"{'one slide' if slides < 2 else f'{slides} slides'} at {FLOOR:g} pt")
    for node in chart.nodes:  # a label no slide holds, on a box of its own
        if len(node.label.plain) < SHORT:
            continue
        alone = replace(chart, nodes=(node,), edges=(), subgraphs=())
        if fits(alone) is None:
            keep = _longest_label(alone, fits)
            return (f"the label of '{node.id}' does not fit a slide even at {FLOOR:g} pt on a "
                    f"box of its own; shorten it to about {keep} characters",
                    (node.line, node.column))
    horizontal = chart.direction in ("LR", "RL")
    graph = _flat(chart, edges)
    layering = assign_layers(graph)
    levels = max(layering.count, 1)
    along, across = _estimate(chart, edges, graph, area, fonts, horizontal)
    widest_layer, widest = Counter(layering.layer.values()).most_common(1)[0]
    row = [n for n in chart.nodes if layering.layer.get(n.id) == widest_layer]
    if widest > 1 and fits(_side_by_side(chart, row)) is None:  # too wide for a slide
        found = _most(across, widest - 1, lambda m: fits(_side_by_side(chart, row[:m])))
        if found is not None:
            return (f"{head}: it is {widest} nodes wide; split it into diagrams of at most "
                    f"{_count(found[0], 'node')} side by side ({found[0]} fit one slide at "
                    f"{found[1]:g} pt), or shorten the longest labels", (1, 1))
    if levels > 1:  # too long for a slide: into how many runs of steps, each fitting one
        found = _most(along, levels - 1, lambda n: _runs_fit(chart, edges, nest, n, fits))
        if found is not None:
            steps, size = found
            runs = -(-levels // steps)
            # Cut by hand, no run needs the "continued" markers a cut over slides draws.
            bare = "" if runs > slides or len(chart.nodes) > MAX_NODES else \
                ", without the markers a cut over slides needs"
            return (f"{head}: its flow is {levels} steps long; split it into {runs} diagrams "
                    f"of at most {_count(steps, 'step')} (each fits one slide at {size:g} pt "
                    f"or more{bare}), or shorten the longest labels", (1, 1))
    return (f"{head}, even cut between its steps: a group, which is never cut, or its "
            "labels and links need more room than a slide has; shorten the longest labels, "
            "or split its largest group into a diagram of its own", (1, 1))


def _count(n: int, what: str) -> str:
    """`n` of `what`, plural past one."""
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _runs_fit(chart: Flowchart, edges: Sequence[Edge], nest: Nest, steps: int, fits: Fits
              ) -> float | None:
    """The size at which every run of `steps` steps (`parts.step_runs`) fits a slide of
    its own, the smallest of theirs; None when one does not: a split the message suggests
    is one the planner has tried, every diagram of it, not only the first."""
    sizes = []
    for run in step_runs(chart, edges, nest, steps):
        size = fits(run)
        if size is None:
            return None
        sizes.append(size)
    return min(sizes)


def _side_by_side(chart: Flowchart, row: Sequence[Node]) -> Flowchart:
    """Boxes of one layer alone, no links between them."""
    return replace(chart, nodes=tuple(row), edges=(), subgraphs=())


def _most(guess: int, most: int, size_of: Callable[[int], float | None]
          ) -> tuple[int, float] | None:
    """The largest n up to `most` whose chart fits (with its size), searched from `guess`:
    up while it fits, down while it does not, then between; None when not even one fits
    (or none within TRIES tries down)."""
    n = min(max(1, guess), most)
    size = size_of(n)
    tried = 0
    while size is None:  # down: by one, then halving
        if n == 1 or tried == TRIES:
            return None
        n = n - 1 if tried == 0 else max(1, n // 2)
        size, tried = size_of(n), tried + 1
    low, best, high = n, (n, size), most + 1
    step = 1
    while low + step < high and tried < TRIES:  # up, doubling, then halving
        probe = low + step
        found = size_of(probe)
        tried += 1
        if found is None:
            high = probe
            step = max(1, step // 2)
        else:
            low, best, step = probe, (probe, found), step * 2
    return best


def _longest_label(alone: Flowchart, fits: Fits) -> int:
    """About how many characters of the only node's label fit a slide on their own."""
    node = alone.nodes[0]
    text = node.label.plain
    low, high = 1, max(1, len(text))
    while low < high:  # the longest prefix that fits, halving the range each time
        mid = (low + high + 1) // 2
        cut = replace(node, label=Label(((Span(text[:mid]),),)))
        if fits(replace(alone, nodes=(cut,))) is not None:
            low = mid
        else:
            high = mid - 1
    return low


def _estimate(chart: Flowchart, edges: Sequence[Edge], graph: Graph, area: Rect,
              fonts: dict[str, str], horizontal: bool) -> tuple[int, int]:
    """About how many steps fit along a slide and how many boxes across at the floor: the
    chart as laid out at the floor, scaled to the area (the first guess to try)."""
    area_main, area_cross = (area.w, area.h) if horizontal else (area.h, area.w)
    layering = assign_layers(graph)
    levels = max(layering.count, 1)
    widest = max(Counter(layering.layer.values()).values(), default=1)
    sizes, _ = box_sizes(chart, edges, FLOOR, fonts)
    if len(chart.nodes) > MAX_NODES:
        main, cross = (sizes.box_w, sizes.box_h) if horizontal else (sizes.box_h, sizes.box_w)
        return (max(1, (area_main + sizes.gap_main) // (main + sizes.gap_main)),
                max(1, (area_cross + sizes.gap_cross) // (cross + sizes.gap_cross)))
    layout = layout_flow(graph, chart.direction, sizes)
    used_main, used_cross = (layout.width, layout.height) if horizontal else \
        (layout.height, layout.width)
    along = levels if used_main <= area_main else \
        max(1, min(levels, math.floor(levels * area_main / used_main)))
    across = widest if used_cross <= area_cross else \
        max(1, min(widest, math.floor(widest * area_cross / used_cross)))
    return along, across


def _flat(chart: Flowchart, edges: Sequence[Edge]) -> Graph:
    """The chart as one graph with no groups (a subgraph a link names is one node)."""
    names = [n.id for n in chart.nodes]
    names += sorted({end for e in edges for end in (e.source, e.target)} - set(names))
    return Graph(tuple(names), tuple((e.source, e.target) for e in edges))
