"""A flowchart that leaves much of its area empty, spread out: roomier boxes and gaps at
the text size chosen (plan/flow/chart.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from aligndeck.outline.flowgraph import Flowchart
from aligndeck.plan.flow.layout import FlowLayout, FlowSizes
from aligndeck.plan.flow.sizing import even
from aligndeck.plan.model import Rect


def spread_out(arrange: Callable[[FlowSizes], FlowLayout], chart: Flowchart, sizes: FlowSizes,
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
