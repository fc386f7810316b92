"""A slide of your own with two or three columns (`columns:`), each a heading and points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aligndeck.outline.models import Slide
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.layout import row_rects
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    Element,
    Paragraph,
    Run,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import ACCENT, INK, Maker, para


def plan_columns(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """Two or three columns side by side: a heading each and its points, at one size."""
    t = ctx.theme.type
    assert slide.columns is not None
    area = ctx.frame("diagram").content
    rects = row_rects(len(slide.columns), area, inches(0.5))

    def maker(index: int, heading: str, points: Sequence[str]) -> Maker:
        column: Source = (*source, "columns", index)

        def make(size: float) -> list[Paragraph]:
            head = para(Run(heading, size + 2, ACCENT, bold=True, font="heading",
                            source=(*column, "heading")), space_after=round(size * 0.5))
            return [head, *(
                replace(para(Run(point, size, INK, source=(*column, "points", i)),
                             space_after=round(size * 0.5), line_spacing=1.05),
                        bullet=True)
                for i, point in enumerate(points))]

        return make

    makers = [maker(i, c.heading, c.points) for i, c in enumerate(slide.columns)]
    fits = ctx.fit_all(makers, rects[0].w, rects[0].h, t.body - 2, t.body_floor,
                       comfortable=t.comfortable_body, bullets=True)
    elements: list[Element] = [ctx.title(slide.title, (*source, "title"), family="diagram")]
    elements += [Text(f"column-{i}", rect, TextFrame(fit.paragraphs))
                 for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)]
    notes = slide.notes or write_notes.columns_notes(
        slide.title, [(c.heading, c.points) for c in slide.columns], ctx.strings)
    return [SlidePlan("columns", plain_text(slide.title), tuple(elements), notes, source)]


KIND = Kind("columns", "Introduction", "diagram", plan_columns, own_key="columns")
