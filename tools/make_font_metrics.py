#!/usr/bin/env python3
"""Generate ``src/aligndeck/data/carlito-metrics.json`` from the installed Carlito fonts.

Why
---
aligndeck must never let text overflow its box, so it measures text at build time
with real font metrics.  The deck's font is Calibri; Carlito (SIL OFL 1.1, by Łukasz
Dziedzic) is metric-compatible with it: same unitsPerEm (2048), same advance widths,
same vertical metrics.  Shipping a small table of Carlito advance widths lets the
runtime (``aligndeck.plan.text.measure``) measure text with no font files and no Pillow.

How
---
For each style (Regular, Bold, Italic, BoldItalic) the script

* opens the TTF with Pillow at ``size=2048`` (= unitsPerEm, so one pixel is one font
  unit and FreeType's 26.6 advances are exact integers), using the BASIC layout engine
  so that results do not depend on libraqm being present;
* decides which codepoints have a glyph in the ranges listed in ``RANGES``.  The
  authoritative test reads the font's own ``cmap`` table (formats 4 and 12, parsed
  with :mod:`struct`, no fontTools): a codepoint has a glyph iff the cmap maps it to
  a glyph id other than 0 (.notdef).  As a cross-check the script also applies the
  Pillow-only heuristic: a character whose advance *and* ``getbbox()`` equal those
  of the unmapped private-use character U+E000 (which FreeType renders as .notdef)
  is "missing".  Disagreements are reported on stderr; there are none for Carlito
  1.103 (1037 of 1728 candidate codepoints have glyphs).  The heuristic must be
  evaluated at size 2048: at small pixel sizes hinting rounds e.g. "#" (advance
  1020) onto the .notdef box (advance 1038), which is why cmap is the authority;
* records ``font.getlength(ch)`` for every covered codepoint as an integer number of
  1/2048 em, and ``font.getmetrics()`` (hhea ascent/descent) in the same units;
* reads ``hhea.lineGap`` and ``OS/2.usWinAscent``/``usWinDescent`` from the font
  (Pillow does not expose them) because the single-spacing line height used by
  PowerPoint (GDI: winAscent + winDescent) and LibreOffice (hhea: ascent + descent +
  lineGap) is *not* ascent + descent from ``getmetrics()``: for Carlito/Calibri those
  are 1536 + 512 = 2048 (exactly 1 em) while the line height is 1950 + 550 =
  1536 + 512 + 452 = 2500 units = 1.2207 em.  Both are stored; the JSON field
  ``line_height`` holds the 2500.

JSON layout (kept small, ~23 KB): ``styles.<style>.widths`` is a list of runs
``[first_codepoint, [w0, w1, ...]]`` covering consecutive codepoints that all have
glyphs.  Output is deterministic: sorted keys, compact separators, no timestamps, no
Pillow/FreeType version numbers (they do not affect the numbers).

Rerun
-----
From the repository root, with Carlito installed (Debian/Ubuntu: ``fonts-crosextra-carlito``)::

    python tools/make_font_metrics.py                # writes the package JSON
    python tools/make_font_metrics.py --font-dir DIR --output PATH

``tests/test_measure.py`` re-runs :func:`build_metrics` in memory and checks that the
committed JSON is up to date.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path
from typing import Any

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT = REPO_ROOT / "src" / "aligndeck" / "data" / "carlito-metrics.json"

UNITS_PER_EM = 2048
LICENSE = "SIL Open Font License 1.1"

#: style key -> file-name suffix of Carlito-<suffix>.ttf
STYLES: dict[str, str] = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bolditalic": "BoldItalic",
}

#: inclusive codepoint ranges to cover
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x024F),  # Basic Latin .. Latin Extended-B
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x21FF),  # Letterlike Symbols, Number Forms, Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x25A0, 0x25FF),  # Geometric Shapes
)

NOTDEF_PROBE = "\ue000"  # private use, not mapped by Carlito -> rendered as .notdef


# --------------------------------------------------------------------------- sfnt


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    """Return ``{tag: (offset, length)}`` of an sfnt (TrueType) file."""
    (num_tables,) = struct.unpack_from(">H", data, 4)
    out: dict[str, tuple[int, int]] = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = (offset, length)
    return out


def _cmap(data: bytes, tables: dict[str, tuple[int, int]]) -> dict[int, int]:
    """Parse the best Unicode subtable (format 12, else format 4) into ``{cp: glyph_id}``."""
    base = tables["cmap"][0]
    (_version, num) = struct.unpack_from(">HH", data, base)
    subtables: dict[int, int] = {}  # format -> absolute offset
    for i in range(num):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        if (platform, encoding) in {(3, 1), (3, 10), (0, 3), (0, 4), (0, 6)}:
            (fmt,) = struct.unpack_from(">H", data, base + offset)
            subtables.setdefault(fmt, base + offset)
    mapping: dict[int, int] = {}
    if 12 in subtables:
        off = subtables[12]
        (n_groups,) = struct.unpack_from(">I", data, off + 12)
        for g in range(n_groups):
            start, end, gid = struct.unpack_from(">III", data, off + 16 + 12 * g)
            for cp in range(start, end + 1):
                mapping[cp] = gid + cp - start
        return mapping
    if 4 not in subtables:
        raise ValueError("font has no Unicode cmap subtable of format 4 or 12")
    off = subtables[4]
    (seg_x2,) = struct.unpack_from(">H", data, off + 6)
    n = seg_x2 // 2
    ends = struct.unpack_from(f">{n}H", data, off + 14)
    starts = struct.unpack_from(f">{n}H", data, off + 16 + seg_x2)
    deltas = struct.unpack_from(f">{n}h", data, off + 16 + 2 * seg_x2)
    range_off_pos = off + 16 + 3 * seg_x2
    range_offs = struct.unpack_from(f">{n}H", data, range_off_pos)
    for i in range(n):
        for cp in range(starts[i], ends[i] + 1):
            if cp == 0xFFFF:
                continue
            if range_offs[i] == 0:
                gid = (cp + deltas[i]) & 0xFFFF
            else:
                addr = range_off_pos + 2 * i + range_offs[i] + 2 * (cp - starts[i])
                (gid,) = struct.unpack_from(">H", data, addr)
                if gid:
                    gid = (gid + deltas[i]) & 0xFFFF
            mapping[cp] = gid
    return mapping


def _vertical(data: bytes, tables: dict[str, tuple[int, int]]) -> dict[str, int]:
    """unitsPerEm, hhea ascender/descender/lineGap and OS/2 win ascent/descent."""
    (upem,) = struct.unpack_from(">H", data, tables["head"][0] + 18)
    asc, desc, gap = struct.unpack_from(">hhh", data, tables["hhea"][0] + 4)
    win_asc, win_desc = struct.unpack_from(">HH", data, tables["OS/2"][0] + 74)
    return {
        "units_per_em": upem,
        "hhea_ascent": asc,
        "hhea_descent": -desc,
        "line_gap": gap,
        "win_ascent": win_asc,
        "win_descent": win_desc,
    }


def _name(data: bytes, tables: dict[str, tuple[int, int]], name_id: int) -> str:
    """Return name-table record ``name_id`` (Windows Unicode, else Mac Roman)."""
    base = tables["name"][0]
    _fmt, count, string_off = struct.unpack_from(">HHH", data, base)
    fallback = ""
    for i in range(count):
        platform, encoding, _lang, nid, length, off = struct.unpack_from(
            ">6H", data, base + 6 + 12 * i
        )
        if nid != name_id:
            continue
        raw = data[base + string_off + off : base + string_off + off + length]
        if platform == 3 and encoding in (0, 1, 10):
            return raw.decode("utf-16-be")
        if platform == 1 and not fallback:
            fallback = raw.decode("mac-roman")
    return fallback


# ------------------------------------------------------------------------ metrics


def _looks_like_notdef(
    font: ImageFont.FreeTypeFont, ch: str, notdef: tuple[float, tuple[float, float, float, float]]
) -> bool:
    """Pillow-only heuristic: same advance and same ink bbox as the .notdef glyph."""
    return (font.getlength(ch), font.getbbox(ch)) == notdef


def _runs(widths: dict[int, int]) -> list[list[Any]]:
    """Compress ``{cp: width}`` into ``[[first_cp, [w, ...]], ...]`` for consecutive cps."""
    runs: list[list[Any]] = []
    prev = -2
    for cp in sorted(widths):
        if cp == prev + 1:
            runs[-1][1].append(widths[cp])
        else:
            runs.append([cp, [widths[cp]]])
        prev = cp
    return runs


def build_style(path: Path, *, warn: bool = True) -> dict[str, Any]:
    """Measure one TTF; return its JSON-ready entry (widths in 1/2048 em)."""
    data = path.read_bytes()
    tables = _tables(data)
    vertical = _vertical(data, tables)
    if vertical["units_per_em"] != UNITS_PER_EM:
        raise ValueError(f"{path}: unitsPerEm {vertical['units_per_em']} != {UNITS_PER_EM}")
    cmap = _cmap(data, tables)
    font = ImageFont.truetype(str(path), size=UNITS_PER_EM, layout_engine=ImageFont.Layout.BASIC)
    notdef = (font.getlength(NOTDEF_PROBE), font.getbbox(NOTDEF_PROBE))

    widths: dict[int, int] = {}
    for first, last in RANGES:
        for cp in range(first, last + 1):
            ch = chr(cp)
            has_glyph = cmap.get(cp, 0) != 0
            if warn and has_glyph == _looks_like_notdef(font, ch, notdef):
                print(
                    f"warning: {path.name} U+{cp:04X}: cmap says has_glyph={has_glyph}, "
                    "notdef heuristic disagrees",
                    file=sys.stderr,
                )
            if not has_glyph:
                continue
            advance = font.getlength(ch)
            if advance != round(advance):
                raise ValueError(f"{path.name} U+{cp:04X}: non-integer advance {advance}")
            widths[cp] = round(advance)

    ascent, descent = font.getmetrics()
    if (ascent, descent) != (vertical["hhea_ascent"], vertical["hhea_descent"]):
        raise ValueError(f"{path.name}: Pillow metrics {ascent, descent} != hhea {vertical}")
    family, style = font.getname()
    return {
        "ascent": ascent,
        "descent": descent,
        "line_gap": vertical["line_gap"],
        "win_ascent": vertical["win_ascent"],
        "win_descent": vertical["win_descent"],
        "line_height": vertical["win_ascent"] + vertical["win_descent"],
        "font": f"{family} {style}",
        "version": _name(data, tables, 5),
        "widths": _runs(widths),
    }


def build_metrics(font_dir: Path = FONT_DIR, *, warn: bool = True) -> dict[str, Any]:
    """Measure all four Carlito styles in ``font_dir``; return the JSON document."""
    styles = {
        key: build_style(font_dir / f"Carlito-{suffix}.ttf", warn=warn)
        for key, suffix in STYLES.items()
    }
    fonts = ", ".join(f"{s['font']} ({s['version'].split(';')[0]})" for s in styles.values())
    return {
        "format": 1,
        "units_per_em": UNITS_PER_EM,
        "source": {
            "fonts": fonts,
            "license": LICENSE,
            "note": "Carlito is metric-compatible with Calibri; widths are advance widths "
            "in 1/2048 em from Pillow getlength() at size 2048, no kerning",
            "generator": "tools/make_font_metrics.py",
            "ranges": [f"U+{a:04X}-U+{b:04X}" for a, b in RANGES],
        },
        "styles": styles,
    }


def render_json(doc: dict[str, Any]) -> str:
    """Serialise deterministically (sorted keys, compact, trailing newline)."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--font-dir", type=Path, default=FONT_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render_json(build_metrics(args.font_dir))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
