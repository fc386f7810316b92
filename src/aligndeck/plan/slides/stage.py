"""A stage's slide: the pipeline strip with the stage lit, its name, summary and points.

The strip shows each stage's `short:` name, or its name. When those cannot fit at the
diagram floor, it adapts as a designer would, with one warning that suggests `short:`:
first a taller strip whose names wrap to three lines, then the lit stage's name in a wide
box beside small numbered ones, then numbers alone (the slide's title, right below, names
the stage).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from aligndeck.outline.models import Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext, list_number
from aligndeck.plan.layout import connect, pipeline_rects
from aligndeck.plan.model import (
    EMU_PER_PT,
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
from aligndeck.plan.text import fit_text, line_height_pt

MAX_STRIP_BOX_WIDTH = inches(2.6)
NUMBER_BOX_WIDTH = inches(0.45)
INSET = inches(0.05)

Mode = Literal["names", "two-lines", "three-lines", "lit", "numbers"]
"""How the strip shows the stages: their (short) names, the same in a taller strip whose
rows hold two or three lines at the floor, the lit one's name beside numbers, or numbers
alone."""

TALLER: dict[Mode, int] = {"two-lines": 2, "three-lines": 3}
"""The taller strips, by the lines of a name each row holds at the floor: a name wraps to
three lines before the strip falls back."""


def plan_stage(ctx: PlanContext, stage: Stage, source: Source) -> list[SlidePlan]:
    """The stage at `source` (("stages", i)), its points continued over slides when long."""
    number = list_number(source)
    mode = ctx.once("strip", strip_mode)
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
    fixed: list[Element] = [plan_strip(ctx, number, mode), title, lead]
    y = top + used + inches(0.25)
    pages = ctx.bullet_pages(
        stage.points, (*source, "points"), Rect(x, y, width, area.bottom - y),
        Rect(x, top, width, area.bottom - top)) if stage.points else []
    notes = stage.notes or write_notes.stage_notes(stage, number, ctx.strings)
    return ctx.continued("stage", "content", stage.name, source, fixed, pages, notes,
                         title_rect)


ROW_GAP = inches(0.14)


def _tall_row(ctx: PlanContext, lines: int) -> Emu:
    """A row tall enough for `lines` lines of a name at the strip's floor."""
    height = lines * line_height_pt(ctx.theme.type.strip_floor, LINE_SPACING)
    return math.ceil((height + 2) * EMU_PER_PT) + 2 * INSET


def _strip_height(ctx: PlanContext, mode: Mode | None = None) -> Emu:
    """The strip's height in `mode` (the deck's, once decided): one row up to five stages
    (or with the lit name beside numbers), two rows past that; rows of three lines when
    the names need them."""
    mode = mode or ctx.decided.get("strip")
    one_row = len(ctx.outline.stages) <= 5 or mode in ("lit", "numbers")
    if mode in TALLER:
        tall = _tall_row(ctx, TALLER[mode])
        return max(inches(0.52), tall) if one_row else 2 * tall + ROW_GAP
    return inches(0.52) if one_row else inches(0.86)


def _label(stage: Stage) -> str:
    return stage.short or stage.name


LINE_SPACING = 0.9


def _maker(text: str, lit: bool, source: tuple[str | int, ...]) -> Maker:
    colour = ON_ACCENT if lit else MUTED
    return lambda s: [para(Run(text, s, colour, bold=lit, source=source), align="center",
                           line_spacing=LINE_SPACING, phrases=True)]


def _area(ctx: PlanContext, mode: Mode | None = None) -> Rect:
    g = ctx.theme.grid
    frame = ctx.frame("content")
    # Above the title on the built-in grid; at the top of a template's content area.
    x, y = (frame.content.x, frame.content.y) if frame.fixed else (g.margin, g.margin)
    return Rect(x, y, frame.content.w, _strip_height(ctx, mode))


def _named_rects(ctx: PlanContext, mode: Mode | None = None) -> list[Rect]:
    """Equal boxes, one row up to five stages, then two rows that turn."""
    count = len(ctx.outline.stages)
    per_row = count if count <= 5 else math.ceil(count / 2)
    gap = inches(0.4 if per_row <= 4 else 0.32)
    area = _area(ctx, mode)
    width = min(area.w, per_row * MAX_STRIP_BOX_WIDTH + (per_row - 1) * gap)
    return pipeline_rects(count, Rect(area.x, area.y, width, area.h), gap, ROW_GAP, per_row)


def _lit_rects(ctx: PlanContext, current: int) -> list[Rect]:
    """One row: small number boxes, and the lit stage's box as wide as the rest leaves."""
    count = len(ctx.outline.stages)
    area = _area(ctx)
    gap = inches(0.22)
    height = min(area.h, inches(0.52))
    wide = area.w - (count - 1) * (NUMBER_BOX_WIDTH + gap)
    rects, x = [], area.x
    for i in range(1, count + 1):
        w = wide if i == current else NUMBER_BOX_WIDTH
        rects.append(Rect(x, area.y, w, height))
        x += w + gap
    return rects


def _fits(ctx: PlanContext, texts: Sequence[str], rect: Rect, bold: bool = False) -> bool:
    t = ctx.theme.type
    return all(fit_text(_maker(text, bold, ()), rect.w - 2 * INSET, rect.h - 2 * INSET,
                        t.strip_floor, t.strip_floor, fonts=ctx.fonts,
                        language=ctx.outline.language).fits
               for text in texts)


def _first_too_long(ctx: PlanContext, mode: Mode) -> Source:
    """Where the first stage whose strip label does not fit the boxes of `mode` says it."""
    rect = _named_rects(ctx, mode)[0]
    index, stage = next((i, stage) for i, stage in enumerate(ctx.outline.stages)
                        if not _fits(ctx, [_label(stage)], rect, bold=True))
    return ("stages", index, "short" if stage.short else "name")


def strip_mode(ctx: PlanContext) -> Mode:
    """How the strip shows the stages, decided once for the deck (and warned about once)."""
    stages = ctx.outline.stages
    labels = [_label(stage) for stage in stages]
    if _fits(ctx, labels, _named_rects(ctx, "names")[0], bold=True):
        return "names"
    for taller, lines in TALLER.items():
        if _fits(ctx, labels, _named_rects(ctx, taller)[0], bold=True):
            ctx.warn(_first_too_long(ctx, "names"),
                     "too long for the strip across the stage slides as it is: the strip "
                     f"grows taller, for names of {lines} lines; give the stages a `short:` "
                     "name to keep it small")
            return taller
    first = _first_too_long(ctx, "three-lines")
    # The widest a lit box gets is the same on every slide: test with stage 1's.
    lit = _lit_rects(ctx, 1)[0]
    if _fits(ctx, labels, lit, bold=True):
        ctx.warn(first,
                 "too long for the strip across the stage slides, even at "
                 f"{ctx.theme.type.strip_floor:g} pt: the strip shows the lit stage's name and "
                 "numbers for the others; give the stages a `short:` name to show them all")
        return "lit"
    ctx.warn(first,
             "too long for the strip across the stage slides, even at "
             f"{ctx.theme.type.strip_floor:g} pt, however it is laid out: the strip shows "
             "stage numbers; give the stages a `short:` name to show names there")
    return "numbers"


def plan_strip(ctx: PlanContext, current: int, mode: Mode) -> Diagram:
    """The strip on stage `current`'s slide (1-based), in the deck's `mode`."""
    t = ctx.theme.type
    stages = ctx.outline.stages
    count = len(stages)
    rects = _lit_rects(ctx, current) if mode == "lit" else _named_rects(ctx, mode)
    makers: list[Maker] = []
    for i, stage in enumerate(stages, 1):
        lit = i == current
        show_name = mode == "names" or mode in TALLER or (mode == "lit" and lit)
        field = "short" if stage.short else "name"
        source = ("stages", i - 1, field) if show_name else ()
        makers.append(_maker(_label(stage) if show_name else str(i), lit, source))
    if mode == "lit":
        # The lit box and the number boxes differ in width: fit each on its own, at one size.
        size = min(fit_text(m, r.w - 2 * INSET, r.h - 2 * INSET, t.strip, t.strip_floor,
                            fonts=ctx.fonts, language=ctx.outline.language).size
                   for m, r in zip(makers, rects, strict=True))
        fits = [ctx.fit(m, r, size, size, inset=INSET)
                for m, r in zip(makers, rects, strict=True)]
    else:
        fits = ctx.fit_all(makers, rects[0].w - 2 * INSET, rects[0].h - 2 * INSET, t.strip,
                           t.strip_floor)
    boxes = tuple(
        Box(f"strip-stage-{i}", rect, ACCENT if i == current else SURFACE,
            radius=inches(0.08), frame=TextFrame(fitted.paragraphs, anchor="middle",
                                                 inset=INSET))
        for i, (rect, fitted) in enumerate(zip(rects, fits, strict=True), 1))
    arrows = tuple(
        connect(f"strip-arrow-{i}-{i + 1}", f"strip-stage-{i}", rects[i - 1],
                f"strip-stage-{i + 1}", rects[i], Colour("line"))
        for i in range(1, count))
    names = " → ".join(stage.name for stage in stages)
    alt = ctx.strings("strip_alt", n=current, count=count, name=stages[current - 1].name,
                      flow=names)
    return Diagram("pipeline-strip", alt, boxes, arrows)



KIND = Kind("stage", "Pipeline", "content", plan_stage)
