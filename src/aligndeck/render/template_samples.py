"""A template whose look lives on its sample slides: the background and pictures every
sample slide shares are moved onto the slide master before the sample slides go.

Some templates (the Puccia export, issue 28) draw their paper photograph, background
colour and logo on each sample slide and leave the master and layouts plain. Removing the
sample slides, as every build does, would leave a deck that does not look like the
template. Only what every sample slide has, identically, is carried: the same background
and picture-filled shapes of the same images at the same place and size (what differs
from slide to slide, an ornament moved about, is one slide's content and stays out). It
goes to the master of those slides, as the first drawing of its shape tree (beneath every
placeholder), and so shows on each layout that shows the master's drawing, in PowerPoint,
LibreOffice and the page alike.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CARRIED = "sample-look-"
"""The name of each picture carried onto the master (`sample-look-1`, …): how the
selection pane shows it, and how master scaling (render/master_scale.py) knows it was
drawn for the whole slide, not as part of a master laid out for a smaller one."""
_LEAST = 2
"""Sample slides needed before what they share counts as the template's look."""


def carry_shared_look(presentation: Any) -> bool:
    """Move the background and pictures every sample slide shares onto their master, when
    the master and its layouts draw none of their own; True when anything was moved."""
    slides = list(presentation.slides)
    if len(slides) < _LEAST:
        return False
    masters = {id(s.slide_layout.slide_master): s.slide_layout.slide_master for s in slides}
    if len(masters) != 1:
        return False
    master = next(iter(masters.values()))
    if not _plain(master):
        return False
    background = _shared_background(slides)
    pictures = _shared_pictures(slides)
    if background is None and not pictures:
        return False
    first = slides[0]
    if background is not None:
        _set_background(master, background)
    tree = master.shapes._spTree
    highest = max((int(c.get("id")) for c in tree.iter(qn("p:cNvPr"))
                   if (c.get("id") or "").isdigit()), default=1)
    at = 2  # after the tree's nvGrpSpPr and grpSpPr
    for shape in pictures:
        copied = copy.deepcopy(shape)
        for c_nv_pr in copied.iter(qn("p:cNvPr")):  # ids of the master's own
            highest += 1
            c_nv_pr.set("id", str(highest))
            c_nv_pr.set("name", f"{CARRIED}{at - 1}")
        for element in copied.iter():
            for name, value in list(element.attrib.items()):
                if name.startswith(_R) and value in first.part.rels:
                    target = first.part.rels[value].target_part
                    element.set(name, master.part.relate_to(target, RT.IMAGE))
        tree.insert(at, copied)
        at += 1
    return True


def _plain(master: Any) -> bool:
    """Whether neither the master nor any of its layouts draws a picture or a background
    of its own beyond a reference to the theme's plain fill."""
    for part in (master, *master.slide_layouts):
        c_sld = part._element.find(qn("p:cSld"))
        bg = c_sld.find(qn("p:bg")) if c_sld is not None else None
        if bg is not None and bg.find(qn("p:bgPr")) is not None:
            return False
        if any(True for _ in part._element.iter(qn("a:blip"))):
            return False
    return True


def _shared_background(slides: list[Any]) -> Any | None:
    """The sample slides' own background (`p:bg` with a solid or gradient fill), when
    every one has the same; None otherwise (a picture background is not carried)."""
    found = []
    for slide in slides:
        bg = slide._element.find(qn("p:cSld")).find(qn("p:bg"))
        if bg is None or any(True for _ in bg.iter(qn("a:blip"))):
            return None
        found.append(bg)
    text = {_canonical(bg) for bg in found}
    return found[0] if len(text) == 1 else None


def _shared_pictures(slides: list[Any]) -> list[Any]:
    """The first sample slide's picture-filled shapes (pictures, shapes filled with a
    picture and holding no text) that every other sample slide has too: the same images,
    place, size and geometry."""
    keyed = [{_picture_key(slide, s): s for s in _pictures(slide)} for slide in slides]
    shared = set(keyed[0]).intersection(*keyed[1:])
    return [shape for key, shape in keyed[0].items() if key in shared]


def _pictures(slide: Any) -> list[Any]:
    tree = slide.shapes._spTree
    found = []
    for child in tree:
        if child.tag == qn("p:pic"):
            found.append(child)
        elif child.tag == qn("p:sp"):
            sp_pr = child.find(qn("p:spPr"))
            body = child.find(qn("p:txBody"))
            words = "".join(body.itertext()).strip() if body is not None else ""
            placeholder = child.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            if sp_pr is not None and sp_pr.find(qn("a:blipFill")) is not None \
                    and not words and placeholder is None:
                found.append(child)
    return found


def _picture_key(slide: Any, shape: Any) -> tuple[str, ...]:
    """What makes two pictures the same: the shape's properties (place, size, geometry,
    fill) with each image named by its bytes, not by the slide's relationship id."""
    images = []
    for element in shape.iter():
        for name, value in element.attrib.items():
            if name.startswith(_R) and value in slide.part.rels:
                rel = slide.part.rels[value]
                blob = getattr(rel.target_part, "blob", b"") if not rel.is_external else b""
                images.append(hashlib.sha256(blob).hexdigest())
    sp_pr = shape.find(qn("p:spPr"))
    return (_canonical(sp_pr, ids=False) if sp_pr is not None else "", *images)


def _canonical(element: Any, *, ids: bool = True) -> str:
    """The element as text, relationship ids left out unless `ids`."""
    from lxml import etree

    copied = copy.deepcopy(element)
    if not ids:
        for child in copied.iter():
            for name in [n for n in child.attrib if n.startswith(_R)]:
                del child.attrib[name]
    return str(etree.tostring(copied, encoding="unicode"))


def _set_background(master: Any, background: Any) -> None:
    c_sld = master._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, copy.deepcopy(background))
