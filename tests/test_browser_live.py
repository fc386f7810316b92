"""The page in a real browser, live and presenting: saves repaint in place, mistakes show
above the last good slides, keys move both views together, and the file works offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from PIL import Image

from aligndeck.api import Design
from aligndeck.cli import main
from helpers import DEFAULT_OUTLINE, REPO

OUTLINES = REPO / "tests" / "outlines"
TITLE = 'section[data-slide="2"] [data-name="title"]'


# Playwright's waits evaluate their condition as a string, which the pages' Content
# Security Policy forbids: the test pages bypass it (test_serve checks the header).


def _copy(tmp_path: Path) -> Path:
    outline = tmp_path / "deck.yaml"
    shutil.copy(DEFAULT_OUTLINE, outline)
    return outline


def _save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_repaints_in_place_keeping_the_scroll(tmp_path: Path, served: Any,
                                                     browser: Any) -> None:
    outline = _copy(tmp_path)
    server = served(outline)
    page = browser.new_page(viewport={"width": 1200, "height": 800}, bypass_csp=True)
    page.goto(server.url)
    page.evaluate("document.querySelector('section[data-slide=\"6\"]').scrollIntoView()")
    page.evaluate("window.notReloaded = true")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 1000
    _save(outline, "A base model predicts text", "A base model predicts words")
    page.wait_for_function(f"document.querySelector('{TITLE}').textContent.includes('words')")
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("window.scrollY") == scrolled
    assert page.locator("#problems").is_hidden()
    page.close()


def test_mistakes_show_above_the_last_good_slides_until_fixed(tmp_path: Path, served: Any,
                                                              browser: Any) -> None:
    outline = _copy(tmp_path)
    server = served(outline, label=str(outline))
    page = browser.new_page(bypass_csp=True)
    page.goto(server.url)
    slides = page.locator("section.slide").count()
    _save(outline, "  - title: A base model predicts text", "  - titel: A base model predicts")
    page.locator("#problems").wait_for(state="visible")
    shown = page.locator("#problems pre").text_content().splitlines()
    built = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "x.pptx")])
    printed = built.stderr.splitlines()
    assert built.exit_code == 1 and re.match(r".*deck\.yaml:\d+:\d+: error: ", printed[0])
    assert shown[:-1] == printed[:-1]  # the same located messages, in the same order
    assert shown[-1].startswith(printed[-1].split(";")[0])  # "2 errors; …"
    assert page.locator("section.slide").count() == slides
    assert "A base model predicts text" in page.locator(TITLE).text_content()
    _save(outline, "  - titel: A base model predicts", "  - title: A fixed title")
    page.locator("#problems").wait_for(state="hidden")
    page.wait_for_function(f"document.querySelector('{TITLE}').textContent.includes('fixed')")
    page.close()


def test_saving_an_image_the_outline_names_repaints_it(tmp_path: Path, served: Any,
                                                       browser: Any) -> None:
    shutil.copytree(OUTLINES / "assets", tmp_path / "assets")
    outline = tmp_path / "deck.yaml"
    shutil.copy(OUTLINES / "own-content.yaml", outline)
    server = served(outline)
    page = browser.new_page(bypass_csp=True)
    page.goto(server.url)
    logo = page.locator('[data-name="logo"]').first
    before = logo.get_attribute("href")
    Image.new("RGB", (64, 64), (200, 30, 30)).save(tmp_path / "assets" / "logo.png")
    page.wait_for_function(
        f"document.querySelector('[data-name=\"logo\"]').getAttribute('href') !== '{before}'")
    after = logo.get_attribute("href")
    assert page.evaluate(f"fetch('{after}').then(r => r.status)") == 200
    page.close()


def _at(page: Any) -> tuple[int, int]:
    return int(page.evaluate("document.body.dataset.slide")), int(
        page.evaluate("document.body.dataset.step"))


def _both_at(audience: Any, presenter: Any, slide: int, step: int = 0) -> None:
    for page in (audience, presenter):
        page.wait_for_function(f"document.body.dataset.slide === '{slide}' && "
                               f"document.body.dataset.step === '{step}'")


def test_keys_move_both_views_together(tmp_path: Path, served: Any, browser: Any) -> None:
    outline = _copy(tmp_path)
    server = served(outline, design=Design(reveal=True))
    context = browser.new_context(bypass_csp=True)
    presenter = context.new_page()
    presenter.goto(server.url + "presenter")
    audience = context.new_page()
    audience.goto(server.url + "present")
    total = audience.locator("section.slide").count()
    assert audience.locator("section.slide.current").count() == 1
    audience.keyboard.press("ArrowRight")
    _both_at(audience, presenter, 2)
    presenter.keyboard.press("End")
    _both_at(audience, presenter, total)
    audience.keyboard.press("Home")
    _both_at(audience, presenter, 1)
    presenter.keyboard.press("PageDown")
    presenter.keyboard.press("Space")
    _both_at(audience, presenter, 3)
    audience.keyboard.press("PageUp")
    _both_at(audience, presenter, 2)
    audience.keyboard.press("ArrowLeft")
    _both_at(audience, presenter, 1)
    # The pipeline overview builds click by click: each click shows one more stage.
    for _ in range(3):
        audience.keyboard.press("ArrowRight")
    _both_at(audience, presenter, 4, 0)
    hidden = "document.querySelectorAll('section.slide.current [data-hidden]').length"
    assert audience.evaluate(f"document.body.dataset.slide === '4' && {hidden}") > 0
    first = audience.evaluate(hidden)
    audience.keyboard.press("ArrowRight")
    _both_at(audience, presenter, 4, 1)
    assert 0 < audience.evaluate(hidden) < first
    assert presenter.locator(".current [data-hidden]").count() == audience.evaluate(hidden)
    notes = presenter.locator("#presenter .notes").text_content()
    assert "[click]" in notes
    assert re.fullmatch(r"\d+:\d\d", presenter.locator("#presenter .clock").text_content())
    assert re.search(r"planned: [\d.]+ min", presenter.locator("#presenter .bar").text_content())
    assert presenter.locator("#presenter .next section.slide").count() == 1
    context.close()


def test_the_html_file_works_offline(tmp_path: Path, browser: Any) -> None:
    outline = _copy(tmp_path)
    result = CliRunner().invoke(main, ["build", str(outline), "--html"])
    assert result.exit_code == 0, result.output
    page_file = tmp_path / "deck.html"
    assert f"wrote {page_file}" in result.stdout
    context = browser.new_context(offline=True, bypass_csp=True)
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.evaluate("document.fonts.ready")
    assert page.locator("section.slide").count() == 17
    assert {url.split(":")[0] for url in asked} <= {"file", "data"}, asked
    assert [url for url in asked if url.startswith("file:")] == [page_file.as_uri()]
    assert page.evaluate("document.fonts.check('20px aligndeck-sans')")
    # Presenting from the file: the hash picks the view; keys move it.
    audience = context.new_page()
    audience.goto(page_file.as_uri() + "#present:3")
    assert _at(audience) == (3, 0)
    audience.keyboard.press("ArrowRight")
    assert _at(audience) == (4, 0)
    assert audience.url.endswith("#present:4")
    assert audience.locator("section.slide:visible").count() == 1
    audience.keyboard.press("f")  # full screen, and back
    audience.wait_for_function("!!document.fullscreenElement")
    audience.keyboard.press("F")
    audience.wait_for_function("!document.fullscreenElement")
    presenter = context.new_page()
    presenter.goto(page_file.as_uri() + "#presenter:4")
    presenter.keyboard.press("ArrowRight")
    _both_at(audience, presenter, 5)
    assert presenter.locator("#presenter .notes").is_visible()
    assert presenter.locator("#deck").is_hidden()
    context.close()


def test_saving_the_template_repaints_its_pictures(tmp_path: Path, served: Any,
                                                   browser: Any) -> None:
    """The template's pictures are held once by the page: a save of the template with
    other pictures replaces them, and the slides' layouts draw the new ones."""
    from made_templates import DESIGNED, DRAWN, write_all

    template = write_all(tmp_path, DESIGNED)["designed.pptx"]
    outline = _copy(tmp_path)
    outline.write_text(f"template: {template.name}\n" + outline.read_text(encoding="utf-8"),
                       encoding="utf-8")
    server = served(outline)
    page = browser.new_page(bypass_csp=True)
    page.goto(server.url)
    held = "Array.from(document.querySelectorAll('#pictures image')).map(i => i.id).join()"
    before = page.evaluate(held)
    assert before.count("pic-") == 2  # the cover's photo and the title-only picture fill
    template.write_bytes(DRAWN["drawn.pptx"]())
    page.wait_for_function(f"({held}) !== '{before}'")
    assert page.evaluate(held).count("pic-") == 1  # the drawn template's logo
    used = page.evaluate("Array.from(document.querySelectorAll('g.layout use'))"
                         ".map(u => u.getAttribute('href').slice(1))")
    assert used and set(used) == {page.evaluate(held)}
    page.close()
