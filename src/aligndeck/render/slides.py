"""Adding slides and notes slides in constant time: python-pptx's own steps, counters kept.

python-pptx looks up three things afresh for every slide it adds, each by scanning what
the package already holds, which makes a long deck quadratic (docs/notes/performance.md):
the next notes-slide part name (`OpcPackage.next_partname` walks every part), the next slide
id (`CT_SlideIdList._next_id` reads every id) and whether the presentation already relates
to the new slide (`relate_to` rebuilds a dict of every relationship). This layer does what
`Slides.add_slide` and `SlidePart.notes_slide` do, in the same order, with the same part
names, ids and relationship ids, but keeps those answers between calls. The placeholders
python-pptx clones onto the first slide of a layout (and onto the first notes slide) are
kept as a skeleton and copied onto the next ones: the same elements, without the lookups.

A slide written as text (render/slide_text.py) is added with `add_written`: its part holds
the bytes it was written as and parses them only if something asks for its tree.

One SlideAdder lives for one render: its counters are read from the package when it is
made, so a second build in the same process (watch mode) starts afresh. It relies on three
private python-pptx names (`Slides._sldIdLst`, `CT_SlideIdList._add_sldId`,
`_Relationships._add_relationship`, whose steps `_relate` takes for a written slide), here
and nowhere else.
"""

from __future__ import annotations

import copy
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_NotesSlide
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.slide import NotesSlidePart, SlidePart

from aligndeck.render import xml

_SP = "{http://schemas.openxmlformats.org/presentationml/2006/main}sp"
_SLIDE = "/ppt/slides/slide%d.xml"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NOTES = "/ppt/notesSlides/notesSlide%d.xml"
_NOTES_KEY = "notes"
"""The notes slide's skeleton among the layouts' (keyed by part name, which starts with /)."""


class _Written:
    """An XML part written as text: saved as those bytes; parsed (and serialized from the
    tree after) only when something asks for its tree (`_element`)."""

    _text: bytes | None = None
    _tree: Any = None

    @property
    def _element(self) -> Any:
        if self._tree is None and self._text is not None:
            self._tree = parse_xml(self._text)
        self._text = None  # the tree may be changed now: it is what is saved
        return self._tree

    @_element.setter
    def _element(self, value: Any) -> None:
        self._tree, self._text = value, None

    @property
    def blob(self) -> bytes:
        from pptx.opc.oxml import serialize_part_xml

        return self._text if self._text is not None else serialize_part_xml(self._element)


class WrittenSlidePart(_Written, SlidePart):  # type: ignore[override]
    def __init__(self, partname: PackURI, package: Any, text: bytes) -> None:
        super().__init__(partname, CT.PML_SLIDE, package, None)  # type: ignore[arg-type]
        self._text = text


class WrittenNotesPart(_Written, NotesSlidePart):  # type: ignore[override]
    def __init__(self, partname: PackURI, package: Any, text: bytes) -> None:
        super().__init__(partname, CT.PML_NOTES_SLIDE, package, None)  # type: ignore[arg-type]
        self._text = text


def _is_body(sp: Any) -> bool:
    ph = sp.find(f"{xml.qn('p:nvSpPr')}/{xml.qn('p:nvPr')}/{xml.qn('p:ph')}")
    return ph is not None and ph.get("type") == "body"


class SlideAdder:
    """Adds slides (with their layout's placeholders) and notes slides to a presentation."""

    def __init__(self, presentation: Any, skeletons: dict[str, Any] | None = None) -> None:
        """`skeletons` are those an earlier render of the same package made (its
        `skeletons`): the built-in package's layouts and notes master are the same."""
        self._part = presentation.part
        self._package = self._part.package
        self._ids = presentation.slides._sldIdLst  # the first access renames slide parts
        used = [int(i) for i in self._ids.xpath("./p:sldId/@id")]
        self._next_id = max([255, *used]) + 1
        self._notes_names: set[str] | None = None
        self._notes_master: Any = None
        self._skeletons: dict[str, list[Any]] = dict(skeletons or {})
        """Each layout's cloned placeholders, copied for every later slide on it."""
        self._notes_skeleton: Any = self._skeletons.pop(_NOTES_KEY, None)
        self._slides: dict[str, Any] = {}
        """Each layout's new slide with its skeleton's placeholders (the second slide
        on it as first made, the first in a warm render), copied whole for the next."""

    @property
    def skeletons(self) -> dict[str, Any]:
        """What this adder cloned, to give the next render of the same package; never
        changed after it is handed out (each slide gets copies)."""
        kept: dict[str, Any] = dict(self._skeletons)
        if self._notes_skeleton is not None:
            kept[_NOTES_KEY] = self._notes_skeleton
        return kept

    def add_slide(self, layout: Any) -> Any:
        """A new slide on `layout` at the end of the deck (= `Slides.add_slide`)."""
        partname = PackURI(_SLIDE % (len(self._ids) + 1))
        key = str(layout.part.partname)
        whole = self._slides.get(key)
        if whole is not None:  # what the steps below make, copied in one go
            slide_part = SlidePart(partname, CT.PML_SLIDE, self._package,
                                   copy.deepcopy(whole))
            slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        else:
            slide_part = SlidePart.new(partname, self._package, layout.part)  # type: ignore[no-untyped-call]
        # A brand-new part cannot be related yet: add, without python-pptx's search.
        rid = self._part.rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        if whole is None:
            tree = slide.shapes._spTree
            if key not in self._skeletons:
                slide.shapes.clone_layout_placeholders(layout)
                self._skeletons[key] = [copy.deepcopy(e) for e in tree.iterchildren(_SP)]
            else:
                for element in self._skeletons[key]:
                    tree.append(copy.deepcopy(element))
                self._slides[key] = copy.deepcopy(slide_part._element)
        self._ids._add_sldId(id=self._next_id, rId=rid)
        self._next_id += 1
        return slide

    def next_names(self) -> list[str]:
        """The part names the next slide, its relationships and its notes slide will get."""
        number = len(self._ids) + 1  # the relationships' name as `PackURI.rels_uri` has it
        return [_SLIDE % number, f"/ppt/slides/_rels/slide{number}.xml.rels",
                self.next_notes_name()]

    def skeleton(self, layout: Any) -> list[Any] | None:
        """The placeholders every new slide on `layout` starts with (never to be changed),
        once a slide on it was added; None before."""
        return self._skeletons.get(str(layout.part.partname))

    @property
    def notes_skeleton(self) -> Any:
        """The notes slide every new one starts as (never to be changed), once one was
        added; None before."""
        return self._notes_skeleton

    def add_written(self, layout: Any, slide: bytes, notes: bytes) -> int:
        """A slide written as text on `layout` and its notes slide, added as `add_slide`
        and `add_notes_slide` add theirs (the same names, relationships and ids); returns
        the slide id."""
        part = WrittenSlidePart(PackURI(_SLIDE % (len(self._ids) + 1)), self._package, slide)
        # Each relationship is of a new part, or a new one's: none can be there to reuse.
        _relate(part.rels, RT.SLIDE_LAYOUT, layout.part)
        rid = _relate(self._part.rels, RT.SLIDE, part)
        slide_id = self._next_id
        # What `_add_sldId(id=, rId=)` does, without its descriptors: a new element, its
        # attributes in that order, appended (nothing follows a slide id in the list).
        entry = OxmlElement("p:sldId")
        entry.set("id", str(slide_id))
        entry.set(_RID, rid)
        self._ids.append(entry)
        self._next_id += 1
        if self._notes_master is None:
            self._notes_master = self._part.notes_master_part
        notes_part = WrittenNotesPart(self._next_notes_name(), self._package, notes)
        _relate(notes_part.rels, RT.NOTES_MASTER, self._notes_master)
        _relate(notes_part.rels, RT.SLIDE, part)
        _relate(part.rels, RT.NOTES_SLIDE, notes_part)
        return slide_id

    def add_notes_slide(self, slide: Any) -> Any:
        """The slide's new notes slide, from the notes master (= `slide.notes_slide` on a
        slide that has none)."""
        if self._notes_master is None:
            self._notes_master = self._part.notes_master_part  # made on first use, as before
        master = self._notes_master
        skeleton = self._notes_skeleton
        element = CT_NotesSlide.new() if skeleton is None else copy.deepcopy(skeleton)
        notes_part = NotesSlidePart(self._next_notes_name(), CT.PML_NOTES_SLIDE,
                                    self._package, element)
        notes_part.relate_to(master, RT.NOTES_MASTER)
        notes_part.relate_to(slide.part, RT.SLIDE)
        if skeleton is None:
            notes_part.notes_slide.clone_master_placeholders(master.notes_master)
            self._notes_skeleton = copy.deepcopy(notes_part._element)
        slide.part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide

    def set_notes(self, slide: Any, text: str) -> None:
        """A new notes slide for `slide` holding `text`, a paragraph per line (what
        `notes_slide.notes_text_frame.text = text` does, without its placeholder search)."""
        notes = self.add_notes_slide(slide)
        body = next((sp for sp in notes._element.cSld.spTree.iterchildren(_SP)
                     if _is_body(sp)), None)
        if body is None:  # a notes master without a body placeholder: python-pptx's way
            notes.notes_text_frame.text = text
            return
        xml.set_plain_text(body.get_or_add_txBody(), text)

    def _next_notes_name(self) -> PackURI:
        name = self.next_notes_name()
        assert self._notes_names is not None
        self._notes_names.add(name)
        return PackURI(name)

    def next_notes_name(self) -> str:
        """The name the next notes slide will get: the lowest free notes-slide part name,
        as `next_partname` picks it; the package is walked once, on the first call."""
        names = self._notes_names
        if names is None:
            prefix = _NOTES.split("%")[0]
            names = self._notes_names = {str(part.partname) for part in
                                         self._package.iter_parts()
                                         if part.partname.startswith(prefix)}
        for number in range(len(names) + 1, 0, -1):
            name = _NOTES % number
            if name not in names:
                return name
        raise AssertionError("more notes slides than names: cannot happen")


def _relate(rels: Any, reltype: str, target: Any) -> str:
    """`rels._add_relationship(reltype, target)` for a part in the package: the same id
    (the first free one counting down from one past their number) and relationship, added
    without the lazy-property descriptors python-pptx reads on the way (four a call)."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.package import _Relationship

    by_id = rels._rels
    number = len(by_id) + 1
    while f"rId{number}" in by_id:
        number -= 1
    rid = f"rId{number}"
    by_id[rid] = _Relationship(rels._base_uri, rid, reltype, target_mode=RTM.INTERNAL,
                               target=target)
    return rid
