"""What the commands do, as plain functions: load, plan, render."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from aligndeck.collector import collector_paused
from aligndeck.errors import BuildError, OutlineError, Problem
from aligndeck.files import STDIN
from aligndeck.outline.data import ChartData, TableData
from aligndeck.outline.loader import (
    PathKey,
    Positions,
    format_path,
    load_located,
    load_located_text,
)
from aligndeck.outline.models import Outline
from aligndeck.plan.model import DeckPlan, Finding
from aligndeck.plan.theme import Theme

if TYPE_CHECKING:
    from aligndeck.assets import Asset
    from aligndeck.render.template_cache import Template

DEFAULT_OUTLINE_NAME = "deck.yaml"


def builtin_outline_text() -> str:
    """The default talk's outline, as shipped inside the package."""
    return (resources.files("aligndeck") / "data" / DEFAULT_OUTLINE_NAME).read_text("utf-8")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    slides: int
    diagrams: int
    seconds: float
    size: int
    warnings: tuple[Problem, ...]
    minutes: float
    html: Path | None = None
    """The self-contained page written beside the deck (`build --html`), if any."""
    timings: tuple[tuple[str, float], ...] = ()
    """Seconds spent in each phase: ("check", …) loading, planning and linting, then
    ("render", …) writing the deck."""
    backup: Path | None = None
    """Where an edited deck was kept before `--force` overwrote it (`deck.pptx.~1~`)."""


@dataclass(frozen=True)
class Design:
    """Design choices given on the command line; each wins over the outline's own."""

    template: Path | None = None
    theme: str | None = None
    aspect: str | None = None
    reveal: bool = False
    allow_outside_assets: bool = False
    language: str | None = None
    """The talk's language, in place of the outline's own (a script's `language=`)."""


@dataclass(frozen=True)
class CheckResult:
    plan: DeckPlan
    warnings: tuple[Problem, ...]
    minutes: float
    theme: Theme
    template: Template | None = None
    assets: dict[str, Path] = field(default_factory=dict)
    """The files images name, by the path as written in the outline."""

    @property
    def slides(self) -> int:
        return len(self.plan.slides)


def read_outline(path: Path | None, text: str | None = None, language: str | None = None
                 ) -> tuple[Outline, Positions]:
    """The outline at `path` (or in `text`; the built-in one when both are None) and where
    each value was written; `language` in place of the outline's own."""
    overrides = {"language": language} if language else None
    if text is not None:
        return load_located_text(text, overrides)
    if path is None:
        return load_located_text(builtin_outline_text(), overrides)
    return load_located(path, overrides)


def outline_folder(outline_path: Path | None, folder: Path | None = None) -> Path:
    """The folder an outline's relative paths start from: `folder` when given, else its
    own, or the current folder for the built-in talk and for an outline read from standard
    input (`-`)."""
    if folder is not None:
        return folder
    if outline_path is None or str(outline_path) == STDIN:
        return Path.cwd()
    return outline_path.parent


def check(outline_path: Path | None, *, strict: bool = False, design: Design = Design(),
          text: str | None = None, folder: Path | None = None) -> CheckResult:
    """Load, plan and lint the outline at `outline_path` (or the YAML `text`, its files
    relative to `folder`); raises OutlineError when the deck cannot be built (or, with
    `strict`, when anything is worth a warning)."""
    from aligndeck.plan.deck import plan_deck
    from aligndeck.plan.lint import lint_deck, talk_minutes

    outline, positions = read_outline(outline_path, text, design.language)
    folder = outline_folder(outline_path, folder)
    read_warnings: list[Problem] = []
    assets, data = _read_files(outline, folder, positions, design.allow_outside_assets,
                               read_warnings)
    theme, template, notes = choose_design(outline, folder, positions, design)
    sizes = {key: (asset.width, asset.height) for key, asset in assets.items()}
    plan = plan_deck(outline, theme, reveal=design.reveal or outline.reveal, images=sizes,
                     data=data)
    findings = [*plan.findings, *lint_deck(plan, theme)]
    problems = sorted({*positions.warnings, *notes, *read_warnings,
                       *(_locate(f, positions) for f in findings)})
    if any(p.severity == "error" for p in problems) or (strict and problems):
        raise OutlineError(problems)
    return CheckResult(plan, tuple(problems), talk_minutes(plan), theme, template,
                       {key: asset.path for key, asset in assets.items()})


def _read_files(outline: Outline, folder: Path, positions: Positions, allow_outside: bool,
                warnings: list[Problem]
                ) -> tuple[dict[str, Asset], dict[PathKey, ChartData | TableData]]:
    """The images and the table and chart data the outline names, every problem with
    either reported together; what is only worth a warning (a missing value) is added to
    `warnings`."""
    from aligndeck.assets import resolve_assets
    from aligndeck.datasets import resolve_data

    problems: list[Problem] = []
    assets: dict[str, Asset] = {}
    data: dict[PathKey, ChartData | TableData] = {}
    try:
        assets = resolve_assets(outline, folder, positions, allow_outside=allow_outside)
    except OutlineError as exc:
        problems += exc.problems
    try:
        data = resolve_data(outline, folder, positions, allow_outside=allow_outside,
                            warnings=warnings)
    except OutlineError as exc:
        problems += exc.problems
    if problems:
        raise OutlineError(problems)
    return assets, data


def choose_design(outline: Outline, folder: Path, positions: Positions,
                  design: Design) -> tuple[Theme, Template | None, list[Problem]]:
    """The theme to plan with, and the template to build into (named relative to
    `folder`): the flags win over the outline; a template's own design wins over a theme."""
    from aligndeck.plan.theme import make_theme

    template_path = design.template
    if template_path is None and outline.template is not None:
        template_path = folder / outline.template
        if not template_path.exists():  # a FIFO or a folder: read_package says what it is
            line, column = positions.of_value(("template",))
            raise OutlineError([Problem(line, column, "template",
                                        f"no such file: {template_path}")])
    if template_path is not None:
        from aligndeck.render.template import load_template

        template = load_template(template_path)
        return template.theme, template, _design_left_aside(outline, positions, design)
    base = design.theme or outline.theme.base
    # Read field by field: `model_dump` would build pydantic's serializers (and the
    # validators with them) of models a correct outline is read without (outline/fast.py).
    colours, fonts = (
        {name: value for name in type(part).model_fields if (value := getattr(part, name))}
        for part in (outline.theme.colours, outline.theme.fonts))
    aspect = design.aspect or outline.aspect
    return make_theme(base, colours, fonts, aspect), None, []


def _design_left_aside(outline: Outline, positions: Positions, design: Design
                       ) -> list[Problem]:
    """A warning for each theme or aspect a template overrides: located at the outline's
    key when the outline gave it; unlocated, naming the flag, when the command line did."""
    said = "the template's own colours, fonts and slide size are used"
    found: list[Problem] = []
    for flag, given in (("--theme", design.theme), ("--aspect", design.aspect)):
        if given:
            found.append(Problem(0, 0, "", f"{flag} {given} is left aside: {said}", "warning"))
    for key, flag_given in (("theme", design.theme), ("aspect", design.aspect)):
        if key in outline.model_fields_set and not flag_given:
            line, column = positions.of_key((key,))
            found.append(Problem(line, column, key, f"left aside: {said}", "warning"))
    return found


def _locate(finding: Finding, positions: Positions) -> Problem:
    if finding.at is not None:
        line, column = positions.inside(finding.source, *finding.at)
    else:
        line, column = positions.of_value(finding.source)
    return Problem(line, column, format_path(finding.source), finding.message, finding.severity)


def check_output(outline_path: Path | None, out: Path) -> None:
    """Refuse outputs that would destroy the outline or not be a deck."""
    if out.suffix.lower() != ".pptx":
        raise BuildError(f"{out}: the output must be a .pptx file")
    if outline_path is not None and out.resolve() == outline_path.resolve():
        raise BuildError(f"{out}: the output would overwrite the outline")
    if out.is_dir():
        raise BuildError(f"{out}: is a folder; give a file name ending in .pptx")
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise BuildError(f"{out}: {parent} is a file, not a folder")


@collector_paused
def build(outline_path: Path | None, out: Path, *, strict: bool = False,
          design: Design = Design(), html: bool = False, text: str | None = None,
          folder: Path | None = None, force: bool = False) -> BuildResult:
    """Load, plan, lint and render one deck (from `outline_path`, or from the YAML `text`
    with its files relative to `folder`); the previous deck at `out` survives any
    failure, and is not overwritten when someone edited it (or aligndeck did not build
    it) unless `force`, which keeps it as `OUT.~N~` first. With `html`, also the
    self-contained page of the same plan beside it (`OUT.html`)."""
    from aligndeck.edits.guard import guard_output
    from aligndeck.render.package import build_time
    from aligndeck.render.pptx_writer import render_deck

    started = time.perf_counter()
    check_output(outline_path, out)
    checked = check(outline_path, strict=strict, design=design, text=text, folder=folder)
    checked_at = time.perf_counter()
    plan = checked.plan
    backup = guard_output(out, force, text if text is not None else _outline_text(outline_path))
    try:
        size = render_deck(plan, checked.theme, out, build_time(), checked.template,
                           checked.assets)
    except PermissionError as exc:
        raise BuildError(f"{out}: cannot write here ({exc.strerror}); is the file open in "
                         "another program, or the folder read-only?") from None
    except OSError as exc:
        raise BuildError(f"{out}: cannot write the deck ({exc.strerror or exc})") from None
    except Exception as exc:
        if checked.template is None:
            raise
        from aligndeck.render.template import blame_template

        raise blame_template(checked.template.source, exc) from None
    page = out.with_suffix(".html") if html else None
    if page is not None:
        from aligndeck.render.html.page import write_html

        try:
            write_html(plan, checked.theme, checked.minutes, checked.assets, page)
        except OSError as exc:
            raise BuildError(f"{page}: cannot write the page ({exc.strerror or exc})"
                             ) from None
    ended = time.perf_counter()
    return BuildResult(out, len(plan.slides), plan.diagram_count, ended - started, size,
                       checked.warnings, checked.minutes, page,
                       (("check", checked_at - started), ("render", ended - checked_at)),
                       backup)


def _outline_text(outline_path: Path | None) -> str | None:
    """The outline's text, to tell edits it already holds; None for standard input."""
    if outline_path is None:
        return builtin_outline_text()
    if str(outline_path) == STDIN:
        return None
    try:
        return outline_path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def init(folder: Path, force: bool) -> Path:
    """Write the default outline into `folder`, with the JSON Schema its first line points
    editors at; refuses to overwrite an outline unless `force`."""
    from aligndeck.outline.schema import SCHEMA_PATH, schema_text

    target = folder / DEFAULT_OUTLINE_NAME
    if target.exists() and not force:
        raise BuildError(f"{target}: already exists; use --force to overwrite it")
    schema = folder / SCHEMA_PATH
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(schema_text(), encoding="utf-8")
    target.write_text(builtin_outline_text(), encoding="utf-8")
    return target
