"""Diagrams of a right-to-left talk flow from right to left: each mirrored in its own place."""

from __future__ import annotations

from dataclasses import replace

from aligndeck.plan.model import Arrow, Diagram, Emu, Rect, Side, SlidePlan

_FLIPPED: dict[Side, Side] = {"left": "right", "right": "left", "top": "top",
                              "bottom": "bottom"}


def mirror_diagram(diagram: Diagram) -> Diagram:
    """The diagram flipped left to right about the middle of its own boxes: the first box
    where the last was, every arrow from the same box to the same box, now pointing the
    other way; a clockwise loop turns anticlockwise. Boxes keep their size and text."""
    if not diagram.boxes:
        return diagram
    left = min(b.rect.x for b in diagram.boxes)
    right = max(b.rect.right for b in diagram.boxes)

    def x(value: Emu) -> Emu:
        return left + right - value

    def rect(r: Rect) -> Rect:
        return Rect(x(r.right), r.y, r.w, r.h)

    def arrow(a: Arrow) -> Arrow:
        return replace(a, start_side=_FLIPPED[a.start_side], end_side=_FLIPPED[a.end_side],
                       begin=(x(a.begin[0]), a.begin[1]), finish=(x(a.finish[0]), a.finish[1]))

    return replace(diagram, boxes=tuple(replace(b, rect=rect(b.rect)) for b in diagram.boxes),
                   arrows=tuple(arrow(a) for a in diagram.arrows))


def right_to_left(slide: SlidePlan) -> SlidePlan:
    """The slide with its diagrams (pipeline, strip, loop) flowing right to left."""
    if not any(isinstance(e, Diagram) for e in slide.elements):
        return slide
    return replace(slide, elements=tuple(mirror_diagram(e) if isinstance(e, Diagram) else e
                                         for e in slide.elements))
