"""The slide plan: what goes where on each slide, in integer EMU, with no PowerPoint objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Emu = int
"""English Metric Units: 914400 per inch, 12700 per point."""

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700


def inches(value: float) -> Emu:
    return round(value * EMU_PER_INCH)


Source = tuple[str | int, ...]
"""Where a piece of text comes from in the outline, e.g. ("stages", 2, "summary")."""

Role = Literal["ink", "muted", "background", "surface", "line", "accent", "on_accent",
               "accent2", "accent3", "accent4", "accent5", "accent6"]
Side = Literal["top", "left", "bottom", "right"]
Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]
FontRole = Literal["heading", "body", "code"]
PlaceholderRole = Literal["title", "subtitle", "byline", "body", "footer", "number"]
SlideKind = Literal[
    "title", "content", "image", "quote", "columns", "pipeline", "stage", "loop",
    "comparison", "insight", "shortcomings", "shortcoming", "closing", "diagram", "table",
    "chart",
]
Geometry = Literal["", "rect", "roundRect", "ellipse", "diamond", "flowChartPreparation",
                   "flowChartPredefinedProcess", "flowChartMagneticDisk",
                   "flowChartInputOutput", "flowChartManualOperation", "trapezoid",
                   "homePlate"]
"""A preset shape ("" draws a rectangle, rounded by the box's radius)."""
LineEnd = Literal["none", "triangle", "oval", "diamond"]
ChartKind = Literal["bar", "column", "line", "pie", "stacked-bar", "stacked-column"]


@dataclass(frozen=True)
class Colour:
    """A theme colour role, optionally lightened: `tint` percent of the way to white (to
    black in a dark theme). A negative tint goes the other way, as Office's "Darker n%"
    does on a light theme (lighter on a dark one): a shade of an accent that reads on the
    page where the accent itself does not."""

    role: Role
    tint: int = 0


@dataclass(frozen=True)
class Rect:
    x: Emu
    y: Emu
    w: Emu
    h: Emu

    @property
    def right(self) -> Emu:
        return self.x + self.w

    @property
    def bottom(self) -> Emu:
        return self.y + self.h

    @property
    def cx(self) -> Emu:
        return self.x + self.w // 2

    @property
    def cy(self) -> Emu:
        return self.y + self.h // 2

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def side_midpoint(self, side: Side) -> tuple[Emu, Emu]:
        return {
            "top": (self.cx, self.y),
            "bottom": (self.cx, self.bottom),
            "left": (self.x, self.cy),
            "right": (self.right, self.cy),
        }[side]


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. `size` in points."""

    text: str
    size: float
    colour: Colour = Colour("ink")
    bold: bool = False
    italic: bool = False
    caps: bool = False
    spacing: float = 0.0
    """Letter spacing in points (kickers and labels)."""
    font: FontRole = "body"
    source: Source = ()
    """The outline field this text comes from, for messages that point at the line."""
    link: str | None = None
    """A hyperlink address (https://…, mailto:…) the run points to."""
    field: Literal["slide-number"] | None = None
    """A field PowerPoint fills in (the slide number), so it stays right when slides move."""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    align: Align = "left"
    bullet: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: float = 1.0
    phrases: bool = False
    """Set like a heading, though in the body font: diagram text (a box's summary, a
    flowchart's label), whose Japanese or Chinese breaks between phrases."""


@dataclass(frozen=True)
class TextFrame:
    """Text inside a rectangle; sizes were fitted by the plan, never left to autofit."""

    paragraphs: tuple[Paragraph, ...]
    anchor: Anchor = "top"
    inset: Emu = 0
    narrowed: tuple[Emu, Emu] = (0, 0)
    """How much narrower than the frame (inside its insets) its lines are set, from the left
    and from the right: where a renderer that kerns would pull a word up onto a line, the
    text is set narrower so that none does (plan/narrowing.py)."""


@dataclass(frozen=True)
class Text:
    """A text box with no fill, or a placeholder of the slide layout when `placeholder` is set."""

    name: str
    rect: Rect
    frame: TextFrame
    placeholder: PlaceholderRole | None = None
    styled: bool = True
    """False for a template's placeholder: its colours, fonts and weights stay the
    template's; only the fitted sizes are written."""
    recoloured: bool = False
    """A template's placeholder whose own colour does not read on what its layout draws
    under it (plan/contrast.py): its runs' colours are written too."""


@dataclass(frozen=True)
class Box:
    """A filled shape, with optional text. `radius` is the corner radius in EMU (0: square)."""

    name: str
    rect: Rect
    fill: Colour | None
    line: Colour | None = None
    line_width: float = 0.0
    radius: Emu = 0
    frame: TextFrame | None = None
    geometry: Geometry = ""
    flip: bool = False
    """Mirrored left to right (a parallelogram leaning the other way)."""
    dash: bool = False


TEXT_AREA = {
    "diamond": (0.5, 0.5), "ellipse": (0.7, 0.7), "flowChartPreparation": (0.5, 0.85),
    "flowChartPredefinedProcess": (0.75, 1.0), "flowChartMagneticDisk": (1.0, 0.5),
    "flowChartInputOutput": (0.6, 1.0), "flowChartManualOperation": (0.6, 1.0),
    "trapezoid": (0.6, 1.0), "homePlate": (0.75, 1.0),
}
"""The share of a preset's box its text rectangle (`txRect`) leaves for text, as the plan
measured it: a diamond's text wraps in its middle half, in the deck and on the page."""


def text_rect(box: Box) -> Rect:
    """Where a box's text wraps: its preset's text rectangle, centred (the lower part of a
    cylinder, below its lid)."""
    share_w, share_h = TEXT_AREA.get(box.geometry, (1.0, 1.0))
    r = box.rect
    w, h = round(r.w * share_w), round(r.h * share_h)
    top = r.bottom - h if box.geometry == "flowChartMagneticDisk" else r.y + (r.h - h) // 2
    return Rect(r.x + (r.w - w) // 2, top, w, h)


@dataclass(frozen=True)
class Arrow:
    """A connector glued from one box's side to another's, with an arrowhead at the end."""

    name: str
    start: str
    start_side: Side
    end: str
    end_side: Side
    begin: tuple[Emu, Emu]
    finish: tuple[Emu, Emu]
    colour: Colour = Colour("muted")
    width: float = 1.75
    route: tuple[tuple[Emu, Emu], ...] = ()
    """A bent arrow's corners: begin, one or two bends, finish; empty for a straight one."""
    head: LineEnd = "triangle"
    tail: LineEnd = "none"
    dash: bool = False


@dataclass(frozen=True)
class Diagram:
    """A group of boxes and arrows with alt text that says the flow in words."""

    name: str
    alt_text: str
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    labels: tuple[Box, ...] = ()
    """Text drawn over the arrows (edge labels), after them so they mask the line."""
    steps: tuple[tuple[str, ...], ...] = ()
    """The shapes each click shows when the diagram builds, when it says so itself."""

    def box(self, name: str) -> Box:
        return next(b for b in self.boxes if b.name == name)


@dataclass(frozen=True)
class Picture:
    """An image file placed in `rect` (its aspect kept by the plan), with alt text."""

    name: str
    rect: Rect
    asset: str
    """The path as written in the outline; the renderer is told which file it names."""
    alt: str


@dataclass(frozen=True)
class Table:
    """A native table: column widths and row heights fitted to the cells' text, a header
    row first. Rules (lines) run under the header and between rows; no vertical lines."""

    name: str
    rect: Rect
    columns: tuple[Emu, ...]
    """Width of each column; they add up to the table's width."""
    rows: tuple[Emu, ...]
    """Height of each row, the header's first; they add up to the table's height."""
    cells: tuple[tuple[TextFrame, ...], ...]
    """The cells' text, row by row (the header first), each with its inset."""
    alt: str
    inset: tuple[Emu, Emu] = (0, 0)
    """Each cell's text inset: left and right, top and bottom."""
    header_fill: Colour | None = None
    header_rule: Colour = Colour("ink")
    rule: Colour = Colour("line")
    rule_width: float = 0.75
    """Width of the rules between rows, in points (the header's is twice that)."""
    drops: tuple[tuple[Emu, ...], ...] = ()
    """Extra top inset of each cell, row by row (none when empty): a cell whose script
    stands shorter starts lower, so the first lines of a row share one baseline."""

    def drop(self, row: int, column: int) -> Emu:
        return self.drops[row][column] if self.drops else 0


@dataclass(frozen=True)
class Chart:
    """A native chart with its data; the renderer embeds the data as a workbook, so the
    chart stays editable. Sizes in points, colours as theme roles."""

    name: str
    rect: Rect
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    """Each series' name and values; None where a value is missing (a gap)."""
    colours: tuple[Colour, ...]
    """One per series; for a pie, one per slice."""
    alt: str
    number_format: str = "General"
    """The values' format (Excel's syntax), the unit included: 0"%" or 0.0" ms"."""
    data_labels: bool = True
    legend: bool = False
    axis_max: float | None = None
    """The value axis' end, when the data has a natural one (100 for percentages)."""
    text_size: float = 14
    label_size: float = 14
    gap: int = 60
    """Gap between bars or columns, in percent of a bar's width."""
    value_labels: tuple[tuple[str, ...], ...] = ()
    """Each series' values as their labels write them ("85%"), for renderers that draw
    the labels themselves (the browser)."""
    hidden_labels: tuple[tuple[int, int], ...] = ()
    """(series, category) points whose data label is left out (a segment too thin)."""
    ink: Colour = Colour("ink")
    """The text beside the bars (value labels outside them, categories, legend), chosen
    against what a template's layout draws under the chart (plan/contrast.py)."""
    muted: Colour = Colour("muted")
    """The value axis' labels, chosen likewise."""


Element = Text | Box | Diagram | Picture | Table | Chart


@dataclass(frozen=True)
class Finding:
    """Something the plan or the lint found, tied to an outline field."""

    source: Source
    message: str
    severity: Literal["error", "warning"] = "error"
    at: tuple[int, int] | None = None
    """A line and column inside the field's text (a diagram's), 1-based, when known."""


@dataclass(frozen=True)
class SlidePlan:
    kind: SlideKind
    title: str
    elements: tuple[Element, ...]
    notes: str
    source: Source = ()
    """The outline entry the slide is made from (its title's field lives under it)."""
    section: str = ""
    """The PowerPoint section the slide belongs to (Introduction, Pipeline, …)."""
    builds: tuple[tuple[str, ...], ...] = ()
    """Click-by-click reveals: for each click, the names of the shapes that appear."""

    def boxes(self) -> list[Box]:
        """Every box on the slide, those inside diagrams included, in drawing order."""
        found: list[Box] = []
        for element in self.elements:
            if isinstance(element, Diagram):
                found += element.boxes + element.labels
            elif isinstance(element, Box):
                found.append(element)
        return found


@dataclass(frozen=True)
class DeckPlan:
    width: Emu
    height: Emu
    title: str
    author: str | None
    slides: tuple[SlidePlan, ...]
    findings: tuple[Finding, ...] = field(default=())
    language: str = "en-US"

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def diagram_count(self) -> int:
        return sum(isinstance(e, Diagram) for s in self.slides for e in s.elements)
