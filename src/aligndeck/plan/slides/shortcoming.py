"""A shortcoming's own slide: its summary as the lead and its points, after the overview."""

from __future__ import annotations

from aligndeck.outline.models import Shortcoming
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext, list_number
from aligndeck.plan.model import Rect, SlidePlan, Source, inches


def plan_shortcoming(ctx: PlanContext, item: Shortcoming, source: Source) -> list[SlidePlan]:
    """The shortcoming at `source` (("shortcomings", "items", i)) under a "Shortcoming n of
    m" kicker, its points continued over slides when long."""
    number = list_number(source)
    shortcomings = ctx.outline.shortcomings
    count = len(shortcomings.items) if shortcomings is not None else number
    g = ctx.theme.grid
    frame = ctx.frame("content")
    area = frame.content
    label = ctx.strings("shortcoming_label", n=number, count=count)
    own = ctx.own_label("shortcoming_label")
    if frame.fixed:
        kicker = ctx.kicker(label, Rect(area.x, area.y, area.w, inches(0.3)), caps=own)
        title_rect = frame.title
        x, width = area.x, area.w
        top = area.y + inches(0.45)
    else:
        kicker = ctx.kicker(label, Rect(g.margin, g.margin, g.content_width, inches(0.3)),
                            caps=own)
        title_rect = Rect(g.margin, inches(0.95), g.content_width, inches(0.85))
        x, width = ctx.span(area, 0, 11)
        top = inches(2.05)
    title = ctx.title(item.title, (*source, "title"), title_rect)
    lead, used = ctx.lead(item.summary, (*source, "summary"),
                          Rect(x, top, width, inches(1.0)))
    y = top + used + inches(0.25)
    pages = ctx.bullet_pages(item.points, (*source, "points"),
                             Rect(x, y, width, area.bottom - y),
                             Rect(x, top, width, area.bottom - top))
    notes = item.notes or write_notes.content_notes(item.title, [item.summary, *item.points],
                                                    ctx.strings)
    return ctx.continued("shortcoming", "content", item.title, source, [kicker, title, lead],
                         pages, notes, title_rect)


KIND = Kind("shortcoming", "Shortcomings", "content", plan_shortcoming)
