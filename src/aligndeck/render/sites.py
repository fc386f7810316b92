"""Connection sites: which site of a box's preset a flowchart connector is glued to, and
the sites a box needs beyond its preset's four, where the plan brings a link in away
from a side's middle (a port, plan/flow/ports.py)."""

from __future__ import annotations

from aligndeck.plan.model import Box, Diagram

CONNECTION_SITE = {"top": 0, "left": 1, "bottom": 2, "right": 3}
"""python-pptx's connection-point indices for rectangles and rounded rectangles."""

PORTED = ("", "rect", "roundRect")
"""The geometries a box can be given extra sites in: drawn again as a custom geometry
with the same outline (rectangles, square or rounded)."""

Site = tuple[int, int, int]
"""A connection site: x and y from the box's top left corner (EMU), and the angle a
connector leaves it at (60000ths of a degree: 0 right, 5400000 down)."""

_ANGLE = {"top": 16200000, "left": 10800000, "bottom": 5400000, "right": 0}


def connection_site(box: Box, side: str) -> int:
    """The connection site on `side` of a box's preset: rectangles, diamonds and the
    flowchart presets number theirs top, left, bottom, right; an ellipse has eight."""
    if box.geometry == "ellipse":
        return {"top": 0, "left": 2, "bottom": 4, "right": 6}[side]
    if box.flip and side in ("left", "right"):
        side = "right" if side == "left" else "left"
    return CONNECTION_SITE[side]


def extra_sites(diagram: Diagram) -> dict[str, list[Site]]:
    """For each box that needs them, the sites beyond its preset's four that the
    diagram's connectors end at (each once, in the order first met)."""
    boxes = {b.name: b for b in diagram.boxes}
    out: dict[str, list[Site]] = {}
    for arrow in diagram.arrows:
        for name, side, point in ((arrow.start, arrow.start_side, arrow.begin),
                                  (arrow.end, arrow.end_side, arrow.finish)):
            site = _off_middle(boxes[name], side, point)
            if site is not None and site not in out.setdefault(name, []):
                out[name].append(site)
    return {name: sites for name, sites in out.items() if sites}


def glued_site(box: Box, side: str, point: tuple[int, int], extra: list[Site]) -> int:
    """The index of the site a connector ending at `point` on `side` of `box` is glued
    to: one of the preset's, or one of `extra` (numbered after the preset's four)."""
    site = _off_middle(box, side, point)
    if site is None or site not in extra:
        return connection_site(box, side)
    return len(CONNECTION_SITE) + extra.index(site)


def _off_middle(box: Box, side: str, point: tuple[int, int]) -> Site | None:
    """The site at `point` when it is on `side` of a box that can take one, away from
    the side's middle; None otherwise."""
    if box.geometry not in PORTED or box.flip:
        return None
    rect = box.rect
    x, y = point[0] - rect.x, point[1] - rect.y
    if side in ("top", "bottom") and abs(2 * x - rect.w) > 2 and 0 < x < rect.w:
        return x, 0 if side == "top" else rect.h, _ANGLE[side]
    if side in ("left", "right") and abs(2 * y - rect.h) > 2 and 0 < y < rect.h:
        return 0 if side == "left" else rect.w, y, _ANGLE[side]
    return None
