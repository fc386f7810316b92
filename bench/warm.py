"""In-process timings of what `watch` and `serve` repeat on every save.

    python bench/warm.py [--saves 15] [--template-mb 4]

Run by bench/run.py in a child process (so `--ref` and `--src` measure the right code), and
usable alone. In a temporary folder holding a copy of the default deck's outline it times:
- **warm rebuild**: `api.build` of the outline after a one-word change to one slide's
  title, in a process that has already built it once (what `watch` does on each save);
- **serve redraw**: `serve.live.draw` after the same change (what `serve` does on each
  save, before the page repaints), with the house design and with a template of about
  `--template-mb` MB (python-pptx's default template with a large picture on its master,
  made here, so nothing outside the repository is needed).
Each is timed `--saves` times after one untimed warm-up save; the median and the worst wall
times and the median CPU time are printed as JSON on standard output.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "A base model predicts text"


def big_template(path: Path, megabytes: float) -> int:
    """python-pptx's default template with a noise picture of about `megabytes` MB on its
    master (noise does not compress, so the file is that big); returns its size."""
    from PIL import Image
    from pptx import Presentation
    from pptx.oxml.shapes.picture import CT_Picture
    from pptx.util import Emu

    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    noise = random.Random(0).randbytes(side * side * 3)
    image = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(image, "PNG", compress_level=1)
    image.seek(0)
    presentation = Presentation()
    master = presentation.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(image)
    tree = master.shapes._spTree
    ids = [int(e.get("id")) for e in tree.iter() if e.tag.endswith("}cNvPr")]
    tree.append(CT_Picture.new_pic(max(ids) + 1, "backdrop", "", rid, Emu(0), Emu(0),
                                   Emu(457200), Emu(457200)))
    presentation.save(str(path))
    return path.stat().st_size


def timed_saves(outline: Path, saves: int, step  # type: ignore[no-untyped-def]
                ) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (this process's) of each timed save."""
    original = outline.read_text(encoding="utf-8")
    seconds, cpu = [], []
    for number in range(saves + 1):
        outline.write_text(original.replace(TITLE, f"A base model predicts word{number}"),
                           encoding="utf-8")
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        if number:  # the first save warms up
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    outline.write_text(original, encoding="utf-8")
    return seconds, cpu


def summary(timed: tuple[list[float], list[float]]) -> dict[str, float]:
    """The median and worst wall time, and the median CPU time (steadier on a shared
    machine, as bench/run.py's other CPU columns)."""
    seconds, cpu = timed
    return {"median_s": statistics.median(seconds), "worst_s": max(seconds), "runs": seconds,
            "cpu_median_s": statistics.median(cpu)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--template-mb", type=float, default=4.0,
                        help="size of the template for the third timing; 0 skips it")
    args = parser.parse_args()

    from aligndeck import api
    from aligndeck.serve.live import draw

    folder = Path(tempfile.mkdtemp(prefix="aligndeck-warm-"))
    os.chdir(folder)
    outline = folder / "deck.yaml"
    outline.write_text((ROOT / "deck.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = folder / "deck.pptx"
    results: dict[str, dict] = {}
    api.build(outline, out)  # the first build of the process: not a warm one

    def rebuild() -> None:
        api.build(outline, out)

    results["warm rebuild"] = summary(timed_saves(outline, args.saves, rebuild))

    def redraw(design: object) -> None:
        drawing = draw(outline, "deck.yaml", design)
        if drawing.deck is None:
            raise SystemExit("; ".join(drawing.problems))

    house = api.Design()
    results["serve redraw, house design"] = summary(
        timed_saves(outline, args.saves, lambda: redraw(house)))
    if not args.template_mb:
        json.dump(results, sys.stdout)
        return 0
    template = folder / "big.pptx"
    size = big_template(template, args.template_mb)
    branded = api.Design(template=template)
    key = f"serve redraw, {size / 1e6:.1f} MB template"
    results[key] = summary(timed_saves(outline, args.saves, lambda: redraw(branded)))
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
