"""Render a DeckPlan with python-pptx: the only module that touches PowerPoint objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

from aligndeck.plan.model import (
    Arrow,
    Box,
    Colour,
    DeckPlan,
    Diagram,
    Paragraph,
    Picture,
    SlidePlan,
    Text,
    TextFrame,
)
from aligndeck.plan.scripts import east_asian_font, has_east_asian, language_of
from aligndeck.plan.theme import SCHEME_SLOT, Theme
from aligndeck.render import xml
from aligndeck.render.package import save_presentation
from aligndeck.render.template import FAMILY_OF_KIND, Template

# Layouts of python-pptx's default template, for the built-in themes: title slide (centred
# title + subtitle), title and content, title only; and which placeholder takes each role.
_BUILT_IN_LAYOUTS = {
    "cover": (0, {"title": 0, "subtitle": 1}),
    "content": (1, {"title": 0, "body": 1, "footer": 11, "number": 12}),
    "diagram": (5, {"title": 0, "footer": 11, "number": 12}),
}


@dataclass(frozen=True)
class _Target:
    """Where slides go: the layout of each slide family and its placeholder slots."""

    layouts: dict[str, tuple[Any, dict[str, int]]]
    theme: Theme
    assets: Mapping[str, Path]


_CONNECTION_SITE = {"top": 0, "left": 1, "bottom": 2, "right": 3}
"""python-pptx's connection-point indices for rectangles and rounded rectangles."""

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def render_deck(plan: DeckPlan, theme: Theme, path: Path, when: dt.datetime,
                template: Template | None = None, assets: Mapping[str, Path] | None = None
                ) -> int:
    """Write the planned deck to `path` (atomically), into `template` when given (its
    masters, layouts and theme kept) or python-pptx's default package restyled with the
    built-in theme; returns the file size in bytes."""
    if template is None:
        presentation = Presentation()
        _prepare_package(presentation, plan, theme)
        layouts = {family: (presentation.slide_layouts[index], slots)
                   for family, (index, slots) in _BUILT_IN_LAYOUTS.items()}
    else:
        presentation = template.presentation
        layouts = {family: (choice.layout, choice.slots)
                   for family, choice in template.choices.items()}
    _set_properties(presentation, plan, when)
    target = _Target(layouts, theme, assets or {})
    for slide_plan in plan.slides:
        _render_slide(presentation, slide_plan, target, plan.language)
    xml.set_sections(presentation.part._element,
                     [(s.section, int(i.id)) for s, i in
                      zip(plan.slides, presentation.slides._sldIdLst, strict=True)])
    return save_presentation(presentation, path, when)


def _prepare_package(presentation: Any, plan: DeckPlan, theme: Theme) -> None:
    """python-pptx's default package made ours: slide size, theme part, colour map."""
    old_width = presentation.slide_width
    presentation.slide_width = Emu(plan.width)
    presentation.slide_height = Emu(plan.height)
    # The template's master and layouts are drawn for 4:3; stretch them to the new width so
    # that slides a presenter adds later in PowerPoint are laid out for it too.
    scale = plan.width / old_width
    master = presentation.slide_masters[0]
    for part in (master, *master.slide_layouts):
        for shape in part.placeholders:
            shape.left = Emu(round(shape.left * scale))
            shape.width = Emu(round(shape.width * scale))
    theme_part = master.part.part_related_by(RT.THEME)
    colours = {slot: getattr(theme.palette, slot) for slot in (
        "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
        "accent6", "hlink", "folHlink")}
    theme_part._blob = xml.rewrite_theme(
        theme_part.blob, f"aligndeck {theme.name}", colours, theme.heading_font, theme.body_font)
    # A dark theme swaps ink and background through the master's colour map, the way
    # PowerPoint's own dark themes do, so every tx1/bg1 reference follows.
    xml.set_colour_map(master.element, theme.colour_map)
    # The template's thumbnail shows a slide from another deck: drop it.
    package = presentation.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rel.rId)


def _set_properties(presentation: Any, plan: DeckPlan, when: dt.datetime) -> None:
    props = presentation.core_properties
    props.title = plan.title[:255]  # the core-properties limit python-pptx enforces
    props.author = (plan.author or "")[:255]
    props.subject = ""
    props.comments = "Built with aligndeck"
    props.last_modified_by = "aligndeck"
    props.revision = 1
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)


def _render_slide(presentation: Any, plan: SlidePlan, target: _Target, language: str) -> None:
    layout, slots = target.layouts[FAMILY_OF_KIND[plan.kind]]
    slide = presentation.slides.add_slide(layout)
    latent = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
    placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    used: set[int] = set()
    built = {name for click in plan.builds for name in click}
    # Screen readers and the outline view read shapes in document order: title first.
    ordered = sorted(plan.elements,
                     key=lambda e: not (isinstance(e, Text) and e.placeholder == "title"))
    for element in ordered:
        idx = slots.get(element.placeholder) if isinstance(element, Text) and \
            element.placeholder else None
        if idx is not None and idx not in placeholders and idx in latent:
            # Footer and slide number are latent placeholders python-pptx does not copy.
            slide.shapes.clone_placeholder(latent[idx])
            placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        if isinstance(element, Text) and idx is not None and idx in placeholders:
            shape = placeholders[idx]
            used.add(idx)
            if _rect_of(shape) != (element.rect.x, element.rect.y, element.rect.w,
                                   element.rect.h):
                _place(shape, element.rect)
            shape.name = element.name
            _write_text(shape.text_frame, element.frame, target, language, element.styled)
        elif isinstance(element, Text):
            shape = slide.shapes.add_textbox(*_xywh(element.rect))
            shape.name = element.name
            _write_text(shape.text_frame, element.frame, target, language, True)
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
    for idx, shape in placeholders.items():
        if idx not in used:
            shape.element.getparent().remove(shape.element)
    if plan.builds:
        ids = {shape.name: shape.shape_id for shape in slide.shapes}
        text_ids = {shape.shape_id for shape in slide.shapes if shape.has_text_frame}
        xml.set_click_builds(slide.element, [[ids[name] for name in click]
                                             for click in plan.builds], text_ids)
    slide.notes_slide.notes_text_frame.text = plan.notes


class _SlideNumber:
    """A slide-number field (`a:fld type="slidenum"`) with the run interface used above."""

    def __init__(self, paragraph: Any, text: str) -> None:
        from pptx.text.text import Font

        self._r = xml.add_slide_number_field(paragraph._p, text)
        self.font = Font(self._r.get_or_add_rPr())

    @property
    def text(self) -> str:
        return str(self._r.t.text)

    @text.setter
    def text(self, value: str) -> None:
        self._r.t.text = value


def _rect_of(shape: Any) -> tuple[int, int, int, int] | None:
    if shape.left is None:
        return None
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def _xywh(rect: Any) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h)


def _place(shape: Any, rect: Any) -> None:
    shape.left, shape.top, shape.width, shape.height = _xywh(rect)


def _colour(colour: Colour, target: _Target) -> tuple[str, int, bool]:
    """The theme colour reference for a role: mapped name (tx1, bg1, accent1, …), tint, and
    whether the tint darkens."""
    return SCHEME_SLOT[colour.role], target.theme.tint(colour), target.theme.shades


def _add_box(shapes: Any, box: Box, target: _Target, language: str) -> Any:
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if box.radius else MSO_SHAPE.RECTANGLE
    shape = shapes.add_shape(kind, *_xywh(box.rect))
    shape.name = box.name
    xml.drop_style(shape.element)
    if box.radius:
        shape.adjustments[0] = min(0.5, box.radius / min(box.rect.w, box.rect.h))
    sppr = shape.element.spPr
    if box.fill is None:
        xml.set_no_fill(sppr)
    else:
        xml.set_solid_fill(sppr, *_colour(box.fill, target))
    if box.line is None:
        xml.set_line(sppr, None, 0, False, 0)
    else:
        xml.set_line(sppr, *_colour(box.line, target), Pt(box.line_width))
    frame = box.frame or TextFrame(())
    _write_text(shape.text_frame, frame, target, language, True)
    return shape


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
    boxes = {box.name: _add_box(shapes, box, target, language) for box in diagram.boxes}
    for arrow in diagram.arrows:
        _add_arrow(shapes, arrow, boxes, target)
    if not grouped:
        for number, shape in enumerate(boxes.values(), 1):
            text = " ".join(shape.text_frame.text.split())
            xml.set_descr(shape.element, f"{diagram.alt_text} — box {number}: {text}")


def _write_text(text_frame: Any, frame: TextFrame, target: _Target, language: str,
                styled: bool) -> None:
    text_frame.word_wrap = True
    text_frame.auto_size = None
    body_pr = text_frame._txBody.bodyPr
    for tag in ("a:spAutoFit", "a:normAutofit", "a:noAutofit"):
        for child in body_pr.findall(xml.qn(tag)):
            body_pr.remove(child)
    body_pr.append(body_pr.makeelement(xml.qn("a:noAutofit"), {}))
    inset = Emu(frame.inset)
    text_frame.margin_left = text_frame.margin_right = inset
    text_frame.margin_top = text_frame.margin_bottom = inset
    text_frame.vertical_anchor = _ANCHOR[frame.anchor]
    paragraphs = frame.paragraphs or (Paragraph(()),)
    for index, paragraph in enumerate(paragraphs):
        into = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        _write_paragraph(into, paragraph, target, language, styled)


def _write_paragraph(into: Any, paragraph: Paragraph, target: _Target, language: str,
                     styled: bool) -> None:
    """Write a planned paragraph. Unstyled ones (a template's placeholders) keep the
    template's colours, fonts and weights: only sizes, spacing and bullets are written."""
    into.alignment = _ALIGN[paragraph.align] if styled else None
    ppr = into._p.get_or_add_pPr()
    # East Asian closing punctuation may otherwise hang past the line's end, outside the
    # width the text was measured for.
    ppr.set("hangingPunct", "0")
    xml.set_spacing(ppr, line=paragraph.line_spacing, before_pt=paragraph.space_before,
                    after_pt=paragraph.space_after)
    xml.set_bullet(ppr, bullet=paragraph.bullet, indent_emu=target.theme.bullet_indent,
                   colour=_colour(Colour("accent"), target))
    for run in paragraph.runs:
        r = _SlideNumber(into, run.text) if run.field == "slide-number" else into.add_run()
        r.text = run.text
        r.font.size = Pt(run.size)
        rpr = r._r.get_or_add_rPr()
        lang = language_of(run.text, language)
        east_asian = east_asian_font(lang) if has_east_asian(run.text) else None
        if styled:
            r.font.bold = run.bold
            r.font.italic = run.italic or None
            xml.set_run_colour(rpr, *_colour(run.colour, target))
        font_ref = {"heading": "+mj-lt", "body": "+mn-lt",
                    "code": target.theme.code_font}[run.font]
        xml.set_run_extras(rpr, caps=run.caps, spacing_pt=run.spacing,
                           font_ref=font_ref if styled or run.font == "code" else None,
                           lang=lang, east_asian=east_asian)
        if run.link and not isinstance(r, _SlideNumber):
            r.hyperlink.address = run.link
