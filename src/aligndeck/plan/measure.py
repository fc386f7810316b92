"""Measure and wrap text with Carlito (= Calibri) advance widths, without loading fonts."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from aligndeck.plan.shaping import needs_shaping, shape_line  # right-to-left words

__all__ = ["StyledPiece", "char_width_em", "line_height_pt", "styled_width_pt",
           "text_block_height_pt", "text_width_pt", "wrap_styled", "wrap_text"]

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

#: Scripts in which a line may break between any two characters.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK Radicals, Kangxi Radicals
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3200, 0x33FF),  # Enclosed CJK Letters and Months, CJK Compatibility
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7FF),  # Hangul Syllables, Hangul Jamo Extended-B
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0x20000, 0x3FFFF),  # CJK Unified Ideographs Extensions B..
)

#: May not start a line (kinsoku): the character before is moved down with it.
_CLOSING = frozenset("、。，．：；！？）」』】〉》〕］｝〙〗〟｣.,;:!?)]}’”")
#: May not end a line: it is moved down to the next line with the character after it.
_OPENING = frozenset("（「『【〈《〔［｛〘〖〝｢([{‘“")
#: No-break "glue" characters: never break on either side of them.
_GLUE = frozenset("\u00a0\u2007\u202f\u2060\ufeff\u200d")

_HARD_BREAK = re.compile(r"\r\n|[\n\r\v]")

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


@functools.lru_cache(maxsize=32)
def _system_font(family: str, style: str) -> Any:
    """The font file that renders `family` here (fontconfig's choice, which LibreOffice
    shares), loaded with Pillow at 2048 units per em; None when there is none."""
    weight = "bold" if "bold" in style else "regular"
    slant = "italic" if "italic" in style else "roman"
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:weight={weight}:"
                                f"slant={slant}"], capture_output=True, text=True, timeout=10,
                               check=False)
        path = found.stdout.strip()
        if found.returncode != 0 or not path:
            return None
        from PIL import ImageFont

        return ImageFont.truetype(path, size=2048)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= cp <= last for first, last in ranges)


def _is_zero_width(ch: str) -> bool:
    if ch in _ZERO_WIDTH or unicodedata.combining(ch) != 0:
        return True
    category = unicodedata.category(ch)
    # Nonspacing/enclosing marks (variation selectors, Thai vowels, ...), format
    # characters (soft hyphen, bidi marks) and control characters other than tab.
    return category in ("Mn", "Me", "Cf") or (category == "Cc" and ch != "\t")


@functools.lru_cache(maxsize=16384)
def _char_units(ch: str, style: str) -> int:
    """Advance of one character in font units (1/units_per_em em); see char_width_em."""
    if _is_zero_width(ch):
        return 0
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
        return sum(_char_units(ch, style) for ch in text)
    return sum(shape_line(text, [_char_units(ch, style) for ch in text], [style] * len(text)))


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


def text_block_height_pt(lines: int, size_pt: float, spacing: float = 1.0) -> float:
    """Height in points of ``lines`` lines: ``lines * line_height_pt(size_pt, spacing)``.

    Raises ValueError for a negative line count.
    """
    if lines < 0:
        raise ValueError(f"lines must be >= 0, got {lines!r}")
    return lines * line_height_pt(size_pt, spacing)


_FIRST_CJK = min(first for first, _ in _CJK_RANGES)


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return cp >= _FIRST_CJK and _in_ranges(cp, _CJK_RANGES)


def _no_break_before(ch: str) -> bool:
    return ch in _CLOSING or ch in _GLUE or (_is_zero_width(ch) and ch != "\u200b")


def _no_break_after(ch: str) -> bool:
    return ch in _OPENING or ch in _GLUE


_ASCII_NO_BREAK_BEFORE = frozenset(".,;:!?)]}")
_ASCII_NO_BREAK_AFTER = frozenset("([{")


def _breaks(s: str) -> list[tuple[int, int]]:
    """Break opportunities of a normalised line as (end of this line, start of next).

    A break at a space drops the space (end = before it, start = after it); a break
    between two characters (CJK, or after U+200B ZERO WIDTH SPACE) drops nothing.
    """
    if s.isascii():
        # The common case, quickly: breaks only at spaces, the kinsoku rules in ASCII.
        fast: list[tuple[int, int]] = []
        index = s.find(" ")
        while index != -1:
            following = s[index + 1] if index + 1 < len(s) else ""
            if following not in _ASCII_NO_BREAK_BEFORE and s[index - 1] not in \
                    _ASCII_NO_BREAK_AFTER:
                fast.append((index, index + 1))
            index = s.find(" ", index + 1)
        fast.append((len(s), len(s)))
        return fast
    out: list[tuple[int, int]] = []
    for i in range(1, len(s)):
        ch, prev = s[i], s[i - 1]
        if ch == " " or _no_break_before(ch):
            continue
        if prev == " ":
            # s has single spaces and no leading space, so s[i - 2] is not a space
            if not _no_break_after(s[i - 2]):
                out.append((i - 1, i))
        elif (prev == "\u200b" or _is_cjk(prev) or _is_cjk(ch)) and not _no_break_after(prev):
            out.append((i, i))
    out.append((len(s), len(s)))
    return out


def _bad_split(s: str, start: int, j: int) -> bool:
    """Whether splitting s[start:] at j breaks a kinsoku/glue rule."""
    k = j
    while k < len(s) and s[k] == " ":
        k += 1
    m = j - 1
    while m > start and s[m] == " ":
        m -= 1
    return (k < len(s) and _no_break_before(s[k])) or _no_break_after(s[m])


def _wrap_units(s: str, units: Sequence[int], styles: Sequence[str], width_pt: float,
                size_pt: float) -> list[str]:
    """Greedily wrap one normalised hard line (single spaces, none at either end) whose
    characters advance by ``units[i]`` font units each (in ``styles[i]``); a stretch with
    right-to-left words is measured shaped, as a line of its own, like styled_width_pt."""
    if not s:
        return [""]
    prefix = [0, *itertools.accumulate(units)]
    shaped = needs_shaping(s)

    def fits(a: int, b: int) -> bool:
        width = (sum(shape_line(s[a:b], list(units[a:b]), styles[a:b])) if shaped
                 else prefix[b] - prefix[a])
        return _units_to_pt(width, size_pt) <= width_pt

    breaks = _breaks(s)
    lines: list[str] = []
    start = 0
    k = 0  # index of the first break opportunity after `start`
    while start < len(s):
        while breaks[k][1] <= start:
            k += 1
        best: tuple[int, int] | None = None
        while k < len(breaks) and fits(start, breaks[k][0]):
            best = breaks[k]
            k += 1
        if best is not None:
            end, nxt = best
        else:
            # The next unbreakable chunk is wider than the line by itself: break it
            # between characters, keeping at least one character per line, and
            # honouring the kinsoku rules if that still fits.
            chunk_end = breaks[k][0]
            j = start + 1
            while j + 1 < chunk_end and fits(start, j + 1):
                j += 1
            split = j
            while split > start + 1 and _bad_split(s, start, split):
                split -= 1
            if not _bad_split(s, start, split):
                j = split
            end = nxt = j
            while nxt < len(s) and s[nxt] == " ":
                nxt += 1
        lines.append(s[start:end].rstrip(" "))
        start = nxt
    return lines


def wrap_text(
    text: str,
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str = "Calibri",
) -> list[str]:
    """Greedy word wrap of ``text`` into lines at most ``width_pt`` points wide.

    * Hard breaks ("\\n", "\\r\\n", "\\r", and "\\v" -- python-pptx's soft line break)
      always end a line; each hard line yields at least one line, so "" -> [""].
    * Tabs count as spaces; runs of spaces are collapsed to one and spaces at the
      start/end of a hard line are dropped.  A line breaks at a space, which is
      dropped, so lines never start or end with a space.  Callers should emit the
      same normalised text (e.g. the returned lines) so the measurement holds.
    * In CJK text (Han, Hiragana, Katakana, Hangul, CJK punctuation, fullwidth
      forms) a break is allowed between any two characters, and after U+200B.
    * Kinsoku: closing punctuation (、。，．：；！？）」』】〉》〕］｝, ASCII .,;:!?)]}
      and ’”) never starts a line -- the character before it moves down too --
      and opening brackets (（「『【〈《〔［｛, ASCII ([{ and ‘“) never end one.  No
      break happens next to a no-break space or before a combining mark.
    * A chunk wider than the whole line is broken between characters, as PowerPoint
      does, with at least one character per line (so a line of a single character
      may be wider than ``width_pt``); kinsoku is honoured there only when possible.

    Widths use text_width_pt (no kerning).  Raises ValueError for a negative/NaN
    width or size.
    """
    return wrap_styled(((text, bold, italic, font),), width_pt, size_pt)


_Lines = tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...]
_WORD = re.compile(r"[^ \t]+")


@functools.lru_cache(maxsize=65536)  # a talk repeats its words
def _word_units(word: str, style: str) -> tuple[int, ...]:
    return tuple(_char_units(ch, style) for ch in word)


@functools.lru_cache(maxsize=16384)  # fitting wraps one text at several sizes and widths
def _hard_lines(pieces: tuple[StyledPiece, ...]) -> _Lines:
    """The pieces' hard lines normalised as wrap_text says (each run of spaces and tabs one
    space, in the style of its first), with each character's advance and style."""
    text, lines = "".join(piece[0] for piece in pieces), []
    if len({_style(*piece[1:]) for piece in pieces}) == 1:  # nearly all text: words whole
        style = _style(*pieces[0][1:])
        for hard_line in _HARD_BREAK.split(text):
            words = [word for word in hard_line.replace("\t", " ").split(" ") if word]
            line = " ".join(words)
            lines.append((line, tuple(unit for n, word in enumerate(words) for unit in
                                      _word_units(f" {word}" if n else word, style)),
                          (style,) * len(line)))
        return tuple(lines)
    styles = [style for piece in pieces for style in [_style(*piece[1:])] * len(piece[0])]
    start = 0
    for end, after in [*((m.start(), m.end()) for m in _HARD_BREAK.finditer(text)),
                       (len(text), len(text))]:
        chars: list[tuple[str, str]] = []  # (character, style), spaces made one
        for match in _WORD.finditer(text, start, end):
            chars += [(" ", styles[start])] if chars else []
            chars += zip(match.group(), styles[match.start():match.end()], strict=True)
            start = match.end()
        letters, marks = "".join([ch for ch, _ in chars]), tuple([st for _, st in chars])
        lines.append((letters, tuple(map(_char_units, letters, marks)), marks))
        start = after
    return tuple(lines)


def wrap_styled(pieces: Sequence[StyledPiece], width_pt: float, size_pt: float) -> list[str]:
    """See _wrap_styled; results are cached, as fitting measures the same text often."""
    return list(_wrap_styled(tuple(pieces), width_pt, size_pt))


@functools.lru_cache(maxsize=65536)
def _wrap_styled(pieces: tuple[StyledPiece, ...], width_pt: float, size_pt: float
                 ) -> tuple[str, ...]:
    """Greedy word wrap of mixed-style text into lines at most ``width_pt`` points wide.

    ``pieces`` are (text, bold, italic, font family), set one after another at
    ``size_pt``; each character is measured in its own piece's style, and a line may
    break anywhere the concatenated text may (a style change is not a break).  All the
    rules of wrap_text apply; wrap_text is this function for a single piece.  Returns
    the lines as plain text.  Raises ValueError for a negative/NaN width or size.
    """
    _check_non_negative("width_pt", width_pt)
    _check_non_negative("size_pt", size_pt)
    lines: list[str] = []
    for normalised, units, styles in _hard_lines(pieces):
        lines.extend(_wrap_units(normalised, units, styles, width_pt, size_pt))
    return tuple(lines)
