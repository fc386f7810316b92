"""Mutated templates: a deck, or `error: FILE: not a usable template: …` (exit 1); never exit 3.

The templates mutated are made here, never read from outside the repository: python-pptx's
own default template, and a deck aligndeck builds (which has slides, notes, a notes master
and sections). Each mutation is one a damaged or hostile file could carry: a part dropped,
truncated or with bytes flipped, a relationship duplicated or dropped, a content type
changed, a part inflated. Example counts are bounded so the suite stays quick in CI; memory
is checked by the growth of the process's peak resident size.
"""

from __future__ import annotations

import re
import resource
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligndeck import api
from aligndeck.cli import main
from edit_helpers import previous_deck
from hostile import Parts, base, read_parts, write

ONE_STAGE = (Path(__file__).parent / "outlines" / "one-stage.yaml").read_text("utf-8")
LIMITS = {"ALIGNDECK_MAX_XML_PART_MB": "2", "ALIGNDECK_MAX_TEMPLATE_UNPACKED_MB": "20"}
"""Lower caps while fuzzing, so an inflated part crosses one in a few megabytes."""

MAX_GROWTH_KB = 300_000
"""How much one example may raise the process's peak resident size (ru_maxrss, in KB)."""

CONTENT_TYPES = [
    "application/xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "image/png",
    "text/plain",
]


@cache
def own_deck() -> tuple[tuple[str, bytes], ...]:
    """A deck aligndeck builds itself, to use as a template."""
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as name:
        folder = Path(name)
        (folder / "talk.yaml").write_text(ONE_STAGE, encoding="utf-8")
        api.build(folder / "talk.yaml", folder / "talk.pptx")
        return tuple(read_parts(folder / "talk.pptx").items())


def _rels(parts: Parts) -> list[str]:
    return sorted(name for name in parts if name.endswith(".rels"))


class Mutated(dict[str, bytes]):
    """A template's parts, shown in a failing example by the steps that made them."""

    def __init__(self, parts: Parts, steps: list[str]) -> None:
        super().__init__(parts)
        self.steps = steps

    def __repr__(self) -> str:
        return f"Mutated({self.steps})"


@st.composite
def mutated(draw: st.DrawFn) -> Mutated:
    own = draw(st.booleans())
    parts = dict(own_deck()) if own else base()
    steps = ["aligndeck's own deck" if own else "python-pptx's default template"]
    for _ in range(draw(st.integers(1, 3))):
        names = sorted(parts)
        if not names:
            break
        name = draw(st.sampled_from(names))
        body = parts[name]
        action = draw(st.sampled_from(["drop", "truncate", "flip", "duplicate rel",
                                       "drop rel", "content type", "inflate"]))
        steps.append(f"{action} {name}")
        if action == "drop":
            del parts[name]
        elif action == "truncate":
            parts[name] = body[:draw(st.integers(0, max(len(body) - 1, 0)))]
        elif action == "flip" and body:
            data = bytearray(body)
            for _ in range(draw(st.integers(1, 8))):
                data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
            parts[name] = bytes(data)
        elif action in ("duplicate rel", "drop rel") and _rels(parts):
            name = draw(st.sampled_from(_rels(parts)))
            found = re.findall(rb"<Relationship [^>]*/>", parts[name])
            if found:
                rel = draw(st.sampled_from(found))
                steps[-1] = f"{action} {rel.decode(errors='replace')} in {name}"
                if action == "drop rel":
                    parts[name] = parts[name].replace(rel, b"", 1)
                else:
                    copy = rel if draw(st.booleans()) else re.sub(rb'Id="[^"]*"', b'Id="rIdX"',
                                                                  rel)
                    parts[name] = parts[name].replace(rel, rel + copy, 1)
        elif action == "content type" and "[Content_Types].xml" in parts:
            types = parts["[Content_Types].xml"]
            found = re.findall(rb'ContentType="[^"]*"', types)
            if found:
                old = draw(st.sampled_from(found))
                new = draw(st.sampled_from(CONTENT_TYPES))
                steps[-1] = f"{old.decode(errors='replace')} -> {new}"
                parts["[Content_Types].xml"] = types.replace(
                    old, f'ContentType="{new}"'.encode(), 1)
        elif action == "inflate":
            size = draw(st.sampled_from([10_000, 1_500_000, 3_000_000]))
            padding = b" " * size
            parts[name] = body.replace(b"?>", b"?>" + padding, 1) if b"?>" in body \
                else body + padding
    return Mutated(parts, steps)


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _check(result: Any, template: Path, outline: Path | None = None) -> None:
    """Exit 0, or exit 1 with `error: TEMPLATE: not a usable template: …`. When building,
    a template that opens but leaves too little room for the text is not broken: that is
    reported, located, at the text that does not fit, as with any design."""
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines, result.output
        if lines[0].startswith(f"error: {template}: not a usable template: "):
            assert len(lines) == 1, lines
        else:
            assert outline is not None, lines
            located = re.compile(rf"{re.escape(str(outline))}:\d+:\d+: error: .+ too long ")
            # Beside them, located warnings (a footer the template leaves no room for is
            # left out, and said at its place).
            warned = re.compile(rf"{re.escape(str(outline))}:\d+:\d+: warning: ")
            errors = [line for line in lines[:-1] if not warned.match(line)]
            assert errors and all(located.match(line) for line in errors), lines
            assert lines[-1].endswith("nothing was written"), lines


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(mutated())
def test_template_check_of_a_mutated_template(parts: Parts) -> None:
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as folder:
        template = write(Path(folder) / "brand.pptx", parts)
        before = _peak_kb()
        result = CliRunner().invoke(main, ["template-check", str(template)], env=LIMITS)
        _check(result, template)
        assert _peak_kb() - before < MAX_GROWTH_KB


@settings(SETTINGS, max_examples=25)
@given(mutated())
def test_building_onto_a_mutated_template(parts: Parts) -> None:
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as name:
        folder = Path(name)
        template = write(folder / "brand.pptx", parts)
        (folder / "talk.yaml").write_text(ONE_STAGE, encoding="utf-8")
        deck = folder / "talk.pptx"
        deck.write_bytes(previous_deck())
        before = _peak_kb()
        result = CliRunner().invoke(main, ["build", str(folder / "talk.yaml"), "--template",
                                           str(template)], env=LIMITS)
        _check(result, template, folder / "talk.yaml")
        assert _peak_kb() - before < MAX_GROWTH_KB
        if result.exit_code == 1:
            assert deck.read_bytes() == previous_deck()
        else:
            assert deck.read_bytes()[:2] == b"PK"
        assert sorted(p.name for p in folder.iterdir()) == ["brand.pptx", "talk.pptx",
                                                            "talk.yaml"]


@SETTINGS
@given(data=st.data())
def test_template_check_of_a_damaged_zip(data: st.DataObject) -> None:
    """The zip itself damaged, as by a broken download: cut short, or bytes flipped."""
    with tempfile.TemporaryDirectory(prefix="aligndeck-fuzz-") as folder:
        raw = bytearray(write(Path(folder) / "base.pptx", base()).read_bytes())
        if data.draw(st.booleans(), label="cut"):
            raw = raw[:data.draw(st.integers(0, len(raw)), label="length")]
        for _ in range(data.draw(st.integers(0, 6), label="flips")):
            if raw:
                raw[data.draw(st.integers(0, len(raw) - 1))] ^= data.draw(st.integers(1, 255))
        template = Path(folder) / "brand.pptx"
        template.write_bytes(bytes(raw))
        result = CliRunner().invoke(main, ["template-check", str(template)])
        _check(result, template)
