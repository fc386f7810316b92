"""Watch mode: the loop driven by finite change batches, the command, and a real run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches
from watchfiles import Change

from aligndeck.cli import main
from aligndeck.watch import Batch, watch_loop, watched_paths
from helpers import DEFAULT_OUTLINE

BAD = Path(__file__).parent / "bad"
BROKEN = BAD / "19-several-errors.yaml"
TITLE = 'title: "Alignment: Making Models Do What You Ask"'


class Log:
    """An `echo` that keeps what it was given: (stream, message) pairs."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def __call__(self, message: str, *, err: bool = False) -> None:
        self.lines.append(("err" if err else "out", message))

    def take(self, stream: str) -> list[str]:
        """The messages of one stream since the last take."""
        found = [m for s, m in self.lines if s == stream]
        self.lines = [(s, m) for s, m in self.lines if s != stream]
        return found


@pytest.fixture
def talk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the default outline as ./deck.yaml, in a folder of its own."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DEFAULT_OUTLINE, tmp_path / "deck.yaml")
    assert TITLE in (tmp_path / "deck.yaml").read_text(encoding="utf-8")
    return Path("deck.yaml")


def retitled(outline: Path, title: str) -> None:
    text = outline.read_text(encoding="utf-8")
    assert TITLE in text
    outline.write_text(text.replace(TITLE, f"title: {title}"), encoding="utf-8")


def saved(path: Path, change: Change = Change.modified) -> Batch:
    return {(change, str(path.resolve()))}


def make_template(path: Path, width_inches: float) -> None:
    """A plain PowerPoint template, 7.5 in high and this wide."""
    path.parent.mkdir(parents=True, exist_ok=True)
    template = Presentation()
    template.slide_width, template.slide_height = Inches(width_inches), Inches(7.5)
    template.save(str(path))


def use_template(outline: Path, template: str) -> None:
    text = outline.read_text(encoding="utf-8")
    outline.write_text(f"template: {template}\n{text}", encoding="utf-8")


def test_watched_paths_are_the_outline_resolved(talk: Path) -> None:
    assert watched_paths(talk) == {talk.resolve()}


def test_watched_paths_add_the_template_the_outline_names(talk: Path) -> None:
    use_template(talk, "brand/company.pptx")
    assert watched_paths(talk) == {talk.resolve(), Path("brand/company.pptx").resolve()}
    shutil.copy(BROKEN, talk)
    assert watched_paths(talk) == {talk.resolve()}, "a broken outline is watched alone"


def test_watched_paths_add_the_images_and_logo_the_outline_names(talk: Path) -> None:
    text = talk.read_text(encoding="utf-8")
    talk.write_text("logo: brand/logo.png\n" + text.replace(
        "\nintro:\n", "\nintro:\n  - {title: A picture, image: pics/a.png, alt: A picture}\n", 1),
        encoding="utf-8")
    assert watched_paths(talk) == {talk.resolve(), Path("brand/logo.png").resolve(),
                                   Path("pics/a.png").resolve()}


def test_a_saved_template_rebuilds_and_a_newly_named_one_is_watched(talk: Path) -> None:
    deck = Path("deck.pptx")
    template = Path("brand/company.pptx")
    make_template(template, 13.333)
    widths: list[int] = []

    def changes() -> Iterator[Batch]:
        yield saved(template)  # not named by the outline yet: no rebuild
        use_template(talk, "brand/company.pptx")
        yield saved(talk)
        widths.append(Presentation(str(deck)).slide_width)
        make_template(template, 10)
        yield saved(template)
        widths.append(Presentation(str(deck)).slide_width)

    log = Log()
    assert watch_loop(talk, deck, changes(), log, name="deck.yaml") == 3
    assert widths == [Inches(13.333), Inches(10)]
    assert log.take("err") == ["watching deck.yaml for changes (Ctrl-C to stop)"]


def test_builds_once_before_any_change(talk: Path) -> None:
    log = Log()
    assert watch_loop(talk, Path("deck.pptx"), [], log, name="deck.yaml") == 1
    assert Path("deck.pptx").is_file()
    [wrote] = log.take("out")
    assert wrote.startswith("wrote deck.pptx: 17 slides")
    assert log.take("err") == ["watching deck.yaml for changes (Ctrl-C to stop)"]


def test_rebuilds_once_per_real_change(talk: Path) -> None:
    deck = Path("deck.pptx")
    decks: list[bytes] = []

    def changes() -> Iterator[Batch]:
        decks.append(deck.read_bytes())
        retitled(talk, "A new title")
        yield saved(talk)
        decks.append(deck.read_bytes())
        yield saved(talk)  # the same save, reported again: nothing to do
        yield saved(talk, Change.added) | {(Change.modified, str(Path("other.txt").resolve()))}
        Path("notes.txt").write_text("not the outline", encoding="utf-8")
        yield saved(Path("notes.txt"))  # another file in the folder
        yield set()  # watchfiles' timeout, with nothing changed
        decks.append(deck.read_bytes())

    log = Log()
    assert watch_loop(talk, deck, changes(), log, name="deck.yaml") == 2
    assert decks[0] != decks[1] == decks[2]
    assert len(log.take("out")) == 2


def test_a_change_made_before_the_watcher_started_is_caught_on_its_timeout(talk: Path
                                                                        ) -> None:
    def changes() -> Iterator[Batch]:
        retitled(talk, "Saved while starting")
        yield set()

    log = Log()
    assert watch_loop(talk, Path("deck.pptx"), changes(), log, name="deck.yaml") == 2


def test_a_broken_save_reports_like_build_and_keeps_the_last_good_deck(talk: Path) -> None:
    deck = Path("deck.pptx")
    log = Log()
    good: list[bytes] = []

    def changes() -> Iterator[Batch]:
        good.append(deck.read_bytes())
        log.take("err")
        shutil.copy(BROKEN, talk)
        yield saved(talk)
        assert deck.read_bytes() == good[0], "the last good deck stays"
        failed = log.take("err")
        shutil.copy(BROKEN, Path("bad.yaml"))
        built = CliRunner().invoke(main, ["build", "bad.yaml", "-o", "other.pptx"])
        assert failed == built.stderr.replace("bad.yaml", "deck.yaml").splitlines()
        assert failed == BROKEN.with_suffix(".stderr").read_text(encoding="utf-8").replace(
            BROKEN.name, "deck.yaml").splitlines()
        shutil.copy(DEFAULT_OUTLINE, talk)
        retitled(talk, "Fixed")
        yield saved(talk)
        assert deck.read_bytes() != good[0]

    assert watch_loop(talk, deck, changes(), log, name="deck.yaml") == 3
    assert [line.split(":")[0] for line in log.take("out")] == ["wrote deck.pptx"] * 2


def test_a_deleted_outline_waits_for_it_to_come_back(talk: Path) -> None:
    text = talk.read_text(encoding="utf-8")
    log = Log()

    def changes() -> Iterator[Batch]:
        log.take("err")
        talk.unlink()
        yield saved(talk, Change.deleted)
        assert log.take("err") == ["deck.yaml: gone; waiting for it to be saved again"]
        talk.write_text(text, encoding="utf-8")
        yield saved(talk, Change.added)

    assert watch_loop(talk, Path("deck.pptx"), changes(), log, name="deck.yaml") == 2
    assert log.take("err") == []


def test_watch_needs_an_outline_to_watch(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["watch"])
    assert result.exit_code == 2
    assert "no deck.yaml here to watch" in result.stderr
    assert "aligndeck init" in result.stderr


def test_watch_refuses_a_bad_output_before_watching(talk: Path) -> None:
    result = CliRunner().invoke(main, ["watch", "deck.yaml", "-o", "deck.txt"])
    assert result.exit_code == 1
    assert result.stderr == "error: deck.txt: the output must be a .pptx file\n"


def slide_width(deck: Path) -> int:
    return int(Presentation(str(deck)).slide_width)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 45.0) -> None:
    """Poll `condition` ten times a second, for at most `seconds` (generous: CI machines are
    shared and slow). A condition that cannot be checked yet (the file is not there, or
    not a whole package yet) counts as not met."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, zipfile.BadZipFile, KeyError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


def test_watch_rebuilds_on_save_survives_a_broken_one_and_stops_on_ctrl_c(tmp_path: Path
                                                                         ) -> None:
    """The real thing: a saved outline, a broken save, then a template in a folder of its
    own, named after watching began, and saved again."""
    outline = tmp_path / "deck.yaml"
    deck = tmp_path / "deck.pptx"
    shutil.copy(DEFAULT_OUTLINE, outline)
    log, stdout_log = tmp_path / "stderr.txt", tmp_path / "stdout.txt"
    with log.open("w") as stderr, stdout_log.open("w") as stdout:
        process = subprocess.Popen([sys.executable, "-m", "aligndeck", "watch", "deck.yaml"],
                                   cwd=tmp_path, stdout=stdout, stderr=stderr)
    try:
        wait_for(lambda: "watching deck.yaml" in log.read_text(), "the first build")
        first = deck.read_bytes()

        shutil.copy(BROKEN, outline)
        wait_for(lambda: "nothing was written" in log.read_text(), "the broken save's report")
        assert "deck.yaml:" in log.read_text() and ": error: " in log.read_text()
        assert deck.read_bytes() == first

        fixed = DEFAULT_OUTLINE.read_text(encoding="utf-8").replace(
            TITLE, "title: Rebuilt while watching")
        outline.write_text(fixed, encoding="utf-8")
        wait_for(lambda: deck.read_bytes() != first, "the rebuilt deck")

        make_template(tmp_path / "brand" / "company.pptx", 12)
        use_template(outline, "brand/company.pptx")
        wait_for(lambda: slide_width(deck) == Inches(12), "the build onto the template")
        make_template(tmp_path / "brand" / "company.pptx", 10)
        wait_for(lambda: slide_width(deck) == Inches(10), "the rebuild after the template "
                 "was saved, in a folder the watcher was not watching at the start")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()  # never leave a watcher behind, even when the test fails
            process.wait()
            raise
    assert process.returncode == 0, log.read_text()
    assert log.read_text().splitlines()[-1] == "stopped watching deck.yaml"
    assert stdout_log.read_text().count("wrote deck.pptx") >= 4
    assert "internal error" not in log.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brand", "deck.pptx", "deck.yaml", "stderr.txt", "stdout.txt"]


@pytest.mark.parametrize("args", [["--help"], ["notes", "--help"], ["preview", "--help"],
                                  ["watch", "--help"], ["build", "--help"]], ids=" ".join)
def test_help_imports_no_heavy_package(args: list[str]) -> None:
    """Start-up stays lean: python-pptx, Pillow and watchfiles load inside the commands."""
    probe = ("import sys\nfrom aligndeck.cli import main\n"
             f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pptx', 'PIL', 'watchfiles') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False, env={**os.environ, "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert "Example" in done.stdout


def test_watched_paths_add_the_csv_files_tables_and_charts_read(talk: Path) -> None:
    text = talk.read_text(encoding="utf-8")
    talk.write_text(text.replace(
        "\nintro:\n", "\nintro:\n  - {title: Numbers, table: {csv: data/t.csv}}\n"
        "  - {title: Chart, chart: {type: bar, csv: data/c.csv}}\n", 1), encoding="utf-8")
    assert watched_paths(talk) == {talk.resolve(), Path("data/t.csv").resolve(),
                                   Path("data/c.csv").resolve()}
