"""A stage's feedback loop: its steps as a cycle of boxes on a slide after the stage."""

from __future__ import annotations

from aligndeck.outline.models import Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext, list_number
from aligndeck.plan.layout import loop_arrows, loop_rects
from aligndeck.plan.model import (
    Box,
    Colour,
    Diagram,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Source,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import ACCENT, INK, MUTED, SURFACE, Maker, para
from aligndeck.plan.text import fit_text


def plan_loop(ctx: PlanContext, stage: Stage, source: Source) -> list[SlidePlan]:
    """The loop of the stage at `source` (("stages", i, "loop")), the stage's name in the
    middle when three or more steps leave room for it."""
    t = ctx.theme.type
    assert stage.loop is not None
    loop = stage.loop
    number = list_number(source)
    steps = loop.steps
    count = len(steps)
    content = ctx.frame("diagram").content
    width = min(content.w, inches(10.4))
    area = Rect(content.x + (content.w - width) // 2, content.y, width, content.h)
    box_w = min(inches(3.3) if count <= 4 else inches(2.7), round(area.w * 0.33))
    box_h = min(inches(1.25) if count <= 4 else inches(1.05), round(area.h * 0.3))

    def maker(i: int, step: str) -> Maker:
        def make(size: float) -> list[Paragraph]:
            return [
                para(Run(f"{i}", t.box_label + 3, ACCENT, bold=True), space_after=2),
                para(Run(step, size, INK, source=(*source, "steps", i - 1)), phrases=True,
                     line_spacing=0.95),
            ]
        return make

    makers = [maker(i, s) for i, s in enumerate(steps, 1)]
    inset = inches(0.12)
    fits = ctx.fit_all(makers, box_w - 2 * inset, box_h - 2 * inset, 20, t.box_text_floor,
                       comfortable=t.comfortable_box)
    rects = loop_rects(count, area, box_w, box_h)
    boxes = [
        Box(f"loop-step-{i}", rect, SURFACE, line=Colour("line"), line_width=1.0,
            radius=ctx.theme.corner_radius,
            frame=TextFrame(fit.paragraphs, anchor="middle", inset=inset))
        for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)
    ]
    arrows = tuple(loop_arrows(rects, MUTED))
    if count >= 3:
        centre = Rect(area.cx - inches(1.6), area.cy - inches(0.4), inches(3.2), inches(0.8))
        if not any(centre.overlaps(r) for r in rects):
            fitted = fit_text(lambda s: [para(Run(stage.name, s, MUTED, bold=True),
                                              align="center")],
                              centre.w, centre.h, 16, 11, fonts=ctx.fonts,
                              language=ctx.outline.language)
            if fitted.fits:
                boxes.append(Box("loop-centre", centre, None,
                                 frame=TextFrame(fitted.paragraphs, anchor="middle")))
    flow = " → ".join(steps)
    diagram = Diagram("loop", ctx.strings("loop_alt", flow=flow, first=steps[0]),
                      tuple(boxes), arrows)
    title = loop.title or ctx.strings("loop_title", stage=stage.name)
    notes = loop.notes or write_notes.loop_notes(stage, steps, ctx.strings)
    title_source = (*source, "title") if loop.title else ("stages", number - 1, "name")
    heading = ctx.title(title, title_source, family="diagram")
    return [SlidePlan("loop", title, (heading, diagram), notes, source)]


KIND = Kind("loop", "Pipeline", "diagram", plan_loop)
