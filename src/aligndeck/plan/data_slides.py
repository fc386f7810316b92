"""Table and chart slides: a title, the table or chart in the free area, a caption.

Written against the few planning tools every slide kind uses (a title, the frames, text
fitting, the findings), so each kind stays a function of its slide and its data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from aligndeck.outline.data import ChartData, TableData
from aligndeck.outline.models import Slide
from aligndeck.plan import notes as write_notes
from aligndeck.plan.charts import plan_chart
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    Align,
    Colour,
    Element,
    Finding,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.tables import plan_table
from aligndeck.plan.textfit import Fit
from aligndeck.plan.theme import LayoutFrame, Theme

CONTINUED = " (cont.)"
CAPTION_HEIGHT = inches(0.45)

Maker = Callable[[float], Sequence[Paragraph]]


class Planning(Protocol):
    """What a slide kind asks of the deck planner."""

    theme: Theme
    findings: list[Finding]

    @property
    def fonts(self) -> dict[str, str]: ...

    def frame(self, family: str) -> LayoutFrame: ...

    def title(self, text: str, source: Source, rect: Rect | None = None,
              family: str = "content") -> Text: ...

    def fit(self, make: Maker, rect: Rect, preferred: float, floor: float, *,
            inset: int = 0, bullets: bool = False, comfortable: float | None = None) -> Fit: ...


Paragraphs = Callable[[Run, Align], Paragraph]


def table_slides(planner: Planning, slide: Slide, source: Source, data: TableData,
                 paragraph: Paragraphs) -> list[SlidePlan]:
    """The table on as many slides as its rows need, each repeating the header row and
    titled "… (cont.)" after the first."""
    area = planner.frame("diagram").content
    tables, findings = plan_table(data, area, (*source, "table"), planner.fonts, paragraph)
    planner.findings.extend(findings)
    title = plain_text(slide.title)
    notes = slide.notes or write_notes.table_notes(title, data.header, data.rows)
    if not tables:
        heading = planner.title(slide.title, (*source, "title"), family="diagram")
        return [SlidePlan("table", title, (heading,), notes, source)]
    slides = []
    for number, table in enumerate(tables, 1):
        text = slide.title if number == 1 else f"{slide.title}{CONTINUED}"
        heading = planner.title(text, (*source, "title"), family="diagram")
        page_notes = notes if number == 1 else f"Continuing “{title}” (part {number})."
        slides.append(SlidePlan("table", plain_text(text), (heading, table), page_notes,
                                source))
    return slides


def chart_slide(planner: Planning, slide: Slide, source: Source, data: ChartData,
                paragraph: Paragraphs) -> SlidePlan:
    """The chart filling the free area, its caption under it."""
    t = planner.theme.type
    area = planner.frame("diagram").content
    caption_h = CAPTION_HEIGHT if data.caption else 0
    rect = Rect(area.x, area.y, area.w, area.h - caption_h)
    chart = plan_chart(data, rect)
    elements: list[Element] = [planner.title(slide.title, (*source, "title"), family="diagram"),
                               chart]
    if data.caption:
        caption = Rect(area.x, rect.bottom + inches(0.1), area.w, caption_h - inches(0.1))
        run = Run(data.caption, t.caption, Colour("muted"), source=(*source, "chart",
                                                                   "caption"))
        fitted = planner.fit(lambda size: [paragraph(replace(run, size=size), "left")],
                             caption, t.caption + 2, t.footer)
        elements.append(Text("caption", caption, TextFrame(fitted.paragraphs)))
    notes = slide.notes or write_notes.chart_notes(plain_text(slide.title), chart.alt,
                                                   data.caption)
    return SlidePlan("chart", plain_text(slide.title), tuple(elements), notes, source)


def data_of(data: Mapping[Source, ChartData | TableData], source: Source
            ) -> ChartData | TableData | None:
    """The checked data of the slide at `source`, when it has some."""
    return data.get(source)
