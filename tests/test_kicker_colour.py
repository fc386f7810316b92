"""A kicker in an accent that does not read on the page keeps the template's hue where it
can (issue 28): the accent's own darker shade on a light theme (lighter on a dark one),
then the scheme's accent nearest in hue, and only then the theme's text colour. And a
kicker is read against what lies under its words, not under the far end of a frame as
wide as the title (BSE's logo circle: the kicker had a white panel across the blue band)."""

from __future__ import annotations

import colorsys

import pytest

from aligndeck.plan.contrast import near_accent, readable
from aligndeck.plan.lint import words_rect
from aligndeck.plan.model import EMU_PER_PT, Colour, Paragraph, Rect, Run, Text, TextFrame
from aligndeck.plan.text import text_width_pt
from aligndeck.plan.theme import Theme, contrast_ratio, make_theme
from aligndeck.render.runs import colour_ref

UFRJ = make_theme("light", {"accent1": "#D76C23", "accent2": "#881620", "accent3": "#FFC230",
                            "accent4": "#C1C1C1", "accent5": "#FF5050", "accent6": "#4571C3"})
"""The UFRJ template's scheme: its orange accent reads 3.5:1 on white."""
PALE = make_theme("light", {"accent1": "#FFE680"})
NIGHT = make_theme("dark", {"accent1": "#1F3A93"})
"""A navy accent on a dark theme's page."""
KICKER = Run("Engineering all-hands", 14, Colour("accent"), bold=True)


def _hue(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


# Each: the theme, the colour chosen for a 14 pt bold kicker in accent 1 on the page, and
# the colour reference the .pptx writes for it (slot, tint, whether the tint darkens).
CASES = [
    pytest.param(UFRJ, Colour("accent", -25), ("accent1", 25, True), id="ufrj-darker-25"),
    pytest.param(PALE, Colour("accent", -50), ("accent1", 50, True), id="pale-darker-50"),
    pytest.param(NIGHT, Colour("accent", -50), ("accent1", 50, False), id="dark-lighter-50"),
]


@pytest.mark.parametrize(("theme", "expected", "reference"), CASES)
def test_a_kicker_that_misses_takes_a_shade_of_its_own_accent(
        theme: Theme, expected: Colour, reference: tuple[str, int, bool]) -> None:
    page = Colour("background")
    assert contrast_ratio(theme.hex(KICKER.colour), theme.hex(page)) < 4.5
    got = readable(KICKER, page, theme)
    assert got == expected
    assert colour_ref(got, theme) == reference
    assert contrast_ratio(theme.hex(got), theme.hex(page)) >= 4.5
    # the same hue as the accent (within rounding), not the text colour's grey or black
    assert abs(_hue(theme.hex(got)) - _hue(theme.hex(KICKER.colour))) < 3


def test_a_shade_darkens_on_a_light_theme_and_lightens_on_a_dark_one() -> None:
    def lightness(theme: Theme, colour: Colour) -> float:
        r, g, b = (int(theme.hex(colour)[i:i + 2], 16) for i in (0, 2, 4))
        return (max(r, g, b) + min(r, g, b)) / 2

    assert lightness(UFRJ, Colour("accent", -25)) < lightness(UFRJ, Colour("accent"))
    assert lightness(NIGHT, Colour("accent", -25)) > lightness(NIGHT, Colour("accent"))


def test_other_accents_come_after_the_shades_nearest_hue_first() -> None:
    found = near_accent(Colour("accent"), UFRJ)
    assert found[:2] == (Colour("accent", -25), Colour("accent", -50))
    hues = [abs(_hue(UFRJ.hex(c)) - _hue(UFRJ.hex(Colour("accent")))) for c in found[2:]]
    hues = [min(h, 360 - h) for h in hues]
    assert hues == sorted(hues)
    assert {c.role for c in found[2:]} == {"accent2", "accent3", "accent4", "accent5",
                                          "accent6"}


@pytest.mark.parametrize("colour", [Colour("ink"), Colour("muted"), Colour("accent", 40)],
                         ids=["text", "grey", "a-tint"])
def test_only_a_plain_accent_has_near_accents(colour: Colour) -> None:
    assert near_accent(colour, UFRJ) == ()


def test_an_accent_that_reads_is_kept() -> None:
    assert readable(KICKER, Colour("background"), make_theme("light")) == KICKER.colour


# ---- what the words stand on ---------------------------------------------------------------

BOX = Rect(1_000_000, 1_000_000, 9_000_000, 400_000)


def _text(words: str, align: str = "left", size: float = 14) -> Text:
    run = Run(words, size, Colour("accent"), bold=True)
    return Text("kicker", BOX, TextFrame((Paragraph((run,), align=align),)))  # type: ignore[arg-type]


# Each: the text, its alignment, and where the part of the box its words cover lies:
# from the box's left ("start"), against its right ("end"), round its centre, or the
# whole box (a line that wraps; right-to-left text, set from the right).
SPANS = [
    pytest.param("Engineering all-hands", "left", "start", id="left"),
    pytest.param("Engineering all-hands", "right", "end", id="right"),
    pytest.param("Engineering all-hands", "center", "centre", id="centred"),
    pytest.param("word " * 120, "left", "whole", id="wraps"),
    pytest.param("שלום עולם", "left", "whole", id="right-to-left"),
]


@pytest.mark.parametrize(("words", "align", "where"), SPANS)
def test_a_one_line_text_stands_on_what_is_under_its_words(
        words: str, align: str, where: str) -> None:
    theme = make_theme("light")
    got = words_rect(_text(words, align), theme)
    assert (got.y, got.h) == (BOX.y, BOX.h)
    if where == "whole":
        assert got == BOX
        return
    measured = text_width_pt(words, 14, bold=True) * EMU_PER_PT
    assert measured < got.w < measured * 1.2 + 14 * EMU_PER_PT
    assert {"start": got.x == BOX.x, "end": got.right == BOX.right,
            "centre": abs(got.cx - BOX.cx) <= 1}[where]


def test_the_words_are_measured_in_their_font_with_their_letter_spacing() -> None:
    theme = make_theme("light")
    plain = words_rect(_text("Engineering all-hands"), theme)
    run = Run("Engineering all-hands", 14, Colour("accent"), bold=True, spacing=1.5)
    spaced = words_rect(Text("kicker", BOX, TextFrame((Paragraph((run,)),))), theme)
    assert spaced.w - plain.w >= 1.5 * len(run.text) * EMU_PER_PT
