"""Drawing tables and charts with python-pptx: native, editable, in the theme's colours.

Charts carry their data in an embedded workbook (python-pptx writes it with XlsxWriter),
so PowerPoint's "Edit Data" opens it. Every colour is a theme reference (`schemeClr`) and
every font the theme's (`+mn-lt`), so a new theme or template restyles them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.chart import XL_TICK_MARK as TICK
from pptx.util import Emu, Pt

from aligndeck.plan.model import Chart, Colour, Table, TextFrame
from aligndeck.render import xml

ColourRef = tuple[str, int, bool]
"""A theme colour as the writer resolves it: slot, tint, whether tints darken."""

_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
    "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
}

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

BODY_FONT = "+mn-lt"
"""The theme's body font, by reference."""


def add_table(shapes: Any, table: Table, write_body: Callable[[Any, TextFrame], None],
              colour: Callable[[Colour], ColourRef]) -> Any:
    """A native table: the planned column widths and row heights, the header row marked,
    rules under the header and between rows, each cell's text as planned."""
    rows, columns = len(table.rows), len(table.columns)
    frame = shapes.add_table(rows, columns, Emu(table.rect.x), Emu(table.rect.y),
                             Emu(table.rect.w), Emu(table.rect.h))
    frame.name = table.name
    xml.set_descr(frame.element, table.alt)
    grid = frame.table
    xml.set_table_style(grid._tbl, header=True)
    for j, width in enumerate(table.columns):
        grid.columns[j].width = Emu(width)
    header_rule = (colour(table.header_rule), int(Pt(table.rule_width * 2)))
    rule = (colour(table.rule), int(Pt(table.rule_width)))
    fill = colour(table.header_fill) if table.header_fill else None
    for i, height in enumerate(table.rows):
        grid.rows[i].height = Emu(height)
        above = (None, 0) if i == 0 else header_rule if i == 1 else rule
        below = header_rule if i == 0 else rule
        for j in range(columns):
            cell = grid.cell(i, j)
            cell_frame = table.cells[i][j]
            xml.set_cell(cell._tc, inset=table.inset, drop=table.drop(i, j),
                         anchor="b" if cell_frame.anchor == "bottom" else "t",
                         top=above, bottom=below, fill=fill if i == 0 else None,
                         narrowed=cell_frame.narrowed)
            # A cell's margins are its `a:tcPr`'s: its text body keeps no insets of its own.
            write_body(cell.text_frame._txBody, cell_frame if cell_frame.narrowed == (0, 0)
                       else replace(cell_frame, narrowed=(0, 0)))
    return frame


@functools.cache
def _stamped_chart_data() -> Any:
    """python-pptx's chart data whose embedded workbook carries a given build time:
    XlsxWriter stamps the clock otherwise, so two builds would differ (its zip entries
    already carry a fixed 1980 date). Made on the first chart: python-pptx's chart data
    brings XlsxWriter, which a deck without a chart never loads."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter

    class StampedWorkbookWriter(CategoryWorkbookWriter):
        def __init__(self, chart_data: Any, when: dt.datetime) -> None:
            super().__init__(chart_data)  # type: ignore[no-untyped-call]
            self._when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)

        @contextmanager
        def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
            with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
                workbook.set_properties({"created": self._when})
                yield workbook, worksheet

    class StampedChartData(CategoryChartData):
        def __init__(self, number_format: str, when: dt.datetime) -> None:
            super().__init__(number_format=number_format)  # type: ignore[no-untyped-call]
            self._when = when

        @property
        def _workbook_writer(self) -> Any:
            writer = self.__dict__.get("_stamped_writer")
            if writer is None:
                writer = self.__dict__["_stamped_writer"] = StampedWorkbookWriter(
                    self, self._when)
            return writer

    return StampedChartData


def add_chart(shapes: Any, chart: Chart, colour: Callable[[Colour], ColourRef],
              when: dt.datetime) -> Any:
    """A native chart with its data embedded: series in the planned theme colours, data
    labels or a value axis, a legend only when asked, the theme's font throughout; the
    embedded workbook stamped with `when`, so a rebuild gives the same bytes."""
    data = _stamped_chart_data()(chart.number_format, when)
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values))
    frame = shapes.add_chart(_CHART_TYPES[chart.kind], Emu(chart.rect.x), Emu(chart.rect.y),
                             Emu(chart.rect.w), Emu(chart.rect.h), data)
    frame.name = chart.name
    xml.set_descr(frame.element, chart.alt)
    graph = frame.chart
    graph.has_title = False
    _font(graph.font, chart.text_size, colour(chart.muted))
    plot = graph.plots[0]
    _colour_series(chart, plot, colour)
    if chart.kind == "pie":
        _pie(chart, plot, colour)
    else:
        _axes(chart, graph, plot, colour)
    graph.has_legend = chart.legend
    if chart.legend:
        graph.legend.position = (XL_LEGEND_POSITION.RIGHT if chart.kind == "pie" else
                                 XL_LEGEND_POSITION.TOP)
        graph.legend.include_in_layout = False
        _font(graph.legend.font, chart.text_size, colour(chart.ink))
    if any(v is None for _, values in chart.series for v in values):
        _show_gaps(graph._chartSpace)
    return frame


def _show_gaps(chart_space: Any) -> None:
    """`c:dispBlanksAs val="gap"`: a missing value breaks the line (python-pptx writes no
    such element, and the schema's default for it is "zero", a value nobody gave). It
    follows plotVisOnly, legend or plotArea in the schema's order."""
    chart = chart_space.find(_C + "chart")
    for old in chart.findall(_C + "dispBlanksAs"):
        chart.remove(old)
    blanks = chart.makeelement(_C + "dispBlanksAs", {"val": "gap"})
    for tag in ("plotVisOnly", "legend", "plotArea"):
        before = chart.find(_C + tag)
        if before is not None:
            before.addnext(blanks)
            return


def _font(font: Any, size: float, colour: ColourRef) -> None:
    font.size = Pt(size)
    font.name = BODY_FONT
    rpr = font._rPr
    for old in rpr.findall(xml.qn("a:solidFill")):
        rpr.remove(old)
    fill = rpr.makeelement(xml.qn("a:solidFill"), {})
    fill.append(xml.scheme_colour(*colour))
    rpr.insert(0, fill)


def _fill(element: Any, colour: ColourRef, line: ColourRef | None = None,
          width: int = 0) -> None:
    """A chart part's spPr: a solid theme colour, and a line (or none)."""
    sppr = element.get_or_add_spPr()
    xml.set_solid_fill(sppr, *colour)
    if line is None:
        xml.set_line(sppr, None, 0, False, 0)
    else:
        xml.set_line(sppr, *line, width)


def _colour_series(chart: Chart, plot: Any, colour: Callable[[Colour], ColourRef]) -> None:
    if chart.kind == "pie":
        return
    for series, series_colour in zip(plot.series, chart.colours, strict=True):
        ref = colour(series_colour)
        if chart.kind == "line":
            sppr = series._element.get_or_add_spPr()
            xml.set_line(sppr, *ref, int(Pt(3)))
            series.smooth = False
            series.marker.size = 9
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            _fill(series.marker.format._element, ref, colour(Colour("background")),
                  int(Pt(1.5)))
        else:
            _fill(series._element, ref)


def _labels(chart: Chart, plot: Any, colour: ColourRef, position: Any) -> Any:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    if position is not None:
        labels.position = position
    _font(labels.font, chart.label_size, colour)
    labels.font.bold = True
    return labels


def _set_separator(d_lbls: Any, text: str) -> None:
    """`c:separator` between a label's category name and value (python-pptx has no API
    for it); it follows showBubbleSize in the schema's order."""
    ns = d_lbls.nsmap.get("c") or "http://schemas.openxmlformats.org/drawingml/2006/chart"
    old = d_lbls.find(f"{{{ns}}}separator")
    if old is not None:
        d_lbls.remove(old)
    separator = d_lbls.makeelement(f"{{{ns}}}separator", {})
    separator.text = text
    after = None
    for tag in ("showBubbleSize", "showPercent", "showSerName", "showCatName", "showVal"):
        after = d_lbls.find(f"{{{ns}}}{tag}")
        if after is not None:
            break
    if after is not None:
        after.addnext(separator)
    else:
        d_lbls.append(separator)


def _hide_labels(chart: Chart, plot: Any) -> None:
    """Leave out the planned points' labels: each such series gets its own copy of the
    plot's label settings, with a deleted label (`c:dLbl/c:delete`) for each point."""
    shared = plot._element.find(_C + "dLbls")
    for i, series in enumerate(plot.series):
        points = sorted(j for s, j in chart.hidden_labels if s == i)
        if not points or shared is None:
            continue
        own = series._element.get_or_add_dLbls()
        for child in list(own):
            own.remove(child)
        for child in shared:
            own.append(copy.deepcopy(child))
        for j in reversed(points):  # c:dLbl elements come first, by index
            label = own.makeelement(_C + "dLbl", {})
            label.append(own.makeelement(_C + "idx", {"val": str(j)}))
            label.append(own.makeelement(_C + "delete", {"val": "1"}))
            own.insert(0, label)


def _pie(chart: Chart, plot: Any, colour: Callable[[Colour], ColourRef]) -> None:
    series = plot.series[0]
    background = colour(Colour("background"))
    for point, point_colour in zip(series.points, chart.colours, strict=False):
        _fill(point.format._element, colour(point_colour), background, int(Pt(2)))
    if chart.data_labels:
        labels = _labels(chart, plot, colour(chart.ink), XL_LABEL_POSITION.OUTSIDE_END)
        labels.show_category_name = not chart.legend
        _set_separator(labels._element, "\n")


def _axes(chart: Chart, graph: Any, plot: Any, colour: Callable[[Colour], ColourRef]
          ) -> None:
    stacked = chart.kind.startswith("stacked")
    if chart.kind != "line":
        plot.gap_width = chart.gap
        if stacked:
            plot.overlap = 100
    if chart.data_labels:
        inside = stacked
        label_colour = colour(Colour("on_accent") if inside else chart.ink)
        position = (XL_LABEL_POSITION.CENTER if inside else XL_LABEL_POSITION.ABOVE
                    if chart.kind == "line" else XL_LABEL_POSITION.OUTSIDE_END)
        _labels(chart, plot, label_colour, position)
        _hide_labels(chart, plot)
    category = graph.category_axis
    category.major_tick_mark = TICK.NONE
    category.minor_tick_mark = TICK.NONE
    category.has_major_gridlines = False
    xml.set_line(category._element.get_or_add_spPr(), *colour(Colour("line")), int(Pt(1)))
    _font(category.tick_labels.font, chart.text_size, colour(chart.ink))
    if chart.kind in ("bar", "stacked-bar"):
        category.reverse_order = True  # the first category on top, as it was written
    negative = any(v is not None and v < 0 for _, s in chart.series for v in s)
    if negative:  # below the bars that reach under zero, not across them
        category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    value = graph.value_axis
    value.minimum_scale = None if negative else 0
    value.maximum_scale = chart.axis_max
    value.major_tick_mark = TICK.NONE
    value.minor_tick_mark = TICK.NONE
    value.tick_labels.number_format = chart.number_format
    value.tick_labels.number_format_is_linked = False
    value.visible = not chart.data_labels
    value.has_major_gridlines = not chart.data_labels
    xml.set_line(value._element.get_or_add_spPr(), None, 0, False, 0)
    if value.has_major_gridlines:
        gridlines = value.major_gridlines.format._element.get_or_add_spPr()
        xml.set_line(gridlines, *colour(Colour("line", 85)), int(Pt(0.75)))
    _font(value.tick_labels.font, chart.text_size, colour(chart.muted))
