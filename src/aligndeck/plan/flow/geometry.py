"""The sizes a flowchart layout reads and the geometry it returns (plan/flow/layout.py lays
it out, plan/flow/blocks.py nests blocks, plan/flow/chart.py turns it into shapes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from aligndeck.plan.model import Emu, Rect, Side

Direction = Literal["TB", "BT", "LR", "RL"]
Point = tuple[Emu, Emu]


@dataclass(frozen=True)
class FlowSizes:
    """Sizes in EMU: every box the same size; `gap_main` between layers and `gap_cross`
    between neighbours; `pad` around a cluster's content and `title` for its heading;
    `track` between parallel connector segments; `labels` each edge label's width and height."""

    box_w: Emu
    box_h: Emu
    gap_main: Emu
    gap_cross: Emu
    pad: Emu
    title: Emu
    track: Emu
    labels: Mapping[int, tuple[Emu, Emu]]
    mains: Mapping[str, Emu] = field(default_factory=dict)
    """A node's own size along the flow, where it differs from the box's (a diamond taller
    than the rectangles of a top-to-bottom chart); its layer is as deep as its deepest."""
    crosses: Mapping[str, Emu] = field(default_factory=dict)
    """A node's own size across the flow, where it differs from the box's (a subgraph
    laid out as one block)."""
    wides: Mapping[str, Emu] = field(default_factory=dict)
    """A node's own width, where a long word makes it wider than the box (read by
    plan/flow/blocks.py, which turns it into a size along or across the flow)."""
    titles: Mapping[str, Emu] = field(default_factory=dict)
    """Each cluster's title width: its container is at least that wide."""
    room: tuple[Emu, Emu] | None = None
    """The width and height the whole drawing must fit (None inside a group): untangling
    may make a drawing wider or longer up to that, since it is fitted to it whole."""


@dataclass(frozen=True)
class Route:
    """One drawn edge: from a side of one box to a side of another, along `points` (two
    for a straight connector, four for an elbow), with its label's rectangle if any."""

    index: int
    start: str
    start_side: Side
    end: str
    end_side: Side
    points: tuple[Point, ...]
    label: Rect | None
    twin: int | None = None
    """An edge the other way between the same boxes, drawn on this connector (its head at
    the start); `twin_label` is its label's spot."""
    twin_label: Rect | None = None


@dataclass(frozen=True)
class FlowLayout:
    width: Emu
    height: Emu
    boxes: Mapping[str, Rect]
    clusters: Mapping[str, Rect]
    """Each cluster's container, its title band included (title at the top)."""
    routes: tuple[Route, ...]
    layers: Mapping[str, int]
    """Each node's layer, counted along the flow from 0."""
    layer_count: int
    widest: int
    """The most nodes in one layer."""
