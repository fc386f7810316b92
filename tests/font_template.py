"""A 4:3 template whose layouts set their own fonts on the title placeholder, as real
Japanese templates do (`<a:latin typeface="メイリオ">` on the layout, not in the theme)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"

TITLE_LATIN = "DejaVu Serif"
"""Far wider than the theme's Calibri: text measured with Calibri would overflow."""
TITLE_EAST_ASIAN = "Noto Serif CJK JP"
BODY_LATIN = "DejaVu Sans"
"""Set on the master's body style (p:bodyStyle), so body placeholders inherit it."""


def _a(tag: str) -> str:
    return f"{{{A_NS}}}{tag}"


def _set_fonts(properties: etree._Element, latin: str, east_asian: str | None) -> None:
    """Set the typefaces in place, keeping the schema's order (latin, ea, cs, sym)."""
    latin_element = properties.find(_a("latin"))
    if latin_element is None:
        latin_element = etree.Element(_a("latin"))
        later = [properties.find(_a(tag)) for tag in ("ea", "cs", "sym")]
        later_found = [e for e in later if e is not None]
        if later_found:
            later_found[0].addprevious(latin_element)
        else:
            properties.append(latin_element)
    latin_element.set("typeface", latin)
    if east_asian:
        ea = properties.find(_a("ea"))
        if ea is None:
            ea = etree.Element(_a("ea"))
            latin_element.addnext(ea)
        ea.set("typeface", east_asian)


def make_font_template(path: Path) -> Path:
    """python-pptx's default 4:3 deck, its layouts' title placeholders set to TITLE_LATIN
    and TITLE_EAST_ASIAN through their list style, its master's body style to BODY_LATIN."""
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        for shape in layout.placeholders:
            ph = shape.element.find(f"{{{P_NS}}}nvSpPr/{{{P_NS}}}nvPr/{{{P_NS}}}ph")
            if ph is None or ph.get("type") not in ("title", "ctrTitle"):
                continue
            body = shape.element.find(f"{{{P_NS}}}txBody")
            styles = body.find(_a("lstStyle"))
            if styles is None:
                styles = etree.Element(_a("lstStyle"))
                body.insert(1, styles)
            level = styles.find(_a("lvl1pPr"))
            if level is None:
                level = etree.SubElement(styles, _a("lvl1pPr"))
            properties = level.find(_a("defRPr"))
            if properties is None:
                properties = etree.SubElement(level, _a("defRPr"))
            _set_fonts(properties, TITLE_LATIN, TITLE_EAST_ASIAN)
    master = presentation.slide_masters[0].element
    body_style = master.find(f"{{{P_NS}}}txStyles/{{{P_NS}}}bodyStyle/{{{A_NS}}}lvl1pPr/"
                             f"{{{A_NS}}}defRPr")
    _set_fonts(body_style, BODY_LATIN, None)
    presentation.save(str(path))
    return path
