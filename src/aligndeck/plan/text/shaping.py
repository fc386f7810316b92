"""Widths of right-to-left and Devanagari words as they are drawn: shaped, in the font they
are drawn with.

Arabic letters join and change their form (and width) with their neighbours, and
Devanagari's consonants join into conjuncts ("क्ष", "द्ध"), so a word is not the sum of its
letters. Each right-to-left word is shaped as a whole with Pillow's
libraqm layout (HarfBuzz underneath) in the typeface the deck names for it
(scripts.COMPLEX_SCRIPT_FONTS, the file fontconfig, and so LibreOffice, picks for it).
Without libraqm, Pillow's basic layout measures the letters' isolated forms, which are
wider than the joined ones: the fit errs on the safe side, and SHAPING says so.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from aligndeck.plan.text.scripts import COMPLEX_SCRIPT_FONTS, rtl_script

UNITS_PER_EM = 2048
"""The font size (in pixels) fonts are loaded at, so a width in pixels is in font units
of a 2048-unit em, the measure's own unit."""


@functools.lru_cache(maxsize=1)
def shaping() -> bool:
    """Whether Pillow shapes text here (it was built with libraqm)."""
    try:
        from PIL import features

        return bool(features.check("raqm"))
    except (ImportError, OSError):
        return False


@functools.lru_cache(maxsize=8)
def _font(script: str, bold: bool) -> Any:
    """The font file fontconfig draws the script's typeface with, loaded for shaping;
    None when there is none."""
    family = COMPLEX_SCRIPT_FONTS[script]
    import subprocess  # fontconfig is asked only for text that needs shaping

    try:
        found = subprocess.run(["fc-match", "-f", "%{file}",
                                f"{family}:weight={'bold' if bold else 'regular'}"],
                               capture_output=True, text=True, timeout=10, check=False)
        path = found.stdout.strip()
        if found.returncode != 0 or not path:
            return None
        from PIL import ImageFont

        engine = ImageFont.Layout.RAQM if shaping() else ImageFont.Layout.BASIC
        return ImageFont.truetype(path, size=UNITS_PER_EM, layout_engine=engine)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


@functools.lru_cache(maxsize=16384)
def word_units(word: str, script: str, bold: bool) -> int | None:
    """The advance of a whole right-to-left word (or a space after one) in font units;
    None when no font for its script can be loaded."""
    font = _font(script, bold)
    if font is None:
        return None
    direction = "ltr" if script == "devanagari" else "rtl"
    try:
        length = (font.getlength(word, direction=direction) if shaping()
                  else font.getlength(word))
    except (OSError, ValueError, KeyError, RuntimeError):
        return None  # libraqm refuses some strings (a control character and a mark)
    return int(-(-length // 1))


def needs_shaping(text: str) -> bool:
    """Whether the text has a right-to-left or Devanagari letter, whose word is measured
    shaped."""
    return not text.isascii() and any(map(_shaped_script, text))


def _shaped_script(ch: str) -> str | None:
    return rtl_script(ch) or ("devanagari" if "\u0900" <= ch <= "\u097f" else None)


def shape_line(chars: str, units: list[int], styles: Sequence[str]) -> list[int]:
    """`units` (each character's advance in font units) with each right-to-left word's
    characters rescaled to add up to the word's shaped width, and a space after such a word
    measured in that word's font (LibreOffice draws it there: a space takes the script of
    the letter before it). Returns `units` itself when the line has no such word."""
    if not needs_shaping(chars):
        return units
    out = list(units)
    start = 0
    script: str | None = None
    for end in [*(i for i, ch in enumerate(chars) if ch == " "), len(chars)]:
        word = chars[start:end]
        bold = "bold" in styles[start] if start < len(styles) else False
        if script is not None and start > 0:  # the space before this word
            space = word_units(" ", script, "bold" in styles[start - 1])
            if space is not None:
                out[start - 1] = max(out[start - 1], space)
        script = next((s for s in map(_shaped_script, word) if s), None)
        if script is not None and word:
            shaped = word_units(word, script, bold)
            if shaped is not None:
                out[start:end] = _spread(shaped, units[start:end])
        start = end + 1
    return out


def _spread(total: int, weights: list[int]) -> list[int]:
    """`total` split over the characters in proportion to `weights`, summing exactly to it."""
    whole = sum(weights) or len(weights)
    parts = [total * (w if sum(weights) else 1) // whole for w in weights]
    parts[-1] += total - sum(parts)
    return parts
