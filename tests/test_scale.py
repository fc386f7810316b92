"""A long deck: 1200 slides build into a valid package, and caches never leak between builds.

Times are not asserted here (bench/ measures them); this checks what the speed-ups must
keep true: a valid package, every slide and notes slide present and numbered, and the
same bytes from a second build in the same process (watch mode).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from pptx import Presentation

from aligndeck.api import build

SLIDES = 1200


def long_outline(path: Path, slides: int) -> Path:
    intro = [{"title": f"Slide {i}: a content slide",
              "points": [f"Point {j} of slide {i}, twelve words long, give or take a few"
                         for j in range(1, 5)],
              "notes": f"Notes for slide {i}. " * 12} for i in range(slides - 5)]
    data = {
        "title": "A very long talk",
        "intro": intro,
        "stages": [{"name": "One stage", "summary": "Its summary"}],
        "comparison": {"prompt": "Why?", "responses": [{"label": "A", "text": "Because."},
                                                        {"label": "B", "text": "It helps."}]},
        "shortcomings": {"items": [{"title": "Length", "summary": "Long talks tire people"}]},
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_1200_slides_build_into_a_valid_package(tmp_path: Path,
                                               validate_pptx: Callable[[Path], None]) -> None:
    outline = long_outline(tmp_path / "long.yaml", SLIDES)
    out = tmp_path / "long.pptx"
    result = build(outline, out)
    assert result.slides == SLIDES
    validate_pptx(out)
    deck = Presentation(str(out))
    assert len(deck.slides) == SLIDES
    ids = [slide.slide_id for slide in deck.slides]
    assert len(set(ids)) == SLIDES
    index = SLIDES - 6  # the last intro slide: intro slide i is slide i + 2
    last = deck.slides[index + 1]
    assert last.shapes.title.text == f"Slide {index}: a content slide"
    assert last.notes_slide.notes_text_frame.text.startswith(f"Notes for slide {index}.")
    names = {part.partname for part in deck.part.package.iter_parts()}
    assert sum(str(n).startswith("/ppt/notesSlides/") for n in names) == SLIDES


def test_a_second_build_in_the_same_process_gives_the_same_bytes(tmp_path: Path) -> None:
    outline = long_outline(tmp_path / "long.yaml", 40)
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build(outline, first)
    build(None, tmp_path / "other.pptx")  # another deck in between, other layouts and text
    build(outline, second)
    assert first.read_bytes() == second.read_bytes()
