"""A right-to-left talk, laid out from the right: diagrams flow right to left, and on the
built-in grid every slide is mirrored (symmetric margins make that exact)."""

from __future__ import annotations

from dataclasses import replace

from aligndeck.plan.model import Arrow, Diagram, Element, Emu, Rect, Side, SlidePlan
from aligndeck.plan.theme import Frames

_FLIPPED: dict[Side, Side] = {"left": "right", "right": "left", "top": "top",
                              "bottom": "bottom"}


def mirror_diagram(diagram: Diagram, axis: tuple[Emu, Emu] | None = None) -> Diagram:
    """The diagram flipped left to right about the middle of `axis` (left, right), by
    default the span of its own boxes: the first box where the last was, every arrow from
    the same box to the same box, now pointing the other way; a clockwise loop turns
    anticlockwise. Boxes keep their size and text."""
    if not diagram.boxes:
        return diagram
    left, right = axis or (min(b.rect.x for b in diagram.boxes),
                           max(b.rect.right for b in diagram.boxes))

    def x(value: Emu) -> Emu:
        return left + right - value

    def arrow(a: Arrow) -> Arrow:
        return replace(a, start_side=_FLIPPED[a.start_side], end_side=_FLIPPED[a.end_side],
                       begin=(x(a.begin[0]), a.begin[1]), finish=(x(a.finish[0]), a.finish[1]))

    return replace(diagram, boxes=tuple(replace(b, rect=_mirror(b.rect, left, right))
                                        for b in diagram.boxes),
                   arrows=tuple(arrow(a) for a in diagram.arrows))


def _mirror(rect: Rect, left: Emu, right: Emu) -> Rect:
    return Rect(left + right - rect.right, rect.y, rect.w, rect.h)


FOOTER_ROW = frozenset({"footer", "slide-number", "logo"})
"""The elements of the footer row, which a right-to-left talk mirrors on any layout."""


def footer_row_beside_content(frames: Frames, width: Emu) -> bool:
    """Whether a template's footer row, mirrored about the slide's middle, would land on a
    layout's free area: a conference template's row in a panel on the left, half-way
    down, beside the content. Such a row is mirrored within its own span instead, on every
    slide alike."""
    return any(rect is not None and _mirror(rect, 0, width).overlaps(frame.content)
               for frame in (frames.content, frames.diagram)
               for rect in (frame.footer, frame.number))


def right_to_left(slide: SlidePlan, width: Emu | None = None, *,
                  footer_row: Emu | None = None, in_place: bool = False) -> SlidePlan:
    """The slide read from the right. With the slide's `width` (the built-in grid, whose
    margins are the same on both sides), every element is mirrored about the middle of
    the slide: titles and bullets start at the right margin, the cover's accent rule and
    the first card or column go right. Without it (a template's layout, which is not
    symmetric), only the diagrams (pipeline, strip, loop) are mirrored, each in its place,
    and, given the slide's width as `footer_row`, the footer row about the slide's middle:
    the number on the left, the footer text on the right, as on the built-in grid; about
    the row's own middle when `in_place` (see footer_row_beside_content)."""
    axis = (0, footer_row or 0)
    row = [e for e in slide.elements if not isinstance(e, Diagram) and e.name in FOOTER_ROW]
    if in_place and row:
        axis = (min(e.rect.x for e in row), max(e.rect.right for e in row))

    def element(e: Element) -> Element:
        if isinstance(e, Diagram):
            return mirror_diagram(e, (0, width) if width is not None else None)
        if width is None:
            if footer_row is not None and e.name in FOOTER_ROW and slide.kind != "title":
                return replace(e, rect=_mirror(e.rect, *axis))
            return e
        return replace(e, rect=_mirror(e.rect, 0, width))

    return replace(slide, elements=tuple(element(e) for e in slide.elements))
