"""Two revisions side by side, interleaved, in one run: the numbers docs/notes/performance.md
compares before and after a change, on a machine too busy for two separate runs to agree.

    python bench/ab.py main HEAD            # 1200 slides, cold start-up, warm rebuild
    python bench/ab.py main HEAD --repeat 5

Each measurement alternates between the two revisions (`git archive REV src/aligndeck`,
each in a fresh process), so both see the same load. It reports CPU time (user + system,
steadier than wall time when other work shares the cores) and wall time, medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (
    WARM_SCRIPT,
    measure,
    outline_overhead,
    use_source,
    write_inputs,
)

ROOT = Path(__file__).resolve().parent.parent


def snapshot(rev: str, folder: Path) -> Path:
    target = folder / rev.replace("/", "_")
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "--", "src/aligndeck"], cwd=ROOT,
                             capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=1200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="aligndeck-ab-"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    sources = {rev: snapshot(rev, folder) for rev in (args.before, args.after)}
    use_source(sources[args.before])  # only to write and check the inputs
    inputs = write_inputs(args.size, folder, outline_overhead(folder))
    base_path = os.environ.get("PYTHONPATH", "").split(os.pathsep, 1)[-1]
    results: dict[str, dict[str, list[tuple[float, float]]]] = {}

    def run(rev: str, name: str, command: list[str], cwd: Path | None = None) -> None:
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(sources[rev]), base_path)
                                                   if p)
        outcome = measure(command, cwd=cwd)
        if not outcome.ok:
            raise SystemExit(f"{rev} {name}: {outcome.error}")
        results.setdefault(name, {}).setdefault(rev, []).append(
            (outcome.cpu_seconds, outcome.seconds))

    revs = (args.before, args.after)
    for rev in revs:  # warm-up: byte-code
        run(rev, "warm-up", [sys.executable, "-m", "aligndeck", "build", str(inputs.outline),
                             "-o", str(folder / "w.pptx")])
    for _ in range(args.repeat):
        for rev in revs:
            run(rev, f"{args.size} slides", [sys.executable, "-m", "aligndeck", "build",
                                             str(inputs.outline), "-o", str(folder / "d.pptx")])
    for _ in range(args.repeat * 3):
        for rev in revs:
            run(rev, 'python -c "import pptx"', [sys.executable, "-c", "import pptx"])
            run(rev, "default deck, cold", [sys.executable, "-m", "aligndeck", "build"],
                cwd=Path(tempfile.mkdtemp(dir=folder)))
    warm: dict[str, list[dict]] = {}
    for _ in range(args.repeat):
        for rev in revs:
            os.environ["PYTHONPATH"] = str(sources[rev])
            done = subprocess.run([sys.executable, str(WARM_SCRIPT), "--saves", "10",
                                   "--template-mb", "0"], capture_output=True, text=True,
                                  check=True)
            warm.setdefault(rev, []).append(json.loads(done.stdout))
    print(f"{'median of interleaved runs':<34} {args.before + ' CPU s':>14} "
          f"{args.after + ' CPU s':>14} {'CPU after/before':>17}   wall s before, after")
    for name, by_rev in results.items():
        if name == "warm-up":
            continue
        cpu = [statistics.median(c for c, _ in by_rev[rev]) for rev in revs]
        wall = [statistics.median(w for _, w in by_rev[rev]) for rev in revs]
        print(f"{name:<34} {cpu[0]:>14.3f} {cpu[1]:>14.3f} {cpu[1] / cpu[0]:>17.2f}   "
              f"{wall[0]:.3f}, {wall[1]:.3f}")
    for key in ("warm rebuild", "serve redraw, house design"):
        medians = [statistics.median(r[key]["median_s"] for r in warm[rev]) for rev in revs]
        print(f"{key + ' (wall ms)':<34} {medians[0] * 1000:>14.0f} {medians[1] * 1000:>14.0f} "
              f"{medians[1] / medians[0]:>17.2f}")
        cpu = [statistics.median(r[key]["cpu_median_s"] for r in warm[rev]) for rev in revs]
        print(f"{key + ' (CPU ms)':<34} {cpu[0] * 1000:>14.0f} {cpu[1] * 1000:>14.0f} "
              f"{cpu[1] / cpu[0]:>17.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
