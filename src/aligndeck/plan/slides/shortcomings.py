"""The shortcomings overview: one numbered card per shortcoming, in a grid."""

from __future__ import annotations

from aligndeck.outline.models import Shortcoming, Shortcomings
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.layout import grid_rects, grid_shape
from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Source,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import ACCENT, INK, MUTED, SURFACE, Maker, para

MAX_CARD_WIDTH = inches(5.6)


def plan_shortcomings(ctx: PlanContext, s: Shortcomings, source: Source) -> list[SlidePlan]:
    """Cards of number, title and summary (`source` is ("shortcomings",)), as tall as the
    fullest one needs."""
    t = ctx.theme.type
    content = ctx.frame("diagram").content
    columns, rows = grid_shape(len(s.items))
    gap = inches(0.3)
    width = min(content.w, columns * MAX_CARD_WIDTH + (columns - 1) * gap)
    area = Rect(content.x, content.y, width, content.h)
    rects = grid_rects(len(s.items), area, gap)
    inset = inches(0.2)

    def maker(i: int, item: Shortcoming) -> Maker:
        item_source = (*source, "items", i - 1)

        def make(size: float) -> list[Paragraph]:
            return [
                para(Run(f"{i:02d}", t.kicker, ACCENT, bold=True, spacing=1.2),
                      space_after=4),
                para(Run(item.title, size, INK, bold=True, font="heading",
                          source=(*item_source, "title")), space_after=6, line_spacing=0.95),
                para(Run(item.summary, max(t.box_text_floor, round(size * 0.75)), MUTED,
                          source=(*item_source, "summary"))),
            ]
        return make

    makers = [maker(i, item) for i, item in enumerate(s.items, 1)]
    inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
    fits = ctx.fit_all(makers, inner_w, inner_h, 24, t.box_name_floor,
                       comfortable=t.comfortable_box)
    # Cards as tall as the fullest one needs (never a near-empty panel), at least 1.6 in.
    needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * inset + inches(0.2)
    card_h = max(min(rects[0].h, needed), min(rects[0].h, inches(1.6)))
    # The cards sit in the middle of the content area, as the pipeline does, not in the
    # top half of the slide with the bottom half empty.
    total_h = rows * card_h + (rows - 1) * gap
    rects = grid_rects(len(s.items), Rect(area.x, area.y + (area.h - total_h) // 2, area.w,
                                          total_h), gap)
    cards = tuple(
        Box(f"card-{i}", rect, SURFACE, radius=ctx.theme.corner_radius,
            frame=TextFrame(fit.paragraphs, anchor="top", inset=inset))
        for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)
    )
    text = ctx.own_or_built_in(s, "title", "shortcomings_title")
    notes = s.notes or write_notes.shortcomings_notes(s, text, ctx.strings)
    title = ctx.title(text, (*source, "title"), family="diagram")
    return [SlidePlan("shortcomings", text, (title, *cards), notes, source)]


KIND = Kind("shortcomings", "Shortcomings", "diagram", plan_shortcomings)
