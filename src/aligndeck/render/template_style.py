"""How a template's title placeholder sets its text: alignment and left inset, as PowerPoint
inherits them (the layout's placeholder, then the master's title placeholder, then the
master's title style), so the text we add beside it (a kicker, lines under a cover's title)
starts where the title's text starts and lines up the same way."""

from __future__ import annotations

from typing import Any

from aligndeck.plan.model import Align, Emu
from aligndeck.render.xml import A, P

DEFAULT_INSET = 91_440
"""DrawingML's default left inset of a text body: 0.1 in."""
_ALIGN: dict[str, Align] = {"l": "left", "ctr": "center", "r": "right", "just": "left",
                            "dist": "left"}


def title_look(layout: Any, idx: int) -> tuple[Align, Emu]:
    """The alignment and left inset (EMU) of the text in the layout's placeholder `idx`
    (its title)."""
    chain = [_placeholder(layout._element, idx)]
    master = layout.slide_master._element
    chain.append(_master_title(master))
    align = next((a for a in (_level_align(sp) for sp in chain if sp is not None) if a), None)
    if align is None:
        style = master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr")
        align = style.get("algn") if style is not None else None
    inset = next((value for value in (_inset(sp) for sp in chain if sp is not None)
                  if value is not None), DEFAULT_INSET)
    return _ALIGN.get(align or "l", "left"), inset


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
    level = sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr")
    if level is not None and level.get("algn"):
        return str(level.get("algn"))
    first = sp.find(f"{{{P}}}txBody/{{{A}}}p/{{{A}}}pPr")
    return str(first.get("algn")) if first is not None and first.get("algn") else None


def _inset(sp: Any) -> int | None:
    body = sp.find(f"{{{P}}}txBody/{{{A}}}bodyPr")
    value = body.get("lIns") if body is not None else None
    return int(value) if value is not None and value.lstrip("-").isdigit() else None
