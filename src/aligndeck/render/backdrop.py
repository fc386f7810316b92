"""A template layout drawn coarsely with Pillow, to learn what is behind the text we add.

Drawn in the order PowerPoint paints a slide: the background (the layout's, else the
master's: a solid colour, a gradient or a picture), then the master's shapes (unless the
layout hides them), then the layout's, each in z-order: pictures with their crop, shapes with
a solid, gradient or picture fill, groups with their child transform. Placeholders and lines
are left out (a placeholder is empty until a slide fills it; a line is too thin to be behind a
word). Colours are resolved through the theme and the master's colour map, with the usual
modifiers (lumMod, lumOff, tint, shade, alpha).
"""

from __future__ import annotations

import colorsys
import io
import itertools
import math
from collections.abc import Callable
from typing import Any

from lxml import etree
from PIL import Image

from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.theme import Palette
from aligndeck.render.layout_geometry import gradient_focus

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COLUMNS = 192
"""Cells across the slide: about 0.07 in each on a 13.3 in slide, finer than a word."""
GRADIENT_STEPS = 48
"""A gradient is worked out on at most this many pixels a side, then smoothly scaled."""

RGBA = tuple[int, int, int, int]
Transform = Callable[[float, float, float, float], tuple[float, float, float, float]]
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
           "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "grey": "808080"}


def draw_backdrop(layout: Any, palette: Palette, colour_map: dict[str, str], width: int,
                  height: int) -> Backdrop:
    """The layout (a python-pptx SlideLayout) as its slides show it behind their content:
    the coarse grid the plan reads, and the layout in SVG the browser draws under each
    slide (render/layout_svg.py)."""
    from aligndeck.render.layout_svg import draw_layout

    rows = max(1, round(COLUMNS * height / max(width, 1)))
    coarse = _painted(layout, palette, colour_map, width, height, COLUMNS, rows)
    pixels = coarse.convert("RGB").tobytes()
    drawing = draw_layout(layout, palette, colour_map, width, height)
    return Backdrop(width, height, COLUMNS, rows, pixels, drawing.markup, drawing.left_out,
                    drawing.pictures, drawing.placeholders)


def _painted(layout: Any, palette: Palette, colour_map: dict[str, str], width: int,
             height: int, columns: int, rows: int) -> Image.Image:
    painter = _Painter(palette, colour_map, width, height, columns, rows)
    master = layout.slide_master
    background, part = background_fill(layout._element), layout.part
    if background is None:
        background, part = background_fill(master._element), master.part
    painter.canvas = Image.new("RGBA", (columns, rows), (*painter.rgba("bg1"), 255))
    if background is not None:
        painter.fill(background, part, (0, 0, width, height), ellipse=False)
    identity: Transform = lambda x, y, w, h: (x, y, w, h)  # noqa: E731
    if layout._element.get("showMasterSp") != "0":
        painter.shapes(shape_tree(master._element), master.part, identity)
    painter.shapes(shape_tree(layout._element), layout.part, identity)
    return painter.canvas


def colour_of(fill: Any, palette: Palette, colour_map: dict[str, str]) -> str | None:
    """The hex colour a fill element (`a:solidFill`) holds, through the theme."""
    found = rgba_of(fill, palette, colour_map)
    return None if found is None else bytes(found[:3]).hex().upper()


def rgba_of(element: Any, palette: Palette, colour_map: dict[str, str]) -> RGBA | None:
    """The colour (with its alpha) an element holding a colour gives (`a:solidFill`,
    `a:gs`, `p:bgRef`, `a:fillRef`), through the theme and its modifiers."""
    return _Painter(palette, colour_map, 1, 1, 1, 1).colour(element)


def shape_tree(element: Any) -> Any:
    """A part's (slide, layout, master) shape tree."""
    return element.find(f"{{{P}}}cSld/{{{P}}}spTree")


def background_fill(element: Any) -> Any:
    """The fill element of a part's background (`p:bgPr`'s fill, or `p:bgRef`), or None."""
    bg = element.find(f"{{{P}}}cSld/{{{P}}}bg")
    if bg is None:
        return None
    props = bg.find(f"{{{P}}}bgPr")
    if props is not None:
        return next((child for child in props if child.tag != f"{{{A}}}effectLst"), None)
    return bg.find(f"{{{P}}}bgRef")


class _Painter:
    def __init__(self, palette: Palette, colour_map: dict[str, str], width: int, height: int,
                 columns: int, rows: int) -> None:
        self.palette = palette
        self.colour_map = colour_map
        self.sx, self.sy = columns / max(width, 1), rows / max(height, 1)
        self.canvas = Image.new("RGBA", (columns, rows))

    def rgba(self, slot: str) -> tuple[int, int, int]:
        value = getattr(self.palette, self.colour_map.get(slot, slot), None) or "FFFFFF"
        return _hex(value)

    def colour(self, element: Any) -> RGBA | None:
        """The colour an `a:solidFill`, `a:gs`, `p:bgRef` or `a:fillRef` holds."""
        found = next((c for c in element if etree.QName(c).localname in {
            "srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"}), None)
        if found is None:
            return None
        name = etree.QName(found).localname
        if name == "srgbClr":
            rgb = _hex(found.get("val", "FFFFFF"))
        elif name == "schemeClr":
            rgb = self.rgba(found.get("val", "bg1"))
        elif name == "sysClr":
            rgb = _hex(found.get("lastClr") or "000000")
        elif name == "prstClr":
            rgb = _hex(_PRESET.get(found.get("val", ""), "808080"))
        else:
            rgb = (128, 128, 128)
        return _modified(rgb, found)

    def fill(self, fill: Any, part: Any, box: tuple[float, float, float, float], *,
             ellipse: bool) -> None:
        """Paint `fill` (a fill element) over `box` (EMU: x, y, w, h)."""
        name = etree.QName(fill).localname
        x0, y0 = round(box[0] * self.sx), round(box[1] * self.sy)
        x1, y1 = round((box[0] + box[2]) * self.sx), round((box[1] + box[3]) * self.sy)
        if x1 <= x0 or y1 <= y0:
            return
        size = (x1 - x0, y1 - y0)
        layer: Image.Image | None = None
        if name in {"solidFill", "bgRef", "fillRef"}:
            colour = self.colour(fill)
            if colour is not None:
                layer = Image.new("RGBA", size, colour)
        elif name == "gradFill":
            layer = self.gradient(fill, size)
        elif name == "blipFill":
            layer = _picture(fill, part, size)
        if layer is None:
            return
        mask = None
        if ellipse:
            from PIL import ImageDraw  # only for a round picture: not at start-up

            mask = Image.new("L", size, 0)
            ImageDraw.Draw(mask).ellipse((0, 0, size[0] - 1, size[1] - 1), fill=255)
        overlay = Image.new("RGBA", self.canvas.size, (0, 0, 0, 0))
        overlay.paste(layer, (x0, y0), mask)
        self.canvas = Image.alpha_composite(self.canvas, overlay)

    def gradient(self, fill: Any, size: tuple[int, int]) -> Image.Image | None:
        stops = []
        for stop in fill.iter(f"{{{A}}}gs"):
            colour = self.colour(stop)
            if colour is not None:
                stops.append((int(stop.get("pos", "0")) / 100_000, colour))
        if not stops:
            return None
        stops.sort(key=lambda s: s[0])
        path = fill.find(f"{{{A}}}path")
        if path is not None:
            return _path_gradient(stops, path, size)
        lin = fill.find(f"{{{A}}}lin")
        angle = math.radians(int(lin.get("ang", "0")) / 60_000) if lin is not None else \
            math.pi / 2
        dx, dy = math.cos(angle), math.sin(angle)
        # Worked out small and scaled up: a gradient has no detail to lose.
        w, h = min(size[0], GRADIENT_STEPS), min(size[1], GRADIENT_STEPS)
        sw, sh = size[0] / w, size[1] / h  # keep the angle of the full-size box
        extent = abs(dx) * size[0] + abs(dy) * size[1] or 1
        start = min(0, dx * size[0]) + min(0, dy * size[1])
        image = Image.new("RGBA", (w, h))
        put = image.putpixel
        for y in range(h):
            for x in range(w):
                t = ((x + 0.5) * sw * dx + (y + 0.5) * sh * dy - start) / extent
                put((x, y), _at(stops, t))
        return image if (w, h) == size else image.resize(size, Image.Resampling.BILINEAR)

    def shapes(self, tree: Any, part: Any, transform: Transform) -> None:
        for shape in tree:
            tag = etree.QName(shape).localname
            if tag == "grpSp":
                self.group(shape, part, transform)
            elif tag in {"sp", "pic"}:
                if shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
                    continue  # a placeholder: empty until a slide fills it
                props = shape.find(f"{{{P}}}spPr")
                box = _box(props)
                if box is None:
                    continue
                where = transform(*box)
                if tag == "pic":
                    blip = shape.find(f"{{{P}}}blipFill")
                    if blip is not None:
                        self.fill(blip, part, where, ellipse=False)
                    continue
                fill = _own_fill(props, shape)
                if fill is not None:
                    geometry = props.find(f"{{{A}}}prstGeom")
                    ellipse = geometry is not None and geometry.get("prst") == "ellipse"
                    self.fill(fill, part, where, ellipse=ellipse)

    def group(self, group: Any, part: Any, outer: Transform) -> None:
        xfrm = group.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
        if xfrm is None:
            return
        off, ext = _pair(xfrm, "off", "x", "y"), _pair(xfrm, "ext", "cx", "cy")
        ch_off, ch_ext = _pair(xfrm, "chOff", "x", "y"), _pair(xfrm, "chExt", "cx", "cy")
        kx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
        ky = ext[1] / ch_ext[1] if ch_ext[1] else 1.0

        def inner(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
            return outer(off[0] + (x - ch_off[0]) * kx, off[1] + (y - ch_off[1]) * ky,
                         w * kx, h * ky)

        self.shapes(group, part, inner)


def _pair(xfrm: Any, tag: str, a: str, b: str) -> tuple[int, int]:
    element = xfrm.find(f"{{{A}}}{tag}")
    if element is None:
        return 0, 0
    return int(element.get(a, "0")), int(element.get(b, "0"))


def _box(props: Any) -> tuple[int, int, int, int] | None:
    return xfrm_box(props.find(f"{{{A}}}xfrm") if props is not None else None)


def xfrm_box(xfrm: Any) -> tuple[int, int, int, int] | None:
    """The box (x, y, width, height) an `a:xfrm` or `p:xfrm` places; None without its
    extent."""
    if xfrm is None or xfrm.find(f"{{{A}}}ext") is None:
        return None
    (x, y), (w, h) = _pair(xfrm, "off", "x", "y"), _pair(xfrm, "ext", "cx", "cy")
    return x, y, w, h


def _own_fill(props: Any, shape: Any) -> Any:
    """A shape's fill: its own in `p:spPr`, else its style's fill reference (None when it
    has no fill)."""
    for child in props:
        name = etree.QName(child).localname
        if name == "noFill":
            return None
        if name in {"solidFill", "gradFill", "blipFill"}:
            return child
    ref = shape.find(f"{{{P}}}style/{{{A}}}fillRef")
    if ref is not None and ref.get("idx", "0") != "0":
        return ref
    return None


def _picture(fill: Any, part: Any, size: tuple[int, int]) -> Image.Image | None:
    """The picture of a blip fill, cropped by its `a:srcRect` and scaled to `size`."""
    blip = fill.find(f"{{{A}}}blip")
    rid = blip.get(f"{{{R}}}embed") if blip is not None else None
    if not rid:
        return None
    try:
        opened = Image.open(io.BytesIO(part.related_part(rid).blob))
        opened.draft("RGB", (size[0] * 4, size[1] * 4))  # JPEG: decode small, it is faster
        image = opened.convert("RGBA")
    except Exception:  # a picture Pillow cannot read (EMF, SVG): not behind our text
        return None
    crop = fill.find(f"{{{A}}}srcRect")
    if crop is not None:
        w, h = image.size
        left, top = int(crop.get("l", "0")) / 100_000, int(crop.get("t", "0")) / 100_000
        right, bottom = int(crop.get("r", "0")) / 100_000, int(crop.get("b", "0")) / 100_000
        box = (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
        if box[2] > box[0] and box[3] > box[1]:
            image = image.crop(box)
    return image.resize(size, Image.Resampling.BOX)


def _hex(value: str) -> tuple[int, int, int]:
    value = value if len(value) == 6 else "808080"
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _modified(rgb: tuple[int, int, int], colour: Any) -> RGBA:
    """`rgb` with the colour element's modifiers applied, in the order written."""
    r, g, b = (c / 255 for c in rgb)
    alpha = 1.0
    for mod in colour:
        name, value = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100_000
        if name in {"lumMod", "lumOff"}:
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * value if name == "lumMod" else lum + value
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
        elif name == "tint":  # in linear light, as PowerPoint and LibreOffice mix it
            r, g, b = (_gamma(1 - (1 - _linear(c)) * value) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (_gamma(_linear(c) * value) for c in (r, g, b))
        elif name == "alpha":
            alpha = value
    return (round(r * 255), round(g * 255), round(b * 255), round(alpha * 255))


def _linear(c: float) -> float:
    """An sRGB channel (0 to 1) in linear light."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    """A linear channel back in sRGB."""
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _at(stops: list[tuple[float, RGBA]], t: float) -> RGBA:
    """The gradient's colour at `t` (0 to 1), between its two nearest stops."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            k = (t - p0) / (p1 - p0) if p1 > p0 else 0
            return tuple(round(a + (b - a) * k) for a, b in zip(c0, c1, strict=True))  # type: ignore[return-value]
    return stops[-1][1]


def _path_gradient(stops: list[tuple[float, RGBA]], path: Any, size: tuple[int, int]
                   ) -> Image.Image:
    """A path gradient from its focus out to the farthest corner, as the browser draws it
    (layout_geometry.path_gradient), worked out small."""
    cx, cy, reach = gradient_focus(path, (0, 0, size[0], size[1]))
    w, h = min(size[0], GRADIENT_STEPS), min(size[1], GRADIENT_STEPS)
    sw, sh = size[0] / w, size[1] / h
    image = Image.new("RGBA", (w, h))
    for y in range(h):
        for x in range(w):
            t = math.hypot((x + 0.5) * sw - cx, (y + 0.5) * sh - cy) / (reach or 1)
            image.putpixel((x, y), _at(stops, t))
    return image if (w, h) == size else image.resize(size, Image.Resampling.BILINEAR)
