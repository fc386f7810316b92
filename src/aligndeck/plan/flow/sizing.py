"""How big a flowchart's boxes, gaps and labels are at a text size: every box as wide as
the widest label needs (up to a cap; a long word widens only its own box), as tall as the
tallest, shapes with a small text area growing on their own, measured with the fonts the
slide is drawn with. plan/flow/chart.py tries sizes from PREFERRED down to FLOOR."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from aligndeck.outline.flowgraph import Direction, Edge, End, Flowchart, Label, Span
from aligndeck.plan.flow.geometry import FlowSizes
from aligndeck.plan.model import (
    EMU_PER_PT,
    Arrow,
    Box,
    Colour,
    Emu,
    Geometry,
    LineEnd,
    Paragraph,
    Rect,
    Run,
    Side,
    TextFrame,
    inches,
)
from aligndeck.plan.text import (
    Fit,
    fit_text,
    is_thai,
    phrase_language,
    unbroken_pieces,
    written_breaks,
)

PREFERRED = 18.0
"""Node text size when everything fits at it (the house's diagram box text)."""
FLOOR = 9.0
"""The smallest node text: below it a chart is cut over several slides (plan/flow/parts.py)."""
COMFORTABLE = 14.0
"""Node text this size or larger reads well from the back of a room; below it, a warning."""
MAX_NODES = 60
"""More nodes than this are refused before any layout: no slide shows them legibly."""

INK, MUTED = Colour("ink"), Colour("muted")
ENDS: dict[str, LineEnd] = {"none": "none", "arrow": "triangle", "circle": "oval",
                             "cross": "diamond"}
"""A Mermaid link end → the line end drawn (PowerPoint has no cross: a diamond)."""
TURNED: dict[str, Direction] = {"TB": "LR", "LR": "TB", "BT": "RL", "RL": "BT"}
"""A direction turned a quarter (a tall chart run across a wide slide)."""
TITLE_INSET = inches(0.08)
"""A group's title sits this far inside its container."""

GEOMETRY: dict[str, tuple[Geometry, bool, float, float]] = {
    # shape: preset, mirrored, and the share of the box's width and height that the
    # preset's own text rectangle (its `txRect`) leaves for text
    "rect": ("roundRect", False, 0.97, 0.97),
    "round": ("roundRect", False, 0.88, 0.9),
    "stadium": ("roundRect", False, 0.8, 0.85),
    "subroutine": ("flowChartPredefinedProcess", False, 0.75, 1.0),
    "cylinder": ("flowChartMagneticDisk", False, 1.0, 0.5),
    "circle": ("ellipse", False, 0.7, 0.7),
    "diamond": ("diamond", False, 0.5, 0.5),
    "hexagon": ("flowChartPreparation", False, 0.5, 0.85),
    "flag": ("homePlate", False, 0.75, 1.0),
    "lean-right": ("flowChartInputOutput", False, 0.6, 1.0),
    "lean-left": ("flowChartInputOutput", True, 0.6, 1.0),
    "trapezoid": ("trapezoid", False, 0.6, 1.0),
    "trapezoid-alt": ("flowChartManualOperation", False, 0.6, 1.0),
}


WORD_BREAKS = re.compile(r"[\s\u200b]+")
"""What ends a word in a label: white space, or a zero-width space `breakable` put there."""
_JOINS = re.compile(r"(?<=[./\\_:])(?=[^\s./\\_:])|(?<=[^\s(\[])(?=[(\[])"
                    r"|(?<=[a-zA-Z])(?=[A-Z][a-z])")
"""Inside a long word: after a dot, slash, backslash, underscore or colon, before a
bracket, and between the humps of a camel-case name (where a typesetter breaks a file
path, a URL or an identifier in a listing)."""
LONG_WORD = 16
"""Words longer than this (in characters) get break opportunities at their joins."""


def breakable(chart: Flowchart) -> Flowchart:
    """The chart with a zero-width space at the joins of every long word of its labels
    (`SAM.CommonFA.MetricCost`, `[DBServer\\Db].[TestDb]`), so such a name wraps at a
    join, as in a typeset listing, instead of widening its box past the slide: the
    planner measures the break, and PowerPoint and LibreOffice break there too."""
    def spans(label: Label) -> Label:
        return Label(tuple(tuple(replace(s, text=" ".join(
            _JOINS.sub("\u200b", w) if len(w) > LONG_WORD else w
            for w in s.text.split(" "))) for s in line) for line in label.lines))

    nodes = tuple(replace(n, label=spans(n.label)) for n in chart.nodes)
    edges = tuple(replace(e, label=spans(e.label)) if e.label is not None else e
                  for e in chart.edges)
    return replace(chart, nodes=nodes, edges=edges)


def runs(label: Label, size: float, colour: Colour, bold: bool = False) -> list[Paragraph]:
    return [Paragraph(tuple(Run(s.text, size, colour, bold=bold or s.bold, italic=s.italic)
                            for s in line if s.text) or (Run("", size, colour),),
                      align="center", line_spacing=0.95, phrases=True)
            for line in label.lines]


LABEL_PAD = inches(0.04)
"""A link label's box is this much wider than the text it was measured for."""


def written(paragraphs: Sequence[Paragraph], width: Emu, fonts: Mapping[str, str],
            language: str = "") -> tuple[Paragraph, ...]:
    """The paragraphs with the lines the measure chose for text `width` wide written in
    as line breaks where a renderer would break elsewhere (Japanese and Chinese between
    phrases, Thai between its words), so a label shows the lines it was sized for;
    `language` is the deck's (`Flowchart.language`)."""
    return tuple(written_breaks(p, width / EMU_PER_PT, fonts, language) for p in paragraphs)


def unspaced(word: str) -> bool:
    """Whether `word` is in a script written without spaces between words (Japanese,
    Chinese, Thai), which the line breaker parts between phrases or words."""
    return not word.isascii() and (phrase_language(word) is not None
                                   or any(map(is_thai, word)))


def label_pieces(text: str, language: str) -> list[str]:
    """The pieces of a label a line keeps whole: its words, and in Japanese, Chinese and
    Thai the phrases or words the line breaker keeps whole in the deck's `language`
    (Han characters alone are Japanese in a Japanese deck)."""
    return [piece for word in WORD_BREAKS.split(text) if word
            for piece in (unbroken_pieces(word, language) if unspaced(word) else [word])]


def maker(label: Label, colour: Colour) -> Callable[[float], list[Paragraph]]:
    return lambda size: runs(label, size, colour)


def text_inset(size: float) -> Emu:
    return inches(0.07 * size / 16 + 0.02)


def box_sizes(chart: Flowchart, edges: Sequence[Edge], size: float, fonts: dict[str, str],
              tight: bool = False) -> tuple[FlowSizes, dict[str, Fit] | None]:
    """Box, gap and label sizes for node text at `size`: every box as wide as the widest
    label needs (up to a cap, beyond which labels wrap) and as tall as the tallest.
    `tight` is for a chart that does not fit so: closer spacing, and boxes shorter along
    the flow (wider boxes with fewer lines in a vertical chart, narrower ones in a
    horizontal chart, where a tall shape also grows on its own rather than every box
    with it)."""
    scale = size / 16
    inset = text_inset(size)
    horizontal = chart.direction in ("LR", "RL")
    cap = inches((1.5 if horizontal else 2.8) * scale if tight else 2.1 * scale)
    natural = {}
    least_word: dict[str, float] = {}
    own: dict[str, float] = {}
    for node in chart.nodes:
        _, _, fw, _ = GEOMETRY[node.shape]
        words = label_pieces(node.label.plain, chart.language)
        # A phrase of a script written without spaces wider than the cap parts inside, as
        # the line breaker parts it (at a compound's joint in Japanese): it widens no box.
        longest = max((min(label_width(Label(((Span(w),),)), size, fonts),
                           cap if unspaced(w) else math.inf) for w in words), default=0.0)
        wide = label_width(node.label, size, fonts)
        if fw < 0.8 and horizontal:
            # Along a horizontal flow a decision's width costs its own layer only: set on
            # two balanced lines in a diamond of its own width where the common width
            # would wrap it further (a tower taller than a row of the slide).
            line = min(wide / min(2, max(len(words), 1)) * 1.15, inches(2.1 * scale))
            own[node.id] = (round(line) + 2 * inset) / fw
        wide = min(wide, cap)
        if fw < 0.8:  # a narrow text area: wrap to balanced lines rather than widen every box
            wide = wide / min(3, max(len(words), 1)) * 1.15
        natural[node.id] = (round(wide) + 2 * inset) / fw
        least_word[node.id] = (round(longest) + 2 * inset) / fw
    width = max(max(natural.values(), default=0.0), inches(1.1 * scale))
    width = even(width)
    # Labels wrap at the common width, never inside a word: a node whose longest word is
    # wider than that is widened on its own (along a horizontal flow, across a vertical).
    wides = {n: even(w) for n, w in least_word.items() if even(w) > width}
    wides.update({n: even(w) for n, w in own.items() if even(w) > wides.get(n, width)})
    fits: dict[str, Fit] = {}
    heights = []
    for node in chart.nodes:
        _, _, fw, fh = GEOMETRY[node.shape]
        inner_w = round(wides.get(node.id, width) * fw) - 2 * inset
        fit = fit_text(maker(node.label, INK), inner_w, inches(40), size, size, fonts=fonts,
                       language=chart.language)
        fits[node.id] = fit
        heights.append((fit.height_pt * EMU_PER_PT * 1.1 + 2 * inset) / fh)
    least = inches(0.55 * scale)
    common = [h for h, n in zip(heights, chart.nodes, strict=True)
              if min(GEOMETRY[n.shape][2:]) >= 0.8]
    # Boxes share the tallest label's height; a chart that does not fit so (tight) shares
    # the middle one's, and the taller boxes grow on their own.
    shared = statistics.median(common) if tight and common else max(common, default=least)
    height = even(max(shared, least))
    if width < height * 1.25:
        width = even(height * 1.25)
        wides = {n: w for n, w in wides.items() if w > width}
    # Shapes with a small text area (a diamond) grow taller on their own, along a
    # vertical flow (in their own layer only) or across a horizontal block inside one:
    # every box keeps one width. In a horizontal chart every box is as tall as the tallest.
    if horizontal and not tight:
        height = even(max(max(heights, default=least), least))
    mains: dict[str, Emu] = {}
    for node, need in zip(chart.nodes, heights, strict=True):
        if even(need) > height:
            mains[node.id] = even(need)
    label_size = max(FLOOR, size - 2)
    labels = {}
    for index, edge in enumerate(edges):
        if edge.label is None:
            continue
        w = min(label_width(edge.label, label_size, fonts), inches(2.0)) + 2 * inches(0.05)
        fit = fit_text(maker(edge.label, MUTED), round(w), inches(10), label_size,
                       label_size, fonts=fonts, language=chart.language)
        labels[index] = (round(w) + LABEL_PAD,
                         round(fit.height_pt * EMU_PER_PT) + inches(0.06))
    title = round(max(FLOOR, size - 4) * 1.2 * EMU_PER_PT) + inches(0.06)
    titles = {sub.id: round(label_width(Label(((Span(sub.title, bold=True),),)),
                                   max(FLOOR, size - 4), fonts)) + 2 * TITLE_INSET
              for sub in chart.subgraphs if sub.title.strip()}
    sizes = FlowSizes(width, height, inches(max(0.32, 0.42 * scale)),
                      inches(max(0.22, 0.3 * scale)), inches(0.12), title,
                      inches(0.09), labels, mains, wides=wides, titles=titles)
    # A label that overflows even a box 40 in tall fits no slide: no fits, so no layout
    # at this size is taken (its height above is only what the box could hold).
    overflow = any(not fit.fits for fit in fits.values())
    return (_tightened(sizes) if tight else sizes), None if overflow else fits


def even(length: float) -> Emu:
    """A box size rounded to an even number of EMU, so boxes of different sizes lined up
    on their centres still have whole-EMU centres (and their connectors stay straight)."""
    return 2 * round(length / 2)


def label_width(label: Label, size: float, fonts: dict[str, str]) -> float:
    """The widest line of a label set on one line, in EMU."""
    from aligndeck.plan.text import text_width_pt

    font = fonts.get("body", "Calibri")
    return max((sum(text_width_pt(s.text, size, bold=s.bold, italic=s.italic, font=font)
                    for s in line) for line in label.lines), default=0.0) * EMU_PER_PT / 0.96


def _tightened(sizes: FlowSizes) -> FlowSizes:
    """Closer layers, neighbours and group padding, for a chart that does not fit with the
    house's spacing (the text keeps its size)."""
    return replace(sizes, gap_main=max(round(sizes.gap_main * 0.6), inches(0.2)),
                   gap_cross=max(round(sizes.gap_cross * 0.5), inches(0.12)),
                   pad=max(round(sizes.pad * 0.7), inches(0.08)))


def label_box(edge: Edge, at: tuple[Emu, Emu], size: float, fonts: dict[str, str]
               ) -> Box | None:
    """A link's label centred on a point, on the slide's background."""
    if edge.label is None:
        return None
    w = round(label_width(edge.label, size, fonts)) + 2 * inches(0.05)
    h = round(len(edge.label.lines) * size * 1.2 * EMU_PER_PT) + inches(0.04)
    return Box(f"edge-label-{edge.source}-{edge.target}", Rect(at[0] - w // 2, at[1] - h // 2,
                                                              w, h), Colour("background"),
               frame=TextFrame(tuple(runs(edge.label, size, MUTED)), anchor="middle",
                               inset=0))


def edge_arrow(edge: Edge, start: str, start_side: Side, end: str, end_side: Side,
               points: Sequence[tuple[Emu, Emu]], tail: End | None = None) -> Arrow:
    """The connector of a link through `points` (an elbow's route when more than two),
    glued to the shapes `start` and `end`, in the link's own line style and ends (`tail`
    overrides its start end: a twin's head)."""
    return Arrow(f"edge-{edge.source}-{edge.target}", start, start_side, end, end_side,
                 points[0], points[-1], MUTED, 3.0 if edge.line_style == "thick" else 1.75,
                 route=tuple(points) if len(points) > 2 else (), head=ENDS[edge.head],
                 tail=ENDS[tail if tail is not None else edge.tail],
                 dash=edge.line_style == "dotted")
