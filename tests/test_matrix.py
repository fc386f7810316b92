"""Every outline in every design: builds, keeps text at 10 pt or more, and draws no word
outside its shape (LibreOffice renders each design's decks in one run).

Outlines: eight long stage names (German), long text, mixed scripts (German compounds,
Japanese and Latin, Cyrillic, Korean, Chinese), one stage, Japanese, Hebrew, Arabic, Arabic
with signed figures and units, Thai.
Designs: the house theme at 16:9 and 4:3, dark, high contrast, a 4:3 template of our own
whose layouts set their title fonts, and the real templates in ../shared/templates (skipped
with a reason when that folder is absent, unless ALIGNDECK_REQUIRE_SHARED=1) and BSE's in
../shared-extra (or ALIGNDECK_SHARED_EXTRA; skipped without it).
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pyphen
import pytest
import yaml
from pptx import Presentation

from aligndeck.api import Design, build
from font_template import make_font_template
from helpers import (
    broken_words,
    convert_to_pdf,
    require_shared_templates,
    require_soffice,
    shapes_text,
)
from test_render import inside, text_boxes

pytestmark = pytest.mark.render

OUTLINES = Path(__file__).parent / "outlines"
MATRIX_OUTLINES = ("eight-long-stages", "two-stages-long", "mixed-scripts", "one-stage",
                   "japanese", "hebrew", "arabic", "vaccines", "thai", "arabic-figures")
REAL = {"kfjt": "kfjt-md2pptxJP_reference.pptx", "mecanon": "mecanon-ufrj_template.potx"}
EXTRA = {"bse": "bse-BSE_PPP_wide_Demo.pptx"}
"""Templates of a shared-extra folder beside the repository (not on CI: skipped without it):
BSE sets its titles on one small line between a logo and a rule."""
SHARED_EXTRA = Path(os.environ.get("ALIGNDECK_SHARED_EXTRA",
                                   Path(__file__).parents[2] / "shared-extra"))
DESIGNS = ("house", "4x3", "dark", "high-contrast", "fonts-4x3", *REAL, *EXTRA)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_PT = 12_700


@dataclass(frozen=True)
class Built:
    pptx: Path
    pdf: Path
    warnings: tuple[str, ...]


def _design(name: str, folder: Path) -> Design:
    if name == "4x3":
        return Design(aspect="4:3")
    if name in ("dark", "high-contrast"):
        return Design(theme=name)
    if name == "fonts-4x3":
        return Design(template=make_font_template(folder / "fonts-4x3.pptx"))
    if name in REAL:
        path = require_shared_templates() / REAL[name]
        assert path.is_file(), f"real template missing: {path}"
        return Design(template=path)
    if name in EXTRA:
        path = SHARED_EXTRA / EXTRA[name]
        if not path.is_file():
            pytest.skip(f"{EXTRA[name]} not found in {SHARED_EXTRA}")
        return Design(template=path)
    return Design()


_CACHE: dict[str, dict[str, Built]] = {}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("matrix")


def built(design: str, workspace: Path) -> dict[str, Built]:
    """The design's decks, one per outline, converted to PDF in one LibreOffice run."""
    if design not in _CACHE:
        soffice = require_soffice()
        folder = workspace / design
        folder.mkdir(exist_ok=True)  # a skipped real template left it behind
        chosen = _design(design, folder)
        decks, warnings = {}, {}
        for name in MATRIX_OUTLINES:
            out = folder / f"{name}.pptx"
            result = build(OUTLINES / f"{name}.yaml", out, design=chosen)
            decks[name] = out
            warnings[name] = tuple(str(w) for w in result.warnings)
        pdfs = convert_to_pdf(soffice, decks, folder / "pdf", folder / "profile")
        _CACHE[design] = {name: Built(decks[name], pdfs[name], warnings[name])
                          for name in MATRIX_OUTLINES}
    return _CACHE[design]


CASES = [pytest.param(d, o, id=f"{d}-{o}",
                      marks=[pytest.mark.shared] if d in REAL or d in EXTRA else [])
         for d in DESIGNS for o in MATRIX_OUTLINES]


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_builds_with_text_at_ten_points_or_more(design: str, outline: str, workspace: Path
                                                ) -> None:
    deck = built(design, workspace)[outline]
    sizes = [int(rpr.get("sz")) / 100 for slide in Presentation(str(deck.pptx)).slides
             for rpr in slide.element.iter(f"{A}rPr") if rpr.get("sz")]
    assert sizes and min(sizes) >= 10, f"text at {min(sizes)} pt"


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_no_word_outside_its_shape(design: str, outline: str, workspace: Path) -> None:
    deck = built(design, workspace)[outline]
    slides = list(Presentation(str(deck.pptx)).slides)
    stray = []
    with pdfplumber.open(deck.pdf) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            boxes = [box for _, box in text_boxes(slide.shapes)]
            stray += [f"slide {number}: {w['text']!r} at x {w['x0']:.0f}–{w['x1']:.0f}, "
                      f"y {w['top']:.0f}–{w['bottom']:.0f}"
                      for w in page.extract_words(use_text_flow=True)
                      if w["text"].strip(_ISOLATES)  # invisible: no advance, no ink
                      and not any(inside(w, box) for box in boxes)]
    assert not stray, "words outside every text shape:\n" + "\n".join(stray)


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_no_word_broken_in_the_middle(design: str, outline: str, workspace: Path) -> None:
    deck = built(design, workspace)[outline]
    slides = list(Presentation(str(deck.pptx)).slides)
    broken = []
    with pdfplumber.open(deck.pdf) as pdf:
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            broken += [f"slide {number}: {b}" for b in broken_words(
                page.extract_words(use_text_flow=True), list(text_boxes(slide.shapes)),
                shapes_text(slide.shapes))]
    assert not broken, "words split across two lines:\n" + "\n".join(broken)


_WORD = re.compile(r"[^\s\u2066-\u2069]+")
#: Bidi isolates: LibreOffice draws them with no advance, but pdfplumber gives each the
#: width of a space, so one at a right-to-left line's end seems to stand past the box.
_ISOLATES = "\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(("design", "outline"), CASES)
def test_every_hyphen_the_deck_adds_is_a_legal_one(design: str, outline: str, workspace: Path
                                                   ) -> None:
    """A word the outline does not have, but has without its hyphens, was hyphenated by the
    deck: each of those hyphens must be at a break of the language's dictionary (pyphen's),
    never a bare cut."""
    deck = built(design, workspace)[outline]
    source = (OUTLINES / f"{outline}.yaml").read_text(encoding="utf-8")
    language = yaml.safe_load(source).get("language", "en-US")
    words = {w.strip(_PUNCTUATION) for w in _WORD.findall(source)}
    found = pyphen.language_fallback(language.replace("-", "_"))
    dictionary = pyphen.Pyphen(lang=found) if found else None
    illegal, hyphenated = [], []
    for slide in Presentation(str(deck.pptx)).slides:
        # A hyphen the deck adds is followed by a line break ("Instruktions-\v…"): the
        # word is read across it.
        text = shapes_text(slide.shapes).replace("-\v", "-")
        for word in (w.strip(_PUNCTUATION) for w in _WORD.findall(text)):
            whole = word.replace("-", "")
            if "-" not in word or word in words or whole not in words:
                continue
            legal = set(dictionary.positions(whole)) if dictionary else set()
            cuts = [len(part) for part in itertools.accumulate(word.split("-")[:-1])]
            hyphenated.append(word)
            if not set(cuts) <= legal:
                illegal.append(word)
    assert not illegal, f"hyphens at no dictionary break: {illegal}"
    if (design, outline) in HYPHENATED:
        assert hyphenated, "the 37-letter German compound was expected hyphenated here"


HYPHENATED = {("house", "eight-long-stages"), ("4x3", "eight-long-stages")}
"""Decks known to hyphenate a word, so the check above is seen to check something."""


_PUNCTUATION = ".,;:!?()[]{}«»“”„\"'’‘—–·"
