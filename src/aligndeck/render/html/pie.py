"""A pie chart as SVG for the browser, laid out as the .pptx's pie is drawn.

The .pptx writes a pie with its labels at `c:dLblPos val="outEnd"` and no plot-area
layout (render/data.py), so each viewer places them itself. ECMA-376 says only "outside
end"; PowerPoint's own placement and wrap width are not documented. What is followed here
is LibreOffice's, read from its pie code and measured on its pages (the side-by-side
test's renderer):

- each label is anchored `PIE_LABEL_OFFSET` beyond the pie's edge on its slice's middle,
  and the label's box is set against that point by the direction, in eight sectors of 45
  degrees: to the right of it (its left edge on the point, centred up and down) from -22.5
  to 22.5 degrees, above and to the right of it from 22.5 to 67.5, centred above it from
  67.5 to 112.5, and so on round;
- a label's lines are centred in its box (a data label's paragraphs are centred in
  PowerPoint as well);
- a slice's name wraps at `PIE_WRAP` of the chart's width (at least its longest word);
- the pie is the largest whose labels fit round it inside the chart, less a margin.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from aligndeck.plan.model import EMU_PER_PT, Colour
from aligndeck.plan.text import text_width_pt, wrap_text
from aligndeck.render.html.data import _label, _p

if TYPE_CHECKING:
    from aligndeck.render.html.data import _Pen

PIE_MARGIN = 0.04
"""Of the chart's width and height, kept clear round a pie and its labels (LibreOffice's
pages of pies with two to four slices, short and long labels, 16:9 and 4:3)."""
PIE_LABEL_OFFSET = 150 / 2540 * 72
"""Points between the pie's edge and a label's anchor: LibreOffice's 150 hundredths of a
millimetre (4.25 pt) outward for a label outside its slice."""
PIE_WRAP = 0.3
"""A slice's name wraps at this share of the chart's width, as LibreOffice 7.4's did on the
house design (545 pt: between 0.29 and 0.34) and kfjt (433 pt: 0.24 to 0.32). (Its newer
pie code wraps at 0.8 times the radius; 7.4 draws wider labels than that.)"""
LINE_EM = 1.0
"""A label line's height, of its size: LibreOffice sets a chart label's lines the font's
ascent and descent apart (Carlito's 1536 + 512 of 2048: 18 pt at 18 pt, measured), not
a text box's single line with its gap (1.22 em)."""
ASCENT_EM = 1536 / 2048
"""The first baseline below a label box's top, of its size (Carlito's ascent)."""


def label_box(radius: float, middle: float, across: float, lines: int, size: float
              ) -> tuple[float, float, float, float]:
    """A slice's label box round a pie of `radius` centred at 0, 0, its slice's middle at
    `middle` radians (clockwise from three o'clock, as the page's y runs down): left, top,
    width and height, set against its anchor by the eight sectors LibreOffice uses."""
    reach = radius + PIE_LABEL_OFFSET
    ax, ay = reach * math.cos(middle), reach * math.sin(middle)
    height = lines * size * LINE_EM
    degrees = -math.degrees(middle) % 360  # counter-clockwise from three o'clock
    right = degrees <= 67.5 or degrees >= 292.5
    left_side = 112.5 <= degrees <= 247.5
    above, below = 22.5 < degrees < 157.5, 202.5 < degrees < 337.5
    if _reaches_into(ax, ay, right, left_side, above, below, across, height, radius):
        # a box centred on the anchor would cover the pie: LibreOffice sets it in the
        # corner the direction leans to (a long name over a slice near the top is drawn
        # above and to the right of its anchor, not centred over the pie)
        right, left_side = ax >= 0, ax < 0
        above, below = ay < 0, ay >= 0
    left = ax if right else ax - across if left_side else ax - across / 2
    top = ay - height if above else ay if below else ay - height / 2
    return left, top, across, height


def _reaches_into(ax: float, ay: float, right: bool, left_side: bool, above: bool,
                  below: bool, across: float, height: float, radius: float) -> bool:
    """Whether a label box set so against its anchor reaches into the pie or touches it
    (within a point: LibreOffice moves a box that only touches the pie's top as well)."""
    left = ax if right else ax - across if left_side else ax - across / 2
    top = ay - height if above else ay if below else ay - height / 2
    near_x = min(max(0.0, left), left + across)
    near_y = min(max(0.0, top), top + height)
    return math.hypot(near_x, near_y) < radius + 1


def _names(pen: _Pen) -> list[list[str]]:
    """Each slice's name as its label's lines, wrapped at the label width."""
    chart = pen.chart
    if chart.legend:
        return [[] for _ in chart.categories]
    size = chart.label_size
    words = [word for c in chart.categories for word in c.split()]
    room = max([pen.chart.rect.w / EMU_PER_PT * PIE_WRAP, *(text_width_pt(word, size, bold=True) + 1
                                     for word in words)])
    return [wrap_text(c, room, size, bold=True) for c in chart.categories]


def _boxes(pen: _Pen, radius: float, values: list[float]
           ) -> list[tuple[list[str], tuple[float, float, float, float]] | None]:
    """Each slice's label lines and box round a pie of `radius` centred at 0, 0 (None
    where the slice has no label)."""
    chart = pen.chart
    size, total = chart.label_size, sum(values) or 1.0
    names = _names(pen)
    found: list[tuple[list[str], tuple[float, float, float, float]] | None] = []
    angle = -math.pi / 2
    for j, value in enumerate(values):
        sweep = value / total * 2 * math.pi
        middle, angle = angle + sweep / 2, angle + sweep
        text = _label(pen, 0, j)
        if text is None:
            found.append(None)
            continue
        lines = [*names[j], text]
        across = max(text_width_pt(line, size, bold=True) for line in lines)
        found.append((lines, label_box(radius, middle, across, len(lines), size)))
    return found


def _extent(pen: _Pen, radius: float, values: list[float]
            ) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of a pie of `radius` centred at 0, 0 and its labels."""
    xs, ys = [-radius, radius], [-radius, radius]
    for found in _boxes(pen, radius, values):
        if found is not None:
            left, top, across, height = found[1]
            xs += [left, left + across]
            ys += [top, top + height]
    return min(xs), min(ys), max(xs), max(ys)


def draw_pie(pen: _Pen, x: float, y: float, w: float, h: float) -> None:
    """The pie and its labels in the chart's rectangle (points)."""
    chart = pen.chart
    values = [v or 0.0 for v in chart.series[0][1]]  # the plan left missing slices out
    total = sum(values) or 1.0
    size, ink = chart.label_size, pen.colour(chart.ink)
    low, high = 10.0, max(min(w, h) / 2, 10.0)
    for _ in range(40):
        middle = (low + high) / 2
        left, top, right, bottom = _extent(pen, middle, values)
        fits = right - left <= w * (1 - 2 * PIE_MARGIN) and \
            bottom - top <= h * (1 - 2 * PIE_MARGIN)
        low, high = (middle, high) if fits else (low, middle)
    radius = low
    left, top, right, bottom = _extent(pen, radius, values)
    cx, cy = x + w / 2 - (left + right) / 2, y + h / 2 - (top + bottom) / 2
    angle = -math.pi / 2
    background = pen.colour(Colour("background"))
    for j, value in enumerate(values):
        sweep = value / total * 2 * math.pi
        end = angle + sweep
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        large = 1 if sweep > math.pi else 0
        fill = pen.colour(chart.colours[j % len(chart.colours)])
        pen.parts.append(f'<path d="M{_p(cx)},{_p(cy)} L{_p(x1)},{_p(y1)} A{_p(radius)},'
                         f'{_p(radius)} 0 {large} 1 {_p(x2)},{_p(y2)} Z" fill="{fill}" '
                         f'stroke="{background}" stroke-width="2"/>')
        angle = end
    for found in _boxes(pen, radius, values):
        if found is None:
            continue
        lines, (left, top, across, _) = found
        baseline = cy + top + size * ASCENT_EM
        for line in lines:
            pen.text(cx + left + across / 2, baseline, line, size=size, colour=ink,
                     bold=True)
            baseline += size * LINE_EM
