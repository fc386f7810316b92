"""Tables and charts as SVG for the browser, drawn from the same plan as the .pptx.

A table is its planned cells (the text at the fitter's line breaks) and rules; a chart is
drawn from its own data: bars, columns, stacked segments, lines or slices in the planned
theme colours, with the same value labels and legend rule as the PowerPoint chart. The
value axis is scaled and the plot area placed as LibreOffice does for the .pptx's chart
(`nice_scale`, `_Plot`), measured on its pages.
"""

from __future__ import annotations

import math
import re
from html import escape
from typing import TYPE_CHECKING

from aligndeck.outline.numbers import format_local
from aligndeck.plan.model import EMU_PER_PT, Chart, Colour, Emu, Rect, Table, TextFrame
from aligndeck.plan.text import text_width_pt
from aligndeck.plan.text.measure import font_ascent_em
from aligndeck.render.html.lines import css_family

AXIS_INTERVALS = 10
"""The most major units a value axis is cut into, as LibreOffice's automatic scale."""
MARGIN_X, MARGIN_Y = 0.0215, 0.02
"""The plot area's margin in the chart, of its width and height (measured on
LibreOffice's pages: 19 of 874 pt across, 7 of 341 pt down)."""
LABEL_GAP = 2.0
"""Points between an axis' labels and the plot."""
LINE = 1.17
"""An axis label's line height, of its size."""
BAR_LABEL_GAP = 4.0
"""Points between a bar's end and its value label."""
BOX_ASCENT_EM = 1950 / 2048
"""Calibri's winAscent: where the page sets a text box's first baseline (render/html/lines.py)."""
CATEGORY_BASELINE = 1.0
"""A category label's baseline under the axis, of its size (LibreOffice's page)."""

if TYPE_CHECKING:
    from aligndeck.render.html.svg import SlideDrawer


def _p(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def table_svg(drawer: SlideDrawer, table: Table) -> str:
    """The table's cells at their planned places, with a rule under the header and
    between rows."""
    parts = []
    ink, line = drawer.colour(table.header_rule), drawer.colour(table.rule)
    inset_x, inset_y = table.inset
    face = drawer.theme.body_font  # the cells' runs are in the theme's body font
    y = table.rect.y
    left, right = table.rect.x / EMU_PER_PT, table.rect.right / EMU_PER_PT
    for i, (height, row) in enumerate(zip(table.rows, table.cells, strict=True)):
        x = table.rect.x
        for j, (width, frame) in enumerate(zip(table.columns, row, strict=True)):
            drop = table.drop(i, j)
            rise = _cell_rise(frame, face)
            inner = Rect(x + inset_x, y + inset_y + drop - rise, width - 2 * inset_x,
                         height - 2 * inset_y - drop)
            parts.append(drawer.frame(frame, inner))
            x += width
        y += height
        colour, stroke = (ink, table.rule_width * 2) if i == 0 else (line, table.rule_width)
        parts.append(f'<line x1="{_p(left)}" x2="{_p(right)}" y1="{_p(y / EMU_PER_PT)}" '
                     f'y2="{_p(y / EMU_PER_PT)}" stroke="{colour}" '
                     f'stroke-width="{_p(stroke)}"/>')
    return (f'<g class="shape table" data-name="{escape(table.name)}" role="table" '
            f'aria-label="{escape(table.alt)}">{_frame(table.rect)}{"".join(parts)}</g>')


def _cell_rise(frame: TextFrame, family: str) -> Emu:
    """How much higher a cell's text starts than in a text box. A text box's first
    baseline lies Calibri's winAscent (0.95 em) below its top; LibreOffice sets a table
    cell's first baseline the ascent of the font it draws in below the cell's top (Carlito
    0.75 em: 4 pt higher at 20 pt, measured on the house design and kfjt; Noto Serif,
    for Constantia, 1.07 em: lower). A centred cell moves half as much; a bottom-anchored
    one not at all (its baseline sits the descent above the bottom either way)."""
    if not frame.paragraphs or frame.anchor == "bottom":
        return 0
    ascent = font_ascent_em(family)
    if ascent <= 0:
        return 0
    size = max((r.size for r in frame.paragraphs[0].runs), default=0.0)
    share = 1.0 if frame.anchor == "top" else 0.5
    return round(size * (BOX_ASCENT_EM - ascent) * share * EMU_PER_PT)


def _frame(rect: Rect) -> str:
    """The shape's own rectangle, invisible: what its place on the page is measured by."""
    return (f'<rect class="frame" x="{_p(rect.x / EMU_PER_PT)}" y="{_p(rect.y / EMU_PER_PT)}" '
            f'width="{_p(rect.w / EMU_PER_PT)}" height="{_p(rect.h / EMU_PER_PT)}" '
            'fill="none"/>')


class _Pen:
    """Text and shapes in chart coordinates (points)."""

    def __init__(self, drawer: SlideDrawer, chart: Chart) -> None:
        self.drawer, self.chart = drawer, chart
        self.parts: list[str] = []
        # the theme's body font, as the .pptx chart names it (`+mn-lt`)
        self.font = escape(css_family(drawer.theme.body_font))

    def colour(self, colour: Colour) -> str:
        return self.drawer.colour(colour)

    def text(self, x: float, y: float, text: str, *, size: float, anchor: str = "middle",
             colour: str, bold: bool = False) -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{_p(x)}" y="{_p(y)}" font-size="{_p(size)}" '
                          f'font-family="{self.font}" text-anchor="{anchor}" fill="{colour}"'
                          f'{weight}>{escape(text)}</text>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(f'<rect x="{_p(x)}" y="{_p(y)}" width="{_p(max(w, 0))}" '
                          f'height="{_p(max(h, 0))}" fill="{fill}"/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str,
             width: float) -> None:
        self.parts.append(f'<line x1="{_p(x1)}" y1="{_p(y1)}" x2="{_p(x2)}" y2="{_p(y2)}" '
                          f'stroke="{colour}" stroke-width="{_p(width)}"/>')


def chart_svg(drawer: SlideDrawer, chart: Chart) -> str:
    """The chart drawn from its data."""
    pen = _Pen(drawer, chart)
    x, y = chart.rect.x / EMU_PER_PT, chart.rect.y / EMU_PER_PT
    w, h = chart.rect.w / EMU_PER_PT, chart.rect.h / EMU_PER_PT
    if chart.legend:
        names = ([c for c in chart.categories] if chart.kind == "pie"
                 else [name for name, _ in chart.series])
        _legend(pen, names, x, y + h * MARGIN_Y, w, chart.text_size)
        y, h = y + chart.text_size * 2, h - chart.text_size * 2
    if chart.kind == "pie":
        from aligndeck.render.html.pie import draw_pie

        draw_pie(pen, x, y, w, h)
    elif chart.kind == "line":
        _line(pen, x, y, w, h)
    else:
        _bars(pen, x, y, w, h)
    return (f'<g class="shape chart" data-name="{escape(chart.name)}" role="img" '
            f'aria-label="{escape(chart.alt)}">{_frame(chart.rect)}{"".join(pen.parts)}</g>')


def _legend(pen: _Pen, names: list[str], x: float, y: float, w: float, size: float) -> None:
    widths = [size * 0.8 + 4 + text_width_pt(n, size) + size for n in names]
    cursor = x + (w - sum(widths)) / 2
    ink = pen.colour(pen.chart.ink)
    for index, (name, width) in enumerate(zip(names, widths, strict=True)):
        pen.rect(cursor, y + size * 0.35, size * 0.8, size * 0.8,
                 pen.colour(pen.chart.colours[index % len(pen.chart.colours)]))
        pen.text(cursor + size * 0.8 + 4, y + size * 1.1, name, size=size, anchor="start",
                 colour=ink)
        cursor += width


def _label(pen: _Pen, series: int, point: int) -> str | None:
    chart = pen.chart
    if not chart.data_labels or (series, point) in chart.hidden_labels:
        return None
    return chart.value_labels[series][point] if chart.value_labels else None


def nice_scale(low: float, high: float) -> tuple[float, float, float]:
    """The value axis as PowerPoint and LibreOffice choose it when none is set: the
    smallest major unit of 1, 2 or 5 times a power of ten that cuts the axis into at most
    ten, the ends rounded out to it, one unit more where a value would touch an end
    (LibreOffice puts 640 on 0 to 700 by 100, 28 on 0 to 30 by 5, 100 on 0 to 120 by 20,
    -12 to 25.5 on -15 to 30 by 5)."""
    span = high - low if high > low else abs(high) or 1.0
    power = 10.0 ** math.floor(math.log10(span / AXIS_INTERVALS))
    for m in (1, 2, 5, 10, 20, 50):
        step = m * power
        top = math.ceil(high / step - 1e-9) * step
        if high > 0 and top - high < span * 0.05:
            top += step
        bottom = math.floor(low / step + 1e-9) * step
        if low < 0 and low - bottom < span * 0.05:
            bottom -= step
        if (top - bottom) / step <= AXIS_INTERVALS + 1e-9:
            break
    return bottom, top if top > bottom else bottom + step, step


def _scale(chart: Chart) -> tuple[float, float, float]:
    """The value axis' ends and major unit: the planned end, else a rounded one above the
    top (a stack's top for stacked charts), from 0 or below the lowest value."""
    stacked = chart.kind.startswith("stacked")
    known = [v for _, s in chart.series for v in s if v is not None]  # gaps have no height
    if stacked:
        tops = [sum(s[j] or 0.0 for _, s in chart.series)
                for j in range(len(chart.categories))]
    else:
        tops = known
    low, high, step = nice_scale(min(0.0, *known), max(max(tops, default=1.0), 0.0))
    if chart.axis_max:
        high = chart.axis_max
        step = nice_scale(low, high)[2]
    return low, high, step


def tick_label(value: float, number_format: str) -> str:
    """A value axis label in the chart's Excel format (`[$-407]#,##0.0" ms"`): its
    decimals, thousands and unit, in the separators of the locale the format names (as
    the .pptx shows it: "1.200" for de-DE), English where it names none."""
    tag = re.search(r"\[\$-([0-9A-Fa-f]+)\]", number_format)
    text = re.sub(r"\[\$-[0-9A-Fa-f]+\]", "", number_format)
    unit = "".join(re.findall(r'"([^"]*)"', text))
    digits = re.sub(r'"[^"]*"', "", text)
    places = len(digits.split(".", 1)[1]) if "." in digits else 0
    language = _tag_language(int(tag.group(1), 16)) if tag else "en"
    grouped = format_local(value, places, language)
    if "," not in digits:
        group = format_local(1000, 0, language)[1:-3]
        grouped = grouped.replace(group, "") if group else grouped
    return grouped + unit


def _tag_language(number: int) -> str:
    """The language of a Windows locale id (0x407: de-DE); English for one unknown."""
    import locale

    name = locale.windows_locale.get(number)
    return name.replace("_", "-") if name else "en"


class _Plot:
    """The plot area inside a chart's rectangle, as LibreOffice lays it out: a margin of
    about 2% of the chart on every side, then the axis labels outside the plot."""

    def __init__(self, pen: _Pen, x: float, y: float, w: float, h: float,
                 across: bool) -> None:
        chart = pen.chart
        size = chart.text_size
        self.low, self.high, self.step = _scale(chart)
        self.ticks = [self.low + k * self.step
                      for k in range(round((self.high - self.low) / self.step) + 1)]
        self.labels = [tick_label(v, chart.number_format) for v in self.ticks]
        mx, my = w * MARGIN_X, h * MARGIN_Y
        left, top, right, bottom = x + mx, y + my, x + w - mx, y + h - my
        value_axis = not chart.data_labels
        widest = max((text_width_pt(t, size) for t in self.labels), default=0.0)
        if across:
            left += max(text_width_pt(c, size) for c in chart.categories) + LABEL_GAP
            if value_axis:  # above: the reversed category axis crosses at the top
                top += size * LINE
                right -= text_width_pt(self.labels[-1], size) / 2
        else:
            bottom -= size * LINE
            if value_axis:
                left += widest + LABEL_GAP
                top += size * 0.4
        if across and chart.data_labels and not chart.kind.startswith("stacked"):
            # LibreOffice narrows the plot until the labels after the bars end inside
            # the chart (`BAR_LABEL_GAP` after a bar)
            for i, (_, values) in enumerate(chart.series):
                for j, value in enumerate(values):
                    text = _label(pen, i, j)
                    if value is None or value <= 0 or text is None:
                        continue
                    room = x + w - left - BAR_LABEL_GAP - text_width_pt(text, size, bold=True)
                    share = (value - self.low) / (self.high - self.low)
                    right = min(right, left + room / share)
        self.x, self.y, self.w, self.h = left, top, right - left, bottom - top
        self.across = across

    def at(self, value: float) -> float:
        """How far along the value axis a value lies, from the plot's start."""
        length = self.w if self.across else self.h
        return (value - self.low) / (self.high - self.low) * length

    def grid(self, pen: _Pen) -> None:
        """Gridlines and the value axis' labels, where the chart has a value axis."""
        chart = pen.chart
        if chart.data_labels:
            return
        size, muted = chart.text_size, pen.colour(chart.muted)
        grid = pen.colour(Colour("line", 85))
        for value, text in zip(self.ticks, self.labels, strict=True):
            d = self.at(value)
            if self.across:
                pen.line(self.x + d, self.y, self.x + d, self.y + self.h, grid, 0.75)
                pen.text(self.x + d, self.y - size * 0.4, text, size=size, colour=muted)
            else:
                gy = self.y + self.h - d
                pen.line(self.x, gy, self.x + self.w, gy, grid, 0.75)
                pen.text(self.x - LABEL_GAP, gy + size * 0.35, text, size=size,
                         anchor="end", colour=muted)


def _bars(pen: _Pen, x: float, y: float, w: float, h: float) -> None:
    chart = pen.chart
    across = chart.kind in ("bar", "stacked-bar")
    stacked = chart.kind.startswith("stacked")
    size, ink = chart.text_size, pen.colour(chart.ink)
    plot = _Plot(pen, x, y, w, h, across)
    plot.grid(pen)
    plot_x, plot_y, plot_w, plot_h = plot.x, plot.y, plot.w, plot.h
    count, series = len(chart.categories), len(chart.series)
    band = (plot_h if across else plot_w) / max(count, 1)
    bar = band / bar_share(series, chart.gap, 100 if stacked else 0)
    thick = bar if stacked else bar * series
    at = plot.at
    # Labels that would overlap are left out in turn, as LibreOffice does ("a, c, e").
    need = size * LINE if across else max(text_width_pt(c, size) for c in chart.categories)
    every = max(1, math.ceil(need / band - 1e-9))
    for j, category in enumerate(chart.categories):
        start = j * band + (band - thick) / 2
        base = 0.0
        for i, (_, values) in enumerate(chart.series):
            value = values[j]
            if value is None:  # a missing value: no bar, no label
                continue
            fill = pen.colour(chart.colours[i])
            offset = start + (0 if stacked else i * bar)
            a, b = (at(base), at(base + value)) if stacked else (at(0), at(value))
            a, b = min(a, b), max(a, b)
            if across:
                pen.rect(plot_x + a, plot_y + offset, b - a, bar, fill)
            else:
                pen.rect(plot_x + offset, plot_y + plot_h - b, bar, b - a, fill)
            text = _label(pen, i, j)
            if text is not None:
                on = pen.colour(Colour("on_accent")) if stacked else ink
                if across:
                    lx = plot_x + ((a + b) / 2 if stacked else b + BAR_LABEL_GAP)
                    pen.text(lx, plot_y + offset + bar / 2 + size * 0.35, text, size=size,
                             anchor="middle" if stacked else "start", colour=on, bold=True)
                else:
                    ly = plot_y + plot_h - ((a + b) / 2 - size * 0.35 if stacked else b + 4)
                    pen.text(plot_x + offset + bar / 2, ly, text, size=size, colour=on,
                             bold=True)
            base += value if stacked else 0
        middle = start + thick / 2
        if j % every:
            continue
        if across:
            pen.text(plot_x - 6, plot_y + middle + size * 0.35, category, size=size,
                     anchor="end", colour=ink)
        else:
            pen.text(plot_x + middle, plot_y + plot_h + size * CATEGORY_BASELINE, category,
                     size=size, colour=ink)
    axis = pen.colour(Colour("line"))
    if across:
        pen.line(plot_x, plot_y, plot_x, plot_y + plot_h, axis, 1)
    else:
        pen.line(plot_x, plot_y + plot_h, plot_x + plot_w, plot_y + plot_h, axis, 1)


def bar_share(series: int, gap: float, overlap: float) -> float:
    """How many bar widths one category takes (`c:gapWidth` and `c:overlap`, both in
    percent of a bar's width, ECMA-376 21.2.2.75 and 21.2.2.131): its `series` bars,
    each but the first overlapping the one before by `overlap` (0 when the chart writes
    none, the schema's default: clustered bars side by side, touching), and the gap.
    PowerPoint and LibreOffice both draw it so: two series at a gap of 80 are 2.8 bar
    widths a category (the page took 3.6, the gap counted in widths of the whole
    cluster)."""
    return series - (series - 1) * overlap / 100 + gap / 100


def _line(pen: _Pen, x: float, y: float, w: float, h: float) -> None:
    chart = pen.chart
    size, ink = chart.text_size, pen.colour(chart.ink)
    plot = _Plot(pen, x, y, w, h, False)
    plot.grid(pen)
    plot_x, plot_y, plot_w, plot_h = plot.x, plot.y, plot.w, plot.h
    count = len(chart.categories)
    step = plot_w / max(count, 1)

    def point(j: int, value: float) -> tuple[float, float]:
        return (plot_x + step * (j + 0.5),
                plot_y + plot_h - plot.at(value))

    for i, (_, values) in enumerate(chart.series):
        colour = pen.colour(chart.colours[i])
        points = {j: point(j, v) for j, v in enumerate(values) if v is not None}
        runs: list[list[tuple[float, float]]] = [[]]
        for j in range(len(values)):  # a missing value breaks the line
            if j in points:
                runs[-1].append(points[j])
            elif runs[-1]:
                runs.append([])
        for run in (r for r in runs if len(r) > 1):
            path = " ".join(f"{_p(px)},{_p(py)}" for px, py in run)
            pen.parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                             'stroke-width="3"/>')
        for j, (px, py) in points.items():
            pen.parts.append(f'<circle cx="{_p(px)}" cy="{_p(py)}" r="4.5" fill="{colour}"/>')
            text = _label(pen, i, j)
            if text is not None:
                pen.text(px, py - 10, text, size=size, colour=ink, bold=True)
    for j, category in enumerate(chart.categories):
        pen.text(plot_x + step * (j + 0.5), plot_y + plot_h + size * CATEGORY_BASELINE,
                 category, size=size, colour=ink)
    pen.line(plot_x, plot_y + plot_h, plot_x + plot_w, plot_y + plot_h,
             pen.colour(Colour("line")), 1)

