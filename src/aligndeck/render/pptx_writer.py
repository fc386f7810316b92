"""Render a DeckPlan with python-pptx: the only module that touches PowerPoint objects."""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu, Pt

from aligndeck.edits.digest import attach_digest
from aligndeck.plan.model import (
    Arrow,
    Box,
    Chart,
    Colour,
    DeckPlan,
    Diagram,
    Paragraph,
    Picture,
    Run,
    SlidePlan,
    Table,
    Text,
    TextFrame,
)
from aligndeck.plan.text import (
    complex_script_font,
    east_asian_font,
    figures_font,
    has_east_asian,
    is_rtl_text,
    isolate_numbers,
    join_numbers,
    language_of,
    rtl_script,
)
from aligndeck.plan.theme import SCHEME_SLOT, Theme
from aligndeck.render import reuse, sites, xml
from aligndeck.render.builtin import prepare_package
from aligndeck.render.data import add_chart, add_table
from aligndeck.render.families import FAMILY_OF_KIND
from aligndeck.render.groups import child_extents
from aligndeck.render.package import save_presentation
from aligndeck.render.paragraphs import RunSpec
from aligndeck.render.paragraphs import paragraph as write_paragraph
from aligndeck.render.properties import set_properties
from aligndeck.render.reuse import Reuse
from aligndeck.render.slides import SlideAdder

if TYPE_CHECKING:
    from aligndeck.render.template_cache import Template

# Layouts of python-pptx's default template, for the built-in themes: title slide (centred
# title + subtitle), title and content, title only; and which placeholder takes each role.
_BUILT_IN_LAYOUTS = {
    "cover": (0, {"title": 0, "subtitle": 1, "footer": 11, "number": 12}),
    "content": (1, {"title": 0, "body": 1, "footer": 11, "number": 12}),
    "diagram": (5, {"title": 0, "footer": 11, "number": 12}),
}


@dataclass(frozen=True)
class _Target:
    """Where slides go: the layout of each slide family and its placeholder slots."""

    layouts: dict[str, tuple[Any, dict[str, int]]]
    theme: Theme
    assets: Mapping[str, Path]
    adder: SlideAdder
    inherited: dict[tuple[str, int], tuple[int, int, int, int] | None]
    """Placeholder rectangles slides inherit from their layouts, looked up once a build."""
    latent: dict[tuple[str, int], Any]
    """Each layout's footer and slide-number placeholders as cloned once, to copy."""
    when: dt.datetime
    """The build time, stamped into every embedded chart workbook too."""
    reuse: Reuse
    """The slides the last render in this process drew, to save again where unchanged."""


_SPPR, _NVSPPR, _TXBODY, _CNVPR, _BODYPR = map(xml.qn, ("p:spPr", "p:nvSpPr", "p:txBody",
                                                        "p:cNvPr", "a:bodyPr"))
_CONNECTION_SITE = {"top": 0, "left": 1, "bottom": 2, "right": 3}
"""python-pptx's connection-point indices for rectangles and rounded rectangles."""


def render_deck(plan: DeckPlan, theme: Theme, path: Path, when: dt.datetime,
                template: Template | None = None, assets: Mapping[str, Path] | None = None
                ) -> int:
    """Write the planned deck to `path` (atomically), into `template` when given (its
    masters, layouts and theme kept) or python-pptx's default package restyled with the
    built-in theme; returns the file size in bytes."""
    if template is None:
        presentation = Presentation()
        prepare_package(presentation, plan, theme)
        layouts = {family: (presentation.slide_layouts[index], slots)
                   for family, (index, slots) in _BUILT_IN_LAYOUTS.items()}
    else:
        presentation = template.presentation
        layouts = {family: (choice.layout, choice.slots)
                   for family, choice in template.choices.items()}
    set_properties(presentation, plan, when)
    # A slide's drawing depends on its plan, its place and these (render/reuse.py).
    drawn = Reuse(None if template is not None else
                  ("built-in", theme, plan.width, plan.height, plan.language))
    # The built-in package's layouts are the same for a size and theme (render/reuse.py).
    made = (plan.width, plan.height, theme) if template is None else None
    adder = SlideAdder(presentation, reuse.skeletons(made) if made else None)
    target = _Target(layouts, theme, assets or {}, adder, {}, {}, when, drawn)
    for index, slide_plan in enumerate(plan.slides):
        _render_slide(presentation, slide_plan, target, plan.language, index)
    xml.set_sections(presentation.part._element,
                     [(s.section, int(i.id)) for s, i in
                      zip(plan.slides, presentation.slides._sldIdLst, strict=True)])
    # What was written, kept inside the deck, so a rebuild notices hand edits (edits/).
    shots = attach_digest(presentation, plan, theme, drawn.shots)
    written: dict[str, bytes] = {}
    size = save_presentation(presentation, path, when, drawn.overrides, written)
    drawn.saved(plan.slides, written, shots)
    if made:
        reuse.keep_skeletons(made, adder.skeletons)
    return size


def _stand_in(part: Any, proxy: str, blob: bytes) -> None:
    """Put a part's kept XML in place of the empty one it was made with, and drop the
    proxy python-pptx made of the empty one (a lazy property kept on the part)."""
    part._element = parse_xml(blob)
    part.__dict__.pop(proxy, None)


def _render_slide(presentation: Any, plan: SlidePlan, target: _Target, language: str,
                  index: int) -> None:
    layout, slots = target.layouts[FAMILY_OF_KIND[plan.kind]]
    slide = target.adder.add_slide(layout)
    partname = slide.part.partname
    names = [str(partname), str(partname.rels_uri), target.adder.next_notes_name()]
    if target.reuse.take(index, plan, names):
        for element in plan.elements:  # its media and notes parts, made and related as before
            if isinstance(element, Picture):
                slide.part.get_or_add_image_part(str(target.assets[element.asset]))
        notes = target.adder.add_notes_slide(slide)
        if index not in target.reuse.shots:
            # The kept XML stands in the parts too, so what reads the deck before it is
            # saved (the digest of what was written, edits/) sees the slide as drawn; with
            # the slide's kept snapshot, the digest does not read it.
            _stand_in(slide.part, "slide", target.reuse.overrides[names[0]])
            _stand_in(notes.part, "notes_slide", target.reuse.overrides[names[2]])
        return
    tree = slide.shapes._spTree
    placeholders = _placeholder_elements(tree)
    used: set[int] = set()
    built = {name for click in plan.builds for name in click}
    # Screen readers and the outline view read shapes in document order: title first.
    ordered = sorted(plan.elements,
                     key=lambda e: not (isinstance(e, Text) and e.placeholder == "title"))
    for element in ordered:
        idx = slots.get(element.placeholder) if isinstance(element, Text) and \
            element.placeholder else None
        if idx is not None and idx not in placeholders:
            # Footer and slide number are latent placeholders python-pptx does not copy.
            latent = _latent(slide, tree, layout, idx, target)
            if latent is not None:
                placeholders[idx] = latent
        if isinstance(element, Text) and idx is not None and idx in placeholders:
            sp = placeholders[idx]
            used.add(idx)
            sppr = sp.find(_SPPR)  # found with lxml: python-pptx's properties cost more
            if _inherited_rect(sppr, layout, idx, target) != (
                    element.rect.x, element.rect.y, element.rect.w, element.rect.h):
                xml.set_xfrm(sppr, element.rect.x, element.rect.y, element.rect.w,
                             element.rect.h)
            sp.find(_NVSPPR).find(_CNVPR).set("name", element.name)
            body = sp.find(_TXBODY)
            _write_body(sp.get_or_add_txBody() if body is None else body, slide.part,
                        element.frame, target, language, element.styled)
        elif isinstance(element, Text):
            shape = slide.shapes.add_textbox(*_xywh(element.rect))
            shape.name = element.name
            _write_body(shape.text_frame._txBody, slide.part, element.frame, target, language,
                        True)
        elif isinstance(element, Box):
            _add_box(slide.shapes, element, target, language)
        elif isinstance(element, Picture):
            picture = slide.shapes.add_picture(str(target.assets[element.asset]),
                                               *_xywh(element.rect))
            picture.name = element.name
            xml.set_descr(picture.element, element.alt)
        elif isinstance(element, Diagram):
            # PowerPoint cannot animate the shapes inside a group one by one: a diagram
            # that builds click by click is drawn ungrouped, each box with its own alt text.
            _add_diagram(slide.shapes, element, target, language,
                         grouped=not any(box.name in built for box in element.boxes))
        elif isinstance(element, Table):
            add_table(slide.shapes, element,
                      lambda body, frame: _write_body(body, slide.part, frame, target,
                                                      language, True),
                      lambda colour: _colour(colour, target))
        elif isinstance(element, Chart):
            add_chart(slide.shapes, element, lambda colour: _colour(colour, target),
                      target.when)
    for idx, sp in placeholders.items():
        if idx not in used:
            tree.remove(sp)
    if plan.builds:
        ids = {shape.name: shape.shape_id for shape in slide.shapes}
        text_ids = {shape.shape_id for shape in slide.shapes if shape.has_text_frame}
        xml.set_click_builds(slide.element, [[ids[name] for name in click]
                                             for click in plan.builds], text_ids)
    target.adder.set_notes(slide, plan.notes)


def _placeholder_elements(tree: Any) -> dict[int, Any]:
    """The slide's placeholder `p:sp` elements by idx (read straight from the XML)."""
    found = {}
    for sp in tree.iterchildren(xml.qn("p:sp")):
        ph = sp.find(f"{xml.qn('p:nvSpPr')}/{xml.qn('p:nvPr')}/{xml.qn('p:ph')}")
        if ph is not None:
            found[int(ph.get("idx", "0"))] = sp
    return found


def _latent(slide: Any, tree: Any, layout: Any, idx: int, target: _Target) -> Any:
    """A copy of the layout's footer or slide-number placeholder on the slide, made with
    python-pptx the first time for each layout and copied after; None if there is none."""
    key = (str(layout.part.partname), idx)
    if key not in target.latent:
        source = next((ph for ph in layout.placeholders
                       if ph.placeholder_format.idx == idx), None)
        if source is None:
            target.latent[key] = None
            return None
        slide.shapes.clone_placeholder(source)
        target.latent[key] = copy.deepcopy(_placeholder_elements(slide.shapes._spTree)[idx])
        return _placeholder_elements(slide.shapes._spTree)[idx]
    template = target.latent[key]
    if template is None:
        return None
    element = copy.deepcopy(template)
    element.find(_NVSPPR).find(_CNVPR).set("id", str(xml.next_shape_id(tree)))
    tree.append(element)
    return element


def _inherited_rect(sppr: Any, layout: Any, idx: int, target: _Target
                    ) -> tuple[int, int, int, int] | None:
    """A placeholder's rectangle: its own, or (asked once per layout and placeholder, as
    python-pptx's lookup through layout and master is slow) the one it inherits."""
    xfrm = sppr.find(xml.qn("a:xfrm"))
    if xfrm is not None:
        off, ext = xfrm.find(xml.qn("a:off")), xfrm.find(xml.qn("a:ext"))
        return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    key = (str(layout.part.partname), idx)
    if key not in target.inherited:
        source = next((ph for ph in layout.placeholders
                       if ph.placeholder_format.idx == idx), None)
        target.inherited[key] = None if source is None or source.left is None else (
            int(source.left), int(source.top), int(source.width), int(source.height))
    return target.inherited[key]


def _xywh(rect: Any) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h)


def _colour(colour: Colour, target: _Target) -> tuple[str, int, bool]:
    """The theme colour reference for a role: mapped name (tx1, bg1, accent1, …), tint, and
    whether the tint darkens."""
    return SCHEME_SLOT[colour.role], target.theme.tint(colour), target.theme.shades


def _add_box(shapes: Any, box: Box, target: _Target, language: str) -> Any:
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if box.radius else MSO_SHAPE.RECTANGLE
    shape = shapes.add_shape(kind, *_xywh(box.rect))
    shape.name = box.name
    xml.drop_style(shape.element)
    text_rect_inset = 0
    if box.geometry and box.geometry != "roundRect":
        xml.set_preset(shape.element.spPr, box.geometry, box.flip)
    elif box.radius:
        adjust = min(0.5, box.radius / min(box.rect.w, box.rect.h))
        shape.adjustments[0] = adjust
        text_rect_inset = math.ceil(ROUND_RECT_TEXT_INSET * adjust * min(box.rect.w, box.rect.h))
    sppr = shape.element.spPr
    if box.fill is None:
        xml.set_no_fill(sppr)
    else:
        xml.set_solid_fill(sppr, *_colour(box.fill, target))
    if box.line is None:
        xml.set_line(sppr, None, 0, False, 0)
    else:
        xml.set_line(sppr, *_colour(box.line, target), Pt(box.line_width), dash=box.dash)
    frame = box.frame or TextFrame(())
    _write_body(shape.text_frame._txBody, shape.part, frame, target, language, True,
                geometry_inset=text_rect_inset)
    return shape


def _add_flow_arrow(shapes: Any, arrow: Arrow, boxes: dict[str, tuple[Box, Any]],
                    target: _Target, extra: dict[str, list[sites.Site]]) -> None:
    """A flowchart's connector: straight or one elbow along the planned route, glued to
    the sites of each box's preset (or the `extra` ones it ends at), with the link's own
    ends and dashes."""
    (bx, by), (ex, ey) = arrow.begin, arrow.finish
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(bx), Emu(by), Emu(ex), Emu(ey))
    connector.name = arrow.name
    xml.drop_style(connector.element)
    if arrow.route:
        xml.set_elbow(connector.element, list(arrow.route))
    start, start_shape = boxes[arrow.start]
    end, end_shape = boxes[arrow.end]
    xml.glue(connector.element, (start_shape.shape_id, sites.glued_site(
        start, arrow.start_side, arrow.begin, extra.get(arrow.start, []))),
             (end_shape.shape_id, sites.glued_site(end, arrow.end_side, arrow.finish,
                                                   extra.get(arrow.end, []))))
    xml.set_line(connector.element.spPr, *_colour(arrow.colour, target), Pt(arrow.width),
                 head=arrow.tail, tail=arrow.head, dash=arrow.dash)


def _add_arrow(shapes: Any, arrow: Arrow, boxes: dict[str, Any], target: _Target) -> None:
    (bx, by), (ex, ey) = arrow.begin, arrow.finish
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(bx), Emu(by), Emu(ex), Emu(ey))
    connector.name = arrow.name
    xml.drop_style(connector.element)
    connector.begin_connect(boxes[arrow.start], _CONNECTION_SITE[arrow.start_side])
    connector.end_connect(boxes[arrow.end], _CONNECTION_SITE[arrow.end_side])
    xml.set_line(connector.element.spPr, *_colour(arrow.colour, target), Pt(arrow.width),
                 arrow=True)


def _add_diagram(shapes: Any, diagram: Diagram, target: _Target, language: str, *,
                 grouped: bool = True) -> None:
    if grouped:
        group = shapes.add_group_shape()
        group.name = diagram.name
        xml.set_descr(group.element, diagram.alt_text)
        shapes = group.shapes
        shapes._recalculate_extents = _LastExtents(
            shapes, len(diagram.boxes) + len(diagram.arrows) + len(diagram.labels))
    boxes = {box.name: _add_box(shapes, box, target, language) for box in diagram.boxes}
    planned = {box.name: box for box in diagram.boxes}
    extra = sites.extra_sites(diagram)
    for name, more in extra.items():  # a port: the same outline with sites of its own
        box = planned[name]
        xml.set_sites(boxes[name].element.spPr, box.rect.w, box.rect.h, 0 if (
            box.geometry == "rect") else min(box.radius, box.rect.w // 2, box.rect.h // 2),
            more)
    for arrow in diagram.arrows:
        if planned[arrow.start].geometry:
            _add_flow_arrow(shapes, arrow, {name: (planned[name], shape) for name, shape
                                            in boxes.items()}, target, extra)
        else:
            _add_arrow(shapes, arrow, boxes, target)
    for label in diagram.labels:
        boxes[label.name] = _add_box(shapes, label, target, language)
    if grouped and any(arrow.route for arrow in diagram.arrows):
        _fit_group(group, diagram)
    if not grouped:
        for number, shape in enumerate(boxes.values(), 1):
            text = " ".join(shape.text_frame.text.split())
            xml.set_descr(shape.element, f"{diagram.alt_text} — box {number}: {text}")


class _LastExtents:
    """python-pptx recomputes a group's frame from all its shapes after adding each one
    (quadratic in the shapes); each overwrites the last, so only the last counts. Put in
    place of a group's `_recalculate_extents`, this does that one at the same moment."""

    def __init__(self, shapes: Any, count: int) -> None:
        self.shapes, self.left = shapes, count

    def __call__(self) -> None:
        self.left -= 1
        if self.left <= 0:  # what python-pptx sets, its children read from the XML
            xml.set_group_frame(self.shapes._spTree, *child_extents(self.shapes._spTree))


def _fit_group(group: Any, diagram: Diagram) -> None:
    """A group's frame around what it draws. python-pptx sums its children's stored boxes,
    and a turned connector stores its box unturned (docs/notes/flowchart-connectors.md)."""
    rects = [b.rect for b in (*diagram.boxes, *diagram.labels)]
    xs = [r.x for r in rects] + [r.right for r in rects]
    ys = [r.y for r in rects] + [r.bottom for r in rects]
    for arrow in diagram.arrows:
        for x, y in arrow.route or (arrow.begin, arrow.finish):
            xs.append(x)
            ys.append(y)
    xml.set_group_frame(group.element, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


_ANCHOR_VALUE = {"top": "t", "middle": "ctr", "bottom": "b"}
_ALIGN_VALUE = {"left": "l", "center": "ctr", "right": "r"}
_MIRRORED: dict[str, Literal["left", "center", "right"]] = {
    "left": "right", "center": "center", "right": "right"}
"""A right-to-left paragraph starts at the right: what the plan set at the start (left)
goes to the right; centred and right-aligned text stays where it is."""
_FONT_REF = {"heading": "+mj-lt", "body": "+mn-lt"}


ROUND_RECT_TEXT_INSET = 0.29289
"""A rounded rectangle's text area is inset from its edges by 1 - cos 45° of the corner
radius (the `a:rect` of `roundRect` in the spec's preset shapes), before the body's own
insets; PowerPoint and LibreOffice both honour it. See docs/notes/rounded-box-text.md."""


def _write_body(body: Any, part: Any, frame: TextFrame, target: _Target, language: str,
                styled: bool, geometry_inset: int = 0) -> None:
    """Write a planned text frame straight into its `p:txBody` (python-pptx's run and font
    proxies cost more than the XML they write, and a long deck writes tens of thousands):
    explicit insets and anchor, autofit off, then the paragraphs."""
    # The shape's geometry already takes `geometry_inset` off each side: the body adds the
    # rest, so the text gets exactly the width the plan fitted it to.
    xml.set_body(body.find(_BODYPR), anchor=_ANCHOR_VALUE[frame.anchor],
                 inset=max(0, frame.inset - geometry_inset), narrowed=frame.narrowed)
    for old in body.findall(xml.qn("a:p")):
        body.remove(old)
    for paragraph in frame.paragraphs or (Paragraph(()),):
        body.append(_paragraph(body, paragraph, target, language, styled, part))


def _with_figures_apart(runs: Sequence[Run], rtl: bool) -> list[tuple[Run, str]]:
    """Each run with the text to write (a number keeps its unit with a no-break space, where
    PowerPoint breaks at every space; a signed one is isolated in a right-to-left
    paragraph), and in a right-to-left paragraph the figures of a run (stretches with a digit
    and no right-to-left letter: "\u2066-49.6%\u2069", "2024", the "-10%" of "ב-10%") split
    off into runs of their own, drawn in the font they were measured in (not Noto Sans
    Hebrew's, which has no digits)."""
    out: list[tuple[Run, str]] = []
    for run in runs:
        text = join_numbers(isolate_numbers(run.text) if rtl else run.text)
        if not rtl or run.field is not None or not any(map(rtl_script, text)) or \
                not any(ch.isdigit() for ch in text):
            out.append((run, text))
            continue
        pieces: list[tuple[str, bool]] = []
        for token in _TOKEN.findall(text):
            figure = token[0] != " " and any(ch.isdigit() for ch in token) and \
                not any(map(rtl_script, token))
            if pieces and pieces[-1][1] == figure:
                pieces[-1] = (pieces[-1][0] + token, figure)
            else:
                pieces.append((token, figure))
        out += [(replace(run, text=piece), piece) for piece, _ in pieces]
    return out


_RTL = "\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_TOKEN = re.compile(f"[^ {_RTL}]+|[{_RTL}]+| +")


def _paragraph(body: Any, paragraph: Paragraph, target: _Target, language: str,
               styled: bool, part: Any) -> Any:
    """One `a:p`. Unstyled paragraphs (a template's placeholders) keep the template's
    colours, fonts and weights: only sizes, spacing and bullets are written."""
    runs = []
    # East Asian closing punctuation may otherwise hang past the line's end, outside the
    # width the text was measured for: hangingPunct="0".
    rtl = is_rtl_text("".join(r.text for r in paragraph.runs), language)
    for run, text in _with_figures_apart(paragraph.runs, rtl):
        lang = language_of(run.text, language)
        figures = None
        if rtl and not any(ch.isalpha() for ch in text):
            # Figures ("-49.6%") in a right-to-left paragraph are drawn from the complex-script
            # slot (Noto Sans Arabic has no "%", Noto Sans Hebrew no digits): runs of their
            # own that name the font they were measured in there too (figures_font).
            figures = figures_font(target.theme.code_font if run.font == "code" else
                                   target.theme.heading_font if run.font == "heading"
                                   else target.theme.body_font, lang)
        font = target.theme.code_font if run.font == "code" else _FONT_REF[run.font]
        link = None
        if run.link and run.field is None:
            link = part.relate_to(run.link, RT.HYPERLINK, is_external=True)
        runs.append(RunSpec(
            text=text,
            size=round(run.size * 100),
            bold=run.bold if styled else None, italic=(run.italic or None) if styled else None,
            colour=_colour(run.colour, target) if styled else None,
            caps=run.caps, spacing=round(run.spacing * 100),
            font=font if styled or run.font == "code" else None, lang=lang,
            # A template's placeholders keep its East Asian font (its layouts may set one);
            # the run's language still picks the theme's script font where they set none.
            east_asian=east_asian_font(lang) if styled and has_east_asian(run.text) else None,
            complex_script=figures or complex_script_font(run.text),
            link=link, slide_number=run.field == "slide-number"))
    align = _MIRRORED[paragraph.align] if rtl else paragraph.align
    return write_paragraph(
        align=_ALIGN_VALUE[align] if styled or rtl else None, rtl=rtl,
        line=paragraph.line_spacing, before=paragraph.space_before,
        after=paragraph.space_after, bullet=paragraph.bullet,
        indent=target.theme.bullet_indent, bullet_colour=_colour(Colour("accent"), target),
        runs=runs)
