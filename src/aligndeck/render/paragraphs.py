"""Text paragraphs (`a:p`) written as one string and parsed once, not built node by node.

A long deck writes tens of thousands of paragraphs. Building each one element by element
through lxml into python-pptx's tree costs a Python call (and an element-class lookup) per
node, about fifteen per paragraph; writing the same markup as text from prepared pieces and
parsing it costs one. The elements, attributes and their order are exactly what the
element-by-element writer made (tests/test_paragraph_xml.py keeps that writer as the
reference), so the saved XML is byte-identical.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.oxml import oxml_parser

from aligndeck.render.xml import SLIDE_NUMBER_FIELD_ID, A, R

_T = f"{{{A}}}t"

# Escapes for text and attribute values. A parser turns a raw "\r" into "\n" (and, in an
# attribute, tabs and line ends into spaces), so those are written as character
# references: the parsed value is the value given, as when it was set on an element.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\t": "&#9;", "\n": "&#10;", })


@dataclass(frozen=True)
class RunSpec:
    """What one run says: None for attributes left to the placeholder's own style."""

    text: str
    size: int
    """Hundredths of a point."""
    bold: bool | None
    italic: bool | None
    colour: tuple[str, int, bool] | None
    caps: bool
    spacing: int
    """Letter spacing in hundredths of a point."""
    font: str | None
    lang: str
    east_asian: str | None
    complex_script: str | None
    """The typeface of its right-to-left letters (`a:cs`), if it has any."""
    link: str | None
    """The relationship id of a hyperlink."""
    slide_number: bool = False


def _attr(value: str) -> str:
    return value.translate(_ATTR)


@functools.lru_cache(maxsize=256)
def scheme_colour_xml(slot: str, tint: int, shades: bool = False) -> str:
    """`<a:schemeClr>` as text: what xml.scheme_colour builds, lumMod/lumOff included."""
    value = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}.get(slot, slot)
    if not tint:
        return f'<a:schemeClr val="{_attr(value)}"/>'
    inner = f'<a:lumMod val="{(100 - tint) * 1000}"/>'
    if not shades:
        inner += f'<a:lumOff val="{tint * 1000}"/>'
    return f'<a:schemeClr val="{_attr(value)}">{inner}</a:schemeClr>'


@functools.lru_cache(maxsize=1024)
def _paragraph_properties(align: str | None, rtl: bool, line: float, before: float,
                          after: float, bullet: bool, indent: int,
                          bullet_colour: tuple[str, int, bool]) -> str:
    """The `a:pPr` of a paragraph, and the opening tag before it: paragraphs of a deck
    share a handful of these."""
    attrs = f'marL="{indent}" indent="{-indent}"' if bullet else 'marL="0" indent="0"'
    if align:
        attrs += f' algn="{_attr(align)}"'
    if rtl:
        attrs += ' rtl="1"'
    attrs += ' hangingPunct="0"'
    spacing = (f'<a:lnSpc><a:spcPct val="{round(line * 100_000)}"/></a:lnSpc>'
               f'<a:spcBef><a:spcPts val="{round(before * 100)}"/></a:spcBef>'
               f'<a:spcAft><a:spcPts val="{round(after * 100)}"/></a:spcAft>')
    marker = (f"<a:buClr>{scheme_colour_xml(*bullet_colour)}</a:buClr>"
              '<a:buFont typeface="Arial"/><a:buChar char="•"/>' if bullet else "<a:buNone/>")
    return f'<a:p xmlns:a="{A}" xmlns:r="{R}"><a:pPr {attrs}>{spacing}{marker}</a:pPr>'


@functools.lru_cache(maxsize=4096)
def _run_properties(lang: str, size: int, bold: bool | None, italic: bool | None,
                    caps: bool, spacing: int, colour: tuple[str, int, bool] | None,
                    font: str | None, east_asian: str | None, complex_script: str | None
                    ) -> tuple[str, str]:
    """A run's `a:rPr` as text, split where a hyperlink goes: (up to it, after it)."""
    attrs = f'lang="{_attr(lang)}" sz="{size}"'
    if bold is not None:
        attrs += f' b="{1 if bold else 0}"'
    if italic:
        attrs += ' i="1"'
    if caps:
        attrs += ' cap="all"'
    if spacing:
        attrs += f' spc="{spacing}"'
    inner = ""
    if colour is not None:
        inner += f"<a:solidFill>{scheme_colour_xml(*colour)}</a:solidFill>"
    if font:
        inner += f'<a:latin typeface="{_attr(font)}"/>'
    if east_asian:
        inner += f'<a:ea typeface="{_attr(east_asian)}"/>'
    if complex_script:
        inner += f'<a:cs typeface="{_attr(complex_script)}"/>'
    return f"<a:rPr {attrs}>{inner}", "</a:rPr>"


def paragraph_xml(*, align: str | None, line: float, before: float, after: float,
                  bullet: bool, indent: int, bullet_colour: tuple[str, int, bool],
                  runs: list[RunSpec], rtl: bool = False) -> str:
    """The markup of one `a:p` (with its namespace declarations); see `paragraph`."""
    parts = [_paragraph_properties(align, rtl, line, before, after, bullet, indent,
                                   bullet_colour)]
    for spec in runs:
        head, tail = _run_properties(spec.lang, spec.size, spec.bold, spec.italic, spec.caps,
                                     spec.spacing, spec.colour, spec.font, spec.east_asian,
                                     spec.complex_script)
        link = f'<a:hlinkClick r:id="{_attr(spec.link)}"/>' if spec.link else ""
        rpr = f"{head}{link}{tail}"
        if spec.slide_number:
            text = f"<a:t>{spec.text.translate(_TEXT)}</a:t>"
            parts.append(f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">{rpr}{text}'
                         "</a:fld>")
            continue
        # A line break the measure chose (a heading's phrases) is written as `a:br`,
        # carrying the run's properties, so every renderer breaks there.
        for number, part in enumerate(spec.text.split("\v")):
            if number:
                parts.append(f"<a:br>{rpr}</a:br>")
            parts.append(f"<a:r>{rpr}<a:t>{part.translate(_TEXT)}</a:t></a:r>")
    parts.append("</a:p>")
    return "".join(parts)


def paragraph(*, align: str | None, line: float, before: float, after: float,
              bullet: bool, indent: int, bullet_colour: tuple[str, int, bool],
              runs: list[RunSpec], rtl: bool = False) -> Any:
    """A whole `a:p`: properties in schema order, then its runs (or fields),
    parsed with python-pptx's parser, so its element classes apply. A
    right-to-left paragraph (`rtl`) has its bullet and indent on the right."""
    return parsed(paragraph_xml(align=align, line=line, before=before, after=after,
                                bullet=bullet, indent=indent, bullet_colour=bullet_colour,
                                runs=runs, rtl=rtl), runs)


def parsed(markup: str, runs: list[RunSpec]) -> Any:
    """The `a:p` element of `markup` (paragraph_xml's, of `runs`), with python-pptx's
    element classes."""
    p = etree.fromstring(markup, oxml_parser)
    if any(not spec.text for spec in runs):
        # An empty text set on an element is written `<a:t></a:t>`; parsed, it is None.
        for t in p.iter(_T):
            if t.text is None:
                t.text = ""
    return p
