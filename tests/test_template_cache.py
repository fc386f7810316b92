"""Templates read once per process (issue 24): what is learnt from a template file is kept by
its content (render/template_cache.py), so `serve` and `watch` do not learn it again on every
save. A changed file is learnt again, and a build from what was kept is the cold build."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck import api
from aligndeck.errors import BuildError
from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.model import Rect
from aligndeck.render import template_cache
from aligndeck.render.template import load_template
from aligndeck.render.template_cache import Template
from made_templates import DESIGNED, MADE, write_all

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("templates"), {**MADE, **DESIGNED})


def test_reading_the_same_template_again_learns_nothing_new(made: dict[str, Path],
                                                            tmp_path: Path) -> None:
    template_cache.forget_all()
    first = load_template(made["designed.pptx"])
    again = load_template(made["designed.pptx"])
    assert again.learnt is first.learnt
    assert again.theme is first.theme
    assert again.presentation is not first.presentation  # each build gets its own
    # The same bytes under another name: the theme is named after the file.
    other = tmp_path / "renamed.pptx"
    shutil.copy(made["designed.pptx"], other)
    renamed = load_template(other)
    assert renamed.learnt is not first.learnt
    assert renamed.theme.name == "template renamed.pptx"
    assert renamed.theme.frames == first.theme.frames


def _rewrite(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts[part] = parts[part].replace(old, new, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return out.getvalue()


# (edit to the file's bytes, what the template read afterwards must show, learnt again?)
EDITS: list[tuple[Callable[[bytes], bytes], Callable[[Template], bool], bool]] = [
    (lambda data: _rewrite(data, "ppt/theme/theme1.xml", b'<a:srgbClr val="4F81BD"/>',
                           b'<a:srgbClr val="B0305A"/>'),
     lambda t: t.theme.palette.accent1 == "B0305A", True),
    (lambda data: _rewrite(data, "ppt/slideLayouts/slideLayout6.xml", b'name="Title Only"',
                           b'name="Nur Titel"'),
     lambda t: t.choices["diagram"].name == "Nur Titel", True),
    (lambda data: data, lambda t: t.theme.palette.accent1 == "4F81BD", False),  # saved again
]


@pytest.mark.parametrize(("edit", "shows", "learnt_again"), EDITS,
                         ids=["recoloured", "layout renamed", "saved unchanged"])
def test_a_changed_template_is_learnt_again(tmp_path: Path, edit: Callable[[bytes], bytes],
                                            shows: Callable[[Template], bool],
                                            learnt_again: bool) -> None:
    from pptx import Presentation

    path = tmp_path / "template.pptx"
    Presentation().save(str(path))
    template_cache.forget_all()
    first = load_template(path)
    path.write_bytes(edit(path.read_bytes()))
    again = load_template(path)
    assert (again.learnt is not first.learnt) == learnt_again
    assert shows(again)
    assert not shows(first) or not learnt_again


def test_a_limit_lowered_after_a_read_still_refuses(made: dict[str, Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    template_cache.forget_all()
    load_template(made["brand.potx"])
    monkeypatch.setenv("ALIGNDECK_MAX_TEMPLATE_ENTRIES", "3")
    with pytest.raises(BuildError, match="not a usable template"):
        load_template(made["brand.potx"])


def test_only_the_last_few_templates_are_kept(made: dict[str, Path], tmp_path: Path) -> None:
    template_cache.forget_all()
    copies = []
    for number in range(template_cache.KEEP + 1):
        copies.append(tmp_path / f"t{number}.pptx")
        shutil.copy(made["wide-old.pptx"], copies[-1])
        load_template(copies[-1])
    first = load_template(copies[-1])
    assert load_template(copies[-1]).learnt is first.learnt
    oldest = load_template(copies[0])  # forgotten: learnt again
    assert load_template(copies[0]).learnt is oldest.learnt


@pytest.mark.parametrize("name", sorted({**MADE, **DESIGNED}))
def test_a_build_from_the_kept_template_is_the_cold_build(made: dict[str, Path],
                                                          tmp_path: Path, name: str) -> None:
    outline = tmp_path / "deck.yaml"
    shutil.copy(ROOT / "deck.yaml", outline)
    design = api.Design(template=made[name])
    template_cache.forget_all()
    api.build(outline, tmp_path / "cold.pptx", design=design)
    # What serve does between saves: check and draw, from the kept template.
    from aligndeck.serve.live import draw

    assert draw(outline, "deck.yaml", design).deck is not None
    api.build(outline, tmp_path / "kept.pptx", design=design)
    assert (tmp_path / "kept.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()


# ---- the colours under a box, looked up on a kept backdrop ------------------------------

def _reference_under(backdrop: Backdrop, rect: Rect) -> tuple[str, ...]:
    """Cell by cell, as the lookup was first written."""
    def cells(start: int, end: int, count: int, size: int) -> range:
        first = max(0, -(-(2 * start * count - size) // (2 * size)))
        last = min(count - 1, (2 * end * count - size) // (2 * size))
        if last < first:
            middle = min(count - 1, max(0, (start + end) // 2 * count // size))
            return range(middle, middle + 1)
        return range(first, last + 1)

    seen: dict[str, None] = {}
    for r in cells(rect.y, rect.bottom, backdrop.rows, backdrop.height):
        for c in cells(rect.x, rect.right, backdrop.columns, backdrop.width):
            i = (r * backdrop.columns + c) * 3
            seen.setdefault(backdrop.pixels[i:i + 3].hex().upper())
    return tuple(seen)


_NOISE = random.Random(24)
SPECKLED = Backdrop(1920, 1080, 16, 9, bytes(_NOISE.choice((0, 0x80, 0xFF))
                                             for _ in range(16 * 9 * 3)))


@settings(max_examples=200, deadline=None)
@given(st.integers(-100, 2000), st.integers(-100, 1100), st.integers(1, 2100),
       st.integers(1, 1200))
def test_colours_under_are_those_of_each_cell_in_order(x: int, y: int, w: int,
                                                       h: int) -> None:
    rect = Rect(x, y, w, h)
    expected = _reference_under(SPECKLED, rect)
    assert SPECKLED.colours_under(rect) == expected
    assert SPECKLED.colours_under(rect) == expected  # asked again: from what was kept


def test_what_a_renderer_works_out_from_a_template_is_kept_with_it(tmp_path: Path) -> None:
    from pptx import Presentation

    path = tmp_path / "template.pptx"
    Presentation().save(str(path))
    template_cache.forget_all()
    made: list[str] = []

    def drawing(template: Template, layout: str) -> str:
        return template.kept(("drawing", layout), lambda: made.append(layout) or
                             f"{layout} of {template.theme.palette.accent1}")

    first = load_template(path)
    assert drawing(first, "cover") == "cover of 4F81BD"
    assert drawing(load_template(path), "cover") == "cover of 4F81BD"  # read again: kept
    assert drawing(load_template(path), "content") == "content of 4F81BD"
    assert made == ["cover", "content"]
    path.write_bytes(EDITS[0][0](path.read_bytes()))  # recoloured: worked out afresh
    assert drawing(load_template(path), "cover") == "cover of B0305A"
    assert made == ["cover", "content", "cover"]
