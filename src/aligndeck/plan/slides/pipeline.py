"""The pipeline overview: every stage as a box, arrows in flow order, one or two rows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from aligndeck.outline.models import Pipeline, Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.layout import connect, pipeline_rects
from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    Colour,
    Diagram,
    Emu,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Source,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import (
    ACCENT,
    BOX_INSET,
    INK,
    MUTED,
    ON_ACCENT,
    SURFACE,
    Maker,
    para,
)
from aligndeck.plan.textfit import fit_common_size

MAX_BOX_WIDTH = inches(3.4)


def plan_pipeline(ctx: PlanContext, pipeline: Pipeline, source: Source) -> list[SlidePlan]:
    """The overview of the outline's stages (`source` is ("pipeline",)): boxes filled from
    neutral to the accent, one row while the names stay comfortably large, else a snake
    of two rows."""
    t = ctx.theme.type
    area = ctx.frame("diagram").content
    stages = ctx.outline.stages
    count = len(stages)
    fills = _ramp(count)
    makers = _stage_box_makers(ctx, stages, fills)
    gap, row_gap = inches(0.55 if count <= 4 else 0.45), inches(0.5)
    room = area.h - inches(0.2)

    def row_width(per_row: int) -> Emu:
        # Boxes no wider than MAX_BOX_WIDTH: one or two stages sit centred, not stretched.
        return min(area.w, per_row * MAX_BOX_WIDTH + (per_row - 1) * gap)

    def layout(per_row: int) -> tuple[list[Rect], float]:
        rows = 1 if count <= per_row else 2
        box_h = min(inches(2.8), room) if rows == 1 else (room - row_gap) // 2
        probe = Rect(area.x, area.y, row_width(per_row), box_h * rows + row_gap *
                     (rows - 1))
        rects = pipeline_rects(count, probe, gap, row_gap, per_row)
        inner = rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET
        return rects, fit_common_size(makers, *inner, t.box_name, t.box_name_floor,
                                      ctx.fonts)

    # One row while the names stay comfortably large; else the flow turns into two rows.
    per_row = count
    rects, size = layout(per_row)
    if count > 3 and (count > 6 or size < t.comfortable_box + 2):
        per_row = math.ceil(count / 2)
        rects, size = layout(per_row)
    rows = 1 if count <= per_row else 2
    fits = ctx.fit_all(makers, rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET,
                       size, t.box_name_floor, comfortable=t.comfortable_box)
    box_h = rects[0].h
    if rows == 1:
        needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * BOX_INSET
        box_h = max(min(inches(2.2), box_h), min(box_h, needed + inches(0.25)))
    total_h = box_h * rows + row_gap * (rows - 1)
    top = area.y + (area.h - total_h) // 2
    width = row_width(per_row)
    rects = pipeline_rects(count, Rect(area.x + (area.w - width) // 2, top, width,
                                       total_h), gap, row_gap, per_row)
    boxes = tuple(
        Box(f"stage-{i}", rect, fill, radius=ctx.theme.corner_radius,
            frame=TextFrame(fit.paragraphs, anchor="top", inset=BOX_INSET))
        for i, (rect, fill, fit) in enumerate(zip(rects, fills, fits, strict=True), 1)
    )
    arrows = tuple(
        connect(f"arrow-{i}-{i + 1}", f"stage-{i}", rects[i - 1], f"stage-{i + 1}", rects[i],
                MUTED)
        for i in range(1, count)
    )
    names = " → ".join(stage.name for stage in stages)
    diagram = Diagram("pipeline", f"Pipeline diagram: {names}", boxes, arrows)
    notes = pipeline.notes or write_notes.pipeline_notes(stages)
    heading = ctx.title(pipeline.title, (*source, "title"), family="diagram")
    return [SlidePlan("pipeline", pipeline.title, (heading, diagram), notes, source)]


def _stage_box_makers(ctx: PlanContext, stages: Sequence[Stage], fills: Sequence[Colour]
                      ) -> list[Maker]:
    t = ctx.theme.type

    def maker(number: int, stage: Stage, fill: Colour) -> Maker:
        on_accent = fill == ACCENT
        label_colour = ON_ACCENT if on_accent else ACCENT
        name_colour = ON_ACCENT if on_accent else INK
        text_colour = ON_ACCENT if on_accent else MUTED
        label = stage.label or f"Stage {number}"
        source: Source = ("stages", number - 1)

        def make(size: float) -> list[Paragraph]:
            summary = max(t.box_text_floor, min(t.box_text, round(size * 0.7)))
            label_source = (*source, "label") if stage.label else ()
            return [
                para(Run(label, t.box_label, label_colour, bold=True, caps=True,
                         spacing=1.2, source=label_source), space_after=4),
                para(Run(stage.name, size, name_colour, bold=True, font="heading",
                         source=(*source, "name")), space_after=6, line_spacing=0.95),
                para(Run(stage.summary, summary, text_colour, source=(*source, "summary"))),
            ]

        return make

    return [maker(i, s, f) for i, (s, f) in enumerate(zip(stages, fills, strict=True), 1)]


def _ramp(count: int) -> list[Colour]:
    """Stage fills from neutral (the raw model) to the accent (the aligned one)."""
    if count == 1:
        return [ACCENT]
    middle = count - 2
    tints = [round(92 - 12 * i / max(middle - 1, 1)) for i in range(middle)]
    return [SURFACE] + [Colour("accent", tint) for tint in tints] + [ACCENT]


KIND = Kind("pipeline", "Pipeline", "diagram", plan_pipeline)
