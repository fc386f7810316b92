#!/usr/bin/env python3
"""Generate ``src/aligndeck/data/carlito-kerning.json`` from the installed Carlito fonts.

Why: LibreOffice always kerns, and PowerPoint kerns where a template's styles ask for it
(``kern="1200"``). Where the plan's unkerned break of a line is a near miss (the next word
would fit, kerned), the plan sets the text a little narrower (plan/narrowing.py). To know
the kerned width of Calibri text without loading a font (a plain deck starts no
fontconfig and no Pillow), the runtime reads Carlito's kerning from this table.

How: for each style, every pair of characters from ``CHARS`` (printable ASCII, Latin-1's
letters, typographic quotes and dashes) is set with HarfBuzz (Pillow's raqm layout, its
default features: kerning, and ligatures where they change a width) at 2048 pixels per em
(one pixel per font unit), and the pair's width less its two characters' widths is kept
where it is not 0 (rounded to whole units). JSON: ``styles.<style>`` maps each first
character to ``[seconds, [deltas]]``.

Rerun from the repository root, with Carlito installed (``fonts-crosextra-carlito``) and
Pillow built with raqm::

    python tools/make_kerning_table.py

``tests/test_narrowing.py`` checks the committed table against a fresh one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PIL import ImageFont, features

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "aligndeck" / "data" / \
    "carlito-kerning.json"
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic",
          "bolditalic": "BoldItalic"}
CHARS = "".join([*map(chr, range(0x20, 0x7F)), *map(chr, range(0xC0, 0x100)),
                 "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb"])


def build_table(font_dir: Path = FONT_DIR) -> dict[str, Any]:
    """The table's JSON document, from the fonts in `font_dir`."""
    styles: dict[str, dict[str, list[Any]]] = {}
    for style, suffix in STYLES.items():
        font = ImageFont.truetype(str(font_dir / f"Carlito-{suffix}.ttf"), 2048,
                                  layout_engine=ImageFont.Layout.RAQM)
        alone = {ch: font.getlength(ch) for ch in CHARS}
        table: dict[str, list[Any]] = {}
        for first in CHARS:
            seconds, deltas = "", []
            for second in CHARS:
                delta = round(font.getlength(first + second) - alone[first] - alone[second])
                if delta:
                    seconds += second
                    deltas.append(delta)
            if seconds:
                table[first] = [seconds, deltas]
        styles[style] = table
    return {"format": 1, "source": "Carlito (SIL Open Font License 1.1), HarfBuzz pairs",
            "units_per_em": 2048, "styles": styles}


def render_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> int:
    if not features.check("raqm"):
        print("Pillow has no raqm layout: cannot read kerning", file=sys.stderr)
        return 1
    OUTPUT.write_text(render_json(build_table()), encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
