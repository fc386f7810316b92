"""A slide of your own with a Mermaid flowchart (`diagram: |`), drawn as native shapes."""

from __future__ import annotations

from aligndeck.outline.models import Slide
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import Element, SlidePlan, Source


def plan_diagram(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """The flowchart in the free area under the title, as large as it fits; a chart too
    large for one slide goes on over several, titled as a table's pages are; a chart that
    cannot be read or shown leaves the slide with its title only (and an error)."""
    # The layout engine loads only for a deck with a flowchart.
    from aligndeck.plan.flow import plan_flowchart_parts, restyle_text

    assert slide.diagram is not None
    planned = plan_flowchart_parts(slide.diagram, (*source, "diagram"),
                                   ctx.frame("diagram").content, ctx.fonts,
                                   ctx.theme.corner_radius, ctx.findings, ctx.strings,
                                   language=ctx.outline.language)
    if not planned:
        elements: list[Element] = [ctx.title(slide.title, (*source, "title"),
                                             family="diagram")]
        return [SlidePlan("diagram", plain_text(slide.title), tuple(elements),
                          slide.notes or plain_text(slide.title), source)]
    slides = []
    more = ctx.strings("continued", title=slide.title)
    for number, part in enumerate(planned, 1):
        # Titled as a table's pages: "(cont.)" on a second slide, numbered past that.
        text = slide.title if number == 1 else more if len(planned) == 2 else \
            ctx.strings("continued_part", title=more, n=number, count=len(planned))
        heading = ctx.title(text, (*source, "title"), family="diagram")
        notes = slide.notes if slide.notes and number == 1 else part.diagram.alt_text
        drawn = restyle_text(part.diagram, slide.diagram, ctx.theme)
        slides.append(SlidePlan("diagram", plain_text(text), (heading, drawn), notes, source))
    return slides


KIND = Kind("diagram", "Introduction", "diagram", plan_diagram, own_key="diagram")
