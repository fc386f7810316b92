"""The slide kinds: one module each, registered here.

A new kind is a module beside these (a `plan_<kind>` function and its `KIND`) and one line
in `REGISTERED`. A slide of your own (`intro`, `extra`) is told by its `own_key` and goes
wherever the outline puts it; any other kind also gets one line in `plan/deck.py`'s
`deck_order`, which says where in the deck its slides go.
"""

from __future__ import annotations

from typing import Any

from aligndeck.plan.context import Kind
from aligndeck.plan.slides import (
    chart,
    closing,
    columns,
    comparison,
    content,
    cover,
    diagram,
    image,
    insight,
    loop,
    pipeline,
    quote,
    shortcoming,
    shortcomings,
    stage,
    table,
)

REGISTERED: tuple[Kind[Any], ...] = (
    cover.KIND,
    content.KIND,
    image.KIND,
    quote.KIND,
    columns.KIND,
    diagram.KIND,
    table.KIND,
    chart.KIND,
    pipeline.KIND,
    stage.KIND,
    loop.KIND,
    comparison.KIND,
    insight.KIND,
    shortcomings.KIND,
    shortcoming.KIND,
    closing.KIND,
)

KINDS: dict[str, Kind[Any]] = {kind.name: kind for kind in REGISTERED}
"""Every slide kind by its name (a `SlidePlan.kind`)."""

OWN_KINDS: dict[str, Kind[Any]] = {kind.own_key: kind for kind in REGISTERED if kind.own_key}
"""The kinds a slide of your own can be, by the outline key that tells them apart."""
