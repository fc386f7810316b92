"""Outlines as raw bytes: random bytes, truncations, NUL bytes, BOMs, mixed line endings.

Read from a file or from standard input (`-`), every one gives exit 0, or exit 1 with errors
that name the outline (`talk.yaml:LINE:COL: error: …` or `<stdin>:…`); never exit 3.
Example counts are bounded so the suite stays quick in CI; memory is checked by the growth
of the process's peak resident size.
"""

from __future__ import annotations

import re
import resource
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligndeck.cli import main
from edit_helpers import previous_deck

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [(ROOT / "tests" / "outlines" / "one-stage.yaml").read_bytes(),
           (ROOT / "deck.yaml").read_bytes()]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
MAX_GROWTH_KB = 300_000


@st.composite
def outline_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2_000))
    data = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["truncate", "nul", "bom", "line endings", "bytes",
                                       "utf-16"]))
        at = draw(st.integers(0, len(data)))
        if action == "truncate":
            data = data[:at]
        elif action == "nul":
            data = data[:at] + b"\x00" + data[at:]
        elif action == "bom":
            data = draw(st.sampled_from(BOMS)) + data
        elif action == "line endings":
            ending = draw(st.sampled_from([b"\r\n", b"\r", b"\n\r", b"\x85", b"\xe2\x80\xa8"]))
            data = data[:at] + data[at:].replace(b"\n", ending, draw(st.integers(1, 20)))
        elif action == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data.decode("utf-8", errors="replace").encode(
                draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32"])))
    return data


def _located(name: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(name)}(:\d+:\d+)?: (error|warning): .+$")


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=outline_bytes(), stdin=st.booleans())
def test_outline_bytes_validate_or_fail_with_located_errors(data: bytes, stdin: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as name:
        folder = Path(name)
        (folder / "talk.yaml").write_bytes(data)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if stdin:
            result = CliRunner().invoke(main, ["validate", "-"], input=data)
        else:
            result = CliRunner().invoke(main, ["validate", str(folder / "talk.yaml")])
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < MAX_GROWTH_KB
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    if result.exit_code == 1:
        shown = "<stdin>" if stdin else str(folder / "talk.yaml")
        lines = result.stderr.splitlines()
        assert lines[-1].endswith("nothing was written"), lines
        assert lines[:-1] and all(_located(shown).match(line) for line in lines[:-1]), lines


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=outline_bytes())
def test_outline_bytes_build_or_keep_the_previous_deck(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as name:
        folder = Path(name)
        (folder / "talk.yaml").write_bytes(data)
        deck = folder / "talk.pptx"
        deck.write_bytes(previous_deck())
        result = CliRunner().invoke(main, ["build", str(folder / "talk.yaml")])
        assert result.exit_code in (0, 1), result.output
        assert "internal error" not in result.output
        if result.exit_code == 1:
            assert deck.read_bytes() == previous_deck()
        else:
            assert deck.read_bytes()[:2] == b"PK"
        assert sorted(p.name for p in folder.iterdir()) == ["talk.pptx", "talk.yaml"]
