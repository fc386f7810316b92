"""The public Python API (aligndeck.build, aligndeck.check) and the CLI's machine-readable
output, quiet mode and batch builds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

import aligndeck
from aligndeck.cli import main

GOOD = {
    "title": "Weekly status",
    "language": "en-US",
    "stages": [{"name": "Receive", "summary": "Goods in"},
               {"name": "Ship", "summary": "Goods out"}],
}
GOOD_TEXT = "title: Weekly status\nstages:\n  - {name: Receive, summary: Goods in}\n" \
            "  - {name: Ship, summary: Goods out}\n"
BAD_TEXT = "title: Broken\nstages:\n  - {name: Receive, sumary: Goods in}\n"


def test_import_is_cheap() -> None:
    code = ("import sys, aligndeck; aligndeck.build; aligndeck.check; aligndeck.DeckError; "
            "print(sorted(m for m in ('pydantic', 'pptx', 'lxml', 'yaml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("kind", ["path", "str-path", "text", "mapping"])
def test_build_from_each_kind_of_source(tmp_path: Path, kind: str) -> None:
    outline_file = tmp_path / "week.yaml"
    outline_file.write_text(GOOD_TEXT, encoding="utf-8")
    source: Any = {"path": outline_file, "str-path": str(outline_file), "text": GOOD_TEXT,
                   "mapping": GOOD}[kind]
    out = tmp_path / "out" / "week.pptx"
    result = aligndeck.build(source, out, theme="dark")
    assert result.output == out and out.is_file()
    assert result.size == out.stat().st_size
    assert len(Presentation(str(out)).slides) == result.slides == 4
    assert result.diagrams == 3
    assert result.warnings == ()
    assert set(result.timings) == {"check", "render", "total"}
    assert result.timings["total"] >= result.timings["render"] > 0


def test_build_defaults_its_output_beside_the_outline(tmp_path: Path) -> None:
    outline_file = tmp_path / "week.yaml"
    outline_file.write_text(GOOD_TEXT, encoding="utf-8")
    assert aligndeck.build(outline_file).output == tmp_path / "week.pptx"
    assert aligndeck.build(GOOD, base=tmp_path).output == tmp_path / "deck.pptx"


def test_check_writes_nothing(tmp_path: Path) -> None:
    result = aligndeck.check(GOOD, base=tmp_path)
    assert (result.output, result.slides, result.size) == (None, 4, 0)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("source", "expected"), [
    (BAD_TEXT, [("<text>", 3, 21, "stages[0].sumary",
                 "unknown key 'sumary' (did you mean 'summary'?)")]),
    ({"title": "Broken", "stages": [{"name": None, "summary": "x"}]},
     [("<mapping>", 0, 0, "stages[0].name", "expected text, got nothing")]),
    ({"title": "Broken", "stages": [{"name": object(), "summary": "x"}]},
     [("<mapping>", 0, 0, "stages[0].name",
       "a object has no YAML form; give text, a number, a list or a mapping")]),
])
def test_errors_raise_one_type_with_located_problems(tmp_path: Path, source: Any,
                                                      expected: list[tuple[Any, ...]]) -> None:
    with pytest.raises(aligndeck.DeckError) as caught:
        aligndeck.build(source, tmp_path / "x.pptx")
    found = [(p.file, p.line, p.column, p.path, p.message) for p in caught.value.errors]
    assert found == expected
    assert not (tmp_path / "x.pptx").exists()
    assert "None" not in str(caught.value)


def test_output_problems_are_deck_errors_too(tmp_path: Path) -> None:
    with pytest.raises(aligndeck.DeckError) as caught:
        aligndeck.build(GOOD, tmp_path / "deck.txt")
    assert [p.message for p in caught.value.problems] == [
        f"{tmp_path / 'deck.txt'}: the output must be a .pptx file"]


def test_bad_argument_is_a_deck_error() -> None:
    with pytest.raises(aligndeck.DeckError, match="theme sepia is not one of light"):
        aligndeck.check(GOOD, theme="sepia")


def test_language_argument_wins_over_the_outline(tmp_path: Path) -> None:
    built = aligndeck.build(GOOD, tmp_path / "de.pptx", language="de-DE")
    deck = Presentation(str(built.output))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    english = aligndeck.build(GOOD, tmp_path / "en.pptx")
    english_titles = [s.shapes.title.text
                      for s in Presentation(str(english.output)).slides
                      if s.shapes.title is not None]
    assert titles != english_titles  # the built-in titles follow the language


def test_warnings_carry_file_and_position(tmp_path: Path) -> None:
    text = GOOD_TEXT.replace("stages:", "intro:\n  - title: Many\n"
                             "    points: [a, b, c, d, e, f, g, h, i, j]\nstages:")
    message = "10 bullets on slide 2; 6 or fewer are easier to follow"
    assert aligndeck.check(text).warnings == (
        aligndeck.Problem(4, 13, "intro[0].points", message, "warning", "<text>"),)
    assert aligndeck.check(yaml.safe_load(text)).warnings == (
        aligndeck.Problem(0, 0, "intro[0].points", message, "warning", "<mapping>"),)


# ---- the command line ---------------------------------------------------------------

@pytest.fixture
def outlines(tmp_path: Path) -> Path:
    folder = tmp_path / "weekly"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b.yaml").write_text(BAD_TEXT, encoding="utf-8")
    (folder / "c.yml").write_text(GOOD_TEXT.replace("Weekly", "Monthly"), encoding="utf-8")
    (folder / "notes.txt").write_text("not an outline", encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_build_of_a_folder_reports_each_deck(outlines: Path, tmp_path: Path,
                                                   jobs: str) -> None:
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build", str(outlines), "-o", str(out), "-j", jobs,
                                       "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["command"] == "build" and doc["ok"] is False
    assert doc["exit_code"] == 1
    assert doc["counts"] == {"decks": 3, "ok": 2, "failed": 1, "errors": 1, "warnings": 0}
    assert doc["failed"] == [str(outlines / "b.yaml")]
    assert [(d["outline"], d["status"], d["output"]) for d in doc["decks"]] == [
        (str(outlines / "a.yaml"), "ok", str(out / "a.pptx")),
        (str(outlines / "b.yaml"), "invalid", None),
        (str(outlines / "c.yml"), "ok", str(out / "c.pptx")),
    ]
    assert doc["decks"][1]["problems"] == [{
        "severity": "error", "file": str(outlines / "b.yaml"), "line": 3, "column": 21,
        "path": "stages[0].sumary",
        "message": "unknown key 'sumary' (did you mean 'summary'?)"}]
    assert sorted(p.name for p in out.iterdir()) == ["a.pptx", "c.pptx"]
    assert "[3/3]" in result.stderr


def test_batch_text_mode_says_which_failed(outlines: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(outlines / "a.yaml"),
                                       str(outlines / "b.yaml"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stdout.startswith("built 1 of 2 decks in ")
    assert result.stdout.rstrip().endswith(f"failed: {outlines / 'b.yaml'}")
    assert f"[1/2] wrote {tmp_path / 'o' / 'a.pptx'}" in result.stderr


@pytest.mark.parametrize(("args", "code", "stdout", "stderr"), [
    (["build", "a.yaml", "-q"], 0, "", ""),
    (["build", "b.yaml", "-q"], 1, "", "b.yaml:3:21: error: stages[0].sumary: unknown key "
     "'sumary' (did you mean 'summary'?)\n1 error; nothing was written\n"),
    (["validate", "a.yaml", "-q"], 0, "", ""),
    (["build", "a.yaml", "c.yml", "-q"], 0, "", ""),
])
def test_quiet_prints_errors_only(outlines: Path, monkeypatch: pytest.MonkeyPatch,
                                  args: list[str], code: int, stdout: str,
                                  stderr: str) -> None:
    monkeypatch.chdir(outlines)
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, stdout, stderr)


def test_validate_json_for_one_outline(outlines: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    monkeypatch.chdir(outlines)
    result = CliRunner().invoke(main, ["validate", "a.yaml", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["command"], doc["ok"], doc["counts"]["decks"]) == ("validate", True, 1)
    deck = doc["decks"][0]
    assert (deck["outline"], deck["output"], deck["slides"]) == ("a.yaml", None, 4)
    assert not list(outlines.glob("*.pptx"))


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path)])
    assert result.exit_code == 2
    assert "no outlines (*.yaml, *.yml) in" in result.stderr


@pytest.mark.parametrize(("slides", "minutes", "language", "said"), [
    (1, 1.2, "en-US", "1 slide, about 1 minute of speaker notes at 130 words a minute"),
    (2, 0.3, "en-US", "2 slides, under a minute of speaker notes at 130 words a minute"),
    (17, 9.4, "en-US", "17 slides, about 9 minutes of speaker notes at 130 words a minute"),
    (1, 1.0, "de-DE", "1 Folie, etwa 1 Minute Sprechernotizen bei 130 Wörtern pro Minute"),
    (3, 2.0, "de-DE", "3 Folien, etwa 2 Minuten Sprechernotizen bei 130 Wörtern pro Minute"),
    (21, 5.0, "ru", "21 слайд, около 5 минут заметок докладчика при 130 словах в минуту"),
    (3, 1.0, "ru", "3 слайда, около 1 минуты заметок докладчика при 130 словах в минуту"),
    (11, 2.0, "ru", "11 слайдов, около 2 минут заметок докладчика при 130 словах в минуту"),
    (2, 1.0, "ja", "スライド2枚、スピーカーノートは約1分（毎分130語）"),
])
def test_validate_says_its_summary_with_plurals(slides: int, minutes: float, language: str,
                                                said: str) -> None:
    from aligndeck.script import validate_summary

    assert validate_summary(slides, minutes, language) == said


def test_validate_says_about_1_minute(tmp_path: Path) -> None:
    outline = tmp_path / "one.yaml"
    notes = " ".join(["word"] * 130)
    outline.write_text(f"title: One\nstages:\n  - {{name: A, summary: b, notes: {notes}}}\n"
                       "pipeline: {notes: x}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(outline)])
    assert result.stdout == (f"{outline}: ok: 3 slides, about 1 minute of speaker notes at "
                             "130 words a minute\n")


@pytest.mark.parametrize(("language", "heading", "meta", "total"), [
    ("en-US", "Speaker script by Ada: 4 slides, under a minute at 130 spoken words a minute.",
     "*stage slide · 0.1 min (10 words) · ends at ",
     "**Total: under a minute** for 4 slides."),
    ("de-DE", "Sprechertext von Ada: 4 Folien, unter einer Minute bei 130 gesprochenen "
     "Wörtern pro Minute.", "*Folie „stage“ · 0,1 Min. (10 Wörter) · endet bei ",
     "**Gesamt: unter einer Minute** für 4 Folien."),
])
def test_the_script_speaks_the_outline_language(language: str, heading: str, meta: str,
                                                total: str) -> None:
    from aligndeck.api import check
    from aligndeck.script import format_script

    notes = " ".join(["Wort"] * 10)
    text = (f"title: T\nauthor: Ada\nlanguage: {language}\nstages:\n"
            f"  - {{name: A, summary: b, notes: {notes}}}\n  - {{name: B, summary: c}}\n")
    script = format_script(check(None, text=text).plan)
    lines = script.splitlines()
    assert lines[2] == heading
    assert any(line.startswith(meta) for line in lines)
    assert lines[-1] == total


def test_the_weekly_example_checks_clean(tmp_path: Path) -> None:
    """examples/weekly_status.py: 30 outlines from a CSV with gaps, every one would build;
    the only warnings are the gaps and the Arabic deck's missing built-in text."""
    import importlib.util

    path = Path(__file__).parent.parent / "examples" / "weekly_status.py"
    spec = importlib.util.spec_from_file_location("weekly_status", path)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    outlines = example.outlines(tmp_path / "weekly.csv")
    assert len(outlines) == 30
    languages = sorted({o["language"] for o in outlines.values()})
    assert languages == ["ar-AE", "de-DE", "en-US", "ja-JP"]
    gaps = 0
    for outline in outlines.values():
        result = aligndeck.check(outline)
        assert result.slides == 4
        for warning in result.warnings:
            assert warning.message.endswith("shown as gaps") or warning.path == "language"
            gaps += warning.message.endswith("shown as gaps")
    assert gaps > 0


def test_several_outlines_want_a_folder_for_o(outlines: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(outlines), "-o", str(tmp_path / "a.pptx")])
    assert result.exit_code == 2
    assert "with several outlines, -o names the folder the decks go to" in result.stderr
    assert not (tmp_path / "a.pptx").exists()
