"""The outlines of a template's shapes as SVG path data, in points: preset geometries
(`a:prstGeom`) with their adjustments, and simple custom geometry (`a:custGeom`).

Only what templates draw behind slides is known here: rectangles, rounded and snipped
rectangles, ellipses, lines and connectors, triangles, diamonds, parallelograms,
trapezoids, arrows of the pentagon and chevron kind, hexagons and octagons. An unknown
preset returns None, and the caller draws its box instead (as the contrast grid does).
"""

from __future__ import annotations

import math
from typing import Any

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
Box = tuple[float, float, float, float]
"""x, y, width, height in points."""

LINES = frozenset({"line", "straightConnector1", "bentConnector2", "bentConnector3",
                   "curvedConnector3"})
"""Presets that are a line, never filled."""

_DEFAULT_ADJ = {"roundRect": 16667, "triangle": 50000, "parallelogram": 25000,
                "trapezoid": 25000, "homePlate": 50000, "chevron": 50000, "hexagon": 25000,
                "octagon": 29289, "snip1Rect": 16667, "snip2SameRect": 16667,
                "round1Rect": 16667, "round2SameRect": 16667, "plaque": 16667,
                "bentConnector3": 50000}


def f(value: float) -> str:
    """A coordinate as a short decimal."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _adjust(geometry: Any, preset: str) -> float:
    """The first adjustment (`adj`, `adj1`) as a fraction of 100000."""
    for guide in geometry.iter(f"{{{A}}}gd"):
        formula = guide.get("fmla", "")
        if guide.get("name") in {"adj", "adj1"} and formula.startswith("val "):
            try:
                return int(formula[4:]) / 100_000
            except ValueError:
                break
    return _DEFAULT_ADJ.get(preset, 0) / 100_000


def _polygon(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{f(x)},{f(y)}" for x, y in points) + " Z"


def _rounded(box: Box, radii: tuple[float, float, float, float]) -> str:
    """A rectangle with corner radii (top-left, top-right, bottom-right, bottom-left)."""
    x, y, w, h = box
    tl, tr, br, bl = radii
    arc = "A{r},{r} 0 0 1 {x},{y}"
    return (f"M{f(x + tl)},{f(y)} H{f(x + w - tr)} "
            + (arc.format(r=f(tr), x=f(x + w), y=f(y + tr)) if tr else "")
            + f" V{f(y + h - br)} "
            + (arc.format(r=f(br), x=f(x + w - br), y=f(y + h)) if br else "")
            + f" H{f(x + bl)} "
            + (arc.format(r=f(bl), x=f(x), y=f(y + h - bl)) if bl else "")
            + f" V{f(y + tl)} "
            + (arc.format(r=f(tl), x=f(x + tl), y=f(y)) if tl else "") + " Z")


def preset_path(preset: str, geometry: Any, box: Box) -> str | None:
    """SVG path data for a preset over `box`; None for a preset not drawn here."""
    x, y, w, h = box
    r, b, cx, cy = x + w, y + h, x + w / 2, y + h / 2
    side = min(w, h)
    adj = _adjust(geometry, preset) if geometry is not None else \
        _DEFAULT_ADJ.get(preset, 0) / 100_000
    if preset in {"rect", "flowChartProcess", "flowChartAlternateProcess", "frame"}:
        return _polygon([(x, y), (r, y), (r, b), (x, b)])
    if preset in {"roundRect", "round1Rect", "round2SameRect"}:
        radius = min(side * adj, side / 2)
        radii = {"roundRect": (radius,) * 4, "round1Rect": (0, radius, 0, 0),
                 "round2SameRect": (radius, radius, 0, 0)}[preset]
        return _rounded(box, radii)
    if preset in {"ellipse", "flowChartConnector"}:
        return (f"M{f(x)},{f(cy)} A{f(w / 2)},{f(h / 2)} 0 1 1 {f(r)},{f(cy)} "
                f"A{f(w / 2)},{f(h / 2)} 0 1 1 {f(x)},{f(cy)} Z")
    if preset in {"line", "straightConnector1"}:
        return f"M{f(x)},{f(y)} L{f(r)},{f(b)}"
    if preset == "bentConnector2":
        return f"M{f(x)},{f(y)} H{f(r)} V{f(b)}"
    if preset in {"bentConnector3", "curvedConnector3"}:
        middle = x + w * adj
        return f"M{f(x)},{f(y)} H{f(middle)} V{f(b)} H{f(r)}"
    corner = side * adj
    points = {
        "triangle": [(x + w * adj, y), (r, b), (x, b)],
        "rtTriangle": [(x, y), (r, b), (x, b)],
        "diamond": [(cx, y), (r, cy), (cx, b), (x, cy)],
        "parallelogram": [(x + corner, y), (r, y), (r - corner, b), (x, b)],
        "trapezoid": [(x + corner, y), (r - corner, y), (r, b), (x, b)],
        "homePlate": [(x, y), (r - corner, y), (r, cy), (r - corner, b), (x, b)],
        "chevron": [(x, y), (r - corner, y), (r, cy), (r - corner, b), (x, b),
                    (x + corner, cy)],
        "hexagon": [(x + corner, y), (r - corner, y), (r, cy), (r - corner, b),
                    (x + corner, b), (x, cy)],
        "octagon": [(x + corner, y), (r - corner, y), (r, y + corner), (r, b - corner),
                    (r - corner, b), (x + corner, b), (x, b - corner), (x, y + corner)],
        "snip1Rect": [(x, y), (r - corner, y), (r, y + corner), (r, b), (x, b)],
        "snip2SameRect": [(x + corner, y), (r - corner, y), (r, y + corner), (r, b), (x, b),
                          (x, y + corner)],
        "pentagon": [(cx, y), (r, y + h * 0.3633), (x + w * 0.8090, b),
                     (x + w * 0.1910, b), (x, y + h * 0.3633)],
    }.get(preset)
    return _polygon(points) if points is not None else None


def custom_path(geometry: Any, box: Box) -> str | None:
    """SVG path data for a custom geometry over `box`, when its paths use plain numbers
    (no guide formulas); None otherwise."""
    x, y, w, h = box
    out: list[str] = []
    for path in geometry.iter(f"{{{A}}}path"):
        try:
            pw = int(path.get("w", "0")) or None
            ph = int(path.get("h", "0")) or None
            sx = w / pw if pw else 1 / 12700
            sy = h / ph if ph else 1 / 12700
            out.append(_commands(path, x, y, sx, sy))
        except (ValueError, TypeError):
            return None  # a guide name where a number was expected
    return " ".join(part for part in out if part) or None


def _commands(path: Any, x0: float, y0: float, sx: float, sy: float) -> str:
    out: list[str] = []
    here = (0.0, 0.0)

    def point(element: Any) -> tuple[float, float]:
        return float(int(element.get("x"))), float(int(element.get("y")))

    def at(p: tuple[float, float]) -> str:
        return f"{f(x0 + p[0] * sx)},{f(y0 + p[1] * sy)}"

    for command in path:
        name = etree.QName(command).localname
        points = [point(pt) for pt in command.findall(f"{{{A}}}pt")]
        if name == "moveTo" and points:
            here = points[0]
            out.append("M" + at(here))
        elif name == "lnTo" and points:
            here = points[0]
            out.append("L" + at(here))
        elif name == "cubicBezTo" and len(points) == 3:
            here = points[2]
            out.append("C" + " ".join(at(p) for p in points))
        elif name == "quadBezTo" and len(points) == 2:
            here = points[1]
            out.append("Q" + " ".join(at(p) for p in points))
        elif name == "arcTo":
            wr, hr = float(int(command.get("wR"))), float(int(command.get("hR")))
            start = int(command.get("stAng")) / 60_000
            swing = int(command.get("swAng")) / 60_000
            here = _arc(here, wr, hr, start, swing)
            out.append(f"A{f(wr * sx)},{f(hr * sy)} 0 {int(abs(swing) > 180)} "
                       f"{int(swing > 0)} {at(here)}")
        elif name == "close":
            out.append("Z")
    return " ".join(out)


def _arc(here: tuple[float, float], wr: float, hr: float, start: float, swing: float
         ) -> tuple[float, float]:
    """Where an `a:arcTo` ends: the current point lies on the ellipse at the visual angle
    `start`; the arc turns by `swing` degrees (clockwise, y down)."""
    def parametric(angle: float) -> float:
        rad = math.radians(angle)
        return math.atan2(wr * math.sin(rad), hr * math.cos(rad))

    t0, t1 = parametric(start), parametric(start + swing)
    cx, cy = here[0] - wr * math.cos(t0), here[1] - hr * math.sin(t0)
    return cx + wr * math.cos(t1), cy + hr * math.sin(t1)


def gradient_focus(path: Any, box: Box) -> tuple[float, float, float]:
    """A path gradient's (`a:path`) focus, the centre of its fill-to rectangle
    (`a:fillToRect`, insets from each side in thousandths of a per cent; the box's centre
    when absent), and its reach as a circle: the distance to the box's farthest corner."""
    x, y, w, h = box
    to = path.find(f"{{{A}}}fillToRect")

    def inset(name: str) -> float:
        return int(to.get(name, "50000")) / 100_000 if to is not None else 0.5

    cx = x + w * (inset("l") + 1 - inset("r")) / 2
    cy = y + h * (inset("t") + 1 - inset("b")) / 2
    reach = max(math.hypot(px - cx, py - cy) for px in (x, x + w) for py in (y, y + h))
    return cx, cy, reach


def path_gradient(gid: str, path: Any, box: Box, stops: str) -> str:
    """A path gradient as SVG: its first stop at the focus (gradient_focus), its last at
    the shape's edge: a circle out to the farthest corner; a rectangle or the shape's
    outline drawn as an ellipse through the farthest sides, the nearest SVG has.
    (LibreOffice draws a circle whose focus is a corner as a straight ramp to the opposite
    corner; a circle of the slide's points is nearer it than one of the box's proportions:
    measured, a grey difference of 6.3 against 9.6 on a full slide.)"""
    x, y, w, h = box
    cx, cy, reach = gradient_focus(path, box)
    if path.get("path", "circle") == "circle":
        return (f'<radialGradient id="{gid}" gradientUnits="userSpaceOnUse" cx="{f(cx)}" '
                f'cy="{f(cy)}" r="{f(max(reach, 0.01))}">{stops}</radialGradient>')
    rx = max(cx - x, x + w - cx, 0.01)
    ry = max(cy - y, y + h - cy, 0.01)
    return (f'<radialGradient id="{gid}" gradientUnits="userSpaceOnUse" cx="{f(cx)}" '
            f'cy="{f(cy)}" r="{f(rx)}" gradientTransform="translate({f(cx)} {f(cy)}) '
            f'scale(1 {ry / rx:.4g}) translate({f(-cx)} {f(-cy)})">{stops}</radialGradient>')
