"""A slide of your own with a quotation (`quote:`, `by:`)."""

from __future__ import annotations

from aligndeck.outline.models import Slide
from aligndeck.plan import notes as write_notes
from aligndeck.plan.blocks import ruled
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import SlidePlan, Source


def plan_quote(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The quote large beside an accent rule, and who said it under it."""
    assert slide.quote is not None
    by = (slide.by, (*source, "by")) if slide.by else None
    elements = [ctx.title(slide.title, (*source, "title"), family="diagram"),
                *ruled(ctx, "quote", ctx.strings("quotation", quote=slide.quote),
                       (*source, "quote"), by)]
    notes = slide.notes or write_notes.quote_notes(slide.title, slide.quote, slide.by,
                                                   ctx.strings)
    return [SlidePlan("quote", plain_text(slide.title), tuple(elements), notes, source)]


KIND = Kind("quote", "Introduction", "diagram", plan_quote, own_key="quote")
