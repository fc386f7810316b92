"""Slides of text in placeholders written as markup straight from the plan, with the
snapshot the digest keeps of them (edits/snapshot.py) made from what was written.

Most slides of a long deck are a title, bullets, a footer and a slide number, each in a
placeholder of the slide's layout, and a notes slide. Drawn through python-pptx, each
slide's placeholders are copied, renamed, moved and filled element by element, and the
digest then reads every slide back. Here the markup of each placeholder, as the drawing
would leave it, is worked out once per layout, placeholder and kind of change, by making
those very changes (render/pptx_writer.py's, in its order) on a copy with marked values,
serializing it as python-pptx saves a part and cutting it at the marks; a slide is then the
pieces joined with its own values, escaped as lxml escapes them. So a slide written here is
the slide drawn, byte for byte (tests/test_slide_text.py compares whole decks both ways).

A slide that is anything else goes to python-pptx's drawing: a shape that is not text in a
placeholder, click builds, a link (a relationship the digest would read), a placeholder
filled twice, text no XML may hold, and the first slide on each layout (whose placeholders,
footer and slide number python-pptx clones first, to be copied after).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml.slide import CT_Slide

from aligndeck.edits.snapshot import (
    RunShot,
    ShapeShot,
    SlideShot,
    normal,
    notes_body,
    placeholder_look,
)
from aligndeck.plan.model import Paragraph, SlidePlan, Text
from aligndeck.plan.theme import Theme
from aligndeck.render import xml
from aligndeck.render.paragraphs import RunSpec
from aligndeck.render.runs import ANCHOR_VALUE, paragraph_markup, placeholder_look_of
from aligndeck.render.slides import SlideAdder

_SP, _SPPR, _TXBODY, _BODYPR, _CNVPR, _NVSPPR, _P = map(xml.qn, (
    "p:sp", "p:spPr", "p:txBody", "a:bodyPr", "p:cNvPr", "p:nvSpPr", "a:p"))
_PH = f"{_NVSPPR}/{xml.qn('p:nvPr')}/{xml.qn('p:ph')}"
_MARK = "aligndeck:cut"
_HOLE = re.compile("@aligndeck:(id|name|x|y|cx|cy|left|top|right|bottom|anchor)@")
_PARAGRAPH_HEAD = f'<a:p xmlns:a="{xml.A}" xmlns:r="{xml.R}">'
# What lxml escapes when it saves text and attribute values (a carriage return would be
# read back as a line feed, a tab or line end in an attribute as a space).
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_NOT_WRITTEN = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0D, 0x20)])
"""Characters XML cannot hold (lxml refuses them: such a slide is drawn, and fails, as
before), and a carriage return left raw in an attribute (a typeface), which a parser
would read as a space (text and names have theirs escaped); with U+FFFE, U+FFFF and lone
surrogates (which UTF-8 cannot encode)."""
_NOT_CHARACTERS = ("\ufffe".encode(), "\uffff".encode())


def _encoded(markup: str) -> bytes | None:
    """`markup` in UTF-8, or None when it holds what XML cannot (`_NOT_WRITTEN`). No byte
    of a character beyond ASCII is below 0x80 in UTF-8: deleting the control bytes finds
    the control characters (a quicker scan than a regular expression's)."""
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if len(data.translate(None, _NOT_WRITTEN)) != len(data) or \
            any(bad in data for bad in _NOT_CHARACTERS):
        return None
    return data


def placeholder_elements(shapes: Iterable[Any]) -> dict[int, Any]:
    """The placeholder `p:sp` elements among `shapes`, by idx (the last of an idx wins)."""
    found = {}
    for sp in shapes:
        if sp.tag != _SP:
            continue
        ph = sp.find(_PH)
        if ph is not None:
            found[int(ph.get("idx", "0"))] = sp
    return found


def inherited_rect(sppr: Any, layout: Any, idx: int,
                   known: dict[tuple[str, int], tuple[int, int, int, int] | None]
                   ) -> tuple[int, int, int, int] | None:
    """A placeholder's rectangle: its own, or (asked once per layout and placeholder, kept
    in `known`, as python-pptx's lookup through layout and master is slow) the one it
    inherits."""
    xfrm = sppr.find(xml.qn("a:xfrm"))
    if xfrm is not None:
        off, ext = xfrm.find(xml.qn("a:off")), xfrm.find(xml.qn("a:ext"))
        return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    key = (str(layout.part.partname), idx)
    if key not in known:
        source = next((ph for ph in layout.placeholders
                       if ph.placeholder_format.idx == idx), None)
        known[key] = None if source is None or source.left is None else (
            int(source.left), int(source.top), int(source.width), int(source.height))
    return known[key]


@dataclass(frozen=True)
class _Shape:
    """A placeholder's markup as drawn, cut where its values go."""

    pieces: tuple[str, ...]
    """Text before each value, then before the paragraphs, then after them."""
    holes: tuple[str, ...]
    kind: str | None
    box: tuple[int, int, int, int] | None
    """Its box in the snapshot when it is not moved."""
    style: str


def _cut(root: Any) -> list[str]:
    """The part `root` as python-pptx saves it, cut at the marks put in it."""
    text: str = serialize_part_xml(root).decode("utf-8")
    return text.split(f"<!--{_MARK}-->")


class TextSlides:
    """Writes one render's slides of placeholder text; `shots` are their snapshots."""

    def __init__(self, adder: SlideAdder, theme: Theme, latent: dict[tuple[str, int], Any],
                 inherited: dict[tuple[str, int], tuple[int, int, int, int] | None]) -> None:
        """`latent` and `inherited` are the render's own: the footer and slide-number
        placeholders python-pptx cloned, by layout and idx, and the inherited boxes."""
        self._adder, self._theme, self._latent, self._inherited = \
            adder, theme, latent, inherited
        self._shapes: dict[tuple[str, int, bool, bool], _Shape] = {}
        self._layouts: dict[str, tuple[dict[int, Any], dict[int, int], int]] = {}
        self._rects: dict[tuple[str, int, bool], tuple[int, int, int, int] | None] = {}
        self._names: dict[str, str] = {}
        self._notes: tuple[str, str] | None = None
        self._no_notes = False
        self.shots: dict[int, SlideShot] = {}
        head, tail = _cut(self._frame())
        self._head, self._tail = head, tail

    @staticmethod
    def _frame() -> Any:
        """A new slide as python-pptx makes it, marked where its shapes go."""
        root = CT_Slide.new()
        root.find(f"{xml.qn('p:cSld')}/{xml.qn('p:spTree')}").append(etree.Comment(_MARK))
        return root

    def write(self, index: int, plan: SlidePlan, layout: Any, slots: dict[str, int],
              language: str) -> bool:
        """Add slide `index` (0-based) of `plan` on `layout` written as text, if it is a slide
        this can write; False (nothing added) when it must be drawn."""
        skeleton = self._adder.skeleton(layout)
        notes = self._notes_pieces()
        if skeleton is None or notes is None or plan.builds:
            return False
        key = str(layout.part.partname)
        placeholders, order, last_id = self._layout(key, skeleton)
        written: list[tuple[int, str, ShapeShot | None]] = []
        used: set[int] = set()
        # Title first, as drawing orders them (render/pptx_writer.py).
        for element in sorted(plan.elements, key=lambda e: not (
                isinstance(e, Text) and e.placeholder == "title")):
            idx = slots.get(element.placeholder or "") if isinstance(element, Text) else None
            if not isinstance(element, Text) or idx is None or idx in used:
                return False
            used.add(idx)
            name = self._names.get(element.name)
            if name is None:
                name = self._names[element.name] = element.name.translate(_ATTR)
            values = {"name": name}  # escaped: every other value is digits or a word
            if idx in placeholders:
                source, latent, place = placeholders[idx], False, order[idx]
            else:
                source = self._latent.get((key, idx))
                if source is None:  # not cloned yet, or the layout has none
                    return False
                last_id += 1
                values["id"], latent, place = str(last_id), True, len(skeleton) + last_id
            rect = (element.rect.x, element.rect.y, element.rect.w, element.rect.h)
            if (key, idx, latent) not in self._rects:  # the same source each time
                self._rects[(key, idx, latent)] = inherited_rect(
                    source.find(_SPPR), layout, idx, self._inherited)
            moved = self._rects[(key, idx, latent)] != rect
            if moved:
                values.update(x=str(rect[0]), y=str(rect[1]), cx=str(rect[2]),
                              cy=str(rect[3]))
            shape = self._shape(key, idx, latent, moved, source)
            sides = xml.body_sides(max(0, element.frame.inset), element.frame.narrowed)
            values.update(zip(("left", "top", "right", "bottom"), sides, strict=True),
                          anchor=ANCHOR_VALUE[element.frame.anchor])
            paragraphs, shots = [], []
            look = placeholder_look_of(self._theme, plan.kind, element)
            for paragraph in element.frame.paragraphs or (Paragraph(()),):
                markup, runs = paragraph_markup(paragraph, self._theme, language,
                                                element.styled, None, look)
                if any(run.link for run in paragraph.runs):
                    return False  # a link's relationship: drawn
                # Saved from a tree, an empty element closes itself: a run's properties
                # with nothing inside (a template's, unstyled) are `<a:rPr …/>`. An
                # attribute's quote then the end tag is only that (text escapes ">");
                # nothing else of the markup can be empty.
                paragraphs.append("<a:p>" + markup[len(_PARAGRAPH_HEAD):].replace(
                    '"></a:rPr>', '"/>'))
                shots.append(_run_shots(runs))
            pieces = [shape.pieces[0]]
            for hole, piece in zip(shape.holes, shape.pieces[1:], strict=False):
                pieces += [values[hole], piece]
            pieces += [*paragraphs, shape.pieces[-1]]
            shot = None if shape.kind is None else ShapeShot(
                shape.kind, element.name, rect if moved else shape.box, shape.style,
                tuple(shots))
            written.append((place, "".join(pieces), shot))
        written.sort(key=lambda item: item[0])
        slide = self._head + "".join(markup for _, markup, _ in written) + self._tail
        lines = plan.notes.split("\n")
        notes_text = notes[0] + "".join(
            f"<a:p><a:r><a:t>{line.translate(_TEXT)}</a:t></a:r></a:p>" if line else "<a:p/>"
            for line in lines) + notes[1]
        slide_data, notes_data = _encoded(slide), _encoded(notes_text)
        if slide_data is None or notes_data is None:
            return False
        slide_id = self._adder.add_written(layout, slide_data, notes_data)
        ranks: dict[str, int] = {}
        shapes = []
        for _, _, shot in written:
            if shot is not None:
                ranks[shot.key] = ranks.get(shot.key, 0) + 1
                shapes.append(ShapeShot(f"placeholder:{shot.key}:{ranks[shot.key]}",
                                        shot.name, shot.box, shot.style, shot.paragraphs))
        self.shots[index] = SlideShot(slide_id, tuple(shapes), "\n".join(
            text for text in (normal(line) for line in lines) if text))
        return True

    def _layout(self, key: str, skeleton: list[Any]
                ) -> tuple[dict[int, Any], dict[int, int], int]:
        """A new slide on the layout `key`: its placeholders by idx, their places, and its
        largest shape id (a latent placeholder gets the next, as `xml.next_shape_id`
        gives it); worked out once per layout."""
        if key not in self._layouts:
            root = CT_Slide.new()
            tree = root.find(f"{xml.qn('p:cSld')}/{xml.qn('p:spTree')}")
            for sp in skeleton:
                tree.append(copy.deepcopy(sp))
            placeholders = placeholder_elements(skeleton)
            places = {number: sp for number, sp in enumerate(skeleton)}
            order = {idx: next(n for n, sp in places.items() if sp is element)
                     for idx, element in placeholders.items()}
            self._layouts[key] = (placeholders, order, xml.next_shape_id(tree) - 1)
        return self._layouts[key]

    def _shape(self, key: str, idx: int, latent: bool, moved: bool, source: Any) -> _Shape:
        """The placeholder `source` (a copy of the layout's, or of its latent footer or slide
        number) as drawing changes it, marked and cut (kept per layout, idx and change)."""
        found = self._shapes.get((key, idx, latent, moved))
        if found is not None:
            return found
        root = self._frame()
        sp = copy.deepcopy(source)
        cnvpr = sp.find(_NVSPPR).find(_CNVPR)
        if latent:  # as render/pptx_writer.py's _latent, then its drawing
            cnvpr.set("id", "@aligndeck:id@")
        tree = root.find(f"{xml.qn('p:cSld')}/{xml.qn('p:spTree')}")
        tree.append(sp)
        tree.append(etree.Comment(_MARK))
        sppr = sp.find(_SPPR)
        if moved:
            xml.set_xfrm(sppr, *(f"@aligndeck:{hole}@"  # type: ignore[arg-type]
                                 for hole in ("x", "y", "cx", "cy")))
        cnvpr.set("name", "@aligndeck:name@")
        body = sp.find(_TXBODY)
        body = sp.get_or_add_txBody() if body is None else body
        xml.set_body(body.find(_BODYPR), anchor="@aligndeck:anchor@", sides=(
            "@aligndeck:left@", "@aligndeck:top@", "@aligndeck:right@", "@aligndeck:bottom@"))
        for old in body.findall(_P):
            body.remove(old)
        body.append(etree.Comment(_MARK))
        _, markup, after, _ = _cut(root)
        cut = _HOLE.split(markup)
        kind, box, style = placeholder_look(source)  # what moving it leaves (its box unmoved)
        shape = _Shape((*cut[0::2], after), tuple(cut[1::2]), kind, box, style)
        self._shapes[(key, idx, latent, moved)] = shape
        return shape

    def _notes_pieces(self) -> tuple[str, str] | None:
        """A new notes slide's markup before and after its paragraphs of notes, once one
        was drawn; None before, or when its notes are not where the snapshot reads them."""
        if self._notes is None and not self._no_notes and \
                self._adder.notes_skeleton is not None:
            root = copy.deepcopy(self._adder.notes_skeleton)
            body = next((sp for sp in root.cSld.spTree.iterchildren(_SP)
                         if (ph := sp.find(_PH)) is not None and ph.get("type") == "body"),
                        None)
            if body is None or notes_body(root) is not body:
                self._no_notes = True
                return None
            text = body.get_or_add_txBody()
            for old in text.findall(_P):
                text.remove(old)
            text.append(etree.Comment(_MARK))
            head, tail = _cut(root)
            self._notes = (head, tail)
        return self._notes


def _run_shots(runs: list[RunSpec]) -> tuple[RunShot, ...]:
    """What the snapshot reads of a paragraph's runs: each run's text (a line break as its
    own run), bold, italic and typeface; a field (the slide number) not at all."""
    shots: list[RunShot] = []
    for spec in runs:
        if spec.slide_number:
            continue
        for number, part in enumerate(spec.text.split("\v")):
            if number:
                shots.append(RunShot("\n"))
            shots.append(RunShot(part, spec.bold is True, bool(spec.italic), spec.font or ""))
    return tuple(shots)
