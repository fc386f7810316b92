"""A template's master laid out for a smaller slide than its own.

LibreOffice exports a template whose slide size was changed (the Puccia .potx: 20 x 11.25
in) with masters whose placeholders still stand where a 10 x 7.5 in slide had them; a
layout placeholder with no box of its own (its footer, date and slide number, as a rule)
inherits that box, and PowerPoint and LibreOffice draw it there: a footer row half-way
down the left half, which also kept diagrams to the right half. Such a box is read scaled
up to the slide, as the master's designer placed it, and so are a layout's own boxes when
they all lie in that smaller slide too (the Puccia .pptx's cover title, in its top left
quarter); the slides name them (the writer writes a placeholder's box wherever the plan's
differs from the inherited one).
"""

from __future__ import annotations

from typing import Any

from aligndeck.plan.model import Rect
from aligndeck.render.backdrop import xfrm_box
from aligndeck.render.template_samples import CARRIED
from aligndeck.render.xml import A, P

FILLS = 0.75
"""The share of the slide's width the master's placeholders (with a margin as wide on the
right as on the left) reach at most on a master laid out for a smaller slide: the Puccia
.potx's reach 0.50, a master made for its slide nearly 1."""


def _box(sp: Any) -> Rect | None:
    return _rect(sp.find(f"{{{P}}}spPr/{{{A}}}xfrm"))


def _rect(xfrm: Any) -> Rect | None:
    box = xfrm_box(xfrm)
    return None if box is None else Rect(*box)


def master_scale(master: Any, width: int, height: int) -> tuple[float, float] | None:
    """How much wider and taller the slide is than the one the master's placeholders were
    laid out for, when they fill clearly less of its width than a master does; None for a
    master laid out for the slide."""
    boxes = [box for sp in master._element.iter(f"{{{P}}}sp")
             if sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph") is not None
             and (box := _box(sp)) is not None]
    if not boxes:
        return None
    margin = min(b.x for b in boxes)
    # The slide it was made for: as wide as its placeholders with the left margin again on
    # the right, as tall as they reach with that margin below (a cover master's text may
    # all stand low, so the top margin says nothing).
    wide = max(b.right for b in boxes) + margin
    tall = max(b.bottom for b in boxes) + margin
    if min(wide, tall) <= 0 or wide > FILLS * width or tall > height:
        return None
    # A master that draws something of its own beyond that smaller slide (a photo or a
    # band on the right, beside narrower placeholders) was designed for its slide.
    if any(box.right > wide or box.bottom > tall for box in _drawn(master)):
        return None
    return width / wide, height / tall


_DRAWN = ("sp", "pic", "grpSp", "graphicFrame", "cxnSp")
"""What a master's shape tree may draw besides its placeholders."""


def _drawn(master: Any) -> list[Rect]:
    """The boxes of what the master draws that is not a placeholder."""
    tree = master._element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is None:
        return []
    kinds = {f"{{{P}}}{kind}" for kind in _DRAWN}
    found = []
    for shape in tree:
        if shape.tag not in kinds or shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue
        names = [c.get("name", "") for c in shape.iter(f"{{{P}}}cNvPr")]
        if names and names[0].startswith(CARRIED):
            continue  # a sample slide's picture, drawn for the whole slide
        # A shape's or picture's box, a group's, or a graphic frame's.
        xfrm = next((x for x in (shape.find(f"{{{P}}}spPr/{{{A}}}xfrm"),
                                 shape.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm"),
                                 shape.find(f"{{{P}}}xfrm")) if x is not None), None)
        if (box := _rect(xfrm)) is not None:
            found.append(box)
    return found


def inherits_box(shape: Any) -> bool:
    """Whether a layout's placeholder has no box of its own (it takes its master's)."""
    return _box(shape._element) is None


def laid_out_small(layout: Any, scale: tuple[float, float], width: int, height: int) -> bool:
    """Whether the layout's own placeholder boxes, too, all lie in the smaller slide its
    master was laid out for (the Puccia .pptx: every layout in 10 x 7.5 in); a layout
    drawn for the slide (the .potx's) keeps its boxes."""
    boxes = [box for sp in layout._element.iter(f"{{{P}}}sp")
             if sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph") is not None
             and (box := _box(sp)) is not None]
    sx, sy = scale
    return bool(boxes) and all(b.right * sx <= width * 1.01 and b.bottom * sy <= height * 1.01
                               for b in boxes)


def scaled(rect: Rect, scale: tuple[float, float] | None) -> Rect:
    """`rect` scaled by `scale` (x and width by the first, y and height by the second)."""
    if scale is None:
        return rect
    sx, sy = scale
    return Rect(round(rect.x * sx), round(rect.y * sy), round(rect.w * sx), round(rect.h * sy))
