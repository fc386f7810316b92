"""Make the web fonts the browser preview ships: Carlito, subset and renamed, as WOFF2.

The fitter measures Calibri text with Carlito's advance widths (src/aligndeck/data/
carlito-metrics.json); the page draws it with these files, so a line the fitter measured
is drawn exactly as wide. Subsetting keeps the scripts Carlito covers (Latin, Greek,
Cyrillic) and common symbols, drops layout features (PowerPoint neither kerns nor ligates
the deck's text) and hinting. "Carlito" is a Reserved Font Name under the SIL Open Font
License, which a modified font may not carry, so the subset is named "Aligndeck Sans".

Needs fontTools and brotli (pip install fonttools brotli) and Debian's
fonts-crosextra-carlito. Run from the repository root:

    python tools/make_web_fonts.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/crosextra")
TARGET = Path(__file__).resolve().parents[1] / "src/aligndeck/render/html/static/fonts"
STYLES = {"Regular": "regular", "Bold": "bold", "Italic": "italic", "BoldItalic": "bolditalic"}
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x045F),
    (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x215F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF),
]
FAMILY = "Aligndeck Sans"


def make(style: str, name: str) -> Path:
    font = TTFont(SOURCE / f"Carlito-{style}.ttf")
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for first, last in RANGES for cp in range(first, last + 1)])
    subsetter.subset(font)
    table = font["name"]
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    for record in table.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (4,):
            record.string = full
        elif record.nameID in (3, 6):
            record.string = full.replace(" ", "")
    target = TARGET / f"aligndeck-sans-{name}.woff2"
    font.flavor = "woff2"
    font.save(target)
    return target


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for style, name in STYLES.items():
        path = make(style, name)
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
