"""A warm rebuild that draws only the slides that changed (`watch`, `serve`, `api.build`).

A save usually changes a word on one slide. render/reuse.py already saves an unchanged
slide as the bytes it was saved as, but every render still opens python-pptx's default
package, adds every slide and notes slide with their relationships, snapshots, serializes
and walks the package to save it: most of a warm rebuild of the default deck. When the
deck has the shape of the last one this process rendered, the package it would write is
the last one's with a few members changed, so it is written from those members instead:

- the same context (the built-in package, theme with its fonts, slide size, language), the
  same build time, title, author, sections and slide count (`reuse.deck_key`): the
  presentation, its relationships, the content types, the master, layouts, theme and core
  properties are the last deck's bytes;
- every slide without a picture, chart or link, as render/reuse.py requires of a slide it
  reuses, and each changed slide on the layout of the slide it replaces: a slide's
  relationships are then its layout and its notes slide, the same names as before, and
  its relationships item and its notes slide's are the last deck's bytes.

A changed slide is drawn by render/pptx_writer.py into a scratch presentation of the same
package (kept for the process, holding no slide between draws), where its XML and its
notes slide's are what drawing it in place gives: neither depends on the slide's part
name, id or neighbours (the notes slide's relationship is added last in both). The
extended properties (slide titles) and the digest (edits/digest.py, from each slide's
snapshot: the kept ones, and the changed slides' with their ids in this deck) are made
afresh. Anything else falls back to the full render, which keeps what the next rebuild
needs. tests/test_rerender.py compares the bytes with a cold build's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path
from typing import Any

from aligndeck.edits.snapshot import SlideShot
from aligndeck.plan.model import DeckPlan, Picture, SlidePlan
from aligndeck.plan.theme import Theme
from aligndeck.render import reuse
from aligndeck.render.families import FAMILY_OF_KIND

_SCRATCH_LOCK = threading.Lock()
_scratch: list[tuple[object, Any, dict[Any, Any], dict[Any, Any]]] = []
"""The scratch presentation of the last package a slide was drawn into, by its key, with
what drawing found of its layouts (render/pptx_writer.py's `_Target.inherited` and
`latent`: the same for every slide drawn into it)."""
_APP, _CUSTOM = "docProps/app.xml", "docProps/custom.xml"


def rerender(plan: DeckPlan, theme: Theme, path: Path, when: dt.datetime) -> int | None:
    """Write the deck of `plan` (python-pptx's default package made the built-in `theme`'s)
    to `path` from the last render's members, drawing only the slides that changed; returns
    the size in bytes, or None (nothing written) when the deck does not qualify."""
    last = reuse.last_drawn()
    if last is None or not last.members or last.deck != reuse.deck_key(plan, when) or \
            last.context != ("built-in", theme, plan.width, plan.height, plan.language) or \
            len(last.slides) != len(plan.slides):
        return None
    changed = []
    for index, (slide, (kept, blobs, shot)) in enumerate(zip(plan.slides, last.slides,
                                                             strict=True)):
        if not blobs or shot is None or not _plain(slide):
            return None
        if slide != kept:
            if FAMILY_OF_KIND[slide.kind] != FAMILY_OF_KIND[kept.kind]:
                return None
            changed.append(index)
    if not _SCRATCH_LOCK.acquire(blocking=False):  # another thread draws: render in full
        return None
    try:
        drawn = {index: _draw(plan, theme, index, when) for index in changed}
    finally:
        _SCRATCH_LOCK.release()
    replaced: dict[str, bytes] = {}
    slides: list[tuple[SlidePlan, dict[str, bytes], SlideShot | None]] = []
    shots: list[SlideShot] = []
    for index, (slide, (_, blobs, shot)) in enumerate(zip(plan.slides, last.slides,
                                                          strict=True)):
        assert shot is not None  # checked above
        if index in drawn:
            slide_xml, notes_xml, new_shot = drawn[index]
            if slide_xml is None or notes_xml is None:
                return None
            shot = dataclasses.replace(new_shot, slide_id=shot.slide_id)
            blobs = {name: _pick(name, blob, slide_xml, notes_xml)
                     for name, blob in blobs.items()}
            replaced.update((name[1:], blob) for name, blob in blobs.items())
        slides.append((slide, blobs, shot))
        shots.append(shot)
    from aligndeck.edits.digest import digest_of, encode, properties_xml
    from aligndeck.render.package import save_bytes, zipped
    from aligndeck.render.properties import extended_properties

    replaced[_APP] = extended_properties(plan)
    replaced[_CUSTOM] = properties_xml(encode(digest_of(tuple(shots), plan, theme)))
    names = {name for name, _ in last.members}
    if not names.issuperset(replaced):
        return None
    members = [(name, replaced.get(name, blob)) for name, blob in last.members]
    size = save_bytes(zipped(members, when), path)
    reuse.keep_drawn(reuse.Drawn(last.context, slides, len(plan.slides) - len(changed),
                                 members, last.deck))
    return size


def _plain(slide: SlidePlan) -> bool:
    """Whether a slide's only relationships are its layout and notes slide: reusable by
    render/reuse.py (no chart, no link) and no picture (an image part's bytes are read
    from its file at each render)."""
    return reuse.reusable(slide) and not any(isinstance(e, Picture) for e in slide.elements)


def _pick(name: str, kept: bytes, slide_xml: bytes, notes_xml: bytes) -> bytes:
    """A changed slide's part by name: its new slide or notes slide XML, or (for its
    relationships item) the kept bytes."""
    if name.endswith(".rels"):
        return kept
    return notes_xml if name.startswith("/ppt/notesSlides/") else slide_xml


def _draw(plan: DeckPlan, theme: Theme, index: int, when: dt.datetime
          ) -> tuple[bytes | None, bytes | None, SlideShot]:
    """Slide `index` of `plan` drawn into the scratch presentation: its XML, its notes
    slide's (None for either when its relationships are not the layout's and the notes
    slide's alone) and its snapshot (with the scratch's slide id); the scratch is left
    without slides."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from aligndeck.edits.snapshot import snapshot
    from aligndeck.render import pptx_writer as writer
    from aligndeck.render.slides import SlideAdder

    presentation, inherited, latent = _scratch_for(plan, theme)
    made = (plan.width, plan.height, theme)
    layouts = {family: (presentation.slide_layouts[number], slots)
               for family, (number, slots) in writer._BUILT_IN_LAYOUTS.items()}
    adder = SlideAdder(presentation, reuse.skeletons(made))
    given: dict[str, Any] = {
        "layouts": layouts, "theme": theme, "assets": {}, "adder": adder,
        "inherited": inherited, "latent": latent, "when": when, "reuse": reuse.Reuse(None)}
    # By name: a field added to the target later (another way of drawing) is left None,
    # drawing through python-pptx as every slide once was (the same bytes).
    fields: dict[str, Any] = {f.name: given.get(f.name)
                              for f in dataclasses.fields(writer._Target)}
    target = writer._Target(**fields)
    try:
        writer._render_slide(presentation, plan.slides[index], target, plan.language, index)
        shot = snapshot(presentation)[0]
        part = presentation.slides[0].part
        types = sorted(rel.reltype for rel in part.rels.values())
        if types != sorted((RT.SLIDE_LAYOUT, RT.NOTES_SLIDE)):
            return None, None, shot
        return part.blob, part.part_related_by(RT.NOTES_SLIDE).blob, shot
    finally:
        ids = presentation.slides._sldIdLst
        for entry in list(ids):
            ids.remove(entry)
            presentation.part.rels.pop(entry.rId)


def _scratch_for(plan: DeckPlan, theme: Theme) -> tuple[Any, dict[Any, Any], dict[Any, Any]]:
    """The scratch presentation of python-pptx's default package made `theme`'s at the
    plan's size (made once for each, the last one kept), and what was found of its
    layouts."""
    from pptx import Presentation

    from aligndeck.render.builtin import prepare_package

    key = (plan.width, plan.height, theme)
    if not _scratch or _scratch[0][0] != key:
        presentation = Presentation()
        prepare_package(presentation, plan, theme)
        _scratch[:] = [(key, presentation, {}, {})]
    return _scratch[0][1:]


def forget() -> None:
    """Drop the scratch presentation (a test's fresh start)."""
    with _SCRATCH_LOCK:
        _scratch.clear()
