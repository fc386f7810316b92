"""How a flowchart is read: its flow in words (the alt text) and its reveal order, click
by click, layer by layer."""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.flowgraph import Edge, Flowchart
from aligndeck.plan.flow.geometry import FlowLayout
from aligndeck.strings import ENGLISH, Strings

_DIRECTIONS = {"TB": "flow_tb", "BT": "flow_bt", "LR": "flow_lr", "RL": "flow_rl"}
"""The built-in text (strings.py) that says which way a flowchart reads."""


def reveal_steps(chart: Flowchart, edges: Sequence[Edge], layout: FlowLayout
           ) -> tuple[tuple[str, ...], ...]:
    """Click by click, layer by layer: a layer's groups that start there, its boxes, and
    the arrows (with labels) that reach it from the layers already shown."""
    clicks: list[tuple[str, ...]] = []
    drawn = {r.index: r for r in layout.routes}
    twins = {r.twin: r for r in layout.routes if r.twin is not None}
    members: dict[str, list[str]] = {s.id: list(s.members) for s in chart.subgraphs}
    for sub in reversed(chart.subgraphs):
        for child in sub.children:
            members[sub.id] += members[child]
    for level in range(layout.layer_count):
        names = [f"subgraph-{s.id}" for s in chart.subgraphs if
                 layout.layers.get(s.id, min((layout.layers[m] for m in members[s.id]),
                                             default=-1)) == level]
        names += [f"node-{n.id}" for n in chart.nodes if layout.layers[n.id] == level]
        for index, edge in enumerate(edges):
            if max(layout.layers[edge.source], layout.layers[edge.target]) != level:
                continue
            if index in drawn:
                names.append(f"edge-{edge.source}-{edge.target}")
            if (index in drawn or index in twins) and edge.label is not None:
                names.append(f"edge-label-{edge.source}-{edge.target}")
        clicks.append(tuple(names))
    return tuple(c for c in clicks if c)


def alt_text(chart: Flowchart, edges: Sequence[Edge], words: Strings = ENGLISH) -> str:
    """The flow in words: each link as "A → B", with its label, then the groups."""
    names = {s.id: s.title for s in chart.subgraphs}
    names.update({n.id: n.label.plain or n.id for n in chart.nodes})  # a blank box: its id
    parts = []
    for edge in edges:
        if edge.line_style == "invisible":
            continue
        arrow = "↔" if edge.tail != "none" else "→" if edge.head != "none" else "—"
        link = f"{names[edge.source]} {arrow} {names[edge.target]}"
        parts.append(words("flow_label", link=link, label=edge.label.plain) if edge.label
                     else link)
    linked = {n for e in edges for n in (e.source, e.target)}
    alone = [names[n.id] for n in chart.nodes if n.id not in linked]
    sentences = [words("flow_alt", direction=words(_DIRECTIONS[chart.direction]),
                       links=words("group_separator").join(parts + alone))]
    for sub in chart.subgraphs:
        inside = words("list_separator").join(names[m] for m in sub.members)
        if inside:
            sentences.append(words("flow_group", title=sub.title, members=inside))
    # Said, not drawn: no break opportunities (sizing.breakable) in the words.
    return joined_sentences(*(sentence + words("full_stop")
                              for sentence in sentences)).replace("\u200b", "")


def joined_sentences(*sentences: str) -> str:
    """Sentences one after another, a space between (none after a full-width stop)."""
    text = ""
    for sentence in sentences:
        text += ("" if not text or text.endswith(("。", "！", "？")) else " ") + sentence
    return text
