"""Start-up stays lean (issue 24): `aligndeck build` imports what the deck at hand uses.

Each build runs in a fresh process, as a user runs it, and reports the modules it had
imported when it ended (the console entry leaves with os._exit, so the probe wraps it).
The decks that do use charts and flowcharts show the other side: their modules load then.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

OUTLINES = Path(__file__).parent / "outlines"

PROBE = """
import json, os, sys
leave, path = os._exit, sys.argv[1]
def report(code):
    with open(path, "w") as out:
        json.dump(sorted(sys.modules), out)
    leave(code)
os._exit = report
sys.argv = ["aligndeck", "build", *sys.argv[2:]]
from aligndeck.cli import entry
entry()
"""

NEVER_FOR_A_PLAIN_DECK = (
    "xlsxwriter",  # charts' embedded workbooks
    "pptx.chart.data",
    "pptx.chart.xlsx",
    "aligndeck.plan.flow",  # the flowchart layout engine
    "aligndeck.outline.flowgraph",
    "aligndeck.outline.mermaid",
    "lark",  # the Mermaid grammar
    "uniseg",  # UAX #14 beyond Latin text (plan/text/latin_breaks.py covers the rest)
    "babel",  # plural rules and numbers of languages other than English
    "subprocess",  # fontconfig, asked for fonts other than Calibri and for shaping
    "PIL.ImageDraw",  # a template's round pictures, drawn as a backdrop
    "starlette",  # the browser preview's server
    "uvicorn",
    "watchfiles",
    "playwright",
    "aligndeck.render.html",
    "aligndeck.render.template",  # reading a template: its layouts, design and checks
    "aligndeck.render.template_cache",
    "aligndeck.render.package_check",
    "aligndeck.render.backdrop",
    "aligndeck.serve",
    "aligndeck.edits.compare",  # comparing a deck on disk with its digest: none there yet
    "aligndeck.edits.pull",
    "ruamel",  # pull's round-trip YAML
    "aligndeck.plan.slides.table",  # slide kinds the default talk does not use
    "aligndeck.plan.slides.chart",
    "aligndeck.plan.slides.image",
    "aligndeck.plan.slides.quote",
    "aligndeck.plan.slides.columns",
    "aligndeck.plan.slides.diagram",
    "aligndeck.outline.schema",  # the JSON schema (`aligndeck schema`)
    "aligndeck.export",  # other commands and outputs
    "aligndeck.contact_sheet",
    "aligndeck.watch",
    "aligndeck.scripting",
    "aligndeck.preview_progress",
    "aligndeck.edits.markup_back",  # pull's way back from a slide to the outline
    "aligndeck.render.emf",  # a template's pictures and layouts
    "aligndeck.render.layout_svg",
    "aligndeck.render.layout_geometry",
    "aligndeck.render.layout_pictures",
    "aligndeck.render.layout_placeholders",
    "aligndeck.render.template_fonts",
    "aligndeck.render.template_style",
    "budoux",  # Japanese and Chinese phrases
    "asyncio",  # the preview's server
    "pydantic.plugin._loader",  # loaded when pydantic builds a validator: a correct outline
    "importlib.metadata",  # is read without (outline/fast.py), so none is built
)


def imported(tmp_path: Path, *args: str, cwd: Path | None = None) -> set[str]:
    report = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(report), *args],
                          cwd=cwd or tmp_path, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(report.read_text(encoding="utf-8")))


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_default_deck_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    modules = imported(tmp_path, "-o", str(tmp_path / "deck.pptx"))
    assert (tmp_path / "deck.pptx").is_file()
    assert [name for name in NEVER_FOR_A_PLAIN_DECK if loaded(modules, name)] == []


@pytest.mark.parametrize(("outline", "expected"), [
    ("data-slides.yaml", ["xlsxwriter", "pptx.chart.data"]),
    ("flowcharts.yaml", ["aligndeck.plan.flow", "lark"]),
], ids=["charts", "flowcharts"])
def test_a_deck_that_uses_them_loads_them(tmp_path: Path, outline: str,
                                          expected: list[str]) -> None:
    modules = imported(tmp_path, outline, "-o", str(tmp_path / "deck.pptx"), cwd=OUTLINES)
    assert [name for name in expected if loaded(modules, name)] == expected


GC_PROBE = """
import gc, json, os, sys
leave, path, default = os._exit, sys.argv[1], gc.get_threshold()
import aligndeck.api, aligndeck.cli
library = gc.get_threshold()
def report(code):
    with open(path, "w") as out:
        json.dump({"library": library == default, "command": gc.get_threshold()}, out)
    leave(code)
os._exit = report
sys.argv = ["aligndeck", "build", *sys.argv[2:]]
aligndeck.cli.entry()
"""


def test_the_command_not_the_library_collects_young_objects_less_often(tmp_path: Path
                                                                       ) -> None:
    report = tmp_path / "gc.json"
    done = subprocess.run([sys.executable, "-c", GC_PROBE, str(report), "-o",
                           str(tmp_path / "deck.pptx")], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    thresholds = json.loads(report.read_text(encoding="utf-8"))
    assert thresholds == {"library": True, "command": [100_000, 10, 10]}
