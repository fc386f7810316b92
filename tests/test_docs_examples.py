"""Every example in the user guide (docs/) does what the page says it does.

- each ```yaml block builds (a `# fragment` laid over the smallest outline);
- each ```console block's commands print exactly what the page shows;
- each ```text block of messages from tests/bad/ matches those golden files;
- the generated page of keys is current, and each picture was drawn from the snippet
  that stands before it;
- the README stays short and keeps the set-up commands CI runs; shell completion works.

The conventions are in tools/docs_snippets.py and on the Contributing page. Regenerate
the commands' output on purpose only:
ALIGNDECK_UPDATE_GOLDEN=1 python -m pytest tests/test_docs_examples.py, then read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from aligndeck.cli import main
from made_templates import brand

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import docs_outline
import docs_snippets
from docs_snippets import Block

UPDATE = os.environ.get("ALIGNDECK_UPDATE_GOLDEN") == "1"
ROOT = docs_snippets.ROOT
BAD = ROOT / "tests" / "bad"
BLOCKS = [b for page in docs_snippets.pages() for b in docs_snippets.blocks(page)]
CONSOLES = [b for b in BLOCKS if b.lang == "console"]
COMMAND = re.compile(r"^\$ (?P<env>(?:\w+=\S* )*)aligndeck(?P<args>(?: .*)?)$")


def _commands(block: Block) -> list[tuple[dict[str, str], list[str], list[str]]]:
    """Each command of a console block: its environment, its arguments, what it prints."""
    found: list[tuple[dict[str, str], list[str], list[str]]] = []
    for line in block.text.splitlines():
        match = COMMAND.match(line)
        if match is not None:
            env = dict(pair.split("=", 1) for pair in match.group("env").split())
            found.append((env, shlex.split(match.group("args")), []))
        else:
            assert found, f"{block.where}: output before any `$ aligndeck` command"
            found[-1][2].append(line)
    return found


def _run_by_a_console(block: Block) -> bool:
    return any(block.title in args for console in CONSOLES if console.page == block.page
               for _, args, _ in _commands(console))


OUTLINES = [b for b in BLOCKS if b.lang == "yaml" and not (b.title and _run_by_a_console(b))]


def _files_of(page: Path, folder: Path) -> None:
    """Write the page's titled blocks (outlines, CSV files) into folder."""
    for block in docs_snippets.blocks(page):
        if block.title:
            target = folder / block.title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")


def _assets_for(block: Block, folder: Path) -> None:
    """Make the images and templates an example names; CSV files come from the page."""
    for key, written in docs_snippets.asset_paths(block.outline()):
        target = folder / written
        if key == "template":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(brand())
        elif key in {"image", "logo"}:
            docs_snippets.write_image(target)
        else:
            assert target.is_file(), f"{block.where}: no ```csv title=\"{written}\" block"


def test_the_guide_has_examples_of_each_kind() -> None:
    kinds = {(b.lang, b.is_fragment) for b in BLOCKS}
    assert {("yaml", True), ("yaml", False), ("console", False)} <= kinds
    assert len(OUTLINES) >= 80, "every key of the outline has an example"


@pytest.mark.parametrize("block", OUTLINES, ids=[b.where for b in OUTLINES])
def test_every_outline_example_builds(block: Block, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _files_of(block.page, tmp_path)
    _assets_for(block, tmp_path)
    (tmp_path / "example.yaml").write_text(block.outline_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "example.yaml", "-o", "example.pptx"])
    assert result.exit_code == 0, f"{block.where}:\n{block.text}\n{result.output}"
    assert (tmp_path / "example.pptx").stat().st_size > 0


def _matches(expected: list[str], printed: list[str]) -> bool:
    """Line for line, where `…` in an expected line stands for any text (a time)."""
    if len(expected) != len(printed):
        return False
    patterns = [re.compile(".*".join(map(re.escape, line.split("…"))) + r"\Z") for line in expected]
    return all(p.match(line) for p, line in zip(patterns, printed, strict=True))


@pytest.mark.parametrize("block", CONSOLES, ids=[b.where for b in CONSOLES])
def test_every_command_prints_what_the_page_shows(block: Block, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _files_of(block.page, tmp_path)
    monkeypatch.chdir(tmp_path)
    shown: list[str] = []
    for env, args, expected in _commands(block):
        if "PATH" in env:  # a folder with no tools in it, as on a machine without them
            (tmp_path / env["PATH"].strip("/")).mkdir(exist_ok=True)
            env["PATH"] = str(tmp_path / env["PATH"].strip("/"))
        for arg in args:  # a template the page does not spell out: a real one, made
            if arg.endswith((".potx", ".pptx")) and not (tmp_path / arg).exists() and \
                    "-o" not in args:
                (tmp_path / arg).write_bytes(brand())
        result = CliRunner(env=env).invoke(main, args)
        printed = result.output.splitlines()
        assert "Traceback" not in result.output
        command = " ".join(f"{k}={v}" for k, v in env.items() if k != "PATH")
        shown.append(f"$ {command + ' ' if command else ''}aligndeck {shlex.join(args)}")
        if UPDATE and not _matches(expected, printed):
            expected = printed
        shown += expected
        assert _matches(expected, printed), f"{block.where}: {args}\n{result.output}"
    if UPDATE:
        _rewrite(block, shown)


def _rewrite(block: Block, lines: list[str]) -> None:
    """Put what the commands printed into the page, in place of the block's text."""
    def commands(of: Block) -> list[list[str]]:
        return [args for _, args, _ in _commands(of)]

    # The page as it is now: an earlier rewrite may have moved the block.
    now = [b for b in docs_snippets.blocks(block.page)
           if b.lang == "console" and commands(b) == commands(block)]
    assert len(now) == 1, f"{block.where}: two console blocks run the same commands"
    source = block.page.read_text(encoding="utf-8")
    opening = source.index("\n", sum(len(ln) + 1 for ln in source.split("\n")[:now[0].line - 1]))
    closing = source.rindex("```", 0, now[0].end)
    if "PATH=" in block.text:  # keep the PATH a reader would type
        lines = [re.sub(r"^\$ aligndeck", "$ PATH=/nowhere aligndeck", ln) for ln in lines]
    block.page.write_text(source[:opening + 1] + "\n".join(lines) + "\n" + source[closing:],
                          encoding="utf-8")


GOLDEN_LINE = re.compile(r"^(?P<file>\d\d-[\w-]+\.yaml):\d+:\d+: ")
FROM_BAD = [b for b in BLOCKS if b.lang == "text" and b.text.strip()
            and all(GOLDEN_LINE.match(ln) for ln in b.text.splitlines())]


@pytest.mark.parametrize("block", FROM_BAD, ids=[b.where for b in FROM_BAD])
def test_messages_shown_from_the_bad_outlines_are_theirs(block: Block) -> None:
    for line in block.text.splitlines():
        match = GOLDEN_LINE.match(line)
        assert match is not None
        golden = (BAD / match.group("file")).with_suffix(".stderr").read_text(encoding="utf-8")
        assert line in golden.splitlines(), f"{block.where}: not in its golden file:\n{line}"


def test_the_page_of_keys_is_generated_from_the_current_schema() -> None:
    assert docs_outline.PAGE.read_text(encoding="utf-8") == docs_outline.render(), (
        "docs/outline-keys.md is stale: run python tools/docs_outline.py")


def test_the_page_of_keys_covers_every_key() -> None:
    schema = docs_outline.load_schema()
    page = docs_outline.PAGE.read_text(encoding="utf-8")
    for key in schema["properties"]:
        assert f"## `{key}`" in page
    for key in schema["$defs"]["StringOverrides"]["properties"]:
        assert f"| `{key}` |" in page
    for name, definition in schema["$defs"].items():
        if name != "StringOverrides":
            for key in definition["properties"]:
                assert re.search(rf"# `[\w.\[\]]*\.{key}`", page), f"{name}.{key}"


SHOWN = {name: block for page in docs_snippets.pages()
         for name, block in docs_snippets.pictures(page).items()}


def test_every_picture_was_drawn_from_the_snippet_before_it() -> None:
    folder = docs_snippets.DOCS / "pictures"
    assert SHOWN, "the guide shows pictures of its examples"
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(SHOWN)
    for name, block in SHOWN.items():
        made = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert made["snippet_sha256"] == block.digest(), (
            f"{block.where}: the snippet changed since pictures/{name}.png was drawn: "
            "run python tools/docs_pictures.py")


def test_the_readme_is_short_and_keeps_the_set_up_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 10_000
    for command in ("pip install . && aligndeck build",
                    "pip install '.[test]' && python -m pytest"):
        assert command in readme
        assert re.search(rf"^{re.escape(command)}$", ci, re.M)
    assert "mkdocs build --strict" in ci
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / target).exists(), target


def _aligndeck() -> str:
    script = Path(sys.executable).parent / "aligndeck"
    assert script.exists(), "the aligndeck command is installed beside this Python"
    return str(script)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_are_produced(shell: str) -> None:
    env = {**os.environ, "_ALIGNDECK_COMPLETE": f"{shell}_source"}
    result = subprocess.run([_aligndeck()], env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    assert "_ALIGNDECK_COMPLETE" in result.stdout
    assert f"{shell}_complete" in result.stdout
    page = (docs_snippets.DOCS / "commands.md").read_text(encoding="utf-8")
    assert f"_ALIGNDECK_COMPLETE={shell}_source aligndeck" in page


def test_completion_completes_commands_and_choices() -> None:
    def complete(words: str) -> list[str]:
        env = {**os.environ, "_ALIGNDECK_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        result = subprocess.run([_aligndeck()], env=env, capture_output=True, text=True,
                                timeout=60, check=True)
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert "build" in complete("aligndeck bu")
    assert complete("aligndeck build --theme ") == ["light", "dark", "high-contrast"]


def test_the_readme_examples_are_the_guides() -> None:
    """The README's outline and chart are the guide's (built above, the chart's picture
    drawn from it), and its message is what validate prints for that outline misspelled."""
    readme = ROOT / "README.md"
    outlines = [b for b in docs_snippets.blocks(readme) if b.lang == "yaml"]
    assert len(outlines) == 2
    smallest, chart = (b.text for b in outlines)
    assert yaml.safe_load(smallest) == docs_snippets.MINIMAL
    crawl = docs_snippets.pictures(docs_snippets.DOCS / "diagrams.md")["crawl"]
    assert f"{docs_snippets.FRAGMENT}\n{chart}" == crawl.text
    assert "](docs/pictures/crawl.png)" in readme.read_text(encoding="utf-8")


def test_the_readme_message_is_what_validate_prints(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    readme = ROOT / "README.md"
    smallest = next(b for b in docs_snippets.blocks(readme) if b.lang == "yaml")
    shown = next(b for b in docs_snippets.blocks(readme) if b.lang == "" and "error" in b.text)
    (tmp_path / "deck.yaml").write_text(smallest.text.replace("summary", "sumary"),
                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "deck.yaml"])
    assert result.exit_code == 1
    assert result.output == shown.text
