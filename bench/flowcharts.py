"""Benchmark: how long a Mermaid flowchart takes to plan, by size, fitting or refused.

    python bench/flowcharts.py                 # 10, 20, 40, 60 nodes; 3 runs each
    python bench/flowcharts.py --sizes 10,60 --repeat 5

For each size it generates a chart (a random tree in reading order plus a quarter as many
extra links, seeded, so every run plans the same charts) and plans it into the house
design's diagram area twice: with short labels ("N12"), which mostly fit, and with long
ones, which larger charts cannot fit, so the planner tries every way (as written, tighter,
turned) before refusing. It prints the median wall time of each and its ratio to the
10-node chart with short labels measured in the same run: machines here are shared and
noisy, so the ratios are what to compare between revisions.

Benchmarks are not tests: nothing here is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,20,40,60")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
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
