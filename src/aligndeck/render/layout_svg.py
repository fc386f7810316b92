"""A template's layout as SVG shapes: what every slide on it shows behind our content, for
the browser to draw under each slide.

`draw_layout` is a pure function of the layout (and the theme colours it resolves through),
so a caller may keep its answer per (template, layout). It paints in the order PowerPoint
does: the background (the layout's, else the master's: solid, gradient, picture or the
theme's background style), then the master's shapes unless the layout hides them, then the
layout's, each in z-order: pictures with their crop (as `<image>`, data: addresses the
page's Content-Security-Policy allows), filled and outlined shapes (preset and simple custom
geometry), lines and connectors, groups, and the static text of text boxes. Placeholders
are left out: they are empty until a slide fills them, and the slide draws its own text.

What cannot be drawn is named in `LayoutDrawing.left_out` (a picture format a browser
cannot show, custom geometry built from guide formulas, effects); pictures in a format
browsers lack but Pillow reads (TIFF, BMP) are turned into PNG, the one raster fallback.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from aligndeck.plan.theme import Palette
from aligndeck.render.backdrop import background_fill, rgba_of, shape_tree
from aligndeck.render.layout_geometry import (
    LINES,
    Box,
    custom_path,
    f,
    path_gradient,
    preset_path,
)
from aligndeck.render.layout_pictures import browser_picture
from aligndeck.render.xml import A, P, R

EMU_PER_PT = 12700
ID = "tpl-"
"""Every id in the markup starts with this: the page makes them unique per slide."""
_DASH = {"dash": (4, 3), "sysDash": (3, 1), "dot": (1, 1), "sysDot": (1, 1),
         "lgDash": (8, 3), "dashDot": (4, 3, 1, 3), "sysDashDot": (3, 1, 1, 1)}

Transform = Callable[[Box], Box]


@dataclass(frozen=True)
class LayoutDrawing:
    """The layout as SVG markup in points (a fragment for a slide's `<svg>`), the pictures
    it points at (`<use href="#pic-…">`: the page holds each once, however many slides
    show it), and what of it was left out, in words."""

    markup: str
    left_out: tuple[str, ...] = ()
    pictures: tuple[tuple[str, str, int, int], ...] = ()
    """(id, data: address, width, height in pixels) of each picture."""
    placeholders: tuple[tuple[int, str, Box], ...] = ()
    """(idx, markup, box in points) of each of the layout's placeholders that has a fill or
    an outline of its own or from the master's placeholder of its type (a coloured title
    band): a slide shows it wherever it fills the placeholder, so it is drawn with the
    slide's text, not under every slide."""


def draw_layout(layout: Any, palette: Palette, colour_map: dict[str, str], width: int,
                height: int) -> LayoutDrawing:
    """The layout (a python-pptx SlideLayout) as its slides show it under their content."""
    master = layout.slide_master
    drawer = _Drawer(palette, colour_map, _styles(master))
    whole = (0.0, 0.0, width / EMU_PER_PT, height / EMU_PER_PT)
    drawer.out.append(f'<rect width="{f(whole[2])}" height="{f(whole[3])}" '
                      f'fill="{drawer.hex("bg1")}"/>')
    background, part = background_fill(layout._element), layout.part
    if background is None:
        background, part = background_fill(master._element), master.part
    if background is not None:
        try:
            drawer.background(background, part, whole)
        except (ValueError, TypeError, ArithmeticError):  # a value out of the spec
            del drawer.out[1:]
            drawer.left_out.append("a background with values it could not read")
    if layout._element.get("showMasterSp") != "0":
        drawer.shapes(shape_tree(master._element), master.part, lambda box: box)
    drawer.shapes(shape_tree(layout._element), layout.part, lambda box: box)
    markup = f'<g class="layout">{"".join(drawer.out)}</g>'
    from aligndeck.render.layout_placeholders import draw_placeholder, placeholder_chains

    placeholders = []
    for idx, chain in placeholder_chains(layout).items():
        drawer.out = []
        box = draw_placeholder(drawer, chain)
        if box is not None and drawer.out:
            placeholders.append((idx, "".join(drawer.out), box))
    return LayoutDrawing(markup, tuple(dict.fromkeys(drawer.left_out)),
                         tuple((pid, *found) for pid, found in drawer.pictures.items()),
                         tuple(placeholders))


def _styles(master: Any) -> dict[str, list[Any]]:
    """The theme's fill, line and background style lists (`a:fmtScheme`)."""
    try:
        root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    found: dict[str, list[Any]] = {}
    for name in ("fillStyleLst", "lnStyleLst", "bgFillStyleLst"):
        element = root.find(f".//{{{A}}}fmtScheme/{{{A}}}{name}")
        found[name] = list(element) if element is not None else []
    return found


def _box(props: Any) -> Box | None:
    xfrm = props.find(f"{{{A}}}xfrm") if props is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    if ext is None:
        return None
    x, y = (int(off.get("x", "0")), int(off.get("y", "0"))) if off is not None else (0, 0)
    return (x / EMU_PER_PT, y / EMU_PER_PT, int(ext.get("cx", "0")) / EMU_PER_PT,
            int(ext.get("cy", "0")) / EMU_PER_PT)


class _Drawer:
    def __init__(self, palette: Palette, colour_map: dict[str, str],
                 styles: dict[str, list[Any]]) -> None:
        self.palette = palette
        self.colour_map = colour_map
        self.styles = styles
        self.out: list[str] = []
        self.left_out: list[str] = []
        self.pictures: dict[str, tuple[str, int, int]] = {}
        self.count = 0

    def id(self) -> str:
        self.count += 1
        return f"{ID}{self.count}"

    def hex(self, slot: str) -> str:
        value = getattr(self.palette, self.colour_map.get(slot, slot), None) or "FFFFFF"
        return f"#{value}"

    def paint(self, element: Any, placeholder: Any = None) -> tuple[str, float] | None:
        """The CSS colour and opacity an element holding a colour gives (`phClr`, in a
        theme style, stands for `placeholder`'s colour)."""
        found = next((c for c in element if etree.QName(c).localname.endswith("Clr")), None)
        if found is not None and found.get("val") == "phClr" and placeholder is not None:
            rgba = rgba_of(placeholder, self.palette, self.colour_map)
            if rgba is not None:
                extra = rgba_of(_swapped(found, placeholder), self.palette, self.colour_map)
                rgba = extra or rgba
        else:
            rgba = rgba_of(element, self.palette, self.colour_map)
        if rgba is None:
            return None
        return f"#{bytes(rgba[:3]).hex().upper()}", rgba[3] / 255

    def background(self, fill: Any, part: Any, box: Box) -> None:
        name = etree.QName(fill).localname
        if name == "bgRef":
            idx = int(fill.get("idx", "0"))
            styles = self.styles.get("bgFillStyleLst", []) if idx >= 1001 else \
                self.styles.get("fillStyleLst", [])
            index = idx - 1001 if idx >= 1001 else idx - 1
            if 0 <= index < len(styles):
                self.filled(styles[index], part, box, _rect_path(box), placeholder=fill)
                return
        self.filled(fill, part, box, _rect_path(box), placeholder=None)

    def filled(self, fill: Any, part: Any, box: Box, path: str, *, placeholder: Any,
               extra: str = "") -> None:
        """`path` painted with `fill` (solid, gradient or picture)."""
        name = etree.QName(fill).localname
        if name in {"solidFill", "bgRef", "fillRef"}:
            found = self.paint(fill, placeholder)
            if found is not None:
                self.out.append(f'<path d="{path}" fill="{found[0]}"{_opacity(found[1])}'
                                f"{extra}/>")
        elif name == "gradFill":
            self.out.append(f'<path d="{path}" fill="url(#{self.gradient(fill, box, placeholder)})"'
                            f"{extra}/>")
        elif name == "blipFill":
            clip = self.id()
            self.out.append(f'<clipPath id="{clip}"><path d="{path}"/></clipPath>'
                            f'<g clip-path="url(#{clip})"{extra}>')
            self.picture(fill, part, box)
            self.out.append("</g>")
        elif name == "pattFill":
            fore = fill.find(f"{{{A}}}fgClr")
            found = self.paint(fill if fore is None else fore, placeholder)
            if found is not None:  # a pattern, drawn as its foreground at half strength
                self.out.append(f'<path d="{path}" fill="{found[0]}"'
                                f'{_opacity(found[1] / 2)}{extra}/>')
            self.left_out.append("pattern fills (drawn as a tint of their colour)")

    def gradient(self, fill: Any, box: Box, placeholder: Any) -> str:
        gid = self.id()
        stops = []
        for stop in sorted(fill.iter(f"{{{A}}}gs"), key=lambda s: int(s.get("pos", "0"))):
            found = self.paint(stop, placeholder)
            if found is not None:
                stops.append(f'<stop offset="{int(stop.get("pos", "0")) / 1000:g}%" '
                             f'stop-color="{found[0]}"'
                             + (f' stop-opacity="{found[1]:.3g}"' if found[1] < 1 else "")
                             + "/>")
        x, y, w, h = box
        path = fill.find(f"{{{A}}}path")
        if path is not None:
            self.out.append(path_gradient(gid, path, box, "".join(stops)))
            return gid
        lin = fill.find(f"{{{A}}}lin")
        angle = math.radians(int(lin.get("ang", "0")) / 60_000) if lin is not None else 0.0
        dx, dy = math.cos(angle), math.sin(angle)
        half = (abs(dx) * w + abs(dy) * h) / 2
        cx, cy = x + w / 2, y + h / 2
        self.out.append(f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" '
                        f'x1="{f(cx - dx * half)}" y1="{f(cy - dy * half)}" '
                        f'x2="{f(cx + dx * half)}" y2="{f(cy + dy * half)}">'
                        f'{"".join(stops)}</linearGradient>')
        return gid

    def picture(self, fill: Any, part: Any, box: Box) -> None:
        """A blip fill's picture over `box`, cropped by its `a:srcRect`, stretched or
        tiled."""
        blip = fill.find(f"{{{A}}}blip")
        rid = blip.get(f"{{{R}}}embed") if blip is not None else None
        if not rid:
            self.left_out.append("linked (not embedded) pictures")
            return
        try:
            image_part = part.related_part(rid)
        except KeyError:
            return
        found = browser_picture(image_part.blob, image_part.content_type, box)
        if found is None:
            self.left_out.append(f"pictures of type {image_part.content_type}")
            return
        url, (pw, ph) = found
        pid = f"pic-{hashlib.sha256(url.encode()).hexdigest()[:16]}"
        self.pictures[pid] = (url, pw, ph)
        opacity = ""
        alpha = blip.find(f"{{{A}}}alphaModFix")
        if alpha is not None:
            opacity = _opacity(int(alpha.get("amt", "100000")) / 100_000)
        if any(etree.QName(c).localname in {"grayscl", "duotone", "clrChange", "lum"}
               for c in blip):
            self.left_out.append("picture recolouring (grey scale, duotone, brightness)")
        x, y, w, h = box
        tile = fill.find(f"{{{A}}}tile")
        if tile is not None:
            pattern = self.id()
            sx = int(tile.get("sx", "100000")) / 100_000
            sy = int(tile.get("sy", "100000")) / 100_000
            tw, th = pw * 0.75 * sx, ph * 0.75 * sy  # 96 pixels to the inch
            tx = int(tile.get("tx", "0")) / EMU_PER_PT
            ty = int(tile.get("ty", "0")) / EMU_PER_PT
            self.out.append(f'<pattern id="{pattern}" patternUnits="userSpaceOnUse" '
                            f'x="{f(x + tx)}" y="{f(y + ty)}" width="{f(tw)}" height="{f(th)}">'
                            f'<use href="#{pid}" transform="scale({f(tw / pw)} {f(th / ph)})"/>'
                            f"</pattern>"
                            f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" '
                            f'fill="url(#{pattern})"{opacity}/>')
            return
        crop = fill.find(f"{{{A}}}srcRect")
        left = top = right = bottom = 0.0
        if crop is not None:
            left, top = int(crop.get("l", "0")) / 1e5, int(crop.get("t", "0")) / 1e5
            right, bottom = int(crop.get("r", "0")) / 1e5, int(crop.get("b", "0")) / 1e5
        vw, vh = pw * (1 - left - right), ph * (1 - top - bottom)
        if vw <= 0 or vh <= 0 or w <= 0 or h <= 0:
            return
        self.out.append(f'<svg x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" '
                        f'viewBox="{f(pw * left)} {f(ph * top)} {f(vw)} {f(vh)}" '
                        f'preserveAspectRatio="none"><use href="#{pid}"{opacity}/></svg>')

    def shapes(self, tree: Any, part: Any, transform: Transform) -> None:
        if tree is None:
            return
        for shape in tree:
            tag = etree.QName(shape).localname
            if tag == "grpSp":
                self.group(shape, part, transform)
            elif tag in {"sp", "pic", "cxnSp"}:
                if shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
                    continue  # a placeholder: empty until a slide fills it
                props = shape.find(f"{{{P}}}spPr")
                mark = len(self.out)
                try:
                    box = _box(props)
                    if box is not None:
                        self.shape(shape, tag, props, part, transform(box))
                except (ValueError, TypeError, ArithmeticError):  # a value out of the spec
                    del self.out[mark:]
                    self.left_out.append("shapes with values it could not read")
            elif tag == "graphicFrame":
                self.left_out.append("tables and charts on a layout")

    def shape(self, shape: Any, tag: str, props: Any, part: Any, box: Box) -> None:
        xfrm = props.find(f"{{{A}}}xfrm")
        turn = _turn(xfrm, box)
        geometry = props.find(f"{{{A}}}prstGeom")
        custom = props.find(f"{{{A}}}custGeom")
        preset = geometry.get("prst", "rect") if geometry is not None else "rect"
        path = custom_path(custom, box) if custom is not None else \
            preset_path(preset, geometry, box)
        if path is None:
            self.left_out.append("custom geometry made of guide formulas (drawn as its box)"
                                 if custom is not None else
                                 f"the preset shape {preset} (drawn as its box)")
            path = _rect_path(box)
        self.out.append(f"<g{turn}>")
        if tag == "pic":
            blip = shape.find(f"{{{P}}}blipFill")
            if blip is not None:
                self.filled(blip, part, box, path, placeholder=None)
        elif custom is not None or preset not in LINES:
            fill, placeholder = _fill_of(props, shape, self.styles)
            if fill is not None:
                self.filled(fill, part, box, path, placeholder=placeholder)
        self.outline(props, shape, path)
        if tag == "sp":
            self.text(shape, box)
        self.out.append("</g>")

    def outline(self, props: Any, shape: Any, path: str) -> None:
        line = props.find(f"{{{A}}}ln")
        ref = shape.find(f"{{{P}}}style/{{{A}}}lnRef")
        if line is not None and line.find(f"{{{A}}}noFill") is not None:
            return
        found = None
        solid = line.find(f"{{{A}}}solidFill") if line is not None else None
        if solid is not None:
            found = self.paint(solid)
        elif ref is not None and ref.get("idx", "0") != "0":
            found = self.paint(ref)
        if found is None:
            return
        width = int(line.get("w", "0")) / EMU_PER_PT if line is not None and line.get("w") \
            else 0.75
        dash = line.find(f"{{{A}}}prstDash") if line is not None else None
        pattern = _DASH.get(dash.get("val", "")) if dash is not None else None
        dashes = (f' stroke-dasharray="{" ".join(f(width * d) for d in pattern)}"'
                  if pattern else "")
        self.out.append(f'<path d="{path}" fill="none" stroke="{found[0]}"'
                        f'{_opacity(found[1], "stroke-opacity")} stroke-width="{f(width)}"'
                        f"{dashes}/>")

    def text(self, shape: Any, box: Box) -> None:
        """The static text of a text box on the layout (a label, a tagline), one line per
        paragraph, in its size, colour and alignment."""
        body = shape.find(f"{{{P}}}txBody")
        if body is None:
            return
        paragraphs = [p for p in body.findall(f"{{{A}}}p")
                      if "".join(t.text or "" for t in p.iter(f"{{{A}}}t")).strip()]
        if not paragraphs:
            return
        props = body.find(f"{{{A}}}bodyPr")
        inset = (int(props.get("lIns", "91440")) if props is not None else 91440) / EMU_PER_PT
        top = (int(props.get("tIns", "45720")) if props is not None else 45720) / EMU_PER_PT
        x, y, w, _ = box
        baseline = y + top
        for paragraph in paragraphs:
            runs = paragraph.findall(f"{{{A}}}r")
            first = runs[0].find(f"{{{A}}}rPr") if runs else None
            size = int(first.get("sz", "1800")) / 100 if first is not None else 18.0
            colour = self.hex("tx1")
            fill = first.find(f"{{{A}}}solidFill") if first is not None else None
            if fill is not None:
                colour = (self.paint(fill) or (colour, 1.0))[0]
            bold = first is not None and first.get("b") in {"1", "true"}
            align = (paragraph.find(f"{{{A}}}pPr") if paragraph.find(f"{{{A}}}pPr")
                     is not None else paragraph).get("algn", "l")
            anchor, at = {"ctr": ("middle", x + w / 2), "r": ("end", x + w - inset)}.get(
                align, ("start", x + inset))
            baseline += size * 1.0
            words = "".join(t.text or "" for t in paragraph.iter(f"{{{A}}}t"))
            self.out.append(f'<text x="{f(at)}" y="{f(baseline)}" text-anchor="{anchor}" '
                            f'font-size="{f(size)}" fill="{colour}"'
                            + (' font-weight="bold"' if bold else "")
                            + f' style="white-space:pre">{escape(words)}</text>')
            baseline += size * 0.2

    def group(self, group: Any, part: Any, outer: Transform) -> None:
        xfrm = group.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
        if xfrm is None:
            return

        def pair(tag: str, a: str, b: str) -> tuple[float, float]:
            element = xfrm.find(f"{{{A}}}{tag}")
            if element is None:
                return 0.0, 0.0
            return int(element.get(a, "0")) / EMU_PER_PT, int(element.get(b, "0")) / EMU_PER_PT

        off, ext = pair("off", "x", "y"), pair("ext", "cx", "cy")
        ch_off, ch_ext = pair("chOff", "x", "y"), pair("chExt", "cx", "cy")
        kx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
        ky = ext[1] / ch_ext[1] if ch_ext[1] else 1.0

        def inner(box: Box) -> Box:
            x, y, w, h = box
            return outer((off[0] + (x - ch_off[0]) * kx, off[1] + (y - ch_off[1]) * ky,
                          w * kx, h * ky))

        # The group's own turn and flips apply to all it holds, about the group's centre
        # (an outer group's turn is the SVG group around this one).
        self.out.append(f"<g{_turn(xfrm, outer((*off, *ext)))}>")
        self.shapes(group, part, inner)
        self.out.append("</g>")


def _swapped(found: Any, placeholder: Any) -> Any:
    """A copy of the placeholder colour carrying the modifiers the theme style's `phClr`
    adds (a gradient stop's tint or shade of the placeholder's colour)."""
    import copy

    source = next((c for c in placeholder if etree.QName(c).localname.endswith("Clr")), None)
    if source is None:
        return placeholder
    colour = copy.deepcopy(source)
    for modifier in found:
        colour.append(copy.deepcopy(modifier))
    holder = etree.Element(f"{{{A}}}solidFill")
    holder.append(colour)
    return holder


def _fill_of(props: Any, shape: Any, styles: dict[str, list[Any]]) -> tuple[Any, Any]:
    """A shape's fill element (its own, else its style's theme fill) and the colour a
    theme fill's `phClr` stands for."""
    for child in props:
        name = etree.QName(child).localname
        if name == "noFill":
            return None, None
        if name in {"solidFill", "gradFill", "blipFill", "pattFill"}:
            return child, None
    ref = shape.find(f"{{{P}}}style/{{{A}}}fillRef")
    if ref is None or ref.get("idx", "0") == "0":
        return None, None
    fills = styles.get("fillStyleLst", [])
    index = int(ref.get("idx", "1")) - 1
    if 0 <= index < len(fills):
        return fills[index], ref
    return ref, None


def _turn(xfrm: Any, box: Box) -> str:
    """The transform of a shape's rotation and flips, about its centre."""
    if xfrm is None:
        return ""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    parts = []
    rotation = int(xfrm.get("rot", "0")) / 60_000
    if rotation:
        parts.append(f"rotate({f(rotation)} {f(cx)} {f(cy)})")
    flip_h, flip_v = xfrm.get("flipH") in {"1", "true"}, xfrm.get("flipV") in {"1", "true"}
    if flip_h or flip_v:
        parts.append(f"matrix({-1 if flip_h else 1} 0 0 {-1 if flip_v else 1} "
                     f"{f(2 * cx if flip_h else 0)} {f(2 * cy if flip_v else 0)})")
    return f' transform="{" ".join(parts)}"' if parts else ""


def _rect_path(box: Box) -> str:
    x, y, w, h = box
    return f"M{f(x)},{f(y)} H{f(x + w)} V{f(y + h)} H{f(x)} Z"


def _opacity(value: float, name: str = "fill-opacity") -> str:
    return f' {name}="{value:.3g}"' if value < 0.999 else ""
