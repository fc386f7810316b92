"""Hand edits through LibreOffice, which rewrites the whole package when it saves (new
master and layout parts, placeholders renamed, lengths rounded to 1/100 mm): a re-save is
not an edit; a text edited and saved is refused, pulled and rebuilt."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from edit_helpers import TALK, cli, shape, write_talk
from helpers import require_soffice

pytestmark = pytest.mark.render


def _resave(deck: Path, work: Path) -> None:
    """Open `deck` in LibreOffice and save it as .pptx again, in place."""
    soffice = require_soffice()
    out = work / "saved-by-libreoffice"
    out.mkdir(exist_ok=True)
    command = [soffice, "--headless", "--norestore",
               f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", "pptx", "--outdir", str(out), str(deck)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                            check=False)
    saved = out / deck.name
    assert saved.is_file(), f"LibreOffice saved nothing:\n{result.stdout}\n{result.stderr}"
    shutil.move(saved, deck)


def _edit_xml(deck: Path, member: str, old: str, new: str) -> None:
    """Change a text in one part of the package, the way a script or a diff tool would."""
    copy = deck.with_suffix(".tmp")
    with zipfile.ZipFile(deck) as package, zipfile.ZipFile(copy, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == member:
                assert data.count(old.encode()) == 1
                data = data.replace(old.encode(), new.encode())
            out.writestr(item, data, zipfile.ZIP_DEFLATED)
    copy.replace(deck)


OUTLINES = Path(__file__).parent / "outlines"


@pytest.mark.parametrize("name", ["talk", "flowcharts", "own-content", "data-slides"])
def test_a_deck_resaved_by_libreoffice_is_rebuilt_without_refusal(tmp_path: Path,
                                                                   name: str) -> None:
    if name == "talk":
        outline, deck = write_talk(tmp_path)
    else:  # tables, charts, pictures, turned connectors, links, code
        outline, deck = OUTLINES / f"{name}.yaml", tmp_path / f"{name}.pptx"
        assert cli("build", str(outline), "-o", str(deck)).exit_code == 0
    built = _parts(deck)
    _resave(deck, tmp_path)
    assert _parts(deck) != built
    diff = cli("diff", str(deck), str(outline))
    assert diff.stdout == f"{deck}: unchanged since aligndeck built it\n", diff.stdout
    result = cli("build", str(outline), "-o", str(deck))
    assert result.exit_code == 0, result.stderr
    assert _parts(deck) == built


def _parts(deck: Path) -> dict[str, bytes]:
    """The package's parts but the charts' embedded workbooks, which XlsxWriter stamps
    with the time it writes them."""
    with zipfile.ZipFile(deck) as package:
        return {name: package.read(name) for name in package.namelist()
                if not name.startswith("ppt/embeddings/")}


def test_a_text_edited_and_saved_by_libreoffice_is_refused_pulled_and_rebuilt(
        tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)
    _edit_xml(deck, "ppt/slides/slide3.xml", "Someone writes the outline first",
              "Someone drafts the outline")
    _resave(deck, tmp_path)
    edited = deck.read_bytes()

    refused = cli("build", str(outline), "-o", str(deck))
    assert refused.exit_code == 1
    assert ("slide 3: stages[0].summary: “Someone writes the outline first” → "
            "“Someone drafts the outline”") in refused.stderr
    assert deck.read_bytes() == edited

    pulled = cli("pull", str(deck))
    assert pulled.exit_code == 0, pulled.output
    assert "pulled 1 edit into" in pulled.stderr
    assert "not pulled" not in pulled.stderr
    assert outline.read_text(encoding="utf-8") == TALK.replace(
        "summary: Someone writes the outline first", "summary: Someone drafts the outline")

    rebuilt = cli("build", str(outline), "-o", str(deck))
    assert rebuilt.exit_code == 0, rebuilt.stderr
    presentation = Presentation(str(deck))
    assert shape(presentation, 3, "lead").text_frame.text == "Someone drafts the outline"
    assert shape(presentation, 2, "stage-1").text_frame.paragraphs[2].text == \
        "Someone drafts the outline"


def test_notes_edited_in_libreoffice_come_back(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)
    _edit_xml(deck, "ppt/notesSlides/notesSlide4.xml", "Literal notes keep their line.",
              "Literal notes, rewritten on the train.")
    _resave(deck, tmp_path)
    assert cli("build", str(outline), "-o", str(deck)).exit_code == 1
    assert cli("pull", str(deck)).exit_code == 0
    assert outline.read_text(encoding="utf-8") == TALK.replace(
        "Literal notes keep their line.", "Literal notes, rewritten on the train.")
    assert cli("build", str(outline), "-o", str(deck)).exit_code == 0
