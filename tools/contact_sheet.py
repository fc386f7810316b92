"""Render a deck with LibreOffice and write a contact sheet: numbered thumbnails in a grid.

Usage: python tools/contact_sheet.py [DECK.pptx] [-o docs/contact-sheet.png]
Builds the default deck first when no deck is given. Needs soffice and pdftoppm.
(`aligndeck preview` will take this over; until then this script makes the README picture.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COLUMNS = 3
THUMB_WIDTH = 480
PAD = 16


def render_pages(deck: Path, folder: Path) -> list[Path]:
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = folder / (deck.stem + ".pdf")
    if not pdf.exists():
        sys.exit(f"LibreOffice wrote no PDF for {deck}")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def contact_sheet(pages: list[Path], out: Path) -> None:
    thumbs = []
    for page in pages:
        image = Image.open(page).convert("RGB")
        height = round(image.height * THUMB_WIDTH / image.width)
        thumbs.append(image.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS))
    width, height = thumbs[0].size
    rows = -(-len(thumbs) // COLUMNS)
    label = 22
    sheet = Image.new("RGB", (COLUMNS * (width + PAD) + PAD,
                              rows * (height + label + PAD) + PAD), "#E5E7EB")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=15)
    for index, thumb in enumerate(thumbs):
        row, column = divmod(index, COLUMNS)
        x = PAD + column * (width + PAD)
        y = PAD + row * (height + label + PAD)
        draw.text((x, y), f"{index + 1}", fill="#374151", font=font)
        sheet.paste(thumb, (x, y + label))
        draw.rectangle((x - 1, y + label - 1, x + width, y + label + height), outline="#9CA3AF")
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/contact-sheet.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deck = args.deck
        if deck is None:
            deck = folder / "deck.pptx"
            from aligndeck import api

            api.build(None, deck)
        contact_sheet(render_pages(deck.resolve(), folder), args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
