"""The browser's slides over a template (render/html/svg.py): a placeholder the template
fills or outlines (a coloured title band) is drawn with the slide's text in it, and the
list mark is the dot the .pptx shows (Arial's bullet), not the page font's."""

from __future__ import annotations

import pytest
from lxml import etree

from aligndeck import api
from aligndeck.api import Design
from aligndeck.plan.model import EMU_PER_PT, Text
from aligndeck.render.html.page import draw_deck
from aligndeck.render.html.svg import BULLET_DOT
from aligndeck.render.layout_geometry import f
from helpers import DEFAULT_OUTLINE
from made_templates import DRAWN, TITLE_BAND, TITLE_RULE, write_all

SVG = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[api.CheckResult,
                                                                      list[etree._Element]]]:
    folder = tmp_path_factory.mktemp("banded-slides")
    template = write_all(folder, DRAWN)["banded.pptx"]
    found = {}
    for name, design in (("house", Design()), ("banded", Design(template=template))):
        checked = api.check(DEFAULT_OUTLINE, design=design)
        drawn = draw_deck(checked.plan, checked.theme, checked.minutes, str)
        found[name] = (checked, [etree.fromstring(s.replace("<section", "<section "
                                                            f'xmlns:s="{SVG}"', 1))
                                 for s in drawn.slides])
    return found


def _groups(slide: etree._Element, role: str) -> list[etree._Element]:
    return [g for g in slide.iter(f"{{{SVG}}}g") if g.get("data-role") == role]


def test_every_title_sits_in_the_template_band(decks: dict[str, tuple[api.CheckResult,
                                                                      list[etree._Element]]]
                                               ) -> None:
    checked, slides = decks["banded"]
    for number, slide in enumerate(slides, 1):
        [title] = _groups(slide, "title")
        [band] = [g for g in title.iter(f"{{{SVG}}}g") if g.get("class") == "placeholder-shape"]
        paints = [(p.get("fill"), p.get("stroke")) for p in band.iter(f"{{{SVG}}}path")]
        assert paints == [(f"#{TITLE_BAND}", None), ("none", f"#{TITLE_RULE}")], number
        # under the title's words, not over them
        children = list(title)
        lines = [c for c in children if etree.QName(c).localname == "text"]
        assert lines and children.index(band) < children.index(lines[0]), number
        # drawn where the slide's title is (the plan keeps the placeholder's box)
        rect = next(e.rect for e in checked.plan.slides[number - 1].elements
                    if isinstance(e, Text) and e.placeholder == "title")
        first = band.find(f"{{{SVG}}}path")
        assert first is not None
        assert band.get("transform") is None
        assert first.get("d", "").startswith(f"M{f(rect.x / EMU_PER_PT)},"
                                             f"{f(rect.y / EMU_PER_PT)} ")
    # the house design has no template placeholders, and so no bands
    _, house = decks["house"]
    assert not any(g.get("class") == "placeholder-shape" for s in house
                   for g in s.iter(f"{{{SVG}}}g"))


@pytest.mark.parametrize("name", ["house", "banded"])
def test_the_list_mark_is_arials_dot(decks: dict[str, tuple[api.CheckResult,
                                                            list[etree._Element]]],
                                     name: str) -> None:
    """Every bullet is a circle 0.23 em across, centred 0.36 em above its line's baseline
    and 0.19 em into the indent, as the .pptx's Arial '•' is; no bullet is a glyph."""
    _, slides = decks[name]
    across, up, radius = BULLET_DOT
    seen = 0
    for slide in slides:
        assert not [t for t in slide.iter(f"{{{SVG}}}text") if t.get("class") == "bullet"]
        for dot in (c for c in slide.iter(f"{{{SVG}}}circle") if c.get("class") == "bullet"):
            line = dot.getnext()
            assert line is not None and line.get("class") == "line"
            span = line.find(f"{{{SVG}}}tspan")
            assert span is not None
            size = float(span.get("style", "").split("font-size:")[1].split("px")[0])
            assert float(dot.get("r", "0")) == pytest.approx(radius * size, abs=0.01)
            assert float(dot.get("cy", "0")) == pytest.approx(
                float(line.get("y", "0")) - up * size, abs=0.01)
            assert float(line.get("x", "0")) - float(dot.get("cx", "0")) > radius * size
            seen += 1
    assert seen >= 12
    assert 0.2 < 2 * radius < 0.25 and 0.3 < up < 0.4 and 0.15 < across < 0.25
