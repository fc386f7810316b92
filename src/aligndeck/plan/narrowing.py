"""The plan's last step: text set a little narrower where a renderer that kerns would pull a
word up onto a line (text/kerning.py), so PowerPoint, LibreOffice and the browser all break
every line where the plan did."""

from __future__ import annotations

from dataclasses import replace

from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    DeckPlan,
    Diagram,
    Element,
    Emu,
    SlidePlan,
    Table,
    Text,
    TextFrame,
    text_rect,
)
from aligndeck.plan.slides import KINDS
from aligndeck.plan.text.kerning import near_miss_trim
from aligndeck.plan.text.scripts import is_rtl_language
from aligndeck.plan.theme import PlaceholderLook, Theme

__all__ = ["drawn_frame", "narrow_frames"]


def drawn_frame(theme: Theme, family: str, text: Text
                ) -> tuple[TextFrame, str | None, PlaceholderLook | None]:
    """A text frame as the renderers draw it: a template's placeholder sets its text as its
    layout styles it (the .pptx writes only sizes there; PowerPoint's defaults: left, not
    bold), in the placeholder's own typeface. Returns the frame, that typeface (None: the
    theme's heading and body fonts) and the placeholder's look (None: the plan's own)."""
    look = theme.frame(family).look(text.placeholder) \
        if theme.frames is not None and text.placeholder and not text.styled else None
    if look is None:
        return text.frame, None, None
    bold = bool(look.bold)
    frame = replace(text.frame, paragraphs=tuple(
        replace(p, align=look.align or "left", runs=tuple(replace(r, bold=bold)
                                                          for r in p.runs))
        for p in text.frame.paragraphs))
    face = next((pair.latin for name, pair in theme.frame(family).fonts
                 if name == text.placeholder), None)
    return frame, face, look


def _narrowed(frame: TextFrame, drawn: TextFrame, width: Emu, face: str | None,
              theme: Theme) -> TextFrame:
    fonts = {"heading": face or theme.heading_font, "body": face or theme.body_font,
             "code": theme.code_font}
    trim = near_miss_trim(drawn, width - 2 * frame.inset, fonts,
                          theme.bullet_indent / EMU_PER_PT)
    if not trim:
        return frame
    aligns = {p.align for p in drawn.paragraphs if p.runs}
    # Off the side the text does not align to, so it stays where it was; centred: both.
    sides = ((trim // 2, trim - trim // 2) if aligns == {"center"}
             else (trim, 0) if aligns == {"right"} else (0, trim))
    return replace(frame, narrowed=(Emu(sides[0]), Emu(sides[1])))


def _box(box: Box, theme: Theme) -> Box:
    if box.frame is None:
        return box
    frame = _narrowed(box.frame, box.frame, text_rect(box).w, None, theme)
    return box if frame is box.frame else replace(box, frame=frame)


def _table(table: Table, theme: Theme) -> Table:
    """The table with each cell's text narrowed as a text box's is, inside the cell's
    inset (a cell "The model, / against a written / constitution" on the Puccia template
    was "The model, against / …" in LibreOffice)."""
    width = table.columns
    cells = tuple(tuple(_narrowed(cell, cell, width[j] - 2 * table.inset[0], None, theme)
                        for j, cell in enumerate(row)) for row in table.cells)
    if all(new is old for row, old_row in zip(cells, table.cells, strict=True)
           for new, old in zip(row, old_row, strict=True)):
        return table
    return replace(table, cells=cells)


def _element(element: Element, family: str, theme: Theme) -> Element:
    if isinstance(element, Text):
        drawn, face, _ = drawn_frame(theme, family, element)
        frame = _narrowed(element.frame, drawn, element.rect.w, face, theme)
        return element if frame is element.frame else replace(element, frame=frame)
    if isinstance(element, Box):
        return _box(element, theme)
    if isinstance(element, Table):
        return _table(element, theme)
    if isinstance(element, Diagram):
        return replace(element, boxes=tuple(_box(b, theme) for b in element.boxes),
                       labels=tuple(_box(b, theme) for b in element.labels))
    return element


def _slide(slide: SlidePlan, theme: Theme) -> SlidePlan:
    family = KINDS[slide.kind].family
    return replace(slide, elements=tuple(_element(e, family, theme) for e in slide.elements))


def narrow_frames(plan: DeckPlan, theme: Theme) -> DeckPlan:
    """The plan with every text frame and box text whose line breaks a kerning renderer
    could undo set narrower (TextFrame.narrowed); right-to-left decks as they are."""
    if is_rtl_language(plan.language):
        return plan
    return replace(plan, slides=tuple(_slide(slide, theme) for slide in plan.slides))
