"""The few DrawingML details python-pptx has no API for, written as XML in one place.

Arrowheads (`a:tailEnd`), alt text (`p:cNvPr/@descr`), theme colour references with
tints (`a:schemeClr` + `a:lumMod`/`a:lumOff`), letter spacing and caps, removing the
theme-style reference python-pptx adds to new shapes, and the theme part's colour and
font schemes.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@functools.cache
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
             arrow: bool = False, head: str = "none", tail: str = "none",
             dash: bool = False) -> None:
    """Set a shape's outline: a theme colour and width, or none; optionally a triangle head
    (`arrow`), or any line ends at the start (`head`) and end (`tail`), and dashes."""
    _remove(sppr, "a:ln")
    ln = etree.Element(qn("a:ln"))
    if slot is None:
        etree.SubElement(ln, qn("a:noFill"))
    else:
        ln.set("w", str(width_emu))
        fill = etree.SubElement(ln, qn("a:solidFill"))
        fill.append(scheme_colour(slot, tint, shades))
        if dash:
            etree.SubElement(ln, qn("a:prstDash"), val="sysDash")
        etree.SubElement(ln, qn("a:round"))
        if head != "none":
            etree.SubElement(ln, qn("a:headEnd"), type=head, w="med", len="med")
        if arrow:
            etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="lg")
        elif tail != "none":
            etree.SubElement(ln, qn("a:tailEnd"), type=tail, w="med", len="med")
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


def next_shape_id(element: Any) -> int:
    """The id python-pptx gives the next shape of the slide holding `element`
    (`_BaseShapes._next_shape_id`): one more than the largest all-digit `id` attribute
    anywhere in the slide, found in one walk of the tree rather than by XPath."""
    ids = [int(value) for node in element.getroottree().getroot().iter(etree.Element)
           if (value := node.get("id")) is not None and value.isdigit()]
    return (max(ids) if ids else 0) + 1


def set_xfrm(sppr: Any, x: int, y: int, w: int, h: int) -> None:
    """A shape's position and size (`a:xfrm`, the first child of `p:spPr`)."""
    _remove(sppr, "a:xfrm")
    xfrm = sppr.makeelement(qn("a:xfrm"), {})
    etree.SubElement(xfrm, qn("a:off"), x=str(x), y=str(y))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(w), cy=str(h))
    sppr.insert(0, xfrm)


def set_colour_map(master: Any, colour_map: dict[str, str]) -> None:
    """Point the master's colour map (`p:clrMap`) at the given scheme slots."""
    element = master.find(qn("p:clrMap"))
    for name, slot in colour_map.items():
        element.set(name, slot)


SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""One fixed field id, as PowerPoint reuses one per field type: the output stays
byte-identical from build to build."""

SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def set_sections(presentation: Any, slides: list[tuple[str, int]]) -> None:
    """PowerPoint sections (`p14:sectionLst`): consecutive slides with one section name
    form a section, in order. Ids are derived from the names, so builds are reproducible."""
    ext_list = presentation.find(qn("p:extLst"))
    if ext_list is None:
        ext_list = presentation.makeelement(qn("p:extLst"), {})
        presentation.append(ext_list)
    for ext in ext_list.findall(qn("p:ext")):
        if ext.get("uri") == SECTIONS_EXT:
            ext_list.remove(ext)
    ext = etree.SubElement(ext_list, qn("p:ext"), uri=SECTIONS_EXT)
    section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    current = None
    ids = None
    for name, slide_id in slides:
        if name != current:
            section_id = uuid.uuid5(uuid.NAMESPACE_URL, f"aligndeck/section/{name}")
            section = etree.SubElement(section_list, f"{{{P14}}}section", name=name,
                                       id=f"{{{str(section_id).upper()}}}")
            ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
            current = name
        etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide_id))


def set_click_builds(slide: Any, clicks: list[list[int]], text_shapes: set[int]) -> None:
    """Entrance animations (`p:timing`): on each click the listed shapes appear together,
    the first as a click effect and the rest with it. See docs/notes/click-builds.md."""
    counter = iter(range(1, 10_000))

    def ctn(parent: Any, **attrs: str) -> Any:
        return etree.SubElement(parent, qn("p:cTn"), id=str(next(counter)), **attrs)

    def delay(parent: Any, value: str) -> None:
        conditions = etree.SubElement(parent, qn("p:stCondLst"))
        etree.SubElement(conditions, qn("p:cond"), delay=value)

    timing = etree.Element(qn("p:timing"))
    root = ctn(etree.SubElement(etree.SubElement(timing, qn("p:tnLst")), qn("p:par")),
               dur="indefinite", restart="never", nodeType="tmRoot")
    sequence = etree.SubElement(etree.SubElement(root, qn("p:childTnLst")), qn("p:seq"),
                                concurrent="1", nextAc="seek")
    main = ctn(sequence, dur="indefinite", nodeType="mainSeq")
    steps = etree.SubElement(main, qn("p:childTnLst"))
    for shapes in clicks:
        click = ctn(etree.SubElement(steps, qn("p:par")), fill="hold")
        delay(click, "indefinite")
        together = ctn(etree.SubElement(etree.SubElement(click, qn("p:childTnLst")),
                                        qn("p:par")), fill="hold")
        delay(together, "0")
        effects = etree.SubElement(together, qn("p:childTnLst"))
        for index, shape_id in enumerate(shapes):
            effect = ctn(etree.SubElement(effects, qn("p:par")), presetID="1",
                         presetClass="entr", presetSubtype="0", fill="hold", grpId="0",
                         nodeType="clickEffect" if index == 0 else "withEffect")
            delay(effect, "0")
            behaviour = etree.SubElement(
                etree.SubElement(etree.SubElement(effect, qn("p:childTnLst")), qn("p:set")),
                qn("p:cBhvr"))
            appear = ctn(behaviour, dur="1", fill="hold")
            delay(appear, "0")
            target = etree.SubElement(behaviour, qn("p:tgtEl"))
            etree.SubElement(target, qn("p:spTgt"), spid=str(shape_id))
            names = etree.SubElement(behaviour, qn("p:attrNameLst"))
            etree.SubElement(names, qn("p:attrName")).text = "style.visibility"
            value = etree.SubElement(behaviour.getparent(), qn("p:to"))
            etree.SubElement(value, qn("p:strVal"), val="visible")
    for event, tag in (("onPrev", "p:prevCondLst"), ("onNext", "p:nextCondLst")):
        condition = etree.SubElement(etree.SubElement(sequence, qn(tag)), qn("p:cond"),
                                     evt=event, delay="0")
        etree.SubElement(etree.SubElement(condition, qn("p:tgtEl")), qn("p:sldTgt"))
    builds = etree.SubElement(timing, qn("p:bldLst"))
    for shape_id in [s for shapes in clicks for s in shapes if s in text_shapes]:
        etree.SubElement(builds, qn("p:bldP"), spid=str(shape_id), grpId="0", animBg="1")
    # p:timing follows p:clrMapOvr (and p:transition) in the slide's sequence.
    anchor = slide.find(qn("p:transition"))
    if anchor is None:
        anchor = slide.find(qn("p:clrMapOvr"))
    anchor.addnext(timing)


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def set_body(body_pr: Any, *, anchor: str, sides: tuple[str, str, str, str]) -> None:
    """`a:bodyPr`: square wrap, the insets (left, top, right, bottom: the plan's one inset on
    every side, plus what plan/narrowing.py adds on the left and right), the anchor, autofit
    off (the plan fitted the text; see docs/notes/diagrams-and-text.md)."""
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), sides, strict=True):
        body_pr.set(name, value)
    body_pr.set("wrap", "square")
    body_pr.set("anchor", anchor)
    _remove(body_pr, "a:spAutoFit", "a:normAutofit", "a:noAutofit")
    body_pr.append(body_pr.makeelement(qn("a:noAutofit"), {}))


def body_sides(inset: int, narrowed: tuple[int, int]) -> tuple[str, str, str, str]:
    """The four insets `set_body` writes for a frame's `inset` and `narrowed`."""
    return (str(inset + narrowed[0]), str(inset), str(inset + narrowed[1]), str(inset))


def set_plain_text(body: Any, text: str) -> None:
    """Replace a text body's paragraphs with `text`, one paragraph per line."""
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for line in text.split("\n"):
        p = etree.SubElement(body, qn("a:p"))
        if line:
            etree.SubElement(etree.SubElement(p, qn("a:r")), qn("a:t")).text = line


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


def set_preset(sppr: Any, preset: str, flip: bool) -> None:
    """A shape's preset geometry (its adjustments left at their defaults), mirrored left
    to right when `flip`."""
    geometry = sppr.find(qn("a:prstGeom"))
    geometry.set("prst", preset)
    for child in list(geometry):
        geometry.remove(child)
    etree.SubElement(geometry, qn("a:avLst"))
    if flip:
        sppr.find(qn("a:xfrm")).set("flipH", "1")


def set_sites(sppr: Any, width: int, height: int, radius: int,
              sites: list[tuple[int, int, int]]) -> None:
    """Replace a rectangle's preset (corners rounded by `radius` EMU, 0 for square) by the
    same outline as a custom geometry whose connection sites are the preset's four (top,
    left, bottom, right: their indices unchanged) and then `sites`, each (x, y, angle) in
    EMU from the top left corner (kept in proportion when the box is resized); the text
    area is the preset's (1 - cos 45° of the radius in from each edge)."""
    old = sppr.find(qn("a:prstGeom"))
    geometry = etree.Element(qn("a:custGeom"))
    etree.SubElement(geometry, qn("a:avLst"))
    guides = etree.SubElement(geometry, qn("a:gdLst"))
    etree.SubElement(geometry, qn("a:ahLst"))
    cxns = etree.SubElement(geometry, qn("a:cxnLst"))
    own = [(k, f"*/ w {x} {width}", f"*/ h {y} {height}", angle)
           for k, (x, y, angle) in enumerate(sites)]
    for k, fx, fy, _ in own:
        etree.SubElement(guides, qn("a:gd"), name=f"sx{k}", fmla=fx)
        etree.SubElement(guides, qn("a:gd"), name=f"sy{k}", fmla=fy)
    for gx, gy, angle in [("hc", "t", 16200000), ("l", "vc", 10800000), ("hc", "b", 5400000),
                          ("r", "vc", 0), *((f"sx{k}", f"sy{k}", a) for k, _, _, a in own)]:
        cxn = etree.SubElement(cxns, qn("a:cxn"), ang=str(angle))
        etree.SubElement(cxn, qn("a:pos"), x=gx, y=gy)
    inset = round(radius * 0.29289)
    for name, fmla in (("il", f"*/ w {inset} {width}"), ("it", f"*/ h {inset} {height}"),
                       ("ir", f"*/ w {width - inset} {width}"),
                       ("ib", f"*/ h {height - inset} {height}")):
        etree.SubElement(guides, qn("a:gd"), name=name, fmla=fmla)
    etree.SubElement(geometry, qn("a:rect"), l="il", t="it", r="ir", b="ib")
    path = etree.SubElement(etree.SubElement(geometry, qn("a:pathLst")), qn("a:path"),
                            w=str(width), h=str(height))

    def to(name: str, x: int, y: int) -> None:
        etree.SubElement(etree.SubElement(path, qn(name)), qn("a:pt"), x=str(x), y=str(y))

    to("a:moveTo", 0, radius)
    for start, (x, y) in ((10800000, (width - radius, 0)), (16200000, (width, height - radius)),
                          (0, (radius, height)), (5400000, (0, radius))):
        if radius:  # a quarter circle round the corner, then along the next side
            etree.SubElement(path, qn("a:arcTo"), wR=str(radius), hR=str(radius),
                             stAng=str(start), swAng="5400000")
        to("a:lnTo", x, y)
    etree.SubElement(path, qn("a:close"))
    old.addprevious(geometry)
    sppr.remove(old)


def glue(connector: Any, start: tuple[int, int], end: tuple[int, int]) -> None:
    """`a:stCxn` and `a:endCxn`: the shape ids and connection sites the ends are glued to
    (python-pptx's own `begin_connect` also moves the end, assuming a rectangle's sites)."""
    props = connector.find(f"{qn('p:nvCxnSpPr')}/{qn('p:cNvCxnSpPr')}")
    for child in list(props):
        props.remove(child)
    etree.SubElement(props, qn("a:stCxn"), id=str(start[0]), idx=str(start[1]))
    etree.SubElement(props, qn("a:endCxn"), id=str(end[0]), idx=str(end[1]))


ELBOW_NUDGE = 12_700
"""An elbow whose ends line up across (a U-turn round the outside) has no width for its
adjustment to be a share of: its end moves by one point, which no one sees."""


def set_elbow(connector: Any, points: list[tuple[int, int]]) -> None:
    """Make a connector a `bentConnector3` through four points (begin, two bends, end), or
    a `bentConnector2` through three (begin, one bend, end), or a `bentConnector4` through
    five that starts across (a loop from a box back to itself).

    The preset runs across, along, across its box; `adj1` places the middle segment as a
    share (in 1/100000) of the box's width, beyond 0 to 1 for a U-turn. A route that
    starts vertically is the same path turned 90°: flips are applied before the turn, so
    they are chosen in the turned frame (see docs/notes/flowchart-connectors.md).
    """
    if len(points) == 5:
        _set_loop(connector, points)
        return
    (x0, y0), (x1, y1), (x3, y3) = points[0], points[1], points[-1]
    vertical = x1 == x0 and y1 != y0
    if vertical and y3 == y0:
        y3 += ELBOW_NUDGE if y1 < y0 else -ELBOW_NUDGE
    if not vertical and x3 == x0:
        x3 += ELBOW_NUDGE if x1 < x0 else -ELBOW_NUDGE
    sppr = connector.find(qn("p:spPr"))
    _remove(sppr, "a:xfrm")
    xfrm = sppr.makeelement(qn("a:xfrm"), {})
    width, height = abs(x3 - x0), abs(y3 - y0)
    if vertical:
        adj = (y1 - y0) / (y3 - y0) if y3 != y0 else 0.0
        cx, cy = (x0 + x3) / 2, (y0 + y3) / 2
        xfrm.set("rot", "5400000")
        if y3 < y0:
            xfrm.set("flipH", "1")
        if x3 > x0:
            xfrm.set("flipV", "1")
        off = (round(cx - height / 2), round(cy - width / 2))
        ext = (height, width)
    else:
        adj = (x1 - x0) / (x3 - x0) if x3 != x0 else 0.0
        if x3 < x0:
            xfrm.set("flipH", "1")
        if y3 < y0:
            xfrm.set("flipV", "1")
        off, ext = (min(x0, x3), min(y0, y3)), (width, height)
    etree.SubElement(xfrm, qn("a:off"), x=str(off[0]), y=str(off[1]))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(ext[0]), cy=str(ext[1]))
    sppr.insert(0, xfrm)
    geometry = sppr.find(qn("a:prstGeom"))
    geometry.set("prst", "bentConnector3" if len(points) == 4 else "bentConnector2")
    for child in list(geometry):
        geometry.remove(child)
    av = etree.SubElement(geometry, qn("a:avLst"))
    if len(points) == 4:
        etree.SubElement(av, qn("a:gd"), name="adj1", fmla=f"val {round(adj * 100_000)}")


def _set_loop(connector: Any, points: list[tuple[int, int]]) -> None:
    """A `bentConnector4` through five points, starting across: across to `adj1`, along
    to `adj2`, across to the end's column, along into the end. Its adjustments may lie
    outside 0 to 1 (a loop round the outside of its box)."""
    (x0, y0), (x1, _), (_, y2), _, (x4, y4) = points
    sppr = connector.find(qn("p:spPr"))
    _remove(sppr, "a:xfrm")
    xfrm = sppr.makeelement(qn("a:xfrm"), {})
    if x4 < x0:
        xfrm.set("flipH", "1")
    if y4 < y0:
        xfrm.set("flipV", "1")
    width, height = abs(x4 - x0), abs(y4 - y0)
    etree.SubElement(xfrm, qn("a:off"), x=str(min(x0, x4)), y=str(min(y0, y4)))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(width), cy=str(height))
    sppr.insert(0, xfrm)
    geometry = sppr.find(qn("a:prstGeom"))
    geometry.set("prst", "bentConnector4")
    for child in list(geometry):
        geometry.remove(child)
    av = etree.SubElement(geometry, qn("a:avLst"))
    for name, share in (("adj1", (x1 - x0) / (x4 - x0)), ("adj2", (y2 - y0) / (y4 - y0))):
        etree.SubElement(av, qn("a:gd"), name=name, fmla=f"val {round(share * 100_000)}")


def set_group_frame(group: Any, x: int, y: int, w: int, h: int) -> None:
    """A group's frame (`a:off`/`a:ext`) and child frame (`a:chOff`/`a:chExt`), both the
    same box, so its children keep their own coordinates."""
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    for tag, a, b, (va, vb) in (("a:off", "x", "y", (x, y)), ("a:ext", "cx", "cy", (w, h)),
                                ("a:chOff", "x", "y", (x, y)), ("a:chExt", "cx", "cy", (w, h))):
        element = xfrm.find(qn(tag))
        element.set(a, str(va))
        element.set(b, str(vb))


NO_STYLE_TABLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
"""PowerPoint's built-in "No Style, No Grid" table style: the cells' own properties rule."""


def _border(tag: str, colour: tuple[str, int, bool] | None, width_emu: int) -> Any:
    ln = etree.Element(qn(tag), w=str(width_emu if colour else 0))
    if colour is None:
        etree.SubElement(ln, qn("a:noFill"))
    else:
        etree.SubElement(ln, qn("a:solidFill")).append(scheme_colour(*colour))
        etree.SubElement(ln, qn("a:prstDash"), val="solid")
    return ln


def set_cell(tc: Any, *, inset: tuple[int, int], anchor: str, drop: int = 0,
             top: tuple[tuple[str, int, bool] | None, int],
             bottom: tuple[tuple[str, int, bool] | None, int],
             fill: tuple[str, int, bool] | None, narrowed: tuple[int, int] = (0, 0)) -> None:
    """A table cell's `a:tcPr`: margins (`narrowed` added left and right), anchor, no side
    borders, the given top and bottom rules (colour or None, width), and a fill (or none),
    in the schema's order."""
    tc_pr = tc.get_or_add_tcPr()
    for child in list(tc_pr):
        tc_pr.remove(child)
    x, y = inset
    tc_pr.set("marL", str(x + narrowed[0]))
    tc_pr.set("marR", str(x + narrowed[1]))
    tc_pr.set("marT", str(y + drop))  # a lower start puts a row's lines on one baseline
    tc_pr.set("marB", str(y))
    tc_pr.set("anchor", anchor)
    tc_pr.append(_border("a:lnL", None, 0))
    tc_pr.append(_border("a:lnR", None, 0))
    tc_pr.append(_border("a:lnT", *top))
    tc_pr.append(_border("a:lnB", *bottom))
    if fill is None:
        etree.SubElement(tc_pr, qn("a:noFill"))
    else:
        etree.SubElement(tc_pr, qn("a:solidFill")).append(scheme_colour(*fill))


def set_table_style(tbl: Any, *, header: bool) -> None:
    """No banding and no built-in style; the first row marked as the header row (screen
    readers announce it as such)."""
    tbl_pr = tbl.find(qn("a:tblPr"))
    for name in ("bandRow", "firstCol", "lastRow", "lastCol", "bandCol"):
        tbl_pr.attrib.pop(name, None)
    tbl_pr.set("firstRow", "1" if header else "0")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style.text = NO_STYLE_TABLE
