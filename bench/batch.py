"""Benchmark: 30 decks built by 30 CLI calls against one batch call (and -j 2).

    python bench/batch.py                 # the analyst's 30 weekly decks
    python bench/batch.py --decks 10 --jobs 2

Writes the outlines of examples/weekly_status.py (four stages, a table, a line chart of
eight weeks with gaps; long German names, one Japanese, one Arabic, one de-DE) into a
temporary folder, then times, wall clock:

- `aligndeck build X.yaml -o …` once per outline, each its own process (today's way);
- `aligndeck build FOLDER -o …`: one process for all of them;
- `aligndeck build FOLDER -o … -j N`: N worker processes.

It prints each time and its ratio to the separate calls (the issue's target: 0.25 or
less for the batch). Benchmarks are not tests: nothing here is asserted in the suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

from weekly_status import write_outlines

ALIGNDECK = [sys.executable, "-m", "aligndeck"]


def _timed(commands: list[list[str]]) -> float:
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=False, capture_output=True)  # failures are counted
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decks", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aligndeck-bench-") as tmp:
        folder = Path(tmp) / "outlines"
        written = write_outlines(folder)
        for extra in written[args.decks:]:
            extra.unlink()
        outlines = written[: args.decks]
        out = Path(tmp) / "decks"
        separate = _timed([[*ALIGNDECK, "build", str(p), "-o", str(out / f"{p.stem}.pptx"),
                            "-q"] for p in outlines])
        shutil.rmtree(out)
        batch = _timed([[*ALIGNDECK, "build", *map(str, outlines), "-o", str(out), "-q"]])
        shutil.rmtree(out)
        parallel = _timed([[*ALIGNDECK, "build", *map(str, outlines), "-o", str(out), "-q",
                            "-j", str(args.jobs)]])
        built = len(list(out.glob("*.pptx")))
    n = len(outlines)
    print(f"{n} decks ({built} built by the last run)")
    print(f"  {n} CLI calls      {separate:7.2f} s   1.00")
    print(f"  one batch call    {batch:7.2f} s   {batch / separate:.2f}")
    print(f"  batch, -j {args.jobs}       {parallel:7.2f} s   {parallel / separate:.2f}")


if __name__ == "__main__":
    main()
