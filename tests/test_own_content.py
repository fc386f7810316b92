"""An outline using every addition: formatting and links survive python-pptx and LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.api import build
from helpers import require_soffice

OUTLINE = Path(__file__).parent / "outlines" / "own-content.yaml"
LINKS = {"https://arxiv.org/abs/2203.02155", "https://arxiv.org/abs/2212.08073",
         "mailto:team@example.org"}


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("own") / "own.pptx"
    build(OUTLINE, out)
    return out


def runs(presentation: Any) -> list[Any]:
    found = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [r for p in shape.text_frame.paragraphs for r in p.runs]
    return found


def test_formatting_becomes_runs(deck: Path) -> None:
    everything = runs(Presentation(str(deck)))
    bold = {r.text for r in everything if r.font.bold}
    italic = {r.text for r in everything if r.font.italic}
    code = {r.text for r in everything if r.font.name == "Consolas"}
    assert {"more questions", "request", "alignment"} <= bold
    assert {"most plausible", "aligned", "answering"} <= italic
    assert {"helpful", "reward model", "aligndeck"} <= code
    texts = "".join(r.text for r in everything)
    assert "**" not in texts and "`" not in texts, "no formatting marks reach the slides"
    assert "Agreeing earns ratings * even when wrong" in texts, "an escaped asterisk stays"


def test_links_are_real_hyperlinks(deck: Path) -> None:
    linked = {r.hyperlink.address: r.text for r in runs(Presentation(str(deck)))
              if r.hyperlink.address}
    assert set(linked) == LINKS
    assert linked["https://arxiv.org/abs/2212.08073"] == "Constitutional AI"


def test_every_picture_has_alt_text_and_no_local_path(deck: Path) -> None:
    presentation = Presentation(str(deck))
    pictures = [s for slide in presentation.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) >= 2
    for picture in pictures:
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr and "/" not in descr and ".png" not in descr
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in presentation.slides)
    assert ".png" not in notes and "assets/" not in notes


def test_slide_titles_are_plain_text(deck: Path) -> None:
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert titles[0] == "Alignment, in practice"


@pytest.mark.render
def test_links_and_words_survive_libreoffice(deck: Path, tmp_path: Path) -> None:
    soffice = require_soffice()
    profile = tmp_path / "profile"
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], capture_output=True, timeout=300,
                   check=False)
    pdf = tmp_path / "own.pdf"
    assert pdf.is_file()
    with pdfplumber.open(pdf) as document:
        uris = {link.get("uri") for page in document.pages for link in page.hyperlinks}
        text = " ".join(page.extract_text() or "" for page in document.pages)
    assert uris >= LINKS
    assert "Constitutional AI" in text and "**" not in text
