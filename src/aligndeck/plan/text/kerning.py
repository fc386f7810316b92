"""Line breaks that hold in every renderer: where a kerning renderer could pull the next word
up onto a line, the text is set a little narrower, so that it cannot.

The plan breaks lines with unkerned advances (measure.py); PowerPoint breaks with them too
unless a style asks for kerning (`kern` on `a:rPr`), and LibreOffice always kerns. A break
whose next word overshoots the line by less than the kerning takes off is a break PowerPoint
keeps and LibreOffice does not: "was alignment, not a new / capability." on the page and in
PowerPoint, one line in LibreOffice. HarfBuzz's kerned widths (Pillow's raqm layout) are
not LibreOffice's to the letter (±0.4% of a line, either way), so no measure says on which
side such a near miss lands; narrowing the text until the next word misses, kerned, by more
than that (`BAND`) puts it on the plan's side everywhere, as long as every line still fits
unkerned. See docs/notes/template-backdrop.md.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from aligndeck.plan.model import EMU_PER_PT, Emu, Paragraph, TextFrame
from aligndeck.plan.text.fit import CODE_FONT, letter_widening
from aligndeck.plan.text.lines import _breaks, _hard_lines, _wrap_units
from aligndeck.plan.text.measure import StyledPiece, _covers, _system_font, _units_to_pt
from aligndeck.plan.text.scripts import has_east_asian
from aligndeck.plan.text.shaping import needs_shaping

__all__ = ["BAND", "kerned_width_pt", "near_miss_trim"]

BAND = 0.005
"""How far (a share of the line) the next word must overshoot a line, kerned, for the break
to hold in every renderer: LibreOffice's letter positions differ from HarfBuzz's sums by up
to 0.4% of a line, measured from its PDF at 11 to 24 pt."""

_UNITS = 2048
"""The size (pixels per em) fonts are loaded at here, as in measure.py: one font unit."""

_PAIRS_FILE = "carlito-kerning.json"


MOST_KERNING = 0.03
"""The most kerning takes off a line, as a share of its width (a line of words in Carlito
loses 0.2 to 1%): a next word that overshoots by more is not measured kerned."""


@functools.lru_cache(maxsize=1)
def _carlito_pairs() -> dict[str, dict[str, list[Any]]]:
    """Carlito's kerning (tools/make_kerning_table.py), by style key: for each first
    character, the characters that kern after it and by how many font units. Calibri's
    kerned widths without loading a font; read only when a break is close."""
    raw = (resources.files("aligndeck") / "data" / _PAIRS_FILE).read_text(encoding="utf-8")
    styles: dict[str, dict[str, list[Any]]] = json.loads(raw)["styles"]
    return styles


def _pair(table: dict[str, list[Any]], first: str, second: str) -> int:
    """The kerning between two characters, in font units (0 where none)."""
    found = table.get(first)
    if found is None:
        return 0
    at = found[0].find(second)
    return int(found[1][at]) if at >= 0 else 0


@functools.lru_cache(maxsize=32)
def _kerning_font(family: str, style: str) -> Any:
    """The font `family` is drawn in here, loaded for its kerned widths (fontconfig's
    choice); None when none is found."""
    return _system_font(family, style)


def _kerned_units(text: str, style: str, units: Sequence[int]) -> float:
    """`text` set in one style (a measure._style key) with the font's kerning, in font units
    of 1/2048 em: Calibri's from Carlito's table, another family's through HarfBuzz; the
    unkerned `units` where no font is found."""
    family, _, plain = style.rpartition("|")
    if not family:
        table = _carlito_pairs()[plain]
        return float(sum(units) + sum(_pair(table, a, b) for a, b in itertools.pairwise(text)))
    font = _kerning_font(family, plain)
    if font is None:
        return float(sum(units))
    total, start = 0.0, 0
    # A character the font lacks is drawn from another (measure.py): its advance as
    # measured, the text on either side of it set on its own.
    for end in [*(i for i, ch in enumerate(text)
                  if not ch.isascii() and not _covers(family, plain, ord(ch))), len(text)]:
        try:
            total += float(font.getlength(text[start:end])) if end > start else 0.0
        except (RuntimeError, ValueError, OSError):  # a character the shaper refuses
            total += sum(units[start:end])
        total += units[end] if end < len(text) else 0
        start = end + 1
    return total


def _kerned_pt(s: str, units: Sequence[int], styles: Sequence[str], size_pt: float) -> float:
    """The kerned width of `s` (its characters' `units` and `styles` given), each stretch in
    one style set on its own."""
    total = 0.0
    start = 0
    for end in range(1, len(s) + 1):
        if end == len(s) or styles[end] != styles[start]:
            total += _kerned_units(s[start:end], styles[start], units[start:end])
            start = end
    return total * size_pt / _UNITS


def kerned_width_pt(pieces: Sequence[StyledPiece], size_pt: float) -> float:
    """Width in points of `pieces` on one line with the fonts' kerning (HarfBuzz through
    Pillow): what a kerning renderer sets, give or take `BAND`. Hard breaks and runs of
    spaces are read as measure.styled_width_pt reads them."""
    return sum(_kerned_pt(s, units, styles, size_pt)
               for s, units, styles in _hard_lines(pieces))


def _family(font: str, fonts: Mapping[str, str]) -> str:
    return fonts.get("code", CODE_FONT) if font == "code" else fonts[font]


@functools.lru_cache(maxsize=4096)
def _paragraph_room(paragraph: Paragraph, width_pt: float, fonts: tuple[tuple[str, str], ...]
                    ) -> tuple[float, float] | None:
    """(how much narrower, at most, the paragraph's lines may be set and all still fit
    unkerned, how much narrower they must be set so that no next word fits kerned), in
    points, for a paragraph broken across `width_pt` as the renderers break it; None for
    text this does not treat (right-to-left, Japanese and Chinese)."""
    texts = [run.text.upper() if run.caps else run.text for run in paragraph.runs]
    if not paragraph.runs or any(not t.isascii() and (needs_shaping(t) or has_east_asian(t))
                                 for t in texts):
        return None
    families = dict(fonts)
    pieces = [(text, run.bold, run.italic, _family(run.font, families))
              for text, run in zip(texts, paragraph.runs, strict=True)]
    size = max(run.size for run in paragraph.runs)
    available = max(width_pt - letter_widening(
        [(run, len(text)) for text, run in zip(texts, paragraph.runs, strict=True)]), 1.0)
    slack, need = available, 0.0
    for s, units, styles in _hard_lines(pieces):
        if s.isascii() and (width := _units_to_pt(sum(units), size)) <= available:
            # The whole line fits (nearly every title and bullet): it is one line, as
            # _wrap_units would find, with no break to be near; its slack all there is.
            slack = min(slack, available - width)
            continue
        prefix = [0]
        for unit in units:
            prefix.append(prefix[-1] + unit)
        breaks = _breaks(s)
        starts = {end: nxt for end, nxt in breaks}
        start = 0
        lines = _wrap_units(s, units, styles, available, size, None)
        for number, line in enumerate(lines):
            end = start + len(line)
            slack = min(slack, available - _units_to_pt(prefix[end] - prefix[start], size))
            if number + 1 < len(lines):
                if end not in starts:
                    return None  # a word cut at the edge: not a break between words
                nxt = starts[end]
                reach = next(e for e, _ in breaks if e > nxt)
                plain = _units_to_pt(prefix[reach] - prefix[start], size)
                if plain * (1 - MOST_KERNING) <= available * (1 + BAND):
                    kerned = _kerned_pt(s[start:reach], units[start:reach],
                                        styles[start:reach], size)
                    need = max(need, available - kerned / (1 + BAND))
                start = nxt
    return slack, need


def near_miss_trim(frame: TextFrame, width: Emu, fonts: Mapping[str, str],
                   bullet_indent_pt: float) -> Emu:
    """How much narrower (EMU) to set the frame's text, `width` EMU wide inside its insets,
    so that no next word of a line fits it kerned within `BAND`, while every line still fits
    unkerned: the lines stay the plan's, and become every renderer's. 0 where no break is
    that close, or for text this does not treat. Where the lines leave less room than that,
    as much as they leave."""
    slack, need = math.inf, 0.0
    for paragraph in frame.paragraphs:
        indent = bullet_indent_pt if paragraph.bullet else 0.0
        room = _paragraph_room(paragraph, width / EMU_PER_PT - indent,
                               tuple(sorted(fonts.items())))
        if room is None:
            return 0
        slack, need = min(slack, room[0]), max(need, room[1])
    if need <= 0:
        return 0
    # Whole EMU, never past the room the widest line leaves (1 EMU kept for rounding).
    return max(0, min(math.ceil(need * EMU_PER_PT), math.floor(slack * EMU_PER_PT) - 1))
