"""Shared test helpers: outline builders, plan walkers and plane geometry for assertions."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aligndeck.outline.models import Outline
from aligndeck.plan.model import Diagram, Element, Rect, Run, SlidePlan, Text
from ooxml_check import check_package

REPO = Path(__file__).resolve().parents[1]
SHARED_TEMPLATES = Path(os.environ.get("ALIGNDECK_SHARED_TEMPLATES",
                                       REPO.parent / "shared" / "templates"))
"""Real third-party templates, when a shared/ folder lies beside the repository (as on CI),
or where ALIGNDECK_SHARED_TEMPLATES says (a work tree elsewhere)."""
DEFAULT_OUTLINE = REPO / "deck.yaml"

STAGE_NAMES = (
    "Pretrained predictor", "Instruction tuning", "Reward modelling", "Policy optimization",
    "Red teaming", "Constitution review", "Evaluation", "Aligned assistant",
)
STAGE_SUMMARIES = (
    "Next-token model: continues plausibly, rarely answers",
    "Fine-tune on instruction and response pairs",
    "People compare outputs; a model learns to score them",
    "The policy is pushed towards higher reward",
    "Adversaries probe for harmful or broken answers",
    "The model critiques itself against written principles",
    "Benchmarks and people check what changed",
    "Helpful, honest, instruction-following",
)
LOOP_STEPS = (
    "Two outputs for the same prompt",
    "A person picks the better one",
    "Preferences train a reward model",
    "The policy is optimized to score higher",
    "New outputs are sampled",
    "Raters check a fresh batch",
)
SHORTCOMING_TITLES = (
    "Noisy preferences", "Reward hacking", "Sycophancy", "Contested goals", "Costly labels",
    "Bias baked in", "Hard to evaluate", "Unfinished work",
)


def build_outline(
    *,
    stages: int = 4,
    loop_steps: int | None = None,
    loop_stage: int = 3,
    responses: int = 2,
    shortcomings: int = 4,
    intro: int = 1,
    points: int = 3,
    insight: bool = True,
    closing: bool = True,
    notes: bool = False,
    **fields: Any,
) -> Outline:
    """An Outline of the given size; `loop_stage` is 1-based and clamped to the last stage.

    Any other keyword replaces that top-level field of the outline data (before validation).
    """

    def note(what: str) -> dict[str, str]:
        return {"notes": f"Speaker notes for {what}."} if notes else {}

    def bullets(what: str) -> list[str]:
        return [f"Point {j} about {what}" for j in range(1, points + 1)]

    stage_list: list[dict[str, Any]] = []
    for i in range(stages):
        stage: dict[str, Any] = {
            "name": STAGE_NAMES[i], "summary": STAGE_SUMMARIES[i],
            "points": bullets(STAGE_NAMES[i].lower()), **note(f"stage {i + 1}"),
        }
        stage_list.append(stage)
    if loop_steps is not None:
        stage_list[min(loop_stage, stages) - 1]["loop"] = {
            "steps": list(LOOP_STEPS[:loop_steps]), **note("the loop")}
    labels = ["Raw model", "Instruction-tuned model", "Aligned model"][-responses:]
    answers = [
        "How do I make pasta? How do I make rice? How do I make soup?",
        "Bread needs flour, water and yeast.",
        "Mix flour, water, yeast and salt; knead, let it rise, shape it and bake it.",
    ][-responses:]
    data: dict[str, Any] = {
        "title": "Alignment: making models do what you ask",
        "subtitle": "From a next-token predictor to an assistant",
        "author": "A. Speaker",
        "date": "2022",
        "intro": [
            {"title": f"Intro slide {i + 1}", "points": bullets(f"intro {i + 1}"),
             **note(f"intro {i + 1}")}
            for i in range(intro)
        ],
        "stages": stage_list,
        "comparison": {
            "prompt": "How do I make bread?",
            "responses": [{"label": lab, "text": ans}
                          for lab, ans in zip(labels, answers, strict=True)],
            "caption": "Same knowledge, different behaviour.",
            **note("the comparison"),
        },
        "shortcomings": {
            "items": [
                {"title": SHORTCOMING_TITLES[i],
                 "summary": f"Why {SHORTCOMING_TITLES[i].lower()} matters in practice",
                 "points": bullets(SHORTCOMING_TITLES[i].lower()),
                 **note(f"shortcoming {i + 1}")}
                for i in range(shortcomings)
            ],
            **note("the shortcomings"),
        },
    }
    if insight:
        data["insight"] = {"text": "The base model could already do the task.",
                           **note("the insight")}
    if closing:
        data["closing"] = {"title": "Thank you", "text": "Alignment decides what it does.",
                           **note("the closing")}
    data.update(fields)
    return Outline.model_validate(data)


def expected_kinds(outline: Outline) -> list[str]:
    """The slide kinds plan_deck should produce for an outline, in order."""
    kinds = ["title", *["content"] * len(outline.intro), "pipeline"]
    for stage in outline.stages:
        kinds.append("stage")
        if stage.loop is not None:
            kinds.append("loop")
    kinds.append("comparison")
    if outline.insight is not None:
        kinds.append("insight")
    kinds.append("shortcomings")
    kinds += ["shortcoming" for item in outline.shortcomings.items if item.points]
    if outline.closing is not None:
        kinds.append("closing")
    return kinds


# ---- walking a plan --------------------------------------------------------------------------

def frames(element: Element) -> Iterator[Any]:
    """Every TextFrame an element carries (a diagram's boxes included)."""
    if isinstance(element, Diagram):
        for box in element.boxes:
            if box.frame is not None:
                yield box.frame
    elif isinstance(element, Text) or element.frame is not None:
        yield element.frame


def runs(slide: SlidePlan) -> Iterator[Run]:
    for element in slide.elements:
        for frame in frames(element):
            for paragraph in frame.paragraphs:
                yield from paragraph.runs


def bounds(element: Element) -> Rect:
    """An element's rectangle; for a diagram, the union of its boxes and arrow ends."""
    if not isinstance(element, Diagram):
        return element.rect
    xs = [x for b in element.boxes for x in (b.rect.x, b.rect.right)]
    ys = [y for b in element.boxes for y in (b.rect.y, b.rect.bottom)]
    for arrow in element.arrows:
        xs += [arrow.begin[0], arrow.finish[0]]
        ys += [arrow.begin[1], arrow.finish[1]]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def diagrams(slide: SlidePlan) -> list[Diagram]:
    return [e for e in slide.elements if isinstance(e, Diagram)]


# ---- plane geometry --------------------------------------------------------------------------

def segment_hits_rect(p: tuple[float, float], q: tuple[float, float], rect: Rect) -> bool:
    """Whether the segment p–q passes through the *interior* of rect (touching its edge is fine).

    Liang–Barsky clipping against the open rectangle: the segment enters the interior iff the
    clipped parameter interval is non-empty and the clipped piece is not lying on an edge.
    """
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, x0 - rect.x), (dx, rect.right - x0),
                           (-dy, y0 - rect.y), (dy, rect.bottom - y0)):
        if edge_p == 0:
            if edge_q <= 0:  # parallel to this edge and outside or on it
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    if t0 >= t1:
        return False
    mx, my = x0 + dx * (t0 + t1) / 2, y0 + dy * (t0 + t1) / 2
    return rect.x < mx < rect.right and rect.y < my < rect.bottom


def on_side_midpoint(point: tuple[int, int], rect: Rect) -> bool:
    """Whether point is the midpoint of one of rect's four sides (to the EMU)."""
    return point in {rect.side_midpoint(side) for side in ("top", "left", "bottom", "right")}


def gap_between(a: Rect, b: Rect) -> int:
    """The clear distance between two rectangles (the larger of the x and y gaps; <0 overlaps)."""
    return max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom)


# ---- the package check ------------------------------------------------------------------------

def run_validator(path: Path) -> None:
    """Fail unless path is a sound PowerPoint package (ooxml_check: schemas, relationships,
    content types, shape ids)."""
    problems = check_package(path)
    assert not problems, f"{path.name}: {len(problems)} problem(s):\n" + "\n".join(
        map(str, problems))


def require_soffice() -> str:
    """The soffice command; a visible skip where LibreOffice is missing, or a failure when
    ALIGNDECK_REQUIRE_RENDER=1 (as CI sets it)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("ALIGNDECK_REQUIRE_RENDER") == "1":
            pytest.fail("LibreOffice (soffice) not installed but ALIGNDECK_REQUIRE_RENDER=1")
        pytest.skip("LibreOffice (soffice) not installed: render test skipped")
    return soffice


def require_shared_templates() -> Path:
    """The folder of real third-party templates; a visible skip where it is absent (a fresh
    clone), or a failure when ALIGNDECK_REQUIRE_SHARED=1 (as CI sets it)."""
    if not SHARED_TEMPLATES.is_dir():
        if os.environ.get("ALIGNDECK_REQUIRE_SHARED") == "1":
            pytest.fail(f"real templates missing: {SHARED_TEMPLATES} (ALIGNDECK_REQUIRE_SHARED=1)")
        pytest.skip(f"real third-party templates not found at {SHARED_TEMPLATES}: skipped "
                    "(the project's own made templates cover the same cases)")
    return SHARED_TEMPLATES


def convert_to_pdf(soffice: str, decks: dict[str, Path], out: Path, profile: Path
                   ) -> dict[str, Path]:
    """Each deck's PDF, made in one LibreOffice run with its own profile folder. soffice
    exits 0 even when it could not load a file, so every PDF must exist."""
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "pdf", "--outdir", str(out), *map(str, decks.values())]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    pdfs = {}
    for name, deck in decks.items():
        pdf = out / f"{deck.stem}.pdf"
        assert pdf.is_file(), (f"LibreOffice made no PDF for {deck.name} (exit "
                               f"{result.returncode}):\n{result.stdout}\n{result.stderr}")
        pdfs[name] = pdf
    return pdfs


# ---- words broken across lines in a rendered PDF -------------------------------------------

_BREAKS_AFTER = frozenset("-‐‑–—/\u200b")
"""A line may end after these inside a word: a break there is not a word broken."""
_EDGE_PUNCTUATION = "\"'“”‘’„«»()[]{}.,;:!?¿¡…·،؛؟"


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip(_EDGE_PUNCTUATION)


def _rtl(text: str) -> bool:
    return any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufeff" for ch in text)


def _breakable(ch: str) -> bool:
    """CJK text may break between any two characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """PDF words (pdfplumber's) grouped into lines, top to bottom, each in reading order
    (right to left for a line of Hebrew or Arabic)."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        if lines and word["top"] < lines[-1][0]["top"] + 0.5 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"], reverse=_rtl("".join(w["text"] for w in line)))
            for line in lines]


def broken_words(words: list[dict[str, Any]], boxes: list[tuple[str, tuple[float, ...]]],
                 source: str) -> list[str]:
    """Words of `source` (the slide's text) that LibreOffice split across two lines in the
    middle: the last word of a line and the first of the next, in the same text shape, make
    one word of the source between them, and are not both words of it on their own. A break
    after a hyphen or slash, or between two CJK characters, is a break, not a broken word."""
    tokens = {_folded(token) for token in source.split()}
    found = []
    for name, (x0, y0, x1, y1) in boxes:
        inside = [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
                  and y0 <= (w["top"] + w["bottom"]) / 2 <= y1]
        lines = text_lines(inside)
        for line, following in itertools.pairwise(lines):
            end, start = line[-1]["text"], following[0]["text"]
            if end[-1:] in _BREAKS_AFTER or _breakable(end[-1:] or " ") \
                    or _breakable(start[:1] or " "):
                continue
            for a in {end, end[::-1]}:
                for b in {start, start[::-1]}:
                    whole = {_folded(a + b), _folded(b + a)} & tokens
                    if whole and _folded(a) and _folded(b) and not (
                            _folded(a) in tokens and _folded(b) in tokens):
                        found.append(f"{name}: {a!r} / {b!r} (of {sorted(whole)[0]!r})")
    return sorted(set(found))


def shapes_text(shapes: Any) -> str:
    """All the text of a slide's shapes (python-pptx's), groups unfolded."""
    parts = []
    for shape in shapes:
        if hasattr(shape, "shapes"):
            parts.append(shapes_text(shape.shapes))
        elif shape.has_text_frame:
            parts.append(shape.text_frame.text)
    return "\n".join(parts)


CHROMIUM = Path("/usr/bin/chromium")


def require_chromium() -> Path:
    """Debian's chromium, which Playwright drives (browsers cannot be downloaded here); a
    visible skip where it or Playwright is missing, or a failure when
    ALIGNDECK_REQUIRE_RENDER=1 (as CI sets it)."""
    found = shutil.which("chromium")
    path = Path(found) if found else CHROMIUM
    missing = None
    if not path.is_file():
        missing = "chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright for Python is not installed (pip install playwright)"
    if missing is not None:
        if os.environ.get("ALIGNDECK_REQUIRE_RENDER") == "1":
            pytest.fail(f"{missing} but ALIGNDECK_REQUIRE_RENDER=1")
        pytest.skip(f"{missing}: browser test skipped")
    return path
