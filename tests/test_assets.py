"""Images and the logo: paths kept inside the project, files checked whole, located errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aligndeck.assets import MAX_PIXELS
from aligndeck.cli import main

OUTLINE = """\
title: Pictures
logo: {logo}
intro:
  - title: A picture
    image: {image}
    alt: A blue square on white
stages:
  - {{name: A, summary: a}}
comparison: {{prompt: p, responses: [{{label: a, text: b}}, {{label: c, text: d}}]}}
shortcomings: {{items: [{{title: t, summary: s}}]}}
"""


def picture(path: Path, size: tuple[int, int] = (800, 600), kind: str = "PNG",
            mode: str = "RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, "#1A5FB4" if mode == "RGB" else 1).save(path, kind)
    return path


def project(tmp_path: Path, image: str = "assets/square.png", logo: str = "assets/logo.png"
            ) -> Path:
    folder = tmp_path / "talk"
    picture(folder / "assets" / "square.png")
    picture(folder / "assets" / "logo.png", (300, 100))
    (folder / "deck.yaml").write_text(OUTLINE.format(image=image, logo=logo), "utf-8")
    return folder


def build(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(folder / "deck.yaml"), *args])
    return result.exit_code, result.stderr


def test_images_and_logo_land_in_the_deck_with_alt_text(tmp_path: Path) -> None:
    folder = project(tmp_path)
    code, err = build(folder)
    assert code == 0, err
    deck = Presentation(str(folder / "deck.pptx"))
    pictures = [(i, s) for i, slide in enumerate(deck.slides, 1) for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    names = {s.name for _, s in pictures}
    assert names == {"image", "logo"}
    image = next(s for _, s in pictures if s.name == "image")
    descr = image._element.nvPicPr.cNvPr.get("descr")
    assert descr == "A blue square on white"
    assert abs(image.width / image.height - 800 / 600) < 0.01, "the aspect ratio is kept"
    logos = [i for i, s in pictures if s.name == "logo"]
    assert logos == list(range(1, len(deck.slides) + 1)), "the logo is on every slide"
    for _, shape in pictures:
        assert str(tmp_path) not in (shape._element.nvPicPr.cNvPr.get("descr") or "")
    for slide in deck.slides:
        assert str(tmp_path) not in slide.notes_slide.notes_text_frame.text


ESCAPES = [
    pytest.param("/etc/hosts", "is an absolute path", id="absolute"),
    pytest.param("../outside.png", "leads outside the outline's folder", id="dot-dot"),
    pytest.param("assets/../../outside.png", "leads outside the outline's folder",
                 id="dot-dot-nested"),
]


@pytest.mark.parametrize(("written", "message"), ESCAPES)
def test_paths_that_leave_the_project_are_located_errors(tmp_path: Path, written: str,
                                                         message: str) -> None:
    folder = project(tmp_path, image=written)
    picture(tmp_path / "outside.png")
    old = b"old deck"
    (folder / "deck.pptx").write_bytes(old)
    code, err = build(folder)
    assert code == 1
    assert re.search(rf"deck\.yaml:5:12: error: intro\[0\]\.image: '{re.escape(written)}' "
                     rf"{message}", err), err
    assert "Traceback" not in err
    assert (folder / "deck.pptx").read_bytes() == old


def test_a_symlink_leading_outside_is_refused_unless_allowed(tmp_path: Path) -> None:
    folder = project(tmp_path, image="assets/link.png")
    target = picture(tmp_path / "elsewhere" / "real.png")
    os.symlink(target, folder / "assets" / "link.png")
    code, err = build(folder)
    assert code == 1
    assert "leads outside the outline's folder through a symbolic link" in err
    code, err = build(folder, "--allow-outside-assets")
    assert code == 0, err


def test_allow_outside_assets_accepts_an_absolute_path(tmp_path: Path) -> None:
    outside = picture(tmp_path / "elsewhere" / "pic.png")
    folder = project(tmp_path, image=str(outside))
    assert build(folder)[0] == 1
    code, err = build(folder, "--allow-outside-assets")
    assert code == 0, err


def broken(folder: Path, kind: str) -> str:
    path = folder / "assets" / f"bad-{kind}.png"
    if kind == "missing":
        return "assets/bad-missing.png"
    if kind == "text":
        path.write_text("not a picture")
    elif kind == "truncated":
        picture(path, (400, 400))
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "huge":
        Image.new("1", (8000, MAX_PIXELS // 8000 + 10)).save(path, "PNG")
    elif kind == "svg":
        path = path.with_suffix(".svg")
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
        return "assets/bad-svg.svg"
    elif kind == "bmp":
        Image.new("RGB", (10, 10)).save(path, "BMP")
    elif kind == "folder":
        path.mkdir()
    return f"assets/bad-{kind}.png"


@pytest.mark.parametrize(("kind", "message"), [
    ("missing", "no such file"),
    ("text", "not an image Pillow can read"),
    ("truncated", "the image is damaged or incomplete"),
    ("huge", "is over 50 megapixels"),
    ("svg", "SVG images are not supported; export it as a PNG"),
    ("bmp", "a BMP image; use PNG, JPEG or GIF"),
    ("folder", "the image is a folder, not a regular file"),
])
def test_broken_images_are_located_errors_and_nothing_is_written(
    tmp_path: Path, kind: str, message: str
) -> None:
    folder = project(tmp_path)
    written = broken(folder, kind)
    (folder / "deck.yaml").write_text(OUTLINE.format(image=written, logo="assets/logo.png"))
    code, err = build(folder)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"{folder / 'deck.yaml'}:5:12: error: intro[0].image: ")
    assert message in first, first
    assert not (folder / "deck.pptx").exists()
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []


def test_a_broken_logo_is_located_at_the_logo(tmp_path: Path) -> None:
    folder = project(tmp_path, logo="assets/nope.png")
    code, err = build(folder)
    assert code == 1
    assert f"{folder / 'deck.yaml'}:2:7: error: logo: 'assets/nope.png': no such file" in err


def test_gif_and_jpeg_work(tmp_path: Path) -> None:
    folder = project(tmp_path, image="assets/pic.gif", logo="assets/logo.jpg")
    picture(folder / "assets" / "pic.gif", kind="GIF")
    picture(folder / "assets" / "logo.jpg", (200, 80), kind="JPEG")
    code, err = build(folder)
    assert code == 0, err


def test_a_small_image_is_shown_at_twice_its_size_with_a_warning(tmp_path: Path) -> None:
    folder = project(tmp_path, image="assets/tiny.png")
    picture(folder / "assets" / "tiny.png", (120, 90))
    code, err = build(folder)
    assert code == 0
    assert "intro[0].image: the image is small (120 x 90 px)" in err
    deck = Presentation(str(folder / "deck.pptx"))
    image = next(s for s in deck.slides[1].shapes if s.name == "image")
    assert image.width == 2 * 120 * 914400 // 96


@pytest.mark.parametrize(("slide", "message"), [
    ("{title: x, image: a.png}", "an image needs 'alt'"),
    ("{title: x, image: a.png, alt: y, points: [p]}",
     "a slide is one kind: it has both 'points' and 'image'"),
    ("{title: x, quote: q, columns: [{heading: a}, {heading: b}]}",
     "a slide is one kind: it has both 'quote' and 'columns'"),
    ("{title: x, points: [p], by: me}", "'by' goes with 'quote'"),
    ("{title: x, quote: q, alt: y}", "'alt' goes with 'image'"),
])
def test_slide_kinds_do_not_mix(tmp_path: Path, slide: str, message: str) -> None:
    folder = project(tmp_path)
    text = OUTLINE.format(image="assets/square.png", logo="assets/logo.png")
    (folder / "deck.yaml").write_text(text + f"extra:\n  - {slide}\n", "utf-8")
    code, err = build(folder)
    assert code == 1
    assert "extra[0]: " + message in err, err
