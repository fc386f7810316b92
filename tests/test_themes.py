"""Built-in themes, theme overrides and aspect ratios: real theme parts, a clean lint, and text
that stays readable whatever the palette."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from aligndeck import api
from aligndeck.cli import main
from aligndeck.plan.contrast import readable
from aligndeck.plan.deck import plan_deck
from aligndeck.plan.lint import lint_deck
from aligndeck.plan.model import Colour, Run
from aligndeck.plan.theme import (
    BUILT_IN_THEMES,
    DEFAULT_THEME,
    contrast_ratio,
    make_theme,
)
from helpers import require_soffice, run_validator
from test_templates import stray_words

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
         "accent6", "hlink", "folHlink")
LIGHT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
DARK_MAP = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    theme: str
    width: int
    colour_map: dict[str, str]


CASES = {
    "light": Case(("--theme", "light"), "light", 12_192_000, LIGHT_MAP),
    "dark": Case(("--theme", "dark"), "dark", 12_192_000, DARK_MAP),
    "high-contrast": Case(("--theme", "high-contrast"), "high-contrast", 12_192_000, LIGHT_MAP),
    "4x3": Case(("--aspect", "4:3"), "light", 9_144_000, LIGHT_MAP),
    "dark-4x3": Case(("--theme", "dark", "--aspect", "4:3"), "dark", 9_144_000, DARK_MAP),
}
HEIGHT = 6_858_000


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case's deck of the built-in talk, built through the command line."""
    folder = tmp_path_factory.mktemp("themes")
    built = {}
    for name, case in CASES.items():
        out = folder / f"{name}.pptx"
        code, stdout, stderr = invoke("build", *case.args, "-o", str(out))
        assert code == 0, stdout + stderr
        built[name] = out
    return built


def theme_root(deck: Path) -> etree._Element:
    master = Presentation(str(deck)).slide_masters[0]
    return etree.fromstring(master.part.part_related_by(RT.THEME).blob)


themes = pytest.mark.parametrize("name", CASES)


@themes
def test_theme_deck_validates(decks: dict[str, Path], name: str) -> None:
    run_validator(decks[name])


@themes
def test_theme_passes_strict_validate(name: str) -> None:
    code, stdout, stderr = invoke("validate", *CASES[name].args, "--strict")
    assert code == 0, stdout + stderr
    assert not stderr.strip(), stderr


@themes
def test_theme_part_is_the_palette(decks: dict[str, Path], name: str) -> None:
    case = CASES[name]
    palette = BUILT_IN_THEMES[case.theme].palette
    scheme = theme_root(decks[name]).find(f".//{A}clrScheme")
    assert scheme.get("name") == f"aligndeck {case.theme}"
    for slot in SLOTS:
        colour = scheme.find(f"{A}{slot}/{A}srgbClr")
        assert colour is not None, slot
        assert colour.get("val") == getattr(palette, slot), slot
    fonts = theme_root(decks[name]).find(f".//{A}fontScheme")
    theme = BUILT_IN_THEMES[case.theme]
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == theme.heading_font
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == theme.body_font


@themes
def test_master_colour_map(decks: dict[str, Path], name: str) -> None:
    master = Presentation(str(decks[name])).slide_masters[0]
    colour_map = master.element.find(f"{P}clrMap")
    assert {key: colour_map.get(key) for key in CASES[name].colour_map} == CASES[name].colour_map


@themes
def test_slide_size_and_shapes_inside(decks: dict[str, Path], name: str) -> None:
    deck = Presentation(str(decks[name]))
    width = CASES[name].width
    assert (deck.slide_width, deck.slide_height) == (width, HEIGHT)
    outside = [
        f"slide {number}: {shape.name} at {shape.left}, {shape.top}, {shape.width} x "
        f"{shape.height}"
        for number, slide in enumerate(deck.slides, 1) for shape in slide.shapes
        if shape.left < 0 or shape.top < 0 or shape.left + shape.width > width
        or shape.top + shape.height > HEIGHT
    ]
    assert not outside, "\n".join(outside)


def test_dark_theme_really_is_dark() -> None:
    dark = BUILT_IN_THEMES["dark"]
    background = dark.hex(Colour("background"))
    assert contrast_ratio(background, "000000") < contrast_ratio(background, "FFFFFF")


# ---- themes in the outline ----------------------------------------------------------------------

def outline_with(tmp_path: Path, extra: str) -> tuple[Path, int]:
    """The built-in outline with `extra` appended; and the line number where it starts."""
    text = api.builtin_outline_text().rstrip("\n") + "\n"
    outline = tmp_path / "deck.yaml"
    outline.write_text(text + extra, encoding="utf-8")
    return outline, len(text.splitlines()) + 1


CUSTOM = """\
theme:
  base: light
  colours:
    accent1: "#0E7C86"
  fonts:
    heading: Georgia
"""


def test_outline_theme_mapping_lands_in_the_theme_part(tmp_path: Path) -> None:
    outline, _ = outline_with(tmp_path, CUSTOM)
    out = tmp_path / "custom.pptx"
    code, stdout, stderr = invoke("build", str(outline), "-o", str(out))
    assert code == 0, stdout + stderr
    run_validator(out)
    root = theme_root(out)
    assert root.find(f".//{A}clrScheme/{A}accent1/{A}srgbClr").get("val") == "0E7C86"
    assert root.find(f".//{A}clrScheme/{A}accent2/{A}srgbClr").get("val") == \
        DEFAULT_THEME.palette.accent2
    fonts = root.find(f".//{A}fontScheme")
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == "Georgia"
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == DEFAULT_THEME.body_font


@pytest.mark.parametrize(("extra", "flags", "scheme", "width"), [
    ("theme: dark\n", (), "aligndeck dark", 12_192_000),
    ("theme: dark\n", ("--theme", "high-contrast"), "aligndeck high-contrast", 12_192_000),
    ('aspect: "4:3"\n', (), "aligndeck light", 9_144_000),
    ('aspect: "4:3"\n', ("--aspect", "16:9"), "aligndeck light", 12_192_000),
])
def test_outline_design_and_flags(tmp_path: Path, extra: str, flags: tuple[str, ...],
                                  scheme: str, width: int) -> None:
    outline, _ = outline_with(tmp_path, extra)
    out = tmp_path / "deck.pptx"
    code, stdout, stderr = invoke("build", str(outline), *flags, "-o", str(out))
    assert code == 0, stdout + stderr
    assert theme_root(out).find(f".//{A}clrScheme").get("name") == scheme
    assert Presentation(str(out)).slide_width == width


@pytest.mark.parametrize(("extra", "offset", "message"), [
    ("theme: purple\n", 0, r"theme.*'purple'.*'light'.*'dark'.*'high-contrast'"),
    ("theme:\n  base: purple\n", 1, r"theme.*'purple'.*'light'.*'dark'.*'high-contrast'"),
    ("theme:\n  colours:\n    accent1: '#zzz'\n", 2, r"theme\.colours\.accent1: .*'#zzz'"),
    ("theme:\n  colours:\n    background: red\n", 2, r"theme\.colours\.background: .*'red'"),
])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_bad_theme_is_a_located_error(tmp_path: Path, command: str, extra: str, offset: int,
                                      message: str) -> None:
    outline, line = outline_with(tmp_path, extra)
    out = tmp_path / "deck.pptx"
    args = [command, str(outline)] + (["-o", str(out)] if command == "build" else [])
    code, stdout, stderr = invoke(*args)
    assert code == 1, stdout + stderr
    pattern = re.compile(rf"{re.escape(str(outline))}:{line + offset}:\d+: error: {message}")
    assert any(pattern.match(text) for text in stderr.splitlines()), stderr
    assert not out.exists()


# ---- readable text on any palette ---------------------------------------------------------------

def accent_runs(theme_overrides: dict[str, str]) -> list[Colour]:
    """The colours of every run drawn on a full accent fill, planned with the overrides."""
    outline, _ = api.read_outline(None)
    theme = make_theme("light", theme_overrides)
    found = []
    for slide in plan_deck(outline, theme).slides:
        found += [run.colour for box in slide.boxes()
                  if box.fill == Colour("accent") and box.frame is not None
                  for paragraph in box.frame.paragraphs for run in paragraph.runs]
    return found


@pytest.mark.parametrize(("base", "colours"), [
    ("light", {"accent1": "#FFE680"}),
    ("light", {"accent1": "#0A0A0A"}),
    ("dark", {"accent1": "#1A1A40"}),
    ("dark", {"accent1": "#FFFF00"}),
    ("high-contrast", {"accent1": "#FFE680"}),
    ("light", {"background": "#111111", "text": "#FFFFFF"}),
])
@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_odd_palettes_plan_without_contrast_findings(base: str, colours: dict[str, str],
                                                     aspect: str) -> None:
    outline, _ = api.read_outline(None)
    theme = make_theme(base, colours, aspect=aspect)
    plan = plan_deck(outline, theme)
    findings = [f.message for f in lint_deck(plan, theme) if "contrast" in f.message]
    assert not findings, "\n".join(findings)


def test_text_on_a_light_accent_switches_role() -> None:
    default = accent_runs({})
    pale = accent_runs({"accent1": "#FFE680"})
    assert default and len(default) == len(pale)
    assert Colour("on_accent") in default  # white on the default blue
    assert Colour("on_accent") not in pale  # white on pale yellow would be unreadable
    assert set(pale) <= {Colour("ink"), Colour("muted")}


PALE = make_theme("light", {"accent1": "#FFE680"})
MID = make_theme("light", {"accent1": "#5B8DEF"})
"""White on #5B8DEF is about 3.9:1: enough for large text, not for small."""


@pytest.mark.parametrize(("run", "behind", "theme", "expected"), [
    (Run("x", 12, Colour("on_accent")), Colour("accent"), DEFAULT_THEME, Colour("on_accent")),
    (Run("x", 12, Colour("on_accent")), Colour("accent"), PALE, Colour("ink")),
    (Run("x", 24, Colour("on_accent")), Colour("accent"), MID, Colour("on_accent")),
    (Run("x", 12, Colour("on_accent")), Colour("accent"), MID, Colour("ink")),
    (Run("x", 18, Colour("on_accent"), bold=True), Colour("accent"), MID, Colour("on_accent")),
    # 14 pt bold is large to WCAG, not to the house design (DECK-DESIGN.md): 4.5:1
    (Run("x", 14, Colour("on_accent"), bold=True), Colour("accent"), MID, Colour("ink")),
    (Run("x", 12, Colour("ink")), Colour("background"), DEFAULT_THEME, Colour("ink")),
    (Run("x", 12, Colour("background")), Colour("background"), DEFAULT_THEME, Colour("ink")),
])
def test_readable(run: Run, behind: Colour, theme: object, expected: Colour) -> None:
    got = readable(run, behind, theme)  # type: ignore[arg-type]
    assert got == expected
    needed = 3.0 if run.size >= 24 or (run.bold and run.size >= 18) else 4.5
    assert contrast_ratio(theme.hex(got), theme.hex(behind)) >= needed  # type: ignore[attr-defined]


def test_mid_accent_is_between_the_thresholds() -> None:
    ratio = contrast_ratio(MID.hex(Colour("on_accent")), MID.hex(Colour("accent")))
    assert 3.0 <= ratio < 4.5


# ---- rendered ------------------------------------------------------------------------------------

RENDERED = ("dark", "high-contrast", "4x3", "dark-4x3")


@pytest.fixture(scope="module")
def pdfs(decks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dark, high-contrast and 4:3 decks as PDFs, in one LibreOffice run."""
    soffice = require_soffice()
    profile = tmp_path_factory.mktemp("lo-profile")
    out = tmp_path_factory.mktemp("theme-pdf")
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "pdf", "--outdir", str(out), *(str(decks[n]) for n in RENDERED)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    found = {}
    for name in RENDERED:
        pdf = out / f"{decks[name].stem}.pdf"
        assert pdf.is_file(), f"no PDF for {name}:\n{result.stdout}\n{result.stderr}"
        found[name] = pdf
    return found


@pytest.mark.render
@pytest.mark.parametrize("name", RENDERED)
def test_rendered_theme_words_inside_their_shapes(decks: dict[str, Path], pdfs: dict[str, Path],
                                                  name: str) -> None:
    problems = stray_words(decks[name], pdfs[name])
    assert not problems, "\n".join(problems)
