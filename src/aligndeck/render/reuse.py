"""Drawn slides kept from one render to the next in the same process (`watch`, `serve`).

A save usually changes one slide. Drawing a slide through python-pptx is most of a
rebuild's time, so the last render's slides are kept, as the bytes they were saved as,
keyed by their place in the deck and their plan. The next render still adds every slide
and notes slide (so part names, ids, relationships and their order are made exactly as
before), but a slide whose plan is equal to the kept one is not drawn: its slide, its
relationships and its notes slide are saved as the kept bytes. Those are the bytes drawing
it would give, because a slide's XML depends only on its plan, its place, the theme and
the layouts, all part of the key, and on nothing drawn on other slides.

A slide with pictures still relates its image parts, in its pictures' order, as drawing
them does (so media parts are named and ordered as before). Slides with charts are always
drawn: a chart adds parts of its own (the chart, its workbook). Decks built into a
template are never reused (its layouts are the template's, read afresh each time). The
store holds one deck: the last one rendered. It also keeps what python-pptx's default
package was made into for the built-in themes (master, layouts, theme part), by slide size
and theme, which every render of such a deck begins with.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from aligndeck.edits.snapshot import SlideShot
from aligndeck.plan.model import (
    Box,
    Chart,
    DeckPlan,
    Diagram,
    Element,
    SlidePlan,
    Table,
    Text,
    TextFrame,
)


@dataclass
class Drawn:
    """One render's slides: for each, its plan, the bytes of its parts by part name and
    its snapshot (edits/snapshot.py: what the digest of what was written read of it)."""

    context: object
    slides: list[tuple[SlidePlan, dict[str, bytes], SlideShot | None]] = field(
        default_factory=list)
    reused: int = 0
    """How many of its slides were saved from the render before it, not drawn."""
    members: list[tuple[str, bytes]] = field(default_factory=list)
    """Every member of the deck as zipped (name and bytes, in order)."""
    deck: object = None
    """What else its parts outside the slides were made from (`deck_key`)."""


def deck_key(plan: DeckPlan, when: object) -> object:
    """What a deck's parts other than its slides, notes slides and extended properties
    depend on beyond the render's context: its core properties (title, author, the
    build time), its sections and its slide count (the language is in the context)."""
    return (plan.title, plan.author, when, tuple(slide.section for slide in plan.slides))


_LOCK = threading.Lock()
_last: Drawn | None = None
_prepared: list[tuple[object, dict[str, bytes]]] = []
_skeletons: list[tuple[object, dict[str, object]]] = []


def forget() -> None:
    """Drop everything kept (a test's fresh start; never needed for correctness)."""
    global _last
    with _LOCK:
        _last = None
        _prepared.clear()
        _skeletons.clear()


def prepared(key: object) -> dict[str, bytes] | None:
    """The master, layouts and theme part (bytes by part name) that the built-in package
    was made into for `key` (slide size and theme) by an earlier render, if any."""
    with _LOCK:
        return next((parts for made_for, parts in _prepared if made_for == key), None)


def keep_prepared(key: object, parts: dict[str, bytes]) -> None:
    """Keep what the built-in package was made into for `key` (the last three kept)."""
    with _LOCK:
        _prepared[:] = [*_prepared[-2:], (key, parts)]


def skeletons(key: object) -> dict[str, object] | None:
    """The placeholders an earlier render cloned onto the first slide of each layout (and
    onto the first notes slide) of the built-in package made for `key` (render/slides.py)."""
    with _LOCK:
        return next((kept for made_for, kept in _skeletons if made_for == key), None)


def keep_skeletons(key: object, kept: dict[str, object]) -> None:
    """Keep a render's cloned placeholders for `key` (the last three kept)."""
    with _LOCK:
        _skeletons[:] = [*(k for k in _skeletons[-2:] if k[0] != key), (key, kept)]


def last_drawn() -> Drawn | None:
    """The slides of the last render in this process (of the built-in package; None
    after a template's)."""
    with _LOCK:
        return _last


def keep_drawn(drawn: Drawn) -> None:
    """Keep `drawn` as the last render's slides (render/rerender.py)."""
    global _last
    with _LOCK:
        _last = drawn


def reused_last() -> int:
    """How many slides the last render saved from kept bytes instead of drawing them."""
    with _LOCK:
        return _last.reused if _last is not None else 0


def reusable(plan: SlidePlan) -> bool:
    """Whether a slide may be saved from kept bytes: it has no chart and no hyperlink
    (pictures are related again by the render, see the module's docstring; a hyperlink's
    relationship is not, and what reads the slide before it is saved, the digest of what
    was written, would not find its target)."""
    return not any(isinstance(element, Chart) for element in plan.elements) and \
        not _links(plan.elements)


def _links(elements: tuple[Element, ...]) -> bool:
    """Whether any run of these elements (their frames, a diagram's boxes and labels, a
    table's cells) is a link."""
    for element in elements:
        if isinstance(element, Diagram):
            if _links(element.boxes + element.labels):
                return True
            continue
        frames: tuple[TextFrame | None, ...] = ()
        if isinstance(element, (Text, Box)):
            frames = (element.frame,)
        elif isinstance(element, Table):
            frames = tuple(cell for row in element.cells for cell in row)
        if any(run.link is not None for frame in frames if frame is not None
               for paragraph in frame.paragraphs for run in paragraph.runs):
            return True
    return False


class Reuse:
    """The kept slides one render may reuse, and what it draws, to keep for the next."""

    def __init__(self, context: object) -> None:
        self.context = context
        with _LOCK:
            last = _last
        self._kept = last.slides if last is not None and context is not None and \
            last.context == context else []
        self._drawn = Drawn(context) if context is not None else None
        self._parts: dict[int, list[str]] = {}
        self.overrides: dict[str, bytes] = {}
        """Part name -> the kept bytes to save instead of serializing it."""
        self.shots: dict[int, SlideShot] = {}
        """The kept snapshot of each slide taken from kept bytes, by its place."""
        self.members: list[tuple[str, bytes]] = []
        """Every member of the deck as saved (render/package.py fills it)."""

    def take(self, index: int, plan: SlidePlan, names: list[str]) -> bool:
        """Whether slide `index` (0-based) may be saved from its kept bytes; `names` are
        the part names of its slide, relationships and notes slide. Remembers which parts
        to keep of it either way."""
        self._parts[index] = names
        if index < len(self._kept) and reusable(plan):
            kept_plan, blobs, shot = self._kept[index]
            if kept_plan == plan and set(blobs) == set(names):
                self.overrides.update(blobs)
                if shot is not None:
                    self.shots[index] = shot
                return True
        return False

    def saved(self, plans: tuple[SlidePlan, ...], written: Mapping[str, bytes],
              shots: tuple[SlideShot, ...] = (), deck: object = None) -> None:
        """Keep what this render saved, each slide's snapshot and the members it zipped
        (`deck` is `deck_key`'s), for the next one."""
        global _last
        if self._drawn is None:
            with _LOCK:
                _last = None
            return
        self._drawn.reused = sum(1 for name in self.overrides if name.endswith(".xml.rels"))
        self._drawn.members, self._drawn.deck = self.members, deck
        for index, plan in enumerate(plans):
            names = self._parts.get(index, [])
            shot = shots[index] if index < len(shots) else None
            if reusable(plan) and names and all(name in written for name in names):
                self._drawn.slides.append((plan, {name: written[name] for name in names},
                                           shot))
            else:
                self._drawn.slides.append((plan, {}, None))
        with _LOCK:
            _last = self._drawn


