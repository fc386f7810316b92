"""A slide of your own with a Mermaid flowchart (`diagram: |`), drawn as native shapes."""

from __future__ import annotations

from aligndeck.outline.models import Slide
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import Element, SlidePlan, Source


def plan_diagram(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The flowchart in the free area under the title, as large as it fits; a chart that
    cannot be read or cannot fit leaves the slide with its title only (and an error)."""
    from aligndeck.plan.flow import plan_flowchart  # the layout engine: only for a flowchart

    assert slide.diagram is not None
    elements: list[Element] = [ctx.title(slide.title, (*source, "title"), family="diagram")]
    planned = plan_flowchart(slide.diagram, (*source, "diagram"), ctx.frame("diagram").content,
                             ctx.fonts, ctx.theme.corner_radius, ctx.findings,
                             ctx.strings)
    if planned is not None:
        elements.append(planned.diagram)
    notes = slide.notes or (planned.diagram.alt_text if planned else plain_text(slide.title))
    return [SlidePlan("diagram", plain_text(slide.title), tuple(elements), notes, source)]


KIND = Kind("diagram", "Introduction", "diagram", plan_diagram, own_key="diagram")
