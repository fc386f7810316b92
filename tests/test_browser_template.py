"""The browser shows what the audience will see: each slide of the page, screenshotted in
headless chromium, against LibreOffice's rendering of the .pptx, downscaled to 96 x 54 grey
pixels (position and tone, not antialiasing or hinting).

The threshold was calibrated on the house design (no template), where the two renderers draw
the same shapes and text: the mean absolute grey difference per slide was 0.7 to 2.1 (of
255); the limit there is 3. Template slides are allowed up to 8: the made template's
content and diagram slides measure 1.7 to 2.5, but its photo cover measures 7.6, because
the plan measures a template's title as bold while the layout sets it regular, so the
browser keeps the plan's two lines where LibreOffice sets one (a measuring matter left to
the typesetting work). A page that leaves out what the template draws (a white slide under
a dark photo, or under a light picture fill) is far beyond it, which the test checks.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from aligndeck import api
from aligndeck.api import Design
from helpers import DEFAULT_OUTLINE, convert_to_pdf, require_soffice
from made_templates import DESIGNED, write_all
from test_browser_modes import poll

HOUSE_LIMIT = 3.0
TEMPLATE_LIMIT = 8.0
SIZE = (96, 54)


def grey(image: Image.Image) -> Image.Image:
    return image.convert("L").resize(SIZE, Image.Resampling.BOX)


def difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(grey(a), grey(b))).mean[0])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Path]]]:
    """The default talk plain and on the designed template: its page, and LibreOffice's
    picture of each slide."""
    soffice = require_soffice()
    out = tmp_path_factory.mktemp("side-by-side")
    template = write_all(out / "templates", DESIGNED)["designed.pptx"]
    decks = {}
    for name, design in (("house", Design()), ("designed", Design(template=template))):
        result = api.build(DEFAULT_OUTLINE, out / f"{name}.pptx", design=design, html=True)
        assert result.html is not None
        decks[name] = (result.path, result.html)
    pdfs = convert_to_pdf(soffice, {n: d for n, (d, _) in decks.items()}, out,
                          out / "lo-profile")
    found = {}
    for name, pdf in pdfs.items():
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(out / name)],
                       check=True, timeout=300)
        found[name] = (decks[name][1], sorted(out.glob(f"{name}-*.png")))
    return found


@pytest.mark.parametrize(("name", "limit"), [("house", HOUSE_LIMIT),
                                              ("designed", TEMPLATE_LIMIT)])
def test_each_slide_in_the_browser_looks_like_libreoffice(
        rendered: dict[str, tuple[Path, list[Path]]], browser: Any, name: str,
        limit: float) -> None:
    page_file, pictures = rendered[name]
    context = browser.new_context(viewport={"width": 960, "height": 540}, offline=True)
    page = context.new_page()
    page.goto(page_file.as_uri() + "#present:1")
    page.evaluate("document.fonts.ready")
    found = []
    for number, picture in enumerate(pictures, 1):
        page.evaluate(f"location.hash = '#present:{number}'")
        assert poll(page, f"document.body.dataset.slide === '{number}'")
        shot = Image.open(io.BytesIO(page.screenshot()))
        office = Image.open(picture)
        found.append(round(difference(shot, office), 1))
        if name == "designed":
            # a page drawing nothing of the template would be far off
            assert difference(Image.new("RGB", office.size, "white"), office) > 3 * limit
    context.close()
    assert max(found) <= limit, found
