"""Building (or validating) many outlines in one run: one process, or `-j N` worker
processes; one outline's failure never stops the others. The CLI's `build A B …`,
folders of outlines, and `--format json` for any number of them come through here."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from aligndeck.errors import BuildError, OutlineError, Problem, tally
from aligndeck.report import INTERNAL, INVALID, OK, DeckReport

if TYPE_CHECKING:
    from aligndeck.api import Design

OUTLINE_SUFFIXES = (".yaml", ".yml")

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Job:
    """One outline to build (`out` set) or validate (`out` None)."""

    outline: Path | None
    name: str
    out: Path | None
    design: Design
    strict: bool = False
    html: bool = False
    debug: bool = False
    force: bool = False


def expand(arguments: Iterable[Path]) -> list[Path]:
    """The outlines named: files as given, and each folder's *.yaml and *.yml files (not
    its subfolders'), sorted by name, each once."""
    found: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found += sorted(p for p in argument.iterdir()
                            if p.suffix.lower() in OUTLINE_SUFFIXES and p.is_file())
        else:
            found.append(argument)
    seen: set[Path] = set()
    unique = []
    for path in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique


def make_jobs(outlines: list[tuple[Path | None, str]], several: bool, output: Path | None,
              design: Design, *, building: bool, strict: bool = False, html: bool = False,
              debug: bool = False, force: bool = False) -> list[Job]:
    """One job per outline. With `several` outlines (or a folder), `output` is the folder
    the decks go to (each named after its outline; beside it when None); with one, the
    deck's own path, as for a single build."""
    from aligndeck.files import STDIN

    jobs = []
    for path, name in outlines:
        out: Path | None = None
        if building:
            deck = (path.with_suffix(".pptx") if path is not None and str(path) != STDIN
                    else Path("deck.pptx"))
            if several:
                out = output / deck.name if output is not None else deck
            else:
                out = output or deck
        jobs.append(Job(path, name, out, design, strict, html, debug, force))
    return jobs


def run_job(job: Job) -> DeckReport:
    """Build or validate one outline; every failure becomes the report's status and
    problems (a worker process must never raise)."""
    from aligndeck import api

    started = time.perf_counter()

    def named(problems: Iterable[Problem]) -> tuple[Problem, ...]:
        return tuple(sorted(_with_file(p, job.name) for p in problems))

    try:
        if job.out is None:
            checked = api.check(job.outline, strict=job.strict, design=job.design)
            return DeckReport(job.name, OK, named(checked.warnings), None, None,
                              checked.slides, checked.plan.diagram_count, checked.minutes,
                              time.perf_counter() - started)
        built = api.build(job.outline, job.out, strict=job.strict, design=job.design,
                          html=job.html, force=job.force)
        return DeckReport(job.name, OK, named(built.warnings), str(built.path),
                          None if built.html is None else str(built.html), built.slides,
                          built.diagrams, built.minutes, built.seconds, dict(built.timings))
    except OutlineError as exc:
        return DeckReport(job.name, INVALID, named(exc.problems),
                          seconds=time.perf_counter() - started)
    except BuildError as exc:
        return DeckReport(job.name, INVALID, named([Problem(0, 0, "", str(exc))]),
                          seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug in aligndeck: reported, and the others go on
        if job.debug:
            traceback.print_exc()
        message = (f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for "
                   "the traceback, and please report it)")
        return DeckReport(job.name, INTERNAL, named([Problem(0, 0, "", message)]),
                          seconds=time.perf_counter() - started)


def _with_file(problem: Problem, name: str) -> Problem:
    from dataclasses import replace

    return problem if problem.file else replace(problem, file=name)


def run_jobs(jobs: list[Job], workers: int, progress: Callable[[int, DeckReport], None]
             ) -> list[DeckReport]:
    """Every job's report, in the order given; `progress(done, report)` as each ends.
    One process when `workers` is 1; else a pool of that many (spawned afresh, so a
    worker never inherits a half-held lock from this process's threads)."""
    if workers <= 1 or len(jobs) <= 1:
        reports = []
        for job in jobs:
            reports.append(run_job(job))
            progress(len(reports), reports[-1])
        return reports
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[int, DeckReport] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(run_job, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress(len(results), results[futures[future]])
    return [results[i] for i in range(len(jobs))]


def format_line(report: DeckReport, building: bool) -> str:
    """The one line saying how a deck went, as the single-deck commands say it."""
    if not report.ok:
        what = "nothing was written" if building else "it would not build"
        return f"{report.outline}: {tally(list(report.problems))}; {what}"
    if building:
        return (f"wrote {report.output}: {report.slides} slides, {report.diagrams} diagrams "
                f"in {report.seconds:.2f} s")
    return f"{report.outline}: ok: {report.slides} slides"


def echo_progress(total: int, building: bool, quiet: bool
                  ) -> Callable[[int, DeckReport], None]:
    """What the user sees on stderr as each deck ends: its problems (errors only when
    `quiet`) and, unless quiet, `[3/30]` and its outcome."""
    def show(done: int, report: DeckReport) -> None:
        for problem in report.problems:
            if problem.severity == "error" or not quiet:
                print(problem.format(report.outline), file=sys.stderr)
        if not quiet or not report.ok:
            print(f"[{done}/{total}] {format_line(report, building)}", file=sys.stderr)
        sys.stderr.flush()
    return show


def run_command(jobs: list[Job], *, building: bool, machine: bool, quiet: bool,
                workers: int) -> int:
    """Run every job, say how each went on stderr, then the summary line (text) or the
    JSON document (`machine`) on stdout; returns the exit code."""
    from aligndeck.report import document, exit_code

    started = time.perf_counter()
    reports = run_jobs(jobs, workers, echo_progress(len(jobs), building, quiet))
    seconds = time.perf_counter() - started
    if machine:
        sys.stdout.write(document("build" if building else "validate", reports, seconds))
    elif not quiet or not all(r.ok for r in reports):
        print(summary(reports, building, seconds))
    sys.stdout.flush()
    return exit_code(reports)


def summary(reports: list[DeckReport], building: bool, seconds: float) -> str:
    done = sum(r.ok for r in reports)
    verb = "built" if building else "checked"
    line = f"{verb} {done} of {len(reports)} decks in {seconds:.1f} s"
    failed = [r.outline for r in reports if not r.ok]
    return f"{line}; failed: {', '.join(failed)}" if failed else line


def output_options(command: F) -> F:
    """--format, -q and -j: how `build` and `validate` report, and how many at once."""
    command = click.option(
        "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
        help="Build this many outlines at once, each in its own process.",
    )(command)
    command = click.option(
        "-q", "--quiet", is_flag=True, help="Print errors only (no warnings, no progress).",
    )(command)
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
        show_default=True,
        help="json: one JSON document on stdout, for scripts (see docs/scripting.md).",
    )(command)


def run_many(outlines: tuple[str, ...], resolve: Callable[[None], tuple[Path | None, str]],
             output: str | None, design: Design, *, building: bool, fmt: str, quiet: bool,
             jobs: int, strict: bool = False, html: bool = False, debug: bool = False,
             force: bool = False) -> int:
    """Several outlines, a folder of them, or any under --format json: the batch runner
    reports each and decides the exit code. `resolve(None)` names the default outline."""
    folders = [o for o in outlines if Path(o).is_dir()]
    pairs: list[tuple[Path | None, str]] = (
        [(p, str(p)) for p in expand(Path(o) for o in outlines)] if outlines
        else [resolve(None)])
    if not pairs:
        raise click.UsageError(f"no outlines (*.yaml, *.yml) in {', '.join(folders)}")
    if pairs[0][0] is None and not quiet:
        click.echo("no deck.yaml here: the built-in alignment talk", err=True)
    several = len(pairs) > 1 or bool(folders)
    if several and output and (Path(output).suffix.lower() == ".pptx" or Path(output).is_file()):
        raise click.UsageError(f"-o {output}: with several outlines, -o names the folder "
                               "the decks go to")
    made = make_jobs(pairs, several, Path(output) if output else None, design,
                     building=building, strict=strict, html=html, debug=debug, force=force)
    return run_command(made, building=building, machine=fmt == "json", quiet=quiet,
                       workers=jobs)
