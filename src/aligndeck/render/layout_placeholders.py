"""A template placeholder's own fill and outline in SVG (a coloured title band): what a
slide shows around the text it puts in the placeholder.

PowerPoint draws a slide's placeholder with what it inherits: the layout's placeholder of
the same idx, then the master's of its type, each property from the nearest that sets it
(the box, the geometry, the fill, the outline, the theme style). The layout drawing leaves
placeholders out (an empty one is not shown on a slide), so these are drawn with the
slide's text, only where the slide fills the placeholder.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from aligndeck.render.backdrop import shape_tree
from aligndeck.render.layout_geometry import Box, custom_path, preset_path
from aligndeck.render.layout_svg import _box, _Drawer, _fill_of, _rect_path
from aligndeck.render.template_style import MASTER_TYPE
from aligndeck.render.xml import A, P

Chain = list[tuple[Any, Any]]
"""(p:sp, its part) pairs, nearest first."""

_FILLS = {"noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"}


def placeholder_chains(layout: Any) -> dict[int, Chain]:
    """Each of the layout's placeholders by idx, with the master's of its type after it."""
    master = layout.slide_master
    by_type: dict[str, Any] = {}
    for sp in _placeholders(master._element):
        kind = MASTER_TYPE.get(_ph(sp).get("type", "body"), "body")
        by_type.setdefault(kind, sp)
    chains: dict[int, Chain] = {}
    for sp in _placeholders(layout._element):
        ph = _ph(sp)
        chain = [(sp, layout.part)]
        inherited = by_type.get(MASTER_TYPE.get(ph.get("type", "body"), "body"))
        if inherited is not None:
            chain.append((inherited, master.part))
        chains.setdefault(int(ph.get("idx", "0")), chain)
    return chains


def draw_placeholder(drawer: _Drawer, chain: Chain) -> Box | None:
    """The placeholder's fill and outline into `drawer.out`; its box in points, or None
    when nothing in the chain places it (then nothing is drawn)."""
    props = [(sp.find(f"{{{P}}}spPr"), sp, part) for sp, part in chain]

    def nearest(name: str) -> Any:
        return next((found for spPr, _, _ in props if spPr is not None
                     for found in [spPr.find(f"{{{A}}}{name}")] if found is not None), None)

    xfrm = nearest("xfrm")
    box = _box(xfrm.getparent()) if xfrm is not None else None
    if box is None or box[2] <= 0 or box[3] <= 0:
        return None
    custom, geometry = nearest("custGeom"), nearest("prstGeom")
    path = None
    if custom is not None:
        path = custom_path(custom, box)
    elif geometry is not None:
        path = preset_path(geometry.get("prst", "rect"), geometry, box)
    path = path or _rect_path(box)
    for spPr, sp, part in props:
        own = spPr is not None and any(etree.QName(c).localname in _FILLS for c in spPr)
        if own or sp.find(f"{{{P}}}style/{{{A}}}fillRef") is not None:
            fill, ref = _fill_of(spPr if spPr is not None else etree.Element("none"), sp,
                                 drawer.styles)
            # a picture fill would need the page to hold the picture: left to the .pptx
            if fill is not None and etree.QName(fill).localname != "blipFill":
                drawer.filled(fill, part, box, path, placeholder=ref)
            break
    holder = etree.Element(f"{{{P}}}spPr")
    line = nearest("ln")
    if line is not None:
        holder.append(copy.deepcopy(line))
    styled = next((sp for _, sp, _ in props if sp.find(f"{{{P}}}style") is not None),
                  etree.Element("none"))
    drawer.outline(holder, styled, path)
    return box


def _placeholders(part: Any) -> list[Any]:
    tree = shape_tree(part)
    if tree is None:
        return []
    return [sp for sp in tree.iter(f"{{{P}}}sp") if _ph(sp) is not None]


def _ph(sp: Any) -> Any:
    return sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
