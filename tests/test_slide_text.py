"""Slides of placeholder text written as markup (render/slide_text.py) are the slides
python-pptx's drawing makes, byte for byte: whole decks are built both ways (`as_text`) and
compared, on the built-in talk, every test outline, odd text, templates and warm rebuilds;
and the digest of a deck so written (made from the plan, not read back) is the one read
back from the drawn deck."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation

from aligndeck import api
from aligndeck.edits.digest import read_digest
from aligndeck.render import reuse
from aligndeck.render.package import build_time
from aligndeck.render.pptx_writer import render_deck
from aligndeck.render.slide_text import TextSlides
from made_templates import brand, japanese_4x3, wide_old

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = sorted((ROOT / "tests" / "outlines").glob("*.yaml"))

ODD = [  # each on a slide after a plain one, so each is written as text
    "Ampersand & angle <brackets> > and \"quotes\" 'here'",
    "Tab\there and a return\rthere",
    "Emoji 🙂 and CJK 日本語のテキスト、句読点。",
    "עברית with 10% and 2024, -49.6% too",
    "العربية مع 25% و 2024",
    "**Bold** and *italic* and `code` in one point",
    "   leading and trailing spaces   ",
    "A non-breaking 10 kg and a soft\u00adhyphen",
]


def _odd_outline() -> dict[str, Any]:
    intro = [{"title": "A plain slide first", "points": ["One point"], "notes": "Plain."}]
    for number, text in enumerate(ODD):
        intro.append({"title": text if number % 2 else f"Slide {number}",
                      "points": [text, f"and another point {number}"],
                      "notes": f"Notes & <b> {text}\n\n  spaced   out  \n\rlast\r\n"
                      if number % 3 else text})
    return {"title": "Odd & <text>", "subtitle": "Tabs\tand\rreturns 🙂",
            "author": "A & B <author> \"x\"", "intro": intro,
            "stages": [{"name": "Only", "summary": "A stage"}]}


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each call of TextSlides.write answered (whether it wrote the slide)."""
    answers: list[bool] = []
    write = TextSlides.write

    def counting(self: TextSlides, *args: Any) -> bool:
        answers.append(write(self, *args))
        return answers[-1]

    monkeypatch.setattr(TextSlides, "write", counting)
    return answers


PLAIN = api.Design()


def _both(tmp_path: Path, outline: Path | None, design: api.Design = PLAIN,
          text: str | None = None) -> tuple[bytes, bytes]:
    """The deck drawn by python-pptx, then written as text, each from a cold start."""
    out = []
    for as_text in (False, True):
        # A template is read into a presentation each render fills: check afresh.
        checked = api.check(outline, design=design, text=text,
                            folder=outline.parent if outline else tmp_path)
        reuse.forget()
        path = tmp_path / f"deck-{as_text}.pptx"
        render_deck(checked.plan, checked.theme, path, build_time(), checked.template,
                    checked.assets, as_text=as_text)
        out.append(path.read_bytes())
    return out[0], out[1]


def _same(drawn: bytes, written: bytes, tmp_path: Path) -> None:
    if drawn == written:
        return
    (tmp_path / "a.pptx").write_bytes(drawn)
    (tmp_path / "b.pptx").write_bytes(written)
    with zipfile.ZipFile(tmp_path / "a.pptx") as a, zipfile.ZipFile(tmp_path / "b.pptx") as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name).decode("utf-8", "replace") == \
                b.read(name).decode("utf-8", "replace"), name
    raise AssertionError("the decks differ outside their parts")


@pytest.mark.parametrize("outline", [None, *OUTLINES], ids=lambda p: p.stem if p else "built-in")
def test_outlines_written_are_drawn(outline: Path | None, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    answers = _counted(monkeypatch)
    drawn, written = _both(tmp_path, outline)
    _same(drawn, written, tmp_path)
    if outline is None:  # the built-in talk has slides of each kind
        assert any(answers) and not all(answers)


DESIGNS = [api.Design(theme="dark", aspect="4:3"), api.Design(theme="high-contrast"),
           api.Design(reveal=True)]


@pytest.mark.parametrize("design", DESIGNS, ids=str)
def test_designs_written_are_drawn(design: api.Design, tmp_path: Path) -> None:
    _same(*_both(tmp_path, ROOT / "tests" / "outlines" / "mixed-scripts.yaml", design),
          tmp_path)


def test_odd_text_written_is_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = _counted(monkeypatch)
    drawn, written = _both(tmp_path, None, text=yaml.safe_dump(_odd_outline(),
                                                                allow_unicode=True))
    _same(drawn, written, tmp_path)
    assert sum(answers) >= len(ODD)  # every odd slide was written as text


TEMPLATES: dict[str, Callable[[], bytes]] = {"wide-old": wide_old, "brand": brand,
                                             "japanese-4x3": japanese_4x3}


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_written_are_drawn(name: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    answers = _counted(monkeypatch)
    suffix = ".potx" if name == "brand" else ".pptx"
    template = tmp_path / f"{name}{suffix}"
    template.write_bytes(TEMPLATES[name]())
    drawn, written = _both(tmp_path, None, api.Design(template=template),
                           yaml.safe_dump(_odd_outline(), allow_unicode=True))
    _same(drawn, written, tmp_path)
    assert any(answers)


def test_warm_rebuilds_written_are_drawn(tmp_path: Path) -> None:
    """Renders in one process (watch, serve) reuse kept slides; written or drawn, the
    decks are the cold ones, and a changed slide is written again."""
    text = (ROOT / "deck.yaml").read_text("utf-8")
    changed = text.replace("A base model predicts text", "A base model predicts words")
    assert changed != text
    for outline in (text, changed, changed, text):
        checked = api.check(None, text=outline, folder=tmp_path)
        reuse.forget()
        cold = tmp_path / "cold.pptx"
        render_deck(checked.plan, checked.theme, cold, build_time(), as_text=False)
        warm = tmp_path / "warm.pptx"
        render_deck(checked.plan, checked.theme, warm, build_time())
        render_deck(checked.plan, checked.theme, warm, build_time())
        _same(cold.read_bytes(), warm.read_bytes(), tmp_path)


def test_the_digest_of_written_slides_is_read_back(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest is made from the plan for slides written as text: the same digest as
    one read back from the deck (its snapshot reads every slide of a reopened deck)."""
    from aligndeck.edits.digest import make_digest

    answers = _counted(monkeypatch)
    checked = api.check(None, text=yaml.safe_dump(_odd_outline(), allow_unicode=True),
                        folder=tmp_path)
    path = tmp_path / "deck.pptx"
    reuse.forget()
    render_deck(checked.plan, checked.theme, path, build_time())
    assert sum(answers) >= len(ODD)
    reopened = Presentation(str(path))
    assert read_digest(reopened) == make_digest(reopened, checked.plan, checked.theme)


def test_a_written_slide_read_as_a_tree_saves_the_same(tmp_path: Path,
                                                       validate_pptx: Any) -> None:
    """A slide written as text is parsed only when something asks for its tree; asked,
    it saves as the same bytes, and the deck is a sound package."""
    checked = api.check(None, text=yaml.safe_dump(_odd_outline(), allow_unicode=True),
                        folder=tmp_path)
    reuse.forget()
    path = tmp_path / "deck.pptx"
    render_deck(checked.plan, checked.theme, path, build_time())
    validate_pptx(path)
    from aligndeck.render.slides import SlideAdder, WrittenSlidePart

    presentation = Presentation()
    adder = SlideAdder(presentation)
    layout = presentation.slide_layouts[1]
    adder.add_slide(layout)  # the first slide on a layout, and notes, as drawing makes them
    adder.add_notes_slide(presentation.slides[0])
    with zipfile.ZipFile(path) as deck:
        slide, notes = (deck.read(f"ppt/{name}3.xml") for name in ("slides/slide",
                                                                   "notesSlides/notesSlide"))
    adder.add_written(layout, slide, notes)
    part = presentation.part.related_part(presentation.slides._sldIdLst[1].rId)
    assert isinstance(part, WrittenSlidePart) and part.blob is slide
    assert next(shape.name for shape in part.slide.shapes) == "title"
    assert part.blob == slide and part.blob is not slide
    assert presentation.slides[1].notes_slide.part.blob == notes


def test_what_xml_cannot_hold_is_found() -> None:
    """A slide with a character XML cannot hold is left to python-pptx (which refuses it, as
    before): every character of the Basic Multilingual Plane and a few beyond are checked
    against the definition (XML 1.0's Char, less a raw carriage return)."""
    from aligndeck.render.slide_text import _encoded

    char = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in [*range(0x10000), 0x10000, 0x1F642, 0x10FFFF]:
        text = f"<a:t>x{chr(code)}y</a:t>"
        assert (_encoded(text) is None) == bool(char.search(text)), hex(code)
