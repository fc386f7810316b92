"""Plan a whole deck: from a validated Outline and a Theme to slides of positioned elements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from aligndeck.outline.models import Outline, Shortcoming, Slide, Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.layout import (
    connect,
    grid_rects,
    loop_arrows,
    loop_rects,
    pipeline_rects,
    row_rects,
)
from aligndeck.plan.model import (
    EMU_PER_PT,
    Align,
    Box,
    Colour,
    DeckPlan,
    Diagram,
    Element,
    Emu,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.textfit import Fit, fit_common_size, fit_text
from aligndeck.plan.theme import DEFAULT_THEME, Theme

INK = Colour("ink")
MUTED = Colour("muted")
ACCENT = Colour("accent")
ON_ACCENT = Colour("on_accent")
SURFACE = Colour("surface")

BOX_INSET = inches(0.14)

Maker = Callable[[float], Sequence[Paragraph]]


@dataclass
class _Planner:
    """Builds slides one after another, collecting warnings as it goes."""

    outline: Outline
    theme: Theme
    warnings: list[str] = field(default_factory=list)

    # ---- text helpers -------------------------------------------------------------------

    def fit(self, make: Maker, rect: Rect, preferred: float, floor: float, where: str,
            *, inset: Emu = 0, bullets: bool = False) -> Fit:
        indent = self.theme.bullet_indent / EMU_PER_PT if bullets else 0.0
        result = fit_text(make, rect.w - 2 * inset, rect.h - 2 * inset, preferred, floor,
                          bullet_indent_pt=indent)
        if not result.fits:
            self.warnings.append(f"{where}: too long for its box even at {floor:g} pt")
        return result

    def fit_all(self, makers: Sequence[Maker], width: Emu, height: Emu, preferred: float,
                floor: float, wheres: Sequence[str]) -> list[Fit]:
        """Fit texts that share one size (boxes of one diagram): the size of the longest."""
        size = fit_common_size(makers, width, height, preferred, floor)
        fits = [fit_text(make, width, height, size, size) for make in makers]
        for fit, where in zip(fits, wheres, strict=True):
            if not fit.fits:
                self.warnings.append(f"{where}: too long for its box even at {floor:g} pt")
        return fits

    def title(self, text: str, rect: Rect | None = None, *, where: str) -> Text:
        g, t = self.theme.grid, self.theme.type
        rect = rect or Rect(g.margin, g.title_top, g.content_width, g.title_height)
        fitted = self.fit(lambda s: [_para(Run(text, s, INK, bold=True, font="heading"))],
                          rect, t.title, t.title_floor, where)
        return Text("title", rect, TextFrame(fitted.paragraphs, anchor="bottom"), "title")

    def bullets(self, points: Sequence[str], rect: Rect, where: str) -> Text:
        t = self.theme.type

        def make(size: float) -> list[Paragraph]:
            return [
                replace(_para(Run(point, size, INK), space_after=round(size * 0.6),
                              line_spacing=1.05), bullet=True)
                for point in points
            ]

        fitted = self.fit(make, rect, t.body, t.body_floor, where, bullets=True)
        return Text("body", rect, TextFrame(fitted.paragraphs), "body")

    def lead(self, text: str, rect: Rect, where: str) -> tuple[Text, Emu]:
        """A muted lead line under the title; returns it and the height it really takes."""
        t = self.theme.type
        fitted = self.fit(lambda s: [_para(Run(text, s, MUTED))], rect, t.subtitle - 2,
                          t.body_floor + 4, where)
        used = min(rect.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.05))
        return Text("lead", Rect(rect.x, rect.y, rect.w, used), TextFrame(fitted.paragraphs)), used

    def kicker(self, text: str, rect: Rect, name: str = "kicker") -> Text:
        size = self.theme.type.kicker
        run = Run(text, size, ACCENT, bold=True, caps=True, spacing=1.5)
        return Text(name, rect, TextFrame((_para(run),), anchor="bottom"))

    # ---- slides -------------------------------------------------------------------------

    def plan(self) -> DeckPlan:
        o = self.outline
        slides = [self.cover()]
        slides += [self.content(slide, f"intro[{i}]") for i, slide in enumerate(o.intro)]
        slides.append(self.pipeline())
        for number, stage in enumerate(o.stages, 1):
            slides.append(self.stage(stage, number))
            if stage.loop is not None:
                slides.append(self.loop(stage, number))
        slides.append(self.comparison())
        if o.insight is not None:
            slides.append(self.insight())
        slides.append(self.shortcomings())
        count = len(o.shortcomings.items)
        slides += [
            self.shortcoming(item, i, count)
            for i, item in enumerate(o.shortcomings.items, 1)
            if item.points
        ]
        if o.closing is not None:
            slides.append(self.closing())
        g = self.theme.grid
        return DeckPlan(g.width, g.height, o.title, o.author, tuple(slides), tuple(self.warnings))

    def _stacked_cover(self, kicker: str | None, title: str, lines: list[Text],
                       *, title_size: float, where: str) -> list[Element]:
        """Accent rule, kicker, big title and the given lines, stacked and centred vertically."""
        g, t = self.theme.grid, self.theme.type
        x, width = g.span(0, 10)
        probe = Rect(x, 0, width, inches(2.6))
        fitted = self.fit(
            lambda s: [_para(Run(title, s, INK, bold=True, font="heading"))],
            probe, title_size, t.cover_title_floor, where)
        title_h = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.12))
        rule_h, kicker_h, gap = inches(0.07), inches(0.4), inches(0.22)
        total = rule_h + gap + (kicker_h if kicker else 0) + title_h + gap
        total += sum(line.rect.h for line in lines) + inches(0.1) * len(lines)
        y = max(g.margin, (g.height - total) // 2 - inches(0.15))
        elements: list[Element] = [Box("accent-rule", Rect(x, y, inches(0.9), rule_h), ACCENT)]
        y += rule_h + gap
        if kicker:
            elements.append(self.kicker(kicker, Rect(x, y, width, kicker_h)))
            y += kicker_h
        elements.append(Text("title", Rect(x, y, width, title_h),
                             TextFrame(fitted.paragraphs, anchor="top"), "title"))
        y += title_h + gap
        for line in lines:
            elements.append(Text(line.name, Rect(x, y, width, line.rect.h), line.frame,
                                 line.placeholder))
            y += line.rect.h + inches(0.1)
        return elements

    def _line(self, name: str, text: str, size: float, floor: float, colour: Colour,
              *, where: str, bold: bool = False, placeholder: str | None = None) -> Text:
        g = self.theme.grid
        x, width = g.span(0, 10)
        probe = Rect(x, 0, width, inches(1.4))
        fitted = self.fit(lambda s: [_para(Run(text, s, colour, bold=bold))], probe, size, floor,
                          where)
        height = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.08))
        return Text(name, Rect(x, 0, width, height), TextFrame(fitted.paragraphs),
                    "subtitle" if placeholder else None)

    def cover(self) -> SlidePlan:
        o, t = self.outline, self.theme.type
        lines = []
        if o.subtitle:
            lines.append(self._line("subtitle", o.subtitle, t.subtitle, t.subtitle_floor, MUTED,
                                    where="subtitle", placeholder="subtitle"))
        byline = " · ".join(part for part in (o.author, o.date) if part)
        if byline:
            lines.append(self._line("byline", byline, 18, 12, MUTED, where="author"))
        elements = self._stacked_cover(o.kicker, o.title, lines, title_size=t.cover_title,
                                       where="title")
        return SlidePlan("title", o.title, tuple(elements), write_notes.title_notes(o))

    def content(self, slide: Slide, where: str) -> SlidePlan:
        g = self.theme.grid
        x, width = g.span(0, 11)
        body = Rect(x, g.content_top, width, g.content_bottom - g.content_top)
        elements: list[Element] = [self.title(slide.title, where=f"{where}.title")]
        if slide.points:
            elements.append(self.bullets(slide.points, body, f"{where}.points"))
        notes = slide.notes or write_notes.content_notes(slide.title, slide.points)
        return SlidePlan("content", slide.title, tuple(elements), notes)

    def _stage_box_makers(self, stages: Sequence[Stage], fills: Sequence[Colour]
                          ) -> list[Maker]:
        t = self.theme.type

        def maker(number: int, stage: Stage, fill: Colour) -> Maker:
            on_accent = fill == ACCENT
            label_colour = ON_ACCENT if on_accent else ACCENT
            name_colour = ON_ACCENT if on_accent else INK
            text_colour = ON_ACCENT if on_accent else MUTED
            label = stage.label or f"Stage {number}"

            def make(size: float) -> list[Paragraph]:
                summary = max(t.box_text_floor, min(t.box_text, round(size * 0.7)))
                return [
                    _para(Run(label, t.box_label, label_colour, bold=True, caps=True,
                              spacing=1.2), space_after=4),
                    _para(Run(stage.name, size, name_colour, bold=True, font="heading"),
                          space_after=6, line_spacing=0.95),
                    _para(Run(stage.summary, summary, text_colour)),
                ]

            return make

        return [maker(i, s, f) for i, (s, f) in enumerate(zip(stages, fills, strict=True), 1)]

    def _ramp(self, count: int) -> list[Colour]:
        """Stage fills from neutral (the raw model) to the accent (the aligned one)."""
        if count == 1:
            return [ACCENT]
        middle = count - 2
        tints = [round(92 - 12 * i / max(middle - 1, 1)) for i in range(middle)]
        return [SURFACE] + [Colour("accent", tint) for tint in tints] + [ACCENT]

    def pipeline(self) -> SlidePlan:
        g, t = self.theme.grid, self.theme.type
        stages = self.outline.stages
        count = len(stages)
        fills = self._ramp(count)
        max_per_row = 5
        rows = 1 if count <= max_per_row else 2
        gap = inches(0.55 if count <= 4 else 0.45)
        row_gap = inches(0.5)
        area_h = g.content_bottom - g.content_top - inches(0.2)
        box_h = inches(2.8) if rows == 1 else (area_h - row_gap) // 2
        probe_area = Rect(g.margin, g.content_top, g.content_width, box_h * rows + row_gap *
                          (rows - 1))
        probe = pipeline_rects(count, probe_area, gap, row_gap, max_per_row)[0]
        makers = self._stage_box_makers(stages, fills)
        inner_w, inner_h = probe.w - 2 * BOX_INSET, probe.h - 2 * BOX_INSET
        fits = self.fit_all(makers, inner_w, inner_h, t.box_name, t.box_name_floor,
                            [f"stages[{i}]" for i in range(count)])
        needed = max(f.height_pt for f in fits) * EMU_PER_PT + 2 * BOX_INSET
        if rows == 1:
            box_h = max(inches(2.2), min(box_h, round(needed) + inches(0.25)))
        total_h = box_h * rows + row_gap * (rows - 1)
        top = g.content_top + (g.content_bottom - g.content_top - total_h) // 2
        area = Rect(g.margin, top, g.content_width, total_h)
        rects = pipeline_rects(count, area, gap, row_gap, max_per_row)
        boxes = tuple(
            Box(f"stage-{i}", rect, fill, radius=self.theme.corner_radius,
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
        title = self.outline.pipeline.title
        notes = self.outline.pipeline.notes or write_notes.pipeline_notes(stages)
        return SlidePlan("pipeline", title, (self.title(title, where="pipeline.title"), diagram),
                         notes)

    def strip(self, current: int) -> Diagram:
        """The small pipeline across the top of a stage slide, the current stage lit."""
        g, t = self.theme.grid, self.theme.type
        stages = self.outline.stages
        count = len(stages)
        gap = inches(0.4 if count <= 5 else 0.28)
        area = Rect(g.margin, g.margin, g.content_width, inches(0.52))
        rects = row_rects(count, area, gap)
        inset = inches(0.06)

        def maker(i: int, stage: Stage) -> Maker:
            lit = i == current
            colour = ON_ACCENT if lit else MUTED
            return lambda s: [_para(Run(stage.name, s, colour, bold=lit), align="center",
                                    line_spacing=0.9)]

        makers = [maker(i, s) for i, s in enumerate(stages, 1)]
        inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
        fits = self.fit_all(makers, inner_w, inner_h, t.strip, t.strip_floor,
                            [f"stages[{i}].name" for i in range(count)])
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

    def stage(self, stage: Stage, number: int) -> SlidePlan:
        g = self.theme.grid
        where = f"stages[{number - 1}]"
        title = self.title(stage.name, Rect(g.margin, inches(1.3), g.content_width,
                                            inches(0.85)), where=f"{where}.name")
        x, width = g.span(0, 11)
        top = inches(2.3)
        lead, used = self.lead(stage.summary, Rect(x, top, width, inches(1.0)),
                               f"{where}.summary")
        elements: list[Element] = [self.strip(number), title, lead]
        if stage.points:
            y = top + used + inches(0.25)
            elements.append(self.bullets(stage.points, Rect(x, y, width, g.content_bottom - y),
                                         f"{where}.points"))
        notes = stage.notes or write_notes.stage_notes(stage, number)
        return SlidePlan("stage", stage.name, tuple(elements), notes)

    def loop(self, stage: Stage, number: int) -> SlidePlan:
        g, t = self.theme.grid, self.theme.type
        assert stage.loop is not None
        loop = stage.loop
        steps = loop.steps
        count = len(steps)
        width = min(g.content_width, inches(10.4))
        area = Rect(g.margin + (g.content_width - width) // 2, g.content_top,
                    width, g.content_bottom - g.content_top)
        box_w = inches(3.3) if count <= 4 else inches(2.7)
        box_h = inches(1.25) if count <= 4 else inches(1.05)

        def maker(i: int, step: str) -> Maker:
            def make(size: float) -> list[Paragraph]:
                return [
                    _para(Run(f"{i}", t.box_label + 3, ACCENT, bold=True), space_after=2),
                    _para(Run(step, size, INK), line_spacing=0.95),
                ]
            return make

        makers = [maker(i, s) for i, s in enumerate(steps, 1)]
        inset = inches(0.12)
        fits = self.fit_all(makers, box_w - 2 * inset, box_h - 2 * inset, 20, t.box_text_floor,
                            [f"stages[{number - 1}].loop.steps[{i}]" for i in range(count)])
        rects = loop_rects(count, area, box_w, box_h)
        boxes = [
            Box(f"loop-step-{i}", rect, SURFACE, line=Colour("line"), line_width=1.0,
                radius=self.theme.corner_radius,
                frame=TextFrame(fit.paragraphs, anchor="middle", inset=inset))
            for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)
        ]
        arrows = tuple(loop_arrows(rects, MUTED))
        if count >= 3:
            centre = Rect(area.cx - inches(1.6), area.cy - inches(0.4), inches(3.2), inches(0.8))
            if not any(centre.overlaps(r) for r in rects):
                fitted = fit_text(lambda s: [_para(Run(stage.name, s, MUTED, bold=True),
                                                   align="center")],
                                  centre.w, centre.h, 16, 11)
                boxes.append(Box("loop-centre", centre, None,
                                 frame=TextFrame(fitted.paragraphs, anchor="middle")))
        flow = " → ".join(steps)
        diagram = Diagram("loop", f"Feedback loop: {flow} → back to “{steps[0]}”",
                          tuple(boxes), arrows)
        title = loop.title or f"{stage.name}: the loop"
        notes = loop.notes or write_notes.loop_notes(stage, steps)
        where = f"stages[{number - 1}].loop.title"
        return SlidePlan("loop", title, (self.title(title, where=where), diagram), notes)

    def comparison(self) -> SlidePlan:
        g, t = self.theme.grid, self.theme.type
        c = self.outline.comparison
        count = len(c.responses)
        title = c.title or f"Same prompt, {'two' if count == 2 else 'three'} models"
        label_h, caption_h = inches(0.4), inches(0.45) if c.caption else 0
        prompt_label_h, gap = inches(0.35), inches(0.35)
        # The prompt, as the user's message in a chat: a bubble on the right.
        bubble_x, bubble_w = g.span(6, 6)
        prompt_fit = self.fit(lambda s: [_para(Run(c.prompt, s, INK))],
                              Rect(0, 0, bubble_w, inches(1.2)), 22, 12, "comparison.prompt",
                              inset=BOX_INSET)
        bubble_h = min(inches(1.2), round(prompt_fit.height_pt * EMU_PER_PT) + 2 * BOX_INSET)
        room = g.content_bottom - g.content_top
        fixed = prompt_label_h + bubble_h + gap + label_h + (caption_h + inches(0.25)
                                                             if c.caption else 0)
        columns = row_rects(count, Rect(g.margin, 0, g.content_width, 1), inches(0.45))
        makers = [_plain(r.text, INK, line_spacing=1.05) for r in c.responses]
        inner_w = columns[0].w - 2 * BOX_INSET
        inner_h = room - fixed - 2 * BOX_INSET
        fits = self.fit_all(makers, inner_w, inner_h, t.response, t.response_floor,
                            [f"comparison.responses[{i}].text" for i in range(count)])
        # Boxes as tall as the longest answer needs (chat bubbles, not empty panels), and
        # the whole exchange centred in the content area.
        needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * BOX_INSET
        response_h = min(room - fixed, needed + inches(0.3))
        y = g.content_top + (room - fixed - response_h) // 3
        prompt_label = Text("prompt-label", Rect(bubble_x, y, bubble_w, prompt_label_h),
                            TextFrame((_para(Run("Prompt", t.footer, MUTED, bold=True, caps=True,
                                                 spacing=1.2), align="right"),), anchor="top"))
        y += prompt_label_h
        bubble = Box("prompt", Rect(bubble_x, y, bubble_w, bubble_h), SURFACE,
                     radius=inches(0.18),
                     frame=TextFrame(prompt_fit.paragraphs, anchor="middle", inset=BOX_INSET))
        y += bubble_h + gap
        elements: list[Element] = [self.title(title, where="comparison.title"), prompt_label,
                                   bubble]
        for i, (column, response, fitted) in enumerate(
            zip(columns, c.responses, fits, strict=True), 1
        ):
            aligned = i == count
            label_run = Run(response.label, t.footer + 1, ACCENT if aligned else MUTED,
                            bold=True, caps=True, spacing=1.2)
            elements.append(Text(f"response-label-{i}", Rect(column.x, y, column.w, label_h),
                                 TextFrame((_para(label_run),), anchor="top")))
            elements.append(Box(f"response-{i}", Rect(column.x, y + label_h, column.w,
                                                      response_h),
                                Colour("accent", 90) if aligned else SURFACE,
                                line=ACCENT if aligned else None, line_width=1.5 if aligned else 0,
                                radius=inches(0.18),
                                frame=TextFrame(fitted.paragraphs, anchor="top", inset=BOX_INSET)))
        if c.caption:
            rect = Rect(g.margin, y + label_h + response_h + inches(0.25), g.content_width,
                        caption_h)
            fitted = self.fit(lambda s: [_para(Run(c.caption or "", s, MUTED))], rect,
                              t.caption + 2, t.footer, "comparison.caption")
            elements.append(Text("caption", rect, TextFrame(fitted.paragraphs, anchor="top")))
        notes = c.notes or write_notes.comparison_notes(c)
        return SlidePlan("comparison", title, tuple(elements), notes)

    def insight(self) -> SlidePlan:
        g, t = self.theme.grid, self.theme.type
        insight = self.outline.insight
        assert insight is not None
        x, width = g.span(1, 10)
        area = Rect(x + inches(0.45), g.content_top, width - inches(0.45),
                    g.content_bottom - g.content_top - inches(0.4))
        fitted = self.fit(lambda s: [_para(Run(insight.text, s, INK), line_spacing=1.05)],
                          area, t.insight, t.insight_floor, "insight.text")
        text_h = min(area.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.1))
        y = area.y + (area.h - text_h) // 2
        rule = Box("accent-rule", Rect(x, y, inches(0.09), text_h), ACCENT)
        text = Text("insight", Rect(area.x, y, area.w, text_h),
                    TextFrame(fitted.paragraphs, anchor="middle"))
        notes = insight.notes or write_notes.text_notes(insight.title, insight.text)
        title = self.title(insight.title, where="insight.title")
        return SlidePlan("insight", insight.title, (title, rule, text), notes)

    def shortcomings(self) -> SlidePlan:
        g, t = self.theme.grid, self.theme.type
        s = self.outline.shortcomings
        area = Rect(g.margin, g.content_top, g.content_width, g.content_bottom - g.content_top)
        rects = grid_rects(len(s.items), area, inches(0.3))
        inset = inches(0.2)

        def maker(i: int, item: Shortcoming) -> Maker:
            def make(size: float) -> list[Paragraph]:
                return [
                    _para(Run(f"{i:02d}", t.kicker, ACCENT, bold=True, spacing=1.2),
                          space_after=4),
                    _para(Run(item.title, size, INK, bold=True, font="heading"), space_after=6,
                          line_spacing=0.95),
                    _para(Run(item.summary, max(t.box_text_floor, round(size * 0.75)), MUTED)),
                ]
            return make

        makers = [maker(i, item) for i, item in enumerate(s.items, 1)]
        inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
        fits = self.fit_all(makers, inner_w, inner_h, 24, t.box_name_floor,
                            [f"shortcomings.items[{i}]" for i in range(len(s.items))])
        cards = tuple(
            Box(f"card-{i}", rect, SURFACE, radius=self.theme.corner_radius,
                frame=TextFrame(fit.paragraphs, anchor="top", inset=inset))
            for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)
        )
        notes = s.notes or write_notes.shortcomings_notes(s)
        title = self.title(s.title, where="shortcomings.title")
        return SlidePlan("shortcomings", s.title, (title, *cards), notes)

    def shortcoming(self, item: Shortcoming, number: int, count: int) -> SlidePlan:
        g = self.theme.grid
        where = f"shortcomings.items[{number - 1}]"
        kicker = self.kicker(f"Shortcoming {number} of {count}",
                             Rect(g.margin, g.margin, g.content_width, inches(0.3)))
        title = self.title(item.title, Rect(g.margin, inches(0.95), g.content_width,
                                            inches(0.85)), where=f"{where}.title")
        x, width = g.span(0, 11)
        top = inches(2.05)
        lead, used = self.lead(item.summary, Rect(x, top, width, inches(1.0)),
                               f"{where}.summary")
        y = top + used + inches(0.25)
        body = self.bullets(item.points, Rect(x, y, width, g.content_bottom - y),
                            f"{where}.points")
        notes = item.notes or write_notes.content_notes(item.title, [item.summary, *item.points])
        return SlidePlan("shortcoming", item.title, (kicker, title, lead, body), notes)

    def closing(self) -> SlidePlan:
        t = self.theme.type
        closing = self.outline.closing
        assert closing is not None
        lines = []
        if closing.text:
            lines.append(self._line("subtitle", closing.text, t.subtitle, t.subtitle_floor, MUTED,
                                    where="closing.text", placeholder="subtitle"))
        lines.append(self._line("questions", "Questions?", 28, 20, ACCENT, bold=True,
                                where="closing"))
        elements = self._stacked_cover(None, closing.title, lines, title_size=t.cover_title,
                                       where="closing.title")
        notes = closing.notes or write_notes.text_notes(closing.title, closing.text)
        return SlidePlan("closing", closing.title, tuple(elements), notes)


def _para(run: Run, *, align: Align = "left", space_after: float = 0.0,
          line_spacing: float = 1.0) -> Paragraph:
    """One paragraph of one run, its spaces collapsed as the measurement assumes."""
    run = replace(run, text=" ".join(run.text.split()))
    return Paragraph((run,), align=align, space_after=space_after, line_spacing=line_spacing)


def _plain(text: str, colour: Colour, *, line_spacing: float = 1.0) -> Maker:
    """A maker for one paragraph of plain text in one colour."""
    return lambda size: [_para(Run(text, size, colour), line_spacing=line_spacing)]


def plan_deck(outline: Outline, theme: Theme = DEFAULT_THEME) -> DeckPlan:
    """Lay out every slide of the talk; pure: no files, no PowerPoint objects."""
    return _Planner(outline, theme).plan()
