"""What a template's layout draws behind a slide's text: a coarse picture of its backgrounds,
photos, bands and logos, in which the plan looks up the colours under a text box.

The renderer draws it once per layout (render/backdrop.py); the plan only reads it, so it stays
pure: no files, no images, only the colours of a grid of cells over the slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

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
    drawing: str = ""
    """The layout in SVG shapes (points; render/layout_svg.py): what the browser draws
    under each slide (the plan never reads it)."""
    left_out: tuple[str, ...] = ()
    """What of the layout the drawing could not show, in words."""
    pictures: tuple[tuple[str, str, int, int], ...] = ()
    """The pictures the drawing points at: (id, data: address, width, height in pixels),
    held once by the page."""
    placeholders: tuple[tuple[int, str, tuple[float, float, float, float]], ...] = ()
    """(idx, SVG markup, its box in points) of each layout placeholder with a fill or an
    outline (a coloured title band): drawn with a slide's text where the slide fills it."""

    def colours_under(self, rect: Rect) -> tuple[str, ...]:
        """The hex colours of the cells whose centres lie inside `rect` (the cell at its
        centre when none does), each once, in the order met. A cell only grazed by the box's
        edge is left out: a logo ending a hair inside a text box is not behind its words."""
        if self.columns <= 0 or self.rows <= 0 or self.width <= 0 or self.height <= 0:
            return ()

        def cells(start: int, end: int, count: int, size: int) -> range:
            # cell i's centre is at (i + 0.5) * size / count
            first = max(0, -(-(2 * start * count - size) // (2 * size)))
            last = min(count - 1, (2 * end * count - size) // (2 * size))
            if last < first:
                middle = min(count - 1, max(0, (start + end) // 2 * count // size))
                return range(middle, middle + 1)
            return range(first, last + 1)

        known = self._under.get(rect)
        if known is not None:
            return known
        hexes, columns = self._hexes, self.columns
        across = cells(rect.x, rect.right, self.columns, self.width)
        seen: dict[str, None] = {}
        for r in cells(rect.y, rect.bottom, self.rows, self.height):
            seen.update(dict.fromkeys(hexes[r * columns + across.start:
                                            r * columns + across.stop]))
        found = self._under[rect] = tuple(seen)
        return found

    @cached_property
    def _hexes(self) -> tuple[str, ...]:
        """Each cell's colour as hex, row by row (worked out once: the plan looks up
        hundreds of boxes on the same few backdrops)."""
        pixels = self.pixels
        return tuple(pixels[i:i + 3].hex().upper() for i in range(0, len(pixels), 3))

    @cached_property
    def _under(self) -> dict[Rect, tuple[str, ...]]:
        """The colours under each rectangle asked about so far: a backdrop is kept with its
        template (render/template_cache.py), and each redraw asks about the same boxes."""
        return {}

    @cached_property
    def plain(self) -> str | None:
        """The one colour of a backdrop with a single colour, else None."""
        first = self.pixels[:3]
        if all(self.pixels[i:i + 3] == first for i in range(0, len(self.pixels), 3)):
            return first.hex().upper()
        return None
