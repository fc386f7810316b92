"""The few DrawingML details python-pptx has no API for, written as XML in one place.

Arrowheads (`a:tailEnd`), alt text (`p:cNvPr/@descr`), theme colour references with
tints (`a:schemeClr` + `a:lumMod`/`a:lumOff`), letter spacing and caps, removing the
theme-style reference python-pptx adds to new shapes, and the theme part's colour and
font schemes.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{ {'a': A, 'p': P}[prefix] }}}{local}"


def scheme_colour(slot: str, tint: int, shades: bool = False) -> etree._Element:
    """`<a:schemeClr val=slot>`, `tint` percent towards white as Office writes "Lighter n%"
    (lumMod + lumOff), or towards black as it writes "Darker n%" (lumMod alone)."""
    clr = etree.Element(qn("a:schemeClr"), val=_scheme_value(slot))
    if tint:
        etree.SubElement(clr, qn("a:lumMod"), val=str((100 - tint) * 1000))
        if not shades:
            etree.SubElement(clr, qn("a:lumOff"), val=str(tint * 1000))
    return clr


def _scheme_value(slot: str) -> str:
    # Shapes refer to the mapped names (tx1, bg1, ...) so that a master's colour map applies.
    return {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}.get(slot, slot)


def set_solid_fill(sppr: Any, slot: str, tint: int, shades: bool) -> None:
    """Replace any fill in a shape's spPr with a solid theme colour."""
    _remove(sppr, "a:noFill", "a:solidFill", "a:gradFill", "a:pattFill", "a:blipFill", "a:grpFill")
    fill = etree.Element(qn("a:solidFill"))
    fill.append(scheme_colour(slot, tint, shades))
    _insert_fill(sppr, fill)


def set_no_fill(sppr: Any) -> None:
    _remove(sppr, "a:noFill", "a:solidFill", "a:gradFill", "a:pattFill", "a:blipFill", "a:grpFill")
    _insert_fill(sppr, etree.Element(qn("a:noFill")))


def _insert_fill(sppr: Any, fill: etree._Element) -> None:
    # Fill comes right after the geometry in spPr's sequence.
    geometry = sppr.find(qn("a:prstGeom"))
    if geometry is None:
        geometry = sppr.find(qn("a:custGeom"))
    if geometry is not None:
        geometry.addnext(fill)
    else:
        xfrm = sppr.find(qn("a:xfrm"))
        if xfrm is not None:
            xfrm.addnext(fill)
        else:
            sppr.insert(0, fill)


def set_line(sppr: Any, slot: str | None, tint: int, shades: bool, width_emu: int, *,
             arrow: bool = False) -> None:
    """Set a shape's outline: a theme colour and width, or none; optionally a triangle head."""
    _remove(sppr, "a:ln")
    ln = etree.Element(qn("a:ln"))
    if slot is None:
        etree.SubElement(ln, qn("a:noFill"))
    else:
        ln.set("w", str(width_emu))
        fill = etree.SubElement(ln, qn("a:solidFill"))
        fill.append(scheme_colour(slot, tint, shades))
        etree.SubElement(ln, qn("a:round"))
        if arrow:
            etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="lg")
    # a:ln follows the fill (and geometry) in spPr's sequence; effects come after it.
    anchor = None
    for tag in ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill",
                "a:grpFill", "a:prstGeom", "a:custGeom", "a:xfrm"):
        anchor = sppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(ln)
    else:
        sppr.insert(0, ln)


def drop_style(shape_element: Any) -> None:
    """Remove `p:style`: python-pptx's new shapes take theme effects (shadows) from it."""
    _remove(shape_element, "p:style")


def set_descr(shape_element: Any, text: str) -> None:
    """Alt text: the `descr` attribute of the shape's non-visual properties."""
    c_nv_pr = shape_element.find(".//" + qn("p:cNvPr"))
    c_nv_pr.set("descr", text)


def set_run_extras(rpr: Any, *, caps: bool, spacing_pt: float, font_ref: str | None,
                   lang: str, east_asian: str | None) -> None:
    """Caps, letter spacing (hundredths of a point), language, the theme font reference of
    a run and, for East Asian text, the typeface PowerPoint should draw it with."""
    rpr.set("lang", lang)
    if caps:
        rpr.set("cap", "all")
    if spacing_pt:
        rpr.set("spc", str(round(spacing_pt * 100)))
    _remove(rpr, "a:latin", "a:ea")
    fonts = [etree.Element(qn("a:latin"), typeface=font_ref)] if font_ref else []
    if east_asian:
        fonts.append(etree.Element(qn("a:ea"), typeface=east_asian))
    # a:latin, a:ea come after the fill in rPr's sequence and before hyperlinks.
    fill = rpr.find(qn("a:solidFill"))
    for element in reversed(fonts):
        if fill is not None:
            fill.addnext(element)
        else:
            rpr.insert(0, element)


def set_run_colour(rpr: Any, slot: str, tint: int, shades: bool) -> None:
    _remove(rpr, "a:solidFill")
    fill = etree.Element(qn("a:solidFill"))
    fill.append(scheme_colour(slot, tint, shades))
    ln = rpr.find(qn("a:ln"))
    if ln is not None:
        ln.addnext(fill)
    else:
        rpr.insert(0, fill)


def set_bullet(ppr: Any, *, bullet: bool, indent_emu: int, colour: tuple[str, int, bool]
               ) -> None:
    """A round bullet with a hanging indent, or explicitly none."""
    for tag in ("a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx",
                "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        _remove(ppr, tag)
    elements = []
    if bullet:
        ppr.set("marL", str(indent_emu))
        ppr.set("indent", str(-indent_emu))
        bullet_colour = etree.Element(qn("a:buClr"))
        bullet_colour.append(scheme_colour(*colour))
        elements = [bullet_colour, etree.Element(qn("a:buFont"), typeface="Arial"),
                    etree.Element(qn("a:buChar"), char="•")]
    else:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        elements = [etree.Element(qn("a:buNone"))]
    # Bullet properties follow lnSpc/spcBef/spcAft in pPr's sequence.
    anchor = None
    for tag in ("a:spcAft", "a:spcBef", "a:lnSpc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    for element in reversed(elements):
        if anchor is not None:
            anchor.addnext(element)
        else:
            ppr.insert(0, element)


def set_spacing(ppr: Any, *, line: float, before_pt: float, after_pt: float) -> None:
    """Line spacing (a multiple) and space before/after (points), in pPr's schema order."""
    _remove(ppr, "a:lnSpc", "a:spcBef", "a:spcAft")
    items = []
    ln = etree.Element(qn("a:lnSpc"))
    etree.SubElement(ln, qn("a:spcPct"), val=str(round(line * 100_000)))
    items.append(ln)
    for tag, value in (("a:spcBef", before_pt), ("a:spcAft", after_pt)):
        element = etree.Element(qn(tag))
        etree.SubElement(element, qn("a:spcPts"), val=str(round(value * 100)))
        items.append(element)
    for element in reversed(items):
        ppr.insert(0, element)


def set_colour_map(master: Any, colour_map: dict[str, str]) -> None:
    """Point the master's colour map (`p:clrMap`) at the given scheme slots."""
    element = master.find(qn("p:clrMap"))
    for name, slot in colour_map.items():
        element.set(name, slot)


def _remove(parent: Any, *tags: str) -> None:
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def rewrite_theme(blob: bytes, name: str, colours: dict[str, str], heading: str, body: str
                  ) -> bytes:
    """The theme part with our colour scheme and font scheme written in (a real theme)."""
    root = etree.fromstring(blob)
    root.set("name", name)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", name)
    for slot, hex_colour in colours.items():
        element = scheme.find(qn(f"a:{slot}"))
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr"), val=hex_colour)
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", name)
    for tag, face in (("a:majorFont", heading), ("a:minorFont", body)):
        fonts.find(qn(tag)).find(qn("a:latin")).set("typeface", face)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
