"""What every planned slide gets last: its section, footer, number, logo and click builds."""

from __future__ import annotations

import re
from dataclasses import replace

from aligndeck.plan.context import PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    EMU_PER_PT,
    Diagram,
    Element,
    Picture,
    Rect,
    Run,
    SlidePlan,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import MUTED, para
from aligndeck.plan.slides import KINDS
from aligndeck.plan.text import has_east_asian, is_rtl_language, is_thai, text_width_pt

SECTION_KEYS = {"Introduction": "section_introduction", "Pipeline": "section_pipeline",
                "Comparison": "section_comparison", "Shortcomings": "section_shortcomings",
                "Closing": "section_closing", "More": "section_more"}
"""The built-in text that names each kind's section (the kinds name them in English)."""


def finish_slide(ctx: PlanContext, slide: SlidePlan, number: int) -> SlidePlan:
    """Section, footer and slide number (all but the title slide), click builds."""
    kind = KINDS[slide.kind]
    name = "More" if slide.source[:1] == ("extra",) else kind.section
    if name == "Comparison" and ctx.outline.comparison is None:
        name = "Pipeline"  # an insight with no comparison to follow: it ends the pipeline
    section = ctx.strings(SECTION_KEYS[name])
    # Titles (outline view), notes and alt text are plain text: no formatting marks.
    slide = replace(slide, title=plain_text(slide.title), notes=plain_text(slide.notes),
                    elements=tuple(replace(e, alt_text=plain_text(e.alt_text))
                                   if isinstance(e, Diagram) else e
                                   for e in slide.elements))
    frame = ctx.frame(kind.family)
    logo = _logo_size(ctx)
    if slide.kind == "title":
        if logo is not None:
            slide = _with_cover_logo(ctx, slide, logo)
        return _without_empty(ctx, replace(slide, section=section))
    extra: list[Element] = []
    number_rect = frame.number
    if logo is not None and number_rect is not None and not frame.branded:
        # The logo takes the right end of the footer band; the number sits before it.
        h = number_rect.h
        w = min(round(h * logo[0] / logo[1]), number_rect.w // 2)
        h = min(h, round(w * logo[1] / logo[0]))
        extra.append(Picture("logo", Rect(number_rect.right - w, number_rect.y +
                                          (number_rect.h - h) // 2, w, h),
                             ctx.outline.logo or "", ctx.strings("logo_alt")))
        number_rect = replace(number_rect, w=number_rect.w - w - inches(0.15))
    if frame.footer is not None:
        text, size = _footer(ctx, frame.footer)
        extra.append(Text("footer", frame.footer, TextFrame(
            (para(Run(text, size, MUTED)),), anchor="middle"), "footer"))
    if number_rect is not None and is_rtl_language(ctx.outline.language):
        # The footer row is mirrored for a right-to-left talk (the built-in grid whole, a
        # template's footer row on its own), and a right-aligned number stays right-aligned
        # in its box: a box just as wide as the number puts it at the left end of the
        # mirrored footer row (the number on the left, the text on the right), not a third
        # of the way in.
        w = round((text_width_pt("0000", 12) + 2) * EMU_PER_PT)
        number_rect = Rect(number_rect.right - w, number_rect.y, w, number_rect.h)
    if number_rect is not None:
        run = Run(str(number), 12, MUTED, field="slide-number")
        extra.append(Text("slide-number", number_rect,
                          TextFrame((para(run, align="right"),), anchor="middle"), "number"))
    slide = replace(slide, section=section, elements=(*slide.elements, *extra))
    slide = _without_empty(ctx, slide)
    return _with_builds(ctx, slide) if ctx.reveal else slide


def _without_empty(ctx: PlanContext, slide: SlidePlan) -> SlidePlan:
    """The slide without elements of no width or height (a template's placeholder of
    zero size, a free area a layout leaves empty): PowerPoint repairs or refuses a shape of
    zero or negative size, so such an element is left out, with one warning a deck."""
    kept: list[Element] = []
    for element in slide.elements:
        rect = None if isinstance(element, Diagram) else element.rect
        # A title that has no room is already an error where it does not fit (and then no
        # deck is written): kept, so the slide is not also said to have no title.
        if rect is not None and (rect.w <= 0 or rect.h <= 0) and element.name != "title":
            message = (f"the template leaves no room for the {element.name} (a shape of "
                       "no size); it is left out")
            if f"empty:{element.name}" not in ctx.decided:
                ctx.decided[f"empty:{element.name}"] = True
                ctx.warn(slide.source, message)
            continue
        kept.append(element)
    return slide if len(kept) == len(slide.elements) else replace(slide, elements=tuple(kept))


def _logo_size(ctx: PlanContext) -> tuple[int, int] | None:
    """The logo's pixel size, when the outline has one."""
    logo = ctx.outline.logo
    return ctx.images.get(logo) if logo else None


def _with_cover_logo(ctx: PlanContext, slide: SlidePlan, size: tuple[int, int]) -> SlidePlan:
    """The logo in the title slide's top-right corner, or its bottom-right one when
    something is there; left out (with a warning) when neither corner is free."""
    g = ctx.theme.grid
    h = inches(0.7)
    w = min(inches(2.6), round(h * size[0] / size[1]))
    h = round(w * size[1] / size[0])
    taken = [e.rect for e in slide.elements if not isinstance(e, Diagram)]
    taken += [box.rect for box in slide.boxes()]
    for y in (g.margin, g.height - g.margin - h):
        rect = Rect(g.width - g.margin - w, y, w, h)
        if not any(rect.overlaps(other) for other in taken):
            logo = Picture("logo", rect, ctx.outline.logo or "", ctx.strings("logo_alt"))
            return replace(slide, elements=(*slide.elements, logo))
    ctx.warn(("logo",), "no free corner on the title slide for the logo; it is left out there")
    return slide


def _footer(ctx: PlanContext, rect: Rect) -> tuple[str, float]:
    """The footer's text and size, by the fitting policy: the talk's title and author at the
    footer size, shrunk down to the footer floor; then, at the floor, without the author's
    affiliation (what follows a comma or a parenthesis in `author`), then without the
    author; only then the title cut at a word."""
    t = ctx.theme.type
    title = plain_text(ctx.outline.title)
    author = plain_text(ctx.outline.author or "")
    name = re.split(r",|\(| - | – | — ", author, maxsplit=1)[0].strip()
    width = rect.w / EMU_PER_PT * 0.96

    def fits(candidate: str, size: float) -> bool:
        return text_width_pt(candidate, size, font=ctx.fonts["body"]) <= width

    full = " · ".join(part for part in (title, author) if part)
    size = t.footer
    while size > t.footer_floor and not fits(full, size):
        size = max(t.footer_floor, size - 0.5)
    for candidate in dict.fromkeys((full, " · ".join(p for p in (title, name) if p), title)):
        if fits(candidate, size):
            return candidate, size
    return _footer_text(ctx, title, rect, size), size


def _footer_text(ctx: PlanContext, text: str, rect: Rect, size: float) -> str:
    """`text` cut at a word with an ellipsis if it would not fit one line at `size`."""
    width = rect.w / EMU_PER_PT * 0.96

    def fits(candidate: str) -> bool:
        return text_width_pt(candidate, size, font=ctx.fonts["body"]) <= width

    words = text.split()
    candidate = text
    while not fits(candidate) and len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ·,:;") + "…"
    # A single word too wide: Chinese and Japanese put no spaces between words, so the
    # cut falls between characters there.
    kept = candidate.removesuffix("…")
    while not fits(candidate) and len(kept) > 1:
        kept = kept[:-1]
        candidate = kept.rstrip(" ·,:;、，") + "…"
    return candidate


def _with_builds(ctx: PlanContext, slide: SlidePlan) -> SlidePlan:
    """Click-by-click reveals of the pipeline and loop diagrams: each click shows a box
    with the arrow that leads into it, in flow order; the notes say what to say."""
    if slide.kind == "diagram":
        return _with_own_steps(ctx, slide)
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
        text = _spoken(" ".join(r.text for p in box.frame.paragraphs for r in p.runs
                                if r.source)) if box.frame else box.name
        cues.append(ctx.strings("click_cue", text=text))
    notes = slide.notes + "\n\n" + "\n".join(cues)
    return replace(slide, builds=tuple(clicks), notes=notes)


def _with_own_steps(ctx: PlanContext, slide: SlidePlan) -> SlidePlan:
    """A flowchart builds in the steps it planned (layer by layer along the flow); the
    notes say which boxes each click shows."""
    diagram = next((e for e in slide.elements if isinstance(e, Diagram)), None)
    if diagram is None or len(diagram.steps) < 2:
        return slide
    text = {box.name: _spoken(" ".join(r.text for p in box.frame.paragraphs for r in p.runs))
            for box in diagram.boxes if box.frame is not None and box.name.startswith("node-")}
    cues = [ctx.strings("click_cue", text=" · ".join(text[name] for name in step if name in text))
            for step in diagram.steps]
    return replace(slide, builds=diagram.steps, notes=slide.notes + "\n\n" + "\n".join(cues))


_WRITTEN_BREAK = re.compile(r"(.?)\v(.?)", re.DOTALL)


def _spoken(text: str) -> str:
    """A box's text as the notes say it: a line break the measure wrote into it ("\v")
    joins Japanese, Chinese or Thai with nothing and other words with a space."""
    def joined(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        close = any(ch and (has_east_asian(ch) or is_thai(ch)) for ch in (before, after))
        return before + ("" if close else " ") + after

    return _WRITTEN_BREAK.sub(joined, text)
