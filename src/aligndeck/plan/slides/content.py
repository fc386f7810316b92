"""A slide of your own with bullet points (`points:`), continued over slides when long."""

from __future__ import annotations

from aligndeck.outline.models import Slide
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.model import Rect, SlidePlan, Source


def plan_content(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """A title and its points over eleven of the twelve columns (a template's whole body)."""
    frame = ctx.frame("content")
    area = frame.content
    x, width = (area.x, area.w) if frame.fixed else ctx.span(area, 0, 11)
    body = Rect(x, area.y, width, area.h)
    title = ctx.title(slide.title, (*source, "title"))
    pages = ctx.bullet_pages(slide.points, (*source, "points"), body, body) \
        if slide.points else []
    notes = slide.notes or write_notes.content_notes(slide.title, slide.points, ctx.strings)
    return ctx.continued("content", "content", slide.title, source, [title], pages, notes,
                         None)


KIND = Kind("content", "Introduction", "content", plan_content, own_key="points")
