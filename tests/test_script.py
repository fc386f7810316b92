"""The speaker script: `aligndeck notes` and the pure formatter behind it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligndeck.api import Design, check
from aligndeck.cli import main
from aligndeck.plan.lint import WORDS_PER_MINUTE, talk_minutes
from aligndeck.plan.model import DeckPlan, SlidePlan
from aligndeck.script import format_script, slide_minutes
from helpers import DEFAULT_OUTLINE

BAD = Path(__file__).parent / "bad"
TOTAL = re.compile(r"^\*\*Total: about (\d+) minutes?\*\* for (\d+) slides?\.$", re.MULTILINE)
SLIDE_HEADING = re.compile(r"^## (\d+)\. (.*)$", re.MULTILINE)
TIMING = re.compile(r"^\*(\w+) slide · (\d+\.\d) min \((\d+) words?\) · ends at (\d+):(\d\d)\*$",
                    re.MULTILINE)


def plan_of(*slides: tuple[str, str], title: str = "A talk", author: str | None = None
            ) -> DeckPlan:
    """A plan of content slides with these (title, notes): the formatter reads no geometry."""
    return DeckPlan(width=1, height=1, title=title, author=author,
                    slides=tuple(SlidePlan("content", t, (), n) for t, n in slides))


def test_notes_prints_every_slide_title_and_the_total() -> None:
    result = CliRunner().invoke(main, ["notes", str(DEFAULT_OUTLINE)])
    assert result.exit_code == 0, result.output
    plan = check(DEFAULT_OUTLINE).plan
    assert result.stdout.startswith(f"# {plan.title}\n")
    headings = SLIDE_HEADING.findall(result.stdout)
    assert headings == [(str(n), s.title) for n, s in enumerate(plan.slides, 1)]
    total = TOTAL.search(result.stdout)
    assert total is not None, result.stdout[-300:]
    assert int(total[1]) == round(talk_minutes(plan)) > 0
    assert int(total[2]) == len(plan.slides)
    for slide in plan.slides:
        assert " ".join(slide.notes.split()) in " ".join(result.stdout.split())


def test_slide_minutes_add_up_to_the_talk_and_the_clock_runs_on() -> None:
    plan = check(DEFAULT_OUTLINE).plan
    script = format_script(plan)
    timings = TIMING.findall(script)
    assert [kind for kind, *_ in timings] == [s.kind for s in plan.slides]
    assert [int(words) for _, _, words, *_ in timings] == [len(s.notes.split())
                                                          for s in plan.slides]
    assert sum(slide_minutes(s) for s in plan.slides) == pytest.approx(talk_minutes(plan))
    *_, minutes, seconds = timings[-1]
    assert int(minutes) * 60 + int(seconds) == round(talk_minutes(plan) * 60)
    clocks = [int(m) * 60 + int(s) for *_, m, s in timings]
    assert clocks == sorted(clocks)


def test_a_slide_takes_its_words_at_the_speaking_pace() -> None:
    words = " ".join(["word"] * WORDS_PER_MINUTE * 2)
    script = format_script(plan_of(("Two minutes", words)))
    assert f"*content slide · 2.0 min ({WORDS_PER_MINUTE * 2} words) · ends at 2:00*" in script
    assert "**Total: about 2 minutes** for 1 slide." in script


@pytest.mark.parametrize(
    ("notes", "shown"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("- not a list", "\\- not a list"),
        ("> not a quote", "\\> not a quote"),
        ("```", "\\```"),
        ("1. not a numbered list", "1\\. not a numbered list"),
        ("2022) a year in brackets", "2022\\) a year in brackets"),
        ("2022 was the year", "2022 was the year"),
        ("Plain words stay as they are.", "Plain words stay as they are."),
        ("   ", "*(no notes)*"),
    ],
)
def test_notes_never_turn_into_markdown_structure(notes: str, shown: str) -> None:
    lines = format_script(plan_of(("Slide", notes))).splitlines()
    assert shown in lines


def test_titles_are_one_line_with_their_marks_escaped() -> None:
    script = format_script(plan_of(("The *real*\ngoal_1", "Notes."), title="Why [it] works",
                                   author="A. Speaker"))
    assert script.startswith("# Why \\[it\\] works\n\nSpeaker script by A. Speaker: 1 slide,")
    assert "## 1. The \\*real\\* goal\\_1" in script.splitlines()


def test_a_short_talk_is_under_a_minute() -> None:
    script = format_script(plan_of(("Hello", "Just a few words.")))
    assert "**Total: under a minute** for 1 slide." in script


def test_notes_writes_the_script_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "script.md"
    result = CliRunner().invoke(main, ["notes", str(DEFAULT_OUTLINE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    plan = check(DEFAULT_OUTLINE).plan
    assert target.read_text(encoding="utf-8") == format_script(plan)
    assert result.stdout == (f"wrote {target}: the script of {len(plan.slides)} slides, "
                             f"about {round(talk_minutes(plan))} minutes\n")
    assert [p.name for p in target.parent.iterdir()] == ["script.md"]


def test_notes_will_not_overwrite_the_outline(tmp_path: Path) -> None:
    outline = tmp_path / "deck.yaml"
    shutil.copy(DEFAULT_OUTLINE, outline)
    before = outline.read_bytes()
    result = CliRunner().invoke(main, ["notes", str(outline), "-o", str(outline)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {outline}: the output would overwrite the outline\n"
    assert outline.read_bytes() == before


def test_notes_on_a_broken_outline_gives_the_located_errors(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    outline = BAD / "19-several-errors.yaml"
    result = CliRunner().invoke(main, ["notes", outline.name])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == outline.with_suffix(".stderr").read_text(encoding="utf-8")


def test_notes_without_an_outline_reads_the_built_in_talk(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["notes"])
    assert result.exit_code == 0, result.output
    assert result.stdout == format_script(check(None).plan)
    assert "built-in" in result.stderr


def test_reveal_cue_lines_are_not_counted_as_spoken_words() -> None:
    plain = check(DEFAULT_OUTLINE).plan
    revealed = check(DEFAULT_OUTLINE, design=Design(reveal=True)).plan
    assert any("[click]" in s.notes for s in revealed.slides)
    assert talk_minutes(revealed) == talk_minutes(plain)
    for before, after in zip(plain.slides, revealed.slides, strict=True):
        assert slide_minutes(after) == slide_minutes(before)
    said = plan_of(("One", "Say this.\n\n[click] Raw model\n  [click] Tuned model"))
    assert talk_minutes(said) == 2 / WORDS_PER_MINUTE
