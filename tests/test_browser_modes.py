"""The page built with `build --html` in a real browser: visible Present and Presenter
buttons, and views that follow the address's hash without a reload."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from aligndeck import api
from helpers import DEFAULT_OUTLINE


def poll(page: Any, script: str, timeout: float = 10.0) -> Any:
    """`script`'s value once it is truthy (page.evaluate in a loop: the page's Content
    Security Policy forbids the string-evaluating waits of Playwright)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = api.build(DEFAULT_OUTLINE, tmp_path_factory.mktemp("modes") / "deck.pptx",
                       html=True)
    assert result.html is not None
    return result.html


def view(page: Any) -> tuple[str, int]:
    return (page.evaluate("document.body.dataset.mode"),
            int(page.evaluate("document.body.dataset.slide")))


MODE_CASES = [
    # (hash typed into the address bar, the view and slide it shows)
    ("#present:3", ("present", 3)),
    ("#presenter:5", ("presenter", 5)),
    ("#present", ("present", 5)),  # no number: the slide stays
    ("", ("deck", 5)),
]


def test_modes_follow_the_hash_without_a_reload(page_file: Path, browser: Any) -> None:
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.evaluate("window.notReloaded = true")
    for hash_, expected in MODE_CASES:
        page.evaluate(f"location.hash = {hash_!r}")
        assert poll(page, f"document.body.dataset.mode === {expected[0]!r}"), hash_
        assert view(page) == expected, hash_
    assert page.evaluate("window.notReloaded") is True
    # back in the column every slide shows, every click build revealed
    assert page.locator("section.slide:visible").count() == 17
    assert page.locator("section.slide [data-hidden]").count() == 0
    context.close()


def test_present_and_presenter_buttons_on_the_deck_page(page_file: Path,
                                                         browser: Any) -> None:
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    present, presenter = page.get_by_role("button", name="Present", exact=True), \
        page.get_by_role("button", name="Presenter", exact=True)
    assert present.is_visible() and presenter.is_visible()
    present.click()
    assert poll(page, "document.body.dataset.mode === 'present'")
    assert page.locator("section.slide:visible").count() == 1
    assert not present.is_visible()  # the buttons belong to the column only
    page.keyboard.press("Escape")
    assert poll(page, "document.body.dataset.mode === 'deck'")
    presenter.click()
    assert poll(page, "document.body.dataset.mode === 'presenter'")
    assert page.locator("#presenter .notes").is_visible()
    context.close()


def test_served_buttons_open_the_served_views(tmp_path: Path, served: Any,
                                              browser: Any) -> None:
    """On `serve`'s page the buttons go to /present and /presenter; the layout's picture
    under a template's slides is allowed by the page's policy and drawn."""
    from aligndeck.api import Design
    from made_templates import DESIGNED, write_all

    template = write_all(tmp_path, DESIGNED)["designed.pptx"]
    server = served(DEFAULT_OUTLINE, Design(template=template))
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(server.url)
    # the layout's photo, held once by the page and drawn under the slides (a refused one
    # would be reported on the console, which the policy check below reads)
    assert poll(page, "document.querySelectorAll('#pictures image').length > 0 && "
                      "document.querySelectorAll('g.layout use').length > 0")
    assert refused == []
    page.get_by_role("button", name="Present", exact=True).click()
    assert poll(page, "location.pathname === '/present' && document.body.dataset.mode === "
                      "'present'")
    page.go_back()
    page.get_by_role("button", name="Presenter", exact=True).click()
    assert poll(page, "location.pathname === '/presenter'")
    context.close()
