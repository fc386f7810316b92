"""The layout lint: checks over a planned deck that a presenter and an audience would notice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from aligndeck.plan.model import (
    EMU_PER_PT,
    Box,
    Chart,
    Colour,
    DeckPlan,
    Diagram,
    Finding,
    Rect,
    Run,
    SlidePlan,
    Table,
    Text,
)
from aligndeck.plan.slides import KINDS
from aligndeck.plan.text import text_width_pt
from aligndeck.plan.text.scripts import rtl_script
from aligndeck.plan.theme import Theme, contrast_ratio

WORDS_PER_MINUTE = 130
"""A comfortable speaking pace, for the talk-length estimate."""

MAX_BULLETS = 6
LITERAL_LINK = re.compile(r"\[[^\]]+\]\([^)\s]+\)")
"""`[text](target)` left as text by the markup (a target it does not accept)."""
MIN_TEXT_PT = 10.0
MIN_BODY_PT = 12.0
MIN_DIAGRAM_PT = 9.0
"""A flowchart's floor: below 10 pt only with a warning of its own (plan/flow/sizing.py),
and past 9 pt the chart goes on over several slides instead."""
BACKGROUND = Colour("background")


@dataclass(frozen=True)
class PlacedRun:
    """A run of text with the colour behind it and where it sits."""

    slide: int
    shape: str
    run: Run
    behind: Colour
    bulleted: bool
    diagram: bool = False
    """In a diagram's box or label (a flowchart's text may go down to MIN_DIAGRAM_PT)."""
    under: tuple[str, ...] = ()
    """The colours a template's layout draws under the text (its photo, band or gradient),
    when the text sits on the slide's own background; () on a plain page."""


def layout_colours(theme: Theme, slide: SlidePlan, rect: Rect) -> tuple[str, ...]:
    """The colours the slide's layout draws under `rect` (hex), when it draws more than a
    plain page (see plan/backdrop.py); () otherwise."""
    backdrop = theme.frame(KINDS[slide.kind].family).backdrop
    if backdrop is None or backdrop.plain is not None:
        return ()
    return backdrop.colours_under(rect)


WORDS_MARGIN = 0.05
"""Widened by this share of their measured width and half a size on each side, the words'
extent stands for what a renderer draws, whatever its kerning (BSE's letter-spaced
Constantia kicker: 234 pt measured, 233 pt in LibreOffice's PDF)."""


def words_rect(element: Text, theme: Theme) -> Rect:
    """The part of a text box its words cover across, where each paragraph is one line:
    the widest measured line (in the run's own font, with its letter spacing) at the
    paragraph's alignment, a margin either side. A kicker in a frame as wide as the title
    does not stand on the logo at the frame's far end. The whole box where a paragraph
    wraps or the alignments differ."""
    rect, frame = element.rect, element.frame
    fonts = {"heading": theme.heading_font, "body": theme.body_font, "code": theme.code_font}
    inner = (rect.w - 2 * frame.inset) / EMU_PER_PT
    widths, aligns, sizes = [], set(), [0.0]
    for paragraph in frame.paragraphs:
        if any(rtl_script(ch) for r in paragraph.runs for ch in r.text):
            return rect  # set from the right in the .pptx: the plan's "left" is its start
        width = sum(text_width_pt(r.text, r.size, bold=r.bold, italic=r.italic,
                                  font=fonts[r.font]) + r.spacing * len(r.text)
                    for r in paragraph.runs)
        if width > inner:
            return rect
        widths.append(width)
        aligns.add(paragraph.align)
        sizes += [r.size for r in paragraph.runs]
    if not widths or len(aligns) != 1:
        return rect
    span = round((max(widths) * (1 + 2 * WORDS_MARGIN) + max(sizes)) * EMU_PER_PT)
    if span >= rect.w:
        return rect
    align = aligns.pop()
    x = rect.x if align == "left" else rect.right - span if align == "right" \
        else rect.cx - span // 2
    return Rect(max(rect.x, x), rect.y, span, rect.h)


def placed_runs(plan: DeckPlan, theme: Theme | None = None) -> Iterator[PlacedRun]:
    """Every run of the deck with the fill behind it (a box's own fill, a filled box the
    text sits inside, or the slide background, with what `theme`'s layouts draw on it)."""
    for number, slide in enumerate(plan.slides, 1):
        boxes = [b for b in slide.boxes() if b.fill is not None]
        for element in slide.elements:
            if isinstance(element, Text) and element.styled:
                behind = next((b.fill for b in boxes if b.rect.contains(element.rect)),
                              None)
                under = layout_colours(theme, slide, words_rect(element, theme)) \
                    if theme is not None and behind is None else ()
                for paragraph in element.frame.paragraphs:
                    for run in paragraph.runs:
                        yield PlacedRun(number, element.name, run, behind or BACKGROUND,
                                        paragraph.bullet, under=under)
        for table in (e for e in slide.elements if isinstance(e, Table)):
            for index, row in enumerate(table.cells):
                behind = (table.header_fill if index == 0 else None) or BACKGROUND
                for cell in row:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            yield PlacedRun(number, table.name, run, behind, False)
        charted = {id(b) for d in slide.elements if isinstance(d, Diagram)
                   for b in (*d.boxes, *d.labels)}
        for box in slide.boxes():
            if box.frame is None:
                continue
            # a label with no fill of its own (a loop's centre) stands on what the
            # layout draws, as the contrast pass chose its colour for
            under = layout_colours(theme, slide, box.rect) \
                if theme is not None and box.fill is None else ()
            for paragraph in box.frame.paragraphs:
                for run in paragraph.runs:
                    yield PlacedRun(number, box.name, run, box.fill or BACKGROUND,
                                    paragraph.bullet, id(box) in charted, under=under)

LARGE_PT, LARGE_BOLD_PT = 24.0, 18.0
"""Sizes (points) from which text is large: any weight, and bold."""


def is_large(run: Run) -> bool:
    """Large text, which WCAG AA lets pass at 3:1 (else 4.5:1): by the house design
    (DECK-DESIGN.md), 24 pt and up, or 18 pt bold and up. WCAG's own threshold (18 pt, or
    14 pt bold) is looser: it let 14 pt bold accent kickers stand at 3.5:1."""
    return run.size >= LARGE_PT or (run.bold and run.size >= LARGE_BOLD_PT)


def lint_deck(plan: DeckPlan, theme: Theme) -> list[Finding]:
    """Findings about titles, alt text, bullet counts, text sizes and contrast."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for number, slide in enumerate(plan.slides, 1):
        title = next((e for e in slide.elements
                      if isinstance(e, Text) and e.placeholder == "title"), None)
        title_text = "".join(r.text for p in title.frame.paragraphs for r in p.runs) \
            if title else ""
        title_source = next((r.source for p in title.frame.paragraphs for r in p.runs
                             if r.source), slide.source) if title else slide.source
        if not title_text.strip():
            findings.append(Finding(slide.source, f"slide {number} has no title"))
        else:
            key = " ".join(title_text.casefold().split())
            if key in seen:
                findings.append(Finding(
                    title_source, f"slide {number} has the same title as slide {seen[key]}; "
                    "distinct titles tell slides apart in the outline view and to screen "
                    "readers", "warning"))
            else:
                seen[key] = number
        for element in slide.elements:
            if isinstance(element, Diagram) and not element.alt_text.strip():
                findings.append(Finding(slide.source,
                                        f"slide {number}: diagram {element.name} has no alt text"))
            if isinstance(element, Text) and element.placeholder == "body":
                bullets = [p for p in element.frame.paragraphs if p.bullet]
                if len(bullets) > MAX_BULLETS:
                    source = bullets[0].runs[0].source[:-1] if bullets[0].runs else slide.source
                    findings.append(Finding(
                        source, f"{len(bullets)} bullets on slide {number}; "
                        f"{MAX_BULLETS} or fewer are easier to follow", "warning"))
    for placed in placed_runs(plan, theme):
        run = placed.run
        where = run.source or plan.slides[placed.slide - 1].source
        if run.link is None and LITERAL_LINK.search(run.text):
            findings.append(Finding(where, "this looks like a link, but only http://, "
                                    "https:// and mailto: targets become links; it is shown "
                                    "as written", "warning"))
        floor = MIN_BODY_PT if placed.bulleted else MIN_DIAGRAM_PT if placed.diagram \
            else MIN_TEXT_PT
        if run.size < floor:
            findings.append(Finding(where, f"{run.size:g} pt text on slide {placed.slide}; "
                                    f"at least {floor:g} pt is readable"))
        ratio = contrast_ratio(theme.hex(run.colour), theme.hex(placed.behind))
        needed = 3.0 if is_large(run) else 4.5
        if placed.under and run.text.strip():
            ink = theme.hex(run.colour)
            worst = min(placed.under, key=lambda colour: contrast_ratio(ink, colour))
            ratio = contrast_ratio(ink, worst)
            if ratio < needed:
                findings.append(Finding(
                    where, f"“{run.text.strip()[:40]}” on slide {placed.slide} "
                    f"({placed.shape}) is #{ink} on #{worst} that the template draws behind "
                    f"it: contrast {ratio:.1f}:1; WCAG AA asks for {needed:g}:1", "warning"))
        elif ratio < needed:
            findings.append(Finding(
                where, f"text on slide {placed.slide} ({placed.shape}) has contrast "
                f"{ratio:.1f}:1 against its fill; WCAG AA asks for {needed:g}:1"))
    findings += _chart_findings(plan, theme)
    return _unique(findings)


def _chart_findings(plan: DeckPlan, theme: Theme) -> Iterator[Finding]:
    """A chart's words beside its bars (value labels, categories, legend: `ink`; the value
    axis: `muted`) below WCAG AA on what is behind the chart: the page panel when one is
    set behind it, else what the template's layout draws there, else the slide's fill."""
    for number, slide in enumerate(plan.slides, 1):
        panels = {e.name for e in slide.elements if isinstance(e, Box)}
        for chart in (e for e in slide.elements if isinstance(e, Chart)):
            under = () if f"{chart.name}-scrim" in panels else \
                layout_colours(theme, slide, chart.rect)
            behind = under or (theme.hex(BACKGROUND),)
            needed = 3.0 if min(chart.text_size, chart.label_size) >= LARGE_PT else 4.5
            # A value axis is drawn only where the bars carry no labels (as the renderers do).
            axis = chart.kind != "pie" and not chart.data_labels
            for what, colour in (("labels", chart.ink),
                                 *((("axis labels", chart.muted),) if axis else ())):
                ink = theme.hex(colour)
                worst = min(behind, key=lambda back: contrast_ratio(ink, back))
                ratio = contrast_ratio(ink, worst)
                if ratio < needed:
                    yield Finding(slide.source, f"the chart's {what} on slide {number} "
                                  f"({chart.name}) are #{ink} on #{worst}: contrast "
                                  f"{ratio:.1f}:1; WCAG AA asks for {needed:g}:1", "warning")


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per field and message (a stage name appears on every strip)."""
    out: list[Finding] = []
    for finding in findings:
        if finding not in out:
            out.append(finding)
    return out


CUE = "[click]"
"""How `--reveal` marks a cue line in the notes: a prompt to click, not words to say."""


def spoken_words(notes: str) -> int:
    """The words of the notes a speaker says aloud: `[click]` cue lines are left out."""
    return sum(len(line.split()) for line in notes.splitlines()
               if not line.lstrip().startswith(CUE))


def talk_minutes(plan: DeckPlan) -> float:
    """Spoken length of the notes, in minutes, at about 130 words a minute."""
    words = sum(spoken_words(slide.notes) for slide in plan.slides)
    return words / WORDS_PER_MINUTE
