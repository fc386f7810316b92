"""Preset shapes and connector routes of a flowchart as SVG outlines, in points.

The page draws what the deck draws: a diamond where PowerPoint has `diamond`, a cylinder
where it has `flowChartMagneticDisk`, each connector along its planned route with the same
line ends. Proportions follow the presets' default adjustments closely enough to read.
"""

from __future__ import annotations

import math

from aligndeck.plan.model import EMU_PER_PT, TEXT_AREA, Box, text_rect

Points = list[tuple[float, float]]

__all__ = ["TEXT_AREA", "end_mark", "preset_outline", "text_rect"]

def _f(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _polygon(points: Points, paint: str) -> str:
    return f'<polygon class="frame" points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in points)}"' \
        f"{paint}/>"


def preset_outline(box: Box, paint: str) -> str | None:
    """SVG for a box's preset geometry, or None for a (rounded) rectangle."""
    r = box.rect
    x, y, w, h = r.x / EMU_PER_PT, r.y / EMU_PER_PT, r.w / EMU_PER_PT, r.h / EMU_PER_PT
    right, bottom, cx, cy = x + w, y + h, x + w / 2, y + h / 2
    shapes: dict[str, Points] = {
        "diamond": [(cx, y), (right, cy), (cx, bottom), (x, cy)],
        "flowChartPreparation": [(x + w / 5, y), (right - w / 5, y), (right, cy),
                                 (right - w / 5, bottom), (x + w / 5, bottom), (x, cy)],
        "flowChartInputOutput": [(x + w / 5, y), (right, y), (right - w / 5, bottom),
                                 (x, bottom)],
        "flowChartManualOperation": [(x, y), (right, y), (right - w / 5, bottom),
                                     (x + w / 5, bottom)],
        "trapezoid": [(x + w / 4, y), (right - w / 4, y), (right, bottom), (x, bottom)],
        "homePlate": [(x, y), (right - h / 2, y), (right, cy), (right - h / 2, bottom),
                      (x, bottom)],
    }
    if box.geometry in shapes:
        points = shapes[box.geometry]
        if box.flip:
            points = [(x + right - px, py) for px, py in points]
        return _polygon(points, paint)
    if box.geometry == "ellipse":
        return (f'<ellipse class="frame" cx="{_f(cx)}" cy="{_f(cy)}" rx="{_f(w / 2)}" '
                f'ry="{_f(h / 2)}"{paint}/>')
    if box.geometry == "flowChartPredefinedProcess":
        bars = "".join(f'<line x1="{_f(bx)}" y1="{_f(y)}" x2="{_f(bx)}" y2="{_f(bottom)}"'
                       f"{paint}/>" for bx in (x + w / 8, right - w / 8))
        return (f'<rect class="frame" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" '
                f'height="{_f(h)}"{paint}/>{bars}')
    if box.geometry == "flowChartMagneticDisk":
        lid = h / 6
        body = (f"M{_f(x)},{_f(y + lid)} A{_f(w / 2)},{_f(lid)} 0 0 1 {_f(right)},{_f(y + lid)}"
                f" V{_f(bottom - lid)} A{_f(w / 2)},{_f(lid)} 0 0 1 {_f(x)},{_f(bottom - lid)} Z")
        top = f"M{_f(x)},{_f(y + lid)} A{_f(w / 2)},{_f(lid)} 0 0 0 {_f(right)},{_f(y + lid)}"
        return (f'<path class="frame" d="{body}"{paint}/>'
                f'<path d="{top}"{paint.replace("fill=", "data-fill=")} fill="none"/>')
    return None


def end_mark(tip: tuple[float, float], towards: tuple[float, float], kind: str, width: float,
             colour: str) -> str:
    """A line end at `tip`, pointing away from `towards`: triangle, oval or diamond."""
    (x2, y2), (x1, y1) = tip, towards
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    size = 3.0 * width
    if kind == "oval":
        return (f'<circle cx="{_f(x2 - ux * size / 2)}" cy="{_f(y2 - uy * size / 2)}" '
                f'r="{_f(size / 2)}" fill="{colour}"/>')
    back = (x2 - ux * size * 1.6, y2 - uy * size * 1.6)
    if kind == "diamond":
        mid = (x2 - ux * size * 0.8, y2 - uy * size * 0.8)
        points = [(x2, y2), (mid[0] - uy * size / 2, mid[1] + ux * size / 2), back,
                  (mid[0] + uy * size / 2, mid[1] - ux * size / 2)]
    else:
        points = [(x2, y2), (back[0] - uy * size / 2, back[1] + ux * size / 2),
                  (back[0] + uy * size / 2, back[1] - ux * size / 2)]
    return _polygon(points, f' fill="{colour}"').replace('class="frame" ', "")
