"""The title slide: kicker, title, subtitle and byline."""

from __future__ import annotations

from aligndeck.outline.models import Outline
from aligndeck.plan import notes as write_notes
from aligndeck.plan.blocks import CoverLine, cover_elements
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.model import SlidePlan, Source
from aligndeck.plan.parts import MUTED


def plan_cover(ctx: PlanContext, outline: Outline, source: Source) -> list[SlidePlan]:
    """The talk's title slide, from the outline's top-level title, subtitle, author, date."""
    t = ctx.theme.type
    lines = []
    if outline.subtitle:
        lines.append(CoverLine("subtitle", outline.subtitle, ("subtitle",), t.subtitle,
                               t.subtitle_floor, MUTED))
    byline = " · ".join(part for part in (outline.author, outline.date) if part)
    if byline:
        lines.append(CoverLine("byline", byline, ("author",) if outline.author else ("date",),
                               18, 12, MUTED))
    elements = cover_elements(ctx, outline.kicker, outline.title, ("title",), lines)
    notes = write_notes.title_notes(outline, ctx.strings)
    return [SlidePlan("title", outline.title, tuple(elements), notes, source)]


KIND = Kind("title", "Introduction", "cover", plan_cover)
