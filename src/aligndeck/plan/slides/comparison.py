"""The comparison slide: one prompt, and two or three models' answers side by side."""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.models import Comparison
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.layout import row_rects
from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    Colour,
    Element,
    Emu,
    Rect,
    Run,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import (
    ACCENT,
    BOX_INSET,
    INK,
    MUTED,
    SURFACE,
    Maker,
    para,
    plain,
    sized,
)
from aligndeck.plan.text import letter_spacing


def plan_comparison(ctx: PlanContext, c: Comparison, source: Source) -> list[SlidePlan]:
    """The prompt as a chat bubble on the right, and under it each model's answer in a
    box as tall as the longest needs, the aligned model's (the last) in the accent."""
    t = ctx.theme.type
    area = ctx.frame("diagram").content
    count = len(c.responses)
    title = c.title or ctx.strings(f"comparison_title_{min(count, 3)}")
    label_h, caption_h = inches(0.4), inches(0.45) if c.caption else 0
    prompt_label_h, gap = inches(0.35), inches(0.35)
    # The prompt, as the user's message in a chat: a bubble on the right.
    bubble_x, bubble_w = ctx.span(area, 6, 6)
    prompt_fit = ctx.fit(lambda s: [para(Run(c.prompt, s, INK, source=(*source, "prompt")))],
                         Rect(0, 0, bubble_w, inches(1.2)), 22, 12, inset=BOX_INSET)
    bubble_h = min(inches(1.2), round(prompt_fit.height_pt * EMU_PER_PT) + 2 * BOX_INSET)
    room = area.h
    fixed = prompt_label_h + bubble_h + gap + label_h + (caption_h + inches(0.25)
                                                         if c.caption else 0)
    columns = row_rects(count, Rect(area.x, 0, area.w, 1), inches(0.45))
    makers = [plain(r.text, INK, (*source, "responses", i, "text"), line_spacing=1.05)
              for i, r in enumerate(c.responses)]
    inner_w = columns[0].w - 2 * BOX_INSET
    inner_h = room - fixed - 2 * BOX_INSET
    shared = _shared_out(ctx, makers, columns, inner_h)
    if shared is not None:
        columns, size = shared
        fits = [ctx.fit(m, Rect(col.x, 0, col.w, inner_h + 2 * BOX_INSET), size, size,
                        inset=BOX_INSET, comfortable=t.comfortable_box)
                for m, col in zip(makers, columns, strict=True)]
    else:
        fits = ctx.fit_all(makers, inner_w, inner_h, t.response, t.response_floor,
                           comfortable=t.comfortable_box)
    # Boxes as tall as the longest answer needs (chat bubbles, not empty panels), and
    # the whole exchange centred in the content area.
    needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * BOX_INSET
    response_h = min(room - fixed, needed + inches(0.3))
    y = area.y + (room - fixed - response_h) // 3
    label_run = Run(ctx.strings("prompt_label"), t.footer, MUTED, bold=True,
                    caps=ctx.own_label("prompt_label"),
                    spacing=letter_spacing(ctx.strings("prompt_label"), 1.2))
    prompt_label = Text("prompt-label", Rect(bubble_x, y, bubble_w, prompt_label_h),
                        TextFrame((para(label_run, align="right"),), anchor="top"))
    y += prompt_label_h
    bubble = Box("prompt", Rect(bubble_x, y, bubble_w, bubble_h), SURFACE,
                 radius=inches(0.18),
                 frame=TextFrame(prompt_fit.paragraphs, anchor="middle", inset=BOX_INSET))
    y += bubble_h + gap
    heading = ctx.title(title, (*source, "title") if c.title else source, family="diagram")
    elements: list[Element] = [heading, prompt_label, bubble]
    for i, (column, response, fitted) in enumerate(
        zip(columns, c.responses, fits, strict=True), 1
    ):
        aligned = i == count
        label_run = Run(response.label, t.footer + 1, ACCENT if aligned else MUTED,
                        bold=True, spacing=letter_spacing(response.label, 1.2),  # own case
                        source=(*source, "responses", i - 1, "label"))
        label_fit = ctx.fit(sized(label_run),
                            Rect(column.x, y, column.w, label_h), t.footer + 1, t.footer)
        elements.append(Text(f"response-label-{i}", Rect(column.x, y, column.w, label_h),
                             TextFrame(label_fit.paragraphs, anchor="top")))
        elements.append(Box(f"response-{i}", Rect(column.x, y + label_h, column.w,
                                                  response_h),
                            Colour("accent", 90) if aligned else SURFACE,
                            line=ACCENT if aligned else None, line_width=1.5 if aligned else 0,
                            radius=inches(0.18),
                            frame=TextFrame(fitted.paragraphs, anchor="top", inset=BOX_INSET)))
    if c.caption:
        rect = Rect(area.x, y + label_h + response_h + inches(0.25), area.w, caption_h)
        fitted = ctx.fit(plain(c.caption, MUTED, (*source, "caption")), rect,
                         t.caption + 2, t.footer)
        elements.append(Text("caption", rect, TextFrame(fitted.paragraphs, anchor="top")))
    notes = c.notes or write_notes.comparison_notes(c, ctx.strings)
    return [SlidePlan("comparison", title, tuple(elements), notes, source)]


def _shared_out(ctx: PlanContext, makers: Sequence[Maker], columns: Sequence[Rect],
                inner_h: Emu) -> tuple[list[Rect], float] | None:
    """When an answer does not fit its equal column even at the floor, the columns with
    the width a shorter partner does not need: the longest answer's column widened in
    steps (to at most two thirds of the row), the others sharing the rest, at the largest
    size every answer fits its own column. None while equal columns do, or when no share
    helps (then the equal columns' error stands)."""
    t = ctx.theme.type
    height = inner_h + 2 * BOX_INSET
    if len(columns) < 2 or all(ctx.fits(m, Rect(c.x, 0, c.w, height), t.response_floor,
                                        inset=BOX_INSET) for m, c in zip(makers, columns,
                                                                         strict=True)):
        return None
    gap = columns[1].x - columns[0].right
    total = sum(c.w for c in columns)
    longest = max(range(len(makers)), key=lambda i: _length(makers[i]))
    for step in range(1, 12):
        share = 1 / len(columns) + step * 0.04
        if share > 2 / 3:
            break
        wide = round(total * share)
        narrow = (total - wide) // (len(columns) - 1)
        x = columns[0].x
        rects = []
        for i in range(len(columns)):
            w = wide if i == longest else narrow
            rects.append(Rect(x, 0, w, height))
            x += w + gap
        for size in range(int(t.response), int(t.response_floor) - 1, -1):
            if all(ctx.fits(m, r, size, inset=BOX_INSET) for m, r in zip(makers, rects,
                                                                         strict=True)):
                return [Rect(r.x, c.y, r.w, c.h) for r, c in zip(rects, columns,
                                                                  strict=True)], float(size)
    return None


def _length(make: Maker) -> int:
    return sum(len(run.text) for p in make(12.0) for run in p.runs)


KIND = Kind("comparison", "Comparison", "diagram", plan_comparison)
