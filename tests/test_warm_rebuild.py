"""Warm rebuilds (issue 24): a build in a process that has built before (`watch`, `serve`)
saves unchanged slides from the bytes the last build saved (render/reuse.py). The deck
must be byte-identical to a cold build of the same outline, whatever the edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck import api
from aligndeck.render import reuse

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = Path(__file__).parent / "outlines"

# (outline, design, text to change, its replacement, slides expected to be redrawn at most)
EDITS: list[tuple[str, api.Design, str, str, int]] = [
    ("deck.yaml", api.Design(), "A base model predicts text", "A base model predicts words", 1),
    ("deck.yaml", api.Design(), "How a next-token predictor became an assistant",
     "How a next-token predictor turned into an assistant", 1),
    ("deck.yaml", api.Design(), "Predicting is not helping",
     "Predicting is not helping at all, not even a little", 1),
    ("deck.yaml", api.Design(theme="dark", reveal=True), "A base model predicts text",
     "A base model predicts words", 1),
    ("deck.yaml", api.Design(aspect="4:3"), "A base model predicts text",
     "A base model predicts words", 1),
    ("own-content.yaml", api.Design(), "Constitutional AI", "Constitutional AI (CAI)", 1),
]


def copy_outline(name: str, folder: Path) -> Path:
    if name == "deck.yaml":
        shutil.copy(ROOT / name, folder / name)
    else:
        shutil.copytree(OUTLINES, folder, dirs_exist_ok=True)
    return folder / name


@pytest.mark.parametrize(("name", "design", "old", "new", "redrawn"), EDITS,
                         ids=[f"{e[0]}:{e[3][:24]}" for e in EDITS])
def test_a_warm_rebuild_is_the_cold_build(tmp_path: Path, name: str, design: api.Design,
                                          old: str, new: str, redrawn: int) -> None:
    outline = copy_outline(name, tmp_path)
    text = outline.read_text(encoding="utf-8")
    assert old in text
    reuse.forget()
    first = api.build(outline, tmp_path / "first.pptx", design=design)
    outline.write_text(text.replace(old, new), encoding="utf-8")
    api.build(outline, tmp_path / "warm.pptx", design=design)
    assert first.slides - redrawn <= reuse.reused_last() < first.slides
    reuse.forget()
    api.build(outline, tmp_path / "cold.pptx", design=design)
    assert reuse.reused_last() == 0
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_slides_with_charts_are_always_drawn(tmp_path: Path) -> None:
    outline = copy_outline("data-slides.yaml", tmp_path)
    reuse.forget()
    first = api.build(outline, tmp_path / "first.pptx")
    charts = sum(1 for slide in api.check(outline).plan.slides if not reuse.reusable(slide))
    assert charts > 0
    api.build(outline, tmp_path / "again.pptx")
    assert reuse.reused_last() == first.slides - charts


def test_a_template_build_reuses_nothing_and_forgets(tmp_path: Path) -> None:
    outline = copy_outline("deck.yaml", tmp_path)
    reuse.forget()
    api.build(outline, tmp_path / "first.pptx")
    template = tmp_path / "template.pptx"
    Presentation().save(str(template))
    api.build(outline, tmp_path / "branded.pptx", design=api.Design(template=template))
    assert reuse.reused_last() == 0
    api.build(outline, tmp_path / "plain.pptx")
    assert reuse.reused_last() == 0  # nothing kept from the template build
    assert (tmp_path / "plain.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()


def test_a_slide_with_a_link_is_drawn_again_so_its_digest_finds_the_link(
        tmp_path: Path) -> None:
    # A hyperlink's relationship is made while drawing: a slide saved from kept bytes would
    # carry it in its saved relationships, but the digest of what was written, read before
    # saving, would not find it, and a rebuild would differ from the first build.
    import zipfile

    from aligndeck.api import build

    outline = tmp_path / "deck.yaml"
    outline.write_text("title: Links\nintro:\n  - title: Read more\n    points:\n"
                       "      - '[The paper](https://arxiv.org/abs/2203.02155), 2022'\n"
                       "stages:\n  - name: One\n    summary: x\n", encoding="utf-8")
    build(outline, tmp_path / "a.pptx")
    build(outline, tmp_path / "b.pptx")
    first, second = zipfile.ZipFile(tmp_path / "a.pptx"), zipfile.ZipFile(tmp_path / "b.pptx")
    assert [n for n in first.namelist() if first.read(n) != second.read(n)] == []
