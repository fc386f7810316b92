"""Fitting text into boxes: wrap with real font metrics, shrink in steps down to a floor."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from aligndeck.plan.measure import line_height_pt, text_width_pt, wrap_text
from aligndeck.plan.model import EMU_PER_PT, Emu, Paragraph
from aligndeck.plan.scripts import has_east_asian

SAFETY = 0.96
"""Fraction of a box's width text may use: renderers differ by a few percent (kerning, hinting)."""

CALIBRI_FONTS: Mapping[str, str] = MappingProxyType({"heading": "Calibri", "body": "Calibri"})
"""Font family of each run role (heading, body); the theme's fonts in practice."""

SIZE_STEP = 1.0
"""Sizes are tried in whole points, from the preferred size down to the floor."""


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: the main size chosen, the paragraphs at that size, and
    whether they fit at all (False when even the floor overflows)."""

    size: float
    paragraphs: tuple[Paragraph, ...]
    fits: bool
    height_pt: float
    room_pt: float
    """The height that was available, in points."""
    width_pt: float = 0.0
    bullet_indent_pt: float = 0.0
    fonts: Mapping[str, str] = field(default_factory=lambda: CALIBRI_FONTS)

    def fits_with(self, paragraphs: Sequence[Paragraph]) -> bool:
        """Whether other paragraphs at this fit's sizes would fit the same box."""
        return text_height_pt(paragraphs, self.width_pt, self.bullet_indent_pt,
                              self.fonts) <= self.room_pt


def paragraph_lines(paragraph: Paragraph, width_pt: float,
                    fonts: Mapping[str, str] = CALIBRI_FONTS) -> int:
    """How many lines a paragraph wraps to; runs in one paragraph share their first run's style."""
    if not paragraph.runs:
        return 1
    text = "".join(run.text.upper() if run.caps else run.text for run in paragraph.runs)
    first = paragraph.runs[0]
    # Letter spacing widens every gap; labels that use it are one short line, so taking the
    # whole widening off the available width is exact for them and safe for longer text.
    widening = first.spacing * max(len(text) - 1, 0)
    available = max(width_pt * SAFETY - widening, 1.0)
    lines = wrap_text(text, available, first.size, bold=first.bold, italic=first.italic,
                      font=fonts[first.font])
    return len(lines)


def breaks_a_word(paragraphs: Sequence[Paragraph], width_pt: float,
                  bullet_indent_pt: float = 0.0,
                  fonts: Mapping[str, str] = CALIBRI_FONTS) -> bool:
    """Whether some word is wider than its line, so a renderer would break it mid-word.

    Words are split at spaces and after hyphens, where renderers may break; text in East
    Asian scripts breaks between characters anyway and is left out.
    """
    for paragraph in paragraphs:
        width = (width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)) * SAFETY
        for run in paragraph.runs:
            text = run.text.upper() if run.caps else run.text
            for word in text.replace("-", "- ").split():
                if has_east_asian(word):
                    continue
                extra = run.spacing * max(len(word) - 1, 0)
                if text_width_pt(word, run.size, bold=run.bold, italic=run.italic,
                                 font=fonts[run.font]) + extra > width:
                    return True
    return False


def text_height_pt(paragraphs: Sequence[Paragraph], width_pt: float, bullet_indent_pt: float
                   = 0.0, fonts: Mapping[str, str] = CALIBRI_FONTS) -> float:
    """Height the paragraphs take when wrapped to width_pt (bulleted ones lose the indent)."""
    total = 0.0
    for index, paragraph in enumerate(paragraphs):
        size = max((run.size for run in paragraph.runs), default=12.0)
        width = width_pt - (bullet_indent_pt if paragraph.bullet else 0.0)
        lines = paragraph_lines(paragraph, width, fonts)
        total += lines * line_height_pt(size, paragraph.line_spacing)
        if index:
            total += paragraph.space_before
        if index < len(paragraphs) - 1:
            total += paragraph.space_after
    return total


def fit_text(
    make: Callable[[float], Sequence[Paragraph]],
    width: Emu,
    height: Emu,
    preferred: float,
    floor: float,
    *,
    bullet_indent_pt: float = 0.0,
    fonts: Mapping[str, str] = CALIBRI_FONTS,
) -> Fit:
    """Find the largest main size from `preferred` down to `floor` at which `make(size)` fits
    without breaking a word (at the floor, a broken word is accepted).

    `make` builds the paragraphs for a main size (other runs scale with it as it decides).
    Width and height are the inside of the text frame, in EMU. When nothing fits, returns
    the floor with `fits=False`; the caller decides whether that is a warning or an error.
    """
    width_pt, height_pt = width / EMU_PER_PT, height / EMU_PER_PT
    size = preferred
    while True:
        paragraphs = tuple(make(size))
        needed = text_height_pt(paragraphs, width_pt, bullet_indent_pt, fonts)
        # A size that breaks a word in two is not a fit while a smaller one may avoid it.
        whole_words = size - SIZE_STEP < floor or not breaks_a_word(paragraphs, width_pt,
                                                                     bullet_indent_pt, fonts)
        if needed <= height_pt and whole_words:
            return Fit(size, paragraphs, True, needed, height_pt, width_pt, bullet_indent_pt,
                       fonts)
        if size - SIZE_STEP < floor:
            return Fit(size, paragraphs, False, needed, height_pt, width_pt, bullet_indent_pt,
                       fonts)
        size -= SIZE_STEP


def fit_common_size(
    makers: Sequence[Callable[[float], Sequence[Paragraph]]],
    width: Emu,
    height: Emu,
    preferred: float,
    floor: float,
    fonts: Mapping[str, str] = CALIBRI_FONTS,
) -> float:
    """The one size at which every text fits its (equal) box: the size of the longest."""
    return min(fit_text(make, width, height, preferred, floor, fonts=fonts).size
               for make in makers)
