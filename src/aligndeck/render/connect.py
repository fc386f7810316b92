"""A connector glued to two boxes and a rounded box's corner, written on the XML.

python-pptx's `begin_connect`/`end_connect` and `adjustments` read and write every value
through its proxies and element descriptors (each a namespace lookup and a child search):
about a quarter of drawing the default deck's diagrams. These do the same steps on the
elements, in the same order, so the XML is the same to the byte (tests/test_connect.py
compares both ways over boxes on every side of a connector).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from aligndeck.render import xml

_XFRM, _OFF, _EXT = map(xml.qn, ("a:xfrm", "a:off", "a:ext"))
_SPPR, _PRST_GEOM, _AV_LST, _GD = map(xml.qn, ("p:spPr", "a:prstGeom", "a:avLst", "a:gd"))
_C_NV_CXN_SP_PR = xml.qn("p:cNvCxnSpPr")
_ST_CXN, _END_CXN = xml.qn("a:stCxn"), xml.qn("a:endCxn")


def _frame(element: Any) -> tuple[Any, Any, Any]:
    xfrm = element.find(_SPPR).find(_XFRM)
    return xfrm, xfrm.find(_OFF), xfrm.find(_EXT)


def site_point(box: Any, index: int) -> tuple[int, int]:
    """Where python-pptx puts connection site `index` (0 top, 1 left, 2 bottom, 3 right) of
    the box element: the middle of that side of its frame, as `_move_begin_to_cxn` does."""
    _, off, ext = _frame(box)
    x, y, cx, cy = int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
    return {0: (int(x + cx / 2), y), 1: (x, int(y + cy / 2)),
            2: (int(x + cx / 2), y + cy), 3: (x + cx, int(y + cy / 2))}[index]


def _move_begin(start: int, size: int, flip: bool, new: int) -> tuple[int, int, bool]:
    """python-pptx's `begin_x` (or `begin_y`) setter on one axis: the frame's start, size
    and flip after moving the begin point to `new`."""
    if flip:
        old = start + size
        step = abs(new - old)
        if new >= old:
            return start, size + step, flip
        if step <= size:
            return start, size - step, flip
        return new, step - size, False
    step = abs(new - start)
    if new <= start:
        return new, size + step, flip
    if step <= size:
        return new, size - step, flip
    return start + size, step - size, True


def _move_end(start: int, size: int, flip: bool, new: int) -> tuple[int, int, bool]:
    """python-pptx's `end_x` (or `end_y`) setter on one axis: the begin setter's mirror
    (the end is where a flipped frame begins), its flip turned back."""
    start, size, flipped = _move_begin(start, size, not flip, new)
    return start, size, not flipped


def _set_flip(xfrm: Any, name: str, flip: bool) -> None:
    """An optional boolean attribute as python-pptx writes it: "1", or absent for false."""
    if flip:
        xfrm.set(name, "1")
    elif name in xfrm.attrib:
        del xfrm.attrib[name]


def glue_ends(connector: Any, begin: tuple[Any, int], end: tuple[Any, int]) -> None:
    """`connector.begin_connect(*begin)` then `connector.end_connect(*end)` on the
    elements: each end related to its box's site (`a:stCxn`, `a:endCxn`) and moved to it,
    x before y as python-pptx's setters do."""
    xfrm, off, ext = _frame(connector)
    links = connector[0].find(_C_NV_CXN_SP_PR)
    for tag, (box, index), move in ((_ST_CXN, begin, _move_begin), (_END_CXN, end, _move_end)):
        link = links.find(tag)
        if link is None:  # stCxn before endCxn, each added once: python-pptx's order
            link = etree.SubElement(links, tag)
        link.set("id", box[0][0].get("id"))
        link.set("idx", str(index))
        for new, (start, size, flip) in zip(site_point(box, index), _AXES, strict=True):
            was = xfrm.get(flip) in ("1", "true")
            at, length, flipped = move(int(off.get(start)), int(ext.get(size)), was, new)
            if flipped != was:
                _set_flip(xfrm, flip, flipped)
            off.set(start, str(at))
            ext.set(size, str(length))


_AXES = (("x", "cx", "flipH"), ("y", "cy", "flipV"))


def set_corner(shape: Any, value: float) -> None:
    """`shape.adjustments[0] = value` for a rounded rectangle (its one guide, `adj`): the
    preset's guides written again, as python-pptx does."""
    geometry = shape.find(_SPPR).find(_PRST_GEOM)
    for old in geometry.findall(_AV_LST):
        geometry.remove(old)
    guide = etree.SubElement(etree.SubElement(geometry, _AV_LST), _GD)
    guide.set("name", "adj")
    guide.set("fmla", f"val {int(value * 100000.0)}")
