"""The fonts a template's placeholders really use: resolved through layout, master and
theme, shown by template-check, and measured with when fitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from aligndeck.cli import main
from aligndeck.plan.theme import FontPair
from aligndeck.render.template import load_template
from aligndeck.render.template_fonts import placeholder_fonts
from font_template import BODY_LATIN, TITLE_EAST_ASIAN, TITLE_LATIN, make_font_template
from helpers import require_shared_templates


@pytest.fixture(scope="module")
def font_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_font_template(tmp_path_factory.mktemp("fonts") / "fonts-4x3.pptx")


def test_a_layout_title_font_wins_over_the_theme(font_template: Path) -> None:
    presentation = Presentation(str(font_template))
    title_only = presentation.slide_layouts[5]
    assert placeholder_fonts(title_only, 0) == FontPair(
        TITLE_LATIN, TITLE_EAST_ASIAN,
        (("Jpan", "ＭＳ Ｐゴシック"), ("Hans", "宋体"), ("Hant", "新細明體"),
         ("Hang", "맑은 고딕")))


def test_a_body_inherits_the_masters_body_style(font_template: Path) -> None:
    presentation = Presentation(str(font_template))
    assert placeholder_fonts(presentation.slide_layouts[1], 1).latin == BODY_LATIN


def test_without_overrides_the_theme_fonts_come_through_the_master_styles() -> None:
    """python-pptx's default deck: titleStyle says +mj-lt, bodyStyle +mn-lt (both Calibri);
    its theme's `a:ea` is empty, so East Asian text goes by the script fonts."""
    presentation = Presentation()
    title = placeholder_fonts(presentation.slide_layouts[0], 0)
    assert (title.latin, title.east_asian) == ("Calibri", None)
    assert dict(title.scripts)["Jpan"] == "ＭＳ Ｐゴシック"


def test_theme_frames_carry_the_effective_fonts(font_template: Path) -> None:
    theme = load_template(font_template).theme
    for family in ("cover", "content", "diagram"):
        fonts = dict(theme.frame(family).fonts)
        assert fonts["title"].latin == TITLE_LATIN
        assert fonts["title"].east_asian == TITLE_EAST_ASIAN
    assert dict(theme.frame("content").fonts)["body"].latin == BODY_LATIN
    assert TITLE_LATIN in theme.measure_fonts()


def test_template_check_shows_the_effective_fonts(font_template: Path) -> None:
    result = CliRunner().invoke(main, ["template-check", str(font_template)])
    assert result.exit_code == 0, result.output
    assert (f"fonts (latin / East Asian): title {TITLE_LATIN} / {TITLE_EAST_ASIAN}; subtitle "
            f"{BODY_LATIN} / by script") in result.output
    assert "East Asian fonts by script: Jpan ＭＳ Ｐゴシック, Hans 宋体" in result.output


@pytest.mark.shared
def test_a_real_template_sets_its_title_font_on_the_layouts() -> None:
    """The UFRJ template's theme says Calibri Light; its layouts say Montserrat Medium."""
    path = require_shared_templates() / "mecanon-ufrj_template.potx"
    assert path.is_file(), f"real template missing: {path}"
    theme = load_template(path).theme
    assert theme.heading_font == "Calibri Light"
    assert dict(theme.frame("cover").fonts)["title"].latin == "Montserrat Medium"


def test_template_placeholders_keep_their_east_asian_font(font_template: Path,
                                                          tmp_path: Path) -> None:
    """Japanese text in a template's title placeholder is drawn in the layout's East Asian
    font (no `a:ea` on the run to override it); text in our own shapes names its font."""
    from aligndeck.api import Design, build

    outlines = Path(__file__).parent / "outlines"
    out = tmp_path / "ja.pptx"
    build(outlines / "japanese.yaml", out, design=Design(template=font_template))
    deck = Presentation(str(out))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    title = deck.slides[1].shapes.title
    assert title.text_frame.text == "パイプラインの全体像"
    assert not list(title.element.iter(f"{a}ea"))
    ours = [e.get("typeface") for shape in deck.slides[1].shapes if not shape.is_placeholder
            for e in shape.element.iter(f"{a}ea")]
    assert ours and set(ours) == {"Yu Gothic"}


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def styleless_template(path: Path, prompt_font: str | None) -> Path:
    """python-pptx's default deck as LibreOffice exports a template: masters without text
    styles and placeholders without list-style fonts or colours; the cover title's prompt
    (its end-of-paragraph properties) names `prompt_font`, which PowerPoint does not read."""
    from lxml import etree

    presentation = Presentation()
    master = presentation.slide_master._element
    master.remove(master.find(f"{P}txStyles"))
    for part in (master, *(layout._element for layout in presentation.slide_layouts)):
        for styles in part.iter(f"{A}lstStyle"):
            for child in list(styles):
                styles.remove(child)
    if prompt_font is not None:
        title = presentation.slide_layouts[0].placeholders[0]._element
        paragraph = title.find(f"{P}txBody/{A}p")
        end = etree.SubElement(paragraph, f"{A}endParaRPr", lang="en-US")
        etree.SubElement(end, f"{A}latin", typeface=prompt_font)
    presentation.save(str(path))
    return path


def placeholder_runs(deck: Path, kind: str) -> list[object]:
    """The run properties of every slide's placeholder of `kind` (title, subTitle)."""
    found = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.placeholders:
            ph = shape._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph.get("type") == kind:
                found += list(shape._element.iter(f"{A}rPr"))
    return found


@pytest.mark.parametrize(("prompt_font", "cover_title_font"), [
    (None, "Calibri"),           # nothing names one: the theme's heading font, measured
    ("DejaVu Serif", "DejaVu Serif"),  # the prompt's, measured (LibreOffice reads it)
])
def test_a_placeholder_no_style_names_a_font_for_gets_the_measured_font_written(
        tmp_path: Path, prompt_font: str | None, cover_title_font: str) -> None:
    # With no style naming a typeface, PowerPoint and LibreOffice each fall back to a font
    # of their own (LibreOffice drew the Puccia .potx's titles in DejaVu Sans while the
    # plan measured Calibri): the slide names the one measured, and the theme's text
    # colour, which no style names either.
    from aligndeck import api
    from aligndeck.api import Design
    from helpers import DEFAULT_OUTLINE

    template = styleless_template(tmp_path / "styleless.pptx", prompt_font)
    theme = api.check(None, design=Design(template=template)).theme
    look = theme.frame("cover").look("title")
    assert look is not None
    assert (look.font, look.colour, look.default_colour) == (cover_title_font, "000000", True)
    assert dict(theme.frame("cover").fonts)["title"].latin == cover_title_font
    deck = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx", design=Design(template=template)
                     ).path
    runs = placeholder_runs(deck, "title") + placeholder_runs(deck, "ctrTitle")
    assert len(runs) > 10
    faces = [run.find(f"{A}latin").get("typeface") for run in runs]
    assert set(faces) == {cover_title_font, "Calibri"}
    assert all(run.find(f"{A}solidFill/{A}schemeClr").get("val") == "tx1" for run in runs)


def test_a_placeholder_whose_styles_name_its_font_gets_none_written(tmp_path: Path) -> None:
    from aligndeck import api
    from aligndeck.api import Design
    from helpers import DEFAULT_OUTLINE

    template = tmp_path / "default.pptx"
    Presentation().save(str(template))
    look = api.check(None, design=Design(template=template)).theme.frame("cover").look("title")
    assert look is not None and look.font is None
    deck = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx", design=Design(template=template)
                     ).path
    runs = placeholder_runs(deck, "title") + placeholder_runs(deck, "ctrTitle")
    assert runs and all(run.find(f"{A}latin") is None for run in runs)
