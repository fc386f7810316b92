"""Export through LibreOffice and poppler: a deck to PDF, a PDF to one PNG per page."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from aligndeck.errors import BuildError

SOFFICE_HINT = "install it with `apt-get install libreoffice-impress`"
POPPLER_HINT = "install it with `apt-get install poppler-utils`"
DEFAULT_TIMEOUT = 300.0
"""Seconds LibreOffice gets for one deck: a cold start with a new profile takes ~5 s here."""

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def find_tool(name: str, hint: str, purpose: str) -> str:
    """The path of an external program on PATH; BuildError (one line, with the install
    hint) when it is missing."""
    found = shutil.which(name)
    if found is None:
        raise BuildError(f"{purpose} needs `{name}`, which is not on PATH; {hint}")
    return found


def slide_count(pptx: Path) -> int:
    """The number of slides in a .pptx: the entries of presentation.xml's slide list."""
    try:
        with zipfile.ZipFile(pptx) as package:
            root = ElementTree.fromstring(package.read("ppt/presentation.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise BuildError(f"{pptx}: not a readable PowerPoint deck ({exc})") from None
    listed = root.find(f"{_P}sldIdLst")
    return 0 if listed is None else len(listed.findall(f"{_P}sldId"))


def to_pdf(pptx: Path, pdf_path: Path, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Convert `pptx` to `pdf_path` with LibreOffice; returns the page count.

    LibreOffice runs headless with a new profile folder of its own, so parallel runs (and a
    LibreOffice the user has open) do not block each other. It exits 0 even when it fails,
    so the PDF must exist and have one page per slide, or BuildError is raised. The PDF is
    made in a temporary folder beside `pdf_path` and moved into place only when checked, so
    a failure leaves any previous PDF untouched. Raises BuildError when soffice is missing,
    when it takes longer than `timeout` seconds, or when the PDF cannot be written.
    """
    soffice = find_tool("soffice", SOFFICE_HINT, "PDF export")
    find_tool("pdfinfo", POPPLER_HINT, "Checking the PDF")  # fail before the slow part
    slides = slide_count(pptx)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="aligndeck-lo-profile-"))
    try:
        work = Path(tempfile.mkdtemp(prefix=".aligndeck-pdf-", dir=pdf_path.parent))
    except OSError as exc:
        shutil.rmtree(profile, ignore_errors=True)
        raise BuildError(f"{pdf_path}: cannot write here ({exc.strerror or exc})") from None
    try:
        command = [soffice, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(work), str(pptx.resolve())]
        output = _run(command, timeout, "LibreOffice")
        made = work / f"{pptx.stem}.pdf"
        if not made.is_file():
            detail = f": {_one_line(output)}" if output.strip() else ""
            raise BuildError(f"LibreOffice made no PDF of {pptx}{detail}")
        pages = page_count(made)
        if pages != slides:
            raise BuildError(f"LibreOffice made a PDF of {pages} pages from {pptx}, "
                             f"which has {slides} slides")
        try:
            os.replace(made, pdf_path)
        except OSError as exc:
            raise BuildError(f"{pdf_path}: cannot write the PDF ({exc.strerror or exc}); "
                             "is it open in another program?") from None
        return pages
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def page_count(pdf: Path) -> int:
    """The number of pages of a PDF, as poppler's `pdfinfo` reads it; BuildError when
    pdfinfo is missing or cannot read the file."""
    pdfinfo = find_tool("pdfinfo", POPPLER_HINT, "Checking the PDF")
    output = _run([pdfinfo, str(pdf)], 60, "pdfinfo", check=True)
    for line in output.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Pages" and value.strip().isdigit():
            return int(value)
    raise BuildError(f"{pdf}: pdfinfo reports no page count")


def to_pngs(pdf: Path, folder: Path, dpi: int,
            on_page: Callable[[int], None] | None = None) -> list[Path]:
    """Rasterize every page of `pdf` into `folder` as slide-01.png, slide-02.png, … at `dpi`
    dots per inch, with poppler's pdftoppm; returns the files in page order.

    `on_page(n)` is called as the n-th page appears, for a progress bar. Older slide-*.png
    files in `folder` beyond the page count are removed, so the folder shows this deck
    only. Raises BuildError when pdftoppm is missing or fails.
    """
    pdftoppm = find_tool("pdftoppm", POPPLER_HINT, "Rasterizing the PDF")
    try:
        return _rasterize(pdftoppm, pdf, folder, dpi, on_page)
    except OSError as exc:
        raise BuildError(f"{folder}: cannot write the images here "
                         f"({exc.strerror or exc})") from None


def _rasterize(pdftoppm: str, pdf: Path, folder: Path, dpi: int,
               on_page: Callable[[int], None] | None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".aligndeck-png-", dir=folder) as tmp:
        work = Path(tmp)
        command = [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(work / "page")]
        _run(command, DEFAULT_TIMEOUT, "pdftoppm", check=True,
             poll=None if on_page is None else lambda: on_page(len(list(work.glob("*.png")))))
        # pdftoppm pads page numbers to the width of the last one: page-1.png or page-01.png.
        made = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
        if not made:
            raise BuildError(f"pdftoppm made no image of {pdf}")
        width = max(2, len(str(len(made))))
        pages = []
        for number, image in enumerate(made, 1):
            target = folder / f"slide-{number:0{width}d}.png"
            os.replace(image, target)
            pages.append(target)
    for stale in folder.glob("slide-*.png"):
        if stale not in pages and stale.stem.removeprefix("slide-").isdigit():
            stale.unlink()
    return pages


def _run(command: list[str], timeout: float, what: str, *, check: bool = False,
         poll: Callable[[], None] | None = None) -> str:
    """Run a program in its own process group; returns its output (stdout and stderr).

    On timeout the whole group is killed (soffice is a launcher that starts soffice.bin)
    and BuildError is raised; with `check`, so is a non-zero exit. `poll` is called about
    ten times a second while it runs.
    """
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, errors="replace",
                          start_new_session=True) as process:
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    output, _ = process.communicate(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    if poll is not None:
                        poll()
                    if time.monotonic() > deadline:
                        raise BuildError(f"{what} took longer than {timeout:g} s; "
                                         "gave up") from None
        except BaseException:  # timed out, or interrupted (Ctrl-C): leave nothing running
            _kill_group(process)
            raise
    if poll is not None:
        poll()
    if check and process.returncode != 0:
        raise BuildError(f"{what} failed (exit {process.returncode}): {_one_line(output)}")
    return output


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _kill_group(process: subprocess.Popen[str]) -> None:
    if sys.platform == "win32":
        process.kill()
    else:
        with contextlib.suppress(ProcessLookupError):  # it ended by itself meanwhile
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()
