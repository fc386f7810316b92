"""Plan a whole deck: from a validated Outline and a Theme to slides of positioned elements.

This module is the deck's table of contents: which slide kind plans which part of the
outline, in what order. Each kind is planned in its own module under `plan/slides/`; the
tools they share are the `PlanContext` (`plan/context.py`); every slide is finished
(section, footer, number, logo, click builds) in `plan/finish.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from aligndeck.outline.data import ChartData, TableData
from aligndeck.outline.models import Outline, Slide
from aligndeck.plan.context import PlanContext
from aligndeck.plan.contrast import ensure_contrast
from aligndeck.plan.direction import footer_row_beside_content, right_to_left
from aligndeck.plan.finish import finish_slide
from aligndeck.plan.model import Box, DeckPlan, Diagram, Element, SlidePlan, Source
from aligndeck.plan.narrowing import narrow_frames
from aligndeck.plan.parts import INK, SURFACE
from aligndeck.plan.slides import KINDS, OWN_KINDS
from aligndeck.plan.text import is_rtl_language
from aligndeck.plan.theme import DEFAULT_THEME, Theme


def plan_deck(outline: Outline, theme: Theme = DEFAULT_THEME, *, reveal: bool = False,
              images: Mapping[str, tuple[int, int]] | None = None,
              data: Mapping[Source, ChartData | TableData] | None = None) -> DeckPlan:
    """Lay out every slide of the talk; pure: no files, no PowerPoint objects. `reveal`
    adds click-by-click builds to the pipeline and loop diagrams; `images` gives the pixel
    size of each image the outline names (by the path as written); `data` the checked data
    of each table and chart slide (by its source), which CSV files hold."""
    ctx = PlanContext(outline, theme, reveal, dict(images or {}), dict(data or {}))
    slides: list[SlidePlan] = []
    for kind, part, source in deck_order(ctx):
        slides += KINDS[kind].plan(ctx, part, source)
    slides = [finish_slide(ctx, slide, number) for number, slide in enumerate(slides, 1)]
    g = theme.grid
    if is_rtl_language(outline.language):
        in_place = theme.frames is not None and footer_row_beside_content(theme.frames,
                                                                          g.width)
        slides = [right_to_left(slide, g.width if theme.frames is None else None,
                                footer_row=g.width, in_place=in_place) for slide in slides]
    plan = DeckPlan(g.width, g.height, outline.title, outline.author, tuple(slides),
                    tuple(ctx.findings), outline.language)
    if theme.outline_surfaces:
        plan = _outline_surfaces(plan)
    return narrow_frames(ensure_contrast(plan, theme), theme)


def deck_order(ctx: PlanContext) -> Iterator[tuple[str, Any, Source]]:
    """The talk in order: each slide kind's name, the part of the outline it plans, and
    where that part is (its source). Planned one at a time, so findings keep this order."""
    o = ctx.outline
    yield "title", o, ()
    for i, slide in enumerate(o.intro):
        yield _own_kind(slide), slide, ("intro", i)
    if o.overview:
        yield "pipeline", o.pipeline, ("pipeline",)
    for i, stage in enumerate(o.stages):
        if o.stage_slides:
            yield "stage", stage, ("stages", i)
        elif stage.points:
            ctx.warn(("stages", i, "points"), "not shown: these points belong on the stage's "
                     "own slide, and stage_slides is false")
        if stage.loop is not None:
            yield "loop", stage, ("stages", i, "loop")
    if o.comparison is not None:
        yield "comparison", o.comparison, ("comparison",)
    if o.insight is not None:
        yield "insight", o.insight, ("insight",)
    if o.shortcomings is not None:
        yield "shortcomings", o.shortcomings, ("shortcomings",)
        for i, item in enumerate(o.shortcomings.items):
            if item.points:
                yield "shortcoming", item, ("shortcomings", "items", i)
    for i, slide in enumerate(o.extra):
        yield _own_kind(slide), slide, ("extra", i)
    if o.closing is not None:
        yield "closing", o.closing, ("closing",)


def _own_kind(slide: Slide) -> str:
    """The kind of a slide of your own, told by which key it has (points, image, …)."""
    return OWN_KINDS[slide.kind].name


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
