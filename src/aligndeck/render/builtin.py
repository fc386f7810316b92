"""python-pptx's default package made ours for a built-in theme: slide size, theme part,
colour map, no thumbnail; kept by render/reuse.py for the next render in the process."""

from __future__ import annotations

from typing import Any, cast

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from aligndeck.plan.model import DeckPlan
from aligndeck.plan.theme import Theme
from aligndeck.render import reuse, xml


def prepare_package(presentation: Any, plan: DeckPlan, theme: Theme) -> None:
    """python-pptx's default package made ours: slide size, theme part, colour map."""
    # A rebuild in the same process parses what an earlier one made (python-pptx's lookups
    # through the layouts' inherited positions are slow): render/reuse.py keeps it.
    key = (plan.width, plan.height, theme)
    kept = reuse.prepared(key)
    package = presentation.part.package
    if kept is not None:
        from pptx.oxml import parse_xml

        presentation.slide_width = Emu(plan.width)
        presentation.slide_height = Emu(plan.height)
        for part in package.iter_parts():  # nothing has read these parts yet
            if str(part.partname) in kept:
                if part.partname.startswith("/ppt/theme/"):
                    part._blob = kept[str(part.partname)]
                else:
                    part._element = parse_xml(kept[str(part.partname)])
        drop_thumbnail(package)
        return
    old_width = presentation.slide_width
    presentation.slide_width = Emu(plan.width)
    presentation.slide_height = Emu(plan.height)
    # The template's master and layouts are drawn for 4:3; stretch them to the new width so
    # that slides a presenter adds later in PowerPoint are laid out for it too.
    scale = plan.width / old_width
    master = presentation.slide_masters[0]
    stretch_placeholders(master, scale)
    theme_part = master.part.part_related_by(RT.THEME)
    colours = {slot: getattr(theme.palette, slot) for slot in (
        "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
        "accent6", "hlink", "folHlink")}
    theme_part._blob = xml.rewrite_theme(
        theme_part.blob, f"aligndeck {theme.name}", colours, theme.heading_font, theme.body_font)
    # A dark theme swaps ink and background through the master's colour map, the way
    # PowerPoint's own dark themes do, so every tx1/bg1 reference follows.
    xml.set_colour_map(master.element, theme.colour_map)
    drop_thumbnail(package)
    made = {str(part.partname): part.blob for part in (master.part, theme_part,
                                                       *(layout.part for layout in
                                                         master.slide_layouts))}
    reuse.keep_prepared(key, made)


def stretch_placeholders(master: Any, scale: float) -> None:
    """The left and width of every placeholder of the master, then of each of its layouts,
    times `scale`: each its own or, on a layout, the one it inherits from the master's
    placeholder of its kind. What python-pptx's `left` and `width` getters and setters do,
    one placeholder at a time in the same order, without its proxies and the XPath search
    each makes for the placeholder's `p:ph` (263 of them: half of a cold first render's
    preparing, measured), and the values read and written on the `a:off` and `a:ext`
    (python-pptx's element descriptors adding the 120 frames the layouts inherit were
    most of what was left). The master is stretched first, so a layout reads the
    stretched value; the master's placeholder of a kind is found once."""
    bases: dict[str | None, Any] = {}
    for part in (master, *master.slide_layouts):
        for element in part.element.cSld.spTree.iter_shape_elms():
            ph = _ph(element)
            if ph is None:
                continue
            for name in ("x", "cx"):
                value: Any = _xfrm_value(element, name)
                if value is None and part is not master:
                    kind = ph.get("type")
                    if kind not in bases:
                        shape = next(s for s in part.placeholders if s.element is element)
                        base = shape._base_placeholder
                        bases[kind] = None if base is None else base.element
                    value = None if bases[kind] is None else _xfrm_value(bases[kind], name)
                _set_xfrm_value(element, name, round(value * scale))


_SPPR, _XFRM = xml.qn("p:spPr"), xml.qn("a:xfrm")
_HOLDER = {"x": xml.qn("a:off"), "cx": xml.qn("a:ext")}
_OTHER = {"x": "y", "cx": "cy"}


def _xfrm_value(element: Any, name: str) -> int | None:
    """python-pptx's `element.x` (or `cx`) of a shape: its `a:off` (`a:ext`) value, None
    when it has none; read through python-pptx for any shape but a `p:sp`."""
    if element.tag != xml.qn("p:sp"):
        return cast("int | None", getattr(element, name))
    xfrm = element.find(_SPPR).find(_XFRM)
    holder = None if xfrm is None else xfrm.find(_HOLDER[name])
    return None if holder is None else int(holder.get(name))


def _set_xfrm_value(element: Any, name: str, value: int) -> None:
    """`element.x = Emu(value)` (or `cx`), as python-pptx's setter writes it: a missing
    `a:xfrm` added first in `p:spPr` (the first of its sequence), a missing `a:off` before
    `a:ext` and a missing `a:ext` last, each made as python-pptx makes it (zeros)."""
    if element.tag != xml.qn("p:sp") or value < 0:  # python-pptx's own error below zero
        setattr(element, name, Emu(value))
        return
    sppr = element.find(_SPPR)
    xfrm = sppr.find(_XFRM)
    if xfrm is None:
        xfrm = sppr.makeelement(_XFRM, {})
        sppr.insert(0, xfrm)
    tag = _HOLDER[name]
    holder = xfrm.find(tag)
    if holder is None:
        holder = xfrm.makeelement(tag, {name: "0", _OTHER[name]: "0"})
        if name == "x":
            xfrm.insert(0, holder)
        else:
            xfrm.append(holder)
    holder.set(name, str(value))


def _ph(element: Any) -> Any:
    """A shape element's `p:ph` (under its first child's `p:nvPr`), None if not a
    placeholder: python-pptx's `ph`, by `find` instead of XPath."""
    return element[0].find(f"{xml.qn('p:nvPr')}/{xml.qn('p:ph')}")


def drop_thumbnail(package: Any) -> None:
    # The template's thumbnail shows a slide from another deck: drop it.
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rel.rId)
