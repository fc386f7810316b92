"""What a template's layout draws behind a slide's text: a coarse picture of its backgrounds,
photos, bands and logos, in which the plan looks up the colours under a text box.

The renderer draws it once per layout (render/backdrop.py); the plan only reads it, so it stays
pure: no files, no images, only the colours of a grid of cells over the slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligndeck.plan.model import Emu, Rect


@dataclass(frozen=True)
class Backdrop:
    """The slide as the layout paints it, `columns` x `rows` cells over `width` x `height`
    EMU, each cell the mean colour of what it covers (RGB bytes, row by row)."""

    width: Emu
    height: Emu
    columns: int
    rows: int
    pixels: bytes

    def colours_under(self, rect: Rect) -> tuple[str, ...]:
        """The hex colours of the cells `rect` covers (at least the cell at its centre), each
        once, in the order met."""
        if self.columns <= 0 or self.rows <= 0 or self.width <= 0 or self.height <= 0:
            return ()

        def column(x: int) -> int:
            return min(self.columns - 1, max(0, x * self.columns // self.width))

        def row(y: int) -> int:
            return min(self.rows - 1, max(0, y * self.rows // self.height))

        # Cells only partly under the box's edge count too: a streak there is under a word.
        first_c, last_c = column(rect.x), column(rect.right - 1)
        first_r, last_r = row(rect.y), row(rect.bottom - 1)
        seen: dict[str, None] = {}
        for r in range(first_r, max(first_r, last_r) + 1):
            for c in range(first_c, max(first_c, last_c) + 1):
                i = (r * self.columns + c) * 3
                seen.setdefault(self.pixels[i:i + 3].hex().upper())
        return tuple(seen)

    @property
    def plain(self) -> str | None:
        """The one colour of a backdrop with a single colour, else None."""
        first = self.pixels[:3]
        if all(self.pixels[i:i + 3] == first for i in range(0, len(self.pixels), 3)):
            return first.hex().upper()
        return None
