"""A stage's slide: the pipeline strip with the stage lit, its name, summary and points."""

from __future__ import annotations

import math

from aligndeck.outline.models import Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext, list_number
from aligndeck.plan.layout import connect, pipeline_rects
from aligndeck.plan.model import (
    Box,
    Colour,
    Diagram,
    Element,
    Emu,
    Rect,
    Run,
    SlidePlan,
    Source,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import ACCENT, MUTED, ON_ACCENT, SURFACE, Maker, para

MAX_STRIP_BOX_WIDTH = inches(2.6)


def plan_stage(ctx: PlanContext, stage: Stage, source: Source) -> list[SlidePlan]:
    """The stage at `source` (("stages", i)), its points continued over slides when long."""
    number = list_number(source)
    g = ctx.theme.grid
    frame = ctx.frame("content")
    area = frame.content
    if frame.fixed:
        title_rect = frame.title
        top = area.y + _strip_height(ctx) + inches(0.2)
        x, width = area.x, area.w
    else:
        title_y = g.margin + _strip_height(ctx) + inches(0.18)
        title_rect = Rect(g.margin, title_y, g.content_width, inches(0.85))
        top = title_rect.bottom + inches(0.15)
        x, width = ctx.span(area, 0, 11)
    title = ctx.title(stage.name, (*source, "name"), title_rect)
    lead, used = ctx.lead(stage.summary, (*source, "summary"), Rect(x, top, width, inches(1.0)))
    fixed: list[Element] = [_strip(ctx, number), title, lead]
    y = top + used + inches(0.25)
    pages = ctx.bullet_pages(
        stage.points, (*source, "points"), Rect(x, y, width, area.bottom - y),
        Rect(x, top, width, area.bottom - top)) if stage.points else []
    notes = stage.notes or write_notes.stage_notes(stage, number)
    return ctx.continued("stage", "content", stage.name, source, fixed, pages, notes,
                         title_rect)


def _strip(ctx: PlanContext, current: int) -> Diagram:
    """The small pipeline across the top of a stage slide, the current stage lit.

    It scales like the overview: one row up to five stages, then two rows that turn.
    """
    g, t = ctx.theme.grid, ctx.theme.type
    stages = ctx.outline.stages
    count = len(stages)
    per_row = count if count <= 5 else math.ceil(count / 2)
    gap = inches(0.4 if per_row <= 4 else 0.32)
    frame = ctx.frame("content")
    width = min(frame.content.w, per_row * MAX_STRIP_BOX_WIDTH + (per_row - 1) * gap)
    # Above the title on the built-in grid; at the top of a template's content area.
    x, y = (frame.content.x, frame.content.y) if frame.fixed else (g.margin, g.margin)
    area = Rect(x, y, width, _strip_height(ctx))
    rects = pipeline_rects(count, area, gap, inches(0.14), per_row)
    inset = inches(0.05)

    def maker(i: int, stage: Stage) -> Maker:
        lit = i == current
        colour = ON_ACCENT if lit else MUTED
        source = ("stages", i - 1, "name")
        return lambda s: [para(Run(stage.name, s, colour, bold=lit, source=source),
                               align="center", line_spacing=0.9)]

    makers = [maker(i, s) for i, s in enumerate(stages, 1)]
    inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
    fits = ctx.fit_all(makers, inner_w, inner_h, t.strip, t.strip_floor)
    boxes = []
    for i, (rect, fitted) in enumerate(zip(rects, fits, strict=True), 1):
        lit = i == current
        boxes.append(Box(f"strip-stage-{i}", rect, ACCENT if lit else SURFACE,
                         radius=inches(0.08),
                         frame=TextFrame(fitted.paragraphs, anchor="middle", inset=inset)))
    arrows = tuple(
        connect(f"strip-arrow-{i}-{i + 1}", f"strip-stage-{i}", rects[i - 1],
                f"strip-stage-{i + 1}", rects[i], Colour("line"))
        for i in range(1, count)
    )
    names = " → ".join(stage.name for stage in stages)
    alt = f"Pipeline, stage {current} of {count} highlighted ({stages[current - 1].name}): " \
        f"{names}"
    return Diagram("pipeline-strip", alt, tuple(boxes), arrows)


def _strip_height(ctx: PlanContext) -> Emu:
    return inches(0.52) if len(ctx.outline.stages) <= 5 else inches(0.86)


KIND = Kind("stage", "Pipeline", "content", plan_stage)
