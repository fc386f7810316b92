"""A Mermaid flowchart planned as a diagram: boxes of one size, glued arrows, labels, groups.

Reads the text (outline/mermaid.py), sizes the boxes for the largest type that lets the
whole chart fit the area, lays it out (plan/flow/layout.py) and turns the geometry into
the plan's boxes and arrows. Problems in the text become findings at their line and
column inside the outline's text value.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from aligndeck.outline.flowgraph import Direction, Edge, Flowchart, Label, MermaidError
from aligndeck.plan.flow.blocks import Nest, joined, lay_out, plan_nest
from aligndeck.plan.flow.layers import Graph, assign_layers
from aligndeck.plan.flow.layout import FlowLayout, FlowSizes, Route, layout_flow
from aligndeck.plan.flow.sizing import (
    COMFORTABLE,
    FLOOR,
    GEOMETRY,
    MAX_NODES,
    PREFERRED,
    TITLE_INSET,
    box_sizes,
    even,
    runs,
    text_inset,
)
from aligndeck.plan.model import (
    Arrow,
    Box,
    Colour,
    Diagram,
    Emu,
    Finding,
    LineEnd,
    Paragraph,
    Rect,
    Run,
    Source,
    TextFrame,
)
from aligndeck.plan.text import Fit
from aligndeck.strings import ENGLISH, Strings

INK, MUTED, ACCENT, ON_ACCENT = Colour("ink"), Colour("muted"), Colour("accent"), \
    Colour("on_accent")
NODE_FILL = Colour("surface")
LINE = Colour("line")

_ENDS: dict[str, LineEnd] = {"none": "none", "arrow": "triangle", "circle": "oval",
                             "cross": "diamond"}
_TURNED: dict[str, Direction] = {"TB": "LR", "LR": "TB", "BT": "RL", "RL": "BT"}
_DIRECTIONS = {"TB": "flow_tb", "BT": "flow_bt", "LR": "flow_lr", "RL": "flow_rl"}
"""The built-in text (strings.py) that says which way a flowchart reads."""


@dataclass(frozen=True)
class PlannedFlowchart:
    diagram: Diagram
    size: float
    """The node text size every box shares."""


def plan_flowchart(text: str, source: Source, area: Rect, fonts: dict[str, str],
                   corner: Emu, findings: list[Finding], words: Strings = ENGLISH
                   ) -> PlannedFlowchart | None:
    """The flowchart `text` laid out in `area`, or None when it cannot be (the reasons are
    added to `findings`, located inside the text at `source`); `words` give the alt
    text's words."""
    # The grammar loads on the first chart, so decks without one never pay for it.
    from aligndeck.outline.mermaid import parse_flowchart

    try:
        chart = parse_flowchart(text)
    except MermaidError as error:
        findings += [Finding(source, p.message, at=(p.line, p.column))
                     for p in error.problems]
        return None
    findings += [Finding(source, w.message, "warning", (w.line, w.column))
                 for w in chart.warnings]
    if not chart.nodes:
        findings.append(Finding(source, "the diagram has no nodes; add one (A[Label]) or a "
                                "link (A --> B)", at=(1, 1)))
        return None
    where = {s.id: (s.line, s.column) for s in chart.subgraphs}
    crossed = next((e for e in chart.edges if "cross" in (e.head, e.tail)), None)
    if crossed is not None:
        findings.append(Finding(source, "an 'x' end is drawn as a diamond: PowerPoint has "
                                "no cross arrowhead", "warning", (crossed.line, crossed.column)))
    # Layouts adapt before they give up: the chart as written, then with tighter spacing,
    # then turned a quarter (a tall top-to-bottom chain fits a wide slide left to right).
    # The largest text wins; the chart as written, with the house's spacing, on a tie, and
    # as soon as its text is comfortable.
    turned = replace(chart, direction=_TURNED[chart.direction])
    nests = {shown.direction: plan_nest(shown, shown.edges) for shown in (chart, turned)}
    best: tuple[PlannedFlowchart, Flowchart] | None = None
    as_written: float | None = None
    for shown, tight in ((chart, False), (chart, True), (turned, False), (turned, True)):
        if best is not None and best[0].size >= COMFORTABLE:
            break
        if shown is turned and best is not None:
            as_written = best[0].size
        nest = nests[shown.direction]
        least = FLOOR if best is None else best[0].size + 1
        planned = _fitted(shown, _merged(joined(shown.edges, nest)), nest, tight, least, area,
                          fonts, corner, words)
        if planned is not None:
            best = planned, shown
    if best is None:
        nest = nests[chart.direction]
        findings += [Finding(source, message, "warning", where[sub]) for sub, message in
                     nest.warnings]
        findings.append(Finding(source, _too_large(chart, _merged(joined(chart.edges, nest)),
                                                   area, fonts), at=(1, 1)))
        return None
    planned, shown = best
    nest = nests[shown.direction]
    findings += [Finding(source, message, "warning", where[sub]) for sub, message in
                 nest.warnings]
    if shown is turned:
        why = (f"does not fit the slide that way even at {FLOOR:g} pt" if as_written is None
               else f"fits the slide that way only at {as_written:g} pt")
        findings.append(Finding(source, f"the chart flows {chart.direction} but {why}; it is "
                                f"drawn {shown.direction} instead, at {planned.size:g} pt "
                                f"(write 'flowchart {shown.direction}' to choose it "
                                "yourself, or split the chart)", "warning", (1, 1)))
    if planned.size < COMFORTABLE:
        findings.append(Finding(source, f"the diagram's text is {planned.size:g} pt to fit "
                                f"the slide (comfortable is {COMFORTABLE:g} pt or more); "
                                "shorten the labels or split the diagram", "warning",
                                (1, 1)))
    return planned


def _fitted(chart: Flowchart, edges: Sequence[Edge], nest: Nest, tight: bool, least: float,
            area: Rect, fonts: dict[str, str], corner: Emu, words: Strings
            ) -> PlannedFlowchart | None:
    """The chart at the largest text size, down to `least`, at which it fits `area`."""
    drawn = [i for i, e in enumerate(edges) if e.line_style != "invisible"]

    def arrange(sizes: FlowSizes) -> FlowLayout:
        return lay_out(chart, edges, nest, sizes, drawn)

    def attempt(size: float) -> tuple[FlowSizes, FlowLayout, dict[str, Fit]] | None:
        sizes, fits = box_sizes(chart, edges, size, fonts, tight)
        layout = arrange(sizes)
        if layout.width <= area.w and layout.height <= area.h and fits is not None:
            return sizes, layout, fits
        return None

    if len(chart.nodes) > MAX_NODES or attempt(least) is None:
        return None  # what does not fit at the smallest size tried fits at none larger
    size = PREFERRED
    while size >= least:
        found = attempt(size)
        if found is not None:
            sizes, layout, fits = found
            sizes, layout = _spread(arrange, chart, sizes, layout, area)
            diagram = _diagram(chart, edges, layout, sizes, fits, size, area, corner, words)
            return PlannedFlowchart(diagram, size)
        size -= 1
    return None


def _spread(arrange: Callable[[FlowSizes], FlowLayout], chart: Flowchart, sizes: FlowSizes,
            layout: FlowLayout, area: Rect) -> tuple[FlowSizes, FlowLayout]:
    """Roomier boxes and gaps when the chart leaves much of the area empty: boxes grow by
    up to a third, gaps by up to twice, the text stays the size that was chosen; a chart
    with room across its flow only spreads across it."""
    room = min(area.w / max(layout.width, 1), area.h / max(layout.height, 1))
    for grow in (min(room, 2.0), min(room, 2.0) ** 0.5):
        if grow < 1.08:
            break
        box = min(grow, 1.33)
        tall = min(box, 1.2)
        wider = replace(sizes, box_w=even(sizes.box_w * box), box_h=even(sizes.box_h * tall),
                        gap_main=round(sizes.gap_main * grow),
                        gap_cross=round(sizes.gap_cross * grow),
                        mains={n: even(m * tall) for n, m in sizes.mains.items()},
                        wides={n: even(w * box) for n, w in sizes.wides.items()})
        spread = arrange(wider)
        if spread.width <= area.w and spread.height <= area.h:
            return wider, spread
    # Room across the flow only (a top-to-bottom chart as tall as the slide): wider gaps
    # between neighbours, and a little wider boxes, so branches stand apart.
    horizontal = chart.direction in ("LR", "RL")
    across = area.h / max(layout.height, 1) if horizontal else area.w / max(layout.width, 1)
    for grow in (min(across, 2.0), min(across, 2.0) ** 0.5):
        if grow < 1.08:
            break
        box = min(grow, 1.2)
        if horizontal:
            wider = replace(sizes, box_h=even(sizes.box_h * box),
                            gap_cross=round(sizes.gap_cross * grow))
        else:
            wider = replace(sizes, box_w=even(sizes.box_w * box),
                            gap_cross=round(sizes.gap_cross * grow),
                            wides={n: even(w * box) for n, w in sizes.wides.items()})
        spread = arrange(wider)
        if spread.width <= area.w and spread.height <= area.h:
            return wider, spread
    return sizes, layout


def _merged(edges: Sequence[Edge]) -> list[Edge]:
    """One edge per ordered pair of nodes: repeated links become one, their labels joined."""
    merged: dict[tuple[str, str], Edge] = {}
    for edge in edges:
        key = (edge.source, edge.target)
        first = merged.get(key)
        if first is None:
            merged[key] = edge
        elif edge.label is not None:
            label = edge.label if first.label is None else Label(
                first.label.lines + edge.label.lines)
            merged[key] = Edge(first.source, first.target, first.line_style, first.head,
                               first.tail, label, first.line, first.column)
    return list(merged.values())


def _too_large(chart: Flowchart, edges: Sequence[Edge], area: Rect,
               fonts: dict[str, str]) -> str:
    """Why the chart cannot fit, with how many nodes a slide holds at the floor: the chart
    as laid out at the floor, scaled to the area along and across the flow."""
    horizontal = chart.direction in ("LR", "RL")
    area_main, area_cross = (area.w, area.h) if horizontal else (area.h, area.w)
    graph = _flat(chart, edges)
    levels = max(assign_layers(graph).count, 1)
    widest = max(Counter(assign_layers(graph).layer.values()).values(), default=1)
    if len(chart.nodes) > MAX_NODES:
        sizes, _ = box_sizes(chart, edges, FLOOR, fonts)
        main, cross = (sizes.box_w, sizes.box_h) if horizontal else (sizes.box_h, sizes.box_w)
        along = max(1, (area_main + sizes.gap_main) // (main + sizes.gap_main))
        across = max(1, (area_cross + sizes.gap_cross) // (cross + sizes.gap_cross))
    else:
        sizes, _ = box_sizes(chart, edges, FLOOR, fonts)
        layout = layout_flow(graph, chart.direction, sizes)
        used_main, used_cross = (layout.width, layout.height) if horizontal else \
            (layout.height, layout.width)
        along = max(1, min(levels, math.floor(levels * area_main / used_main)))
        across = max(1, min(widest, math.floor(widest * area_cross / used_cross)))
        if used_main <= area_main:
            along = levels
        if used_cross <= area_cross:
            across = widest
    if levels > along:
        why = f"its flow is {levels} steps long and about {along} fit along the slide"
    else:
        why = f"it is {widest} nodes wide and about {across} fit side by side"
    total = min(along * across, MAX_NODES)
    return (f"the diagram has {len(chart.nodes)} nodes and does not fit one slide at "
            f"{FLOOR:g} pt: {why} (about {total} nodes in all); split it into several "
            "diagrams or shorten the longest labels")


def _flat(chart: Flowchart, edges: Sequence[Edge]) -> Graph:
    """The chart as one graph with no groups (a subgraph a link names is one node)."""
    names = [n.id for n in chart.nodes]
    names += sorted({end for e in edges for end in (e.source, e.target)} - set(names))
    return Graph(tuple(names), tuple((e.source, e.target) for e in edges))


def _diagram(chart: Flowchart, edges: Sequence[Edge], layout: FlowLayout, sizes: FlowSizes,
             fits: dict[str, Fit], size: float, area: Rect, corner: Emu,
             words: Strings = ENGLISH) -> Diagram:
    dx = area.x + (area.w - layout.width) // 2
    dy = area.y + (area.h - layout.height) // 2

    def moved(rect: Rect) -> Rect:
        return Rect(rect.x + dx, rect.y + dy, rect.w, rect.h)

    inset = text_inset(size)
    boxes: list[Box] = []
    depth = {s.id: 0 for s in chart.subgraphs}
    for sub in chart.subgraphs:
        for child in sub.children:
            depth[child] = depth[sub.id] + 1
    title_size = max(FLOOR, size - 4)
    for sub in sorted(chart.subgraphs, key=lambda s: depth[s.id]):
        rect = moved(layout.clusters[sub.id])
        title = Paragraph((Run(sub.title, title_size, MUTED, bold=True),), align="left")
        # Outlined, not filled: a tint that reads as a soft panel on white turns into a
        # loud block in the dark theme, and nodes keep their own fill inside either way.
        boxes.append(Box(f"subgraph-{sub.id}", rect, None, line=LINE, line_width=1.0,
                         radius=corner,
                         frame=TextFrame((title,), anchor="top", inset=TITLE_INSET)))
    for node in chart.nodes:
        geometry, flip, _, _ = GEOMETRY[node.shape]
        rect = moved(layout.boxes[node.id])
        colour = ON_ACCENT if node.accent else INK
        paragraphs = tuple(runs(node.label, fits[node.id].size, colour))
        radius = {"rect": corner // 2, "round": corner * 2, "stadium": rect.h // 2}.get(
            node.shape, 0)
        boxes.append(Box(f"node-{node.id}", rect, ACCENT if node.accent else NODE_FILL,
                         line=None if node.accent else LINE, line_width=1.0, radius=radius,
                         frame=TextFrame(paragraphs, anchor="middle", inset=inset),
                         geometry=geometry, flip=flip))
    arrows: list[Arrow] = []
    labels: list[Box] = []
    groups = {s.id for s in chart.subgraphs}
    label_size = max(FLOOR, size - 2)
    for route in layout.routes:
        edge = edges[route.index]
        arrows.append(_arrow(edge, route, edges, dx, dy, groups))
        for index, spot in ((route.index, route.label), (route.twin, route.twin_label)):
            if index is None or spot is None:
                continue
            labelled = edges[index]
            assert labelled.label is not None
            labels.append(Box(f"edge-label-{labelled.source}-{labelled.target}", moved(spot),
                              Colour("background"),
                              frame=TextFrame(tuple(runs(labelled.label, label_size, MUTED)),
                                              anchor="middle", inset=0)))
    steps = _steps(chart, edges, layout)
    return Diagram("flowchart", _alt_text(chart, edges, words), tuple(boxes), tuple(arrows),
                   tuple(labels), steps)


def _arrow(edge: Edge, route: Route, edges: Sequence[Edge], dx: Emu, dy: Emu,
           groups: set[str]) -> Arrow:
    """The connector of one route, glued to boxes or to a subgraph's container."""
    points = tuple((x + dx, y + dy) for x, y in route.points)
    start, end = (f"{'subgraph' if end in groups else 'node'}-{end}"
                  for end in (edge.source, edge.target))
    tail = _ENDS[edge.tail]
    if route.twin is not None:
        tail = _ENDS[edges[route.twin].head]
    return Arrow(f"edge-{edge.source}-{edge.target}", start, route.start_side,
                 end, route.end_side, points[0], points[-1], MUTED,
                 3.0 if edge.line_style == "thick" else 1.75,
                 route=points if len(points) > 2 else (), head=_ENDS[edge.head], tail=tail,
                 dash=edge.line_style == "dotted")


def _steps(chart: Flowchart, edges: Sequence[Edge], layout: FlowLayout
           ) -> tuple[tuple[str, ...], ...]:
    """Click by click, layer by layer: a layer's groups that start there, its boxes, and
    the arrows (with labels) that reach it from the layers already shown."""
    clicks: list[tuple[str, ...]] = []
    drawn = {r.index: r for r in layout.routes}
    twins = {r.twin: r for r in layout.routes if r.twin is not None}
    members: dict[str, list[str]] = {s.id: list(s.members) for s in chart.subgraphs}
    for sub in reversed(chart.subgraphs):
        for child in sub.children:
            members[sub.id] += members[child]
    for level in range(layout.layer_count):
        names = [f"subgraph-{s.id}" for s in chart.subgraphs if
                 layout.layers.get(s.id, min((layout.layers[m] for m in members[s.id]),
                                             default=-1)) == level]
        names += [f"node-{n.id}" for n in chart.nodes if layout.layers[n.id] == level]
        for index, edge in enumerate(edges):
            if max(layout.layers[edge.source], layout.layers[edge.target]) != level:
                continue
            if index in drawn:
                names.append(f"edge-{edge.source}-{edge.target}")
            if (index in drawn or index in twins) and edge.label is not None:
                names.append(f"edge-label-{edge.source}-{edge.target}")
        clicks.append(tuple(names))
    return tuple(c for c in clicks if c)


def _alt_text(chart: Flowchart, edges: Sequence[Edge], words: Strings = ENGLISH) -> str:
    """The flow in words: each link as "A → B", with its label, then the groups."""
    names = {s.id: s.title for s in chart.subgraphs}
    names.update({n.id: n.label.plain for n in chart.nodes})
    parts = []
    for edge in edges:
        if edge.line_style == "invisible":
            continue
        arrow = "↔" if edge.tail != "none" else "→" if edge.head != "none" else "—"
        link = f"{names[edge.source]} {arrow} {names[edge.target]}"
        parts.append(words("flow_label", link=link, label=edge.label.plain) if edge.label
                     else link)
    linked = {n for e in edges for n in (e.source, e.target)}
    alone = [names[n.id] for n in chart.nodes if n.id not in linked]
    sentences = [words("flow_alt", direction=words(_DIRECTIONS[chart.direction]),
                       links=words("group_separator").join(parts + alone))]
    for sub in chart.subgraphs:
        inside = words("list_separator").join(names[m] for m in sub.members)
        if inside:
            sentences.append(words("flow_group", title=sub.title, members=inside))
    # One sentence after another, each with its full stop (not after a full-width one).
    text = ""
    for sentence in sentences:
        text += ("" if not text or text.endswith(("。", "！", "？")) else " ") + sentence + \
            words("full_stop")
    return text
