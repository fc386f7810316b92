"""Benchmark: aligndeck against pandoc's pptx writer, a plain python-pptx script and a zip.

    pip install -r bench/requirements.txt     # pandoc, shipped inside pypandoc-binary
    python bench/run.py                       # sizes 12,120,1200; 3 runs each
    python bench/run.py --sizes 12,120,1200 --repeat 3 --json bench-results.json

In one run it
1. writes outlines of about 12, 120 and 1200 slides: each `intro` slide is a content slide
   (a title, 4 bullets of 12 words, 60 words of notes) and the rest of the outline is the
   smallest valid one (1 stage, 2 responses, 1 shortcoming without points). The planned slide
   count is checked with `aligndeck.api.check` to equal the size asked for. The same content
   is written as Markdown for pandoc and as JSON for bench/plain_pptx.py;
2. builds each size with every tool, each build in a fresh process, `--repeat` times (round
   robin over the tools); a tool whose first run at a size takes longer than `--slow` seconds
   is run only once at that size, and the table says so in its "runs" column. The "zip"
   tool is the floor: a fresh Python process that only zips the XML parts of aligndeck's
   deck at that size (bench/zip_floor.py; the parts are unpacked, untimed, from aligndeck's
   first run);
3. times the cold start-up: the default deck (`python -m aligndeck build` in an empty folder)
   against `python -c "import pptx"`, and `aligndeck --help`;
4. times, in one child process, what `watch` and `serve` repeat on each save
   (bench/warm.py): the in-process rebuild of the default deck after a one-word change, and
   the serve redraw with the house design and with a 4 MB template;
5. prints a table of median wall times and peak memory (RSS), then the ratios issues 7 and
   24 target, each marked met or not met. `--json FILE` saves everything, raw runs included.

It measures the aligndeck that `import aligndeck` finds (the working tree, in an editable
install). `--ref REV` measures a git revision instead (`git archive REV src/aligndeck`, put
first on PYTHONPATH), which keeps the numbers stable while src/ is being edited and lets two
revisions be compared: `--ref HEAD~1` then `--ref HEAD`. `--src DIR` measures the aligndeck
package in DIR (a src folder, such as a prototype kept outside the repository).

Benchmarks are not tests: nothing here is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAIN_SCRIPT = Path(__file__).resolve().parent / "plain_pptx.py"
ZIP_SCRIPT = Path(__file__).resolve().parent / "zip_floor.py"
WARM_SCRIPT = Path(__file__).resolve().parent / "warm.py"
TOOLS = ("aligndeck", "pandoc", "plain", "zip")
TOOL_LABEL = {"aligndeck": "aligndeck", "pandoc": "pandoc", "plain": "plain python-pptx",
              "zip": "zip of its XML"}

# Targets of issue 7.
TARGET_VS_PANDOC = 0.15
TARGET_VS_PLAIN = 0.25
TARGET_GROWTH_PER_10X = 12.0  # 120 -> 1200 slides (10x) at most 12x the time
TARGET_COLD_VS_IMPORT = 3.0
TARGET_PEAK_MB = 300.0
TARGET_SIZE = 1200
# Targets of issue 24.
TARGET_VS_ZIP = 6.0
TARGET_VS_PANDOC_24 = 0.08
TARGET_COLD_VS_IMPORT_24 = 2.5
TARGET_WARM_S = 0.050
TARGET_REDRAW_S = 0.300

# ---------------------------------------------------------------------------------------------
# Content: deterministic text, the same slide i at every size (seeded by i), so a bigger
# deck is a smaller deck with more slides after it.

_WORDS_TEXT = (
    "model data text task goal user answer reward policy human rater label prompt token "
    "train tune learn guess score rank pick judge test check plan build write read ask "
    "help care trust fair safe clear short long small large fast slow early late rich "
    "plain broad deep open shared local global steady rough exact loose fresh prior next "
    "final basic core major minor key main whole part piece step stage loop cycle round "
    "pass batch set list table chart graph sign cue hint rule norm value aim need want "
    "means method trick habit skill power limit bound edge range scale level layer head "
    "mind voice style tone frame view angle light shade color shape form sense idea point "
    "fact claim proof case story world place time hour week year move turn shift change "
    "grow drop rise fall gain loss cost price trade deal offer gift share blend mix"
)
WORDS = _WORDS_TEXT.split()
BULLET_WORDS, BULLETS, NOTE_WORDS, MAX_BULLET_CHARS = 12, 4, 60, 68


def _sentence(rng: random.Random, count: int) -> str:
    words = [rng.choice(WORDS) for _ in range(count)]
    return " ".join(words).capitalize()


def _bullet(rng: random.Random) -> str:
    while True:  # 12 words, short enough to stay on one line: no "(cont.)" slides
        text = _sentence(rng, BULLET_WORDS)
        if len(text) <= MAX_BULLET_CHARS:
            return text


def _notes(rng: random.Random, words: int = NOTE_WORDS) -> str:
    sentences, left = [], words
    while left > 0:
        count = min(12, left)
        sentences.append(_sentence(rng, count) + ".")
        left -= count
    return " ".join(sentences)


def content_slide(index: int) -> dict:
    rng = random.Random(index)
    title = f"Point {index}: " + " ".join(rng.choice(WORDS) for _ in range(3))
    return {"title": title, "points": [_bullet(rng) for _ in range(BULLETS)],
            "notes": _notes(rng)}


def outline_for(intro_count: int, slides: int) -> dict:
    """The smallest valid outline around `intro_count` content slides."""
    rng = random.Random(-1)
    return {
        "title": f"Benchmark deck of {slides} slides",
        "subtitle": "Generated by bench/run.py",
        "intro": [content_slide(i) for i in range(1, intro_count + 1)],
        "stages": [{"name": "Only stage", "summary": "The one stage of this deck",
                    "notes": _notes(rng)}],
        "comparison": {"prompt": "How do I make bread?", "notes": _notes(rng),
                       "responses": [{"label": "Raw model", "text": "How do I make pasta?"},
                                     {"label": "Aligned model",
                                      "text": "Mix flour, water, yeast and salt; knead, rise, "
                                              "bake."}]},
        "shortcomings": {"notes": _notes(rng),
                         "items": [{"title": "Unfinished", "summary": "Not a checkbox"}]},
    }


def flat_slides(outline: dict) -> list[dict]:
    """The outline as aligndeck lays it out, one {title, points, notes} per slide, for the
    tools that only know title + bullets + notes."""
    stage, comparison = outline["stages"][0], outline["comparison"]
    short = outline["shortcomings"]
    cover_notes = f"{outline['title']}. {outline['subtitle']}."
    slides = [{"title": outline["title"], "points": [outline["subtitle"]], "notes": cover_notes}]
    slides += outline["intro"]
    slides.append({"title": "The pipeline at a glance", "points": [stage["name"]],
                   "notes": stage["notes"]})
    slides.append({"title": stage["name"], "points": [stage["summary"]], "notes": stage["notes"]})
    slides.append({"title": "Same prompt, two models",
                   "points": [comparison["prompt"],
                              *(f"{r['label']}: {r['text']}" for r in comparison["responses"])],
                   "notes": comparison["notes"]})
    slides.append({"title": "Where it falls short",
                   "points": [f"{i['title']}: {i['summary']}" for i in short["items"]],
                   "notes": short["notes"]})
    return slides


def markdown_for(slides: list[dict]) -> str:
    """Pandoc Markdown: one `# title` slide each (with --slide-level=1), bullets, notes."""
    parts = []
    for slide in slides:
        bullets = "\n".join(f"- {point}" for point in slide["points"])
        parts.append(f"# {slide['title']}\n\n{bullets}\n\n::: notes\n{slide['notes']}\n:::\n")
    return "\n".join(parts)


@dataclass
class Inputs:
    size: int
    outline: Path
    content: Path
    markdown: Path
    parts: Path


def write_inputs(size: int, folder: Path, overhead: int) -> Inputs:
    """Outline, JSON content and Markdown for a deck of `size` slides, checked to plan to
    exactly `size` slides."""
    from aligndeck.api import check
    from aligndeck.outline.loader import MAX_OUTLINE_BYTES

    if size <= overhead:
        raise SystemExit(f"--sizes: {size} is too small; the smallest deck has {overhead + 1}")
    outline = outline_for(size - overhead, size)
    paths = Inputs(size, folder / f"outline-{size}.yaml", folder / f"content-{size}.json",
                   folder / f"content-{size}.md", folder / f"parts-{size}.json")
    text = yaml.safe_dump(outline, sort_keys=False, allow_unicode=True, width=1000)
    if len(text.encode()) > MAX_OUTLINE_BYTES:
        raise SystemExit(f"--sizes: an outline of {size} slides is {len(text.encode()):,} bytes, "
                         f"over aligndeck's limit of {MAX_OUTLINE_BYTES:,}")
    paths.outline.write_text(text, encoding="utf-8")
    checked = check(paths.outline)
    if checked.slides != size:
        raise SystemExit(f"outline-{size}.yaml plans {checked.slides} slides, not {size} "
                         "(did a bullet need a continuation slide?)")
    if checked.warnings:
        print(f"  note: outline-{size}.yaml has {len(checked.warnings)} lint warnings, e.g. "
              f"{checked.warnings[0].message}", file=sys.stderr)
    slides = flat_slides(outline)
    assert len(slides) == size, (len(slides), size)
    paths.content.write_text(json.dumps({"title": outline["title"],
                                         "subtitle": outline["subtitle"], "slides": slides}),
                             encoding="utf-8")
    paths.markdown.write_text(markdown_for(slides), encoding="utf-8")
    return paths


def outline_overhead(folder: Path) -> int:
    """How many slides the minimal outline has besides its intro slides."""
    from aligndeck.api import check

    path = folder / "outline-0.yaml"
    path.write_text(yaml.safe_dump(outline_for(0, 0), sort_keys=False), encoding="utf-8")
    return check(path).slides


# ---------------------------------------------------------------------------------------------
# Measuring one process.
#
# Peak memory is the child's ru_maxrss, which must be read for that one process:
# - getrusage(RUSAGE_CHILDREN) is the maximum over *all* children waited for so far, so
#   deltas of it are wrong (they only grow, and only when a new record is set).
# - os.wait4(pid) gives one child's rusage, but on Linux a child's maxrss starts at the
#   high-water mark of the process that spawned it (exec() records the old address space's
#   peak, and fork/vfork share or copy the parent's), so children of this script, which holds
#   planned decks in memory, would inherit this script's peak.
# So every measured command is started by a tiny intermediate process and that process
# reports its own child's peak: GNU time (`/usr/bin/time -f %M`, about 1 MB itself) when it is
# installed, otherwise a `python -S` wrapper that calls os.wait4 on its one child (its own
# peak, about 10 MB, is then a floor under the number, below any Python run measured here).
# Wall time is measured around the intermediate process with time.perf_counter (GNU time adds
# about a millisecond) or, for the Python wrapper, inside it around the child. The child's CPU
# time (user + system) is reported beside it: on a machine shared with other work it moves
# less than wall time does. The targets are on wall time, as issue 7 states them.

_WRAPPER = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    cpu = usage.ru_utime + usage.ru_stime
    out.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu}")
sys.exit(0)
"""


def _gnu_time() -> str | None:
    path = shutil.which("time") or "/usr/bin/time"
    with contextlib.suppress(OSError):
        done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
        if "GNU" in done.stdout + done.stderr:
            return path
    return None


GNU_TIME = _gnu_time()


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    error: str = ""
    cpu_seconds: float = 0.0


def measure(command: list[str], cwd: Path | None = None) -> Run:
    with tempfile.NamedTemporaryFile("r", suffix=".rusage", delete=False) as handle:
        report = Path(handle.name)
    try:
        if GNU_TIME:
            wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(report), *command]
        else:
            wrapped = [sys.executable, "-S", "-c", _WRAPPER, str(report), *command]
        started = time.perf_counter()
        done = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=False)
        seconds = time.perf_counter() - started
        lines = report.read_text().split("\n") if report.exists() else []
        lines = [line for line in lines if line.strip()]
        if GNU_TIME:
            kib_text, user, system = lines[-1].split() if lines else ("0", "0", "0")
            kib, cpu, returncode = int(kib_text), float(user) + float(system), done.returncode
        else:
            seconds_text, kib_text, code_text, cpu_text = lines[-1].split()
            seconds, kib, returncode = float(seconds_text), int(kib_text), int(code_text)
            cpu = float(cpu_text)
    finally:
        report.unlink(missing_ok=True)
    error = "" if returncode == 0 else f"exit {returncode}: {done.stderr.strip()[-400:]}"
    return Run(seconds, kib / 1024, returncode == 0, error, cpu)


# ---------------------------------------------------------------------------------------------
# The commands.


def pandoc_path() -> str | None:
    with contextlib.suppress(ImportError, OSError):
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    return shutil.which("pandoc")


def aligndeck_command() -> list[str]:
    script = Path(sys.executable).parent / "aligndeck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "aligndeck"]


def build_command(tool: str, inputs: Inputs, out: Path, pandoc: str | None) -> list[str]:
    if tool == "aligndeck":
        return [sys.executable, "-m", "aligndeck", "build", str(inputs.outline), "-o", str(out)]
    if tool == "pandoc":
        assert pandoc is not None
        return [pandoc, str(inputs.markdown), "-f", "markdown", "-t", "pptx",
                "--slide-level=1", "-o", str(out)]
    if tool == "zip":
        return [sys.executable, str(ZIP_SCRIPT), str(inputs.parts), str(out)]
    return [sys.executable, str(PLAIN_SCRIPT), str(inputs.content), str(out)]


def unpack_parts(deck: Path, inputs: Inputs) -> None:
    """The parts of aligndeck's `deck`, unpacked beside the inputs, and their names in the
    deck's order, for the zip floor (untimed)."""
    folder = inputs.parts.with_suffix("")
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    inputs.parts.write_text(json.dumps({"folder": str(folder), "names": names}),
                            encoding="utf-8")


def slide_count(deck: Path) -> int:
    with zipfile.ZipFile(deck) as archive:
        return sum(1 for name in archive.namelist()
                   if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


HELP_IMPORTS = """
import sys
sys.argv = ["aligndeck", "--help"]
from aligndeck.cli import main
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m == "pptx" or m.startswith("pptx.")), file=sys.stderr)
"""


def help_imports_pptx() -> bool:
    done = subprocess.run([sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True,
                          check=False)
    return done.stderr.strip().splitlines()[-1] != "[]"


# ---------------------------------------------------------------------------------------------
# Running and reporting.


@dataclass
class Result:
    size: int
    tool: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def ok_runs(self) -> list[Run]:
        return [run for run in self.runs if run.ok]

    @property
    def median(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(run.seconds for run in runs) if runs else None

    @property
    def cpu(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(run.cpu_seconds for run in runs) if runs else None

    @property
    def peak_mb(self) -> float | None:
        runs = self.ok_runs
        return max(run.peak_mb for run in runs) if runs else None


def run_sizes(sizes: list[int], tools: list[str], repeat: int, slow: float, folder: Path,
              pandoc: str | None) -> list[Result]:
    overhead = outline_overhead(folder)
    results = []
    for size in sizes:
        print(f"* {size} slides: writing and checking the inputs", file=sys.stderr)
        inputs = write_inputs(size, folder, overhead)
        if "zip" in tools:  # the floor zips aligndeck's own parts: build them once, untimed
            deck = folder / f"parts-{size}.pptx"
            first = measure(build_command("aligndeck", inputs, deck, pandoc))
            if not first.ok:
                raise SystemExit(f"aligndeck failed at {size} slides: {first.error}")
            unpack_parts(deck, inputs)
        at_size = {tool: Result(size, tool) for tool in tools}
        for round_number in range(repeat):
            for tool in tools:
                result = at_size[tool]
                if result.runs and not result.runs[0].ok:
                    continue
                if round_number > 0 and result.runs[0].seconds > slow:
                    if not result.note:
                        result.note = f"first run over {slow:g} s: run once"
                    continue
                out = folder / f"{tool}-{size}.pptx"
                out.unlink(missing_ok=True)
                run = measure(build_command(tool, inputs, out, pandoc))
                if run.ok and round_number == 0 and (count := slide_count(out)) != size:
                    result.note = f"wrote {count} slides, not {size}"
                result.runs.append(run)
                print(f"  {TOOL_LABEL[tool]:>17}  run {round_number + 1}: "
                      + (f"{run.seconds:8.2f} s {run.peak_mb:7.1f} MB" if run.ok
                         else f"FAILED {run.error}"), file=sys.stderr)
        results.extend(at_size.values())
    return results


def startup_commands() -> dict[str, tuple[list[str], str | None]]:
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        'python -c "import pptx"': ([sys.executable, "-c", "import pptx"], None),
        "aligndeck --help": ([*aligndeck_command(), "--help"], None),
        "default deck (python -m aligndeck build)": (
            [sys.executable, "-m", "aligndeck", "build"], "fresh"),
    }


def run_startup(repeat: int, folder: Path) -> dict[str, Result]:
    print("* cold start-up", file=sys.stderr)
    commands = startup_commands()
    results = {name: Result(0, name) for name in commands}
    for _ in range(repeat):
        for name, (command, where) in commands.items():
            cwd = Path(tempfile.mkdtemp(dir=folder)) if where == "fresh" else folder
            results[name].runs.append(measure(command, cwd=cwd))
    for name, result in results.items():
        failed = [run for run in result.runs if not run.ok]
        if failed:
            print(f"  {name}: FAILED {failed[0].error}", file=sys.stderr)
    return results


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return None if top is None or not bottom else top / bottom


def run_warm(saves: int) -> dict[str, dict]:
    """bench/warm.py in a child process: the warm rebuild and the serve redraws."""
    print("* warm rebuild and serve redraw (in one process)", file=sys.stderr)
    done = subprocess.run([sys.executable, str(WARM_SCRIPT), "--saves", str(saves)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"  FAILED: {done.stderr.strip()[-400:]}", file=sys.stderr)
        return {}
    found: dict[str, dict] = json.loads(done.stdout)
    return found


def targets(results: list[Result], startup: dict[str, Result],
            help_pptx: bool | None, warm: dict[str, dict] | None = None) -> list[dict]:
    by = {(r.size, r.tool): r for r in results}
    sizes = sorted({r.size for r in results})
    rows: list[dict] = []

    def add(name: str, value: float | None, shown: str, limit: str, met: bool | None,
            cpu: float | None = None) -> None:
        rows.append({"target": name, "measured": value, "shown": shown, "limit": limit,
                     "met": met, "cpu": cpu})

    large = sizes[-1]
    mine = by.get((large, "aligndeck"))
    mine_s = mine.median if mine else None
    # Issue 24's targets first.
    for tool, limit24, word in (("zip", TARGET_VS_ZIP, "x"), ("pandoc", TARGET_VS_PANDOC_24, "")):
        other = by.get((large, tool))
        value = _ratio(mine_s, other.median if other else None)
        add(f"{large} slides: aligndeck / {TOOL_LABEL[tool]} time (24)", value,
            _fmt(value) + word, f"<= {limit24:.2f}{word}",
            None if value is None else value <= limit24,
            _ratio(mine.cpu if mine else None, other.cpu if other else None))
    if startup:
        deck_result = startup["default deck (python -m aligndeck build)"]
        pptx_result = startup['python -c "import pptx"']
        value = _ratio(deck_result.median, pptx_result.median)
        add('default deck cold / python -c "import pptx" (24)', value, _fmt(value),
            f"<= {TARGET_COLD_VS_IMPORT_24:.1f}",
            None if value is None else value <= TARGET_COLD_VS_IMPORT_24,
            _ratio(deck_result.cpu, pptx_result.cpu))
    for name, timing in (warm or {}).items():
        limit_s = TARGET_WARM_S if name == "warm rebuild" else TARGET_REDRAW_S
        median = timing["median_s"]
        if name == "serve redraw, house design":
            continue  # issue 24 sets no target for it; it is in the table above
        add(f"{name}: median (24)", median, f"{median * 1000:.0f} ms",
            f"<= {limit_s * 1000:.0f} ms", median <= limit_s)
    for tool, limit in (("pandoc", TARGET_VS_PANDOC), ("plain", TARGET_VS_PLAIN)):
        other = by.get((large, tool))
        value = _ratio(mine_s, other.median if other else None)
        add(f"{large} slides: aligndeck / {TOOL_LABEL[tool]} time", value,
            _fmt(value), f"<= {limit:.2f}", None if value is None else value <= limit)
    if len(sizes) >= 2:
        small = sizes[-2]
        before = by.get((small, "aligndeck"))
        value = _ratio(mine_s, before.median if before else None)
        limit = TARGET_GROWTH_PER_10X * (large / small) / 10
        add(f"aligndeck growth {small} -> {large} slides", value,
            "-" if value is None else f"{value:.1f}x", f"<= {limit:.1f}x",
            None if value is None else value <= limit)
    peak = mine.peak_mb if mine else None
    add(f"{large} slides: aligndeck peak memory", peak,
        "-" if peak is None else f"{peak:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB",
        None if peak is None else peak < TARGET_PEAK_MB)
    if startup:
        deck = startup["default deck (python -m aligndeck build)"].median
        value = _ratio(deck, startup['python -c "import pptx"'].median)
        met = None if value is None else value <= TARGET_COLD_VS_IMPORT
        add('default deck cold / python -c "import pptx"', value, _fmt(value),
            f"<= {TARGET_COLD_VS_IMPORT:.0f}", met)
    if help_pptx is not None:
        add("aligndeck --help imports python-pptx", float(help_pptx),
            "yes" if help_pptx else "no", "no", not help_pptx)
    return rows


def print_report(results: list[Result], startup: dict[str, Result], rows: list[dict],
                 header: str, warm: dict[str, dict] | None = None) -> None:
    print(header)
    print()
    print(f"{'slides':>6}  {'tool':<17} {'runs':>4} {'median s':>9} {'ms/slide':>9} "
          f"{'CPU s':>7} {'peak MB':>8}  note")
    for r in results:
        per_slide = None if r.median is None else r.median / r.size * 1000
        failed = [run for run in r.runs if not run.ok]
        note = "; ".join(filter(None, [r.note, f"{len(failed)} of {len(r.runs)} runs failed: "
                                                 f"{failed[0].error[:80]}" if failed else ""]))
        print(f"{r.size:>6}  {TOOL_LABEL[r.tool]:<17} {len(r.ok_runs):>4} {_fmt(r.median):>9} "
              f"{_fmt(per_slide, 1):>9} {_fmt(r.cpu):>7} {_fmt(r.peak_mb, 1):>8}  {note}")
    if startup:
        print()
        print(f"{'cold start-up':<42} {'runs':>4} {'median s':>9} {'peak MB':>8}")
        for name, r in startup.items():
            print(f"{name:<42} {len(r.ok_runs):>4} {_fmt(r.median, 3):>9} "
                  f"{_fmt(r.peak_mb, 1):>8}")
    if warm:
        print()
        print(f"{'in one process, after a one-word change':<42} {'runs':>4} {'median ms':>9} "
              f"{'worst ms':>9} {'CPU ms':>7}")
        for name, timing in warm.items():
            cpu = timing.get("cpu_median_s")
            print(f"{name:<42} {len(timing['runs']):>4} {timing['median_s'] * 1000:>9.0f} "
                  f"{timing['worst_s'] * 1000:>9.0f} "
                  f"{'' if cpu is None else format(cpu * 1000, '.0f'):>7}")
    print()
    print(f"{'target (issue 7; issue 24 marked (24))':<52} {'measured':>9} {'target':>9}  "
          f"status   (ratio of CPU times)")
    for row in rows:
        status = {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]
        cpu = "" if row.get("cpu") is None else f"({row['cpu']:.2f})"
        print(f"{row['target']:<52} {row['shown']:>9} {row['limit']:>9}  {status:<8} {cpu}")
    largest = max((r.size for r in results), default=TARGET_SIZE)
    if largest != TARGET_SIZE:
        print(f"(issue 7 sets the time ratios and the memory limit at {TARGET_SIZE} slides; "
              f"these are at {largest})")


def use_source(src: Path) -> None:
    """Import aligndeck from the folder `src` (which holds aligndeck/), here and in every
    child process."""
    if not (src / "aligndeck" / "__init__.py").is_file():
        raise SystemExit(f"--src {src}: no aligndeck package in it")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p)
    sys.path.insert(0, str(src))


def use_revision(rev: str, folder: Path) -> str:
    """Put aligndeck's sources as of git revision `rev` first on the import path, for this
    process and every child; returns the revision's short hash."""
    target = folder / "ref"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    archive = subprocess.run(["git", "archive", rev, "--", "src/aligndeck"], cwd=ROOT,
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"--ref {rev}: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    use_source(target / "src")
    done = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    return done.stdout.strip()


def environment(pandoc: str | None) -> dict:
    from importlib.metadata import version

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False)
        return done.stdout.strip()

    pandoc_version = ""
    if pandoc:
        done = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
        pandoc_version = done.stdout.split("\n", 1)[0]
    return {"python": platform.python_version(), "python-pptx": version("python-pptx"),
            "aligndeck": version("aligndeck"), "pandoc": pandoc_version,
            "cpus": os.cpu_count(), "machine": platform.machine(),
            "commit": git("rev-parse", "--short", "HEAD"),
            "src_modified": bool(git("status", "--porcelain", "--", "src")),
            "memory_probe": "GNU time" if GNU_TIME else "python wrapper (os.wait4)"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="12,120,1200",
                        help="deck sizes in slides, comma-separated (default 12,120,1200)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per size and tool; the median is reported (default 3)")
    parser.add_argument("--slow", type=float, default=60.0,
                        help="a tool whose first run at a size takes longer than this many "
                             "seconds is run only once at that size (default 60)")
    parser.add_argument("--startup-repeat", type=int, default=9,
                        help="runs of each cold start-up command (default 9)")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="which of aligndeck,pandoc,plain to run (default all)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timings")
    parser.add_argument("--no-warm", action="store_true",
                        help="skip the warm rebuild and serve redraw timings")
    parser.add_argument("--saves", type=int, default=15,
                        help="timed saves for the warm rebuild and each redraw (default 15)")
    parser.add_argument("--json", type=Path, help="also save the results to this JSON file")
    parser.add_argument("--ref", metavar="REV",
                        help="benchmark aligndeck's src/ as of this git revision (e.g. HEAD) "
                             "instead of the working tree")
    parser.add_argument("--src", type=Path, metavar="DIR",
                        help="benchmark the aligndeck package in DIR (a src folder, e.g. a "
                             "prototype) instead of the working tree")
    parser.add_argument("--keep", type=Path,
                        help="write outlines and decks into this folder and keep them")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 12,120,1200")
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if not sizes or args.repeat < 1 or any(t not in TOOLS for t in tools):
        parser.error("need at least one size, --repeat >= 1 and tools among "
                     + ",".join(TOOLS))
    pandoc = pandoc_path()
    if "pandoc" in tools and pandoc is None:
        print("pandoc not found: pip install -r bench/requirements.txt (pypandoc-binary); "
              "skipping pandoc", file=sys.stderr)
        tools.remove("pandoc")

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep.resolve()
    else:
        folder = Path(tempfile.mkdtemp(prefix="aligndeck-bench-"))
    # Byte-code: this machine may set PYTHONDONTWRITEBYTECODE, and an editable install or a
    # --ref snapshot has no .pyc files, so every aligndeck process would compile its modules
    # from source, which an installed package never does. Children write and read their
    # byte-code in a cache of the bench's own (the warm-up fills it), never in src/.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    try:
        if args.ref:
            revision = use_revision(args.ref, folder)
        elif args.src:
            use_source(args.src.resolve())
        env = environment(pandoc)
        if args.ref:
            env.update(commit=revision, src_modified=False, ref=args.ref)
        elif args.src:
            env.update(src=str(args.src.resolve()))
        # One untimed build of the smallest deck with each tool: first-run costs (byte-code
        # compilation, disk cache) are not what we measure.
        print("* warm-up", file=sys.stderr)
        overhead = outline_overhead(folder)
        warm = write_inputs(sizes[0], folder, overhead)
        for tool in tools:
            if tool == "zip":
                deck = folder / "warm-aligndeck.pptx"
                if not deck.exists():
                    measure(build_command("aligndeck", warm, deck, pandoc))
                unpack_parts(deck, warm)
            run = measure(build_command(tool, warm, folder / f"warm-{tool}.pptx", pandoc))
            if not run.ok:
                print(f"  {tool}: FAILED {run.error}", file=sys.stderr)
        if not args.no_startup:
            for command, _ in startup_commands().values():
                measure(command, cwd=Path(tempfile.mkdtemp(dir=folder)))
        results = run_sizes(sizes, tools, args.repeat, args.slow, folder, pandoc)
        startup = {} if args.no_startup else run_startup(args.startup_repeat, folder)
        help_pptx = None if args.no_startup else help_imports_pptx()
        warm_times = {} if args.no_warm else run_warm(args.saves)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    rows = targets(results, startup, help_pptx, warm_times)
    where = (f"--ref {args.ref} = {env['commit']}" if args.ref else f"--src {env['src']}"
             if args.src else
             f"working tree at {env['commit']}{', src modified' if env['src_modified'] else ''}")
    header = (f"aligndeck {env['aligndeck']} ({where}) · python {env['python']} · "
              f"python-pptx {env['python-pptx']} · {env['pandoc'] or 'no pandoc'} · "
              f"{env['cpus']} CPUs · peak RSS via {env['memory_probe']}")
    print_report(results, startup, rows, header, warm_times)
    if args.json:
        args.json.write_text(json.dumps({
            "environment": env,
            "builds": [{"size": r.size, "tool": r.tool, "median_s": r.median,
                        "median_cpu_s": r.cpu,
                        "peak_mb": r.peak_mb, "note": r.note,
                        "runs": [asdict(run) for run in r.runs]} for r in results],
            "startup": {name: {"median_s": r.median, "peak_mb": r.peak_mb,
                               "runs": [asdict(run) for run in r.runs]}
                        for name, r in startup.items()},
            "warm": warm_times,
            "targets": rows,
        }, indent=2), encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0 if all(run.ok for r in results for run in r.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
