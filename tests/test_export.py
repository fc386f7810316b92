"""PDF and PNG export through LibreOffice: `build --pdf`, `preview`, and export.py itself.

LibreOffice takes seconds per deck, so one module fixture builds with --pdf and previews
once, and the tests read what those runs left behind.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pptx import Presentation

from aligndeck import export
from aligndeck.api import build
from aligndeck.cli import main
from aligndeck.contact_sheet import COLUMNS, LABEL, PAD, THUMB_WIDTH, make_contact_sheet
from aligndeck.errors import BuildError
from helpers import DEFAULT_OUTLINE, require_soffice

pytestmark = pytest.mark.render

SOFFICE_HINT = "apt-get install libreoffice-impress"


@dataclass(frozen=True)
class Exported:
    folder: Path
    deck: Path
    pdf: Path
    slides: int
    build: Result
    preview: Path
    previewed: Result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """`build --pdf` and `preview` of the default outline, run once for the module."""
    require_soffice()
    folder = tmp_path_factory.mktemp("export")
    deck = folder / "talk.pptx"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(DEFAULT_OUTLINE), "-o", str(deck), "--pdf"])
    assert built.exit_code == 0, built.output
    previewed = runner.invoke(main, ["preview", str(DEFAULT_OUTLINE), "-o",
                                     str(folder / "preview"), "--dpi", "48"])
    assert previewed.exit_code == 0, previewed.output
    slides = len(Presentation(str(deck)).slides)
    return Exported(folder, deck, folder / "talk.pdf", slides, built, folder / "preview",
                    previewed)


def empty_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH finds no program at all."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    return {"PATH": str(empty)}


# ---- build --pdf -------------------------------------------------------------------------------

def test_pdf_has_one_page_per_slide(exported: Exported) -> None:
    with pdfplumber.open(exported.pdf) as pdf:
        assert len(pdf.pages) == exported.slides > 10
        first = pdf.pages[0]
        assert first.width / first.height == pytest.approx(16 / 9, rel=0.01)
    lines = exported.build.stdout.splitlines()
    assert lines[0].startswith(f"wrote {exported.deck}: {exported.slides} slides")
    assert lines[1].startswith(f"wrote {exported.pdf}: {exported.slides} pages in ")
    assert sorted(p.name for p in exported.folder.iterdir()) == [
        "preview", "talk.pdf", "talk.pptx"], "no temporary folder is left behind"


def test_pdf_without_soffice_is_one_line_and_keeps_the_deck(tmp_path: Path) -> None:
    deck = tmp_path / "talk.pptx"
    result = CliRunner().invoke(main, ["build", str(DEFAULT_OUTLINE), "-o", str(deck), "--pdf"],
                                env=empty_path(tmp_path))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: PDF export needs `soffice`")
    assert SOFFICE_HINT in result.stderr
    assert result.stdout.startswith(f"wrote {deck}: ")
    assert len(Presentation(str(deck)).slides) > 10
    assert not deck.with_suffix(".pdf").exists()


def test_parallel_conversions_do_not_block_each_other(exported: Exported, tmp_path: Path
                                                      ) -> None:
    pages: dict[int, int] = {}

    def convert(index: int) -> None:
        pages[index] = export.to_pdf(exported.deck, tmp_path / f"copy-{index}.pdf", timeout=120)

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert pages == {0: exported.slides, 1: exported.slides}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy-0.pdf", "copy-1.pdf"]


def test_a_timeout_is_an_error_and_keeps_the_old_pdf(exported: Exported, tmp_path: Path
                                                     ) -> None:
    pdf = tmp_path / "talk.pdf"
    pdf.write_bytes(b"the previous PDF")
    with pytest.raises(BuildError, match=r"^LibreOffice took longer than 0.05 s; gave up$"):
        export.to_pdf(exported.deck, pdf, timeout=0.05)
    assert pdf.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["talk.pdf"]


def test_a_file_that_is_no_deck_is_refused_before_libreoffice(tmp_path: Path) -> None:
    require_soffice()
    fake = tmp_path / "fake.pptx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(BuildError, match="not a readable PowerPoint deck"):
        export.to_pdf(fake, tmp_path / "fake.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["fake.pptx"]


def test_slide_count_reads_the_slide_list(tmp_path: Path) -> None:
    deck = tmp_path / "talk.pptx"
    result = build(DEFAULT_OUTLINE, deck)
    assert export.slide_count(deck) == result.slides == len(Presentation(str(deck)).slides)


# ---- preview -----------------------------------------------------------------------------------

def test_preview_writes_a_png_per_slide_and_a_contact_sheet(exported: Exported) -> None:
    names = sorted(p.name for p in exported.preview.iterdir())
    slides = [f"slide-{n:02d}.png" for n in range(1, exported.slides + 1)]
    assert names == sorted([*slides, "contact-sheet.png"])
    with Image.open(exported.preview / "slide-01.png") as first:
        page = first.size
    assert page[0] / page[1] == pytest.approx(16 / 9, rel=0.01)
    assert page[0] == pytest.approx(13.333 * 48, abs=2), "rendered at --dpi 48"
    thumb_height = round(page[1] * THUMB_WIDTH / page[0])
    rows = -(-exported.slides // COLUMNS)
    with Image.open(exported.preview / "contact-sheet.png") as sheet:
        assert sheet.size == (COLUMNS * (THUMB_WIDTH + PAD) + PAD,
                              rows * (thumb_height + LABEL + PAD) + PAD)
    summary = exported.previewed.stdout
    assert summary.startswith(f"wrote {exported.preview}: {exported.slides} slides as "
                              f"slide-01.png … slide-{exported.slides:02d}.png, and "
                              "contact-sheet.png")
    assert exported.previewed.stderr.startswith("previewing "), "the progress bar's label"


def test_the_contact_sheet_shows_the_slides(exported: Exported) -> None:
    """The first thumbnail is the title slide itself, not blank: it differs from the sheet's
    background and has the slide's own pixels."""
    with Image.open(exported.preview / "contact-sheet.png") as sheet:
        corner = sheet.getpixel((2, 2))
        thumb = sheet.crop((PAD, PAD + LABEL, PAD + THUMB_WIDTH, PAD + LABEL + 100))
        colours = thumb.getcolors(maxcolors=100_000)
    assert colours is not None and len(colours) > 10
    assert corner == (0xE5, 0xE7, 0xEB)


def test_to_pngs_removes_images_of_a_longer_earlier_deck(exported: Exported, tmp_path: Path
                                                         ) -> None:
    stale = tmp_path / f"slide-{exported.slides + 3:02d}.png"
    stale.write_bytes(b"an old slide")
    other = tmp_path / "slide-notes.png"
    other.write_text("not a slide image: kept", encoding="utf-8")
    seen: list[int] = []
    pages = export.to_pngs(exported.pdf, tmp_path, 20, seen.append)
    assert [p.name for p in pages] == [f"slide-{n:02d}.png"
                                       for n in range(1, exported.slides + 1)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(p.name for p in pages), "slide-notes.png"])
    assert seen[-1] == exported.slides and seen == sorted(seen)


def test_to_pngs_into_a_folder_it_cannot_make_is_an_error(exported: Exported, tmp_path: Path
                                                          ) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    with pytest.raises(BuildError, match=r"a-file/shots: cannot write the images here"):
        export.to_pngs(exported.pdf, blocker / "shots", 20)


def test_preview_without_soffice_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    result = CliRunner().invoke(main, ["preview", str(DEFAULT_OUTLINE), "-o", str(folder)],
                                env=empty_path(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: PDF export needs `soffice`, which is not on PATH; install it "
                      f"with `{SOFFICE_HINT}`"]
    assert not folder.exists() or not any(folder.iterdir())


def test_contact_sheet_grid_for_any_count(tmp_path: Path) -> None:
    page = tmp_path / "page.png"
    Image.new("RGB", (160, 90), "white").save(page)
    for count, columns, rows in [(1, 1, 1), (3, 3, 1), (4, 3, 2), (7, 3, 3)]:
        out = tmp_path / f"sheet-{count}.png"
        size = make_contact_sheet([page] * count, out)
        with Image.open(out) as sheet:
            assert sheet.size == size == (columns * (THUMB_WIDTH + PAD) + PAD,
                                          rows * (270 + LABEL + PAD) + PAD)
    with pytest.raises(ValueError, match="at least one page"):
        make_contact_sheet([], tmp_path / "none.png")
