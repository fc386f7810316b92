"""The command line: flag wiring, messages, exit codes and the files it writes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation

from aligndeck import __version__
from aligndeck.cli import main

SUMMARY = re.compile(
    r"wrote (?P<path>\S+): (?P<slides>\d+) slides, (?P<diagrams>\d+) diagrams "
    r"in \d+\.\d\d s"
)
BUILTIN_NOTICE = (
    "no deck.yaml here: building the built-in alignment talk "
    "(`aligndeck init` writes it out to edit)"
)

# title, pipeline, 2 stages, 1 loop, comparison, shortcomings overview, 1 detailed shortcoming
CUSTOM = """\
title: A Custom Talk About Bread
stages:
  - name: Knead
    summary: Work the dough
  - name: Proof
    summary: Let it rise
    loop:
      steps: [Wait, Poke, Wait again]
comparison:
  prompt: Is it done?
  responses:
    - label: Baker
      text: Knock on the bottom; it should sound hollow.
    - label: Guest
      text: It smells done.
shortcomings:
  items:
    - title: Ovens differ
      summary: Times are only a guide
      points: [Use a thermometer]
"""
CUSTOM_SLIDES = 8

# three problems, reported in file order
INVALID = """\
title: [not, text]
stages:
  - name: Knead
    sumary: Work the dough
comparison:
  prompt: Is it done?
  responses:
    - label: Baker
      text: Knock on the bottom.
shortcomings:
  items:
    - title: Ovens differ
      summary: Times are only a guide
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty current folder for the command to run in."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


def invoke(runner: CliRunner, *args: str, epoch: str | None = None) -> Result:
    """Run the CLI with SOURCE_DATE_EPOCH set to `epoch` (unset when None)."""
    return runner.invoke(main, list(args), env={"SOURCE_DATE_EPOCH": epoch})


def packaged_outline() -> bytes:
    return (resources.files("aligndeck") / "data" / "deck.yaml").read_bytes()


def summary(result: Result) -> re.Match[str]:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    match = SUMMARY.fullmatch(lines[0])
    assert match is not None, lines[0]
    return match


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---- version and help ------------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"aligndeck, version {__version__}\n"


def test_module_entry_point(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aligndeck", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"aligndeck, version {__version__}\n",
        "",
    )


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["build", "--help"], ["init", "--help"]], ids=" ".join
)
def test_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    assert "Example" in result.stdout


# ---- build -----------------------------------------------------------------------------------


def test_build_in_empty_folder_uses_builtin_outline(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "build")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [BUILTIN_NOTICE]
    match = summary(result)
    assert match["path"] == "deck.pptx"
    slides = int(match["slides"])
    assert slides >= 10
    assert int(match["diagrams"]) >= 1
    assert sorted(files_in(workdir)) == ["deck.pptx"]
    deck = Presentation("deck.pptx")
    assert len(deck.slides) == slides
    assert deck.core_properties.title == "Alignment: Making Models Do What You Ask"


def test_build_uses_deck_yaml_in_current_folder(runner: CliRunner, workdir: Path) -> None:
    Path("deck.yaml").write_text(CUSTOM, encoding="utf-8")
    result = invoke(runner, "build")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    match = summary(result)
    assert (match["path"], int(match["slides"])) == ("deck.pptx", CUSTOM_SLIDES)
    deck = Presentation("deck.pptx")
    assert len(deck.slides) == CUSTOM_SLIDES
    assert deck.core_properties.title == "A Custom Talk About Bread"
    cover_text = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert "A Custom Talk About Bread" in cover_text


def test_build_outline_writes_pptx_beside_it(runner: CliRunner, workdir: Path) -> None:
    Path("talks").mkdir()
    Path("talks/bread.yaml").write_text(CUSTOM, encoding="utf-8")
    result = invoke(runner, "build", "talks/bread.yaml")
    assert result.exit_code == 0, result.output
    assert summary(result)["path"] == "talks/bread.pptx"
    assert sorted(files_in(workdir)) == ["talks/bread.pptx", "talks/bread.yaml"]
    assert len(Presentation("talks/bread.pptx").slides) == CUSTOM_SLIDES


def test_build_output_creates_its_folder(runner: CliRunner, workdir: Path) -> None:
    Path("bread.yaml").write_text(CUSTOM, encoding="utf-8")
    result = invoke(runner, "build", "bread.yaml", "-o", "out/x.pptx")
    assert result.exit_code == 0, result.output
    assert summary(result)["path"] == "out/x.pptx"
    assert sorted(files_in(workdir)) == ["bread.yaml", "out/x.pptx"]
    assert len(Presentation("out/x.pptx").slides) == CUSTOM_SLIDES


def test_invalid_outline_reports_every_problem(runner: CliRunner, workdir: Path) -> None:
    Path("talks").mkdir()
    Path("talks/bad.yaml").write_text(INVALID, encoding="utf-8")
    result = invoke(runner, "build", "./talks/bad.yaml")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    # The misspelled key is reported once, with its suggestion, not also as a missing field.
    assert result.stderr.splitlines() == [
        "./talks/bad.yaml:1:8: error: title: expected text, got a list",
        "./talks/bad.yaml:4:5: error: stages[0].sumary: unknown key 'sumary' "
        "(did you mean 'summary'?)",
        "./talks/bad.yaml:8:5: error: comparison.responses: 1 response given, at least 2",
        "3 errors; nothing was written",
    ]
    assert "Traceback" not in result.output
    assert sorted(files_in(workdir)) == ["talks/bad.yaml"]


def test_invalid_deck_yaml_in_current_folder_is_named(runner: CliRunner, workdir: Path) -> None:
    Path("deck.yaml").write_text("title: Only a title\n", encoding="utf-8")
    result = invoke(runner, "build")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "deck.yaml:1:1: error: stages: field required",
        "1 error; nothing was written",
    ]


def test_single_error_count_line_is_singular(runner: CliRunner, workdir: Path) -> None:
    Path("bad.yaml").write_text(
        CUSTOM.replace("    summary: Work the dough\n", ""), encoding="utf-8"
    )
    result = invoke(runner, "build", "bad.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad.yaml:3:5: error: stages[0].summary: field required",
        "1 error; nothing was written",
    ]


def test_failed_build_keeps_existing_deck(runner: CliRunner, workdir: Path) -> None:
    Path("talk.yaml").write_text(CUSTOM, encoding="utf-8")
    assert invoke(runner, "build", "talk.yaml").exit_code == 0
    before = files_in(workdir)
    Path("talk.yaml").write_text(INVALID, encoding="utf-8")
    result = invoke(runner, "build", "talk.yaml")
    assert result.exit_code == 1
    after = files_in(workdir)
    assert after.pop("talk.yaml") == INVALID.encode()
    before.pop("talk.yaml")
    assert after == before  # the old deck byte-identical, no temporary files left behind


@pytest.mark.parametrize(
    ("outline", "args", "message"),
    [
        (
            "talk.yaml",
            ["talk.yaml", "-o", "talk.yaml"],
            "error: talk.yaml: the output must be a .pptx file",
        ),
        (
            "talk.pptx",
            ["talk.pptx", "-o", "./talk.pptx"],
            "error: talk.pptx: the output would overwrite the outline",
        ),
        ("talk.pptx", ["talk.pptx"], "error: talk.pptx: the output would overwrite the outline"),
        (
            "talk.yaml",
            ["talk.yaml", "-o", "deck.txt"],
            "error: deck.txt: the output must be a .pptx file",
        ),
        (
            "talk.yaml",
            ["talk.yaml", "-o", "folder.pptx"],
            "error: folder.pptx: is a folder; give a file name ending in .pptx",
        ),
    ],
    ids=[
        "output-is-outline",
        "pptx-named-outline",
        "default-output-is-outline",
        "not-pptx",
        "folder",
    ],
)
def test_bad_output_refused(
    runner: CliRunner, workdir: Path, outline: str, args: list[str], message: str
) -> None:
    Path(outline).write_text(CUSTOM, encoding="utf-8")
    Path("folder.pptx").mkdir()
    result = invoke(runner, "build", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]
    assert files_in(workdir) == {outline: CUSTOM.encode()}


def test_missing_outline_is_a_usage_error(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "build", "nowhere.yaml")
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert "'nowhere.yaml' does not exist" in result.stderr
    assert files_in(workdir) == {}


# ---- reproducible output ---------------------------------------------------------------------


def test_two_builds_are_byte_identical(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "build", "-o", "first.pptx").exit_code == 0
    first = Path("first.pptx").read_bytes()
    # a later build, over the earlier file and into another name: nothing depends on when or where
    assert invoke(runner, "build", "-o", "first.pptx").exit_code == 0
    assert invoke(runner, "build", "-o", "second.pptx").exit_code == 0
    assert Path("first.pptx").read_bytes() == first
    assert Path("second.pptx").read_bytes() == first
    created = Presentation("first.pptx").core_properties.created
    assert created == dt.datetime(1980, 1, 1)


@pytest.mark.parametrize(
    ("epoch", "year"), [("1700000000", 2023), ("1600000000", 2020), ("0", 1980), ("soon", 1980)]
)
def test_source_date_epoch_sets_created(
    runner: CliRunner, workdir: Path, epoch: str, year: int
) -> None:
    result = invoke(runner, "build", epoch=epoch)
    assert result.exit_code == 0, result.output
    properties = Presentation("deck.pptx").core_properties
    assert properties.created.year == year
    assert properties.modified == properties.created


def test_different_epochs_give_different_bytes(runner: CliRunner, workdir: Path) -> None:
    decks = {}
    for epoch in ("1700000000", "1600000000", "1700000000"):
        assert invoke(runner, "build", "-o", f"{epoch}.pptx", epoch=epoch).exit_code == 0
        data = Path(f"{epoch}.pptx").read_bytes()
        assert decks.setdefault(epoch, data) == data  # same epoch, same bytes
    assert decks["1700000000"] != decks["1600000000"]


# ---- init ------------------------------------------------------------------------------------


def test_init_writes_the_packaged_outline(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "init")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote deck.yaml: edit it, then run `aligndeck build deck.yaml`\n"
    assert Path("deck.yaml").read_bytes() == packaged_outline()


def test_init_refuses_to_overwrite_unless_forced(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "init").exit_code == 0
    Path("deck.yaml").write_text("title: my edits\n", encoding="utf-8")

    again = invoke(runner, "init")
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        "error: deck.yaml: already exists; use --force to overwrite it"
    ]
    assert Path("deck.yaml").read_text(encoding="utf-8") == "title: my edits\n"

    forced = invoke(runner, "init", "--force")
    assert forced.exit_code == 0, forced.output
    assert Path("deck.yaml").read_bytes() == packaged_outline()


def test_init_folder_then_build_it(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "init", "my-talk/nested")
    assert result.exit_code == 0, result.output
    assert Path("my-talk/nested/deck.yaml").read_bytes() == packaged_outline()

    built = invoke(runner, "build", "my-talk/nested/deck.yaml")
    assert built.exit_code == 0, built.output
    assert built.stderr == ""
    match = summary(built)
    assert match["path"] == "my-talk/nested/deck.pptx"
    assert len(Presentation("my-talk/nested/deck.pptx").slides) == int(match["slides"])


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error_is_exit_3_with_a_traceback_only_under_debug(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    from aligndeck import api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in aligndeck")

    monkeypatch.setattr(api, "build", broken)
    result = runner.invoke(main, ["build", *(["--debug"] if debug else [])])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: a bug in aligndeck" in result.stderr
    assert ("Traceback" in result.stderr) is debug
