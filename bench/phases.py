"""Where a build's time goes, per slide, at two sizes: evidence for docs/notes/performance.md.

    python bench/phases.py                  # 120 and 1200 slides
    python bench/phases.py --sizes 120,1200 --ref HEAD      # or --src DIR

Builds the benchmark's outlines in this process with `aligndeck.api.build` while timing a
few python-pptx calls and aligndeck phases (wrappers installed by this script only, for the
measurement; nothing in src/ is patched). Unlike cProfile, which triples this build's time
because python-pptx makes millions of small calls, the wrappers cost a few microseconds per
call, so the numbers are close to a real build. A call whose time per call grows with the
deck (about 10x per slide from 120 to 1200 slides) is quadratic over the build; about 1x is
linear. Cyclic garbage collection is timed too (gc.callbacks).
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from run import outline_overhead, use_revision, use_source, write_inputs

TIMES: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])


def _timed(label: str, function):  # type: ignore[no-untyped-def]
    @functools.wraps(function)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            entry = TIMES[label]
            entry[0] += 1
            entry[1] += time.perf_counter() - started
    return wrapper


def _wrap(owner: object, name: str, label: str) -> None:
    value = owner.__dict__[name]  # type: ignore[attr-defined]
    if isinstance(value, property):
        setattr(owner, name, property(_timed(label, value.fget)))
    else:
        setattr(owner, name, _timed(label, value))


def instrument() -> list[str]:
    """Wrap the calls to time; returns their labels in report order."""
    from pptx.opc.package import OpcPackage, _Relationships
    from pptx.oxml.presentation import CT_SlideIdList
    from pptx.parts.slide import SlidePart
    from pptx.presentation import Presentation
    from pptx.shapes.shapetree import _BaseShapes
    from pptx.slide import Slides

    import aligndeck.api
    import aligndeck.render.package

    wrapped = [
        (aligndeck.api, "check", "aligndeck: load + plan + lint (api.check)"),
        (Slides, "add_slide", "pptx: Slides.add_slide"),
        (_Relationships, "get_or_add", "pptx:   _Relationships.get_or_add (relate_to)"),
        (CT_SlideIdList, "_next_id", "pptx:   CT_SlideIdList._next_id (slide id)"),
        (SlidePart, "_add_notes_slide_part", "pptx: new notes slide (slide.notes_slide)"),
        (OpcPackage, "next_partname", "pptx:   OpcPackage.next_partname"),
        (_BaseShapes, "_next_shape_id", "pptx: _BaseShapes._next_shape_id"),
        (Presentation, "save", "pptx: Presentation.save (serialize + zip)"),
        (aligndeck.render.package, "normalized_zip", "aligndeck: normalized_zip (re-zip)"),
    ]
    import aligndeck.render.pptx_writer as writer

    wrapped += [
        (writer, "render_deck", "aligndeck: render_deck (all of render)"),
        (writer, "_render_slide", "aligndeck:   _render_slide"),
        (writer, "_write_text", "aligndeck:     _write_text"),
        (writer, "_rect_of", "aligndeck:     _rect_of (inherited placeholder position)"),
        (writer, "_place", "aligndeck:     _place"),
        (_BaseShapes, "clone_placeholder", "pptx:     clone_placeholder"),
    ]
    labels = []
    for owner, name, label in wrapped:
        if name in vars(owner):
            _wrap(owner, name, label)
            labels.append(label)
        else:
            print(f"(not timed: {getattr(owner, '__name__', owner)}.{name} is gone)")
    gc.callbacks.append(_gc_timer)
    return [*labels, GC_LABEL]


GC_LABEL = "python: cyclic garbage collection"
_gc_started = [0.0]


def _gc_timer(phase: str, info: dict) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        entry = TIMES[GC_LABEL]
        entry[0] += 1
        entry[1] += time.perf_counter() - _gc_started[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="120,1200")
    parser.add_argument("--ref", metavar="REV", help="measure src/ as of this git revision")
    parser.add_argument("--src", type=Path, metavar="DIR",
                        help="measure the aligndeck package in DIR (a src folder)")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    folder = Path(tempfile.mkdtemp(prefix="aligndeck-phases-"))
    if args.ref:
        print(f"aligndeck as of {args.ref} = {use_revision(args.ref, folder)}")
    elif args.src:
        use_source(args.src.resolve())
    overhead = outline_overhead(folder)
    inputs = {size: write_inputs(size, folder, overhead) for size in sizes}
    labels = instrument()
    import aligndeck.api

    aligndeck.api.build(inputs[sizes[0]].outline, folder / "warm.pptx")  # imports, caches
    rows: dict[int, dict[str, tuple[int, float]]] = {}
    for size in sizes:
        TIMES.clear()
        started = time.perf_counter()
        aligndeck.api.build(inputs[size].outline, folder / f"deck-{size}.pptx")
        total = time.perf_counter() - started
        rows[size] = {label: (int(TIMES[label][0]), TIMES[label][1]) for label in labels}
        rows[size]["whole build (api.build)"] = (1, total)

    head = "".join(f" | {size} slides: s, share, ms/slide" for size in sizes)
    print(f"| call{head} | ms/slide {sizes[0]} -> {sizes[-1]} |")
    print("|---" * (len(sizes) + 2) + "|")
    for label in [*labels, "whole build (api.build)"]:
        cells = []
        for size in sizes:
            _calls, seconds = rows[size][label]
            share = seconds / rows[size]["whole build (api.build)"][1]
            cells.append(f" | {seconds:.2f} s, {share:.0%}, {seconds / size * 1000:.2f}")
        # Time per slide, large deck over small: about 1 is linear, about 10 (for 120 ->
        # 1200) is quadratic.
        first, last = rows[sizes[0]][label][1], rows[sizes[-1]][label][1]
        growth = (last / sizes[-1]) / (first / sizes[0]) if first else 0.0
        print(f"| {label}{''.join(cells)} | x{growth:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
