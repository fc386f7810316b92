"""The slide kinds' registry (aligndeck.plan.slides) and what a planning module may import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

from aligndeck.outline.models import SLIDE_KINDS, Outline
from aligndeck.plan.context import Kind, PlanContext, list_number
from aligndeck.plan.deck import deck_order, plan_deck
from aligndeck.plan.model import SlideKind, Source
from aligndeck.plan.slides import KINDS, OWN_KINDS, REGISTERED
from aligndeck.plan.theme import DEFAULT_THEME
from helpers import build_outline

PLAN = Path(__file__).resolve().parents[1] / "src" / "aligndeck" / "plan"
SLIDES = PLAN / "slides"
KIND_MODULES = sorted(p for p in SLIDES.glob("*.py") if p.name != "__init__.py")

# What planning code may never import: python-pptx and lxml belong to render/, and the plan
# knows nothing of the layers that call it.
FORBIDDEN = ("pptx", "lxml", "aligndeck.render", "aligndeck.api", "aligndeck.cli",
             "aligndeck.export", "aligndeck.watch", "aligndeck.contact_sheet")

# What a slide kind's module may import from aligndeck, beyond the standard library: the
# outline's models, the shared planning tools, and nothing of the deck, finishing or other
# kinds (so every kind can be read, changed and tested on its own).
KIND_MAY_IMPORT = (
    "aligndeck.outline.data",  # the checked data of tables and charts
    "aligndeck.outline.models",
    "aligndeck.outline.numbers",  # numbers read and written in the outline's language
    "aligndeck.plan.blocks",
    "aligndeck.plan.context",
    "aligndeck.plan.flow",
    "aligndeck.plan.layout",
    "aligndeck.plan.markup",
    "aligndeck.plan.model",
    "aligndeck.plan.notes",
    "aligndeck.plan.parts",
    "aligndeck.plan.text",  # measuring and fitting (a table's columns: their measured text)
    "aligndeck.strings",  # the built-in text: the words of alt text and notes
    "aligndeck.plan",  # `from aligndeck.plan import notes`: the names are checked too
)


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, as written (`from a.b import c` gives a.b and a.b.c)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"
            module = node.module or ""
            found.append(module)
            if module == "aligndeck.plan":
                found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def test_registry_lists_every_kind_once() -> None:
    names = [kind.name for kind in REGISTERED]
    assert len(names) == len(set(names))
    assert set(KINDS) == set(get_args(SlideKind))


def test_every_kind_module_is_registered_and_registers_one_kind() -> None:
    registered = {kind.plan.__module__ for kind in REGISTERED}
    assert registered == {f"aligndeck.plan.slides.{p.stem}" for p in KIND_MODULES}
    assert len(registered) == len(REGISTERED)


def test_own_slide_kinds_are_the_outlines() -> None:
    assert set(OWN_KINDS) == set(SLIDE_KINDS)


def test_the_lazy_registry_finds_each_kind_by_its_own_name_and_key() -> None:
    # Modules are imported on first lookup (plan/slides/__init__.py): each name and own
    # key must lead to the kind that calls itself so.
    assert [KINDS[name].name for name in KINDS] == list(KINDS)
    assert [OWN_KINDS[key].own_key for key in OWN_KINDS] == list(OWN_KINDS)
    assert {kind.own_key for kind in REGISTERED if kind.own_key} == set(OWN_KINDS)
    assert KINDS["table"] is KINDS["table"] is OWN_KINDS["table"]


@pytest.mark.parametrize("kind", REGISTERED, ids=[kind.name for kind in REGISTERED])
def test_kind_is_planned_in_a_known_family(kind: Kind[Any]) -> None:
    assert kind.family in ("cover", "content", "diagram")
    assert kind.section


def test_deck_order_names_registered_kinds(default_outline: Outline) -> None:
    for outline in (default_outline, build_outline(stages=8, loop_steps=6, intro=2)):
        order = [name for name, _, _ in deck_order(PlanContext(outline, DEFAULT_THEME))]
        assert set(order) <= set(KINDS)
        planned = {slide.kind for slide in plan_deck(outline).slides}
        assert planned == set(order)


def test_default_talk_uses_every_kind_but_its_own_slide_kinds(default_outline: Outline) -> None:
    # A guard that the registry is exercised end to end by the goldens: the built-in talk
    # shows every kind except the own-slide kinds it does not need (the seed text has no
    # numbers for a chart; tables and charts are drawn by tests/outlines/data-slides.yaml).
    planned = {slide.kind for slide in plan_deck(default_outline).slides}
    assert set(KINDS) - planned <= {"image", "quote", "columns", "diagram", "table", "chart"}


@pytest.mark.parametrize(("source", "number"), [
    (("stages", 0), 1),
    (("stages", 4, "loop"), 5),
    (("shortcomings", "items", 2), 3),
])
def test_list_number(source: Source, number: int) -> None:
    assert list_number(source) == number


@pytest.mark.parametrize("path", sorted(PLAN.rglob("*.py")), ids=lambda p: p.stem)
def test_plan_imports_nothing_of_render_or_pptx(path: Path) -> None:
    bad = [m for m in imported_modules(path)
           if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == [], f"{path.relative_to(PLAN)} imports {bad}"


@pytest.mark.parametrize("path", KIND_MODULES, ids=lambda p: p.stem)
def test_kind_module_touches_only_the_shared_tools(path: Path) -> None:
    ours = [m for m in imported_modules(path) if m.split(".")[0] == "aligndeck"]
    bad = [m for m in ours if m not in KIND_MAY_IMPORT]
    assert bad == [], f"slides/{path.name} imports {bad}"


def test_planning_loads_no_pptx() -> None:
    code = ("import sys; import aligndeck.plan.deck, aligndeck.plan.slides; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pptx', 'lxml') or m.startswith('aligndeck.render')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
