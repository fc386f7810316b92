"""The theme: every colour, font, size and grid measure the plan uses, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligndeck.plan.model import Colour, Emu, Role, inches

SCHEME_SLOT: dict[Role, str] = {
    "ink": "dk1",
    "background": "lt1",
    "muted": "dk2",
    "surface": "lt2",
    "accent": "accent1",
    "line": "dk2",
    "on_accent": "lt1",
}
"""Which theme colour each role draws from, so recolouring the theme recolours the deck."""

LINE_TINT = 70
"""Lines and inactive outlines are the muted colour lightened this far towards white."""


@dataclass(frozen=True)
class Palette:
    """Hex colours of the theme's colour scheme (the twelve slots PowerPoint knows)."""

    dk1: str = "1F2933"
    lt1: str = "FFFFFF"
    dk2: str = "52606D"
    lt2: str = "F1F4F8"
    accent1: str = "1A5FB4"
    accent2: str = "0E7C86"
    accent3: str = "B4531A"
    accent4: str = "6D3FC0"
    accent5: str = "2E7D32"
    accent6: str = "9A6700"
    hlink: str = "1A5FB4"
    folHlink: str = "6D3FC0"


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points: each role's preferred size and the floor fitting may shrink to."""

    kicker: float = 14
    cover_title: float = 44
    cover_title_floor: float = 32
    title: float = 32
    title_floor: float = 24
    subtitle: float = 24
    subtitle_floor: float = 16
    body: float = 24
    body_floor: float = 12
    list_floor: float = 18
    """Bullet lists shrink to this size at most, then continue on a following slide."""
    box_label: float = 12
    box_name: float = 22
    box_name_floor: float = 12
    box_text: float = 16
    box_text_floor: float = 10
    strip: float = 12
    strip_floor: float = 10
    response: float = 22
    response_floor: float = 11
    insight: float = 32
    insight_floor: float = 22
    caption: float = 14
    footer: float = 12
    comfortable_title: float = 28
    comfortable_body: float = 18
    comfortable_box: float = 14
    """Below these sizes the lint warns that text was shrunk to fit."""


@dataclass(frozen=True)
class Grid:
    """The slide grid: margins, title band and columns, in EMU."""

    width: Emu = 12_192_000
    """13.333 in: PowerPoint's 16:9 slide, exactly."""
    height: Emu = 6_858_000
    margin: Emu = inches(0.6)
    title_top: Emu = inches(0.6)
    title_height: Emu = inches(0.95)
    content_top: Emu = inches(1.75)
    columns: int = 12
    gutter: Emu = inches(0.25)

    @property
    def content_width(self) -> Emu:
        return self.width - 2 * self.margin

    @property
    def content_bottom(self) -> Emu:
        return self.height - self.margin

    def column_x(self, index: int) -> Emu:
        """Left edge of column `index` (0-based)."""
        return self.margin + index * (self.column_width + self.gutter)

    @property
    def column_width(self) -> Emu:
        return (self.content_width - (self.columns - 1) * self.gutter) // self.columns

    def span(self, first: int, count: int) -> tuple[Emu, Emu]:
        """x and width of `count` columns starting at column `first`."""
        return self.column_x(first), count * self.column_width + (count - 1) * self.gutter


@dataclass(frozen=True)
class Theme:
    name: str = "light"
    palette: Palette = field(default_factory=Palette)
    type: TypeScale = field(default_factory=TypeScale)
    grid: Grid = field(default_factory=Grid)
    heading_font: str = "Calibri"
    body_font: str = "Calibri"
    corner_radius: Emu = inches(0.12)
    bullet_indent: Emu = inches(0.34)
    """The hanging indent of a bullet: room for the mark before the text."""

    def hex(self, colour: Colour) -> str:
        """The colour a role resolves to, as PowerPoint computes a lightened theme colour."""
        slot = SCHEME_SLOT[colour.role]
        base = getattr(self.palette, slot)
        tint = colour.tint + (LINE_TINT if colour.role == "line" and not colour.tint else 0)
        return lighten(base, tint)


def lighten(hex_colour: str, percent: int) -> str:
    """Mix towards white by `percent` in HSL lightness (PowerPoint's lumMod/lumOff)."""
    if not percent:
        return hex_colour.upper()
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hi, lo = max(r, g, b), min(r, g, b)
    light = (hi + lo) / 2
    if hi == lo:
        hue = sat = 0.0
    else:
        d = hi - lo
        sat = d / (2 - hi - lo) if light > 0.5 else d / (hi + lo)
        if hi == r:
            hue = ((g - b) / d + (6 if g < b else 0)) / 6
        elif hi == g:
            hue = ((b - r) / d + 2) / 6
        else:
            hue = ((r - g) / d + 4) / 6
    light = light * (100 - percent) / 100 + percent / 100

    def channel(t: float) -> float:
        q = light * (1 + sat) if light < 0.5 else light + sat - light * sat
        p = 2 * light - q
        t %= 1
        if t < 1 / 6:
            return p + (q - p) * 6 * t
        if t < 1 / 2:
            return q
        if t < 2 / 3:
            return p + (q - p) * (2 / 3 - t) * 6
        return p

    rgb = (channel(hue + 1 / 3), channel(hue), channel(hue - 1 / 3))
    return "".join(f"{round(c * 255):02X}" for c in rgb)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio between two hex colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        def lin(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (lin(int(hex_colour[i : i + 2], 16) / 255) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


DEFAULT_THEME = Theme()
