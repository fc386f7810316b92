"""The outline's design settings: a built-in theme and the colours and fonts it replaces."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from aligndeck.outline.base import Model as _Model
from aligndeck.outline.text import Text

HexColour = Annotated[str, StringConstraints(strip_whitespace=True,
                                             pattern=r"^#?[0-9A-Fa-f]{6}$")]
"""A colour as six hex digits, e.g. "#1A5FB4"."""

ThemeName = Literal["light", "dark", "high-contrast"]


class ThemeColours(_Model):
    """Colours that replace the base theme's; each a hex colour like "#1A5FB4"."""

    background: HexColour | None = Field(default=None, description="Slide background.",
                                         examples=["#FFFFFF"])
    text: HexColour | None = Field(default=None, description="Body and title text.",
                                   examples=["#1F2933"])
    muted: HexColour | None = Field(default=None, description="Secondary text.",
                                    examples=["#52606D"])
    surface: HexColour | None = Field(default=None, description="Fill of cards and boxes.",
                                      examples=["#F1F4F8"])
    accent1: HexColour | None = Field(default=None, description="The accent colour.",
                                      examples=["#1A5FB4"])
    accent2: HexColour | None = Field(default=None, description="Second accent.",
                                      examples=["#0E7C86"])
    accent3: HexColour | None = Field(default=None, description="Third accent.",
                                      examples=["#B4531A"])
    accent4: HexColour | None = Field(default=None, description="Fourth accent.",
                                      examples=["#6D3FC0"])
    accent5: HexColour | None = Field(default=None, description="Fifth accent.",
                                      examples=["#2E7D32"])
    accent6: HexColour | None = Field(default=None, description="Sixth accent.",
                                      examples=["#9A6700"])


class ThemeFonts(_Model):
    """Fonts that replace the base theme's."""

    heading: Text | None = Field(default=None, description="Font of titles.",
                                 examples=["Calibri"])
    body: Text | None = Field(default=None, description="Font of all other text.",
                              examples=["Calibri"])


class ThemeSettings(_Model):
    """A built-in theme, optionally with some of its colours and fonts replaced."""

    base: ThemeName = Field(default="light", description="The built-in theme to start from.",
                            examples=["dark"])
    colours: ThemeColours = Field(default_factory=ThemeColours,
                                  description="Colours to replace.",
                                  examples=[{"accent1": "#0E7C86"}])
    fonts: ThemeFonts = Field(default_factory=ThemeFonts, description="Fonts to replace.",
                              examples=[{"heading": "Georgia"}])
