"""A slide of your own with a picture (`image:`, `alt:`, `caption:`)."""

from __future__ import annotations

from dataclasses import replace

from aligndeck.outline.models import Slide
from aligndeck.plan import notes as write_notes
from aligndeck.plan.context import Kind, PlanContext
from aligndeck.plan.markup import plain_text
from aligndeck.plan.model import (
    EMU_PER_INCH,
    Element,
    Picture,
    Rect,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import MUTED, plain


def plan_image(ctx: PlanContext, slide: Slide, source: Source) -> list[SlidePlan]:
    """A picture fitted inside the free area, its aspect kept, at most twice its own
    size (96 pixels to the inch), with an optional caption under it."""
    t = ctx.theme.type
    assert slide.image is not None and slide.alt is not None
    area = ctx.frame("diagram").content
    elements: list[Element] = [ctx.title(slide.title, (*source, "title"), family="diagram")]
    caption_h = inches(0.45) if slide.caption else 0
    room = Rect(area.x, area.y, area.w, area.h - caption_h)
    width_px, height_px = ctx.images.get(slide.image, (1, 1))
    native_w, native_h = width_px * EMU_PER_INCH // 96, height_px * EMU_PER_INCH // 96
    scale = min(room.w / native_w, room.h / native_h)
    if scale > 2:
        ctx.warn((*source, "image"), f"the image is small ({width_px} x {height_px} px): "
                 "shown at twice its size, not filling the slide; a larger image would look "
                 "sharper")
        scale = 2
    w, h = round(native_w * scale), round(native_h * scale)
    rect = Rect(room.x + (room.w - w) // 2, room.y + (room.h - h) // 2, w, h)
    elements.append(Picture("image", rect, slide.image, plain_text(slide.alt)))
    if slide.caption:
        caption = Rect(area.x, rect.bottom + inches(0.12), area.w, caption_h - inches(0.12))
        fitted = ctx.fit(plain(slide.caption, MUTED, (*source, "caption")), caption,
                         t.caption + 2, t.footer)
        elements.append(Text("caption", caption, TextFrame(
            tuple(replace(p, align="center") for p in fitted.paragraphs))))
    notes = slide.notes or write_notes.image_notes(slide.title, slide.alt, slide.caption,
                                                   ctx.strings)
    return [SlidePlan("image", plain_text(slide.title), tuple(elements), notes, source)]


KIND = Kind("image", "Introduction", "diagram", plan_image, own_key="image")
