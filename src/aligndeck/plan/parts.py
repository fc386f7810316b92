"""Small pieces slide kinds build text with: colour roles, paragraphs and makers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from aligndeck.plan.markup import has_markup, parse_inline
from aligndeck.plan.model import Align, Colour, Paragraph, Run, Source, inches

INK = Colour("ink")
MUTED = Colour("muted")
ACCENT = Colour("accent")
ON_ACCENT = Colour("on_accent")
SURFACE = Colour("surface")

BOX_INSET = inches(0.14)
"""The inset of text inside a diagram box or bubble."""

Maker = Callable[[float], Sequence[Paragraph]]
"""A text at a size: fitting tries sizes until the paragraphs it makes fit."""


def para(run: Run, *, align: Align = "left", space_after: float = 0.0,
         line_spacing: float = 1.0, phrases: bool = False) -> Paragraph:
    """One paragraph of the run's text, its spaces collapsed as the measurement assumes and
    its inline formatting (**bold**, *italic*, `code`, [links](…)) split into runs; with
    `phrases` (diagram text), Japanese and Chinese break between phrases."""
    text = " ".join(run.text.split())
    if not has_markup(text):
        runs: tuple[Run, ...] = (run if text == run.text else replace(run, text=text),)
    else:
        runs = tuple(
            replace(run, text=span.text, bold=run.bold or span.bold,
                    italic=run.italic or span.italic,
                    font="code" if span.code else run.font, link=span.link,
                    colour=ACCENT if span.link else run.colour)
            for span in parse_inline(text)
        ) or (replace(run, text=""),)
    return Paragraph(runs, align=align, space_after=space_after, line_spacing=line_spacing,
                     phrases=phrases)


def sized(run: Run) -> Maker:
    """A maker for one paragraph of `run` at the size asked for."""
    return lambda size: [para(replace(run, size=size))]


def plain(text: str, colour: Colour, source: Source, *, line_spacing: float = 1.0) -> Maker:
    """A maker for one paragraph of plain text in one colour."""
    return lambda size: [para(Run(text, size, colour, source=source), line_spacing=line_spacing)]
