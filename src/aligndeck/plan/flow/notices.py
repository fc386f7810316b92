"""What the planner tells the author about how a flowchart was fitted: one sentence for
each way it was drawn other than as written (turned, wrapped, dealt out, a ring, cut over
slides), each with the numbers the planner measured. Pure text in, text out."""

from __future__ import annotations

from collections.abc import Sequence

from aligndeck.outline.flowgraph import Direction
from aligndeck.plan.flow.sizing import COMFORTABLE, FLOOR


def drawn_otherwise(flows: str, drawn: str, size: float, as_written: float | None,
                    bands: int = 1, rows: bool = True, apart: bool = False,
                    ring: bool = False) -> str | None:
    """Why a chart that flows `flows` is drawn as it is, at `size` (`as_written`: the
    size the chart as written fitted at, None for none); None when it is drawn as
    written."""
    written = (f"does not fit the slide even at {FLOOR:g} pt" if as_written is None
               else f"fits the slide only at {as_written:g} pt")
    if ring:
        return (f"the chart is one loop: as written it {written}, so it is drawn as a "
                f"ring, at {size:g} pt")
    if bands > 1:
        way = "rows read left to right" if rows else "columns read top to bottom"
        what = ("the chart's pieces that no link joins do not fit side by side: as written "
                f"it {written}, so they are dealt into {bands} "
                f"{'rows' if rows else 'columns'}" if apart else
                f"the chart's flow is too long for one line: as written it {written}, so it "
                f"is wrapped into {bands} {way}")
        return f"{what}, at {size:g} pt"
    if drawn != flows:
        why = (f"does not fit the slide that way even at {FLOOR:g} pt" if as_written is None
               else f"fits the slide that way only at {as_written:g} pt")
        return (f"the chart flows {flows} but {why}; it is drawn {drawn} instead, at "
                f"{size:g} pt (write 'flowchart {drawn}' to choose it yourself, or split "
                "the chart)")
    return None


def cut_over(nodes: int, slides: int, size: float, links: int,
             one_slide: float | None = None,
             ways: tuple[Direction, Sequence[Direction]] | None = None,
             way: str = "steps") -> str:
    """Why a chart of `nodes` is drawn over `slides` at `size`, `links` cut: it fits no
    slide at the floor, or (`one_slide`, the size it fits one at) its links cross there
    and on these slides they do not; `ways`: the way it flows as written and the way each
    part is drawn, said when they differ; `way`: how it was cut (`parts.Cut.way`)."""
    why = (f"does not fit one slide at {FLOOR:g} pt" if one_slide is None else
           f"fits one slide only at {one_slide:g} pt, where its links cross")
    clean = "" if one_slide is None else ", where none cross"
    turned = ""
    if ways is not None:
        flows, each = ways[0], tuple(ways[1])
        other = [d for d in each if d != flows]
        if other and len(set(each)) == 1:
            turned = f", each drawn {each[0]} although the chart flows {flows}"
        elif other:
            turned = f", {len(other)} of them drawn {other[0]} although the chart flows {flows}"
    where = CUT_WAYS.get(way, CUT_WAYS["steps"])
    carried = "" if not links else (
        f" ({links} {'link continues' if links == 1 else 'links continue'} from one "
        f"slide to {'the next' if way == 'steps' else 'another'}, marked at both ends)")
    return (f"the diagram has {nodes} nodes and {why}; it is drawn over {slides} slides "
            f"at {size:g} pt{clean}{turned}, {where}{carried}")


CUT_WAYS = {
    "steps": "cut between steps of the flow",
    "pieces": "its pieces that no link joins dealt out",
    "branches": "cut along its branches, where the flow is too wide for a slide",
}
"""How a chart cut over slides was cut, in the warning's words (`parts.Cut.way`)."""


def small_text(size: float) -> str | None:
    """The warning for diagram text under the comfortable size, else None."""
    if size >= COMFORTABLE:
        return None
    return (f"the diagram's text is {size:g} pt to fit the slide (comfortable is "
            f"{COMFORTABLE:g} pt or more); shorten the labels or split the diagram")
