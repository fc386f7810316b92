"""The contact sheet: one image with every slide as a numbered thumbnail, in a grid."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COLUMNS = 3
THUMB_WIDTH = 480
"""Pixels; each thumbnail keeps its page's aspect ratio."""
PAD = 16
"""Pixels around and between thumbnails."""
LABEL = 22
"""Pixels above each thumbnail for its slide number."""
BACKGROUND, INK, FRAME = "#E5E7EB", "#374151", "#9CA3AF"


def sheet_size(count: int, thumb: tuple[int, int]) -> tuple[int, int]:
    """The sheet's (width, height) in pixels for `count` thumbnails of size `thumb`:
    COLUMNS across (fewer when there are fewer slides), as many rows as needed."""
    width, height = thumb
    columns = max(1, min(COLUMNS, count))
    rows = -(-count // COLUMNS)
    return columns * (width + PAD) + PAD, rows * (height + LABEL + PAD) + PAD


def make_contact_sheet(pages: Sequence[Path], out: Path) -> tuple[int, int]:
    """Write a PNG of `pages` (images, in slide order) as numbered thumbnails, COLUMNS to
    a row, to `out`; returns its (width, height). The file is written beside `out` and
    renamed into place. Raises ValueError when `pages` is empty."""
    if not pages:
        raise ValueError("a contact sheet needs at least one page")
    thumbs = []
    for page in pages:
        with Image.open(page) as image:
            rgb = image.convert("RGB")
        height = round(rgb.height * THUMB_WIDTH / rgb.width)
        thumbs.append(rgb.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS))
    width, height = thumbs[0].size
    sheet = Image.new("RGB", sheet_size(len(thumbs), (width, height)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=15)
    for index, thumb in enumerate(thumbs):
        row, column = divmod(index, COLUMNS)
        x = PAD + column * (width + PAD)
        y = PAD + row * (height + LABEL + PAD)
        draw.text((x, y), f"{index + 1}", fill=INK, font=font)
        sheet.paste(thumb, (x, y + LABEL))
        draw.rectangle((x - 1, y + LABEL - 1, x + width, y + LABEL + height), outline=FRAME)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".contact-sheet-", suffix=".png", dir=out.parent)
    os.close(handle)
    try:
        sheet.save(temp, format="PNG", optimize=True)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return sheet.size
