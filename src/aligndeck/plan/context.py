"""The planning context: what every slide kind plans with (fitting, titles, bullets, spans).

A `PlanContext` is made once per deck and handed to each kind's planning function. It holds
the outline, the theme and the findings collected so far, and offers the shared tools; kinds
call it, they never subclass it or keep state of their own.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from aligndeck.outline.data import ChartData, DataProblem, TableData
from aligndeck.outline.models import Outline
from aligndeck.outline.overrides import given
from aligndeck.plan.model import (
    EMU_PER_PT,
    Element,
    Emu,
    Finding,
    Paragraph,
    Rect,
    Run,
    SlideKind,
    SlidePlan,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.notes import continued_notes
from aligndeck.plan.parts import ACCENT, INK, MUTED, Maker, para
from aligndeck.plan.text import Fit, fit_text, letter_spacing, line_height_pt, text_width_pt
from aligndeck.plan.theme import LayoutFrame, Theme
from aligndeck.strings import Strings, strings_for

Family = Literal["cover", "content", "diagram"]
"""A layout family: cover (title and closing), content (title and body) or diagram."""


Part = TypeVar("Part")
Decision = TypeVar("Decision")
Data = TypeVar("Data", ChartData, TableData)


@dataclass(frozen=True)
class Kind(Generic[Part]):
    """One slide kind, as the registry (`plan/slides/__init__.py`) lists it.

    `plan` turns the kind's part of the outline (found at `source`) into its slides: one,
    or more when its bullets continue. `section` names the PowerPoint section its slides
    go in; `family` the template layout (and built-in frame) it is planned in. `own_key`
    is the key that makes a slide of your own (in `intro` or `extra`) this kind, if any.
    """

    name: SlideKind
    section: str
    family: Family
    plan: Callable[[PlanContext, Part, Source], list[SlidePlan]]
    own_key: str | None = None


def measuring_fonts(theme: Theme) -> dict[str, str]:
    """The family each run role (heading, body, code) is measured with. A template's
    placeholders keep the template's fonts, and its layouts may set fonts of their own: in
    template mode every role is measured with the widest of the theme's heading and body
    fonts and the fonts the layouts' placeholders really use. Every renderer that re-wraps
    the plan's text (the browser's) measures with the same."""
    heading, body, code = theme.heading_font, theme.body_font, theme.code_font
    candidates = list(dict.fromkeys((heading, body, *theme.measure_fonts())))
    if theme.frames is not None and len(candidates) > 1:
        sample = "Alignment makes models useful 0123456789"
        wider = max(candidates, key=lambda f: text_width_pt(sample, 20, font=f))
        return {"heading": wider, "body": wider, "code": code}
    return {"heading": heading, "body": body, "code": code}


def _finding(source: Source, key: str, problem: DataProblem) -> Finding:
    return Finding((*source, key, *problem.where), problem.message, problem.severity)


@dataclass
class PlanContext:
    """The deck being planned and the tools every slide kind shares; collects findings."""

    outline: Outline
    theme: Theme
    reveal: bool = False
    images: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Pixel sizes of the images the outline names, keyed by the path as written."""
    data: Mapping[Source, ChartData | TableData] = field(default_factory=dict)
    """The checked data of each table and chart slide, by the slide's source: what the
    caller read from CSV files (inline data left out is read from the outline)."""
    findings: list[Finding] = field(default_factory=list)
    too_long: dict[Source, tuple[int, Finding]] = field(default_factory=dict)
    decided: dict[str, Any] = field(default_factory=dict)
    """Choices made once for the whole deck (how the stage strip shows names, say)."""
    strings: Strings = field(init=False)
    """The deck's built-in text: the outline's language, with its `strings:` overrides."""

    def __post_init__(self) -> None:
        self.strings, warning = strings_for(self.outline.language, given(self.outline.strings))
        if warning:
            self.warn(("language",), warning)

    def once(self, key: str, decide: Callable[[PlanContext], Decision]) -> Decision:
        """`decide(self)`, made (and warned about) once per deck, then remembered."""
        if key not in self.decided:
            self.decided[key] = decide(self)
        return self.decided[key]  # type: ignore[no-any-return]

    def own_or_built_in(self, part: BaseModel, name: str, key: str) -> Any:
        """`part`'s field `name` when the outline writes it, else the built-in text `key`
        (a default title, say) in the outline's language."""
        if name in part.model_fields_set:
            return getattr(part, name)
        return self.strings(key)

    @functools.cached_property
    def fonts(self) -> dict[str, str]:
        """The family each run role is measured with (see `measuring_fonts`)."""
        return measuring_fonts(self.theme)

    def slide_data(self, source: Source, key: str, kind: type[Data], csv: str | None,
                   from_outline: Callable[[], tuple[Data, list[DataProblem]]]) -> Data | None:
        """A table or chart slide's checked data (`key` is "table" or "chart"): what the
        caller read from its CSV file, or else its inline data, with each problem a
        finding; None when there is none to plan with."""
        read = self.data.get(source)
        if isinstance(read, kind):
            return read
        if csv is not None:
            self.findings.append(Finding((*source, key, "csv"), f"'{csv}' was not read; "
                                         "build the deck to read it"))
            return None
        data, problems = from_outline()
        self.findings += [_finding(source, key, problem) for problem in problems]
        return None if any(p.severity == "error" for p in problems) else data

    def warn(self, source: Source, message: str) -> None:
        """Record a warning tied to a place in the outline."""
        self.findings.append(Finding(source, message, "warning"))

    # ---- fitting and its findings -------------------------------------------------------

    def fit(self, make: Maker, rect: Rect, preferred: float, floor: float, *,
            inset: Emu = 0, bullets: bool = False, comfortable: float | None = None) -> Fit:
        """Fit one text into `rect`; text that cannot fit at the floor is a located error."""
        indent = self.theme.bullet_indent / EMU_PER_PT if bullets else 0.0
        result = fit_text(make, rect.w - 2 * inset, rect.h - 2 * inset, preferred, floor,
                          bullet_indent_pt=indent, fonts=self.fonts, language=self.outline.language)
        self.check(result, comfortable)
        return result

    def floor_or_lower(self, make: Maker, rect: Rect, floor: float, lower: float,
                       source: Source, where: str) -> float:
        """`floor`, or when the text cannot fit `rect` at it but can at a size down to
        `lower`, that size, with a warning: a smaller title reads better than an error.
        Text that cannot fit even at `lower` gets `lower`, so that its error says how short
        it must be to fit at all."""
        if floor <= lower or self.fits(make, rect, floor):
            return floor
        if not self.fits(make, rect, lower):
            return lower
        size = next(s for s in range(math.ceil(floor) - 1, math.floor(lower) - 1, -1)
                    if self.fits(make, rect, s))
        self.warn(source, f"too long for {where} at {floor:g} pt: set at {size:g} pt; a "
                  "shorter text looks better")
        return float(size)

    def fits(self, make: Maker, rect: Rect, size: float, *, inset: Emu = 0) -> bool:
        """Whether a text fits `rect` at `size`: a probe, which records nothing."""
        return fit_text(make, rect.w - 2 * inset, rect.h - 2 * inset, size, size,
                        fonts=self.fonts, language=self.outline.language).fits

    def fit_all(self, makers: Sequence[Maker], width: Emu, height: Emu, preferred: float,
                floor: float, *, comfortable: float | None = None, bullets: bool = False,
                joints_below: float = 0.0) -> list[Fit]:
        """Fit texts that share one size (boxes of one diagram): the size of the longest.
        Below `joints_below`, a compound may part at a joint instead (see fit_text)."""
        indent = self.theme.bullet_indent / EMU_PER_PT if bullets else 0.0
        lang = self.outline.language
        size = min(fit_text(make, width, height, preferred, floor, bullet_indent_pt=indent,
                            fonts=self.fonts, language=lang, joints_below=joints_below).size
                   for make in makers)
        fits = [fit_text(make, width, height, size, size, bullet_indent_pt=indent,
                         fonts=self.fonts, language=lang, joints_below=joints_below)
                for make in makers]
        for fit in fits:
            self.check(fit, comfortable)
        return fits

    def check(self, fit: Fit, comfortable: float | None) -> None:
        """Record an error for text that does not fit, a warning for text shrunk a lot."""
        runs = _fields(fit)
        if not runs:
            return
        main = max(runs, key=lambda run: len(run.text))
        if not fit.fits:
            # A text shown in several places (a summary in its box and as its slide's lead)
            # gets one error: the tightest place, whose advice makes it fit everywhere.
            keep, message = _too_long(fit, runs, main)
            previous = self.too_long.get(main.source)
            if previous is None or keep < previous[0]:
                if previous is not None:
                    self.findings.remove(previous[1])
                finding = Finding(main.source, message)
                self.too_long[main.source] = (keep, finding)
                self.findings.append(finding)
        for run, word in dict.fromkeys(fit.cut):
            shown = word if len(word) <= 30 else f"{word[:28]}…"
            self.warn(run.source, f"'{shown}' is too wide for its box and has no place to "
                      "hyphenate: it is broken where it meets the edge; a space or a hyphen "
                      "in it, or a shorter word, avoids that")
        if fit.fits and comfortable is not None and fit.size < comfortable:
            self.warn(main.source,
                      f"shrunk to {fit.size:g} pt to fit (comfortable is {comfortable:g} pt or "
                      "more); shorten it to read better")

    # ---- where things go ----------------------------------------------------------------

    def frame(self, family: str) -> LayoutFrame:
        """The areas of a layout family: the template's layout, or the built-in grid's."""
        return self.theme.frame(family)

    def span(self, area: Rect, first: int, count: int) -> tuple[Emu, Emu]:
        """x and width of `count` of 12 columns of `area`, starting at column `first`."""
        gutter = self.theme.grid.gutter
        column = (area.w - 11 * gutter) // 12
        return area.x + first * (column + gutter), count * column + (count - 1) * gutter

    # ---- titles, leads, kickers, bullets ------------------------------------------------

    def title(self, text: str, source: Source, rect: Rect | None = None,
              family: str = "content") -> Text:
        """The slide's title in the family's title area (or `rect`), shrunk to fit."""
        t = self.theme.type
        frame = self.frame(family)
        rect = rect or frame.title
        # A template's title is set in its placeholder's weight (the .pptx leaves it to the
        # layout): measured so, its lines are the ones PowerPoint and the browser show.
        bold = not frame.fixed or bool(frame.title_bold)

        def make(s: float) -> list[Paragraph]:
            return [para(Run(text, s, INK, bold=bold, font="heading", source=source))]

        if not self.fits(make, rect, t.title_floor):
            rect = self._third_line(make, rect, source)
        if frame.fixed and not self.fits(make, rect, t.title_last_resort):
            rect = self._more_lines(make, rect, frame, source)
        floor = self.floor_or_lower(make, rect, t.title_floor, t.title_last_resort, source,
                                    "its title area")
        fitted = self.fit(make, rect, t.title, floor, comfortable=t.comfortable_title)
        return Text("title", rect, TextFrame(fitted.paragraphs, anchor="bottom"), "title",
                    styled=not frame.fixed)

    def _third_line(self, make: Maker, rect: Rect, source: Source) -> Rect:
        """The title area grown upward (it is anchored at the bottom) to take a third line
        at the title floor, where the top margin has room for it and that makes the title
        fit: better than a smaller title. Otherwise `rect` as it is."""
        floor = self.theme.type.title_floor
        need = math.ceil(3 * line_height_pt(floor) * EMU_PER_PT) + 1
        grow = need - rect.h
        if grow <= 0 or rect.y - grow < inches(0.2):
            return rect
        taller = Rect(rect.x, rect.y - grow, rect.w, need)
        if not self.fits(make, taller, floor):
            return rect
        self.warn(source, f"set on three lines at {floor:g} pt, into the top margin; a "
                  "shorter title looks better")
        return taller

    def _more_lines(self, make: Maker, rect: Rect, frame: LayoutFrame, source: Source
                    ) -> Rect:
        """A template's title placeholder one line high (a template that sets small titles)
        grown to take a second or third line, for a title that does not fit it even at the
        last resort: up toward the top margin and down toward the content area, only over
        what the layout draws behind the placeholder itself (its band's colour; never onto
        a logo, a rule or past the band's edge). The fewest lines at the title floor, else
        at its last resort; otherwise `rect` as it is."""
        t = self.theme.type
        top, bottom = free_ground(frame, rect, inches(0.2), frame.content.y - inches(0.1))
        for size in (t.title_floor, t.title_last_resort):
            for lines in (2, 3):
                need = math.ceil(lines * line_height_pt(size) * EMU_PER_PT) + 1
                low = min(bottom, max(rect.bottom, top + need))
                if need <= rect.h or low - need < top:
                    continue
                taller = Rect(rect.x, low - need, rect.w, need)
                if self.fits(make, taller, size):
                    self.warn(source, f"set on {lines} lines in the room around the "
                              "template's title placeholder, which holds one; a shorter "
                              "title looks better")
                    return taller
        return rect

    def lead(self, text: str, source: Source, rect: Rect) -> tuple[Text, Emu]:
        """A muted lead line under the title; returns it and the height it really takes.
        One that does not fit at its floor shrinks on to the body floor, with a warning."""
        t = self.theme.type
        def make(s: float) -> list[Paragraph]:
            return [para(Run(text, s, MUTED, source=source))]

        floor = self.floor_or_lower(make, rect, t.body_floor + 4, t.body_floor, source,
                                    "its place under the title")
        fitted = self.fit(make, rect, t.subtitle - 2, floor)
        used = min(rect.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.05))
        return Text("lead", Rect(rect.x, rect.y, rect.w, used), TextFrame(fitted.paragraphs)), used

    def kicker(self, text: str, rect: Rect, name: str = "kicker", source: Source = (),
               caps: bool = False) -> Text:
        """A small accent line above a title: in capitals only when `caps` (our own label,
        never the user's words)."""
        size = self.theme.type.kicker
        run = Run(text, size, ACCENT, bold=True, caps=caps,
                  spacing=letter_spacing(text, 1.5), source=source)
        return Text(name, rect, TextFrame((para(run),), anchor="bottom"))

    def own_label(self, key: str) -> bool:
        """Whether the built-in text `key` may be set in capitals: it is ours, not words the
        outline gave in `strings:` (user text keeps its case)."""
        return not self.strings.given(key)

    def bullet_pages(self, points: Sequence[str], source: Source, first: Rect, rest: Rect
                     ) -> list[Text]:
        """Bullets over as few slides as needed, every page at one size.

        Lists shrink down to the theme's list floor; a list that still does not fit
        continues on a following slide (`rest` is its body area). A single point that does
        not fit a slide of its own at the body floor is an error.
        """
        t = self.theme.type
        indent = self.theme.bullet_indent
        for pages in range(1, len(points) + 1):
            groups = _split(list(enumerate(points)), pages)
            rects = [first] + [rest] * (pages - 1)
            floor = t.list_floor if pages < len(points) else t.body_floor
            makers = [_bullet_maker(group, source) for group in groups]
            fits = [fit_text(make, rect.w, rect.h, t.body, floor, bullet_indent_pt=indent /
                             EMU_PER_PT, fonts=self.fonts, language=self.outline.language)
                    for make, rect in zip(makers, rects, strict=True)]
            if all(f.fits for f in fits) or pages == len(points):
                break
        size = min(f.size for f in fits)
        pages_out = []
        for make, rect in zip(makers, rects, strict=True):
            fitted = fit_text(make, rect.w, rect.h, size, size,
                              bullet_indent_pt=indent / EMU_PER_PT, fonts=self.fonts,
                              language=self.outline.language)
            self.check(fitted, t.comfortable_body)
            pages_out.append(Text("body", rect, TextFrame(fitted.paragraphs), "body"))
        return pages_out

    def continued(self, kind: SlideKind, family: str, title: str, source: Source,
                  fixed: list[Element], pages: list[Text], notes: str,
                  title_rect: Rect | None) -> list[SlidePlan]:
        """The slide and, when its bullets overflow, its "(cont.)" slides, which carry the
        pipeline strip and the kicker over."""
        slides = [SlidePlan(kind, title, (*fixed, *pages[:1]), notes, source)]
        for number, page in enumerate(pages[1:], 2):
            more = self.strings("continued", title=title)
            heading = self.title(more, (*source, "title"), title_rect, family)
            carried = [e for e in fixed if e.name in ("pipeline-strip", "kicker")]
            points = " ".join(r.text for p in page.frame.paragraphs for r in p.runs)
            slides.append(SlidePlan(kind, more, (*carried, heading, page),
                                    continued_notes(title, number, points, self.strings),
                                    source))
        return slides


def free_ground(frame: LayoutFrame, rect: Rect, top: Emu, bottom: Emu) -> tuple[Emu, Emu]:
    """How far up (to `top` at most) and down (to `bottom`) from `rect` a template's layout
    draws only what it draws behind `rect`: room text set there may grow into without
    meeting a logo, a rule or a band's edge. `rect`'s own top and bottom without a
    backdrop to look at."""
    backdrop = frame.backdrop
    if backdrop is None:
        return rect.y, rect.bottom
    under = set(backdrop.colours_under(rect))
    step = inches(0.05)
    # half a cell either side: every cell the strip touches, not only those whose centres
    # it holds, so the room ends before a cell of another colour begins
    pad = backdrop.height // max(backdrop.rows, 1) // 2 + 1

    def clear(y: Emu) -> bool:
        strip = Rect(rect.x, y - pad, rect.w, step + 2 * pad)
        return set(backdrop.colours_under(strip)) <= under

    y, low = rect.y, rect.bottom
    while y - step >= top and clear(y - step):
        y -= step
    while low + step <= bottom and clear(low):
        low += step
    return y, low


def list_number(source: Source) -> int:
    """The 1-based number of the list item `source` points into (its last integer index):
    2 for ("stages", 1) and for ("stages", 1, "loop")."""
    return next(part for part in reversed(source) if isinstance(part, int)) + 1


def _bullet_maker(group: Sequence[tuple[int, str]], source: Source) -> Maker:
    def make(size: float) -> list[Paragraph]:
        return [
            replace(para(Run(point, size, INK, source=(*source, index)),
                         space_after=round(size * 0.6), line_spacing=1.05), bullet=True)
            for index, point in group
        ]

    return make


def _split(items: list[tuple[int, str]], pages: int) -> list[list[tuple[int, str]]]:
    """Consecutive groups of nearly equal count, the larger ones first."""
    size, extra = divmod(len(items), pages)
    groups, start = [], 0
    for page in range(pages):
        end = start + size + (1 if page < extra else 0)
        groups.append(items[start:end])
        start = end
    return groups


def _too_long(fit: Fit, runs: Sequence[Run], main: Run) -> tuple[int, str]:
    """How many characters of the longest text fit, and the message saying so.

    The number is measured, not guessed: the longest prefix of the text (cut at a space)
    that fits the box at the floor size beside the box's other text, found by bisection.
    """
    over = max(5, round((fit.height_pt / max(fit.room_pt, 1.0) - 1) * 100 / 5) * 5)

    def cut(length: int) -> str:
        return main.text[:length].rsplit(" ", 1)[0] if length < len(main.text) else main.text

    def fits(length: int) -> bool:
        # The field's runs (its formatting) measured as one run of the field's whole text.
        paragraphs = []
        for p in fit.paragraphs:
            kept = [r for r in p.runs if r.source != main.source]
            if len(kept) < len(p.runs):
                kept.insert(0, replace(main, text=cut(length)))
            paragraphs.append(replace(p, runs=tuple(kept)))
        return fit.fits_with(paragraphs)

    low, high = 0, len(main.text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    low = len(cut(low))
    if low < 1:
        if all(r.source == main.source for p in fit.paragraphs for r in p.runs if r.source):
            # alone in its box: a box smaller than one line of it (a template's placeholder
            # made for small type)
            return 0, f"too long for its box by about {over}%, even at {fit.size:g} pt; " \
                f"the box ({fit.room_pt:.0f} pt high) holds not even its first word at that size"
        return 0, f"too long for its box by about {over}%, even at {fit.size:g} pt; the " \
            "other text in the box leaves it no room"
    keep = low - low % 5 if low >= 10 else low
    return keep, f"too long for its box by about {over}%, even at {fit.size:g} pt; " \
        f"shorten it to about {keep} characters"


def _fields(fit: Fit) -> list[Run]:
    """One run per outline field in the fit: a field split into formatted runs is joined
    back into one (the style of its first run), for measuring and messages."""
    joined: dict[Source, Run] = {}
    for paragraph in fit.paragraphs:
        for run in paragraph.runs:
            if not run.source:
                continue
            if run.source in joined:
                joined[run.source] = replace(joined[run.source],
                                             text=joined[run.source].text + run.text)
            else:
                joined[run.source] = run
    return list(joined.values())
