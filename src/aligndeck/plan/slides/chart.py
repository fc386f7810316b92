"""A chart slide: the chart filling the free area, its caption under it.

The decisions a chart's data calls for, none of them drawing: series take the theme's
accents in order (so a new theme recolours them); values are labelled where there are few
enough to read; a legend appears only when there is more than one series to tell apart;
the alt text and the speaker notes read the data out.
"""

from __future__ import annotations

from dataclasses import replace

from aligndeck.outline.data import ChartData, chart_from_outline
from aligndeck.outline.models import Slide
from aligndeck.outline.numbers import format_local, is_localized, join_unit, locale_tag
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    EMU_PER_PT,
    Chart,
    ChartKind,
    Colour,
    Element,
    Rect,
    Role,
    Run,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import MUTED, para
from aligndeck.plan.text import line_height_pt, text_width_pt
from aligndeck.strings import ENGLISH, Strings

CAPTION_HEIGHT = inches(0.45)

SERIES_ROLES: tuple[Role, ...] = ("accent", "accent2", "accent3", "accent4", "accent5",
                                  "accent6")
"""Series colours in order: the theme's six accents."""

SMALLEST_LABELLED_SLICE = 0.08
"""A pie whose smallest slice is under 8% of the whole gets a legend instead of names."""

PLOT_SHARE = 0.6
"""The share of a chart's width (or height) its bars can take, at the least."""

LABEL_MARGIN_PT = 6.0
"""Room around a label inside a segment."""

MOST_LABELS = 24
"""More data labels than this crowd the chart: the value axis speaks instead."""

KIND_KEYS = {"bar": "chart_bar", "column": "chart_column", "line": "chart_line",
             "pie": "chart_pie", "stacked-bar": "chart_stacked_bar",
             "stacked-column": "chart_stacked_column"}
"""The built-in text (strings.py) that names each kind of chart in its alt text."""


def plan_chart_slide(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The chart filling the free area, its caption (the source, say) under it."""
    t = ctx.theme.type
    title = plain_text(slide.title)
    heading = ctx.title(slide.title, (*source, "title"), family="diagram")
    spec = slide.chart
    assert spec is not None
    data = ctx.slide_data(source, "chart", ChartData, spec.csv, lambda: chart_from_outline(spec))
    if data is None:
        return [SlidePlan("chart", title, (heading,), slide.notes or title, source)]
    area = ctx.frame("diagram").content
    caption_h = CAPTION_HEIGHT if data.caption else 0
    chart = plan_chart(data, Rect(area.x, area.y, area.w, area.h - caption_h), ctx.strings,
                       ctx.outline.language)
    elements: list[Element] = [heading, chart]
    if data.caption:
        rect = Rect(area.x, area.bottom - caption_h + inches(0.1), area.w,
                    caption_h - inches(0.1))
        run = Run(data.caption, t.caption, MUTED, source=(*source, "chart", "caption"))
        fitted = ctx.fit(lambda size: [para(replace(run, size=size))], rect, t.caption + 2,
                         t.footer)
        elements.append(Text("caption", rect, TextFrame(fitted.paragraphs)))
    notes = slide.notes or write_notes.chart_notes(title, chart.alt, data.caption,
                                                         ctx.strings)
    return [SlidePlan("chart", title, tuple(elements), notes, source)]


def _without_gaps(data: ChartData) -> ChartData:
    """A pie's data with its missing slices left out (a slice of nothing is no slice)."""
    kept = [j for j, value in enumerate(data.series[0][1]) if value is not None]
    return replace(data, categories=tuple(data.categories[j] for j in kept),
                   series=tuple((name, tuple(values[j] for j in kept))
                                for name, values in data.series))


def known(data: ChartData) -> list[float]:
    """Every value the chart has, gaps left out."""
    return [v for _, series in data.series for v in series if v is not None]


def plan_chart(data: ChartData, rect: Rect, words: Strings = ENGLISH,
               language: str = "en-US") -> Chart:
    """The chart for `data` in `rect`; `words` give its alt text's words, `language` how
    its numbers are written ("1.234,5"). A missing value (None) is a gap: a line breaks, a
    bar is absent, a pie's slice is left out."""
    if data.type == "pie":
        data = _without_gaps(data)
    kind: ChartKind = data.type
    count = len(data.categories) * len(data.series)
    values = known(data)
    if kind == "pie":
        colours = tuple(_cycle(i) for i in range(len(data.categories)))
    else:
        colours = tuple(_cycle(i) for i in range(len(data.series)))
    # Lines cross: their labels would collide, so only a single line is labelled.
    labels = count <= MOST_LABELS and (kind != "line" or (len(data.series) == 1 and
                                                          len(data.categories) <= 8))
    legend = len(data.series) > 1
    if kind == "pie":
        # Slices name themselves while they are big enough to hold a label beside them;
        # thin slices would have their labels collide: a legend names them instead.
        total = sum(values) or 1.0
        legend = min(values) / total < SMALLEST_LABELLED_SLICE
        side = min(rect.w, round(rect.h * (1.9 if legend else 1.6)))
        rect = Rect(rect.x + (rect.w - side) // 2, rect.y, side, rect.h)
    stacked = kind.startswith("stacked")
    axis_max = None
    if data.unit == "%" and values and min(values) >= 0 and not stacked and kind != "pie":
        axis_max = 100.0 if max(values) <= 100 else None
    size = 18.0 if len(data.categories) <= 4 else 16.0 if len(data.categories) <= 8 else 14.0
    hidden = _thin_segments(data, rect, size, language) if stacked and labels else ()
    return Chart(
        "chart", rect, kind, data.categories, data.series, colours,
        alt=chart_alt_text(data, words, language),
        number_format=number_format(values, data.unit, language),
        data_labels=labels, legend=legend, axis_max=axis_max,
        text_size=size, label_size=size, gap=80 if len(data.categories) <= 3 else 50,
        hidden_labels=hidden, value_labels=tuple(
            tuple("" if v is None else format_value(v, data.unit, decimals(values), language)
                  for v in series)
            for _, series in data.series))


def _thin_segments(data: ChartData, rect: Rect, size: float, language: str
                   ) -> tuple[tuple[int, int], ...]:
    """The (series, category) segments of a stacked chart too thin to hold their label
    (empty ones included): their labels are left out rather than spill over neighbours.

    The plot's length is estimated as most of the chart's (axes and legend take the rest),
    which errs towards leaving a label out."""
    places = decimals(known(data))
    totals = [sum(series[j] or 0.0 for _, series in data.series)
              for j in range(len(data.categories))]
    most = max(totals) or 1.0
    across = data.type == "stacked-bar"
    length_pt = (rect.w * PLOT_SHARE if across else rect.h * PLOT_SHARE) / EMU_PER_PT
    hidden = []
    for i, (_, series) in enumerate(data.series):
        for j, value in enumerate(series):
            if value is None:
                hidden.append((i, j))
                continue
            label = format_value(value, data.unit, places, language)
            need = (text_width_pt(label, size, bold=True) if across else
                    line_height_pt(size)) + LABEL_MARGIN_PT
            if value <= 0 or value / most * length_pt < need:
                hidden.append((i, j))
    return tuple(hidden)


def _cycle(index: int) -> Colour:
    """The accents in order; past six, lighter tints of them."""
    role = SERIES_ROLES[index % len(SERIES_ROLES)]
    return Colour(role, min(60, 30 * (index // len(SERIES_ROLES))))


def decimals(values: list[float]) -> int:
    """How many decimals the values are written with (at most 2)."""
    most = 0
    for value in values:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return most


def number_format(values: list[float], unit: str | None, language: str = "en-US") -> str:
    """An Excel number format for the values: their decimals and the unit ("%" and other
    symbols stick to the number, words follow a space). For another language than English
    the format carries its locale (`[$-407]` for de-DE), so the chart writes "1.234,5"
    whatever the reader's own settings (see docs/notes/tables-and-charts.md)."""
    places = decimals(values)
    digits = locale_tag(language) + "#,##0" + ("." + "0" * places if places else "")
    if not unit:
        return digits
    quoted = unit.replace('"', "")
    joined = quoted if len(quoted) <= 1 and not quoted.isalpha() else f" {quoted}"
    if quoted == "%" and is_localized(language):
        joined = join_unit("", "%", language)
    return f'{digits}"{joined}"'


def format_value(value: float, unit: str | None, places: int, language: str = "en-US"
                 ) -> str:
    """A value as the data labels write it (for the alt text and the notes), with the
    language's separators: "28,718" in English, "28.718" in German."""
    return join_unit(format_local(value, places, language), unit, language)


def chart_alt_text(data: ChartData, words: Strings = ENGLISH, language: str = "en-US"
                   ) -> str:
    """The chart read out: "Bar chart, Win rate: GPT-3 175B 50%, InstructGPT 85%." """
    places = decimals(known(data))
    parts = []
    for name, values in data.series:
        points = words("list_separator").join(  # a missing value is not read out
            words("chart_value", category=category,
                  value=format_value(value, data.unit, places, language))
            for category, value in zip(data.categories, values, strict=True)
            if value is not None)
        parts.append(words("chart_series", name=name, values=points))
    return words("chart_alt", kind=words(KIND_KEYS[data.type]),
                 data=words("group_separator").join(parts))


KIND = Kind("chart", "Introduction", "diagram", plan_chart_slide, own_key="chart")
