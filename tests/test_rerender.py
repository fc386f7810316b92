"""Warm rebuilds that draw only the changed slides (render/rerender.py, issue 24): the deck
written from the last render's members must be byte for byte the cold build of the same
outline, and anything the kept members do not cover (the theme, its fonts and colours,
the slide size, a template, the language, the build time, the deck's title, the slide
count, pictures, charts) must send the build back to the full render."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from aligndeck import api
from aligndeck.render import rerender, reuse

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = Path(__file__).parent / "outlines"
TITLE = "A base model predicts text"


def _swap(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)
    return edit


def _drop_second_slide(text: str) -> str:
    cut = re.sub(r"  - title: Predicting is not helping.*?\n(?=pipeline:)", "", text,
                 flags=re.S)
    assert cut != text
    return cut


_FONTS = _swap("kicker: 2022 · Alignment\n",
               "kicker: 2022 · Alignment\ntheme:\n  fonts:\n    heading: Georgia\n")
_COLOURS = _swap("kicker: 2022 · Alignment\n",
                 "kicker: 2022 · Alignment\ntheme:\n  colours:\n    accent1: \"#0E7C86\"\n")
_SAME = api.Design()

# (name, outline, edit, design of the first build, of the rebuild, taken from kept members)
CASES: list[tuple[str, str, Callable[[str], str], api.Design, api.Design, bool]] = [
    ("a word of a title", "deck.yaml", _swap(TITLE, "A base model predicts words"),
     _SAME, _SAME, True),
    ("a word of the notes", "deck.yaml", _swap("Let’s start with", "Let us start with"),
     _SAME, _SAME, True),
    ("two slides", "deck.yaml",
     lambda t: _swap("Predicting is not helping", "Predicting is not answering")(
         _swap(TITLE, "A base model continues text")(t)), _SAME, _SAME, True),
    ("nothing", "deck.yaml", lambda t: t + "\n", _SAME, _SAME, True),
    ("a word, dark and revealed", "deck.yaml", _swap(TITLE, "A base model predicts words"),
     api.Design(theme="dark", reveal=True), api.Design(theme="dark", reveal=True), True),
    ("a word at 4:3", "deck.yaml", _swap(TITLE, "A base model predicts words"),
     api.Design(aspect="4:3"), api.Design(aspect="4:3"), True),
    ("the deck's title", "deck.yaml", _swap("Making Models Do What You Ask",
                                            "Making Models Do As Asked"), _SAME, _SAME, False),
    ("the fonts", "deck.yaml", _FONTS, _SAME, _SAME, False),
    ("the colours", "deck.yaml", _COLOURS, _SAME, _SAME, False),
    ("the aspect", "deck.yaml", lambda t: t, _SAME, api.Design(aspect="4:3"), False),
    ("the theme", "deck.yaml", lambda t: t, _SAME, api.Design(theme="dark"), False),
    ("the language", "deck.yaml", lambda t: t, _SAME, api.Design(language="de"), False),
    ("a slide fewer", "deck.yaml", _drop_second_slide, _SAME, _SAME, False),
    ("pictures", "own-content.yaml", _swap("Constitutional AI", "Constitutional AI (CAI)"),
     _SAME, _SAME, False),
    ("charts", "data-slides.yaml", lambda t: t + "\n", _SAME, _SAME, False),
]


def _fresh() -> None:
    reuse.forget()
    rerender.forget()


def _copy(name: str, folder: Path) -> Path:
    if name == "deck.yaml":
        shutil.copy(ROOT / name, folder / name)
    else:
        shutil.copytree(OUTLINES, folder, dirs_exist_ok=True)
    return folder / name


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """What each call of `rerender` returned (None: the full render ran)."""
    answers: list[int | None] = []
    real = rerender.rerender

    def spy(*args: object) -> int | None:
        answers.append(real(*args))  # type: ignore[arg-type]
        return answers[-1]
    monkeypatch.setattr(rerender, "rerender", spy)
    return answers


@pytest.mark.parametrize(("name", "outline_name", "edit", "before", "after", "kept"), CASES,
                         ids=[case[0] for case in CASES])
def test_a_rebuild_from_kept_members_is_the_cold_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, outline_name: str,
        edit: Callable[[str], str], before: api.Design, after: api.Design, kept: bool
) -> None:
    outline = _copy(outline_name, tmp_path)
    _fresh()
    api.build(outline, tmp_path / "first.pptx", design=before)
    outline.write_text(edit(outline.read_text(encoding="utf-8")), encoding="utf-8")
    answers = _spy(monkeypatch)
    api.build(outline, tmp_path / "warm.pptx", design=after)
    assert [answer is not None for answer in answers] == [kept]
    _fresh()
    api.build(outline, tmp_path / "cold.pptx", design=after)
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_rebuilds_in_a_row_and_back_to_the_start(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    outline = _copy("deck.yaml", tmp_path)
    original = outline.read_text(encoding="utf-8")
    _fresh()
    api.build(outline, tmp_path / "first.pptx")
    answers = _spy(monkeypatch)
    for number in range(4):
        outline.write_text(original.replace(TITLE, f"A base model predicts word{number}"),
                           encoding="utf-8")
        api.build(outline, tmp_path / "deck.pptx")
        assert reuse.reused_last() == api.check(outline).slides - 1
    outline.write_text(original, encoding="utf-8")
    api.build(outline, tmp_path / "deck.pptx")
    assert all(answer is not None for answer in answers) and len(answers) == 5
    assert (tmp_path / "deck.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()


def test_the_build_time_is_part_of_the_key(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    outline = _copy("deck.yaml", tmp_path)
    _fresh()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    api.build(outline, tmp_path / "first.pptx")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    answers = _spy(monkeypatch)
    api.build(outline, tmp_path / "warm.pptx")
    assert answers == [None]
    _fresh()
    api.build(outline, tmp_path / "cold.pptx")
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_a_template_build_in_between_is_never_taken_from(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    outline = _copy("deck.yaml", tmp_path)
    template = tmp_path / "template.pptx"
    Presentation().save(str(template))
    _fresh()
    api.build(outline, tmp_path / "first.pptx")
    answers = _spy(monkeypatch)
    api.build(outline, tmp_path / "branded.pptx", design=api.Design(template=template))
    api.build(outline, tmp_path / "again.pptx")
    assert answers == [None]  # not asked for the template's build, then nothing kept
    assert (tmp_path / "again.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()


def test_a_busy_scratch_sends_the_build_to_the_full_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = _copy("deck.yaml", tmp_path)
    _fresh()
    api.build(outline, tmp_path / "first.pptx")
    outline.write_text(_swap(TITLE, "A base model predicts words")(
        outline.read_text(encoding="utf-8")), encoding="utf-8")
    answers = _spy(monkeypatch)
    with rerender._SCRATCH_LOCK:  # another thread drawing into it
        api.build(outline, tmp_path / "warm.pptx")
    assert answers == [None]
    api.build(outline, tmp_path / "again.pptx")  # free again, from the full render's members
    assert answers[1] is not None
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "again.pptx").read_bytes()


def test_the_scratch_is_left_without_slides(tmp_path: Path) -> None:
    outline = _copy("deck.yaml", tmp_path)
    _fresh()
    api.build(outline, tmp_path / "first.pptx")
    outline.write_text(_swap(TITLE, "A base model predicts words")(
        outline.read_text(encoding="utf-8")), encoding="utf-8")
    api.build(outline, tmp_path / "warm.pptx")
    assert len(rerender._scratch) == 1
    scratch = rerender._scratch[0][1]
    assert len(scratch.slides) == 0
    assert not [rel for rel in scratch.part.rels.values() if rel.reltype.endswith("/slide")]


def test_a_rebuild_equals_the_command_in_a_fresh_process(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    outline = _copy("deck.yaml", tmp_path)
    _fresh()
    api.build(outline, tmp_path / "first.pptx")
    outline.write_text(_swap(TITLE, "A base model predicts words")(
        outline.read_text(encoding="utf-8")), encoding="utf-8")
    answers = _spy(monkeypatch)
    api.build(outline, tmp_path / "warm.pptx")
    assert answers[0] is not None
    subprocess.run([sys.executable, "-m", "aligndeck", "build", str(outline), "-o",
                    str(tmp_path / "command.pptx")], check=True, capture_output=True,
                   cwd=tmp_path)
    digest = [hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
              for name in ("warm.pptx", "command.pptx")]
    assert digest[0] == digest[1]
