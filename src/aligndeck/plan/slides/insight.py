"""The insight slide: the talk's one sentence, set large beside an accent rule."""

from __future__ import annotations

from aligndeck.outline.models import Insight
from aligndeck.plan import notes as write_notes
from aligndeck.plan.blocks import ruled
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.model import SlidePlan, Source


def plan_insight(ctx: PlanContext, insight: Insight, source: Source) -> list[SlidePlan]:
    """The insight's title and its sentence (`source` is ("insight",))."""
    text = ctx.own_or_built_in(insight, "title", "insight_title")
    title = ctx.title(text, (*source, "title"), family="diagram")
    elements = [title, *ruled(ctx, "insight", insight.text, (*source, "text"))]
    notes = insight.notes or write_notes.text_notes(text, insight.text, ctx.strings)
    return [SlidePlan("insight", text, tuple(elements), notes, source)]


KIND = Kind("insight", "Comparison", "diagram", plan_insight)
