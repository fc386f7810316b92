"""The theme: every colour, font, size and grid measure the plan uses, in one place."""

from __future__ import annotations

import colorsys
import functools
from dataclasses import dataclass, field, replace

from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.model import Align, Colour, Emu, Rect, Role, inches

SCHEME_SLOT: dict[Role, str] = {
    "ink": "tx1",
    "background": "bg1",
    "muted": "tx2",
    "surface": "bg2",
    "accent": "accent1",
    "line": "tx2",
    "on_accent": "bg1",
    "accent2": "accent2",
    "accent3": "accent3",
    "accent4": "accent4",
    "accent5": "accent5",
    "accent6": "accent6",
}
"""The theme colour each role refers to, by the names a master's colour map translates
(tx1, bg1, …): recolouring the theme, or a dark master, recolours the deck."""

LIGHT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
DARK_MAP = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}

SHADE_SHARE = 0.6
"""In a dark theme a tint of n% becomes a shade of 0.6·n%: fills stay above the background."""

LINE_TINT = 70
"""Lines and inactive outlines are the muted colour this far towards the background."""


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
    title_last_resort: float = 20
    """A slide title that cannot fit at its floor may go down to this, with a warning."""
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
    footer_floor: float = 10
    """A footer shrinks to this before it loses a part (see finish.py)."""
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
    footer_height: Emu = inches(0.3)
    """The band at the bottom, inside the margin, for the footer and the slide number."""

    @property
    def content_width(self) -> Emu:
        return self.width - 2 * self.margin

    @property
    def footer_top(self) -> Emu:
        return self.height - self.margin - self.footer_height

    @property
    def content_bottom(self) -> Emu:
        return self.footer_top - inches(0.12)

    @property
    def footer(self) -> Rect:
        x, width = self.span(0, 9)
        return Rect(x, self.footer_top, width, self.footer_height)

    @property
    def number(self) -> Rect:
        x, width = self.span(9, 3)
        return Rect(x, self.footer_top, width, self.footer_height)

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
class FontPair:
    """The typefaces a piece of text is drawn with: one for latin text, one for East Asian
    text (None: the theme names none, so the script fonts below, or the system, decide)."""

    latin: str
    east_asian: str | None = None
    scripts: tuple[tuple[str, str], ...] = ()
    """The theme's East Asian font per script (Jpan, Hans, Hant, Hang), for an empty `ea`."""

    def describe(self) -> str:
        """"Latin / East Asian", the latter "by script" when the theme's script fonts decide."""
        return f"{self.latin} / {self.east_asian or ('by script' if self.scripts else 'system')}"


@dataclass(frozen=True)
class PlaceholderLook:
    """How a template's placeholder sets its text, as PowerPoint inherits it (the layout's
    placeholder, the master's, the master's text style); None where nothing says."""

    align: Align | None = None
    colour: str | None = None
    """Hex, through the theme and the master's colour map."""
    bold: bool | None = None
    font: str | None = None
    """The typeface the .pptx names on the text itself because no style of the template
    names one (the one the plan measured; else PowerPoint and LibreOffice each fall back
    to a font of their own); None: the template's styles name it."""
    default_colour: bool = False
    """No style of the template says a colour: `colour` is the theme's text colour (tx1,
    what PowerPoint and LibreOffice fall back to), and the .pptx names it on the text."""
    runs_coloured: bool = False
    """The placeholder's text is written in its runs' own colours (a text the contrast
    pass recoloured), not in `colour`."""


@dataclass(frozen=True)
class LayoutFrame:
    """Where one family of slides has its title and its free content area.

    `fixed` frames come from a template's layout: the title stays in its placeholder and
    the plan draws inside `content`, which avoids the layout's logos and banners.
    """

    title: Rect
    content: Rect
    subtitle: Rect | None = None
    byline: Rect | None = None
    fixed: bool = False
    footer: Rect | None = None
    number: Rect | None = None
    """Where the footer and the slide number go (a template's own placeholders when it has
    them); None leaves them out."""
    branded: bool = False
    """The layout shows a logo of its own (a picture on it or its master)."""
    fonts: tuple[tuple[str, FontPair], ...] = ()
    """The typefaces a template's placeholders really use, by role (title, body, subtitle,
    byline, footer, number): text in them is measured with these."""
    title_align: Align = "left"
    title_inset: Emu = 0
    title_colour: str | None = None
    title_bold: bool | None = None
    """The colour (hex) and weight a template's title placeholder sets its text in, for
    renderers that draw the placeholder themselves (the browser); None: not said."""
    """How a template's title placeholder sets its text (alignment, left inset): text we
    add beside it (a kicker, lines under a cover's title) lines up with it."""
    backdrop: Backdrop | None = None
    """What a template's layout draws behind the slide (its background, photos, bands),
    to choose readable text colours against; None for the built-in grid's plain page."""
    looks: tuple[tuple[str, PlaceholderLook], ...] = ()
    """How each placeholder the slides fill sets its text, by role (title, subtitle,
    byline, body, footer, number): what renderers that draw the placeholders themselves
    (the browser) must copy, and the colour tried first for text we add beside them."""

    slots: tuple[tuple[str, int], ...] = ()
    """Which of the layout's placeholders (by idx) each role fills, on a template."""

    def look(self, role: str) -> PlaceholderLook | None:
        """The look of the placeholder filling `role`, if a template's layout has one."""
        return next((look for name, look in self.looks if name == role), None)


@dataclass(frozen=True)
class Frames:
    """The frames for cover slides (title, closing), content slides and diagram slides."""

    cover: LayoutFrame
    content: LayoutFrame
    diagram: LayoutFrame


@dataclass(frozen=True)
class Theme:
    name: str = "light"
    palette: Palette = field(default_factory=Palette)
    colour_map: dict[str, str] = field(default_factory=lambda: dict(LIGHT_MAP))
    """The master's colour map: which scheme slot tx1, bg1, tx2 and bg2 stand for."""
    type: TypeScale = field(default_factory=TypeScale)
    grid: Grid = field(default_factory=Grid)
    frames: Frames | None = None
    """Frames read from a template; None for the built-in grid."""
    heading_font: str = "Calibri"
    body_font: str = "Calibri"
    code_font: str = "Consolas"
    """Monospace text (`code` in the outline); LibreOffice draws it with its stand-in."""
    corner_radius: Emu = inches(0.12)
    bullet_indent: Emu = inches(0.34)
    """The hanging indent of a bullet: room for the mark before the text."""
    shades: bool = False
    """Tints go towards black instead of white (dark themes): Office's 'Darker n%'."""
    outline_surfaces: bool = False
    """Surface-filled boxes get an ink outline (high contrast: the surface is the page)."""

    def measure_fonts(self) -> tuple[str, ...]:
        """Latin typefaces the template's placeholders use, beyond the heading and body
        fonts: fitting measures with the widest, so no placeholder's text overflows."""
        if self.frames is None:
            return ()
        seen: dict[str, None] = {}
        for family in ("cover", "content", "diagram"):
            for _, pair in getattr(self.frames, family).fonts:
                seen.setdefault(pair.latin)
        return tuple(seen)

    def slot(self, colour: Colour) -> str:
        """The scheme slot (dk1, lt1, accent1, …) a role resolves to through the colour map."""
        mapped = SCHEME_SLOT[colour.role]
        return self.colour_map.get(mapped, mapped)

    def tint(self, colour: Colour) -> int:
        """The tint to write: a role's own, the line tint, or for a dark theme's shades a
        share of it (a 90% shade of the accent would be darker than the background)."""
        tint = colour.tint or (LINE_TINT if colour.role == "line" else 0)
        return round(tint * SHADE_SHARE) if self.shades and tint > 0 else tint

    def darkens(self, colour: Colour) -> bool:
        """Whether the colour's tint darkens: a dark theme's tints, a light theme's
        negative ones (its shades)."""
        return self.shades != (colour.tint < 0)

    def hex(self, colour: Colour) -> str:
        """The colour a role resolves to, as PowerPoint computes a tinted theme colour."""
        base = getattr(self.palette, self.slot(colour))
        tint = abs(self.tint(colour))
        return darken(base, tint) if self.darkens(colour) else lighten(base, tint)

    def frame(self, family: str) -> LayoutFrame:
        """The frame of a slide family: "cover", "content" or "diagram"."""
        if self.frames is not None:
            return getattr(self.frames, family)  # type: ignore[no-any-return]
        return _grid_frame(self.grid)


@functools.lru_cache(maxsize=64)
def _grid_frame(g: Grid) -> LayoutFrame:
    """The one frame of every family of the built-in design, from its grid (asked for
    thousands of times in a long deck: made once per grid)."""
    title = Rect(g.margin, g.title_top, g.content_width, g.title_height)
    content = Rect(g.margin, g.content_top, g.content_width, g.content_bottom - g.content_top)
    return LayoutFrame(title, content, footer=g.footer, number=g.number)


@functools.lru_cache(maxsize=4096)
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


@functools.lru_cache(maxsize=4096)
def darken(hex_colour: str, percent: int) -> str:
    """Mix towards black by `percent` (PowerPoint's 'Darker n%': lumMod alone)."""
    if not percent:
        return hex_colour.upper()
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    keep = (100 - percent) / 100
    # lumMod scales HSL lightness; for a darkening that equals scaling each channel.
    return "".join(f"{round(c * keep):02X}" for c in (r, g, b))


@functools.lru_cache(maxsize=4096)
def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio between two hex colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        def lin(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (lin(int(hex_colour[i : i + 2], 16) / 255) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)



ACCENTS: tuple[Role, ...] = ("accent", "accent2", "accent3", "accent4", "accent5", "accent6")
"""The scheme's six accent roles, in order."""


def hls(hex_colour: str) -> tuple[float, float, float]:
    """Hue (in turns, 0 to 1), lightness and saturation of a hex colour."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)


def hue_distance(a: float, b: float) -> float:
    """How far apart two hues (in turns) are round the colour wheel."""
    return min(abs(a - b), 1 - abs(a - b))


DEFAULT_THEME = Theme()

DARK_THEME = Theme(
    name="dark",
    palette=Palette(dk1="111827", lt1="F3F4F6", dk2="1F2937", lt2="A7B1BF", accent1="6AAAF5",
                    hlink="8CC0FF", folHlink="C4A7FF"),
    colour_map=dict(DARK_MAP),
    shades=True,
)
"""Ink and background swapped through the master's colour map; the accent kept bright."""

HIGH_CONTRAST_THEME = Theme(
    name="high-contrast",
    palette=Palette(dk1="000000", lt1="FFFFFF", dk2="000000", lt2="FFFFFF", accent1="0038B8",
                    hlink="0038B8", folHlink="5A189A"),
    outline_surfaces=True,
)
"""Black, white and one saturated accent; boxes outlined in black."""

BUILT_IN_THEMES = {theme.name: theme for theme in (DEFAULT_THEME, DARK_THEME,
                                                   HIGH_CONTRAST_THEME)}


ASPECTS = {"16:9": 12_192_000, "4:3": 9_144_000}
"""Slide widths for each aspect ratio; the height is 7.5 in for both."""

COLOUR_NAMES = {"background": "bg1", "text": "tx1", "muted": "tx2", "surface": "bg2"}
"""Override names for the colours that a master's colour map translates."""


def make_theme(base: str = "light", colours: dict[str, str] | None = None,
               fonts: dict[str, str] | None = None, aspect: str = "16:9") -> Theme:
    """A built-in theme with colour and font overrides, at an aspect ratio.

    Colour names: background, text, muted, surface (through the theme's colour map) and
    accent1 … accent6; fonts: heading, body. Raises KeyError for an unknown base or aspect
    (the outline's validation has already ruled those out).
    """
    theme = BUILT_IN_THEMES[base]
    palette = theme.palette
    for name, value in (colours or {}).items():
        slot = COLOUR_NAMES.get(name)
        slot = theme.colour_map.get(slot, slot) if slot else name
        palette = replace(palette, **{slot: value.lstrip("#").upper()})
    fonts = fonts or {}
    return replace(
        theme, palette=palette, grid=replace(theme.grid, width=ASPECTS[aspect]),
        heading_font=fonts.get("heading", theme.heading_font),
        body_font=fonts.get("body", theme.body_font),
        name=theme.name if not colours and not fonts else f"{theme.name} (customized)",
    )
