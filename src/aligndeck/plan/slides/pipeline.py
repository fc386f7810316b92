"""The pipeline overview: every stage as a box, arrows in flow order, one or two rows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from aligndeck.outline.models import Pipeline, Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.layout import connect, snake_rects
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
from aligndeck.plan.text import fit_common_size, fit_text, letter_spacing

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

    def layout(per_row: int, floor: float = t.box_name_floor) -> tuple[list[Rect], float]:
        rows = math.ceil(count / per_row)
        box_h = min(inches(2.8), room) if rows == 1 else (room - (rows - 1) * row_gap) // rows
        probe = Rect(area.x, area.y, row_width(per_row), box_h * rows + row_gap *
                     (rows - 1))
        rects = snake_rects(count, probe, gap, row_gap, rows)
        inner = rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET
        # A long compound name parts at its joint before it shrinks below the size of a
        # box's text ("Instruktionsabstimmungs-" / "feinjustierung" at 15 pt, not whole
        # at 13 pt with every summary at the floor).
        return rects, fit_common_size(makers, *inner, t.box_name, floor, ctx.fonts,
                                      ctx.outline.language, joints_below=t.box_text)

    def fit_everywhere(rects: list[Rect], size: float) -> bool:
        return all(fit_text(make, rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET,
                            size, size, fonts=ctx.fonts, language=ctx.outline.language).fits
                   for make in makers)

    # One row while the names stay comfortably large; else the flow turns into two rows.
    per_row = count
    rects, size = layout(per_row)
    if count > 3 and (count > 6 or size < t.comfortable_box + 2):
        per_row = math.ceil(count / 2)
        rects, size = layout(per_row)
    floor = t.box_name_floor
    with_summaries = True
    if not fit_everywhere(rects, size):
        # What a designer would do, in order: more rows (wider boxes); the names alone
        # (each stage's slide shows its summary); the names down to the diagram floor.
        steps = [(rows, True, floor) for rows in (3, 4) if rows < count] + \
            [(rows, False, floor) for rows in (1, 2, 3, 4) if rows <= count] + \
            [(rows, False, t.box_text_floor) for rows in (1, 2, 3, 4) if rows <= count]
        for rows, with_summaries, floor in steps:
            makers = _stage_box_makers(ctx, stages, fills, summaries=with_summaries)
            per_row = math.ceil(count / rows)
            rects, size = layout(per_row, floor)
            if fit_everywhere(rects, size):
                _warn_adapted(ctx, source, math.ceil(count / per_row), with_summaries, size)
                break
    rows = math.ceil(count / per_row)
    if with_summaries:
        makers = _roomy_summaries(ctx, stages, fills, rects[0], size)
    fits = ctx.fit_all(makers, rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET,
                       size, floor, comfortable=t.comfortable_box, joints_below=t.box_text)
    box_h = rects[0].h
    if rows == 1:
        needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * BOX_INSET
        box_h = max(min(inches(2.2), box_h), min(box_h, needed + inches(0.25)))
    total_h = box_h * rows + row_gap * (rows - 1)
    top = area.y + (area.h - total_h) // 2
    width = row_width(per_row)
    rects = snake_rects(count, Rect(area.x + (area.w - width) // 2, top, width, total_h), gap,
                        row_gap, rows)
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
    diagram = Diagram("pipeline", ctx.strings("pipeline_alt", flow=names), boxes, arrows)
    notes = pipeline.notes or write_notes.pipeline_notes(stages, ctx.strings)
    title = ctx.own_or_built_in(pipeline, "title", "pipeline_title")
    heading = ctx.title(title, (*source, "title"), family="diagram")
    return [SlidePlan("pipeline", title, (heading, diagram), notes, source)]


def _warn_adapted(ctx: PlanContext, source: Source, rows: int, with_summaries: bool,
                  size: float) -> None:
    """Say what the overview did to fit the stages, once, at the pipeline."""
    done = []
    if rows > 2:
        done.append(f"lays the stages out in {rows} rows, for wider boxes")
    if not with_summaries:
        done.append("shows the stage names only (each stage's slide shows its summary)")
    if size < ctx.theme.type.box_name_floor:
        done.append(f"sets the names at {size:g} pt")
    ctx.warn(source, "the stages do not fit the overview's boxes as they are: it "
             + "; ".join(done) + "; shorter names or summaries avoid this")


def _roomy_summaries(ctx: PlanContext, stages: Sequence[Stage], fills: Sequence[Colour],
                     rect: Rect, size: float) -> list[Maker]:
    """The boxes' makers with the summaries as large as every box holds beside its name at
    `size`: from 0.7 of the preferred name size (the summaries' size while the names keep
    theirs), at most two points under the name, down to 0.7 of `size`, which fits. A name
    that shrinks for a long word ("Instruktionsabstimmungsfeinjustierung" at 15 pt) takes
    the summaries down only as far as the room asks, not to the body floor with it."""
    t = ctx.theme.type
    least = _summary_size(t.box_text, t.box_text_floor, size)
    most = min(_summary_size(t.box_text, t.box_text_floor, t.box_name), size - 2)
    width, height = rect.w - 2 * BOX_INSET, rect.h - 2 * BOX_INSET
    plain = _stage_box_makers(ctx, stages, fills)
    for summary in range(int(most), int(least), -1):
        makers = _stage_box_makers(ctx, stages, fills, summary_pt=float(summary))
        tried = [(fit_text(make, width, height, size, size, fonts=ctx.fonts,
                           language=ctx.outline.language, joints_below=t.box_text),
                  fit_text(same, width, height, size, size, fonts=ctx.fonts,
                           language=ctx.outline.language, joints_below=t.box_text))
                 for make, same in zip(makers, plain, strict=True)]
        # Larger summaries only where every box still fits, its name set as before.
        if all(fit.fits and fit.paragraphs[1] == before.paragraphs[1]
               for fit, before in tried):
            return makers
    return plain


def _summary_size(most: float, floor: float, name: float) -> float:
    """0.7 of a stage name's size, within the box text's sizes."""
    return max(floor, min(most, round(name * 0.7)))


def _stage_box_makers(ctx: PlanContext, stages: Sequence[Stage], fills: Sequence[Colour],
                      summaries: bool = True, summary_pt: float | None = None
                      ) -> list[Maker]:
    """Each stage's box text at a name size: its label, its name and (with `summaries`) its
    summary at `summary_pt`, else at 0.7 of the name's size."""
    t = ctx.theme.type

    def maker(number: int, stage: Stage, fill: Colour) -> Maker:
        on_accent = fill == ACCENT
        label_colour = ON_ACCENT if on_accent else ACCENT
        name_colour = ON_ACCENT if on_accent else INK
        text_colour = ON_ACCENT if on_accent else MUTED
        label = stage.label or ctx.strings("stage_label", n=number)
        caps = not stage.label and ctx.own_label("stage_label")
        source: Source = ("stages", number - 1)

        def make(size: float) -> list[Paragraph]:
            summary = summary_pt or _summary_size(t.box_text, t.box_text_floor, size)
            label_source = (*source, "label") if stage.label else ()
            return [
                para(Run(label, t.box_label, label_colour, bold=True, caps=caps,
                         spacing=letter_spacing(label, 1.2), source=label_source),
                     space_after=4),
                para(Run(stage.name, size, name_colour, bold=True, font="heading",
                         source=(*source, "name")), space_after=6, line_spacing=0.95),
                *([para(Run(stage.summary, summary, text_colour, source=(*source, "summary")),
                        phrases=True)]
                  if summaries else []),
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
