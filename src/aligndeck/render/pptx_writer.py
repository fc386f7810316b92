"""Render a DeckPlan with python-pptx: the only module that touches PowerPoint objects."""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    SlidePlan,
    Table,
    Text,
    TextFrame,
)
from aligndeck.plan.theme import PlaceholderLook, Theme
from aligndeck.render import connect, rerender, reuse, sites, xml
from aligndeck.render.builtin import prepare_package
from aligndeck.render.data import add_chart, add_table
from aligndeck.render.families import FAMILY_OF_KIND
from aligndeck.render.groups import child_extents
from aligndeck.render.package import save_presentation
from aligndeck.render.paragraphs import parsed
from aligndeck.render.properties import set_properties
from aligndeck.render.reuse import Reuse
from aligndeck.render.runs import (
    ANCHOR_VALUE,
    colour_ref,
    paragraph_markup,
    placeholder_look_of,
)
from aligndeck.render.slide_text import TextSlides, inherited_rect, placeholder_elements
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
    text: TextSlides | None
    """Writes slides of placeholder text as markup (render/slide_text.py), if at all."""


_SPPR, _NVSPPR, _TXBODY, _CNVPR, _BODYPR = map(xml.qn, ("p:spPr", "p:nvSpPr", "p:txBody",
                                                        "p:cNvPr", "a:bodyPr"))
_CONNECTION_SITE = {"top": 0, "left": 1, "bottom": 2, "right": 3}
"""python-pptx's connection-point indices for rectangles and rounded rectangles."""


def render_deck(plan: DeckPlan, theme: Theme, path: Path, when: dt.datetime,
                template: Template | None = None, assets: Mapping[str, Path] | None = None,
                *, as_text: bool = True) -> int:
    """Write the planned deck to `path` (atomically), into `template` when given (its
    masters, layouts and theme kept) or python-pptx's default package restyled with the
    built-in theme; returns the file size in bytes. Slides of placeholder text are
    written as markup unless not `as_text` (the same bytes: tests compare the two)."""
    if template is None:
        if (size := rerender.rerender(plan, theme, path, when)) is not None:
            return size  # a warm rebuild that draws only what changed (render/rerender.py)
        presentation = Presentation()
        prepare_package(presentation, plan, theme)
        layouts = {family: (presentation.slide_layouts[index], slots)
                   for family, (index, slots) in _BUILT_IN_LAYOUTS.items()}
    else:
        presentation = template.presentation
        layouts = {family: (choice.layout, choice.slots)
                   for family, choice in template.choices.items()}
    set_properties(presentation, plan, when)
    # A slide's drawing depends on its plan, its place and these; the built-in package's
    drawn = Reuse(None if template is not None else  # layouts on `made` (render/reuse.py).
                  ("built-in", theme, plan.width, plan.height, plan.language))
    made = (plan.width, plan.height, theme) if template is None else None
    adder = SlideAdder(presentation, reuse.skeletons(made) if made else None)
    inherited: dict[tuple[str, int], tuple[int, int, int, int] | None] = {}
    latent: dict[tuple[str, int], Any] = {}
    text = TextSlides(adder, theme, latent, inherited) if as_text else None
    target = _Target(layouts, theme, assets or {}, adder, inherited, latent, when, drawn, text)
    for index, slide_plan in enumerate(plan.slides):
        _render_slide(presentation, slide_plan, target, plan.language, index)
    xml.set_sections(presentation.part._element,
                     [(s.section, int(i.id)) for s, i in
                      zip(plan.slides, presentation.slides._sldIdLst, strict=True)])
    # What was written, kept inside the deck, so a rebuild notices hand edits (edits/).
    shots = attach_digest(presentation, plan, theme, {**(text.shots if text else {}),
                                                      **drawn.shots})
    written: dict[str, bytes] = {}
    size = save_presentation(presentation, path, when, drawn.overrides, written, drawn.members)
    drawn.saved(plan.slides, written, shots, reuse.deck_key(plan, when))
    if made:
        reuse.keep_skeletons(made, adder.skeletons)
    return size


def _stand_in(part: Any, proxy: str, blob: bytes) -> None:
    """Put a part's kept XML in place of its empty one; drop python-pptx's proxy of that."""
    part._element = parse_xml(blob)
    part.__dict__.pop(proxy, None)


def _render_slide(presentation: Any, plan: SlidePlan, target: _Target, language: str,
                  index: int) -> None:
    layout, slots = target.layouts[FAMILY_OF_KIND[plan.kind]]
    names = target.adder.next_names()
    if target.reuse.take(index, plan, names):
        slide = target.adder.add_slide(layout)
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
    if target.text is not None and target.text.write(index, plan, layout, slots, language):
        return
    slide = target.adder.add_slide(layout)
    tree = slide.shapes._spTree
    placeholders = placeholder_elements(tree.iterchildren())
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
            if inherited_rect(sppr, layout, idx, target.inherited) != (
                    element.rect.x, element.rect.y, element.rect.w, element.rect.h):
                xml.set_xfrm(sppr, element.rect.x, element.rect.y, element.rect.w,
                             element.rect.h)
            sp.find(_NVSPPR).find(_CNVPR).set("name", element.name)
            body = sp.find(_TXBODY)
            _write_body(sp.get_or_add_txBody() if body is None else body, slide.part,
                        element.frame, target, language, element.styled,
                        look=placeholder_look_of(target.theme, plan.kind, element))
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
        cloned = placeholder_elements(slide.shapes._spTree.iterchildren())[idx]
        target.latent[key] = copy.deepcopy(cloned)
        return cloned
    template = target.latent[key]
    if template is None:
        return None
    element = copy.deepcopy(template)
    element.find(_NVSPPR).find(_CNVPR).set("id", str(xml.next_shape_id(tree)))
    tree.append(element)
    return element


def _xywh(rect: Any) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h)


def _colour(colour: Colour, target: _Target) -> tuple[str, int, bool]:
    """The theme colour reference for a role: mapped name (tx1, bg1, accent1, …), tint, and
    whether the tint darkens."""
    return colour_ref(colour, target.theme)


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
        connect.set_corner(shape.element, adjust)
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
    connect.glue_ends(connector.element,
                      (boxes[arrow.start].element, _CONNECTION_SITE[arrow.start_side]),
                      (boxes[arrow.end].element, _CONNECTION_SITE[arrow.end_side]))
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


ROUND_RECT_TEXT_INSET = 0.29289
"""A rounded rectangle's text area is inset from its edges by 1 - cos 45° of the corner
radius (the `a:rect` of `roundRect` in the spec's preset shapes), before the body's own
insets; PowerPoint and LibreOffice both honour it. See docs/notes/rounded-box-text.md."""


def _write_body(body: Any, part: Any, frame: TextFrame, target: _Target, language: str,
                styled: bool, geometry_inset: int = 0,
                look: PlaceholderLook | None = None) -> None:
    """Write a planned text frame straight into its `p:txBody` (python-pptx's run and font
    proxies cost more than the XML they write, and a long deck writes tens of thousands):
    explicit insets and anchor, autofit off, then the paragraphs."""
    # The shape's geometry already takes `geometry_inset` off each side: the body adds the
    # rest, so the text gets exactly the width the plan fitted it to.
    xml.set_body(body.find(_BODYPR), anchor=ANCHOR_VALUE[frame.anchor],
                 sides=xml.body_sides(max(0, frame.inset - geometry_inset), frame.narrowed))
    for old in body.findall(xml.qn("a:p")):
        body.remove(old)
    for paragraph in frame.paragraphs or (Paragraph(()),):
        body.append(_paragraph(body, paragraph, target, language, styled, part, look))


def _paragraph(body: Any, paragraph: Paragraph, target: _Target, language: str,
               styled: bool, part: Any, look: PlaceholderLook | None) -> Any:
    """One `a:p` (render/runs.py), its links related to the slide's part."""
    markup, runs = paragraph_markup(
        paragraph, target.theme, language, styled,
        lambda address: str(part.relate_to(address, RT.HYPERLINK, is_external=True)), look)
    return parsed(markup, runs)
