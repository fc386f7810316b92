"""Templates read once per process: what was learnt from a template file, kept by its content.

`serve` and `watch` check the outline again on every save, and each check reads its
template. Learning a template (choosing layouts through python-pptx's slow inherited
placeholder lookups, drawing each layout's backdrop with Pillow) takes seconds for a big
one, and gives the same answer for the same bytes. So the answer is kept, keyed by a hash of
the file's bytes (and the limits the package check applied), and a later read of the same
bytes only hashes them. The presentation to build into is opened from the kept bytes when a
build first asks for it: drawing in the browser never needs it, and every build gets a fresh
one, since building adds its slides to it.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pptx import Presentation

from aligndeck.plan.theme import Theme
from aligndeck.render.xml import qn

T = TypeVar("T")

KEEP = 4
"""Templates kept at once: a project uses one; a test run or a batch may switch between a
few. Each costs its bytes (a big template is a few MB) and its backdrops."""


@dataclass
class LayoutChoice:
    """The layout a slide family uses and which placeholder fills each role."""

    layout: Any
    name: str
    master: int
    slots: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Learnt:
    """All a template's file told: its package (a .potx's content type already switched),
    its design as a Theme, each family's layout (by its place among every master's layouts)
    and the warnings for it. Never changed once made, so shared between reads."""

    package: bytes
    theme: Theme
    picks: tuple[tuple[str, int, str, int, tuple[tuple[str, int], ...], tuple[str, ...]], ...]
    """(family, place, layout name, master, slots, notes) for each family."""
    warnings: tuple[str, ...]
    worked_out: dict[Hashable, object] = field(default_factory=dict, compare=False,
                                               repr=False)
    """Values worked out from the template later, by `Template.kept`."""


class Template:
    """An opened template: the presentation to build into, its layouts and its Theme."""

    def __init__(self, learnt: Learnt, source: Path, presentation: Any = None,
                 choices: dict[str, LayoutChoice] | None = None) -> None:
        """`presentation` and its `choices`, when the caller has them open already (the
        first read of a template); otherwise both come from `learnt` when first asked."""
        self.learnt = learnt
        self.theme = learnt.theme
        self.warnings = list(learnt.warnings)
        self.source = source
        self._presentation = presentation
        self._choices = choices

    @property
    def presentation(self) -> Any:
        """The python-pptx presentation to build into, its sample slides removed; opened
        from the package on first use (a build adds slides to it: one per build)."""
        if self._presentation is None:
            self._presentation = open_presentation(self.learnt.package)
        return self._presentation

    @property
    def choices(self) -> dict[str, LayoutChoice]:
        """Each family's layout in this template's presentation, and its slots."""
        if self._choices is None:
            layouts = all_layouts(self.presentation)
            self._choices = {
                family: LayoutChoice(layouts[place][1], name, master, dict(slots), list(notes))
                for family, place, name, master, slots, notes in self.learnt.picks}
        return self._choices


    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, worked out once per process for this template's bytes and `key`, then
        kept with what was learnt from the template (for as long as it is kept). For what a
        renderer derives from the template alone, such as a layout drawn for the browser:
        `make` must depend on nothing but the template and `key`."""
        found = self.learnt.worked_out.get(key, _MISSING)
        if found is _MISSING:
            found = self.learnt.worked_out.setdefault(key, make())
        return found  # type: ignore[return-value]


_MISSING = object()


def open_presentation(package: bytes) -> Any:
    """The template's presentation, its sample slides removed."""
    from aligndeck.render.template_samples import carry_shared_look

    presentation = Presentation(io.BytesIO(package))
    carry_shared_look(presentation)
    remove_sample_slides(presentation)
    number_placeholders(presentation)
    return presentation


_TITLE_TYPES = ("title", "ctrTitle")


def number_placeholders(presentation: Any) -> None:
    """Give each layout placeholder that shares its idx with another (LibreOffice writes a
    subtitle's and a body's with none, so idx 0, the title's) an idx of its own, past the
    layout's highest: a slide's placeholders are matched to the layout's by idx, and two
    of one idx would take the same text. Titles keep theirs (PowerPoint matches a title by
    its type)."""
    for _, layout in all_layouts(presentation):
        found = list(layout.element.iter(qn("p:ph")))
        found.sort(key=lambda ph: ph.get("type", "body") not in _TITLE_TYPES)
        taken = {int(ph.get("idx", "0")) for ph in found if ph.get("idx", "0").isdigit()}
        seen: set[int] = set()
        for ph in found:
            value = ph.get("idx", "0")
            idx = int(value) if value.isdigit() else 0
            if idx in seen:
                idx = max(taken | seen) + 1
                ph.set("idx", str(idx))
                taken.add(idx)
            seen.add(idx)


def all_layouts(presentation: Any) -> list[tuple[int, Any]]:
    """Every master's layouts, in order, each with its master's index."""
    return [(m, layout) for m, master in enumerate(presentation.slide_masters)
            for layout in master.slide_layouts]


def remove_sample_slides(presentation: Any) -> None:
    """Drop the template's own slides, their relationships and their section entries."""
    id_list = presentation.slides._sldIdLst
    for slide_id in list(id_list):
        presentation.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    # Sections (p14:sectionLst) list slide ids: empty them, since their slides are gone.
    for section_list in presentation.part._element.iter("{*}sectionLst"):
        section_list.getparent().remove(section_list)
    ext_list = presentation.part._element.find(qn("p:extLst"))
    if ext_list is not None:
        for ext in list(ext_list):
            if len(ext) == 0:
                ext_list.remove(ext)
        if len(ext_list) == 0:
            ext_list.getparent().remove(ext_list)


def template_key(raw: bytes, name: str) -> Hashable:
    """What a learnt template is kept under: its file's bytes (hashed), its file name (the
    theme is named after it) and the limits in force (`ALIGNDECK_MAX_*`: a larger limit
    may let a template through that a smaller one refused)."""
    limits = tuple(sorted((key, value) for key, value in os.environ.items()
                          if key.startswith("ALIGNDECK_MAX_")))
    return hashlib.sha256(raw).hexdigest(), name, limits


_kept: OrderedDict[Hashable, Learnt] = OrderedDict()
_lock = threading.Lock()  # serve draws in worker threads


def recall(key: Hashable) -> Learnt | None:
    """What was learnt from a template with this key, if it is still kept."""
    with _lock:
        learnt = _kept.get(key)
        if learnt is not None:
            _kept.move_to_end(key)
        return learnt


def keep(key: Hashable, learnt: Learnt) -> None:
    """Keep what was learnt, forgetting the template least recently read beyond KEEP."""
    with _lock:
        _kept[key] = learnt
        _kept.move_to_end(key)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)


def forget_all() -> None:
    """Forget every kept template (for tests that count what a cold read does)."""
    with _lock:
        _kept.clear()
