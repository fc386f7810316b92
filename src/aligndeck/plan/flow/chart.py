"""A Mermaid flowchart planned as a diagram: boxes of one size, glued arrows, labels, groups.

Reads the text (outline/mermaid.py), sizes the boxes for the largest type that lets the
whole chart fit the area, lays it out (plan/flow/layout.py) and turns the geometry into
the plan's boxes and arrows. Problems in the text become findings at their line and
column inside the outline's text value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from aligndeck.outline.flowgraph import Edge, Flowchart, Label, MermaidError
from aligndeck.plan.flow.bands import plan_bands
from aligndeck.plan.flow.blocks import Nest, joined, lay_out, plan_nest, turned
from aligndeck.plan.flow.continued import plan_parts
from aligndeck.plan.flow.labels import balanced_labels
from aligndeck.plan.flow.layout import ESCAPE, FlowLayout, FlowSizes, Route
from aligndeck.plan.flow.loops import LOOP, with_loops
from aligndeck.plan.flow.nodes import LINE, MUTED, node_box
from aligndeck.plan.flow.notices import cut_over, drawn_otherwise, small_text
from aligndeck.plan.flow.parts import MOST_PARTS, chain_cuts, chain_links, cuts, most_parts
from aligndeck.plan.flow.reading import alt_text, joined_sentences, reveal_steps
from aligndeck.plan.flow.refusal import too_large
from aligndeck.plan.flow.ring import plan_ring
from aligndeck.plan.flow.sizing import (
    COMFORTABLE,
    FLOOR,
    LABEL_PAD,
    MAX_NODES,
    PREFERRED,
    TITLE_INSET,
    box_sizes,
    breakable,
    edge_arrow,
    label_box,
    runs,
    text_inset,
    written,
)
from aligndeck.plan.flow.spread import spread_out
from aligndeck.plan.flow.squeeze import squeeze
from aligndeck.plan.flow.untangle import drawn_tangle
from aligndeck.plan.model import (
    Arrow,
    Box,
    Colour,
    Diagram,
    Emu,
    Finding,
    Paragraph,
    Rect,
    Run,
    Source,
    TextFrame,
    inches,
)
from aligndeck.plan.text import Fit
from aligndeck.strings import ENGLISH, Strings

EXTRA_PARTS = 1
"""Slides more than one that a chart which fits one slide, its links crossing there at
text under the comfortable size, is tried on: the more slides win where no link crosses,
at text no smaller (chart 18 of the corpus: 2 slides at 10 pt, clean, not 1 at 9 pt with
5 crossings)."""

CLEAN = 10.0
"""The smallest text a chart whose largest drawing on one slide crosses itself is drawn at
another way on one slide where none crosses, before more slides are tried: a designer
keeps one slide at 10 pt with no crossing (the lead's incident chart, 12 nodes)."""
KNOT_PT = 2.0
"""Points of text a crossing in a wrapped drawing is worth (an overlapping stretch counts
as untangle.OVERLAP crossings): a wrapping that draws clean wins over a tangled one up to
this much larger."""
WRAP_CUTS = 6
"""Cuts between bands tried for each number of bands, while the wrapping drawn crosses."""


@dataclass(frozen=True)
class PlannedFlowchart:
    diagram: Diagram
    size: float
    """The node text size every box shares."""
    bands: int = 1
    """Rows (or columns, when `rows` is false) the flow is wrapped into on the slide."""
    rows: bool = True
    apart: bool = False
    """The bands are the chart's unlinked pieces, each flowing the chart's own way."""
    ring: bool = False
    """The chart is one loop, drawn as a ring."""


def plan_flowchart(text: str, source: Source, area: Rect, fonts: dict[str, str],
                   corner: Emu, findings: list[Finding], words: Strings = ENGLISH, *,
                   language: str = "") -> PlannedFlowchart | None:
    """The flowchart `text` laid out in `area` on one slide, or None when it cannot be read
    or does not fit one (the reasons are added to `findings`, located inside the text at
    `source`); `words` give the alt text's words, `language` the deck's."""
    planned = plan_flowchart_parts(text, source, area, fonts, corner, findings, words,
                                   most=1, language=language)
    return planned[0] if planned else None


def plan_flowchart_parts(text: str, source: Source, area: Rect, fonts: dict[str, str],
                         corner: Emu, findings: list[Finding], words: Strings = ENGLISH,
                         most: int = MOST_PARTS, *, language: str = ""
                         ) -> list[PlannedFlowchart]:
    """The flowchart `text` laid out in `area`: one diagram, or a chart too large for one
    slide cut into up to `most` parts, one diagram a slide; none when it cannot be read or
    that many slides do not hold it (the reasons are added to `findings`, located inside
    the text at `source`); `words` give the alt text's and the markers' words; `language`
    is the deck's, which says how labels of Han characters alone break."""
    # The grammar loads on the first chart, so decks without one never pay for it.
    from aligndeck.outline.mermaid import parse_flowchart

    try:
        chart = replace(breakable(parse_flowchart(text)), language=language)
    except MermaidError as error:
        findings += [Finding(source, p.message, at=(p.line, p.column))
                     for p in error.problems]
        return []
    findings += [Finding(source, w.message, "warning", (w.line, w.column))
                 for w in chart.warnings]
    if not chart.nodes:
        findings.append(Finding(source, "the diagram has no nodes; add one (A[Label]) or a "
                                "link (A --> B)", at=(1, 1)))
        return []
    where = {s.id: (s.line, s.column) for s in chart.subgraphs}
    # A group linked to itself has no box of its own to loop round: left out, and said.
    for edge in (e for e in chart.edges if e.source == e.target and e.source in where):
        findings.append(Finding(source, f"the link from group '{edge.source}' to itself is "
                                "not drawn: a loop goes round a box, not a group",
                                "warning", (edge.line, edge.column)))
    chart = replace(chart, edges=tuple(e for e in chart.edges
                                       if e.source != e.target or e.source not in where))
    crossed = next((e for e in chart.edges if "cross" in (e.head, e.tail)), None)
    if crossed is not None:
        findings.append(Finding(source, "an 'x' end is drawn as a diamond: PowerPoint has "
                                "no cross arrowhead", "warning", (crossed.line, crossed.column)))
    nest = plan_nest(chart, chart.edges)
    findings += [Finding(source, message, "warning", where[sub]) for sub, message in
                 nest.warnings]
    found = _best(chart, area, fonts, corner, words, wrap=True)
    # Long link labels set on balanced lines take narrower channels: tried too, and kept
    # when they give larger text (or the only fit); the labels as written on a tie.
    balanced = balanced_labels(chart, fonts)
    if balanced != chart:
        other = _best(balanced, area, fonts, corner, words, wrap=True)
        if other is not None and (found is None or other[0].size > found[0].size):
            found = other
        if found is None or found is other:
            chart = balanced
    edges = _merged(joined(chart.edges, nest))

    views: dict[int, Flowchart] = {}

    def best(part: Flowchart, size: float
             ) -> tuple[PlannedFlowchart, Flowchart, float | None] | None:
        # A part is drawn as packed, not spread to fill its slide: its boxes sized to
        # its text, as the other parts' are, and the part centred.
        found = _best(part, area, fonts, corner, words, size, turn=False, spread=False)
        if found is not None:
            views[id(found[0])] = part
        return found

    def knots(part: PlannedFlowchart) -> int:
        return drawn_tangle(part.diagram.arrows)

    cut_up, one_slide = None, None
    # A chart of more than MAX_NODES is refused before any layout, cut up or not.
    if found is None and most > 1 and len(chart.nodes) <= MAX_NODES:
        cut_up = plan_parts(chart, edges, nest, best, words, most)
    elif found is not None and found[0].size < COMFORTABLE and knots(found[0]) and (
            clean := _best(chart, area, fonts, corner, words, wrap=True, clean=True)):
        found = clean  # one slide, drawn another way where no link crosses, at CLEAN or more
    elif found is not None and most > 1 and found[0].size < COMFORTABLE and knots(found[0]):
        # Fewest slides against clean drawing: one slide whose links cross, at small text,
        # or up to EXTRA_PARTS more where no link crosses, at text no smaller.
        cleaner = plan_parts(chart, edges, nest, best, words, 1 + EXTRA_PARTS)
        if cleaner is not None and not sum(knots(p) for p in cleaner[0]) and \
                cleaner[0][0].size >= found[0].size:
            cut_up, one_slide = cleaner, found[0].size
    if found is None and cut_up is None:
        def fits(piece: Flowchart) -> float | None:
            # As written or turned, not wrapped: quicker, and what fits so fits.
            found = _best(piece, area, fonts, corner, words)
            return None if found is None else found[0].size

        why, at = too_large(chart, edges, nest, area, fonts, fits,
                            most_parts(chart, most) if most > 1 else 1)
        findings.append(Finding(source, why, at=at))
        return []
    if cut_up is not None:
        planned_parts, links, drawn, way = cut_up
        size = planned_parts[0].size
        # Every part tight with the whole chart's boxes, where each still fits at that
        # size and draws no more tangled: one look on every slide.
        again = [_best(views[id(p)], area, fonts, corner, words, size, turn=False,
                       spread=False, common=chart, tights=(True,)) for p in planned_parts]
        if all(a is not None and a[0].size == size and knots(a[0]) <= knots(p)
               for a, p in zip(again, planned_parts, strict=True)):
            planned_parts = [a[0] for a in again if a is not None]
        count = len(planned_parts)
        planned_parts = [replace(p, diagram=replace(p.diagram, alt_text=joined_sentences(
            words("flow_cut_alt", n=n, count=count), p.diagram.alt_text)))
            for n, p in enumerate(planned_parts, 1)]
        _warn(findings, source, cut_over(len(chart.nodes), count, size, links, one_slide,
                                         (chart.direction, drawn), way), small_text(size))
        return planned_parts
    assert found is not None
    planned, shown, as_written = found
    _warn(findings, source, drawn_otherwise(chart.direction, shown.direction, planned.size,
                                            as_written, planned.bands, planned.rows,
                                            planned.apart, planned.ring),
          small_text(planned.size))
    return [planned]


def _warn(findings: list[Finding], source: Source, *messages: str | None) -> None:
    findings += [Finding(source, m, "warning", (1, 1)) for m in messages if m is not None]


def _best(chart: Flowchart, area: Rect, fonts: dict[str, str], corner: Emu,
          words: Strings, most: float = PREFERRED, turn: bool = True, wrap: bool = False,
          spread: bool = True, common: Flowchart | None = None,
          tights: tuple[bool, ...] = (False, True), clean: bool = False
          ) -> tuple[PlannedFlowchart, Flowchart, float | None] | None:
    """The chart at the largest text size from `most` down to the floor: as written, then
    with tighter spacing, then (with `turn`) turned a quarter, then (with `wrap`) wrapped
    into rows or columns; with the chart drawn and the size it had as written when another
    way won. With `clean`, only drawings where no link crosses or runs on another, at
    CLEAN or more. None when nothing fits."""
    # Layouts adapt before they give up: the chart as written, then with tighter spacing,
    # then turned a quarter (a tall top-to-bottom chain fits a wide slide left to right).
    # The largest text wins; the chart as written, with the house's spacing, on a tie, and
    # as soon as its text is comfortable.
    quarter = turned(chart)
    shown_ways = (chart, quarter) if turn else (chart,)
    nests = {shown.direction: plan_nest(shown, shown.edges) for shown in shown_ways}
    best: tuple[PlannedFlowchart, Flowchart] | None = None
    as_written: float | None = None
    for shown, tight in ((s, t) for s in shown_ways for t in tights):
        if best is not None and best[0].size >= min(COMFORTABLE, most):
            break
        if shown is quarter and best is not None and best[1] is chart:
            as_written = best[0].size  # what the chart as written fits at (not turned)
        nest = nests[shown.direction]
        least = (CLEAN if clean else FLOOR) if best is None else best[0].size + 1
        planned = _fitted(shown, _merged(joined(shown.edges, nest)), nest, tight, least, area,
                          fonts, corner, words, most, spread, common)
        if planned is not None and not (clean and drawn_tangle(planned.diagram.arrows)):
            best = planned, shown
    if wrap and (best is None or best[0].size < COMFORTABLE):
        if best is not None and as_written is None:
            as_written = best[0].size if best[1] is chart else None
        wrapped = _wrapped(chart, area, fonts, corner, words, clean)
        if wrapped is not None and (best is None or wrapped.size > best[0].size):
            best = wrapped, chart
        edges = _merged(chart.edges)
        ring = plan_ring(chart, edges, area, fonts, corner, alt_text(chart, edges, words))
        if ring is not None and clean and (ring[1] < CLEAN or drawn_tangle(ring[0].arrows)):
            ring = None
        # A chart that is one loop reads round as a ring: it wins a tie with a wrapping.
        if ring is not None and (best is None or ring[1] > best[0].size or (
                ring[1] == best[0].size and best[0].bands > 1)):
            best = PlannedFlowchart(*ring, ring=True), chart
    return None if best is None else (*best, as_written)


def _wrapped(chart: Flowchart, area: Rect, fonts: dict[str, str], corner: Emu,
             words: Strings, clean: bool = False) -> PlannedFlowchart | None:
    """The chart wrapped into 2 or 3 rows, or columns: first the one that cuts fewest
    chains short enough for one band, then the largest size less KNOT_PT for each crossing
    where it is drawn (and more for an overlap), so that a wrapping cut elsewhere that
    draws clean wins over one up to KNOT_PT larger (the cleaner on a tie, then rows, then
    fewer bands); None when no wrapping is clean (with `clean`, when none draws clean at
    CLEAN or more)."""
    nest = plan_nest(chart, chart.edges)
    edges = _merged(joined(chart.edges, nest))

    def band(piece: Flowchart, slot: Rect, most: float) -> tuple[Diagram, float] | None:
        # Every band tight and as large as the whole chart's boxes: one look in every row.
        found = _best(piece, slot, fonts, corner, words, most, turn=False, spread=False,
                      common=chart, tights=(True,))
        return None if found is None else (found[0].diagram, found[0].size)

    def label(edge: Edge, at: tuple[Emu, Emu], size: float) -> Box | None:
        return label_box(edge, at, max(FLOOR, size - 2), fonts)

    best: PlannedFlowchart | None = None
    worth = (0, -1.0, 0)
    alt = alt_text(chart, edges, words)
    chains = chain_links(edges)
    for count in (2, 3):
        ways = cuts(chart, edges, nest, count, WRAP_CUTS) + \
            chain_cuts(chart, edges, nest, count, WRAP_CUTS)
        # A chain short enough for one band cut in two reads as two pieces (1% -> 10% on
        # one line, 50% -> 100% on the next): a cut that keeps it whole wins, whatever
        # its size. A longer chain is cut wherever it is wrapped.
        band_nodes = -(-len(chart.nodes) // count)
        for rows in (True, False):
            # The cut that balances the bands first; the others only while what is drawn
            # crosses or overlaps itself (where the bands join, mostly), or cuts a chain.
            for where in ways:
                short = sum(1 for e, n in chains.items() if n <= band_nodes and
                            where.part[e.source] != where.part[e.target])
                if best is not None and (-short, PREFERRED, 0) <= worth:
                    continue  # even at the largest size it would not win
                found = plan_bands(chart, edges, nest, area, count, rows, band, edge_arrow,
                                   label, alt, where=where)
                if found is None:
                    continue
                knots = drawn_tangle(found[0].arrows)
                if clean and (knots or found[1] < CLEAN):
                    continue
                value = (-short, found[1] - KNOT_PT * knots, -knots)
                if best is None or value > worth:
                    best, worth = PlannedFlowchart(found[0], found[1], count, rows), value
                if not knots and not short:
                    break
    # Pieces no link joins stand side by side in the flow's own direction: dealt into
    # rows (or columns) they need not shrink.
    rows = chart.direction in ("TB", "BT")
    for count in (2, 3, 4):
        found = plan_bands(chart, edges, nest, area, count, rows, band, edge_arrow, label,
                           alt, apart=True)
        if found is None:
            continue
        knots = drawn_tangle(found[0].arrows)
        if clean and (knots or found[1] < CLEAN):
            continue
        value = (0, found[1] - KNOT_PT * knots, -knots)
        if best is None or value > worth:
            best, worth = PlannedFlowchart(found[0], found[1], count, rows, apart=True), value
    return best



def _fitted(chart: Flowchart, edges: Sequence[Edge], nest: Nest, tight: bool, least: float,
            area: Rect, fonts: dict[str, str], corner: Emu, words: Strings,
            most: float = PREFERRED, spread: bool = True, common: Flowchart | None = None
            ) -> PlannedFlowchart | None:
    """The chart at the largest text size from `most` down to `least` at which it fits
    `area`."""
    # A link from a box to itself is a loop round its top right corner, drawn after the
    # layout: keep the room it takes at the top and right of the area.
    loops = [e for e in edges if e.source == e.target]
    if loops:
        edges = [e for e in edges if e.source != e.target]
        room = LOOP + inches(0.05)
        area = Rect(area.x, area.y + room, area.w - room, area.h - room)
    drawn = [i for i, e in enumerate(edges) if e.line_style != "invisible"]

    def arrange(sizes: FlowSizes) -> FlowLayout:
        return lay_out(chart, edges, nest, sizes, drawn)

    laid: dict[float, tuple[FlowSizes, FlowLayout, dict[str, Fit] | None]] = {}

    def attempt(size: float, squeezed: bool = False
                ) -> tuple[FlowSizes, FlowLayout, dict[str, Fit]] | None:
        if size not in laid:  # laid out once a size, squeezed or not
            sizes, fits = box_sizes(chart, edges, size, fonts, tight)
            if common is not None:  # every box as large as the whole chart's boxes
                whole, _ = box_sizes(replace(common, direction=chart.direction), (), size,
                                     fonts, tight)
                sizes = replace(sizes, box_w=whole.box_w, box_h=whole.box_h,
                                wides={n: w for n, w in sizes.wides.items()
                                       if w > whole.box_w},
                                mains={n: m for n, m in sizes.mains.items()
                                       if m > whole.box_h})
            sizes = replace(sizes, room=(area.w, area.h))
            laid[size] = sizes, arrange(sizes), fits
        sizes, layout, fits = laid[size]
        if squeezed:
            layout = squeeze(layout, sizes, ESCAPE + sizes.track)
        if layout.width <= area.w and layout.height <= area.h and fits is not None:
            return sizes, layout, fits
        return None

    if least > most or len(chart.nodes) > MAX_NODES:
        return None
    # What does not fit at the smallest size tried fits at none larger. A chart that does
    # not fit as packed may fit without the empty stripes the packing left (a dense
    # chart, or a part of one cut over slides); one that fits is drawn as packed.
    squeezed = attempt(least) is None
    if squeezed and attempt(least, squeezed=True) is None:
        return None
    size = most
    while size >= least:
        found = attempt(size, squeezed)
        if found is not None:
            sizes, layout, fits = found
            if spread and not squeezed:
                sizes, layout = spread_out(arrange, chart, sizes, layout, area)
            diagram = _diagram(chart, edges, layout, sizes, fits, size, area, corner, words)
            if loops:
                diagram = with_loops(diagram, loops, max(FLOOR, size - 2), fonts)
            return PlannedFlowchart(diagram, size)
        size -= 1
    return None


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
            merged[key] = replace(first, label=label)
    return list(merged.values())


def _diagram(chart: Flowchart, edges: Sequence[Edge], layout: FlowLayout, sizes: FlowSizes,
             fits: dict[str, Fit], size: float, area: Rect, corner: Emu,
             words: Strings = ENGLISH) -> Diagram:
    dx = area.x + (area.w - layout.width) // 2
    dy = area.y + (area.h - layout.height) // 2

    def moved(rect: Rect) -> Rect:
        return Rect(rect.x + dx, rect.y + dy, rect.w, rect.h)

    inset = text_inset(size)
    fonts = next(iter(fits.values())).fonts  # every label is measured in the same fonts
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
    boxes += [node_box(node, moved(layout.boxes[node.id]), fits[node.id], corner, inset)
              for node in chart.nodes]
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
                              frame=TextFrame(written(runs(labelled.label, label_size, MUTED),
                                                      spot.w - LABEL_PAD, fonts,
                                                      chart.language),
                                              anchor="middle", inset=0)))
    steps = reveal_steps(chart, edges, layout)
    return Diagram("flowchart", alt_text(chart, edges, words), tuple(boxes), tuple(arrows),
                   tuple(labels), steps)


def _arrow(edge: Edge, route: Route, edges: Sequence[Edge], dx: Emu, dy: Emu,
           groups: set[str]) -> Arrow:
    """The connector of one route, glued to boxes or to a subgraph's container."""
    points = tuple((x + dx, y + dy) for x, y in route.points)
    start, end = (f"{'subgraph' if end in groups else 'node'}-{end}"
                  for end in (edge.source, edge.target))
    twin = edges[route.twin].head if route.twin is not None else None
    return edge_arrow(edge, start, route.start_side, end, route.end_side, points, twin)
