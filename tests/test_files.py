"""Bounded reading: files read with a cap, non-regular files refused, `-` for standard input."""

from __future__ import annotations

import io
import os
import socket
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from aligndeck.cli import main
from aligndeck.files import OUTLINE_LIMIT, FileProblem, Limit, read_capped

ONE_STAGE = (Path(__file__).parent / "outlines" / "one-stage.yaml").read_text("utf-8")
SMALL = Limit("ALIGNDECK_TEST_LIMIT", 10, 1)


class Counting(io.BytesIO):
    """A stream that counts the bytes handed out."""

    handed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.handed += len(chunk)
        return chunk


@pytest.mark.parametrize(("size", "ok"), [(0, True), (9, True), (10, True), (11, False),
                                          (5_000, False)])
def test_a_file_is_read_up_to_its_limit(tmp_path: Path, size: int, ok: bool) -> None:
    path = tmp_path / "data"
    path.write_bytes(b"x" * size)
    if ok:
        assert read_capped(path, SMALL) == b"x" * size
    else:
        with pytest.raises(FileProblem, match="the file is over 10; at most 10 bytes are "
                           "accepted \\(set ALIGNDECK_TEST_LIMIT to raise the limit\\)"):
            read_capped(path, SMALL)


def test_never_more_than_the_limit_plus_one_byte_is_read(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    stream = Counting(b"y" * 1_000_000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stream))
    with pytest.raises(FileProblem):
        read_capped("-", SMALL)
    assert stream.handed == 11


@pytest.mark.parametrize("kind", ["folder", "fifo", "socket", "device"])
def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path: Path,
                                                                    kind: str) -> None:
    short = Path(tempfile.mkdtemp(prefix="ad-"))  # a socket's path must be short
    path = short / "thing"
    held = None
    try:
        if kind == "folder":
            path.mkdir()
            words = "a folder"
        elif kind == "fifo":
            os.mkfifo(path)  # nobody writes to it: opening it for reading would wait forever
            words = "a FIFO (named pipe)"
        elif kind == "socket":
            held = socket.socket(socket.AF_UNIX)
            held.bind(str(path))
            words = "a socket"
        else:
            path = Path("/dev/zero")
            if not path.exists():
                pytest.skip("no /dev/zero here")
            words = "a device"
        with pytest.raises(FileProblem) as raised:
            read_capped(path, OUTLINE_LIMIT, "outline")
        assert str(raised.value) == f"the outline is {words}, not a regular file"
    finally:
        if held is not None:
            held.close()
        if path.parent == short:
            if path.is_dir():
                path.rmdir()
            elif path.exists() or path.is_socket():
                path.unlink()
        short.rmdir()


def test_a_bad_limit_variable_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    (tmp_path / "data").write_bytes(b"x")
    for value in ("0", "-3", "nan", "inf", "lots"):
        monkeypatch.setenv("ALIGNDECK_TEST_LIMIT", value)
        with pytest.raises(FileProblem, match=f"ALIGNDECK_TEST_LIMIT={value} is not a "
                           "positive number; unset it to use the default \\(10\\)"):
            read_capped(tmp_path / "data", SMALL)


# ---- the command line -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_build_refuses_an_outline_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        outline = tmp_path / "talk.yaml"
        os.mkfifo(outline)
        words = "a FIFO (named pipe)"
    else:
        outline = Path("/dev/zero")
        if not outline.exists():
            pytest.skip("no /dev/zero here")
        words = "a device"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "x.pptx")])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"{outline}: error: the outline is {words}, not a regular file; to build from a "
        "pipe, give `-` and pipe the outline in\n1 error; nothing was written\n")
    assert not (tmp_path / "x.pptx").exists()


def test_build_dash_reads_standard_input_with_assets_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (300, 100), "#1A5FB4").save(tmp_path / "assets" / "logo.png")
    outline = ONE_STAGE + "logo: assets/logo.png\n"
    result = CliRunner().invoke(main, ["build", "-"], input=outline.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote deck.pptx: ")
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"


def test_errors_in_standard_input_are_located_as_stdin(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "-"], input=b"title: x\nstages: [\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:3:1: error: YAML syntax: ")
    result = CliRunner().invoke(main, ["build", "-"], input=b"\xff\xfe")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:1:1: error: the file is not UTF-8 text")
    assert not (tmp_path / "deck.pptx").exists()


def test_standard_input_has_the_outline_cap(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "-"], input=ONE_STAGE.encode(),
                                env={"ALIGNDECK_MAX_OUTLINE_MB": "0.0001"})
    assert result.exit_code == 1
    assert result.stderr == ("<stdin>: error: the outline is over 0.0001 MB; at most 100 bytes "
                             "are accepted (set ALIGNDECK_MAX_OUTLINE_MB to raise the limit)\n"
                             "1 error; nothing was written\n")


def test_notes_read_standard_input_and_watch_refuses_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["notes", "-"], input=ONE_STAGE.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# A single, deliberately long title")
    result = CliRunner().invoke(main, ["watch", "-"], input=ONE_STAGE.encode())
    assert result.exit_code == 2
    assert "standard input cannot be watched" in result.stderr


def test_a_file_named_dash_is_reached_as_dot_slash_dash(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text(ONE_STAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "./-"], input=b"not: [an outline")
    assert result.exit_code == 0, result.output


def test_an_image_that_is_a_fifo_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    os.mkfifo(tmp_path / "assets" / "logo.png")
    (tmp_path / "talk.yaml").write_text(ONE_STAGE + "logo: assets/logo.png\n", "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "talk.yaml")])
    assert result.exit_code == 1
    line = len(ONE_STAGE.splitlines()) + 1
    assert result.stderr.startswith(
        f"{tmp_path / 'talk.yaml'}:{line}:7: error: logo: 'assets/logo.png': the image is a "
        "FIFO (named pipe), not a regular file\n"), result.stderr


@pytest.mark.parametrize(("data", "line", "column", "code"), [
    (b"\x00title: x\n", 1, 1, "0000"),
    (b"# a comment \x07\ntitle: x\n", 1, 13, "0007"),
    (b"title: x\r\nstages: []\rkey: \x1b\n", 3, 6, "001B"),
    (b"title: x\xc2\x85x: \x7f\n", 2, 4, "007F"),
    (b"\xef\xbb\xbftitle: \x00", 1, 8, "0000"),
])
def test_characters_yaml_refuses_are_located(tmp_path: Path, data: bytes, line: int,
                                             column: int, code: str) -> None:
    path = tmp_path / "talk.yaml"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:{line}:{column}: error: the control character U+{code} "
                             "is not allowed in YAML, even in a comment; remove it\n"
                             "1 error; nothing was written\n")
