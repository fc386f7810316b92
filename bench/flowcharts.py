"""Benchmark: how long a Mermaid flowchart takes to plan, by size, fitting or refused; and
how well the corpus of real charts is drawn, next to Mermaid's own layouts.

    python bench/flowcharts.py                 # 10, 20, 40, 60 nodes; 3 runs each
    python bench/flowcharts.py --sizes 10,60 --repeat 5
    python bench/flowcharts.py --corpus        # the corpus table (tests/flowcharts/corpus)
    python bench/flowcharts.py --corpus --markdown   # the same, as a Markdown table
    python bench/flowcharts.py --today         # the corpus test's table of today's misses
    python bench/flowcharts.py --drawn         # the corpus as LibreOffice renders it
    python bench/flowcharts.py --drawn --aspect 4:3              # ... on a 4:3 slide
    python bench/flowcharts.py --drawn --template talk.pptx      # ... on a template

With --corpus, every chart of tests/flowcharts/corpus/ is planned as a `diagram:` slide of a
deck in the house design (plan_deck, as a user's deck is planned) and measured with
tests/flowmetrics.py: nodes, edges, built or refused (and why), the slides it takes (the
total: slides in all), the smallest text in points (the total: how many at 9 pt or more, and
the sum of the sizes, which a change must not lower for nothing),
edge crossings, connectors through boxes, overlapping connector stretches (pairs of links),
shared trunks (links on one stem out of, or into, one side of a box: not overlaps),
bends, whether the first node stands at the flow's start, and the drawing's aspect against
the free area (1 fills it both ways; 0.5 is half as wide, for its height, as the area), and
the CPU seconds its planning took (`cpu s`: parsing, layout and measuring, in this one
process, after the charts before it; the total: all of them). Next
to aligndeck's numbers: Mermaid's own layouts of the same chart (dagre and ELK), measured
the same way from bench/data/mermaid-layouts.json (made by bench/mermaid_measure.py), with
their 16 px text scaled, with the whole drawing, into the same area.

For each size it generates a chart (a random tree in reading order plus a quarter as many
extra links, seeded, so every run plans the same charts) and plans it into the house
design's diagram area twice: with short labels ("N12"), which mostly fit, and with long
ones, which larger charts cannot fit, so the planner tries every way (as written, tighter,
turned) before refusing. It prints the median wall time of each and its ratio to the
10-node chart with short labels measured in the same run: machines here are shared and
noisy, so the ratios are what to compare between revisions.

With --drawn, every chart of the corpus is built into one deck (a slide each, or its parts),
which LibreOffice (soffice, with a profile of its own) turns into a PDF; each diagram slide's
connectors are read back from that PDF (tests/lodrawn.py: each matched to its connector by
its ends, loops and links to groups among them; any left unread is named on stderr) and
measured as the plan is:
crossings, connectors through boxes and overlapping stretches as LibreOffice really drew
them, chart by chart, with the totals. Slow (the deck takes minutes to plan). With --aspect
(16:9 or 4:3) the house design at that slide size, with --template a template's own design.

Benchmarks are not tests: nothing here is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from aligndeck.plan.flow.chart import plan_flowchart
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.13), inches(4.73))
"""The house design's diagram area on a 16:9 slide."""


def chart(nodes: int, long_labels: bool) -> str:
    rng = random.Random(nodes)
    label = (lambda i: f"N{i}[Step number {i} of the flow]") if long_labels else \
        (lambda i: f"N{i}")
    lines = ["flowchart TD"]
    for i in range(1, nodes):
        lines.append(f"  {label(rng.randrange(i))} --> {label(i)}")
    for _ in range(nodes // 4):
        a, b = rng.sample(range(nodes), 2)
        lines.append(f"  N{a} --> N{b}")
    return "\n".join(lines) + "\n"


def plan_time(text: str, repeat: int) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(repeat):
        findings: list[Finding] = []
        start = time.perf_counter()
        planned = plan_flowchart(text, ("extra", 0, "diagram"), AREA, dict(CALIBRI_FONTS),
                                 inches(0.08), findings)
        times.append(time.perf_counter() - start)
        turned = any("instead" in f.message for f in findings)
        outcome = "refused" if planned is None else \
            f"{planned.size:g} pt" + (", turned" if turned else "")
    return statistics.median(times), outcome


REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "flowcharts" / "corpus"
MERMAID = REPO / "bench" / "data" / "mermaid-layouts.json"
COLUMNS = ("chart", "nodes", "edges", "built", "slides", "pt", "cross", "thru", "overl",
           "trunk", "bends", "first", "aspect", "cpu s", "dagre pt", "cross", "thru", "overl",
           "elk pt", "cross", "thru", "overl")


def _mark(flag: bool | None) -> str:
    return "-" if flag is None else ("yes" if flag else "NO")


def _mermaid_cells(row: dict[str, Any] | None) -> list[str]:
    if not row or not row.get("rendered"):
        return ["fails", "", "", ""] if row else ["?", "", "", ""]
    return [f"{row['text_pt']:g}", str(row["crossings"]), str(row["through_boxes"]),
            str(row["overlaps"])]


def corpus_rows() -> tuple[list[list[str]], list[str], list[str], str]:
    """The corpus table: one row per chart, the totals row, the refusals' reasons, and the
    totals as LibreOffice 7.4 draws the charts."""
    sys.path.insert(0, str(REPO / "tests"))
    from flowmetrics import plan_chart

    mermaid = json.loads(MERMAID.read_text(encoding="utf-8"))["charts"] \
        if MERMAID.exists() else {}
    rows, reasons = [], []
    sizes: list[float] = []
    sums = {"built": 0, "slides": 0, "ge9": 0, "cross": 0, "thru": 0, "overl": 0, "trunk": 0,
            "bends": 0, "first": 0}
    engine_sums = {e: {"built": 0, "ge9": 0, "cross": 0, "thru": 0, "overl": 0}
                   for e in ("dagre", "elk")}
    libreoffice: dict[str, Any] = {"cross": 0, "thru": 0, "overl": 0, "charts": []}
    paths = sorted(CORPUS.glob("*.mmd"))
    cpu = 0.0
    for path in paths:
        started = time.process_time()
        planned = plan_chart(path.read_text(encoding="utf-8"))
        took = time.process_time() - started
        cpu += took
        theirs = mermaid.get(path.stem, {})
        nodes = planned.nodes if planned.nodes is not None else \
            theirs.get("elk", {}).get("nodes", "?")
        edges = planned.edges if planned.edges is not None else \
            theirs.get("elk", {}).get("edges", "?")
        metrics = planned.metrics()
        seen = planned.metrics(libreoffice=True)
        if seen is not None and metrics is not None:
            for key, value in (("cross", seen.crossings), ("thru", seen.through_boxes),
                               ("overl", seen.overlaps)):
                libreoffice[key] += value
            if (seen.crossings, seen.through_boxes, seen.overlaps) != (
                    metrics.crossings, metrics.through_boxes, metrics.overlaps):
                libreoffice["charts"].append(path.stem)
        if metrics is None:
            reasons.append(f"{path.stem}: {planned.errors[0] if planned.errors else '?'}")
            ours = ["refused", "", "", "", "", "", "", "", "", "", f"{took:.2f}"]
        else:
            assert planned.text_pt is not None
            sums["built"] += 1
            sums["ge9"] += planned.text_pt >= 9
            sums["slides"] += len(planned.parts)
            sizes.append(planned.text_pt)
            for key, value in (("cross", metrics.crossings), ("thru", metrics.through_boxes),
                               ("overl", metrics.overlaps), ("trunk", metrics.trunks),
                               ("bends", metrics.bends)):
                sums[key] += value
            sums["first"] += bool(metrics.first_at_start)
            ours = ["built", str(len(planned.parts)), f"{planned.text_pt:g}",
                    str(metrics.crossings),
                    str(metrics.through_boxes), str(metrics.overlaps), str(metrics.trunks),
                    str(metrics.bends),
                    _mark(metrics.first_at_start), f"{metrics.aspect:.2f}", f"{took:.2f}"]
        for engine in ("dagre", "elk"):
            row = theirs.get(engine)
            if row and row.get("rendered"):
                s = engine_sums[engine]
                s["built"] += 1
                s["ge9"] += row["text_pt"] >= 9
                s["cross"] += row["crossings"]
                s["thru"] += row["through_boxes"]
                s["overl"] += row["overlaps"]
        rows.append([path.stem, str(nodes), str(edges), *ours,
                     *_mermaid_cells(theirs.get("dagre")), *_mermaid_cells(theirs.get("elk"))])
    n = len(paths)
    d, e = engine_sums["dagre"], engine_sums["elk"]
    totals = [f"total ({n})", "", "", f"{sums['built']}/{n}", str(sums["slides"]),
              f"{sums['ge9']} >= 9, sum {sum(sizes):g}",
              str(sums["cross"]), str(sums["thru"]), str(sums["overl"]), str(sums["trunk"]),
              str(sums["bends"]),
              f"{sums['first']}/{sums['built']}", "", f"{cpu:.1f}",
              f"{d['built']}/{n}, {d['ge9']} >= 9", str(d["cross"]), str(d["thru"]),
              str(d["overl"]), f"{e['built']}/{n}, {e['ge9']} >= 9", str(e["cross"]),
              str(e["thru"]), str(e["overl"])]
    drawn = (f"As LibreOffice 7.4 draws them (every Z elbow's middle halfway): "
             f"{libreoffice['cross']} crossings, {libreoffice['thru']} through boxes, "
             f"{libreoffice['overl']} overlaps; different on "
             f"{', '.join(libreoffice['charts']) or 'no chart'}.")
    return rows, totals, reasons, drawn


def print_corpus(markdown: bool) -> None:
    rows, totals, reasons, seen = corpus_rows()
    table = [list(COLUMNS), *rows, totals]
    if markdown:
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "---|" * len(COLUMNS))
        for row in table[1:]:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
        for row in table:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                            for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print()
    print(seen)
    print()
    print("Refused:" if reasons else "Refused: none")
    for reason in reasons:
        print(f"- {reason}")


def print_today() -> None:
    """The TODAY table of tests/test_flowchart_corpus.py for the layout as it is: what each
    chart misses (paste it over the test's table when the layout changes on purpose)."""
    sys.path.insert(0, str(REPO / "tests"))
    from flowmetrics import TARGETS, misses, plan_chart

    mermaid = json.loads(MERMAID.read_text(encoding="utf-8"))["charts"]
    print("TODAY: dict[str, dict[str, str]] = {")
    for path in sorted(CORPUS.glob("*.mmd")):
        rows = mermaid.get(path.stem, {}).values()
        best = min((r["crossings"] for r in rows if r.get("rendered")), default=0)
        planned = plan_chart(path.read_text(encoding="utf-8"))
        missed = misses(planned, best)
        if not missed:
            continue
        if not planned.built:
            error = planned.errors[0] if planned.errors else "no diagram"
            why = "too large" if "does not fit" in error else \
                error.split(";")[0].split(" (")[0][:50]
            print(f"    {json.dumps(path.stem)}: refused({json.dumps(why)}),")
            assert set(missed) == set(TARGETS)
            continue
        print(f"    {json.dumps(path.stem)}: {{")
        for target, reason in missed.items():
            print(f"        {json.dumps(target)}: {json.dumps(reason)},")
        print("    },")
    print("}")


def print_drawn(aspect: str | None = None, template: Path | None = None) -> None:
    """The corpus as LibreOffice renders it: crossings, through boxes and overlaps read back
    from its PDF of a deck of every chart."""
    import os
    import subprocess
    import tempfile

    import pdfplumber
    import yaml
    from pptx import Presentation

    from aligndeck import api

    sys.path.insert(0, str(REPO / "tests"))
    from flowmetrics import crossings, overlaps, through_boxes
    from lodrawn import boxes_of, connectors_of, drawn, unread

    paths = sorted(CORPUS.glob("*.mmd"))
    outline = {"title": "Flowchart corpus", "author": "aligndeck",
               "stages": [{"name": "Chart", "summary": "One chart"}],
               "extra": [{"title": p.stem, "diagram": p.read_text(encoding="utf-8")}
                         for p in paths]}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        source = out / "corpus.yaml"
        source.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
        deck = out / "corpus.pptx"
        api.build(source, deck, design=api.Design(template=template, aspect=aspect))
        profile = (out / "lo-profile").as_uri()
        subprocess.run([os.environ.get("SOFFICE", "soffice"), "--headless", "--norestore",
                        f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                        "--outdir", str(out), str(deck)], check=True, capture_output=True,
                       timeout=900)
        totals = {"cross": 0, "thru": 0, "overl": 0, "unread": 0}
        rows: dict[str, list[int]] = {}
        with pdfplumber.open(out / "corpus.pdf") as pdf:
            slides = Presentation(str(deck)).slides
            for slide, page in zip(slides, pdf.pages, strict=True):
                boxes = boxes_of(slide)
                if not boxes:
                    continue
                title = slide.shapes.title.text_frame.text if slide.shapes.title else "?"
                chart = next((p.stem for p in paths if title.startswith(p.stem)), title)
                drawing = drawn(page, boxes, boxes_of(slide, ("subgraph-",)))
                missed = unread(drawing, connectors_of(slide))
                if missed:
                    print(f"{chart}: not read {', '.join(missed)}", file=sys.stderr)
                row = rows.setdefault(chart, [0, 0, 0, 0, 0])
                values = (crossings(drawing), through_boxes(drawing), overlaps(drawing),
                          len(missed), 1)
                for k, value in enumerate(values):
                    row[k] += value
    print("| chart | slides | cross | thru | overl | links not read |")
    print("|---|---|---|---|---|---|")
    for chart, (cross, thru, overl, missing, slides_) in rows.items():
        totals["cross"] += cross
        totals["thru"] += thru
        totals["overl"] += overl
        totals["unread"] += missing
        print(f"| {chart} | {slides_} | {cross} | {thru} | {overl} | {missing} |")
    print(f"| total ({len(rows)}) | {sum(r[4] for r in rows.values())} | {totals['cross']} | "
          f"{totals['thru']} | {totals['overl']} | {totals['unread']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,20,40,60")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", action="store_true",
                        help="measure the corpus of real charts against Mermaid's layouts")
    parser.add_argument("--markdown", action="store_true", help="with --corpus: Markdown")
    parser.add_argument("--today", action="store_true",
                        help="print the corpus test's TODAY table for the layout as it is")
    parser.add_argument("--drawn", action="store_true",
                        help="the corpus as LibreOffice renders it (read from its PDF)")
    parser.add_argument("--aspect", choices=("16:9", "4:3"),
                        help="with --drawn: the house design at this slide size")
    parser.add_argument("--template", type=Path,
                        help="with --drawn: build on this template (its design and size)")
    args = parser.parse_args()
    if args.drawn:
        print_drawn(args.aspect, args.template)
        return
    if args.today:
        print_today()
        return
    if args.corpus:
        print_corpus(args.markdown)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    plan_time(chart(10, False), 1)  # load the grammar and fonts before timing
    base, _ = plan_time(chart(10, False), args.repeat)
    print(f"{'nodes':>5}  {'labels':<6}  {'median s':>9}  {'x 10 short':>10}  outcome")
    for nodes in sizes:
        for long_labels in (False, True):
            seconds, outcome = plan_time(chart(nodes, long_labels), args.repeat)
            print(f"{nodes:>5}  {'long' if long_labels else 'short':<6}  {seconds:>9.3f}  "
                  f"{seconds / base:>10.1f}  {outcome}")


if __name__ == "__main__":
    main()
