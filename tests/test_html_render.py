"""The browser renderer without a browser: lines as the fitter measured them, colours as
PowerPoint computes them, and markup that cannot be broken out of."""

from __future__ import annotations

import colorsys
import html
import re
from pathlib import Path

from click.testing import CliRunner

from aligndeck import api
from aligndeck.cli import main
from aligndeck.plan.model import (
    Colour,
    DeckPlan,
    Paragraph,
    Rect,
    Run,
    SlidePlan,
    Text,
    TextFrame,
)
from aligndeck.plan.text.fit import CALIBRI_FONTS, paragraph_lines
from aligndeck.plan.text.measure import line_height_pt
from aligndeck.plan.theme import make_theme
from aligndeck.render.html.lines import layout_frame
from aligndeck.render.html.page import draw_deck, page_html
from aligndeck.render.html.svg import SlideDrawer, _scale_lightness
from helpers import DEFAULT_OUTLINE

WORDS = ("Alignment turns a predictor into an assistant that answers the question you "
         "asked instead of continuing it with more questions of its own")


def _paragraph(size: float = 20.0) -> Paragraph:
    return Paragraph((Run("Alignment turns a ", size), Run("predictor into an", size, bold=True),
                      Run(WORDS[len("Alignment turns a predictor into an"):], size,
                          italic=True)))


def test_lines_are_the_fitters_lines_with_each_runs_style() -> None:
    paragraph = _paragraph()
    for width in (150, 240, 400, 800):
        laid = layout_frame(TextFrame((paragraph,)), width * 12700, 400 * 12700,
                            CALIBRI_FONTS, 0.0)
        lines = laid[0].lines
        assert len(lines) == paragraph_lines(paragraph, width)
        drawn = " ".join("".join(piece.text for piece in line.pieces) for line in lines)
        assert drawn == WORDS
        marked = " ".join("".join(f"**{piece.text}**" if piece.run.bold else piece.text
                                  for piece in line.pieces) for line in lines)
        assert marked.replace("** **", " ").replace("****", "") == WORDS.replace(
            "predictor into an", "**predictor into an**")


def test_anchor_and_line_height_place_the_baselines() -> None:
    paragraph = Paragraph((Run("One line", 20.0),))
    height = 100 * 12700
    for anchor, top in (("top", 0.0), ("middle", 50 - line_height_pt(20) / 2),
                        ("bottom", 100 - line_height_pt(20))):
        laid = layout_frame(TextFrame((paragraph,), anchor=anchor), 300 * 12700, height,
                            CALIBRI_FONTS, 0.0)
        baseline = laid[0].lines[0].baseline
        assert abs(baseline - (top + line_height_pt(20) - 20 * 550 / 2048)) < 1e-6


def test_a_dark_themes_shades_darken_in_hsl_as_powerpoint_does() -> None:
    # lumMod 50% of #6CA6F0 (HSL 214°, 81%, 68%): lightness 34%, hue and saturation kept.
    assert _scale_lightness("6CA6F0", 0.5) in {"104E9E", "104F9E", "104E9F"}
    dark = make_theme("dark")
    drawer = SlideDrawer(DeckPlan(100, 100, "t", None, ()), dark, CALIBRI_FONTS, str)
    base = colorsys.rgb_to_hls(*_rgb(dark.palette.accent1))
    shaded = colorsys.rgb_to_hls(*_rgb(drawer.colour(Colour("accent", 40))[1:]))
    assert abs(shaded[0] - base[0]) < 0.01 and abs(shaded[2] - base[2]) < 0.02
    assert abs(shaded[1] - base[1] * (1 - dark.tint(Colour("accent", 40)) / 100)) < 0.01


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def _one_slide(run: Run) -> str:
    text = Text("body", Rect(0, 0, 4_000_000, 2_000_000), TextFrame((Paragraph((run,)),)))
    plan = DeckPlan(12_192_000, 6_858_000, "</script><b>", None,
                    (SlidePlan("content", "t", (text,), "notes </script> here"),))
    deck = draw_deck(plan, make_theme(), 1.0, str)
    return page_html(deck, "deck", inline=True)


def test_text_and_data_cannot_break_out_of_the_page() -> None:
    page = _one_slide(Run('<script>alert("x")</script>', 20.0))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert page.count("</script>") == 2  # the data block and the inlined script, no more
    assert "notes <\\/script> here" in page


def test_only_web_and_mail_links_become_links() -> None:
    assert '<a href="https://example.org/a"' in _one_slide(
        Run("site", 20.0, link="https://example.org/a"))
    assert '<a href="mailto:me@example.org"' in _one_slide(
        Run("mail", 20.0, link="mailto:me@example.org"))
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"):
        page = _one_slide(Run("bad", 20.0, link=bad))
        assert "<a " not in page and bad not in page


def test_build_html_writes_one_self_contained_page(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(DEFAULT_OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(outline), "--html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "talk.html").read_text(encoding="utf-8")
    assert (tmp_path / "talk.pptx").is_file()
    assert page.count('<section class="slide"') == len(api.check(outline).plan.slides)
    # Nothing is fetched: no src= or url() but data: addresses, and a policy that says so.
    assert re.findall(r'(?:src|href)="(?!data:|https://|mailto:)[^"#]', page) == []
    # (`url(#id)`, a gradient or clip of the same page, fetches nothing)
    assert re.findall(r'url\((?!"?data:|#)', page) == []
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert "default-src 'none'" in html.unescape(policy.group(1))
    assert "font-src data:" in policy.group(1)


def test_build_html_leaves_no_page_when_the_outline_is_bad(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(outline), "--html"])
    assert result.exit_code == 1
    assert not (tmp_path / "talk.html").exists()
