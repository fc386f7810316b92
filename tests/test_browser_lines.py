"""The browser shows the plan's lines, which are the .pptx's: every text box of the page,
rendered in headless chromium, shows exactly the lines the plan's measure breaks its
paragraphs into across the box's whole width (as PowerPoint and LibreOffice break it, where
the fitter keeps a margin), line for line and word for word, and no line is wider than the
box (the fonts the page sets are no wider than the ones the plan measured with).

On the house design and on the made photo-and-gradient template; on a real template
where ../shared is present.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aligndeck import api
from aligndeck.api import Design
from aligndeck.plan.context import measuring_fonts
from aligndeck.plan.model import EMU_PER_PT, Box, DeckPlan, Paragraph, Text, TextFrame
from aligndeck.plan.slides import KINDS
from aligndeck.plan.text import SAFETY, letter_widening, paragraph_lines, wrap_styled
from aligndeck.plan.theme import Theme
from aligndeck.render.html.shapes import text_rect
from helpers import DEFAULT_OUTLINE, require_shared_templates
from made_templates import DESIGNED, write_all
from test_browser_modes import poll

RENDERED = """([slide, name]) => {
  const shape = document.querySelector(`#slide-${slide} [data-name="${CSS.escape(name)}"]`);
  if (!shape) return null;
  const lines = Array.from(shape.querySelectorAll(':scope > text.line'));
  const widest = Math.max(0, ...lines.map((line) => line.getBBox().width));
  const ys = new Set(lines.map((line) => Math.round(line.getBBox().y * 10)));
  return {lines: ys.size, widest, texts: lines.map((line) => line.textContent)};
}"""
"""A shape's rendered lines (distinct line boxes, as laid out), its widest line, in
points (the slide's SVG coordinates), and each line's text as the page shows it."""


def planned(plan: DeckPlan, theme: Theme, indent_pt: float
            ) -> list[tuple[int, str, int, float, list[str]]]:
    """(slide, shape name, lines the fitter counts, inner width in points, the lines'
    texts) of every text box and every box with text, in the font each is drawn in (as the
    .pptx's renderer breaks it): a template placeholder's own, else the theme's heading and
    body fonts. The texts are the plan's measure's (wrap_styled, as paragraph_lines breaks
    them), not the page's own layout: the page must show them as they are."""
    found = []
    code = measuring_fonts(theme)["code"]
    ours = {"heading": theme.heading_font, "body": theme.body_font, "code": code}
    fonts = ours

    def count(frame: TextFrame, width_emu: int) -> tuple[int, float, list[str]]:
        width = (width_emu - 2 * frame.inset) / EMU_PER_PT
        # As PowerPoint and LibreOffice break it, across the whole width: paragraph_lines
        # takes the fitter's margin (SAFETY) off the width it is given, so it is given back.
        lines = sum(paragraph_lines(p, (width - (indent_pt if p.bullet else 0.0)) / SAFETY,
                                    fonts)
                    for p in frame.paragraphs if p.runs)
        texts = [line for p in frame.paragraphs if p.runs
                 for line in line_texts(p, width - (indent_pt if p.bullet else 0.0), fonts)]
        return lines, width, texts

    for number, slide in enumerate(plan.slides, 1):
        family = KINDS[slide.kind].family
        for element in slide.elements:
            if isinstance(element, Text):
                fonts = ours
                if theme.frames is not None and element.placeholder and not element.styled \
                        and theme.frame(family).look(element.placeholder) is not None:
                    face = next(pair.latin for role, pair in theme.frame(family).fonts
                                if role == element.placeholder)
                    fonts = {"heading": face, "body": face, "code": code}
                found.append((number, element.name, *count(element.frame, element.rect.w)))
                fonts = ours
        for box in slide.boxes():
            if isinstance(box, Box) and box.frame is not None:
                found.append((number, box.name, *count(box.frame, text_rect(box).w)))
    return found


def line_texts(paragraph: Paragraph, width: float, fonts: dict[str, str]) -> list[str]:
    """The paragraph's lines as the plan's measure breaks them across `width` points, with
    paragraph_lines' pieces, size and letter spacing."""
    texts = [run.text.upper() if run.caps else run.text for run in paragraph.runs]
    pieces = [(text, run.bold, run.italic, fonts[run.font])
              for text, run in zip(texts, paragraph.runs, strict=True)]
    widening = letter_widening([(run, len(text)) for text, run in
                                zip(texts, paragraph.runs, strict=True)])
    size = max(run.size for run in paragraph.runs)
    return wrap_styled(pieces, max(width - widening, 1.0), size, phrases=True)


def _designs(tmp: Path) -> dict[str, Design]:
    return {"house": Design(),
            "designed": Design(template=write_all(tmp, DESIGNED)["designed.pptx"])}


@pytest.mark.parametrize("name", ["house", "designed"])
def test_every_text_box_shows_the_plans_lines(tmp_path: Path, browser: Any, name: str
                                              ) -> None:
    check_lines(tmp_path, browser, _designs(tmp_path)[name])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["mecanon-ufrj_template.potx",
                                  "kfjt-md2pptxJP_reference.pptx"])
def test_a_real_templates_text_shows_the_plans_lines(tmp_path: Path, browser: Any,
                                                     name: str) -> None:
    template = require_shared_templates() / name
    check_lines(tmp_path, browser, Design(template=template))


def check_lines(tmp_path: Path, browser: Any, design: Design) -> None:
    result = api.build(DEFAULT_OUTLINE, tmp_path / "deck.pptx", design=design, html=True)
    assert result.html is not None
    checked = api.check(DEFAULT_OUTLINE, design=design)
    expected = planned(checked.plan, checked.theme, checked.theme.bullet_indent / EMU_PER_PT)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    page = context.new_page()
    page.goto(result.html.as_uri())
    assert poll(page, "document.fonts.status === 'loaded'")
    wrong, wide, words = [], [], []
    for slide, shape, lines, width, texts in expected:
        shown = page.evaluate(RENDERED, [slide, shape])
        assert shown is not None, (slide, shape)
        if shown["lines"] != lines:
            wrong.append((slide, shape, lines, shown["lines"]))
        if [" ".join(t.split()) for t in shown["texts"]] != [" ".join(t.split()) for t in texts]:
            words.append((slide, shape, texts, shown["texts"]))
        if shown["widest"] > width + 0.5:
            wide.append((slide, shape, round(width, 1), round(shown["widest"], 1)))
    context.close()
    assert len(expected) > 40
    assert wrong == [], wrong
    assert words == [], words
    assert wide == [], wide
