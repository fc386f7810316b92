"""Slides as inline SVG, in points: every plan element becomes one named SVG shape.

Each shape carries `data-name`, the name it has in the .pptx, and sits at the same place
and size: a box is a (rounded) rectangle, an arrow a line with a triangle head, a text an
invisible frame rectangle with the fitted lines in it, a picture an `<image>`. The slide's
coordinates are points (12700 EMU), so the markup reads like the deck.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from html import escape

from aligndeck.plan.model import (
    EMU_PER_PT,
    Arrow,
    Box,
    Chart,
    Colour,
    DeckPlan,
    Diagram,
    Element,
    Picture,
    Rect,
    Run,
    SlidePlan,
    Table,
    Text,
    TextFrame,
)
from aligndeck.plan.narrowing import drawn_frame
from aligndeck.plan.slides import KINDS
from aligndeck.plan.text import is_rtl_text, isolate_numbers
from aligndeck.plan.theme import Theme, hls, lighten
from aligndeck.render.html.data import chart_svg, table_svg
from aligndeck.render.html.lines import css_family, family, layout_frame
from aligndeck.render.html.shapes import end_mark, preset_outline, text_rect

ImageUrl = Callable[[str], str]
"""The address of an image, from the path the outline wrote."""

HEAD_WIDTH, HEAD_LENGTH = 3.0, 5.0
"""A `tailEnd` of w="med" len="lg": three and five times the line's width."""

BULLET_DOT = (0.19, 0.36, 0.115)
"""The .pptx's list mark, Arial's "•", as a dot: its centre 0.19 em after the mark's start
and 0.36 em above the baseline, its radius 0.115 em, measured from Arial's metric twins
(Liberation Sans, and Noto Sans, which LibreOffice draws for Arial here: 0.22 em across).
A dot in the page's own font would be the font's (Carlito's is 0.35 em across, half again
as large, and so looks darker), so it is drawn as a circle, the same in every browser."""

_SAFE_LINK = ("https://", "http://", "mailto:")
"""Only these become links on the page; anything else (javascript:, file:) stays text."""


def pt(value: float) -> str:
    """EMU (or points when already divided) as a short decimal."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _e(emu: int) -> str:
    return pt(emu / EMU_PER_PT)


def _scale_lightness(hex_colour: str, factor: float) -> str:
    """`hex_colour` with its HSL lightness times `factor` (DrawingML's lumMod), saturation
    and hue kept, as PowerPoint and LibreOffice compute it."""
    import colorsys

    hue, light, sat = hls(hex_colour)
    rgb = colorsys.hls_to_rgb(hue, light * factor, sat)
    return "".join(f"{round(c * 255):02X}" for c in rgb)


class SlideDrawer:
    """Draws the slides of one deck with one theme; `image_url` says where pictures live."""

    def __init__(self, plan: DeckPlan, theme: Theme, fonts: Mapping[str, str],
                 image_url: ImageUrl) -> None:
        self.plan = plan
        self.theme = theme
        self.fonts = fonts
        self.image_url = image_url
        self.indent_pt = theme.bullet_indent / EMU_PER_PT
        self.family = "content"
        """The layout family of the slide being drawn."""
        self.number = 0
        """The number of the slide being drawn."""

    def colour(self, colour: Colour) -> str:
        """The colour PowerPoint draws for a theme colour reference: the slot's colour,
        lightened (lumMod + lumOff) or darkened (lumMod alone) in HSL lightness."""
        theme = self.theme
        base = getattr(theme.palette, theme.slot(colour))
        tint = abs(theme.tint(colour))
        if theme.darkens(colour) and tint:
            return f"#{_scale_lightness(base, (100 - tint) / 100)}"
        return f"#{lighten(base, tint)}"

    def slide(self, number: int, slide: SlidePlan) -> str:
        """One `<section class="slide">` holding the slide's SVG."""
        w, h = _e(self.plan.width), _e(self.plan.height)
        built = {name for click in slide.builds for name in click}
        self.family = KINDS[slide.kind].family
        self.number = number
        parts = [f'<rect class="background" width="{w}" height="{h}" '
                 f'fill="{self.colour(Colour("background"))}"/>']
        backdrop = self.theme.frame(KINDS[slide.kind].family).backdrop
        if backdrop is not None and backdrop.drawing:
            # What the template's master and layout draw (background, photos, bands, logos,
            # rules), as the .pptx shows it under the slide; its gradient and clip ids made
            # this slide's own (a reference goes to the first element with the id).
            parts.append(backdrop.drawing.replace('id="tpl-', f'id="tpl{number}-')
                         .replace("url(#tpl-", f"url(#tpl{number}-"))
        for element in slide.elements:
            parts.append(self.element(element, built))
        label = escape(f"Slide {number}: {slide.title}")
        return (f'<section class="slide" data-slide="{number}" data-kind="{slide.kind}" '
                f'id="slide-{number}"><svg viewBox="0 0 {w} {h}" role="img" '
                f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
                f'{"".join(parts)}</svg></section>')

    def element(self, element: Element, built: set[str]) -> str:
        if isinstance(element, Table):
            return table_svg(self, element)
        if isinstance(element, Chart):
            return chart_svg(self, element)
        if isinstance(element, Text):
            return self.text(element)
        if isinstance(element, Box):
            return self.box(element, built)
        if isinstance(element, Picture):
            return self.picture(element)
        return self.diagram(element, built)

    def _build_attr(self, name: str, built: set[str]) -> str:
        return ' data-build="1"' if name in built else ""

    def text(self, text: Text) -> str:
        rect = text.rect
        role = text.placeholder or "text"
        # A template's placeholder: drawn as its layout styles it, as in the .pptx (which
        # writes only sizes there), in its own typeface (the .pptx names none).
        frame, face, look = drawn_frame(self.theme, self.family, text)
        ink = f"#{look.colour}" if look is not None and look.colour and \
            not text.recoloured else None
        return (f'<g class="shape text" data-name="{escape(text.name)}" data-role="{role}">'
                f'{self._placeholder_shape(text)}{self._frame_rect(rect)}'
                f'{self.frame(frame, rect, ink, face)}</g>')

    def _placeholder_shape(self, text: Text) -> str:
        """The fill and outline the template gives the placeholder `text` fills (a
        coloured title band), drawn from its layout box onto the text's own."""
        if self.theme.frames is None or not text.placeholder:
            return ""
        layout = self.theme.frame(self.family)
        idx = next((i for role, i in layout.slots if role == text.placeholder), None)
        found = next(((markup, box) for i, markup, box in layout.backdrop.placeholders
                      if i == idx), None) if layout.backdrop is not None else None
        if found is None:
            return ""
        markup, (bx, by, bw, bh) = found
        x, y, w, h = (v / EMU_PER_PT for v in (text.rect.x, text.rect.y, text.rect.w,
                                               text.rect.h))
        moved = ""
        if max(abs(x - bx), abs(y - by), abs(w - bw), abs(h - bh)) > 0.01:
            moved = (f' transform="translate({pt(x)} {pt(y)}) scale({w / bw:.4g} '
                     f'{h / bh:.4g}) translate({pt(-bx)} {pt(-by)})"')
        markup = markup.replace('id="tpl-', f'id="tpl{self.number}-').replace(
            "url(#tpl-", f"url(#tpl{self.number}-")
        return f'<g class="placeholder-shape"{moved}>{markup}</g>'

    def _frame_rect(self, rect: Rect) -> str:
        return (f'<rect class="frame" x="{_e(rect.x)}" y="{_e(rect.y)}" width="{_e(rect.w)}" '
                f'height="{_e(rect.h)}" fill="none"/>')

    def box(self, box: Box, built: set[str]) -> str:
        rect = box.rect
        radius = min(box.radius, min(rect.w, rect.h) // 2) if box.radius else 0
        fill = self.colour(box.fill) if box.fill is not None else "none"
        stroke = (f' stroke="{self.colour(box.line)}" stroke-width="{pt(box.line_width)}"'
                  if box.line is not None and box.line_width else "")
        if stroke and box.dash:  # as PowerPoint's sysDash: dashes three widths, gaps one
            stroke += (f' stroke-dasharray="{pt(box.line_width * 3)} '
                       f'{pt(box.line_width)}"')
        frame = (f'<rect class="frame" x="{_e(rect.x)}" y="{_e(rect.y)}" width="{_e(rect.w)}" '
                 f'height="{_e(rect.h)}" rx="{_e(radius)}" fill="{fill}"{stroke}/>')
        outline = preset_outline(box, f' fill="{fill}"{stroke}')
        if outline is not None:  # the box's frame stays, unpainted, under its preset outline
            frame = frame.replace(f'fill="{fill}"{stroke}', 'fill="none"') + outline
        shape = frame
        inner = self.frame(box.frame, text_rect(box)) if box.frame is not None else ""
        return (f'<g class="shape box" data-name="{escape(box.name)}"'
                f'{self._build_attr(box.name, built)}>{shape}{inner}</g>')

    def routed_arrow(self, arrow: Arrow, built: set[str]) -> str:
        """A flowchart's connector: its route as a polyline, with its own ends and dashes."""
        points = [(x / EMU_PER_PT, y / EMU_PER_PT) for x, y in (arrow.route or
                                                             (arrow.begin, arrow.finish))]
        colour = self.colour(arrow.colour)
        dash = f' stroke-dasharray="{pt(arrow.width * 3)} {pt(arrow.width * 2)}"' \
            if arrow.dash else ""
        line = " ".join(f"{pt(x)},{pt(y)}" for x, y in points)
        ends = ""
        if arrow.head != "none":
            ends += end_mark(points[-1], points[-2], arrow.head, arrow.width, colour)
        if arrow.tail != "none":
            ends += end_mark(points[0], points[1], arrow.tail, arrow.width, colour)
        return (f'<g class="arrow"{self._build_attr(arrow.name, built)}>'
                f'<polyline class="shape" data-name="{escape(arrow.name)}" points="{line}" '
                f'fill="none" stroke="{colour}" stroke-width="{pt(arrow.width)}"{dash}/>'
                f"{ends}</g>")

    def arrow(self, arrow: Arrow, built: set[str]) -> str:
        if arrow.route or arrow.head != "triangle" or arrow.tail != "none" or arrow.dash:
            return self.routed_arrow(arrow, built)
        (bx, by), (ex, ey) = arrow.begin, arrow.finish
        x1, y1, x2, y2 = bx / EMU_PER_PT, by / EMU_PER_PT, ex / EMU_PER_PT, ey / EMU_PER_PT
        colour = self.colour(arrow.colour)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        head_l, head_w = HEAD_LENGTH * arrow.width, HEAD_WIDTH * arrow.width / 2
        # The line stops where the head begins, so its round cap cannot show past the tip.
        sx, sy = x2 - ux * head_l * 0.9, y2 - uy * head_l * 0.9
        bx2, by2 = x2 - ux * head_l, y2 - uy * head_l
        points = " ".join(f"{pt(px)},{pt(py)}" for px, py in (
            (x2, y2), (bx2 - uy * head_w, by2 + ux * head_w),
            (bx2 + uy * head_w, by2 - ux * head_w)))
        build = self._build_attr(arrow.name, built)
        return (f'<g class="arrow"{build}><line class="shape" data-name="{escape(arrow.name)}"'
                f' x1="{pt(x1)}" y1="{pt(y1)}" x2="{pt(x2)}" y2="{pt(y2)}" stroke="none"/>'
                f'<line x1="{pt(x1)}" y1="{pt(y1)}" x2="{pt(sx)}" y2="{pt(sy)}" '
                f'stroke="{colour}" stroke-width="{pt(arrow.width)}" stroke-linecap="round"/>'
                f'<polygon points="{points}" fill="{colour}"/></g>')

    def diagram(self, diagram: Diagram, built: set[str]) -> str:
        parts = [self.box(box, built) for box in diagram.boxes]
        parts += [self.arrow(arrow, built) for arrow in diagram.arrows]
        parts += [self.box(label, built) for label in diagram.labels]
        return (f'<g class="shape diagram" data-name="{escape(diagram.name)}" role="img" '
                f'aria-label="{escape(diagram.alt_text)}">{"".join(parts)}</g>')

    def picture(self, picture: Picture) -> str:
        rect = picture.rect
        return (f'<image class="shape picture" data-name="{escape(picture.name)}" '
                f'x="{_e(rect.x)}" y="{_e(rect.y)}" width="{_e(rect.w)}" height="{_e(rect.h)}" '
                f'preserveAspectRatio="none" href="{escape(self.image_url(picture.asset))}">'
                f'<title>{escape(picture.alt)}</title></image>')

    def frame(self, frame: TextFrame, rect: Rect, ink: str | None = None,
              face: str | None = None) -> str:
        """The frame's lines as `<text>` elements, one per line, at the fitter's breaks."""
        inset = frame.inset / EMU_PER_PT
        left, top = (rect.x + frame.narrowed[0]) / EMU_PER_PT + inset, rect.y / EMU_PER_PT
        width = (rect.w - sum(frame.narrowed)) / EMU_PER_PT - 2 * inset
        out: list[str] = []
        # Broken where the .pptx's renderer breaks it: in the font each run is drawn in
        # (the placeholder's own, else the theme's heading or body font), not the widest
        # of a template's fonts, which the fitter sizes with so that every font fits.
        code = family("code", self.fonts)
        drawn = {"heading": face, "body": face, "code": code} if face else \
            {"heading": self.theme.heading_font, "body": self.theme.body_font, "code": code}
        for laid in layout_frame(frame, rect.w, rect.h, drawn, self.indent_pt):
            paragraph = laid.paragraph
            indent = self.indent_pt if paragraph.bullet else 0.0
            # A right-to-left paragraph starts at the right, its bullet there too, as in
            # the .pptx (see scripts.is_rtl_text).
            rtl = is_rtl_text("".join(r.text for r in paragraph.runs), self.plan.language)
            text_left = left + (0.0 if rtl else indent)
            text_width = width - indent
            align = "right" if rtl and paragraph.align == "left" else paragraph.align
            x, anchor = {
                "left": (text_left, "start"),
                "center": (text_left + text_width / 2, "middle"),
                "right": (text_left + text_width, "end"),
            }[align]
            direction = ' direction="rtl"' if rtl else ""
            across, up, radius = BULLET_DOT
            for number, line in enumerate(laid.lines):
                y = top + line.baseline
                if paragraph.bullet and number == 0:
                    dot_x = left + width - across * line.size if rtl else \
                        left + across * line.size
                    out.append(f'<circle class="bullet" cx="{pt(dot_x)}" '
                               f'cy="{pt(y - up * line.size)}" r="{pt(radius * line.size)}" '
                               f'fill="{self.colour(Colour("accent"))}"/>')
                spans = "".join(self._span(isolate_numbers(piece.text) if rtl else piece.text,
                                           piece.run, ink, face) for piece in line.pieces)
                # Anchored by its bounding ends whatever the direction: the rtl text's
                # "end" side is its left one, so name the side by position instead.
                side = {"start": "end", "end": "start"}.get(anchor, anchor) if rtl else anchor
                out.append(f'<text class="line" x="{pt(x)}" y="{pt(y)}"{direction} '
                           f'text-anchor="{side}">{spans}</text>')
        return "".join(out)

    def face(self, run: Run) -> str:
        """The family the .pptx names for a run of ours: the theme's heading or body font
        (`+mj-lt`, `+mn-lt`), or the code font."""
        if run.font == "code":
            return family("code", self.fonts)
        return self.theme.heading_font if run.font == "heading" else self.theme.body_font

    def _span(self, text: str, run: Run, ink: str | None = None, face: str | None = None
              ) -> str:
        style = [f"font-family:{css_family(face or self.face(run))}",
                 f"font-size:{pt(run.size)}px"]
        if run.bold:
            style.append("font-weight:bold")
        if run.italic:
            style.append("font-style:italic")
        if run.spacing:
            style.append(f"letter-spacing:{pt(run.spacing)}px")
        link = run.link if run.link and run.field is None else None
        if link is not None:
            style.append("text-decoration:underline")  # as PowerPoint draws a hyperlink
        fill = ink or self.colour(run.colour)
        span = (f'<tspan style="{escape(";".join(style))}" fill="{fill}">'
                f'{escape(text)}</tspan>')
        if link is not None and link.lower().startswith(_SAFE_LINK):
            return f'<a href="{escape(link)}" target="_blank" rel="noopener">{span}</a>'
        return span
