"""Measure text with Carlito (= Calibri) advance widths, without loading fonts (and with the
fonts fontconfig picks for other families); lines.py wraps with these widths."""

from __future__ import annotations

import functools
import itertools
import json
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from aligndeck.plan.text.scripts import (
    COMPLEX_SCRIPT_FONTS,
    complex_script_font,
    has_east_asian,
)
from aligndeck.plan.text.shaping import shape_line  # right-to-left words

__all__ = ["StyledPiece", "autospace_pt", "char_width_em", "figures_font", "line_height_pt",
           "measured_family",
           "styled_width_pt", "text_block_height_pt", "text_width_pt"]

StyledPiece = tuple[str, bool, bool, str]
"""A stretch of text in one style: (text, bold, italic, font family)."""

_METRICS_FILE = "carlito-metrics.json"

#: Characters that take no horizontal space (beyond combining marks and format chars).
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")

#: Characters measured as another one the font table does have.
_ALIASES = {
    "\t": " ",  # a tab is measured (and wrapped) like a space
    "\u00a0": " ",  # NO-BREAK SPACE: Carlito lacks it; Calibri draws it as wide as a space
}

#: Emoji blocks (not covered by the font table; rendered ~1 em wide by fallback fonts).
_EMOJI_RANGES: tuple[tuple[int, int], ...] = (
    (0x2600, 0x27BF),  # Miscellaneous Symbols, Dingbats
    (0x1F000, 0x1F2FF),  # Mahjong/Domino/Playing cards, enclosed alphanumerics (flags)
    (0x1F300, 0x1FAFF),  # Pictographs, Emoticons, Transport, ..., Symbols Extended-A
)


_STYLES = ("regular", "bold", "italic", "bolditalic")


@dataclass(frozen=True)
class _Metrics:
    units_per_em: int
    line_height: int  # in font units, single spacing
    widths: dict[str, dict[int, int]]  # style -> codepoint -> advance (font units)
    fallback: dict[str, int]  # style -> advance for unknown characters (font units)


@functools.lru_cache(maxsize=1)
def _metrics() -> _Metrics:
    """Load the packaged Carlito table once (see tools/make_font_metrics.py)."""
    raw = (resources.files("aligndeck") / "data" / _METRICS_FILE).read_text(encoding="utf-8")
    doc = json.loads(raw)
    widths: dict[str, dict[int, int]] = {}
    fallback: dict[str, int] = {}
    for style in _STYLES:
        table: dict[int, int] = {}
        for first, run in doc["styles"][style]["widths"]:
            for offset, width in enumerate(run):
                table[int(first) + offset] = int(width)
        widths[style] = table
        lowercase = [table[cp] for cp in range(ord("a"), ord("z") + 1)]
        fallback[style] = math.ceil(sum(lowercase) / len(lowercase))
    return _Metrics(
        units_per_em=int(doc["units_per_em"]),
        line_height=int(doc["styles"]["regular"]["line_height"]),
        widths=widths,
        fallback=fallback,
    )


CALIBRI = frozenset({"calibri", "carlito", ""})
"""Families measured with the shipped Carlito table (Carlito is metric-compatible)."""

FALLBACK_WIDENING = 1.15
"""For a font that cannot be found: Carlito's widths made this much wider (DejaVu Sans,
the usual stand-in for a missing font on Linux, runs about 12% wider than Carlito)."""

MONOSPACE = frozenset({
    "consolas", "courier", "courier new", "cascadia code", "cascadia mono", "menlo", "monaco",
    "sf mono", "lucida console", "dejavu sans mono", "liberation mono", "noto sans mono",
    "source code pro", "fira code", "fira mono", "jetbrains mono", "roboto mono",
    "ubuntu mono", "monospace",
})
"""Monospaced families (code): each character is at least MONOSPACE_EM wide, whatever font
stands in for them here, so a proportional substitute never under-measures code."""

MONOSPACE_EM = 0.6
"""Advance of a monospaced character: Courier New, Liberation and DejaVu Sans Mono, Noto Sans
Mono are 0.6 em; Consolas is 0.55 em, so this is exact or slightly wide."""


def _style(bold: bool, italic: bool, font: str = "Calibri") -> str:
    """A style key: "regular" … for Carlito, "Family|regular" … for any other family."""
    style = _STYLES[(1 if bold else 0) + (2 if italic else 0)]
    family = font.strip()
    return style if family.casefold() in CALIBRI else f"{family}|{style}"


def _fc_match(family: str, style: str, field: str) -> str | None:
    """`field` ("file", "charset") of the font fontconfig picks for `family` in `style`
    (fontconfig's choice, which LibreOffice shares); None when it gives none."""
    weight = "bold" if "bold" in style else "regular"
    slant = "italic" if "italic" in style else "roman"
    import subprocess  # fontconfig is asked only for families other than Calibri

    try:
        found = subprocess.run(["fc-match", "-f", f"%{{{field}}}", f"{family}:weight={weight}:"
                                f"slant={slant}"], capture_output=True, text=True, timeout=10,
                               check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = found.stdout.strip()
    return out if found.returncode == 0 and out else None


@functools.lru_cache(maxsize=32)
def _system_font(family: str, style: str) -> Any:
    """The font file that renders `family` here, loaded with Pillow at 2048 units per em;
    None when there is none."""
    path = _fc_match(family, style, "file")
    if path is None:
        return None
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, size=2048)
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=32)
def _coverage(family: str, style: str) -> tuple[tuple[int, int], ...] | None:
    """The characters of the font that renders `family` here (fontconfig's charset, as
    ranges); None when fontconfig does not say."""
    charset = _fc_match(family, style, "charset")
    if charset is None:
        return None
    try:
        ranges = [(int(first, 16), int(last or first, 16))
                  for first, _, last in (part.partition("-") for part in charset.split())]
    except ValueError:
        return None
    return tuple(ranges) or None


def _covers(family: str, style: str, cp: int) -> bool:
    """Whether the font that renders `family` has the character (True when unknown)."""
    ranges = _coverage(family, style)
    return ranges is None or _in_ranges(cp, ranges)


@functools.lru_cache(maxsize=64)
def measured_family(family: str) -> str | None:
    """The family text in `family` is measured with here: Carlito for Calibri, else the
    one whose file fontconfig picks (as `_system_font` does, and LibreOffice draws with);
    None when fontconfig finds none. A renderer that draws the text itself (the browser)
    names it after the family, so it sets the lines in the fonts they were measured in."""
    if family.strip().casefold() in CALIBRI:
        return "Carlito"
    import subprocess

    try:
        found = subprocess.run(["fc-match", "-f", "%{family[0]}", f"{family}:weight=regular"],
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = found.stdout.strip()
    return name if found.returncode == 0 and name else None


#: LibreOffice sets a fifth of an em between Latin letters or figures and Japanese or
#: Chinese characters next to them (its Asian/Latin autospace: 4.1 pt in "14.2分" at
#: 20 pt, read from its PDF); PowerPoint sets none.
AUTOSPACE_EM = 0.2


def autospace_pt(text: str, size_pt: float) -> float:
    """The room LibreOffice adds inside `text` where Latin letters or figures meet East
    Asian characters, in points (0 for text in one of them)."""
    if text.isascii():
        return 0.0
    kinds = [1 if has_east_asian(ch) else 2 if ch.isascii() and ch.isalnum() else 0
             for ch in text]
    meets = sum(1 for a, b in itertools.pairwise(kinds) if a and b and a != b)
    return meets * AUTOSPACE_EM * size_pt


@functools.lru_cache(maxsize=32)
def figures_font(family: str, language: str) -> str:
    """The typeface to name as the complex-script font (`a:cs`) of figures ("18.4%",
    "10") in a right-to-left paragraph set in `family`: LibreOffice draws such figures from
    that slot, asking fontconfig for the family *in the paragraph's language*. Where the
    family is installed (or has a metric twin, Calibri's Carlito) that is the font the
    figures were measured in, and `family` is named. Where it is not (a template's
    Constantia) fontconfig answers with a font of the script instead (Noto Sans Hebrew,
    which has no digits: "10" was drawn as "1" over "0"; DejaVu Sans for Arabic, 15% wider,
    which wrapped "+27.5%" before its "%"), so the family the figures were measured in is
    named, and they are drawn as measured."""
    measured = measured_family(family)
    if measured is None or family.strip().casefold() in CALIBRI:
        return family
    import subprocess

    lang = language.split("-")[0].lower()
    if not lang:
        return family
    try:
        found = subprocess.run(["fc-match", "-f", "%{family[0]}",
                                f"{family}:weight=regular:lang={lang}"],
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return family
    return family if found.stdout.strip() == measured else measured


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= cp <= last for first, last in ranges)


def _is_zero_width(ch: str) -> bool:
    if ch in _ZERO_WIDTH or unicodedata.combining(ch) != 0:
        return True
    category = unicodedata.category(ch)
    # Nonspacing/enclosing marks (variation selectors, Thai vowels, ...), format
    # characters (soft hyphen, bidi marks) and control characters other than tab.
    return category in ("Mn", "Me", "Cf") or (category == "Cc" and ch != "\t")


THAI_EM = 0.66
"""Advance of a Thai letter where no Thai font can be loaded: Noto Sans Thai's letters
average 0.62 em (0.65 bold), its widest 0.94."""


def _thai_units(ch: str, style: str, script: str = "thai") -> int:
    """A Thai (or Devanagari) letter's advance in Noto Sans Thai (Devanagari), the font in
    scripts.COMPLEX_SCRIPT_FONTS, what the deck names for such runs and LibreOffice draws,
    whatever the run's own font (Devanagari was guessed at 0.46 em a letter, and a table's
    header "परिणाम" drawn in Noto Sans Devanagari broke inside the word)."""
    plain = style.split("|")[-1]
    font = _system_font(COMPLEX_SCRIPT_FONTS[script], plain)
    units = _metrics().units_per_em
    if font is None:
        return math.ceil(THAI_EM * units)
    advance: float = font.getlength(ch)
    return math.ceil(advance * units / 2048)


@functools.lru_cache(maxsize=16384)
def _char_units(ch: str, style: str) -> int:
    """Advance of one character in font units (1/units_per_em em); see char_width_em."""
    if _is_zero_width(ch):
        return 0
    if "\u0e00" <= ch <= "\u0e7f":
        return _thai_units(ch, style)
    if "\u0900" <= ch <= "\u097f":
        return _thai_units(ch, style, "devanagari")
    metrics = _metrics()
    if "|" in style:
        family, plain = style.split("|", 1)
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            return metrics.units_per_em
        floor = (math.ceil(MONOSPACE_EM * metrics.units_per_em)
                 if family.casefold() in MONOSPACE else 0)
        font = _system_font(family, plain)
        if font is None:
            return max(floor, math.ceil(_char_units(ch, plain) * FALLBACK_WIDENING))
        if not ch.isascii() and not _covers(family, plain, ord(_ALIASES.get(ch, ch))):
            # Not in the font: LibreOffice and the browser draw it from another one (an
            # arrow from DejaVu Serif, 0.84 em, where Noto Serif's empty box was 0.6 em).
            font = _system_font(f"{family}:charset={ord(_ALIASES.get(ch, ch)):x}", plain)
            if font is None:
                return max(floor, math.ceil(_char_units(ch, plain) * FALLBACK_WIDENING))
        try:
            advance: float = font.getlength(_ALIASES.get(ch, ch))
        except (RuntimeError, ValueError, OSError):  # a character the shaper refuses
            return max(floor, math.ceil(_char_units(ch, plain) * FALLBACK_WIDENING))
        return max(floor, math.ceil(advance * metrics.units_per_em / 2048))
    table = metrics.widths[style]
    cp = ord(_ALIASES.get(ch, ch))
    if cp in table:
        return table[cp]
    if unicodedata.east_asian_width(ch) in ("W", "F") or _in_ranges(cp, _EMOJI_RANGES):
        return metrics.units_per_em
    return metrics.fallback[style]


class _Advances(dict[str, int]):
    """One style's advances by character, each found by _char_units the first time: a
    line's advances are then looked up at the speed of a dict, not a call a character."""

    def __init__(self, style: str) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, ch: str) -> int:
        units = self[ch] = _char_units(ch, self.style)
        return units


@functools.lru_cache(maxsize=256)
def _advances(style: str) -> _Advances:
    return _Advances(style)


def line_units(line: str, style: str) -> list[int]:
    """The advance of each character of `line` set in one style (a _style key), in font
    units: [_char_units(ch, style) for ch in line], from a table kept for the style."""
    return list(map(_advances(style).__getitem__, line))


def _units_to_pt(units: int, size_pt: float) -> float:
    # The single place where font units become points, so that wrap_text's fitting
    # test and text_width_pt of a returned line agree to the last bit.
    return units * size_pt / _metrics().units_per_em


def _check_non_negative(name: str, value: float) -> None:
    if not value >= 0:  # also rejects NaN
        raise ValueError(f"{name} must be a non-negative number, got {value!r}")


def char_width_em(ch: str, *, bold: bool = False, italic: bool = False,
                  font: str = "Calibri") -> float:
    """Advance width of the single character ``ch`` in ems (multiply by the size in pt).

    Characters in the Carlito table (Latin, Greek, Cyrillic, punctuation, currency,
    arrows, maths, geometric shapes) get their real advance.  Otherwise:

    * combining marks, nonspacing/format/control characters and zero-width
      characters (U+200B-U+200D, U+2060, U+FEFF) -> 0;
    * tab -> a space; NO-BREAK SPACE -> a space (Carlito lacks it; Calibri does not);
    * East Asian wide/fullwidth characters and emoji -> 1.0 em (emoji sequences
      joined by ZWJ are over-estimated: each pictograph counts 1 em);
    * anything else unknown -> the average advance of the lowercase letters a-z of
      that style, rounded up to whole font units (about 0.46 em), a safe guess for a
      letter of some other alphabet.

    ``font`` other than Calibri/Carlito is measured with the file fontconfig picks for
    it (what LibreOffice draws with here), or Carlito widened by FALLBACK_WIDENING when
    none can be found; a monospaced family (MONOSPACE) is never narrower than
    MONOSPACE_EM per character, so code is not under-measured by a proportional stand-in.

    Raises ValueError if ``ch`` is not exactly one character.
    """
    if len(ch) != 1:
        raise ValueError(f"expected a single character, got {ch!r}")
    return _char_units(ch, _style(bold, italic, font)) / _metrics().units_per_em


def _text_units(text: str, style: str) -> int:
    if text.isascii():
        return sum(line_units(text, style))
    return sum(shape_line(text, line_units(text, style), [style] * len(text)))


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False,
                  font: str = "Calibri") -> float:
    """Width in points of ``text`` set on one line at ``size_pt`` points.

    The sum of the characters' advances (see char_width_em) times the size.  No
    kerning is applied: Calibri's kerning pairs are few and mostly negative, so the
    result is exact or slightly wide -- the safe side for overflow checks.  Line
    breaks and other control characters measure 0; use wrap_text for multi-line text.
    Raises ValueError for a negative or NaN size.
    """
    _check_non_negative("size_pt", size_pt)
    return _units_to_pt(_text_units(text, _style(bold, italic, font)), size_pt)


def styled_width_pt(pieces: Sequence[StyledPiece], size_pt: float) -> float:
    """Width in points of ``pieces`` -- (text, bold, italic, font family) each -- set one
    after another on one line at ``size_pt`` points; each character is measured in its
    piece's style (see text_width_pt, which this equals for a single piece).
    Raises ValueError for a negative or NaN size.
    """
    _check_non_negative("size_pt", size_pt)
    text = "".join(piece[0] for piece in pieces)
    styles = [_style(b, i, f) for piece, b, i, f in pieces for _ in piece]
    units = [_char_units(ch, style) for ch, style in zip(text, styles, strict=True)]
    return _units_to_pt(sum(shape_line(text, units, styles)), size_pt)


def line_height_pt(size_pt: float, spacing: float = 1.0) -> float:
    """Height in points of one line of Calibri/Carlito at ``size_pt`` and line ``spacing``.

    Single spacing is the font's full line height: OS/2 winAscent + winDescent
    (1950 + 550), which equals hhea ascent + descent + lineGap (1536 + 512 + 452),
    i.e. 2500/2048 = 1.2207 em -- what PowerPoint and LibreOffice use.  (Pillow's
    getmetrics() ascent + descent alone is exactly 1 em, without the line gap.)
    ``spacing`` is the multiple (1.0 single, 1.5, 2.0 ...).  Raises ValueError for a
    negative or NaN size or spacing.
    """
    _check_non_negative("size_pt", size_pt)
    _check_non_negative("spacing", spacing)
    metrics = _metrics()
    return metrics.line_height / metrics.units_per_em * size_pt * spacing


SCRIPT_FONTS = {"east asian": "Noto Sans CJK JP"}

#: Calibri's (and Carlito's) ascent in its horizontal header, in em: 1536 / 2048.
_CALIBRI_ASCENT_EM = 0.75
"""What LibreOffice draws East Asian text with here (Yu Gothic and its kin are replaced by
Noto Sans CJK); right-to-left scripts use scripts.COMPLEX_SCRIPT_FONTS."""


@functools.lru_cache(maxsize=16)
def _line_em(family: str) -> float:
    """A family's line height in ems (ascent + descent, as LibreOffice spaces its lines);
    0 when no font for it can be found."""
    font = _system_font(family, "regular")
    if font is None:
        return 0.0
    ascent, descent = font.getmetrics()
    return float(ascent + descent) / 2048


def script_line_height_pt(text: str, size_pt: float, spacing: float = 1.0,
                          family: str = "Calibri") -> float:
    """Height of a line of ``text``: line_height_pt, or more where the text uses a script
    whose font stands taller (Noto Sans Arabic's lines are 2.1 em, CJK's 1.45 em, against
    Calibri's 1.22), or where its Latin `family` does (a template's Constantia, drawn here
    in Noto Serif: 1.36 em): a line is as tall as its tallest font."""
    base = line_height_pt(size_pt, spacing)
    if family.strip().casefold() not in CALIBRI:
        base = max(base, _line_em(family) * size_pt * spacing)
    if text.isascii():
        return base
    families = [family for family in (complex_script_font(text),
                                       SCRIPT_FONTS["east asian"] if has_east_asian(text)
                                       else None) if family]
    return max([base, *(_line_em(f) * size_pt * spacing for f in families)])


def script_ascent_pt(text: str, size_pt: float, family: str = "Calibri") -> float:
    """How far below a line's top its baseline lies, for ``text``: Calibri's ascent, or the
    taller ascent of the font a script in the text is drawn in, as LibreOffice sets the
    line. Every font's is its horizontal header's (what FreeType reports): Carlito's is
    0.75 em (1536 of 2048 units), its line gap of 0.22 em goes below the line. (Read as
    Calibri's winAscent, 0.95 em, it set Latin figures in a table 4 pt above the Japanese
    and Arabic labels on their row at 20 pt, measured in LibreOffice's PDF.) Latin text
    in another `family` has that font's ascent (Noto Serif's 1.07 em for a template's
    Constantia: counted as Calibri's, Hebrew figures were set 6 pt too low, below the
    table's frame)."""
    base = _CALIBRI_ASCENT_EM * size_pt
    if family.strip().casefold() not in CALIBRI:
        base = (_ascent_em(family) or _CALIBRI_ASCENT_EM) * size_pt
    if text.isascii():
        return base
    ascents = [base]
    for script_family in (complex_script_font(text),
                          SCRIPT_FONTS["east asian"] if has_east_asian(text) else None):
        if script_family:
            ascents.append(_ascent_em(script_family) * size_pt)
    return max(ascents)


@functools.lru_cache(maxsize=16)
def font_ascent_em(family: str) -> float:
    """The ascent (horizontal header, as FreeType reports it) of the font `family` is
    drawn in here, in em: Carlito's 0.75 for Calibri; 0 when no font is found."""
    found = measured_family(family)
    return 0.0 if found is None else _ascent_em(found)


def _ascent_em(family: str) -> float:
    font = _system_font(family, "regular")
    return 0.0 if font is None else float(font.getmetrics()[0]) / 2048


def text_block_height_pt(lines: int, size_pt: float, spacing: float = 1.0) -> float:
    """Height in points of ``lines`` lines: ``lines * line_height_pt(size_pt, spacing)``.

    Raises ValueError for a negative line count.
    """
    if lines < 0:
        raise ValueError(f"lines must be >= 0, got {lines!r}")
    return lines * line_height_pt(size_pt, spacing)
