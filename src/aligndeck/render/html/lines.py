"""Text frames laid out in lines, as the fitter measured them: the same wrap, the same sizes.

The fitter (plan/text/fit.py) only counts lines; a browser would wrap on its own and differ
by a word here and there. Here the paragraphs are wrapped again with the very measure the
fitter used, and each line keeps the runs (styles) its characters come from, so the page
draws exactly the line breaks the sizes were chosen for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aligndeck.plan.model import EMU_PER_PT, Paragraph, Run, TextFrame
from aligndeck.plan.text import CODE_FONT, letter_widening, line_height_pt, wrap_styled
from aligndeck.plan.text.measure import measured_family

DESCENT_EM = 550 / 2048
"""Carlito's (= Calibri's) winDescent: the baseline sits this far above a line's bottom."""


@dataclass(frozen=True)
class Piece:
    """Part of a line in one run's style."""

    text: str
    run: Run


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]
    baseline: float
    """From the top of the frame's rectangle, in points."""
    size: float
    """The paragraph's largest size: the one its lines were measured at."""


@dataclass(frozen=True)
class LaidParagraph:
    paragraph: Paragraph
    lines: tuple[Line, ...]


def run_text(run: Run) -> str:
    return run.text.upper() if run.caps else run.text


def family(role: str, fonts: Mapping[str, str]) -> str:
    if role == "code":
        return fonts.get("code", CODE_FONT)
    return fonts[role]


def css_family(name: str) -> str:
    """A CSS font stack for a family as the deck names it: the family itself where the
    system has it, then the family the measure used in its place (fontconfig's choice, as
    LibreOffice's: Carlito for Calibri, Liberation Sans for Arial), so the plan's lines
    are set in the widths they were measured in. Calibri's Carlito ships with the page."""
    # A template's family name goes into a style attribute: keep only what names use.
    def quoted(value: str) -> str:
        safe = "".join(ch for ch in value if ch.isalnum() or ch in " -_").strip()
        return f"'{safe}'" if safe else ""

    folded = name.strip().casefold()
    if folded in ("calibri", "carlito", ""):
        return "aligndeck-sans, Carlito, Calibri, sans-serif"
    stand_in = measured_family(name)
    stack = [quoted(name)]
    if stand_in and stand_in.casefold() != folded:
        stack.append(quoted(stand_in))
    if folded in ("consolas", "courier new", "courier", "monospace"):
        stack.append("'DejaVu Sans Mono'")
        stack.append("monospace")
    else:
        stack.append("sans-serif")
    return ", ".join(part for part in stack if part)


def _normalised(paragraph: Paragraph) -> list[tuple[str, Run]]:
    """The paragraph's characters as the measure normalises them (spaces and tabs run
    together into one space in the style of the first; hard breaks kept as "\\n"), each
    with the run it comes from."""
    chars: list[tuple[str, Run]] = []
    space: Run | None = None
    text = [(ch, run) for run in paragraph.runs for ch in run_text(run)]
    i = 0
    while i < len(text):
        ch, run = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1][0] == "\n":
            i += 1
            ch = "\n"
        if ch in "\n\r\v":
            chars.append(("\n", run))
            space = None
        elif ch in " \t":
            if space is None:
                space = run
        else:
            if space is not None and chars and chars[-1][0] != "\n":
                chars.append((" ", space))
            space = None
            chars.append((ch, run))
        i += 1
    return chars


def _split(paragraph: Paragraph, lines: list[str]) -> list[tuple[Piece, ...]]:
    """Each wrapped line as pieces of runs, found by walking the normalised text."""
    chars = _normalised(paragraph)
    cursor = 0
    out: list[tuple[Piece, ...]] = []
    for line in lines:
        while cursor < len(chars) and chars[cursor][0] in " \n" and \
                not (line and chars[cursor][0] == line[0]):
            cursor += 1
        pieces: list[Piece] = []
        for ch in line:
            if cursor >= len(chars) or chars[cursor][0] != ch:
                # The measure and this walk disagree (cannot happen while they share the
                # normalisation); draw the line in its paragraph's first style.
                return [tuple([Piece(text, paragraph.runs[0])]) for text in lines]
            run = chars[cursor][1]
            if pieces and pieces[-1].run is run:
                pieces[-1] = Piece(pieces[-1].text + ch, run)
            else:
                pieces.append(Piece(ch, run))
            cursor += 1
        out.append(tuple(pieces))
    return out


def layout_frame(frame: TextFrame, width: int, height: int, fonts: Mapping[str, str],
                 bullet_indent_pt: float) -> list[LaidParagraph]:
    """Lines of every paragraph with their baselines, measured from the top of a
    `width` × `height` EMU rectangle, honouring the frame's inset, narrowing and anchor."""
    inset = frame.inset / EMU_PER_PT
    inner_w = (width - sum(frame.narrowed)) / EMU_PER_PT - 2 * inset
    inner_h = height / EMU_PER_PT - 2 * inset
    wrapped: list[tuple[Paragraph, list[tuple[Piece, ...]], float, float]] = []
    total = 0.0
    count = len(frame.paragraphs)
    for index, paragraph in enumerate(frame.paragraphs):
        size = max((run.size for run in paragraph.runs), default=12.0)
        lh = line_height_pt(size, paragraph.line_spacing)
        if paragraph.runs:
            texts = [run_text(run) for run in paragraph.runs]
            styled = [(t, run.bold, run.italic, family(run.font, fonts))
                      for t, run in zip(texts, paragraph.runs, strict=True)]
            w = inner_w - (bullet_indent_pt if paragraph.bullet else 0.0)
            widening = letter_widening([(run, len(t)) for t, run in
                                  zip(texts, paragraph.runs, strict=True)])
            # Broken as PowerPoint and LibreOffice break it, across the box's whole
            # width: the fitter's margin (SAFETY) decides whether the text fits, not where
            # a renderer ends its lines; a break the plan chose is written into the text.
            lines = _split(paragraph, wrap_styled(styled, max(w - widening, 1.0), size))
        else:
            lines = [()]
        if index:
            total += paragraph.space_before
        wrapped.append((paragraph, lines, size, lh))
        total += len(lines) * lh
        if index < count - 1:
            total += paragraph.space_after
    if frame.anchor == "top":
        y = inset
    elif frame.anchor == "middle":
        y = inset + (inner_h - total) / 2
    else:
        y = inset + inner_h - total
    laid: list[LaidParagraph] = []
    for index, (paragraph, lines, size, lh) in enumerate(wrapped):
        if index:
            y += paragraph.space_before
        out = []
        for parts in lines:
            y += lh
            out.append(Line(parts, y - DESCENT_EM * size, size))
        laid.append(LaidParagraph(paragraph, tuple(out)))
        if index < count - 1:
            y += paragraph.space_after
    return laid
