"""How a template's title placeholder sets its text: alignment, colour and weight, as
PowerPoint inherits them (the layout's placeholder, then the master's title placeholder,
then the master's title style), so the text we add beside it (a kicker, lines under a
cover's title) lines up the same way, and the browser draws the title as the .pptx does.
(Insets need no reading: the writer sets every placeholder's to 0, as the plan measures.)"""

from __future__ import annotations

from typing import Any

from aligndeck.plan.model import Align
from aligndeck.plan.theme import Palette, PlaceholderLook
from aligndeck.render.backdrop import colour_of
from aligndeck.render.template_fonts import placeholder_fonts, styles_name_a_font
from aligndeck.render.xml import A, P

_ALIGN: dict[str, Align] = {"l": "left", "ctr": "center", "r": "right", "just": "left",
                            "dist": "left"}


def title_look(layout: Any, idx: int) -> Align:
    """The alignment of the text in the layout's placeholder `idx` (its title)."""
    chain = [_placeholder(layout._element, idx)]
    master = layout.slide_master._element
    chain.append(_master_title(master))
    align = next((a for a in (_level_align(sp) for sp in chain if sp is not None) if a), None)
    if align is None:
        style = master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr")
        align = style.get("algn") if style is not None else None
    return _ALIGN.get(align or "l", "left")


def _placeholder(part: Any, idx: int) -> Any:
    for sp in part.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and int(ph.get("idx", "0")) == idx:
            return sp
    return None


def _master_title(master: Any) -> Any:
    for sp in master.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in {"title", "ctrTitle"}:
            return sp
    return None


def _level_align(sp: Any) -> str | None:
    """The alignment `sp`'s list style gives its first level. A placeholder's own sample
    paragraph ("Click to edit…") is not a style: neither PowerPoint nor LibreOffice
    inherits from it (a LibreOffice-exported template's only centring may stand there)."""
    level = sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr")
    return str(level.get("algn")) if level is not None and level.get("algn") else None


def title_ink(layout: Any, idx: int, palette: Palette, colour_map: dict[str, str]
              ) -> tuple[str | None, bool | None]:
    """The colour (hex) and boldness the layout's title placeholder `idx` gives its text
    (None where nothing along the chain says), as the browser must draw it."""
    master = layout.slide_master._element
    levels = [sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr")
              for sp in (_placeholder(layout._element, idx), _master_title(master))
              if sp is not None]
    levels.append(master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr/"
                              f"{{{A}}}defRPr"))
    colour: str | None = None
    bold: bool | None = None
    for run in (level for level in levels if level is not None):
        fill = run.find(f"{{{A}}}solidFill")
        if colour is None and fill is not None:
            colour = colour_of(fill, palette, colour_map)
        if bold is None and run.get("b") is not None:
            bold = run.get("b") in {"1", "true"}
    return colour, bold


MASTER_TYPE = {"ctrTitle": "title", "title": "title", "subTitle": "body", "obj": "body",
                "body": "body", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
"""The master placeholder a layout placeholder of each type inherits from."""
_STYLE = {"title": "titleStyle", "body": "bodyStyle"}


def placeholder_look(layout: Any, idx: int, palette: Palette, colour_map: dict[str, str]
                     ) -> PlaceholderLook:
    """How the layout's placeholder `idx` sets its text (alignment, colour, weight),
    through the layout's placeholder, the master's of its type and the master's text
    style: what a slide's text in it shows where the slide says nothing."""
    own = _placeholder(layout._element, idx)
    ph = own.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph") if own is not None else None
    kind = MASTER_TYPE.get(ph.get("type", "body") if ph is not None else "body", "body")
    master = layout.slide_master._element
    chain = [own] if own is not None else []
    for sp in master.iter(f"{{{P}}}sp"):
        found = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if found is not None and MASTER_TYPE.get(found.get("type", "body"), "") == kind:
            chain.append(sp)
            break
    levels = [sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr") for sp in chain]
    if kind in _STYLE:
        levels.append(master.find(f"{{{P}}}txStyles/{{{P}}}{_STYLE[kind]}/{{{A}}}lvl1pPr"))
    align = next((_level_align(sp) for sp in chain if _level_align(sp)), None)
    colour: str | None = None
    bold: bool | None = None
    for level in (level for level in levels if level is not None):
        if align is None and level.get("algn"):
            align = str(level.get("algn"))
        run = level.find(f"{{{A}}}defRPr")
        if run is None:
            continue
        fill = run.find(f"{{{A}}}solidFill")
        if colour is None and fill is not None:
            colour = colour_of(fill, palette, colour_map)
        if bold is None and run.get("b") is not None:
            bold = run.get("b") in {"1", "true"}
    # Where no style says a typeface or a colour (a template LibreOffice exported), the
    # slide's text names them itself: the measured typeface, the theme's text colour.
    font = None if styles_name_a_font(layout, idx) else placeholder_fonts(layout, idx).latin
    default_colour = colour is None
    if default_colour:
        colour = getattr(palette, colour_map.get("tx1", "dk1"), None)
    return PlaceholderLook(_ALIGN.get(align) if align else None, colour, bold, font,
                           default_colour)
