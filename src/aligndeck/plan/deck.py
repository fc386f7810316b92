"""Plan a whole deck: from a validated Outline and a Theme to slides of positioned elements."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from aligndeck.outline.models import Outline, Shortcoming, Slide, Stage
from aligndeck.plan import notes as write_notes
from aligndeck.plan.contrast import ensure_contrast
from aligndeck.plan.layout import (
    connect,
    grid_rects,
    grid_shape,
    loop_arrows,
    loop_rects,
    pipeline_rects,
    row_rects,
)
from aligndeck.plan.markup import has_markup, parse_inline, plain_text
from aligndeck.plan.measure import text_width_pt
from aligndeck.plan.model import (
    EMU_PER_INCH,
    EMU_PER_PT,
    Align,
    Box,
    Colour,
    DeckPlan,
    Diagram,
    Element,
    Emu,
    Finding,
    Paragraph,
    Picture,
    PlaceholderRole,
    Rect,
    Run,
    SlideKind,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.textfit import Fit, fit_common_size, fit_text
from aligndeck.plan.theme import DEFAULT_THEME, LayoutFrame, Theme

INK = Colour("ink")
MUTED = Colour("muted")
ACCENT = Colour("accent")
ON_ACCENT = Colour("on_accent")
SURFACE = Colour("surface")

SECTIONS: dict[str, str] = {
    "title": "Introduction", "content": "Introduction", "image": "Introduction",
    "quote": "Introduction", "columns": "Introduction",
    "pipeline": "Pipeline", "stage": "Pipeline", "loop": "Pipeline",
    "comparison": "Comparison", "insight": "Comparison",
    "shortcomings": "Shortcomings", "shortcoming": "Shortcomings",
    "closing": "Closing",
}
"""The PowerPoint section of each slide kind, so the slide sorter shows the talk's shape."""

BOX_INSET = inches(0.14)
MAX_BOX_WIDTH = inches(3.4)
MAX_STRIP_BOX_WIDTH = inches(2.6)
MAX_CARD_WIDTH = inches(5.6)
CONTINUED = " (cont.)"

Maker = Callable[[float], Sequence[Paragraph]]


@dataclass
class _Planner:
    """Builds slides one after another, collecting findings as it goes."""

    outline: Outline
    theme: Theme
    reveal: bool = False
    images: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Pixel sizes of the images the outline names, keyed by the path as written."""
    findings: list[Finding] = field(default_factory=list)
    too_long: dict[Source, tuple[int, Finding]] = field(default_factory=dict)

    @property
    def fonts(self) -> dict[str, str]:
        """The family each run role is measured with. A template's placeholders keep the
        template's fonts, which may be either: in template mode both roles are measured
        with whichever of the two is wider."""
        heading, body = self.theme.heading_font, self.theme.body_font
        code = self.theme.code_font
        if self.theme.frames is not None and heading != body:
            sample = "Alignment makes models useful 0123456789"
            wider = max((heading, body), key=lambda f: text_width_pt(sample, 20, font=f))
            return {"heading": wider, "body": wider, "code": code}
        return {"heading": heading, "body": body, "code": code}

    # ---- fitting and its findings -------------------------------------------------------

    def fit(self, make: Maker, rect: Rect, preferred: float, floor: float, *,
            inset: Emu = 0, bullets: bool = False, comfortable: float | None = None) -> Fit:
        """Fit one text into `rect`; text that cannot fit at the floor is a located error."""
        indent = self.theme.bullet_indent / EMU_PER_PT if bullets else 0.0
        result = fit_text(make, rect.w - 2 * inset, rect.h - 2 * inset, preferred, floor,
                          bullet_indent_pt=indent, fonts=self.fonts)
        self.check(result, comfortable)
        return result

    def fit_all(self, makers: Sequence[Maker], width: Emu, height: Emu, preferred: float,
                floor: float, *, comfortable: float | None = None, bullets: bool = False
                ) -> list[Fit]:
        """Fit texts that share one size (boxes of one diagram): the size of the longest."""
        indent = self.theme.bullet_indent / EMU_PER_PT if bullets else 0.0
        size = min(fit_text(make, width, height, preferred, floor, bullet_indent_pt=indent,
                            fonts=self.fonts).size for make in makers)
        fits = [fit_text(make, width, height, size, size, bullet_indent_pt=indent,
                         fonts=self.fonts) for make in makers]
        for fit in fits:
            self.check(fit, comfortable)
        return fits

    def check(self, fit: Fit, comfortable: float | None) -> None:
        """Record an error for text that does not fit, a warning for text shrunk a lot."""
        runs = _fields(fit)
        if not runs:
            return
        main = max(runs, key=lambda run: len(run.text))
        if not fit.fits:
            # A text shown in several places (a summary in its box and as its slide's lead)
            # gets one error: the tightest place, whose advice makes it fit everywhere.
            keep, message = _too_long(fit, runs, main)
            previous = self.too_long.get(main.source)
            if previous is None or keep < previous[0]:
                if previous is not None:
                    self.findings.remove(previous[1])
                finding = Finding(main.source, message)
                self.too_long[main.source] = (keep, finding)
                self.findings.append(finding)
        elif comfortable is not None and fit.size < comfortable:
            self.findings.append(Finding(
                main.source,
                f"shrunk to {fit.size:g} pt to fit (comfortable is {comfortable:g} pt or more); "
                "shorten it to read better", "warning"))

    # ---- text helpers -------------------------------------------------------------------

    def frame(self, family: str) -> LayoutFrame:
        return self.theme.frame(family)

    def span(self, area: Rect, first: int, count: int) -> tuple[Emu, Emu]:
        """x and width of `count` of 12 columns of `area`, starting at column `first`."""
        gutter = self.theme.grid.gutter
        column = (area.w - 11 * gutter) // 12
        return area.x + first * (column + gutter), count * column + (count - 1) * gutter

    def title(self, text: str, source: Source, rect: Rect | None = None,
              family: str = "content") -> Text:
        t = self.theme.type
        frame = self.frame(family)
        rect = rect or frame.title
        fitted = self.fit(
            lambda s: [_para(Run(text, s, INK, bold=True, font="heading", source=source))],
            rect, t.title, t.title_floor, comfortable=t.comfortable_title)
        return Text("title", rect, TextFrame(fitted.paragraphs, anchor="bottom"), "title",
                    styled=not frame.fixed)

    def bullet_pages(self, points: Sequence[str], source: Source, first: Rect, rest: Rect
                     ) -> list[Text]:
        """Bullets over as few slides as needed, every page at one size.

        Lists shrink down to the theme's list floor; a list that still does not fit
        continues on a following slide (`rest` is its body area). A single point that does
        not fit a slide of its own at the body floor is an error.
        """
        t = self.theme.type
        indent = self.theme.bullet_indent
        for pages in range(1, len(points) + 1):
            groups = _split(list(enumerate(points)), pages)
            rects = [first] + [rest] * (pages - 1)
            floor = t.list_floor if pages < len(points) else t.body_floor
            makers = [self._bullet_maker(group, source) for group in groups]
            fits = [fit_text(make, rect.w, rect.h, t.body, floor, bullet_indent_pt=indent /
                             EMU_PER_PT, fonts=self.fonts)
                    for make, rect in zip(makers, rects, strict=True)]
            if all(f.fits for f in fits) or pages == len(points):
                break
        size = min(f.size for f in fits)
        pages_out = []
        for make, rect in zip(makers, rects, strict=True):
            fitted = fit_text(make, rect.w, rect.h, size, size,
                              bullet_indent_pt=indent / EMU_PER_PT, fonts=self.fonts)
            self.check(fitted, t.comfortable_body)
            pages_out.append(Text("body", rect, TextFrame(fitted.paragraphs), "body"))
        return pages_out

    def _bullet_maker(self, group: Sequence[tuple[int, str]], source: Source) -> Maker:
        def make(size: float) -> list[Paragraph]:
            return [
                replace(_para(Run(point, size, INK, source=(*source, index)),
                              space_after=round(size * 0.6), line_spacing=1.05), bullet=True)
                for index, point in group
            ]

        return make

    def lead(self, text: str, source: Source, rect: Rect) -> tuple[Text, Emu]:
        """A muted lead line under the title; returns it and the height it really takes."""
        t = self.theme.type
        fitted = self.fit(lambda s: [_para(Run(text, s, MUTED, source=source))], rect,
                          t.subtitle - 2, t.body_floor + 4)
        used = min(rect.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.05))
        return Text("lead", Rect(rect.x, rect.y, rect.w, used), TextFrame(fitted.paragraphs)), used

    def kicker(self, text: str, rect: Rect, name: str = "kicker", source: Source = ()) -> Text:
        size = self.theme.type.kicker
        run = Run(text, size, ACCENT, bold=True, caps=True, spacing=1.5, source=source)
        return Text(name, rect, TextFrame((_para(run),), anchor="bottom"))

    # ---- slides -------------------------------------------------------------------------

    def plan(self) -> DeckPlan:
        o = self.outline
        slides = [self.cover()]
        for i, slide in enumerate(o.intro):
            slides += self.content(slide, ("intro", i))
        slides.append(self.pipeline())
        for number, stage in enumerate(o.stages, 1):
            slides += self.stage(stage, number)
            if stage.loop is not None:
                slides.append(self.loop(stage, number))
        slides.append(self.comparison())
        if o.insight is not None:
            slides.append(self.insight())
        slides.append(self.shortcomings())
        count = len(o.shortcomings.items)
        for i, item in enumerate(o.shortcomings.items, 1):
            if item.points:
                slides += self.shortcoming(item, i, count)
        for i, slide in enumerate(o.extra):
            slides += self.content(slide, ("extra", i))
        if o.closing is not None:
            slides.append(self.closing())
        slides = [self.finish(slide, number) for number, slide in enumerate(slides, 1)]
        g = self.theme.grid
        return DeckPlan(g.width, g.height, o.title, o.author, tuple(slides),
                        tuple(self.findings), o.language)

    def finish(self, slide: SlidePlan, number: int) -> SlidePlan:
        """Section, footer and slide number (all but the title slide), click builds."""
        section = "More" if slide.source[:1] == ("extra",) else SECTIONS[slide.kind]
        # Titles (outline view), notes and alt text are plain text: no formatting marks.
        slide = replace(slide, title=plain_text(slide.title), notes=plain_text(slide.notes),
                        elements=tuple(replace(e, alt_text=plain_text(e.alt_text))
                                       if isinstance(e, Diagram) else e
                                       for e in slide.elements))
        frame = self.frame(_family(slide.kind))
        logo = self.logo_size()
        if slide.kind == "title":
            if logo is not None:
                slide = self.with_cover_logo(slide, logo)
            return replace(slide, section=section)
        extra: list[Element] = []
        number_rect = frame.number
        if logo is not None and number_rect is not None and not frame.branded:
            # The logo takes the right end of the footer band; the number sits before it.
            h = number_rect.h
            w = min(round(h * logo[0] / logo[1]), number_rect.w // 2)
            h = min(h, round(w * logo[1] / logo[0]))
            extra.append(Picture("logo", Rect(number_rect.right - w, number_rect.y +
                                              (number_rect.h - h) // 2, w, h),
                                 self.outline.logo or "", "Logo"))
            number_rect = replace(number_rect, w=number_rect.w - w - inches(0.15))
        if frame.footer is not None:
            text = " · ".join(plain_text(part) for part in (self.outline.title,
                                                               self.outline.author) if part)
            extra.append(Text("footer", frame.footer, TextFrame(
                (_para(Run(self.footer_text(text, frame.footer), 12, MUTED)),), anchor="middle"),
                "footer"))
        if number_rect is not None:
            run = Run(str(number), 12, MUTED, field="slide-number")
            extra.append(Text("slide-number", number_rect,
                              TextFrame((_para(run, align="right"),), anchor="middle"), "number"))
        slide = replace(slide, section=section, elements=(*slide.elements, *extra))
        return self.with_builds(slide) if self.reveal else slide

    def logo_size(self) -> tuple[int, int] | None:
        """The logo's pixel size, when the outline has one."""
        logo = self.outline.logo
        return self.images.get(logo) if logo else None

    def with_cover_logo(self, slide: SlidePlan, size: tuple[int, int]) -> SlidePlan:
        """The logo in the title slide's top-right corner, or its bottom-right one when
        something is there; left out (with a warning) when neither corner is free."""
        g = self.theme.grid
        h = inches(0.7)
        w = min(inches(2.6), round(h * size[0] / size[1]))
        h = round(w * size[1] / size[0])
        taken = [e.rect for e in slide.elements if not isinstance(e, Diagram)]
        taken += [box.rect for box in slide.boxes()]
        for y in (g.margin, g.height - g.margin - h):
            rect = Rect(g.width - g.margin - w, y, w, h)
            if not any(rect.overlaps(other) for other in taken):
                logo = Picture("logo", rect, self.outline.logo or "", "Logo")
                return replace(slide, elements=(*slide.elements, logo))
        self.findings.append(Finding(("logo",), "no free corner on the title slide for the "
                                     "logo; it is left out there", "warning"))
        return slide

    def footer_text(self, text: str, rect: Rect) -> str:
        """The footer's text, cut at a word with an ellipsis if it would not fit one line."""
        width = rect.w / EMU_PER_PT * 0.96

        def fits(candidate: str) -> bool:
            return text_width_pt(candidate, 12, font=self.fonts["body"]) <= width

        words = text.split()
        candidate = text
        while not fits(candidate) and len(words) > 1:
            words.pop()
            candidate = " ".join(words).rstrip(" ·,:;") + "…"
        return candidate

    def with_builds(self, slide: SlidePlan) -> SlidePlan:
        """Click-by-click reveals of the pipeline and loop diagrams: each click shows a box
        with the arrow that leads into it, in flow order; the notes say what to say."""
        if slide.kind not in ("pipeline", "loop"):
            return slide
        diagram = next(e for e in slide.elements if isinstance(e, Diagram))
        prefix = "stage-" if slide.kind == "pipeline" else "loop-step-"
        steps = [b for b in diagram.boxes if b.name.startswith(prefix)]
        clicks: list[tuple[str, ...]] = []
        for index, box in enumerate(steps):
            incoming = [a.name for a in diagram.arrows if a.end == box.name and
                        (slide.kind == "pipeline" or index > 0)]
            if index == len(steps) - 1 and slide.kind == "loop":
                incoming += [a.name for a in diagram.arrows if a.end == steps[0].name]
            clicks.append((*incoming, box.name))
        cues = []
        for box in steps:
            text = " ".join(r.text for p in box.frame.paragraphs for r in p.runs
                            if r.source) if box.frame else box.name
            cues.append(f"[click] {text}")
        notes = slide.notes + "\n\n" + "\n".join(cues)
        return replace(slide, builds=tuple(clicks), notes=notes)

    def _continued(self, kind: SlideKind, title: str, source: Source, fixed: list[Element],
                   pages: list[Text], notes: str, title_rect: Rect | None) -> list[SlidePlan]:
        """The slide and, when its bullets overflow, its "(cont.)" slides."""
        slides = [SlidePlan(kind, title, (*fixed, *pages[:1]), notes, source)]
        for number, page in enumerate(pages[1:], 2):
            more = f"{title}{CONTINUED}"
            heading = self.title(more, (*source, "title"), title_rect, _family(kind))
            carried = [e for e in fixed if e.name in ("pipeline-strip", "kicker")]
            points = " ".join(r.text for p in page.frame.paragraphs for r in p.runs)
            slides.append(SlidePlan(kind, more, (*carried, heading, page),
                                    f"Continuing “{title}” (part {number}): {points}", source))
        return slides

    def _stacked_cover(self, kicker: str | None, title: str, title_source: Source,
                       lines: list[Text], *, title_size: float) -> list[Element]:
        """Accent rule, kicker, big title and the given lines, stacked and centred vertically."""
        g, t = self.theme.grid, self.theme.type
        x, width = g.span(0, 10)
        probe = Rect(x, 0, width, inches(2.6))
        fitted = self.fit(
            lambda s: [_para(Run(title, s, INK, bold=True, font="heading",
                                 source=title_source))],
            probe, title_size, t.cover_title_floor)
        title_h = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.12))
        rule_h, kicker_h, gap = inches(0.07), inches(0.4), inches(0.22)
        total = rule_h + gap + (kicker_h if kicker else 0) + title_h + gap
        total += sum(line.rect.h for line in lines) + inches(0.1) * len(lines)
        y = max(g.margin, (g.height - total) // 2 - inches(0.15))
        elements: list[Element] = [Box("accent-rule", Rect(x, y, inches(0.9), rule_h), ACCENT)]
        y += rule_h + gap
        if kicker:
            elements.append(self.kicker(kicker, Rect(x, y, width, kicker_h), source=("kicker",)))
            y += kicker_h
        elements.append(Text("title", Rect(x, y, width, title_h),
                             TextFrame(fitted.paragraphs, anchor="top"), "title"))
        y += title_h + gap
        for line in lines:
            elements.append(Text(line.name, Rect(x, y, width, line.rect.h), line.frame,
                                 line.placeholder))
            y += line.rect.h + inches(0.1)
        return elements

    def _line(self, line: CoverLine) -> Text:
        """A line under a built-in cover's title, as tall as its fitted text."""
        g = self.theme.grid
        x, width = g.span(0, 10)
        probe = Rect(x, 0, width, inches(1.4))
        fitted = self.fit(line.maker(), probe, line.size, line.floor)
        height = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.08))
        return Text(line.name, Rect(x, 0, width, height), TextFrame(fitted.paragraphs),
                    "subtitle" if line.name == "subtitle" else None)

    def _framed_cover(self, kicker: str | None, title: str, title_source: Source,
                      lines: Sequence[CoverLine]) -> list[Element]:
        """A cover in a template's title layout: the title in its title placeholder, the
        first lines in its subtitle and second text placeholders, the rest below."""
        t = self.theme.type
        frame = self.frame("cover")
        g = self.theme.grid
        fitted = self.fit(
            lambda s: [_para(Run(title, s, INK, bold=True, font="heading",
                                 source=title_source))],
            frame.title, t.cover_title, t.cover_title_floor)
        elements: list[Element] = [Text("title", frame.title, TextFrame(fitted.paragraphs,
                                                                       anchor="middle"),
                                        "title", styled=False)]
        if kicker and frame.title.y - g.margin >= inches(0.4):
            elements.append(self.kicker(kicker, Rect(frame.title.x, frame.title.y - inches(0.4),
                                                     frame.title.w, inches(0.35)),
                                        source=("kicker",)))
        slots: list[tuple[PlaceholderRole, Rect | None]] = [("subtitle", frame.subtitle),
                                                             ("byline", frame.byline)]
        below = frame.title.bottom + inches(0.15)
        for line in lines:
            role, rect = slots.pop(0) if slots else ("subtitle", None)
            placeholder: PlaceholderRole | None = role if rect is not None else None
            if rect is None:
                # Below the title, inside the area the layout leaves clear of its logos.
                free = frame.content
                top = max(below, free.y)
                left = max(frame.title.x, free.x)
                right = min(frame.title.right, free.right)
                height = min(inches(0.9), free.bottom - top)
                if height < inches(0.3) or right - left < inches(1):
                    self.findings.append(Finding(line.source or ("closing",), "the template's "
                                                 "title layout leaves no room for this line; "
                                                 "it is left out", "warning"))
                    continue
                rect = Rect(left, top, right - left, height)
            fitted = self.fit(line.maker(), rect, line.size, line.floor)
            elements.append(Text(line.name, rect, TextFrame(fitted.paragraphs), placeholder,
                                 styled=placeholder is None))
            below = max(below, rect.bottom + inches(0.1))
        return elements

    def _cover_elements(self, kicker: str | None, title: str, title_source: Source,
                        lines: Sequence[CoverLine]) -> list[Element]:
        if self.frame("cover").fixed:
            return self._framed_cover(kicker, title, title_source, lines)
        return self._stacked_cover(kicker, title, title_source,
                                   [self._line(line) for line in lines],
                                   title_size=self.theme.type.cover_title)

    def cover(self) -> SlidePlan:
        o, t = self.outline, self.theme.type
        lines = []
        if o.subtitle:
            lines.append(CoverLine("subtitle", o.subtitle, ("subtitle",), t.subtitle,
                                   t.subtitle_floor, MUTED))
        byline = " · ".join(part for part in (o.author, o.date) if part)
        if byline:
            lines.append(CoverLine("byline", byline, ("author",) if o.author else ("date",),
                                   18, 12, MUTED))
        elements = self._cover_elements(o.kicker, o.title, ("title",), lines)
        return SlidePlan("title", o.title, tuple(elements), write_notes.title_notes(o), ())

    def content(self, slide: Slide, source: Source) -> list[SlidePlan]:
        if slide.kind == "image":
            return [self.image_slide(slide, source)]
        if slide.kind == "quote":
            return [self.quote_slide(slide, source)]
        if slide.kind == "columns":
            return [self.columns_slide(slide, source)]
        frame = self.frame("content")
        area = frame.content
        x, width = (area.x, area.w) if frame.fixed else self.span(area, 0, 11)
        body = Rect(x, area.y, width, area.h)
        title = self.title(slide.title, (*source, "title"))
        pages = self.bullet_pages(slide.points, (*source, "points"), body, body) \
            if slide.points else []
        notes = slide.notes or write_notes.content_notes(slide.title, slide.points)
        return self._continued("content", slide.title, source, [title], pages, notes, None)

    def image_slide(self, slide: Slide, source: Source) -> SlidePlan:
        """A picture fitted inside the free area, its aspect kept, at most twice its own
        size (96 pixels to the inch), with an optional caption under it."""
        t = self.theme.type
        assert slide.image is not None and slide.alt is not None
        area = self.frame("diagram").content
        elements: list[Element] = [self.title(slide.title, (*source, "title"),
                                              family="diagram")]
        caption_h = inches(0.45) if slide.caption else 0
        room = Rect(area.x, area.y, area.w, area.h - caption_h)
        width_px, height_px = self.images.get(slide.image, (1, 1))
        native_w, native_h = width_px * EMU_PER_INCH // 96, height_px * EMU_PER_INCH // 96
        scale = min(room.w / native_w, room.h / native_h)
        if scale > 2:
            self.findings.append(Finding((*source, "image"), f"the image is small ({width_px} "
                                         f"x {height_px} px): shown at twice its size, not "
                                         "filling the slide; a larger image would look "
                                         "sharper", "warning"))
            scale = 2
        w, h = round(native_w * scale), round(native_h * scale)
        rect = Rect(room.x + (room.w - w) // 2, room.y + (room.h - h) // 2, w, h)
        elements.append(Picture("image", rect, slide.image, plain_text(slide.alt)))
        if slide.caption:
            caption = Rect(area.x, rect.bottom + inches(0.12), area.w, caption_h - inches(0.12))
            fitted = self.fit(_plain(slide.caption, MUTED, (*source, "caption")), caption,
                              t.caption + 2, t.footer)
            elements.append(Text("caption", caption, TextFrame(
                tuple(replace(p, align="center") for p in fitted.paragraphs))))
        notes = slide.notes or write_notes.image_notes(slide.title, slide.alt, slide.caption)
        return SlidePlan("image", plain_text(slide.title), tuple(elements), notes, source)

    def ruled(self, name: str, text: str, source: Source,
              by: tuple[str, Source] | None = None) -> list[Element]:
        """A sentence set large beside an accent rule (the insight, a quote), centred in
        the free area, with who said it under it."""
        t = self.theme.type
        content = self.frame("diagram").content
        x, width = self.span(content, 1, 10)
        by_h = inches(0.5) if by else 0
        area = Rect(x + inches(0.45), content.y, width - inches(0.45),
                    content.h - inches(0.4) - by_h)
        fitted = self.fit(_plain(text, INK, source, line_spacing=1.05), area, t.insight,
                          t.insight_floor)
        text_h = min(area.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.1))
        y = area.y + (area.h - text_h) // 2
        elements: list[Element] = [
            Box("accent-rule", Rect(x, y, inches(0.09), text_h + by_h), ACCENT),
            Text(name, Rect(area.x, y, area.w, text_h),
                 TextFrame(fitted.paragraphs, anchor="middle")),
        ]
        if by:
            rect = Rect(area.x, y + text_h, area.w, by_h)
            said = self.fit(_plain(f"— {by[0]}", MUTED, by[1]), rect, t.subtitle - 4,
                            t.footer)
            elements.append(Text(f"{name}-by", rect, TextFrame(said.paragraphs,
                                                               anchor="middle")))
        return elements

    def quote_slide(self, slide: Slide, source: Source) -> SlidePlan:
        """The quote large beside an accent rule, and who said it under it."""
        assert slide.quote is not None
        by = (slide.by, (*source, "by")) if slide.by else None
        elements = [self.title(slide.title, (*source, "title"), family="diagram"),
                    *self.ruled("quote", f"“{slide.quote}”", (*source, "quote"), by)]
        notes = slide.notes or write_notes.quote_notes(slide.title, slide.quote, slide.by)
        return SlidePlan("quote", plain_text(slide.title), tuple(elements), notes, source)

    def columns_slide(self, slide: Slide, source: Source) -> SlidePlan:
        """Two or three columns side by side: a heading each and its points, at one size."""
        t = self.theme.type
        assert slide.columns is not None
        area = self.frame("diagram").content
        rects = row_rects(len(slide.columns), area, inches(0.5))

        def maker(index: int, heading: str, points: Sequence[str]) -> Maker:
            column: Source = (*source, "columns", index)

            def make(size: float) -> list[Paragraph]:
                head = _para(Run(heading, size + 2, ACCENT, bold=True, font="heading",
                                 source=(*column, "heading")), space_after=round(size * 0.5))
                return [head, *(
                    replace(_para(Run(point, size, INK, source=(*column, "points", i)),
                                  space_after=round(size * 0.5), line_spacing=1.05),
                            bullet=True)
                    for i, point in enumerate(points))]

            return make

        makers = [maker(i, c.heading, c.points) for i, c in enumerate(slide.columns)]
        fits = self.fit_all(makers, rects[0].w, rects[0].h, t.body - 2, t.body_floor,
                            comfortable=t.comfortable_body, bullets=True)
        elements: list[Element] = [self.title(slide.title, (*source, "title"), family="diagram")]
        elements += [Text(f"column-{i}", rect, TextFrame(fit.paragraphs))
                     for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)]
        notes = slide.notes or write_notes.columns_notes(
            slide.title, [(c.heading, c.points) for c in slide.columns])
        return SlidePlan("columns", plain_text(slide.title), tuple(elements), notes, source)

    def _stage_box_makers(self, stages: Sequence[Stage], fills: Sequence[Colour]
                          ) -> list[Maker]:
        t = self.theme.type

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
                    _para(Run(label, t.box_label, label_colour, bold=True, caps=True,
                              spacing=1.2, source=label_source), space_after=4),
                    _para(Run(stage.name, size, name_colour, bold=True, font="heading",
                              source=(*source, "name")), space_after=6, line_spacing=0.95),
                    _para(Run(stage.summary, summary, text_colour,
                              source=(*source, "summary"))),
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
        t = self.theme.type
        area = self.frame("diagram").content
        stages = self.outline.stages
        count = len(stages)
        fills = self._ramp(count)
        makers = self._stage_box_makers(stages, fills)
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
                                          self.fonts)

        # One row while the names stay comfortably large; else the flow turns into two rows.
        per_row = count
        rects, size = layout(per_row)
        if count > 3 and (count > 6 or size < t.comfortable_box + 2):
            per_row = math.ceil(count / 2)
            rects, size = layout(per_row)
        rows = 1 if count <= per_row else 2
        fits = self.fit_all(makers, rects[0].w - 2 * BOX_INSET, rects[0].h - 2 * BOX_INSET,
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
        heading = self.title(title, ("pipeline", "title"), family="diagram")
        return SlidePlan("pipeline", title, (heading, diagram), notes, ("pipeline",))

    def strip(self, current: int) -> Diagram:
        """The small pipeline across the top of a stage slide, the current stage lit.

        It scales like the overview: one row up to five stages, then two rows that turn.
        """
        g, t = self.theme.grid, self.theme.type
        stages = self.outline.stages
        count = len(stages)
        per_row = count if count <= 5 else math.ceil(count / 2)
        gap = inches(0.4 if per_row <= 4 else 0.32)
        frame = self.frame("content")
        width = min(frame.content.w, per_row * MAX_STRIP_BOX_WIDTH + (per_row - 1) * gap)
        # Above the title on the built-in grid; at the top of a template's content area.
        x, y = (frame.content.x, frame.content.y) if frame.fixed else (g.margin, g.margin)
        area = Rect(x, y, width, self.strip_height())
        rects = pipeline_rects(count, area, gap, inches(0.14), per_row)
        inset = inches(0.05)

        def maker(i: int, stage: Stage) -> Maker:
            lit = i == current
            colour = ON_ACCENT if lit else MUTED
            source = ("stages", i - 1, "name")
            return lambda s: [_para(Run(stage.name, s, colour, bold=lit, source=source),
                                    align="center", line_spacing=0.9)]

        makers = [maker(i, s) for i, s in enumerate(stages, 1)]
        inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
        fits = self.fit_all(makers, inner_w, inner_h, t.strip, t.strip_floor)
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

    def strip_height(self) -> Emu:
        return inches(0.52) if len(self.outline.stages) <= 5 else inches(0.86)

    def stage(self, stage: Stage, number: int) -> list[SlidePlan]:
        g = self.theme.grid
        frame = self.frame("content")
        area = frame.content
        source: Source = ("stages", number - 1)
        if frame.fixed:
            title_rect = frame.title
            top = area.y + self.strip_height() + inches(0.2)
            x, width = area.x, area.w
        else:
            title_y = g.margin + self.strip_height() + inches(0.18)
            title_rect = Rect(g.margin, title_y, g.content_width, inches(0.85))
            top = title_rect.bottom + inches(0.15)
            x, width = self.span(area, 0, 11)
        title = self.title(stage.name, (*source, "name"), title_rect)
        lead, used = self.lead(stage.summary, (*source, "summary"),
                               Rect(x, top, width, inches(1.0)))
        fixed: list[Element] = [self.strip(number), title, lead]
        y = top + used + inches(0.25)
        pages = self.bullet_pages(
            stage.points, (*source, "points"), Rect(x, y, width, area.bottom - y),
            Rect(x, top, width, area.bottom - top)) if stage.points else []
        notes = stage.notes or write_notes.stage_notes(stage, number)
        return self._continued("stage", stage.name, source, fixed, pages, notes, title_rect)

    def loop(self, stage: Stage, number: int) -> SlidePlan:
        t = self.theme.type
        assert stage.loop is not None
        loop = stage.loop
        source: Source = ("stages", number - 1, "loop")
        steps = loop.steps
        count = len(steps)
        content = self.frame("diagram").content
        width = min(content.w, inches(10.4))
        area = Rect(content.x + (content.w - width) // 2, content.y, width, content.h)
        box_w = min(inches(3.3) if count <= 4 else inches(2.7), round(area.w * 0.33))
        box_h = min(inches(1.25) if count <= 4 else inches(1.05), round(area.h * 0.3))

        def maker(i: int, step: str) -> Maker:
            def make(size: float) -> list[Paragraph]:
                return [
                    _para(Run(f"{i}", t.box_label + 3, ACCENT, bold=True), space_after=2),
                    _para(Run(step, size, INK, source=(*source, "steps", i - 1)),
                          line_spacing=0.95),
                ]
            return make

        makers = [maker(i, s) for i, s in enumerate(steps, 1)]
        inset = inches(0.12)
        fits = self.fit_all(makers, box_w - 2 * inset, box_h - 2 * inset, 20, t.box_text_floor,
                            comfortable=t.comfortable_box)
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
                                  centre.w, centre.h, 16, 11, fonts=self.fonts)
                if fitted.fits:
                    boxes.append(Box("loop-centre", centre, None,
                                     frame=TextFrame(fitted.paragraphs, anchor="middle")))
        flow = " → ".join(steps)
        diagram = Diagram("loop", f"Feedback loop: {flow} → back to “{steps[0]}”",
                          tuple(boxes), arrows)
        title = loop.title or f"{stage.name}: the loop"
        notes = loop.notes or write_notes.loop_notes(stage, steps)
        title_source = (*source, "title") if loop.title else ("stages", number - 1, "name")
        heading = self.title(title, title_source, family="diagram")
        return SlidePlan("loop", title, (heading, diagram), notes, source)

    def comparison(self) -> SlidePlan:
        t = self.theme.type
        area = self.frame("diagram").content
        c = self.outline.comparison
        source: Source = ("comparison",)
        count = len(c.responses)
        title = c.title or f"Same prompt, {'two' if count == 2 else 'three'} models"
        label_h, caption_h = inches(0.4), inches(0.45) if c.caption else 0
        prompt_label_h, gap = inches(0.35), inches(0.35)
        # The prompt, as the user's message in a chat: a bubble on the right.
        bubble_x, bubble_w = self.span(area, 6, 6)
        prompt_fit = self.fit(lambda s: [_para(Run(c.prompt, s, INK, source=(*source, "prompt")))],
                              Rect(0, 0, bubble_w, inches(1.2)), 22, 12, inset=BOX_INSET)
        bubble_h = min(inches(1.2), round(prompt_fit.height_pt * EMU_PER_PT) + 2 * BOX_INSET)
        room = area.h
        fixed = prompt_label_h + bubble_h + gap + label_h + (caption_h + inches(0.25)
                                                             if c.caption else 0)
        columns = row_rects(count, Rect(area.x, 0, area.w, 1), inches(0.45))
        makers = [_plain(r.text, INK, (*source, "responses", i, "text"), line_spacing=1.05)
                  for i, r in enumerate(c.responses)]
        inner_w = columns[0].w - 2 * BOX_INSET
        inner_h = room - fixed - 2 * BOX_INSET
        fits = self.fit_all(makers, inner_w, inner_h, t.response, t.response_floor,
                            comfortable=t.comfortable_box)
        # Boxes as tall as the longest answer needs (chat bubbles, not empty panels), and
        # the whole exchange centred in the content area.
        needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * BOX_INSET
        response_h = min(room - fixed, needed + inches(0.3))
        y = area.y + (room - fixed - response_h) // 3
        prompt_label = Text("prompt-label", Rect(bubble_x, y, bubble_w, prompt_label_h),
                            TextFrame((_para(Run("Prompt", t.footer, MUTED, bold=True, caps=True,
                                                 spacing=1.2), align="right"),), anchor="top"))
        y += prompt_label_h
        bubble = Box("prompt", Rect(bubble_x, y, bubble_w, bubble_h), SURFACE,
                     radius=inches(0.18),
                     frame=TextFrame(prompt_fit.paragraphs, anchor="middle", inset=BOX_INSET))
        y += bubble_h + gap
        heading = self.title(title, (*source, "title") if c.title else source, family="diagram")
        elements: list[Element] = [heading, prompt_label, bubble]
        for i, (column, response, fitted) in enumerate(
            zip(columns, c.responses, fits, strict=True), 1
        ):
            aligned = i == count
            label_run = Run(response.label, t.footer + 1, ACCENT if aligned else MUTED,
                            bold=True, caps=True, spacing=1.2,
                            source=(*source, "responses", i - 1, "label"))
            label_fit = self.fit(_sized(label_run),
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
            fitted = self.fit(_plain(c.caption, MUTED, (*source, "caption")), rect,
                              t.caption + 2, t.footer)
            elements.append(Text("caption", rect, TextFrame(fitted.paragraphs, anchor="top")))
        notes = c.notes or write_notes.comparison_notes(c)
        return SlidePlan("comparison", title, tuple(elements), notes, source)

    def insight(self) -> SlidePlan:
        insight = self.outline.insight
        assert insight is not None
        source: Source = ("insight",)
        title = self.title(insight.title, (*source, "title"), family="diagram")
        elements = [title, *self.ruled("insight", insight.text, (*source, "text"))]
        notes = insight.notes or write_notes.text_notes(insight.title, insight.text)
        return SlidePlan("insight", insight.title, tuple(elements), notes, source)

    def shortcomings(self) -> SlidePlan:
        t = self.theme.type
        content = self.frame("diagram").content
        s = self.outline.shortcomings
        source: Source = ("shortcomings",)
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
                    _para(Run(f"{i:02d}", t.kicker, ACCENT, bold=True, spacing=1.2),
                          space_after=4),
                    _para(Run(item.title, size, INK, bold=True, font="heading",
                              source=(*item_source, "title")), space_after=6, line_spacing=0.95),
                    _para(Run(item.summary, max(t.box_text_floor, round(size * 0.75)), MUTED,
                              source=(*item_source, "summary"))),
                ]
            return make

        makers = [maker(i, item) for i, item in enumerate(s.items, 1)]
        inner_w, inner_h = rects[0].w - 2 * inset, rects[0].h - 2 * inset
        fits = self.fit_all(makers, inner_w, inner_h, 24, t.box_name_floor,
                            comfortable=t.comfortable_box)
        # Cards as tall as the fullest one needs (never a near-empty panel), at least 1.6 in.
        needed = round(max(f.height_pt for f in fits) * EMU_PER_PT) + 2 * inset + inches(0.2)
        card_h = max(min(rects[0].h, needed), min(rects[0].h, inches(1.6)))
        rects = grid_rects(len(s.items), Rect(area.x, area.y, area.w,
                                              rows * card_h + (rows - 1) * gap), gap)
        cards = tuple(
            Box(f"card-{i}", rect, SURFACE, radius=self.theme.corner_radius,
                frame=TextFrame(fit.paragraphs, anchor="top", inset=inset))
            for i, (rect, fit) in enumerate(zip(rects, fits, strict=True), 1)
        )
        notes = s.notes or write_notes.shortcomings_notes(s)
        title = self.title(s.title, (*source, "title"), family="diagram")
        return SlidePlan("shortcomings", s.title, (title, *cards), notes, source)

    def shortcoming(self, item: Shortcoming, number: int, count: int) -> list[SlidePlan]:
        g = self.theme.grid
        frame = self.frame("content")
        area = frame.content
        source: Source = ("shortcomings", "items", number - 1)
        label = f"Shortcoming {number} of {count}"
        if frame.fixed:
            kicker = self.kicker(label, Rect(area.x, area.y, area.w, inches(0.3)))
            title_rect = frame.title
            x, width = area.x, area.w
            top = area.y + inches(0.45)
        else:
            kicker = self.kicker(label, Rect(g.margin, g.margin, g.content_width, inches(0.3)))
            title_rect = Rect(g.margin, inches(0.95), g.content_width, inches(0.85))
            x, width = self.span(area, 0, 11)
            top = inches(2.05)
        title = self.title(item.title, (*source, "title"), title_rect)
        lead, used = self.lead(item.summary, (*source, "summary"),
                               Rect(x, top, width, inches(1.0)))
        y = top + used + inches(0.25)
        pages = self.bullet_pages(item.points, (*source, "points"),
                                  Rect(x, y, width, area.bottom - y),
                                  Rect(x, top, width, area.bottom - top))
        notes = item.notes or write_notes.content_notes(item.title, [item.summary, *item.points])
        return self._continued("shortcoming", item.title, source, [kicker, title, lead], pages,
                               notes, title_rect)

    def closing(self) -> SlidePlan:
        t = self.theme.type
        closing = self.outline.closing
        assert closing is not None
        source: Source = ("closing",)
        lines = []
        if closing.text:
            lines.append(CoverLine("subtitle", closing.text, (*source, "text"), t.subtitle,
                                   t.subtitle_floor, MUTED))
        if closing.questions:
            lines.append(CoverLine("questions", closing.questions, (*source, "questions"), 28,
                                   20, ACCENT, bold=True))
        elements = self._cover_elements(None, closing.title, (*source, "title"), lines)
        notes = closing.notes or write_notes.text_notes(closing.title, closing.text)
        return SlidePlan("closing", closing.title, tuple(elements), notes, source)


@dataclass(frozen=True)
class CoverLine:
    """A line under a cover's title: subtitle, byline, closing line or question prompt."""

    name: str
    text: str
    source: Source
    size: float
    floor: float
    colour: Colour
    bold: bool = False

    def maker(self) -> Maker:
        return lambda size: [_para(Run(self.text, size, self.colour, bold=self.bold,
                                       source=self.source))]


def _family(kind: SlideKind) -> str:
    """The layout family of a slide kind: cover, content (title + body) or diagram."""
    if kind in ("title", "closing"):
        return "cover"
    return "content" if kind in ("content", "stage", "shortcoming") else "diagram"


def _too_long(fit: Fit, runs: Sequence[Run], main: Run) -> tuple[int, str]:
    """How many characters of the longest text fit, and the message saying so.

    The number is measured, not guessed: the longest prefix of the text (cut at a space)
    that fits the box at the floor size beside the box's other text, found by bisection.
    """
    over = max(5, round((fit.height_pt / max(fit.room_pt, 1.0) - 1) * 100 / 5) * 5)

    def cut(length: int) -> str:
        return main.text[:length].rsplit(" ", 1)[0] if length < len(main.text) else main.text

    def fits(length: int) -> bool:
        # The field's runs (its formatting) measured as one run of the field's whole text.
        paragraphs = []
        for p in fit.paragraphs:
            kept = [r for r in p.runs if r.source != main.source]
            if len(kept) < len(p.runs):
                kept.insert(0, replace(main, text=cut(length)))
            paragraphs.append(replace(p, runs=tuple(kept)))
        return fit.fits_with(paragraphs)

    low, high = 0, len(main.text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    low = len(cut(low))
    if low < 1:
        return 0, f"too long for its box by about {over}%, even at {fit.size:g} pt; the " \
            "other text in the box leaves it no room"
    keep = low - low % 5 if low >= 10 else low
    return keep, f"too long for its box by about {over}%, even at {fit.size:g} pt; " \
        f"shorten it to about {keep} characters"


def _fields(fit: Fit) -> list[Run]:
    """One run per outline field in the fit: a field split into formatted runs is joined
    back into one (the style of its first run), for measuring and messages."""
    joined: dict[Source, Run] = {}
    for paragraph in fit.paragraphs:
        for run in paragraph.runs:
            if not run.source:
                continue
            if run.source in joined:
                joined[run.source] = replace(joined[run.source],
                                             text=joined[run.source].text + run.text)
            else:
                joined[run.source] = run
    return list(joined.values())


def _split(items: list[tuple[int, str]], pages: int) -> list[list[tuple[int, str]]]:
    """Consecutive groups of nearly equal count, the larger ones first."""
    size, extra = divmod(len(items), pages)
    groups, start = [], 0
    for page in range(pages):
        end = start + size + (1 if page < extra else 0)
        groups.append(items[start:end])
        start = end
    return groups


def _para(run: Run, *, align: Align = "left", space_after: float = 0.0,
          line_spacing: float = 1.0) -> Paragraph:
    """One paragraph of the run's text, its spaces collapsed as the measurement assumes and
    its inline formatting (**bold**, *italic*, `code`, [links](…)) split into runs."""
    text = " ".join(run.text.split())
    if not has_markup(text):
        runs: tuple[Run, ...] = (replace(run, text=text),)
    else:
        runs = tuple(
            replace(run, text=span.text, bold=run.bold or span.bold,
                    italic=run.italic or span.italic,
                    font="code" if span.code else run.font, link=span.link,
                    colour=ACCENT if span.link else run.colour)
            for span in parse_inline(text)
        ) or (replace(run, text=""),)
    return Paragraph(runs, align=align, space_after=space_after, line_spacing=line_spacing)


def _sized(run: Run) -> Maker:
    """A maker for one paragraph of `run` at the size asked for."""
    return lambda size: [_para(replace(run, size=size))]


def _plain(text: str, colour: Colour, source: Source, *, line_spacing: float = 1.0) -> Maker:
    """A maker for one paragraph of plain text in one colour."""
    return lambda size: [_para(Run(text, size, colour, source=source), line_spacing=line_spacing)]


def plan_deck(outline: Outline, theme: Theme = DEFAULT_THEME, *, reveal: bool = False,
              images: Mapping[str, tuple[int, int]] | None = None) -> DeckPlan:
    """Lay out every slide of the talk; pure: no files, no PowerPoint objects. `reveal`
    adds click-by-click builds to the pipeline and loop diagrams; `images` gives the pixel
    size of each image the outline names (by the path as written)."""
    plan = _Planner(outline, theme, reveal, dict(images or {})).plan()
    if theme.outline_surfaces:
        plan = _outline_surfaces(plan)
    return ensure_contrast(plan, theme)


def _outline_surfaces(plan: DeckPlan) -> DeckPlan:
    """Give every surface-filled box an ink outline (where the surface is the page)."""

    def box(b: Box) -> Box:
        if b.fill == SURFACE and b.line is None:
            return replace(b, line=INK, line_width=1.5)
        return b

    def element(e: Element) -> Element:
        if isinstance(e, Box):
            return box(e)
        if isinstance(e, Diagram):
            return replace(e, boxes=tuple(box(b) for b in e.boxes))
        return e

    return replace(plan, slides=tuple(replace(s, elements=tuple(element(e) for e in s.elements))
                                      for s in plan.slides))
