"""A slide of your own with a Mermaid flowchart (`diagram: |`), drawn as native shapes."""

from __future__ import annotations

from aligndeck.outline.models import Slide
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.style import restyle
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import Diagram, Element, SlidePlan, Source


def plan_diagram(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The flowchart in the free area under the title, as large as it fits; a chart that
    cannot be read or cannot fit leaves the slide with its title only (and an error)."""
    assert slide.diagram is not None
    elements: list[Element] = [ctx.title(slide.title, (*source, "title"), family="diagram")]
    planned = plan_flowchart(slide.diagram, (*source, "diagram"), ctx.frame("diagram").content,
                             ctx.fonts, ctx.theme.corner_radius, ctx.findings,
                             ctx.strings)
    if planned is not None:
        elements.append(_styled(planned.diagram, slide.diagram, ctx))
    notes = slide.notes or (planned.diagram.alt_text if planned else plain_text(slide.title))
    return [SlidePlan("diagram", plain_text(slide.title), tuple(elements), notes, source)]



def _styled(diagram: Diagram, text: str, ctx: PlanContext) -> Diagram:
    """The diagram with the chart's own styles (classDef, style, linkStyle) in the theme's
    colours; the text has been read once already, so it reads again without problems."""
    from aligndeck.outline.mermaid import parse_flowchart

    return restyle(diagram, parse_flowchart(text), ctx.theme)


KIND = Kind("diagram", "Introduction", "diagram", plan_diagram, own_key="diagram")
